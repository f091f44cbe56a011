//! The browser's storage areas, when they really work. Any exception (blocked storage,
//! private mode, a full quota) counts as "not available", never as a crash.

use web_sys::Storage;

fn usable(storage: Result<Option<Storage>, wasm_bindgen::JsValue>) -> Option<Storage> {
    let storage = storage.ok().flatten()?;
    let probe = "testpress.probe";
    storage.set_item(probe, "1").ok()?;
    storage.remove_item(probe).ok()?;
    Some(storage)
}

/// `localStorage`: kept on this device until removed.
pub fn local() -> Option<Storage> {
    usable(web_sys::window()?.local_storage())
}

/// `sessionStorage`: this tab only, gone when it closes.
pub fn session() -> Option<Storage> {
    usable(web_sys::window()?.session_storage())
}

pub fn get(storage: &Storage, key: &str) -> Option<String> {
    storage.get_item(key).ok().flatten()
}

/// Removes every key that starts with `prefix`.
pub fn remove_prefixed(storage: &Storage, prefix: &str) {
    let keys: Vec<String> = (0..storage.length().unwrap_or(0))
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|k| k.starts_with(prefix))
        .collect();
    for key in keys {
        let _ = storage.remove_item(&key);
    }
}
