//! The one owner of the token: restores it at start, keeps it in `localStorage` (or in
//! memory when storage is blocked), follows other tabs, and forgets it. Nothing else lives
//! here: the student's data belongs to `current_profile`, drafts to `edit_form::draft`.

use crate::api_error::ApiError;
use crate::storage;
use crate::token::{self, Claims};
use leptos::prelude::*;
use std::future::Future;

const TOKEN_KEY: &str = "testpress.token";
/// Set beside a token that this device's clock already called expired when the server
/// issued it: the clock is wrong, so for that token only the server's 401 counts.
const CLOCK_UNTRUSTED_KEY: &str = "testpress.token-clock-untrusted";
/// Written by a tab whose student chose to sign out, so other tabs know it was a choice
/// (and forget drafts too), not an expiry.
const SIGNED_OUT_KEY: &str = "testpress.signed-out";

#[derive(Clone, PartialEq)]
struct SignedIn {
    raw: String,
    claims: Claims,
    /// False when the device's clock disagreed with the server at sign-in.
    clock_trusted: bool,
    /// Changes with every token this tab takes on.
    generation: u32,
}

/// Never prints the token.
impl std::fmt::Debug for SignedIn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SignedIn").field("user_id", &self.claims.user_id).finish_non_exhaustive()
    }
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
enum RequestToken {
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
    next_generation: StoredValue<u32>,
}

pub fn now_secs() -> f64 {
    js_sys::Date::now() / 1000.0
}

/// The stored token, if good; anything malformed or expired is removed, never kept.
fn restore(storage: &web_sys::Storage) -> Result<Option<(String, Claims, bool)>, token::TokenError> {
    let Some(raw) = storage::get(storage, TOKEN_KEY) else { return Ok(None) };
    let clock_trusted = storage::get(storage, CLOCK_UNTRUSTED_KEY).is_none();
    let decoded = if clock_trusted { token::decode(&raw, now_secs()) } else { token::decode_unchecked(&raw) };
    match decoded {
        Ok(claims) => Ok(Some((raw, claims, clock_trusted))),
        Err(e) => {
            let _ = storage.remove_item(TOKEN_KEY);
            let _ = storage.remove_item(CLOCK_UNTRUSTED_KEY);
            Err(e)
        }
    }
}

impl Session {
    /// Restores the session and provides it to the whole app. Call once, in the root.
    pub fn start() -> Session {
        let storage = storage::local();
        let session = Session {
            state: RwSignal::new(State::SignedOut(None)),
            persistent: storage.is_some(),
            next_generation: StoredValue::new(1),
        };
        match storage.as_ref().map_or(Ok(None), restore) {
            Ok(Some((raw, claims, clock_trusted))) => session.take(raw, claims, clock_trusted),
            Ok(None) | Err(token::TokenError::Malformed) => {}
            // An expired token means a session the student had: say why it ended.
            Err(token::TokenError::Expired) => session.state.set(State::SignedOut(Some(Ended::Expired))),
        }
        if session.persistent {
            // Another tab signed in or out: follow it without a reload, and without writing
            // to storage (the other tab has; a stale event must not undo a newer sign-in).
            let listener = window_event_listener(leptos::ev::storage, move |event| match event.key().as_deref() {
                Some(SIGNED_OUT_KEY) => session.end_here(Ended::SignedOut),
                None | Some(TOKEN_KEY) => match storage::local().map(|s| restore(&s)) {
                    Some(Ok(Some((raw, claims, clock_trusted)))) => {
                        if session.state.with_untracked(|s| !matches!(s, State::SignedIn(s) if s.raw == raw)) {
                            session.take(raw, claims, clock_trusted);
                        }
                    }
                    _ => session.end_here(Ended::Expired),
                },
                _ => {}
            });
            on_cleanup(move || listener.remove());
        }
        provide_context(session);
        session
    }

    /// The session the build's prerendered pages are drawn with (src/bin/prerender.rs):
    /// someone signed in, or nobody. Who is unknown at build time, so it holds no token and
    /// nothing ever asks the server with it.
    #[cfg(feature = "ssr")]
    pub fn prerendered(signed_in: bool) -> Session {
        let state = RwSignal::new(State::SignedOut(None));
        let session = Session { state, persistent: true, next_generation: StoredValue::new(1) };
        if signed_in {
            session.take(String::new(), Claims { user_id: u64::MAX, exp: f64::INFINITY }, true);
        }
        provide_context(session);
        session
    }

