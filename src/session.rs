//! The one owner of the token: restores it at start, keeps it in `localStorage` (or in
//! memory when storage is blocked), follows other tabs, and signs out.

use crate::token::{self, Claims};
use leptos::prelude::*;

const TOKEN_KEY: &str = "testpress.token";
/// Edit drafts live in `sessionStorage` (this tab only, gone when it closes) under this prefix.
const DRAFT_PREFIX: &str = "testpress.draft.";
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
    /// Where drafts go when `sessionStorage` is refused: `(user id, draft)`.
    memory_draft: StoredValue<Option<(u64, String)>>,
}

pub fn now_secs() -> f64 {
    js_sys::Date::now() / 1000.0
}

/// A storage area, if the browser really lets this page write to it. Any exception
/// (blocked storage, private mode, quota) counts as "no".
fn usable(storage: Result<Option<web_sys::Storage>, wasm_bindgen::JsValue>) -> Option<web_sys::Storage> {
    let storage = storage.ok().flatten()?;
    let probe = "testpress.probe";
    storage.set_item(probe, "1").ok()?;
    storage.remove_item(probe).ok()?;
    Some(storage)
}

fn local_storage() -> Option<web_sys::Storage> {
    usable(web_sys::window()?.local_storage())
}

fn session_storage() -> Option<web_sys::Storage> {
    usable(web_sys::window()?.session_storage())
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
            memory_draft: StoredValue::new(None),
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

    /// The raw token for an API call, if there is one and it is still good. Signing out
    /// when it is not is left to the caller (`api::send`), which knows when it is safe.
    pub(crate) fn token_for_request(&self) -> Option<String> {
        let current = self.current.get_untracked()?;
        token::decode(&current.raw, now_secs()).ok().map(|_| current.raw)
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

    /// The student chose to sign out: the token and every draft (personal data) go.
    pub fn sign_out(&self) {
        self.clear();
        self.clear_all_drafts();
        self.notice.set(None);
    }

    /// The unsaved edit draft of `user_id`, as stored.
    pub fn load_draft(&self, user_id: u64) -> Option<String> {
        match session_storage() {
            Some(storage) => storage.get_item(&format!("{DRAFT_PREFIX}{user_id}")).ok().flatten(),
            None => {
                self.memory_draft.with_value(|d| d.as_ref().filter(|(id, _)| *id == user_id).map(|(_, t)| t.clone()))
            }
        }
    }

    pub fn save_draft(&self, user_id: u64, draft: &str) {
        match session_storage() {
            Some(storage) => {
                if storage.set_item(&format!("{DRAFT_PREFIX}{user_id}"), draft).is_err() {
                    // Full or refused: keep it for this tab rather than lose it.
                    self.memory_draft.set_value(Some((user_id, draft.to_string())));
                }
            }
            None => self.memory_draft.set_value(Some((user_id, draft.to_string()))),
        }
    }

    pub fn clear_draft(&self, user_id: u64) {
        if let Some(storage) = session_storage() {
            let _ = storage.remove_item(&format!("{DRAFT_PREFIX}{user_id}"));
        }
        self.memory_draft.update_value(|d| {
            if d.as_ref().is_some_and(|(id, _)| *id == user_id) {
                *d = None;
            }
        });
    }

    fn clear_all_drafts(&self) {
        if let Some(storage) = session_storage() {
            let keys: Vec<String> = (0..storage.length().unwrap_or(0))
                .filter_map(|i| storage.key(i).ok().flatten())
                .filter(|k| k.starts_with(DRAFT_PREFIX))
                .collect();
            for key in keys {
                let _ = storage.remove_item(&key);
            }
        }
        self.memory_draft.set_value(None);
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
