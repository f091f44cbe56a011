//! The edit form as data: its fields, the official app's validation rules, the PUT payload,
//! and the draft kept while editing. No browser here, so all of it is unit-tested.

use crate::profile::{parse_iso_date, state_code, Gender, Profile, STATES};
use serde_json::{json, Map, Value};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    FirstName,
    LastName,
    Email,
    Phone,
    BirthDate,
    Gender,
    Address1,
    Address2,
    City,
    State,
    Zip,
}

impl Field {
    /// In the order the form shows them (and so the order errors are focused in).
    pub const ALL: [Field; 11] = [
        Field::FirstName,
        Field::LastName,
        Field::Email,
        Field::Phone,
        Field::BirthDate,
        Field::Gender,
        Field::Address1,
        Field::Address2,
        Field::City,
        Field::State,
        Field::Zip,
    ];

    /// The API's name for the field (also the input's `id` and `name`).
    pub fn api_name(self) -> &'static str {
        match self {
            Field::FirstName => "first_name",
            Field::LastName => "last_name",
            Field::Email => "email",
            Field::Phone => "phone",
            Field::BirthDate => "birth_date",
            Field::Gender => "gender",
            Field::Address1 => "address1",
            Field::Address2 => "address2",
            Field::City => "city",
            Field::State => "state_choices",
            Field::Zip => "zip",
        }
    }

    pub fn from_api_name(name: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.api_name() == name)
    }

    pub fn label(self) -> &'static str {
        match self {
            Field::FirstName => "First name",
            Field::LastName => "Last name",
            Field::Email => "Email",
            Field::Phone => "Phone",
            Field::BirthDate => "Birth date",
            Field::Gender => "Gender",
            Field::Address1 => "Address line 1",
            Field::Address2 => "Address line 2",
            Field::City => "City",
            Field::State => "State",
            Field::Zip => "PIN code",
        }
    }

    pub fn autocomplete(self) -> &'static str {
        match self {
            Field::FirstName => "given-name",
            Field::LastName => "family-name",
            Field::Email => "email",
            Field::Phone => "tel",
            Field::BirthDate => "bday",
            Field::Gender => "sex",
            Field::Address1 => "address-line1",
            Field::Address2 => "address-line2",
            Field::City => "address-level2",
            Field::State => "address-level1",
            Field::Zip => "postal-code",
        }
    }

    /// `(input type, inputmode)`; `None` type for the two selects.
    pub fn input(self) -> Option<(&'static str, Option<&'static str>)> {
        match self {
            Field::Email => Some(("email", Some("email"))),
            Field::Phone => Some(("tel", Some("tel"))),
            Field::BirthDate => Some(("date", None)),
            Field::Zip => Some(("text", Some("numeric"))),
            Field::Gender | Field::State => None,
            _ => Some(("text", None)),
        }
    }

    pub fn max_chars(self) -> usize {
        match self {
            Field::FirstName | Field::LastName => 30,
            Field::Email => 254,
            Field::City => 100,
            Field::Phone => 10,
            Field::Zip => 6,
            _ => 255,
        }
    }

    pub fn hint(self) -> Option<&'static str> {
        match self {
            Field::Phone => Some("10 digits, for example 9043570576."),
            Field::Zip => Some("6 digits."),
            _ => None,
        }
    }
}

/// Every field as the form holds it: text, with gender and state as their code ("" = not set).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FormValues(pub [String; 11]);

impl FormValues {
    pub fn get(&self, field: Field) -> &str {
        &self.0[index(field)]
    }

    pub fn set(&mut self, field: Field, value: String) {
        self.0[index(field)] = value;
    }

    pub fn from_profile(p: &Profile) -> FormValues {
        let mut values = FormValues::default();
        for field in Field::ALL {
            let value = match field {
                Field::FirstName => p.first_name.clone(),
                Field::LastName => p.last_name.clone(),
                Field::Email => p.email.clone(),
                Field::Phone => p.phone.clone(),
                // Only a real date can prefill a date input.
                Field::BirthDate => parse_iso_date(&p.birth_date).map(|_| p.birth_date.clone()).unwrap_or_default(),
                Field::Gender => p.gender.map(|g| g.code().to_string()).unwrap_or_default(),
                Field::Address1 => p.address1.clone(),
                Field::Address2 => p.address2.clone(),
                Field::City => p.city.clone(),
                Field::State => state_code(&p.state).map(|c| c.to_string()).unwrap_or_default(),
                Field::Zip => p.zip.clone(),
            };
            values.set(field, value);
        }
        values
    }
}

fn index(field: Field) -> usize {
    Field::ALL.iter().position(|f| *f == field).expect("every field is in ALL")
}

/// What the API expects for each field; phone numbers lose spaces and dashes people type.
pub fn normalised(field: Field, raw: &str) -> String {
    let trimmed = raw.trim();
    match field {
        Field::Phone | Field::Zip => trimmed.chars().filter(|c| !matches!(c, ' ' | '-')).collect(),
        _ => trimmed.to_string(),
    }
}

