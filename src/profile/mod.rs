//! The user model as the app needs it, parsed leniently from any of the API's shapes:
//! `/me/` (gender and state as names), `/users/{id}/` (public subset), and the PUT answer
//! (gender and `state_choices` as codes). Missing fields, nulls, wrong types and unknown
//! fields never fail a parse: only a body that is not a JSON object does.

mod choices;
mod images;
mod wire;

pub use crate::iso_date::parse_iso_date;
pub use choices::{state_code, state_display_name, Gender, STATES};
pub use images::{safe_image_url, Images};

use crate::lenient::{self, Scalar};
use choices::state_from;
pub use wire::{Batches, WireProfile};

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

impl Profile {
    /// Reads any of the API's user shapes. `own_origin`: the page's origin, the one place
    /// plain-http images may come from.
    pub fn parse(text: &str, own_origin: &str) -> Result<Profile, NotAnObject> {
        let wire: WireProfile = lenient::parse(text).map_err(|_| NotAnObject)?;
        Ok(Profile::from_wire(&wire, own_origin))
    }

    pub fn from_wire(wire: &WireProfile, own_origin: &str) -> Profile {
        let image = |url: &Scalar| safe_image_url(&url.text(), own_origin);
        let mut profile = Profile {
            id: wire.id.code().filter(|id| *id > 0),
            username: wire.username.text(),
            display_name: wire.display_name.text(),
            first_name: wire.first_name.text(),
            last_name: wire.last_name.text(),
            email: wire.email.text(),
            phone: wire.phone.text(),
            birth_date: wire.birth_date.text(),
            gender: Gender::from_scalar(&wire.gender),
            address1: wire.address1.text(),
            address2: wire.address2.text(),
            city: wire.city.text(),
            zip: wire.zip.text(),
            state: state_from(&wire.state, &wire.state_choices),
            images: Images {
                large: image(&wire.large_image),
                medium: image(&wire.medium_image),
                small: image(&wire.small_image),
                x_small: image(&wire.x_small_image),
                mini: image(&wire.mini_image),
            },
            batches: wire.batches.0.clone(),
        };
        if profile.display_name.is_empty() {
            profile.display_name = profile.full_name();
        }
        profile
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

    /// What this person is called: the display name, else their username (`None` when the
    /// server sent neither; src/components/labels.rs then says "Student").
    pub fn known_name(&self) -> Option<&str> {
        [&self.display_name, &self.username].into_iter().find(|n| !n.is_empty()).map(String::as_str)
    }

    /// The profile in `/me/`'s shape, which `from_wire` reads back: how it is kept offline.
    pub fn to_wire(&self) -> WireProfile {
        let text = |s: &String| Scalar::Text(s.clone());
        WireProfile {
            id: self.id.map_or(Scalar::Null, Scalar::Whole),
            username: text(&self.username),
            display_name: text(&self.display_name),
            first_name: text(&self.first_name),
            last_name: text(&self.last_name),
            email: text(&self.email),
            phone: text(&self.phone),
            birth_date: text(&self.birth_date),
            gender: Scalar::Text(self.gender.map_or("", Gender::api_name).to_string()),
            address1: text(&self.address1),
            address2: text(&self.address2),
            city: text(&self.city),
            zip: text(&self.zip),
            state: text(&self.state),
            state_choices: Scalar::Missing,
            large_image: text(&self.images.large),
            medium_image: text(&self.images.medium),
            small_image: text(&self.images.small),
            x_small_image: text(&self.images.x_small),
            mini_image: text(&self.images.mini),
            batches: Batches(self.batches.clone()),
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

/// Divya, the published `/me/` example (src/fixtures/me.json), as the app reads it: the
/// profile the other modules' tests start from.
#[cfg(test)]
pub fn divya() -> Profile {
    Profile::parse(include_str!("../fixtures/me.json"), "https://app.example").unwrap()
}

#[cfg(test)]
mod tests {
    use super::*;

    use serde_json::json;

    /// `serde_json::json!` for readable tests, as the text an answer would be.
    fn j(value: serde_json::Value) -> String {
        value.to_string()
    }

    fn kept_text(p: &Profile) -> String {
        serde_json::to_string(&p.to_wire()).unwrap()
    }

    /// The published `/me/` example, verbatim.
    const DOCS_ME: &str = include_str!("../fixtures/me.json");
    /// The published PUT answer, verbatim.
    const DOCS_PUT: &str = include_str!("../fixtures/put_response.json");

    #[test]
    fn parses_the_documented_me_example() {
        let p = Profile::parse(DOCS_ME, "https://app.example").unwrap();
        assert_eq!(p.id, Some(17));
        assert_eq!((p.username.as_str(), p.known_name().unwrap_or_default()), ("testpress", "Divya"));
        assert_eq!(p.gender, Some(Gender::Female));
        assert_eq!(p.state, "Tamil Nadu");
        assert_eq!(p.batches.len(), 11);
        assert_eq!(p.batches[7], "UPSC Morning  Batch", "text is kept as sent");
        assert_eq!(p.images.variants().len(), 5);
        assert_eq!(p.birth_date, "1994-08-27");
    }

    #[test]
    fn parses_the_documented_put_answer_with_codes() {
        let p = Profile::parse(DOCS_PUT, "https://app.example").unwrap();
        assert_eq!(p.id, None);
        assert_eq!(p.gender, Some(Gender::Female), "gender code 2");
        assert_eq!(p.state, "Tamil Nadu", "state_choices 31");
        assert_eq!(p.known_name().unwrap_or_default(), "John Appleseed", "no display_name: built from the names");
    }

    #[test]
    fn a_put_answer_merges_onto_the_profile_it_updated() {
        let before = Profile::parse(DOCS_ME, "https://app.example").unwrap();
        let answer = Profile::parse(DOCS_PUT, "https://app.example").unwrap();
        let after = answer.merged_into(&before);
        assert_eq!((after.id, after.username.as_str(), after.batches.len()), (Some(17), "testpress", 11));
        assert_eq!(after.known_name().unwrap_or_default(), "John Appleseed");
        let nameless = Profile::default().merged_into(&before);
        assert_eq!(
            nameless.known_name().unwrap_or_default(),
            "testpress",
            "falls back to the username, like the server"
        );
    }

    #[test]
    fn tolerates_missing_null_and_wrong_typed_fields() {
        let p = Profile::parse(&j(json!({})), "https://app.example").unwrap();
        assert_eq!(p, Profile { display_name: String::new(), ..Profile::default() });
        assert_eq!(p.known_name(), None);
        let weird = j(json!({
            "id": "18", "first_name": null, "last_name": ["x"], "username": 42, "gender": "unknown",
            "state_choices": 99, "batches": [null, 3, "", "  A  ", {"name": "B"}], "zip": 600069,
            "large_image": null, "medium_image": {"url": "x"}, "extra": {"nested": true}
        }));
        let p = Profile::parse(&weird, "https://app.example").unwrap();
        assert_eq!(p.id, Some(18));
        assert_eq!(p.username, "42");
        assert_eq!(p.known_name().unwrap_or_default(), "42");
        assert_eq!((p.gender, p.state.as_str(), p.zip.as_str()), (None, "", "600069"));
        assert_eq!(p.batches, ["A", "B"]);
        assert!(p.images.is_empty());
        let big = Profile::parse(r#"{"id": 9007199254740993, "username": "far"}"#, "https://app.example").unwrap();
        assert_eq!(big.id, Some(9_007_199_254_740_993), "ids beyond 2^53 stay exact");
        for zero_or_odd in [json!({"id": 0}), json!({"id": -4}), json!({"id": 1.5}), json!({"id": true})] {
            assert_eq!(Profile::parse(&j(zero_or_odd), "https://app.example").unwrap().id, None);
        }
        for not_object in [json!(null), json!([1]), json!(["testpress", 17]), json!("me"), json!(17)] {
            assert_eq!(Profile::parse(&j(not_object), "https://app.example"), Err(NotAnObject));
        }
    }

    #[test]
    fn the_kept_shape_reads_back_as_the_same_profile() {
        let p = Profile::parse(DOCS_ME, "https://app.example").unwrap();
        assert_eq!(Profile::parse(&kept_text(&p), "https://app.example").unwrap(), p);
        let sparse = Profile { id: Some(20), username: "arjun".into(), ..Profile::default() };
        let back = Profile::parse(&kept_text(&sparse), "https://app.example").unwrap();
        assert_eq!((back.id, back.known_name().unwrap_or_default(), back.gender), (Some(20), "arjun", None));
    }

    #[test]
    fn initials_and_dates() {
        assert_eq!(initials("Vinoth Kumar"), "VK");
        assert_eq!(initials("divya"), "d", "capitals come from the stylesheet");
        assert_eq!(initials("A B C"), "AB");
        assert_eq!(initials("  "), "?");
        assert_eq!(initials("éclair ünder"), "éü");
        assert_eq!(parse_iso_date("2000-02-29"), Some((2000, 2, 29)));
        assert_eq!(parse_iso_date("2001-12-01"), Some((2001, 12, 1)));
        for bad in ["1900-02-29", "1994-13-01", "1994-00-10", "27-08-1994", "", "1994-08-27T00:00", "１９９４-08-27"]
        {
            assert_eq!(parse_iso_date(bad), None, "{bad}");
        }
    }
}
