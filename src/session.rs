//! The one owner of the token: restores it at start, keeps it in `localStorage` (or in
//! memory when storage is blocked), follows other tabs, and forgets it. Nothing else lives
//! here: the student's data belongs to `current_profile`, drafts to `edit_form::draft`.

use crate::storage;
use crate::token::{self, Claims};
use leptos::prelude::*;

const TOKEN_KEY: &str = "testpress.token";
/// Written by a tab whose student chose to sign out, so other tabs know it was a choice
/// (and forget drafts too), not an expiry.
const SIGNED_OUT_KEY: &str = "testpress.signed-out";

#[derive(Debug, Clone, PartialEq)]
struct SignedIn {
    raw: String,
    claims: Claims,
}

/// Why nobody is signed in any more.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ended {
    /// The student signed out, here or in another tab.
    SignedOut,
    /// The server refused the token, or its expiry passed on this device's clock.
    Expired,
}

/// What an API call may carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RequestToken {
    Valid(String),
    /// There was a token, but its expiry has passed: sending it would only earn a 401.
    Expired,
    SignedOut,
}

#[derive(Debug, Clone, PartialEq)]
enum State {
    SignedIn(SignedIn),
    SignedOut(Option<Ended>),
}

/// Cheap to copy; every page gets it with `use_session()`.
#[derive(Clone, Copy)]
pub struct Session {
    state: RwSignal<State>,
    /// False when the browser refuses `localStorage`: the session then lasts for this tab only.
    persistent: bool,
}

pub fn now_secs() -> f64 {
    js_sys::Date::now() / 1000.0
}

/// Reads the stored token; anything malformed or expired is removed, never kept.
fn restore(storage: &web_sys::Storage) -> Result<Option<SignedIn>, token::TokenError> {
    let Some(raw) = storage::get(storage, TOKEN_KEY) else { return Ok(None) };
    match token::decode(&raw, now_secs()) {
        Ok(claims) => Ok(Some(SignedIn { raw, claims })),
        Err(e) => {
            let _ = storage.remove_item(TOKEN_KEY);
            Err(e)
        }
    }
}

impl Session {
    /// Restores the session and provides it to the whole app. Call once, in the root.
    pub fn start() -> Session {
        let storage = storage::local();
        let state = match storage.as_ref().map_or(Ok(None), restore) {
            Ok(Some(signed_in)) => State::SignedIn(signed_in),
            Ok(None) | Err(token::TokenError::Malformed) => State::SignedOut(None),
            // An expired token means a session the student had: say why it ended.
            Err(token::TokenError::Expired) => State::SignedOut(Some(Ended::Expired)),
        };
        let session = Session { state: RwSignal::new(state), persistent: storage.is_some() };
        if session.persistent {
            // Another tab signed in or out: follow it without a reload.
            let listener = window_event_listener(leptos::ev::storage, move |event| match event.key().as_deref() {
                Some(SIGNED_OUT_KEY) => session.end(Ended::SignedOut),
                None | Some(TOKEN_KEY) => match storage::local().map(|s| restore(&s)) {
                    Some(Ok(Some(now))) => {
                        if session.state.with_untracked(|s| s != &State::SignedIn(now.clone())) {
                            session.state.set(State::SignedIn(now));
                        }
                    }
                    _ => session.end(Ended::Expired),
                },
                _ => {}
            });
            on_cleanup(move || listener.remove());
        }
        provide_context(session);
        session
    }

    pub fn signed_in(&self) -> bool {
        self.state.with(|s| matches!(s, State::SignedIn(_)))
    }

    /// The signed-in user's id (from the token).
    pub fn user_id(&self) -> Option<u64> {
        self.state.with(|s| match s {
            State::SignedIn(s) => Some(s.claims.user_id),
            State::SignedOut(_) => None,
        })
    }

    /// Changes whenever a different token is in use; resources key on it to refetch.
    pub fn token_key(&self) -> Option<String> {
        self.state.with(|s| match s {
            State::SignedIn(s) => Some(s.raw.clone()),
            State::SignedOut(_) => None,
        })
    }

    /// Why the last session ended, while nobody is signed in.
    pub fn ended(&self) -> Option<Ended> {
        self.state.with(|s| match s {
            State::SignedOut(why) => *why,
            State::SignedIn(_) => None,
        })
    }

    pub fn persistent(&self) -> bool {
        self.persistent
    }

    /// The token for an API call. Its expiry was read once, when it arrived.
    pub(crate) fn token_for_request(&self) -> RequestToken {
        self.state.with_untracked(|s| match s {
            State::SignedIn(s) if s.claims.exp - token::EXPIRY_LEEWAY_SECS > now_secs() => {
                RequestToken::Valid(s.raw.clone())
            }
            State::SignedIn(_) => RequestToken::Expired,
            State::SignedOut(_) => RequestToken::SignedOut,
        })
    }

    /// Keeps a token the server just issued.
    pub fn sign_in(&self, raw: String) -> Result<(), token::TokenError> {
        // The server has just issued it, so only its shape is checked, not the (client) clock.
        let claims = token::decode_unchecked(&raw)?;
        if let Some(storage) = storage::local().filter(|_| self.persistent) {
            let _ = storage.set_item(TOKEN_KEY, &raw);
        }
        self.state.set(State::SignedIn(SignedIn { raw, claims }));
        Ok(())
    }

    /// The student chose to sign out; other tabs follow.
    pub fn sign_out(&self) {
        if let Some(storage) = storage::local().filter(|_| self.persistent) {
            let _ = storage.set_item(SIGNED_OUT_KEY, &(js_sys::Date::now() as u64).to_string());
            let _ = storage.remove_item(SIGNED_OUT_KEY);
        }
        self.end(Ended::SignedOut);
    }

    /// The server (or the clock) says the token is no longer good.
    pub fn expire(&self) {
        self.end(Ended::Expired);
    }

    fn end(&self, why: Ended) {
        if let Some(storage) = storage::local().filter(|_| self.persistent) {
            let _ = storage.remove_item(TOKEN_KEY);
        }
        // An expiry does not overwrite a sign-out, nor is a signed-out page told twice.
        let keep = self.state.with_untracked(|s| match s {
            State::SignedIn(_) => false,
            State::SignedOut(previous) => why == Ended::Expired || *previous == Some(why),
        });
        if !keep {
            self.state.set(State::SignedOut(Some(why)));
        }
    }
}

pub fn use_session() -> Session {
    use_context::<Session>().expect("Session::start() runs in the app's root")
}