/// A date as `(y, m, d)`, to compare birth dates with today.
pub type Ymd = (u32, u32, u32);

/// The official app's rules (CONTRACT.md), in words for the student. `None` when valid.
pub fn check(field: Field, raw: &str, today: Ymd) -> Option<String> {
    let value = normalised(field, raw);
    let required = matches!(field, Field::FirstName | Field::Email | Field::Phone);
    if value.is_empty() {
        return required.then(|| match field {
            Field::FirstName => "Enter your first name.".to_string(),
            Field::Email => "Enter your email address.".to_string(),
            _ => "Enter your phone number.".to_string(),
        });
    }
    let digits = |n: usize| value.len() == n && value.bytes().all(|b| b.is_ascii_digit());
    match field {
        Field::Email if !is_email(&value) => Some("Enter an email address like name@example.com.".into()),
        Field::Phone if !digits(10) => Some("Enter a phone number of exactly 10 digits.".into()),
        Field::Zip if !digits(6) => Some("Enter a PIN code of exactly 6 digits.".into()),
        Field::BirthDate => match parse_iso_date(&value) {
            None => Some("Enter a date as YYYY-MM-DD, for example 1994-08-27.".into()),
            Some(date) if date > today => Some("Enter a birth date that is not in the future.".into()),
            Some((year, _, _)) if year < 1900 => Some("Enter a birth date after 1900.".into()),
            Some(_) => None,
        },
        Field::Gender if !value.parse::<u8>().is_ok_and(|c| Gender::ALL.iter().any(|g| g.code() == c)) => {
            Some("Choose one of the listed options.".into())
        }
        Field::State if !value.parse::<usize>().is_ok_and(|c| c < STATES.len()) => {
            Some("Choose one of the listed states.".into())
        }
        _ if value.chars().count() > field.max_chars() => {
            Some(format!("Use at most {} characters.", field.max_chars()))
        }
        _ => None,
    }
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
pub fn check_all(values: &FormValues, today: Ymd) -> Vec<(Field, String)> {
    Field::ALL.into_iter().filter_map(|f| check(f, values.get(f), today).map(|m| (f, m))).collect()
}

/// The PUT body: only the fields that differ from what the server last sent. The API treats
/// PUT as a partial update, so this never overwrites a field the student did not touch
/// (for instance one changed meanwhile on their phone), and a save never fails on an old
/// stored value the student did not edit.
pub fn payload(values: &FormValues, base: &FormValues) -> Map<String, Value> {
    let mut body = Map::new();
    for field in Field::ALL {
        let (new, old) = (normalised(field, values.get(field)), normalised(field, base.get(field)));
        if new == old {
            continue;
        }
        let value = match field {
            Field::Gender | Field::State => new.parse::<u64>().map_or(json!(""), |c| json!(c)),
            Field::BirthDate if new.is_empty() => Value::Null,
            _ => json!(new),
        };
        body.insert(field.api_name().to_string(), value);
    }
    body
}

/// A stored draft that is not one this version wrote (edited by hand, truncated, another format).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DamagedDraft;

/// Unsaved edits, kept in `sessionStorage` so a reload or a new sign-in brings them back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub user_id: u64,
    pub values: FormValues,
}

impl Draft {
    pub fn to_json(&self) -> String {
        let fields: Map<String, Value> =
            Field::ALL.into_iter().map(|f| (f.api_name().to_string(), json!(self.values.get(f)))).collect();
        json!({ "version": 1, "user_id": self.user_id, "fields": fields }).to_string()
    }

