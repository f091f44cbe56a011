//! The official app's validation rules (CONTRACT.md), as data the form shows in words.

use super::{Field, FormValues};
use crate::i18n::{t, tf, Msg};
use crate::profile::{parse_iso_date, Gender, STATES};

/// What the API expects for each field: phone numbers and PIN codes lose the spaces and
/// dashes people type, and a phone number the +91, 91 or 0 in front of its 10 digits.
pub fn normalised(field: Field, raw: &str) -> String {
    let trimmed = raw.trim();
    match field {
        Field::Phone => national_number(&without_separators(trimmed)),
        Field::Zip => without_separators(trimmed),
        _ => trimmed.to_string(),
    }
}

fn without_separators(text: &str) -> String {
    text.chars().filter(|c| !matches!(c, ' ' | '-' | '\u{a0}')).collect()
}

/// An Indian mobile number as usually written ("+91 98765 43210", "098765 43210",
/// "919876543210") to its 10 digits; anything else is left as it is, for the rule to refuse.
fn national_number(compact: &str) -> String {
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let national = match compact.len() {
        13 => compact.strip_prefix("+91"),
        12 => compact.strip_prefix("91"),
        11 => compact.strip_prefix('0'),
        _ => None,
    };
    match national {
        Some(rest) if all_digits(rest) => rest.to_string(),
        _ => compact.to_string(),
    }
}

/// A date as `(y, m, d)`, to compare birth dates with today.
pub type Ymd = (u32, u32, u32);

/// What is wrong with a field. Kept as data, so the words follow the language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// One of the official rules, in the app's words.
    Rule(Msg),
    TooLong(usize),
    /// The server's own sentence, shown as sent.
    Server(String),
}

impl Problem {
    pub fn text(&self) -> String {
        match self {
            Problem::Rule(msg) => t(*msg),
            Problem::TooLong(n) => tf(Msg::UseAtMostChars, &[("n", &n.to_string())]),
            Problem::Server(text) => text.clone(),
        }
    }
}

/// The official app's rules (CONTRACT.md). `None` when valid.
pub fn check(field: Field, raw: &str, today: Ymd) -> Option<Problem> {
    let value = normalised(field, raw);
    let required = field.required();
    if value.is_empty() {
        let rule = match field {
            Field::FirstName => Msg::EnterFirstName,
            Field::Email => Msg::EnterEmail,
            _ => Msg::EnterPhone,
        };
        return required.then_some(Problem::Rule(rule));
    }
    let digits = |n: usize| value.len() == n && value.bytes().all(|b| b.is_ascii_digit());
    let rule = match field {
        Field::Email if !is_email(&value) => Msg::EmailShape,
        Field::Phone if !digits(10) => Msg::PhoneShape,
        Field::Zip if !digits(6) => Msg::PinShape,
        Field::BirthDate => match parse_iso_date(&value) {
            None => Msg::DateShape,
            Some(date) if date > today => Msg::DateInFuture,
            Some((year, _, _)) if year < 1900 => Msg::DateBefore1900,
            Some(_) => return None,
        },
        Field::Gender if !value.parse::<u8>().is_ok_and(|c| Gender::ALL.iter().any(|g| g.code() == c)) => {
            Msg::ChooseListedOption
        }
        Field::State if !value.parse::<usize>().is_ok_and(|c| c < STATES.len()) => Msg::ChooseListedState,
        _ if value.chars().count() > field.max_chars() => return Some(Problem::TooLong(field.max_chars())),
        _ => return None,
    };
    Some(Problem::Rule(rule))
}

/// One `@`, something before it, a dotted domain after it, no spaces.
pub fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else { return false };
    !local.is_empty()
        && !domain.contains('@')
        && !s.chars().any(char::is_whitespace)
        && domain.split('.').count() >= 2
        && domain.split('.').all(|part| !part.is_empty() && !part.starts_with('-') && !part.ends_with('-'))
}

/// Every problem in the form, in the form's order.
pub fn check_all(values: &FormValues, today: Ymd) -> Vec<(Field, Problem)> {
    Field::ALL
        .into_iter()
        .filter(|f| f.editable())
        .filter_map(|f| check(f, values.get(f), today).map(|m| (f, m)))
        .collect()
}
