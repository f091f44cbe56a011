//! The browser's storage areas, when they really work. Any exception (blocked storage,
//! private mode, a full quota) counts as "not available", never as a crash.

use std::cell::OnceCell;
use web_sys::Storage;

fn usable(storage: Result<Option<Storage>, wasm_bindgen::JsValue>) -> Option<Storage> {
    let storage = storage.ok().flatten()?;
    let probe = "testpress.probe";
    storage.set_item(probe, "1").ok()?;
    storage.remove_item(probe).ok()?;
    Some(storage)
}

thread_local! {
    // Probed once per page: whether storage is usable does not change while the page is
    // open, and each probe is a write that wakes every other tab's `storage` listener.
    static LOCAL: OnceCell<Option<Storage>> = const { OnceCell::new() };
    static SESSION: OnceCell<Option<Storage>> = const { OnceCell::new() };
}

/// The browser's window. Off wasm (the build's prerendered pages, src/bin/prerender.rs)
/// there is none, and web-sys would panic: nothing is stored there.
fn window() -> Option<web_sys::Window> {
    if cfg!(target_arch = "wasm32") {
        web_sys::window()
    } else {
        None
    }
}

/// `localStorage`: kept on this device until removed.
pub fn local() -> Option<Storage> {
    LOCAL.with(|c| c.get_or_init(|| usable(window()?.local_storage())).clone())
}

/// `sessionStorage`: this tab only, gone when it closes.
pub fn session() -> Option<Storage> {
    SESSION.with(|c| c.get_or_init(|| usable(window()?.session_storage())).clone())
}

pub fn get(storage: &Storage, key: &str) -> Option<String> {
    storage.get_item(key).ok().flatten()
}

/// Removes every key that starts with `prefix`.
pub fn remove_prefixed(storage: &Storage, prefix: &str) {
    remove_where(storage, |k| k.starts_with(prefix));
}

/// Removes every key `doomed` picks.
pub fn remove_where(storage: &Storage, doomed: impl Fn(&str) -> bool) {
    let keys: Vec<String> = (0..storage.length().unwrap_or(0))
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|k| doomed(k))
        .collect();
    for key in keys {
        let _ = storage.remove_item(&key);
    }
}
