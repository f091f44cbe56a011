//! The last profile `/me/` sent, kept in `localStorage` for its own student so `/me` and the
//! edit form still open without a connection. It is personal data: `current_profile`
//! forgets every kept copy the moment nobody is signed in.

use crate::lenient::{self, Scalar};
use crate::profile::{Profile, WireProfile};
use crate::storage;
use serde::{Deserialize, Serialize};

const PREFIX: &str = "testpress.kept-profile.";

/// A kept profile and when it was fetched (ms since the epoch).
#[derive(Debug, Clone, PartialEq)]
pub struct Kept {
    pub profile: Profile,
    pub fetched_at_ms: f64,
}

/// The stored text's shape. `version` and `profile` are required: anything else is not a
/// copy this version wrote.
#[derive(Deserialize, Serialize)]
struct KeptFile {
    version: u32,
    /// Whole milliseconds since the epoch (no float printing in the bundle).
    fetched_at: Scalar,
    profile: WireProfile,
}

fn key(user_id: u64) -> String {
    [PREFIX, &user_id.to_string()].concat()
}

/// The stored text for `profile`, fetched at `fetched_at_ms`.
pub fn to_text(profile: &Profile, fetched_at_ms: f64) -> String {
    let fetched_at = Scalar::Whole(fetched_at_ms.max(0.0) as u64);
    let file = KeptFile { version: 1, fetched_at, profile: profile.to_wire() };
    serde_json::to_string(&file).unwrap_or_default()
}

/// Reads a stored copy back; `None` for anything this version did not write.
pub fn from_text(text: &str, user_id: u64, own_origin: &str) -> Option<Kept> {
    let file: KeptFile = lenient::parse(text).ok().filter(|f: &KeptFile| f.version == 1)?;
    let fetched_at_ms = file.fetched_at.as_f64().filter(|t| t.is_finite() && *t > 0.0)?;
    let profile = Profile::from_wire(&file.profile, own_origin);
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
            r#"{"version": 1, "profile": {"id": 17}}"#,
            r#"{"version": 1, "fetched_at": 1}"#,
            r#"[1, 1, {"id": 17}]"#,
        ] {
            assert_eq!(from_text(junk, 17, "https://app.example"), None, "{junk}");
        }
    }
}