    /// `Err` for anything that is not a draft this version wrote: the caller discards it.
    pub fn from_json(text: &str) -> Result<Draft, DamagedDraft> {
        let value: Value = serde_json::from_str(text).map_err(|_| DamagedDraft)?;
        if value.get("version").and_then(Value::as_u64) != Some(1) {
            return Err(DamagedDraft);
        }
        let user_id = value.get("user_id").and_then(Value::as_u64).ok_or(DamagedDraft)?;
        let fields = value.get("fields").and_then(Value::as_object).ok_or(DamagedDraft)?;
        let mut values = FormValues::default();
        for field in Field::ALL {
            let text = fields.get(field.api_name()).and_then(Value::as_str).ok_or(DamagedDraft)?;
            if text.chars().count() > 1000 {
                return Err(DamagedDraft);
            }
            values.set(field, text.to_string());
        }
        Ok(Draft { user_id, values })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TODAY: Ymd = (2026, 11, 27);

    fn divya() -> Profile {
        let json = serde_json::from_str(include_str!("fixtures/me.json")).unwrap();
        Profile::from_json(&json, "https://app.example").unwrap()
    }

    #[test]
    fn prefills_codes_from_names() {
        let values = FormValues::from_profile(&divya());
        assert_eq!(values.get(Field::Gender), "2");
        assert_eq!(values.get(Field::State), "31");
        assert_eq!(values.get(Field::BirthDate), "1994-08-27");
        assert_eq!(values.get(Field::LastName), "");
        let odd = Profile { birth_date: "27/08/1994".into(), state: "Atlantis".into(), ..Profile::default() };
        let values = FormValues::from_profile(&odd);
        assert_eq!((values.get(Field::BirthDate), values.get(Field::State)), ("", ""));
    }

    #[test]
    fn the_documented_profile_is_valid() {
        assert_eq!(check_all(&FormValues::from_profile(&divya()), TODAY), vec![]);
    }

    #[test]
    fn each_rule_with_valid_and_invalid_examples() {
        let valid = [
            (Field::FirstName, "Divya"),
            (Field::LastName, ""),
            (Field::Email, "a.b@mail.example.in"),
            (Field::Phone, "9043570576"),
            (Field::Phone, "90435 70576"),
            (Field::Phone, "90435-70576"),
            (Field::BirthDate, ""),
            (Field::BirthDate, "2000-02-29"),
            (Field::BirthDate, "2026-11-27"),
            (Field::Gender, ""),
            (Field::Gender, "3"),
            (Field::State, "0"),
            (Field::State, "36"),
            (Field::Zip, ""),
            (Field::Zip, "600069"),
            (Field::City, "Thiruvananthapuram"),
        ];
        for (field, value) in valid {
            assert_eq!(check(field, value, TODAY), None, "{field:?} = {value:?}");
        }
        let invalid = [
            (Field::FirstName, "  ", "Enter your first name."),
            (Field::FirstName, &"x".repeat(31), "Use at most 30 characters."),
            (Field::Email, "", "Enter your email address."),
            (Field::Email, "divya@gmail", "Enter an email address like name@example.com."),
            (Field::Email, "divya gmail.com", "Enter an email address like name@example.com."),
            (Field::Phone, "", "Enter your phone number."),
            (Field::Phone, "904357057", "Enter a phone number of exactly 10 digits."),
            (Field::Phone, "+919043570576", "Enter a phone number of exactly 10 digits."),
            (Field::Phone, "90435705ab", "Enter a phone number of exactly 10 digits."),
            (Field::Zip, "60006", "Enter a PIN code of exactly 6 digits."),
            (Field::Zip, "6000 69a", "Enter a PIN code of exactly 6 digits."),
            (Field::BirthDate, "1994-02-30", "Enter a date as YYYY-MM-DD, for example 1994-08-27."),
            (Field::BirthDate, "2026-11-28", "Enter a birth date that is not in the future."),
            (Field::BirthDate, "1850-01-01", "Enter a birth date after 1900."),
            (Field::Gender, "4", "Choose one of the listed options."),
            (Field::State, "37", "Choose one of the listed states."),
            (Field::Address1, &"a".repeat(256), "Use at most 255 characters."),
        ];
        for (field, value, message) in invalid {
            assert_eq!(check(field, value, TODAY).as_deref(), Some(message), "{field:?} = {value:?}");
        }
    }

    #[test]
    fn errors_come_in_form_order() {
        let mut values = FormValues::from_profile(&divya());
        values.set(Field::Zip, "1".into());
        values.set(Field::Email, "x".into());
        let fields: Vec<Field> = check_all(&values, TODAY).into_iter().map(|(f, _)| f).collect();
        assert_eq!(fields, [Field::Email, Field::Zip]);
    }

    #[test]
    fn payload_holds_only_changes_with_codes() {
        let base = FormValues::from_profile(&divya());
        assert!(payload(&base, &base).is_empty());
        let mut values = base.clone();
        values.set(Field::LastName, "Raman".into());
        values.set(Field::Gender, "".into());
        values.set(Field::State, "18".into());
        values.set(Field::BirthDate, "".into());
        values.set(Field::Phone, " 90435 70577 ".into());
        values.set(Field::City, "Chennai ".into());
        let body = Value::Object(payload(&values, &base));
        assert_eq!(
            body,
            json!({"last_name": "Raman", "gender": "", "state_choices": 18, "birth_date": null, "phone": "9043570577"})
        );
    }

    #[test]
    fn drafts_round_trip_and_junk_is_refused() {
        let mut values = FormValues::from_profile(&divya());
        values.set(Field::FirstName, "Dívya 🌟 <b>".into());
        let draft = Draft { user_id: 17, values };
        assert_eq!(Draft::from_json(&draft.to_json()), Ok(draft.clone()));
        let long = draft.to_json().replace("Chennai", &"x".repeat(2000));
        for junk in ["", "null", "{}", "[1]", "{\"version\": 2}", r#"{"version":1,"user_id":17,"fields":{}}"#, &long] {
            assert_eq!(Draft::from_json(junk), Err(DamagedDraft), "{junk:.40}");
        }
    }

    #[test]
    fn server_field_names_map_back() {
        assert_eq!(Field::from_api_name("state_choices"), Some(Field::State));
        assert_eq!(Field::from_api_name("zip"), Some(Field::Zip));
        assert_eq!(Field::from_api_name("photo"), None);
        assert!(Field::ALL.iter().all(|f| Field::from_api_name(f.api_name()) == Some(*f)));
    }
}
