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
