//! Unsaved edits, kept in `sessionStorage` (this tab only, gone when it closes) so a reload
//! or signing in again after an expiry brings them back. When storage is refused they are
//! kept in memory for this page instead. Signing out forgets them.

use super::{Field, FormValues};
use crate::lenient::{self, TextMap};
use crate::storage;
use serde::{Deserialize, Serialize};
use std::cell::RefCell;

const PREFIX: &str = "testpress.draft.";

thread_local! {
    /// Where the draft goes when `sessionStorage` is refused: `(user id, draft)`.
    static IN_MEMORY: RefCell<Option<(u64, String)>> = const { RefCell::new(None) };
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

/// The stored text's shape: every field as text, by its API name.
#[derive(Deserialize, Serialize)]
struct StoredDraft {
    version: u32,
    user_id: u64,
    fields: TextMap,
}

impl Draft {
    pub fn to_json(&self) -> String {
        let fields = Field::ALL.map(|f| (f.api_name().to_string(), self.values.get(f).to_string()));
        let stored = StoredDraft { version: 1, user_id: self.user_id, fields: TextMap(fields.into()) };
        serde_json::to_string(&stored).unwrap_or_default()
    }

    /// `Err` for anything that is not a draft this version wrote: the caller discards it.
    pub fn from_json(text: &str) -> Result<Draft, DamagedDraft> {
        let stored: StoredDraft = lenient::parse(text).map_err(|_| DamagedDraft)?;
        if stored.version != 1 {
            return Err(DamagedDraft);
        }
        let mut values = FormValues::default();
        for field in Field::ALL {
            let text = stored.fields.get(field.api_name()).ok_or(DamagedDraft)?;
            if text.chars().count() > 1000 {
                return Err(DamagedDraft);
            }
            values.set(field, text.to_string());
        }
        Ok(Draft { user_id: stored.user_id, values })
    }
}

fn key(user_id: u64) -> String {
    [PREFIX, &user_id.to_string()].concat()
}

/// The stored draft of `user_id`, as text.
pub fn load(user_id: u64) -> Option<String> {
    // The copy in memory, when there is one, is the newer: it exists because storing failed.
    IN_MEMORY
        .with_borrow(|d| d.as_ref().filter(|(id, _)| *id == user_id).map(|(_, t)| t.clone()))
        .or_else(|| storage::get(&storage::session()?, &key(user_id)))
}

pub fn save(draft: &Draft) {
    let text = draft.to_json();
    let stored = storage::session().is_some_and(|s| s.set_item(&key(draft.user_id), &text).is_ok());
    if stored {
        // An older copy in memory would shadow the one just stored.
        forget_in_memory(draft.user_id);
    } else {
        // Full or refused: keep it for this page rather than lose it.
        IN_MEMORY.set(Some((draft.user_id, text)));
    }
}

pub fn clear(user_id: u64) {
    if let Some(storage) = storage::session() {
        let _ = storage.remove_item(&key(user_id));
    }
    forget_in_memory(user_id);
}

fn forget_in_memory(user_id: u64) {
    IN_MEMORY.with_borrow_mut(|d| {
        if d.as_ref().is_some_and(|(id, _)| *id == user_id) {
            *d = None;
        }
    });
}

/// Every other student's draft in this tab (one signed in after another's session expired).
pub fn forget_all_but(user_id: u64) {
    if let Some(storage) = storage::session() {
        let keep = key(user_id);
        storage::remove_where(&storage, |k| k.starts_with(PREFIX) && k != keep);
    }
    IN_MEMORY.with_borrow_mut(|d| {
        if d.as_ref().is_some_and(|(id, _)| *id != user_id) {
            *d = None;
        }
    });
}

/// Every student's draft in this tab.
pub fn forget_all() {
    if let Some(storage) = storage::session() {
        storage::remove_prefixed(&storage, PREFIX);
    }
    IN_MEMORY.set(None);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::divya;

    #[test]
    fn drafts_round_trip_and_junk_is_refused() {
        let mut values = FormValues::from_profile(&divya());
        values.set(Field::FirstName, "Dívya 🌟 <b>".into());
        let draft = Draft { user_id: 17, values };
        assert_eq!(Draft::from_json(&draft.to_json()), Ok(draft.clone()));
        let long = draft.to_json().replace("Chennai", &"x".repeat(2000));
        let number = draft.to_json().replace("\"Chennai\"", "7");
        for junk in [
            "",
            "null",
            "{}",
            "[1]",
            "[1, 17, {}]",
            "{\"version\": 2}",
            r#"{"version":1,"user_id":17,"fields":{}}"#,
            r#"{"version":1,"user_id":"17","fields":{}}"#,
            &long,
            &number,
        ] {
            assert_eq!(Draft::from_json(junk), Err(DamagedDraft), "{junk:.40}");
        }
    }
}
