//! The user model as the app needs it, parsed leniently from any of the API's shapes:
//! `/me/` (gender and state as names), `/users/{id}/` (public subset), and the PUT answer
//! (gender and `state_choices` as codes). Missing fields, nulls, wrong types and unknown
//! fields never fail a parse: only a body that is not a JSON object does.

use serde_json::Value;

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

    pub fn label(self) -> &'static str {
        match self {
            Gender::Male => "Male",
            Gender::Female => "Female",
            Gender::Transgender => "Transgender",
        }
    }

    /// Accepts the name (any case) or the code, as a number or a numeric string.
    pub fn from_json(value: &Value) -> Option<Gender> {
        let code = match value {
            Value::Number(n) => n.as_u64(),
            Value::String(s) => {
                let s = s.trim();
                if let Some(g) = Gender::ALL.into_iter().find(|g| g.label().eq_ignore_ascii_case(s)) {
                    return Some(g);
                }
                s.parse().ok()
            }
            _ => None,
        }?;
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

/// The state code for a name (any case), if Testpress has one.
pub fn state_code(name: &str) -> Option<u8> {
    let name = name.trim();
    STATES.iter().position(|s| s.eq_ignore_ascii_case(name)).map(|i| i as u8)
}

/// The state's name from `state` (a name) or `state_choices` (a code). An unknown name is
/// kept as the text the server sent; an unknown code is dropped.
fn state_from(object: &serde_json::Map<String, Value>) -> String {
    if let Some(name) = object.get("state").and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty()) {
        return name.to_string();
    }
    let code = match object.get("state_choices") {
        Some(Value::Number(n)) => n.as_u64(),
        Some(Value::String(s)) => s.trim().parse().ok(),
        _ => None,
    };
    code.and_then(|c| STATES.get(c as usize)).map(|s| s.to_string()).unwrap_or_default()
}

/// The five square variants, largest first; `""` when absent or not a safe http(s) URL.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Images {
    pub large: String,
    pub medium: String,
    pub small: String,
    pub x_small: String,
    pub mini: String,
}

impl Images {
    /// `(url, width)` for each variant present, smallest first.
    pub fn variants(&self) -> Vec<(&str, u32)> {
        [(&self.mini, 24), (&self.x_small, 32), (&self.small, 48), (&self.medium, 128), (&self.large, 256)]
            .into_iter()
            .filter(|(url, _)| !url.is_empty())
            .map(|(url, w)| (url.as_str(), w))
            .collect()
    }

    pub fn is_empty(&self) -> bool {
        self.variants().is_empty()
    }
}

