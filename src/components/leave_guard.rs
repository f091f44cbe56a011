//! "You have unsaved changes": asked before in-app links lead away, before a control marked
//! `data-leaves-page` (Sign out) acts, and before the tab closes, while `dirty` says there
//! is something to lose.

use crate::i18n::{t, Msg};
use crate::route::Route;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Sent on the window when the student answers "stay" to the question.
pub const STAYED_EVENT: &str = "testpress:stayed";

/// Guards the calling page. `on_leave` runs when the student confirms leaving through a link
/// (to drop what they chose not to keep). The browser's back button is not caught; a draft
/// is what brings those edits back.
pub fn use_leave_guard(dirty: Signal<bool>, on_leave: impl Fn() + 'static) {
    let before_unload = window_event_listener_untyped("beforeunload", move |ev| {
        if dirty.try_get_untracked().unwrap_or(false) {
            ev.prevent_default();
            if let Some(ev) = ev.dyn_ref::<web_sys::BeforeUnloadEvent>() {
                ev.set_return_value(&t(Msg::LeaveQuestion));
            }
        }
    });
    // Capture phase on the window: runs before leptos_router's click handler (bubble phase on
    // the window), which leaves a click alone once it is prevented; stopping it here also
    // keeps it from every other handler.
    let on_click = Closure::<dyn Fn(web_sys::MouseEvent)>::new(move |ev: web_sys::MouseEvent| {
        if !dirty.try_get_untracked().unwrap_or(false) {
            return;
        }
        // A link the router would follow to another page, or a button that leaves (Sign out).
        let leaving_button = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|el| el.closest("[data-leaves-page]").ok().flatten().is_some());
        let leaving_link =
            in_app_link(&ev).is_some_and(|href| !matches!(Route::of_href(&href), Some(Route::Edit { .. })));
        if !leaving_button && !leaving_link {
            return;
        }
        if window().confirm_with_message(&t(Msg::LeaveQuestion)).unwrap_or(true) {
            on_leave();
        } else {
            ev.prevent_default();
            ev.stop_propagation();
            // The menu the link or button was in closes (components/account_menu.rs): the
            // student chose to stay on this page.
            if let Ok(event) = web_sys::Event::new(STAYED_EVENT) {
                let _ = window().dispatch_event(&event);
            }
        }
    });
    let _ = window().add_event_listener_with_callback_and_bool("click", on_click.as_ref().unchecked_ref(), true);
    let on_click = SendWrapper::new(on_click);
    on_cleanup(move || {
        before_unload.remove();
        let _ = window().remove_event_listener_with_callback_and_bool("click", on_click.as_ref().unchecked_ref(), true);
    });
}

/// The `href` of a plain left click on a link the router follows in the app (its own rules:
/// same origin, no `target`, `download` or `rel=external`), if that is what `ev` is.
fn in_app_link(ev: &web_sys::MouseEvent) -> Option<String> {
    if ev.default_prevented() || ev.button() != 0 || ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key() {
        return None;
    }
    let link = ev.target()?.dyn_into::<web_sys::Element>().ok()?.closest("a[href]").ok()??;
    let external = link.has_attribute("download")
        || link.get_attribute("target").is_some_and(|t| !t.is_empty())
        || link.get_attribute("rel").is_some_and(|r| r.split_whitespace().any(|r| r == "external"));
    let href = link.get_attribute("href")?;
    // Paths of this origin only (not `//host`), and not the skip link's `#main`.
    (!external && href.starts_with('/') && !href.starts_with("//")).then_some(href)
}
