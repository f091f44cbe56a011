//! The API's closed lists: genders (names on GET, codes on PUT) and states (`state_choices`
//! codes in Testpress's order and spelling).

use crate::lenient::Scalar;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    Male,
    Female,
    Transgender,
}

impl Gender {
    pub const ALL: [Gender; 3] = [Gender::Male, Gender::Female, Gender::Transgender];

    pub fn code(self) -> u8 {
        match self {
            Gender::Male => 1,
            Gender::Female => 2,
            Gender::Transgender => 3,
        }
    }

    /// The API's name for it (what `/me/` sends).
    pub fn api_name(self) -> &'static str {
        match self {
            Gender::Male => "Male",
            Gender::Female => "Female",
            Gender::Transgender => "Transgender",
        }
    }

    /// Accepts the name (any case) or the code, as a number or a numeric string.
    pub fn from_scalar(value: &Scalar) -> Option<Gender> {
        if let Some(name) = value.as_str().map(str::trim) {
            if let Some(g) = Gender::ALL.into_iter().find(|g| g.api_name().eq_ignore_ascii_case(name)) {
                return Some(g);
            }
        }
        let code = value.code()?;
        Gender::ALL.into_iter().find(|g| u64::from(g.code()) == code)
    }
}

/// `state_choices` codes, in Testpress's order and spelling.
pub const STATES: [&str; 37] = [
    "Others",
    "Andaman and Nicobar Islands",
    "Andhra Pradesh",
    "Arunachal Pradesh",
    "Assam",
    "Bihar",
    "Chandigarh",
    "Chhattisgarh",
    "Dadra and Nagar Haveli",
    "Daman and Diu",
    "Delhi",
    "Goa",
    "Gujarat",
    "Haryana",
    "Himachal Pradesh",
    "Jammu and Kashmir",
    "Jharkhand",
    "Karnataka",
    "Kerala",
    "Lakshadweep",
    "Madhya Pradesh",
    "Maharashtra",
    "Manipur",
    "Meghalaya",
    "Mizoram",
    "Nagaland",
    "Odisha",
    "Punjab",
    "Pondicherry",
    "Rajasthan",
    "Sikkim",
    "Tamil Nadu",
    "Tripura",
    "Uttar Pradesh",
    "Uttarakhand",
    "West Bengal",
    "Telengana",
];

/// The state code for a name (any case, either spelling), if Testpress has one.
pub fn state_code(name: &str) -> Option<u8> {
    let name = name.trim();
    STATES
        .iter()
        .position(|s| s.eq_ignore_ascii_case(name) || state_display_name(s).eq_ignore_ascii_case(name))
        .map(|i| i as u8)
}

/// How a state's name is shown: Testpress's spelling, corrected where it is wrong.
pub fn state_display_name(name: &str) -> &str {
    match name {
        "Telengana" => "Telangana",
        other => other,
    }
}

/// The state's name from `state` (a name) or `state_choices` (a code). An unknown name is
/// kept as the text the server sent; an unknown code is dropped.
pub(super) fn state_from(name: &Scalar, code: &Scalar) -> String {
    let name = name.trimmed();
    if !name.is_empty() {
        return name;
    }
    code.code().and_then(|c| STATES.get(usize::try_from(c).ok()?)).map(|s| s.to_string()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// A value as the API would send it, read as a lenient field reads it.
    fn j(value: serde_json::Value) -> Scalar {
        serde_json::from_value(value).unwrap()
    }

    #[test]
    fn gender_from_names_and_codes() {
        for (value, expected) in [
            (json!("Male"), Some(Gender::Male)),
            (json!("female"), Some(Gender::Female)),
            (json!("Transgender"), Some(Gender::Transgender)),
            (json!(1), Some(Gender::Male)),
            (json!("3"), Some(Gender::Transgender)),
            (json!(""), None),
            (json!(4), None),
            (json!(null), None),
            (json!(true), None),
        ] {
            assert_eq!(Gender::from_scalar(&j(value.clone())), expected, "{value}");
        }
        assert_eq!(Gender::ALL.map(Gender::code), [1, 2, 3]);
    }

    #[test]
    fn states_from_names_and_codes() {
        assert_eq!(STATES.len(), 37);
        assert_eq!(state_code("Tamil Nadu"), Some(31));
        assert_eq!(state_code("telengana"), Some(36));
        assert_eq!(state_code("Telangana"), Some(36));
        assert_eq!(state_display_name("Telengana"), "Telangana");
        assert_eq!(state_code("Others"), Some(0));
        assert_eq!(state_code("Atlantis"), None);
        let state = |v: serde_json::Value| state_from(&j(v["state"].clone()), &j(v["state_choices"].clone()));
        assert_eq!(state(json!({"state_choices": 0})), "Others");
        assert_eq!(state(json!({"state_choices": "18"})), "Kerala");
        assert_eq!(state(json!({"state_choices": ""})), "");
        assert_eq!(state(json!({"state": "Atlantis"})), "Atlantis", "an unknown name is shown as sent");
        assert_eq!(state(json!({"state": "", "state_choices": 10})), "Delhi");
    }
}