/// Only absolute http(s) URLs may become an image source, matching the app's CSP
/// (`img-src 'self' https:`): https from anywhere, plain http only from the page's own origin
/// (`own_origin`, e.g. `http://127.0.0.1:8080` in development). `javascript:`, `data:`,
/// relative or garbage values are dropped, and the avatar shows initials instead.
pub fn safe_image_url(raw: &str, own_origin: &str) -> String {
    let url = raw.trim();
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    let own = !own_origin.is_empty()
        && url.len() > own_origin.len()
        && url[..own_origin.len()].eq_ignore_ascii_case(own_origin)
        && url[own_origin.len()..].starts_with('/');
    let scheme_ok = lower.starts_with("https://") || (lower.starts_with("http://") && own);
    let clean = !url.chars().any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>' | '\\'));
    let has_host = url.split("://").nth(1).is_some_and(|rest| !rest.is_empty() && !rest.starts_with('/'));
    if scheme_ok && clean && has_host && url.len() <= 2048 {
        url.to_string()
    } else {
        String::new()
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Profile {
    /// Absent in the PUT answer.
    pub id: Option<u64>,
    pub username: String,
    pub display_name: String,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub phone: String,
    /// As sent (`YYYY-MM-DD`), or `""`.
    pub birth_date: String,
    pub gender: Option<Gender>,
    pub address1: String,
    pub address2: String,
    pub city: String,
    pub zip: String,
    /// The state's name, or `""`.
    pub state: String,
    pub images: Images,
    pub batches: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotAnObject;

/// Text from a field: strings trimmed, numbers written out, anything else empty.
fn text(object: &serde_json::Map<String, Value>, key: &str) -> String {
    match object.get(key) {
        Some(Value::String(s)) => s.trim().to_string(),
        Some(Value::Number(n)) => n.to_string(),
        _ => String::new(),
    }
}

impl Profile {
    /// `own_origin`: the page's origin, the one place plain-http images may come from.
    pub fn from_json(value: &Value, own_origin: &str) -> Result<Profile, NotAnObject> {
        let object = value.as_object().ok_or(NotAnObject)?;
        let image = |key: &str| safe_image_url(&text(object, key), own_origin);
        let mut profile = Profile {
            id: object.get("id").and_then(|v| v.as_u64().or_else(|| v.as_str()?.parse().ok())).filter(|id| *id > 0),
            username: text(object, "username"),
            display_name: text(object, "display_name"),
            first_name: text(object, "first_name"),
            last_name: text(object, "last_name"),
            email: text(object, "email"),
            phone: text(object, "phone"),
            birth_date: text(object, "birth_date"),
            gender: object.get("gender").and_then(Gender::from_json),
            address1: text(object, "address1"),
            address2: text(object, "address2"),
            city: text(object, "city"),
            zip: text(object, "zip"),
            state: state_from(object),
            images: Images {
                large: image("large_image"),
                medium: image("medium_image"),
                small: image("small_image"),
                x_small: image("x_small_image"),
                mini: image("mini_image"),
            },
            batches: match object.get("batches") {
                Some(Value::Array(items)) => items
                    .iter()
                    .filter_map(|b| match b {
                        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
                        // Some APIs send batches as objects; show their name if they have one.
                        Value::Object(o) => o.get("name").and_then(Value::as_str).map(|s| s.trim().to_string()),
                        _ => None,
                    })
                    .filter(|s| !s.is_empty())
                    .collect(),
                _ => Vec::new(),
            },
        };
        if profile.display_name.is_empty() {
            profile.display_name = profile.full_name();
        }
        Ok(profile)
    }

    /// Takes the PUT answer (`self`, which has no id, username or batches) onto the profile
    /// it updated, and works the display name out as the server does.
    pub fn merged_into(mut self, before: &Profile) -> Profile {
        self.id = before.id;
        self.username = before.username.clone();
        self.batches = before.batches.clone();
        self.display_name = self.full_name();
        self
    }

    fn full_name(&self) -> String {
        let joined = format!("{} {}", self.first_name, self.last_name);
        let joined = joined.trim();
        if joined.is_empty() {
            self.username.clone()
        } else {
            joined.to_string()
        }
    }

    /// What to call this person: the display name, else their name, else "Student".
    pub fn name(&self) -> &str {
        if !self.display_name.is_empty() {
            &self.display_name
        } else if !self.username.is_empty() {
            &self.username
        } else {
            "Student"
        }
    }
}

/// Up to two letters for the avatar fallback: first letters of the first two words, as
/// written. The stylesheet shows them in capitals (`text-transform`), which spares the
/// bundle Rust's Unicode case tables (6 KB brotli).
pub fn initials(name: &str) -> String {
    let letters: String = name.split_whitespace().filter_map(|w| w.chars().next()).take(2).collect();
    if letters.is_empty() {
        "?".to_string()
    } else {
        letters
    }
}

/// `1994-08-27` → `27 Aug 1994`; `None` for anything that is not a real date.
pub fn human_date(iso: &str) -> Option<String> {
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let (year, month, day) = parse_iso_date(iso)?;
    Some(format!("{day} {} {year}", MONTHS[month as usize - 1]))
}

/// `(year, month, day)` of a real calendar date written `YYYY-MM-DD`.
pub fn parse_iso_date(iso: &str) -> Option<(u32, u32, u32)> {
    let bytes = iso.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let number = |range: std::ops::Range<usize>| -> Option<u32> {
        let part = iso.get(range)?;
        part.bytes().all(|b| b.is_ascii_digit()).then(|| part.parse().ok())?
    };
    let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (year >= 1 && (1..=days_in_month).contains(&day)).then_some((year, month, day))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The published `/me/` example, verbatim.
    const DOCS_ME: &str = include_str!("fixtures/me.json");
    /// The published PUT answer, verbatim.
    const DOCS_PUT: &str = include_str!("fixtures/put_response.json");

    #[test]
    fn parses_the_documented_me_example() {
        let p = Profile::from_json(&serde_json::from_str(DOCS_ME).unwrap(), "https://app.example").unwrap();
        assert_eq!(p.id, Some(17));
        assert_eq!((p.username.as_str(), p.name()), ("testpress", "Divya"));
        assert_eq!(p.gender, Some(Gender::Female));
        assert_eq!(p.state, "Tamil Nadu");
        assert_eq!(p.batches.len(), 11);
        assert_eq!(p.batches[7], "UPSC Morning  Batch", "text is kept as sent");
        assert_eq!(p.images.variants().len(), 5);
        assert_eq!(human_date(&p.birth_date).as_deref(), Some("27 Aug 1994"));
    }

    #[test]
    fn parses_the_documented_put_answer_with_codes() {
        let p = Profile::from_json(&serde_json::from_str(DOCS_PUT).unwrap(), "https://app.example").unwrap();
        assert_eq!(p.id, None);
        assert_eq!(p.gender, Some(Gender::Female), "gender code 2");
        assert_eq!(p.state, "Tamil Nadu", "state_choices 31");
        assert_eq!(p.name(), "John Appleseed", "no display_name: built from the names");
    }

    #[test]
    fn a_put_answer_merges_onto_the_profile_it_updated() {
        let before = Profile::from_json(&serde_json::from_str(DOCS_ME).unwrap(), "https://app.example").unwrap();
        let answer = Profile::from_json(&serde_json::from_str(DOCS_PUT).unwrap(), "https://app.example").unwrap();
        let after = answer.merged_into(&before);
        assert_eq!((after.id, after.username.as_str(), after.batches.len()), (Some(17), "testpress", 11));
        assert_eq!(after.name(), "John Appleseed");
        let nameless = Profile::default().merged_into(&before);
        assert_eq!(nameless.name(), "testpress", "falls back to the username, like the server");
    }

    #[test]
    fn tolerates_missing_null_and_wrong_typed_fields() {
        let p = Profile::from_json(&json!({}), "https://app.example").unwrap();
        assert_eq!(p, Profile { display_name: String::new(), ..Profile::default() });
        assert_eq!(p.name(), "Student");
        let weird = json!({
            "id": "18", "first_name": null, "last_name": ["x"], "username": 42, "gender": "unknown",
            "state_choices": 99, "batches": [null, 3, "", "  A  ", {"name": "B"}], "zip": 600069,
            "large_image": null, "medium_image": {"url": "x"}, "extra": {"nested": true}
        });
        let p = Profile::from_json(&weird, "https://app.example").unwrap();
        assert_eq!(p.id, Some(18));
        assert_eq!(p.username, "42");
        assert_eq!(p.name(), "42");
        assert_eq!((p.gender, p.state.as_str(), p.zip.as_str()), (None, "", "600069"));
        assert_eq!(p.batches, ["A", "B"]);
        assert!(p.images.is_empty());
        for not_object in [json!(null), json!([1]), json!("me"), json!(17)] {
            assert_eq!(Profile::from_json(&not_object, "https://app.example"), Err(NotAnObject));
        }
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
            assert_eq!(Gender::from_json(&value), expected, "{value}");
        }
        assert_eq!(Gender::ALL.map(Gender::code), [1, 2, 3]);
    }

    #[test]
    fn states_from_names_and_codes() {
        assert_eq!(STATES.len(), 37);
        assert_eq!(state_code("Tamil Nadu"), Some(31));
        assert_eq!(state_code("telengana"), Some(36));
        assert_eq!(state_code("Others"), Some(0));
        assert_eq!(state_code("Atlantis"), None);
        let state = |v: Value| state_from(v.as_object().unwrap());
        assert_eq!(state(json!({"state_choices": 0})), "Others");
        assert_eq!(state(json!({"state_choices": "18"})), "Kerala");
        assert_eq!(state(json!({"state_choices": ""})), "");
        assert_eq!(state(json!({"state": "Atlantis"})), "Atlantis", "an unknown name is shown as sent");
        assert_eq!(state(json!({"state": "", "state_choices": 10})), "Delhi");
    }

    #[test]
    fn only_https_or_own_origin_image_urls_survive() {
        let own = "http://127.0.0.1:8080";
        assert_eq!(safe_image_url("https://cdn.example/a.jpeg", own), "https://cdn.example/a.jpeg");
        assert_eq!(safe_image_url("http://127.0.0.1:8080/media/a.jpeg", own), "http://127.0.0.1:8080/media/a.jpeg");
        for bad in [
            "http://cdn.example/a.jpeg",
            "http://127.0.0.1:8000/media/a.jpeg",
            "http://127.0.0.1:8080.evil.example/a.jpeg",
            "http://127.0.0.1:8080",
            "javascript:alert(1)",
            "JAVASCRIPT:alert(1)",
            "data:image/png;base64,AAAA",
            "/media/a.jpeg",
            "https://",
            "https:///x",
            "https://a b",
            "https://a\"onerror=\"x",
            "garbage",
            "",
        ] {
            assert_eq!(safe_image_url(bad, own), "", "{bad}");
            assert_eq!(safe_image_url(bad, "https://app.example"), "", "{bad}");
        }
    }

    #[test]
    fn initials_and_dates() {
        assert_eq!(initials("Vinoth Kumar"), "VK");
        assert_eq!(initials("divya"), "d", "capitals come from the stylesheet");
        assert_eq!(initials("A B C"), "AB");
        assert_eq!(initials("  "), "?");
        assert_eq!(initials("éclair ünder"), "éü");
        assert_eq!(human_date("2000-02-29").as_deref(), Some("29 Feb 2000"));
        assert_eq!(human_date("2001-12-01").as_deref(), Some("1 Dec 2001"));
        for bad in ["1900-02-29", "1994-13-01", "1994-00-10", "27-08-1994", "", "1994-08-27T00:00", "１９９４-08-27"]
        {
            assert_eq!(human_date(bad), None, "{bad}");
        }
    }
}
