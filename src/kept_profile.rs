//! The last profile `/me/` sent, kept in `localStorage` for its own student so `/me` and the
//! edit form still open without a connection. It is personal data: `current_profile`
//! forgets every kept copy the moment nobody is signed in.

use crate::json::Json;
use crate::profile::Profile;
use crate::storage;

const PREFIX: &str = "testpress.kept-profile.";

/// A kept profile and when it was fetched (ms since the epoch).
#[derive(Debug, Clone, PartialEq)]
pub struct Kept {
    pub profile: Profile,
    pub fetched_at_ms: f64,
}

fn key(user_id: u64) -> String {
    [PREFIX, &user_id.to_string()].concat()
}

/// The stored text for `profile`, fetched at `fetched_at_ms`.
pub fn to_text(profile: &Profile, fetched_at_ms: f64) -> String {
    Json::object([
        ("version", Json::from(1u32)),
        ("fetched_at", Json::Number(fetched_at_ms.floor())),
        ("profile", profile.to_json()),
    ])
    .write()
}

/// Reads a stored copy back; `None` for anything this version did not write.
pub fn from_text(text: &str, user_id: u64, own_origin: &str) -> Option<Kept> {
    let value = Json::parse(text).ok()?;
    if value.get("version").and_then(Json::as_u64) != Some(1) {
        return None;
    }
    let fetched_at_ms = value.get("fetched_at").and_then(Json::as_f64).filter(|t| t.is_finite() && *t > 0.0)?;
    let profile = Profile::from_json(value.get("profile")?, own_origin).ok()?;
    // Only ever the copy of the student it is filed under.
    (profile.id == Some(user_id)).then_some(Kept { profile, fetched_at_ms })
}

pub fn keep(user_id: u64, profile: &Profile) {
    if let Some(storage) = storage::local() {
        let _ = storage.set_item(&key(user_id), &to_text(profile, js_sys::Date::now()));
    }
}

pub fn load(user_id: u64) -> Option<Kept> {
    let storage = storage::local()?;
    let text = storage::get(&storage, &key(user_id))?;
    let kept = from_text(&text, user_id, &crate::config::page_origin());
    if kept.is_none() {
        let _ = storage.remove_item(&key(user_id));
    }
    kept
}

/// Removes every student's kept copy.
pub fn forget_all() {
    if let Some(storage) = storage::local() {
        storage::remove_prefixed(&storage, PREFIX);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::divya;

    #[test]
    fn a_kept_copy_reads_back_for_its_own_student_only() {
        let text = to_text(&divya(), 1_764_000_000_000.0);
        let kept = from_text(&text, 17, "https://app.example").unwrap();
        assert_eq!((kept.profile, kept.fetched_at_ms), (divya(), 1_764_000_000_000.0));
        assert_eq!(from_text(&text, 18, "https://app.example"), None, "filed under another student");
    }

    #[test]
    fn damaged_copies_are_refused() {
        for junk in [
            "",
            "{}",
            "[]",
            r#"{"version": 2, "fetched_at": 1, "profile": {"id": 17}}"#,
            r#"{"version": 1, "fetched_at": "today", "profile": {"id": 17}}"#,
            r#"{"version": 1, "fetched_at": 1, "profile": "me"}"#,
            r#"{"version": 1, "fetched_at": 1, "profile": {}}"#,
        ] {
            assert_eq!(from_text(junk, 17, "https://app.example"), None, "{junk}");
        }
    }
}
