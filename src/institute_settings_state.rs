//! The institute's settings as the app holds them: the copy kept on this device at once,
//! then the server's answer when it comes. Nothing in them is personal, so the last answer
//! is kept (like `config.json` in the worker's cache) and used on the next start, offline
//! included; a failed fetch leaves what was there.

use crate::institute_settings::InstituteSettings;
use leptos::prelude::*;

const KEPT_KEY: &str = "testpress.institute-settings";

/// The copy kept on this device, or the defaults.
fn kept() -> InstituteSettings {
    let text = crate::storage::local().and_then(|s| crate::storage::get(&s, KEPT_KEY));
    text.map(|t| InstituteSettings::parse(&t)).unwrap_or_default()
}

fn keep(settings: &InstituteSettings) {
    if let (Some(storage), Ok(text)) = (crate::storage::local(), serde_json::to_string(settings)) {
        let _ = storage.set_item(KEPT_KEY, &text);
    }
}

/// Provides the settings to the whole app. Call once, in the root.
pub fn provide_institute_settings() -> ReadSignal<InstituteSettings> {
    let settings = RwSignal::new(kept());
    leptos::task::spawn_local(async move {
        if let Ok(fresh) = crate::api::institute_settings().await {
            keep(&fresh);
            // Only a change is news: pages that follow a switch rebuild what it governs.
            if settings.with_untracked(|now| *now != fresh) {
                settings.set(fresh);
            }
        }
    });
    provide_context(settings.read_only());
    settings.read_only()
}

pub fn use_institute_settings() -> ReadSignal<InstituteSettings> {
    use_context().unwrap_or_else(|| RwSignal::new(InstituteSettings::default()).read_only())
}
