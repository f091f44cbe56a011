//! The one owner of the token: restores it at start, keeps it in `localStorage` (or in
//! memory when storage is blocked), follows other tabs, and signs out.

use crate::token::{self, Claims};
use leptos::prelude::*;

const TOKEN_KEY: &str = "testpress.token";
pub const EXPIRED_NOTICE: &str = "Your session has expired. Please sign in again.";

#[derive(Debug, Clone, PartialEq)]
struct SignedIn {
    raw: String,
    claims: Claims,
}

/// Cheap to copy; every page gets it with `use_session()`.
#[derive(Clone, Copy)]
pub struct Session {
    current: RwSignal<Option<SignedIn>>,
    /// A one-off message for the sign-in page, such as why the student was signed out.
    notice: RwSignal<Option<String>>,
    /// False when the browser refuses `localStorage`: the session then lasts for this tab only.
    persistent: bool,
}

pub fn now_secs() -> f64 {
    js_sys::Date::now() / 1000.0
}

/// `localStorage`, if the browser lets this page use it. Any exception (blocked storage,
/// private mode, quota) counts as "no".
fn local_storage() -> Option<web_sys::Storage> {
    let storage = web_sys::window()?.local_storage().ok().flatten()?;
    let probe = "testpress.probe";
    storage.set_item(probe, "1").ok()?;
    storage.remove_item(probe).ok()?;
    Some(storage)
}

/// Reads the stored token; anything malformed or expired is removed, never kept.
fn restore(storage: &web_sys::Storage) -> Result<Option<SignedIn>, token::TokenError> {
    let Some(raw) = storage.get_item(TOKEN_KEY).ok().flatten() else { return Ok(None) };
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
        let storage = local_storage();
        let restored = storage.as_ref().map_or(Ok(None), restore);
        let session = Session {
            // An expired token means a session the student had: say why it ended.
            notice: RwSignal::new((restored == Err(token::TokenError::Expired)).then(|| EXPIRED_NOTICE.to_string())),
            current: RwSignal::new(restored.unwrap_or(None)),
            persistent: storage.is_some(),
        };
        if session.persistent {
            // Another tab signed in or out: follow it without a reload.
            let listener = window_event_listener(leptos::ev::storage, move |event| {
                if event.key().is_none_or(|k| k == TOKEN_KEY) {
                    let now = local_storage().and_then(|s| restore(&s).ok().flatten());
                    if session.current.with_untracked(|c| c != &now) {
                        session.current.set(now);
                    }
                }
            });
            on_cleanup(move || listener.remove());
        }
        provide_context(session);
        session
    }

    pub fn signed_in(&self) -> bool {
        self.current.with(Option::is_some)
    }

    /// The signed-in user's id (from the token).
    pub fn user_id(&self) -> Option<u64> {
        self.current.with(|c| c.as_ref().map(|s| s.claims.user_id))
    }

    /// Changes whenever a different token is in use; resources key on it to refetch.
    pub fn token_key(&self) -> Option<String> {
        self.current.with(|c| c.as_ref().map(|s| s.raw.clone()))
    }

    pub fn persistent(&self) -> bool {
        self.persistent
    }

    pub fn notice(&self) -> Option<String> {
        self.notice.get()
    }

    /// The raw token for an API call, if it is still good; an expired one signs out.
    pub(crate) fn token_for_request(&self) -> Option<String> {
        let current = self.current.get_untracked()?;
        if token::decode(&current.raw, now_secs()).is_err() {
            self.expire();
            return None;
        }
        Some(current.raw)
    }

    /// Keeps a token the server just issued.
    pub fn sign_in(&self, raw: String) -> Result<(), token::TokenError> {
        // The server has just issued it, so only its shape is checked, not the (client) clock.
        let claims = token::decode_unchecked(&raw)?;
        if self.persistent {
            if let Some(storage) = local_storage() {
                let _ = storage.set_item(TOKEN_KEY, &raw);
            }
        }
        self.notice.set(None);
        self.current.set(Some(SignedIn { raw, claims }));
        Ok(())
    }

    /// The student chose to sign out.
    pub fn sign_out(&self) {
        self.clear();
        self.notice.set(None);
    }

    /// The server (or the clock) says the token is no longer good.
    pub fn expire(&self) {
        if self.current.with_untracked(Option::is_some) {
            self.clear();
            self.notice.set(Some(EXPIRED_NOTICE.to_string()));
        }
    }

    fn clear(&self) {
        if self.persistent {
            if let Some(storage) = local_storage() {
                let _ = storage.remove_item(TOKEN_KEY);
            }
        }
        self.current.set(None);
    }
}

pub fn use_session() -> Session {
    use_context::<Session>().expect("Session::start() runs in the app's root")
}
