//! Browser component tests: real components mounted into headless Chromium's DOM.
//! Run with `cargo test --target wasm32-unknown-unknown` (scripts/test.sh sets the runner up).
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use leptos_router::components::Router;
use testpress_profile::components::header::Header;
use testpress_profile::pages::not_found::NotFound;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts `view` into a fresh container and returns the container.
fn mount<V: IntoView + 'static>(view: impl FnOnce() -> V + 'static) -> web_sys::HtmlElement {
    let document = document();
    let container: web_sys::HtmlElement = document.create_element("div").unwrap().unchecked_into();
    document.body().unwrap().append_child(&container).unwrap();
    let handle = leptos::mount::mount_to(container.clone(), view);
    handle.forget();
    container
}

fn texts(root: &web_sys::HtmlElement, selector: &str) -> Vec<String> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length()).filter_map(|i| list.item(i)).map(|n| n.text_content().unwrap_or_default()).collect()
}

#[wasm_bindgen_test]
fn header_names_the_app_and_labels_its_navigation() {
    let root = mount(|| view! { <Router><Header/></Router> });
    assert_eq!(texts(&root, "header a.brand"), ["Testpress Profile"]);
    let nav = root.query_selector("nav").unwrap().expect("a nav landmark");
    assert_eq!(nav.get_attribute("aria-label").as_deref(), Some("Main"));
    assert!(texts(&root, "nav a").contains(&"My profile".to_string()));
}

#[wasm_bindgen_test]
fn not_found_explains_and_links_home() {
    let root = mount(|| view! { <Router><NotFound/></Router> });
    assert_eq!(texts(&root, "h1"), ["Page not found"]);
    let link = root.query_selector("a").unwrap().expect("a way back");
    assert_eq!(link.get_attribute("href").as_deref(), Some("/"));
}
