//! The edit form as data: its fields and their groups (`field`), the official app's
//! validation rules (`rules`), the PUT payload, and the server's field errors mapped back onto
//! fields. No browser here, so all of it is unit-tested. The draft kept while editing is in
//! `draft`.

pub mod draft;
mod field;
mod rules;

pub use field::{Field, Group};
pub use rules::{check, check_all, is_email, normalised, Problem, Ymd};

use crate::api_error::FieldErrors;
use crate::profile::{parse_iso_date, state_code, Profile};
use serde::ser::{Serialize, SerializeMap, Serializer};

/// Every field as the form holds it: text, with gender and state as their code ("" = not set).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FormValues(pub [String; 11]);

impl FormValues {
    pub fn get(&self, field: Field) -> &str {
        &self.0[field as usize]
    }

    pub fn set(&mut self, field: Field, value: String) {
        self.0[field as usize] = value;
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

/// The server's 400 mapped onto the form: each known field's messages beside it, in form
/// order, and everything else (unknown fields, `non_field_errors`) as general sentences.
pub fn server_problems(errors: &FieldErrors) -> (Vec<(Field, Problem)>, Vec<String>) {
    let mut by_field = Vec::new();
    let mut general = errors.general.clone();
    for (name, messages) in &errors.fields {
        match Field::from_api_name(name) {
            Some(field) if field.editable() => by_field.push((field, Problem::Server(messages.join(" ")))),
            // Unknown fields, and ones the form only shows (email): said by the Save button.
            _ => general.extend(messages.iter().cloned()),
        }
    }
    by_field.sort_by_key(|(f, _)| *f as usize);
    (by_field, general)
}

/// A value as the PUT sends it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sent {
    Text(String),
    /// Gender and state: a number.
    Code(u64),
    /// Gender, state or birth date cleared: `""`, as the Android app sends them.
    Blank,
}

/// The PUT body: the changed fields in form order, written as a JSON object.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Payload(pub Vec<(Field, Sent)>);

impl Payload {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Serialize for Payload {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (field, value) in &self.0 {
            match value {
                Sent::Text(text) => map.serialize_entry(field.api_name(), text)?,
                Sent::Code(code) => map.serialize_entry(field.api_name(), code)?,
                Sent::Blank => map.serialize_entry(field.api_name(), "")?,
            }
        }
        map.end()
    }
}

/// The PUT body: only the fields that differ from what the server last sent. The API treats
/// PUT as a partial update, so this never overwrites a field the student did not touch
/// (for instance one changed meanwhile on their phone), and a save never fails on an old
/// stored value the student did not edit.
pub fn payload(values: &FormValues, base: &FormValues) -> Payload {
    let mut body = Vec::new();
    for field in Field::ALL.into_iter().filter(|f| f.editable()) {
        let (new, old) = (normalised(field, values.get(field)), normalised(field, base.get(field)));
        if new == old {
            continue;
        }
        let value = match field {
            Field::Gender | Field::State => new.parse::<u64>().map_or(Sent::Blank, Sent::Code),
            Field::BirthDate if new.is_empty() => Sent::Blank,
            _ => Sent::Text(new),
        };
        body.push((field, value));
    }
    Payload(body)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::divya;

    const TODAY: Ymd = (2026, 11, 27);

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
            (Field::Phone, "+91 98765 43210"),
            (Field::Phone, "+91-98765-43210"),
            (Field::Phone, "098765 43210"),
            (Field::Phone, "91 98765 43210"),
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
            (Field::Phone, "+449043570576", "Enter a phone number of exactly 10 digits."),
            (Field::Phone, "+91 98765 4321", "Enter a phone number of exactly 10 digits."),
            (Field::Phone, "0098765 43210", "Enter a phone number of exactly 10 digits."),
            (Field::Phone, "+91+9876543210", "Enter a phone number of exactly 10 digits."),
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
            assert_eq!(check(field, value, TODAY).map(|p| p.text()).as_deref(), Some(message), "{field:?} = {value:?}");
        }
    }

    #[test]
    fn indian_numbers_as_usually_written_are_sent_as_their_10_digits() {
        for written in ["+91 98765 43210", "+91-98765-43210", "098765 43210", "919876543210", " 98765\u{a0}43210 "] {
            assert_eq!(normalised(Field::Phone, written), "9876543210", "{written:?}");
        }
        // Not a national number: left as typed, for the rule to refuse.
        assert_eq!(normalised(Field::Phone, "+44 98765 43210"), "+449876543210");
    }

    #[test]
    fn errors_come_in_form_order() {
        let mut values = FormValues::from_profile(&divya());
        values.set(Field::Zip, "1".into());
        values.set(Field::Phone, "x".into());
        // Email is not the student's to change, so an odd stored one never blocks a save.
        values.set(Field::Email, "x".into());
        let fields: Vec<Field> = check_all(&values, TODAY).into_iter().map(|(f, _)| f).collect();
        assert_eq!(fields, [Field::Phone, Field::Zip]);
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
        values.set(Field::Zip, "600 070".into());
        values.set(Field::Email, "changed@example.com".into());
        let body = serde_json::to_string(&payload(&values, &base)).unwrap();
        // Cleared values go as `""` (as Android sends them), and email never goes at all.
        assert_eq!(
            body,
            r#"{"last_name":"Raman","phone":"9043570577","state_choices":18,"zip":"600070","birth_date":"","gender":""}"#
        );
    }

    #[test]
    fn server_errors_land_beside_their_fields_in_form_order() {
        let errors = FieldErrors {
            fields: vec![
                ("zip".into(), vec!["Bad PIN.".into()]),
                ("phone".into(), vec!["Taken.".into(), "Really.".into()]),
                ("photo".into(), vec!["Not here.".into()]),
            ],
            general: vec!["Please review your details.".into()],
        };
        let (by_field, general) = server_problems(&errors);
        assert_eq!(
            by_field,
            [
                (Field::Phone, Problem::Server("Taken. Really.".into())),
                (Field::Zip, Problem::Server("Bad PIN.".into()))
            ]
        );
        assert_eq!(general, ["Please review your details.", "Not here."]);
        assert_eq!(server_problems(&FieldErrors::default()), (vec![], vec![]));
    }

    #[test]
    fn fields_are_grouped_and_states_sorted_with_others_last() {
        let grouped: Vec<Field> = Group::ALL.into_iter().flat_map(Group::fields).collect();
        assert_eq!(grouped, Field::ALL, "groups hold every field once, in form order");
        let states = Field::State.options();
        assert_eq!(states.len(), 37);
        assert_eq!(states.first().map(|(c, n)| (c.as_str(), n.as_str())), Some(("1", "Andaman and Nicobar Islands")));
        assert_eq!(states.last().map(|(c, n)| (c.as_str(), n.as_str())), Some(("0", "Others")));
        assert!(states.iter().any(|(c, n)| c == "36" && n == "Telangana"), "spelled right, code kept");
        let names: Vec<&str> = states[..36].iter().map(|(_, n)| n.as_str()).collect();
        assert!(names.windows(2).all(|w| w[0] < w[1]), "{names:?}");
    }

    #[test]
    fn server_field_names_map_back() {
        assert_eq!(Field::from_api_name("state_choices"), Some(Field::State));
        assert_eq!(Field::from_api_name("zip"), Some(Field::Zip));
        assert_eq!(Field::from_api_name("photo"), None);
        assert!(Field::ALL.iter().all(|f| Field::from_api_name(f.api_name()) == Some(*f)));
    }
}