    fn take(&self, raw: String, claims: Claims, clock_trusted: bool) {
        let generation = self.next_generation.get_value();
        self.next_generation.set_value(generation.wrapping_add(1));
        self.state.set(State::SignedIn(SignedIn { raw, claims, clock_trusted, generation }));
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
    pub fn token_generation(&self) -> Option<u32> {
        self.state.with(|s| match s {
            State::SignedIn(s) => Some(s.generation),
            State::SignedOut(_) => None,
        })
    }

    /// The token in use (tracked), for ending it on the server once it is replaced or gone.
    pub(crate) fn token(&self) -> Option<String> {
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
    fn token_for_request(&self) -> RequestToken {
        self.state.with_untracked(|s| match s {
            State::SignedIn(s) if !s.clock_trusted || !s.claims.expired_at(now_secs()) => {
                RequestToken::Valid(s.raw.clone())
            }
            State::SignedIn(_) => RequestToken::Expired,
            State::SignedOut(_) => RequestToken::SignedOut,
        })
    }

    /// Runs an API call with this session's token. Without one to send (signed out, or its
    /// expiry passed on a clock we trust, which ends the session) the call is not made. An
    /// answer meaning "signed out" ends the session, if it still holds the token sent: a
    /// newer one, taken meanwhile, stays.
    pub async fn authorized<T, Call, Reply>(self, call: Call) -> Result<T, ApiError>
    where
        Call: FnOnce(String) -> Reply,
        Reply: Future<Output = Result<T, ApiError>>,
    {
        let (sent, outcome) = match self.token_for_request() {
            RequestToken::Valid(token) => (Some(token.clone()), call(token).await),
            RequestToken::Expired => (None, Err(ApiError::SessionExpired)),
            RequestToken::SignedOut => return Err(ApiError::SessionExpired),
        };
        if matches!(outcome, Err(ApiError::SessionExpired)) {
            // Signing out unmounts the page that asked. Deferred (to a later microtask), so
            // the caller's own updates on this result run before its signals are disposed.
            leptos::task::spawn_local(async move { self.expire(sent.as_deref()) });
        }
        outcome
    }

    /// Keeps a token the server just issued. Only its shape is checked: if this device's
    /// clock already calls it expired, the clock is wrong, and the server will say when.
    pub fn sign_in(&self, raw: String) -> Result<(), token::TokenError> {
        let claims = token::decode_unchecked(&raw)?;
        let clock_trusted = !claims.expired_at(now_secs());
        if let Some(storage) = storage::local().filter(|_| self.persistent) {
            if clock_trusted {
                let _ = storage.remove_item(CLOCK_UNTRUSTED_KEY);
            } else {
                let _ = storage.set_item(CLOCK_UNTRUSTED_KEY, "1");
            }
            let _ = storage.set_item(TOKEN_KEY, &raw);
        }
        self.take(raw, claims, clock_trusted);
        Ok(())
    }

    /// The student chose to sign out; other tabs follow.
    pub fn sign_out(&self) {
        if let Some(storage) = storage::local().filter(|_| self.persistent) {
            let _ = storage.set_item(SIGNED_OUT_KEY, &(js_sys::Date::now() as u64).to_string());
            let _ = storage.remove_item(SIGNED_OUT_KEY);
        }
        self.forget_stored_token();
        self.end_here(Ended::SignedOut);
    }

    /// The server refused `sent` (or the clock says it has expired). A newer token, taken
    /// while that request was on its way, is left alone.
    pub fn expire(&self, sent: Option<&str>) {
        let current = self.state.with_untracked(|s| match s {
            State::SignedIn(s) => sent.is_none_or(|sent| s.raw == sent),
            State::SignedOut(_) => false,
        });
        if current {
            self.forget_stored_token();
            self.end_here(Ended::Expired);
        }
    }

    /// Removes the stored token if it is this tab's (another tab may have stored a newer one).
    fn forget_stored_token(&self) {
        let Some(storage) = storage::local().filter(|_| self.persistent) else { return };
        let mine = self.state.with_untracked(|s| match s {
            State::SignedIn(s) => storage::get(&storage, TOKEN_KEY).as_deref() == Some(s.raw.as_str()),
            State::SignedOut(_) => false,
        });
        if mine {
            let _ = storage.remove_item(TOKEN_KEY);
            let _ = storage.remove_item(CLOCK_UNTRUSTED_KEY);
        }
    }

    /// Ends the session in this tab.
    fn end_here(&self, why: Ended) {
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
