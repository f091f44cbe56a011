//! Ending a session ends it on the server too. Institutes limit how many devices may be
//! signed in at once, and a web sign-in that is never logged out keeps counting against the
//! student. However the session ends here (the student signs out, another tab does, the
//! token expires or is refused), the token it had is sent to the server's logout once,
//! best effort: the local sign-out has already happened and never waits for the answer.

use crate::session::Session;
use leptos::prelude::*;

/// Follows `session` from the app's root.
pub fn follow(session: Session) {
    Effect::new(move |previous: Option<Option<String>>| {
        let token = session.token();
        if let Some(Some(ended)) = previous {
            if token.as_ref() != Some(&ended) {
                crate::api::logout(ended);
            }
        }
        token
    });
}
