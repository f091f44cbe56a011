//! "A new version is ready", with Reload, when the service worker holds a newer build.
//! Nothing reloads until the student says so: a form being filled in stays as it is.

use crate::i18n::{tr, Msg};
use leptos::prelude::*;

/// Set on `<html>` and announced by `register-worker.js` (scripts/post-build/).
const READY_ATTRIBUTE: &str = "data-update-ready";
const READY_EVENT: &str = "testpress:update-ready";
const APPLY_EVENT: &str = "testpress:apply-update";

#[component]
pub fn UpdateBanner() -> impl IntoView {
    // The worker may have found the update before the app started, or will later.
    let ready = RwSignal::new(document().document_element().is_some_and(|e| e.has_attribute(READY_ATTRIBUTE)));
    let listener = window_event_listener_untyped(READY_EVENT, move |_| ready.set(true));
    on_cleanup(move || listener.remove());
    let reload = move |_| {
        if let Ok(event) = web_sys::Event::new(APPLY_EVENT) {
            let _ = window().dispatch_event(&event);
        }
    };
    view! {
        <Show when=move || ready.get()>
            <div class="alert alert-info update-banner" role="status">
                <p>{tr(Msg::UpdateReady)}</p>
                <button type="button" class="button" on:click=reload>{tr(Msg::Reload)}</button>
            </div>
        </Show>
    }
}
