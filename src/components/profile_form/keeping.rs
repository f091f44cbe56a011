//! The draft kept while editing: restored when the form opens, written a few times a second
//! while typing, and at once when the page is left.

use super::fields::Fields;
use crate::edit_form::draft::{self, Draft};
use crate::edit_form::{Field, FormValues};
use crate::i18n::Msg;
use crate::session::{use_session, Ended};
use leptos::prelude::*;
use std::time::Duration;

/// Drafts are written at most this often while typing (and at once when the page is left).
const DRAFT_DELAY: Duration = Duration::from_millis(400);

/// The draft restored for this student, if any, and what to tell them about it.
pub fn restore_draft(user_id: u64, base: &FormValues) -> (FormValues, Option<Msg>) {
    match draft::load(user_id).map(|text| Draft::from_json(&text)) {
        Some(Ok(mut draft)) if draft.user_id == user_id => {
            // A draft from before email was read-only may carry an edited one: the shown
            // value is always the server's.
            draft.values.set(Field::Email, base.get(Field::Email).to_string());
            if &draft.values == base {
                (base.clone(), None)
            } else {
                (draft.values, Some(Msg::DraftRestored))
            }
        }
        Some(Err(_damaged)) => {
            draft::clear(user_id);
            (base.clone(), Some(Msg::DraftDamaged))
        }
        _ => (base.clone(), None),
    }
}

/// Keeps the draft of `user_id`'s form in step with its fields; answers the function that
/// writes it at once (before a save, whose failure it must cover). `abandoned` is set when
/// the student chose to leave the changes behind.
pub fn keep_draft(user_id: u64, dirty: Memo<bool>, fields: Fields, abandoned: StoredValue<bool>) -> impl Fn() + Copy {
    let session = use_session();
    // The draft follows the typing, a few times a second at most; no changes, no draft.
    let write_draft = move || match (dirty.try_get_untracked(), fields.try_values()) {
        (Some(true), Some(values)) => draft::save(&Draft { user_id, values }),
        (Some(false), _) => draft::clear(user_id),
        _ => {}
    };
    let draft_timer = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |_| {
        fields.values(true);
        if draft_timer.get_value().is_none() {
            let handle = set_timeout_with_handle(
                move || {
                    let _ = draft_timer.try_update_value(|timer| *timer = None);
                    write_draft();
                },
                DRAFT_DELAY,
            );
            draft_timer.set_value(handle.ok());
        }
    });
    // Leaving (a reload, a closed tab, the sign-in page after an expiry) writes it at once,
    // unless the student signed out or chose to leave the changes: then nothing may stay.
    let flush_draft = move || {
        if let Some(Some(handle)) = draft_timer.try_update_value(Option::take) {
            handle.clear();
        }
        if session.ended() != Some(Ended::SignedOut) && abandoned.try_get_value() == Some(false) {
            write_draft();
        }
    };
    let page_hide = window_event_listener_untyped("pagehide", move |_| flush_draft());
    on_cleanup(move || {
        page_hide.remove();
        untrack(flush_draft);
    });
    flush_draft
}
