//! "You have unsaved changes": asked before in-app links lead away, before a control marked
//! `data-leaves-page` (Sign out) acts, and before the tab closes, while `dirty` says there
//! is something to lose.

use crate::i18n::{t, Msg};
use crate::router;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

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
    // Capture phase: runs before the router's own click handling, which honours preventDefault.
    let on_click = Closure::<dyn Fn(web_sys::MouseEvent)>::new(move |ev: web_sys::MouseEvent| {
        if !dirty.try_get_untracked().unwrap_or(false) {
            return;
        }
        // A link the router would follow to another page, or a button that leaves (Sign out).
        let leaving_button = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|el| el.closest("[data-leaves-page]").ok().flatten().is_some());
        let leaving_link = router::in_app_link(&ev).is_some_and(|href| !href.starts_with("/me/edit"));
        if !leaving_button && !leaving_link {
            return;
        }
        if window().confirm_with_message(&t(Msg::LeaveQuestion)).unwrap_or(true) {
            on_leave();
        } else {
            ev.prevent_default();
            ev.stop_propagation();
        }
    });
    let _ = window().add_event_listener_with_callback_and_bool("click", on_click.as_ref().unchecked_ref(), true);
    let on_click = SendWrapper::new(on_click);
    on_cleanup(move || {
        before_unload.remove();
        let _ = window().remove_event_listener_with_callback_and_bool("click", on_click.as_ref().unchecked_ref(), true);
    });
}
