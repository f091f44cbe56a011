//! Nothing personal outlives a session. However a session ends (signing out here or in
//! another tab, a 401, the token's expiry), every student's kept profile goes at once; a
//! student's drafts go when they sign out, and when another student signs in on this tab.
//! After an expiry the draft stays (this tab only), so signing in again brings back what
//! was typed.

use crate::edit_form::draft;
use crate::kept_profile;
use crate::session::{Ended, Session};
use leptos::prelude::*;

/// Forgets what `why` calls for, now.
fn forget(why: Option<Ended>) {
    kept_profile::forget_all();
    if why == Some(Ended::SignedOut) {
        draft::forget_all();
    }
}

/// Follows `session` from the app's root, forgetting as it goes.
pub fn guard(session: Session) {
    Effect::new(move |_| match session.user_id() {
        None => forget(session.ended()),
        Some(user_id) => draft::forget_all_but(user_id),
    });
}
