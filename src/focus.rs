//! Where keyboard focus goes when the page changes under the student: to the new page's
//! heading after an in-app navigation, into `<main>` from the skip link, and to a message or
//! field that a page names.

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use wasm_bindgen::JsCast;

/// Focuses the element with `id`, if it is on the page.
pub fn focus_id(id: &str) {
    if let Some(el) = document().get_element_by_id(id) {
        focus_element(&el);
    }
}

/// Focuses `el`, making it focusable from script if it is not already (a heading, a message).
pub fn focus_element(el: &web_sys::Element) {
    if !el.has_attribute("tabindex") && !matches!(el.tag_name().as_str(), "A" | "BUTTON" | "INPUT" | "SELECT") {
        let _ = el.set_attribute("tabindex", "-1");
    }
    if let Some(el) = el.dyn_ref::<web_sys::HtmlElement>() {
        let _ = el.focus();
    }
}

/// Focuses the form control `id` with its whole field (label, hint, message) in the middle
/// of the screen: on a phone the label stays in view and the field clear of the Save bar.
pub fn focus_field(id: &str) {
    let Some(control) = document().get_element_by_id(id) else { return };
    let field = control.closest(".field").ok().flatten().unwrap_or_else(|| control.clone());
    let options = web_sys::ScrollIntoViewOptions::new();
    options.set_block(web_sys::ScrollLogicalPosition::Center);
    field.scroll_into_view_with_scroll_into_view_options(&options);
    let focus = web_sys::FocusOptions::new();
    focus.set_prevent_scroll(true);
    if let Some(control) = control.dyn_ref::<web_sys::HtmlElement>() {
        let _ = control.focus_with_options(&focus);
    }
}

/// Room kept between a focused control and the Save bar: its focus ring (3 px and 2 px
/// apart) and a little air.
const RING_ROOM: f64 = 12.0;

/// Scrolls `focused` (with its field's label and message) up out from under `bar`, the
/// sticky Save bar, when the browser's own focus scrolling left it there (Tab on a phone).
pub fn keep_clear_of(focused: &web_sys::Element, bar: &web_sys::Element) {
    if bar.contains(Some(focused)) {
        return;
    }
    let field = focused.closest(".field").ok().flatten().unwrap_or_else(|| focused.clone());
    let (control, whole, bar) =
        (focused.get_bounding_client_rect(), field.get_bounding_client_rect(), bar.get_bounding_client_rect());
    // As much as clears the whole field, but never so much that the control leaves the top.
    let overlap = (whole.bottom().max(control.bottom()) + RING_ROOM - bar.top()).min(control.top() - RING_ROOM);
    if overlap > 0.0 && control.top() < bar.bottom() {
        window().scroll_by_with_x_and_y(0.0, overlap);
    }
}

/// The page's heading, else `<main>` itself.
fn focus_page_start() {
    let doc = document();
    let target = doc.query_selector("main h1").ok().flatten().or_else(|| doc.get_element_by_id("main"));
    if let Some(target) = target {
        focus_element(&target);
    }
}

fn focus_is_in_main() -> bool {
    let doc = document();
    match (doc.active_element(), doc.get_element_by_id("main")) {
        (Some(active), Some(main)) => main.contains(Some(&active)),
        _ => false,
    }
}

/// The skip link: moves focus (not just the scroll position) into `<main>`, so the next Tab
/// continues from there.
pub fn skip_to_main(ev: leptos::ev::MouseEvent) {
    ev.prevent_default();
    focus_page_start();
}

/// After each in-app navigation, once the new page is drawn, focus its heading so screen
/// readers announce it, unless the page has already put focus somewhere inside itself.
/// The first load is left alone: focus starts at the top of the document.
#[component]
pub fn RouteFocus() -> impl IntoView {
    let location = use_location();
    Effect::new(move |previous: Option<String>| {
        let path = location.pathname.get();
        if previous.is_some_and(|p| p != path) {
            // After the router has swapped the page in and the browser has laid it out.
            request_animation_frame(move || {
                if !focus_is_in_main() {
                    focus_page_start();
                }
            });
        }
        path
    });
}
