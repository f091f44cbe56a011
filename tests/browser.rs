//! Browser component tests: real components mounted into headless Chromium's DOM.
//! Run with `cargo test --target wasm32-unknown-unknown` (scripts/test.sh sets the runner up).
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use leptos_router::components::Router;
use testpress_profile::components::avatar::{Avatar, AvatarSize};
use testpress_profile::components::header::Header;
use testpress_profile::components::profile_view::{OwnProfile, PublicProfile};
use testpress_profile::pages::not_found::NotFound;
use testpress_profile::profile::{Images, Profile};
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

fn attr(root: &web_sys::HtmlElement, selector: &str, name: &str) -> Option<String> {
    root.query_selector(selector).unwrap()?.get_attribute(name)
}

/// Lets event handlers and reactive updates run.
async fn settle() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 30).unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

fn divya() -> Profile {
    Profile::parse(include_str!("../src/fixtures/me.json"), "https://app.example").unwrap()
}

fn images(base: &str) -> Images {
    Images {
        large: format!("{base}/l.jpeg"),
        medium: format!("{base}/m.jpeg"),
        small: format!("{base}/s.jpeg"),
        x_small: format!("{base}/x.jpeg"),
        mini: format!("{base}/n.jpeg"),
    }
}

#[wasm_bindgen_test]
fn header_names_the_app_and_offers_sign_in_when_signed_out() {
    let root = mount(|| {
        let session = testpress_profile::session::Session::start();
        testpress_profile::current_profile::provide_current_profile(session);
        view! { <Router>{testpress_profile::route::provide_current_route()}<Header/></Router> }
    });
    assert_eq!(texts(&root, "header a.brand"), ["Testpress Profile"]);
    assert_eq!(texts(&root, "header a:not(.brand)"), ["Sign in"], "signed out: only sign-in");
    assert!(root.query_selector("header button").unwrap().is_none(), "no account menu");
}

#[wasm_bindgen_test]
fn sign_in_links_carry_the_page_encoded() {
    use testpress_profile::nav::sign_in_for;
    assert_eq!(sign_in_for("/users/18").href(), "/login?next=%2Fusers%2F18");
    assert_eq!(sign_in_for("/me/edit?x=1&y=2").href(), "/login?next=%2Fme%2Fedit%3Fx%3D1%26y%3D2");
    assert_eq!(sign_in_for("/users/18?q=%C3%A9 x").href(), "/login?next=%2Fusers%2F18%3Fq%3D%25C3%25A9%20x");
    assert_eq!(sign_in_for("/me").href(), "/login");
    assert_eq!(sign_in_for("/login?next=%2Fme").href(), "/login");
}

#[wasm_bindgen_test]
async fn text_and_the_page_language_follow_the_chosen_catalogue() {
    use testpress_profile::i18n::{install, Catalogue, Lang};
    let root = mount(|| view! { <NotFound/> });
    let catalogue = Catalogue::parse(r#"{"PageNotFound": "पेज नहीं मिला"}"#).unwrap();
    install(Lang::Hi, Some(catalogue));
    settle().await;
    assert_eq!(texts(&root, "h1"), ["पेज नहीं मिला"]);
    assert_eq!(document().document_element().unwrap().get_attribute("lang").as_deref(), Some("hi"));
    assert_eq!(texts(&root, "a"), ["Go to your profile"], "a missing message falls back to English");
    install(Lang::En, None);
    settle().await;
    assert_eq!(texts(&root, "h1"), ["Page not found"]);
    assert_eq!(document().document_element().unwrap().get_attribute("lang").as_deref(), Some("en"));
}

#[wasm_bindgen_test]
fn not_found_explains_and_links_home() {
    let root = mount(|| view! { <NotFound/> });
    assert_eq!(texts(&root, "h1"), ["Page not found"]);
    assert_eq!(attr(&root, "a", "href").as_deref(), Some("/"));
}

#[wasm_bindgen_test]
fn avatar_offers_every_variant_and_lets_the_browser_choose() {
    let root = mount(|| view! { <Avatar images=images("https://cdn.example") name="Divya" size=AvatarSize::Profile/> });
    let srcset = attr(&root, "img", "srcset").unwrap();
    for (file, width) in [("n", 24), ("x", 32), ("s", 48), ("m", 128), ("l", 256)] {
        assert!(srcset.contains(&format!("https://cdn.example/{file}.jpeg {width}w")), "{srcset}");
    }
    assert_eq!(attr(&root, "img", "sizes").as_deref(), Some("(min-width: 64rem) 256px, 128px"));
    assert_eq!(attr(&root, "img", "alt").as_deref(), Some("Divya"));
    assert_eq!((attr(&root, "img", "width"), attr(&root, "img", "height")), (Some("128".into()), Some("128".into())));
}

#[wasm_bindgen_test]
fn avatar_without_a_photo_shows_initials_named_for_screen_readers() {
    let root = mount(|| view! { <Avatar images=Images::default() name="Vinoth Kumar" size=AvatarSize::Header/> });
    assert!(root.query_selector("img").unwrap().is_none());
    assert_eq!(attr(&root, "[role=img]", "aria-label").as_deref(), Some("Vinoth Kumar"));
    assert_eq!(texts(&root, "[role=img]"), ["VK"]);
}

#[wasm_bindgen_test]
async fn avatar_falls_back_to_initials_when_the_file_fails() {
    let root =
        mount(|| view! { <Avatar images=images("https://cdn.example") name="Priya Raman" size=AvatarSize::Header/> });
    let img = root.query_selector("img").unwrap().expect("an image first");
    img.dispatch_event(&web_sys::Event::new("error").unwrap()).unwrap();
    settle().await;
    assert!(root.query_selector("img").unwrap().is_none());
    assert_eq!(texts(&root, "[role=img]"), ["PR"]);
}

#[wasm_bindgen_test]
fn own_profile_shows_every_field_in_words_and_the_batches() {
    let root = mount(|| view! { <OwnProfile profile=divya()/> });
    assert_eq!(texts(&root, "h1"), ["Divya"]);
    let terms = texts(&root, "dt");
    let values = texts(&root, "dd");
    let value = |term: &str| values[terms.iter().position(|t| t == term).unwrap_or_else(|| panic!("{term}"))].clone();
    assert_eq!(value("Birth date"), "27 Aug 1994");
    assert_eq!(value("Gender"), "Female");
    assert_eq!(value("State"), "Tamil Nadu");
    assert_eq!(value("Address"), "Chennai, Chennai");
    assert_eq!(texts(&root, "ul.batches li").len(), 11);
    assert_eq!(attr(&root, "a.button", "href").as_deref(), Some("/me/edit"));
}

#[wasm_bindgen_test]
fn empty_fields_read_not_provided() {
    let sparse = Profile { username: "arjun".into(), first_name: "Arjun".into(), ..Profile::default() };
    let root = mount(move || view! { <OwnProfile profile=sparse/> });
    let values = texts(&root, "dd");
    assert!(values.iter().filter(|v| v.starts_with("Not provided")).count() >= 7, "{values:?}");
    assert!(values.iter().all(|v| !v.trim().is_empty()), "no blank values: {values:?}");
    assert_eq!(texts(&root, "p.not-provided"), ["Not in any batch yet."]);
    // Every empty field the student may edit offers a way to fill it in (not the username,
    // nor the email, which only the institute changes).
    assert_eq!(attr(&root, "a.add-link", "href").as_deref(), Some("/me/edit?field=phone"));
    assert_eq!(attr(&root, "a.add-link", "aria-label").as_deref(), Some("Add Phone"));
    assert_eq!(texts(&root, "a.add-link").len(), 7);
}

#[wasm_bindgen_test]
fn user_supplied_markup_is_shown_as_text() {
    let hostile = Profile {
        display_name: "<img src=x onerror=alert(1)><b>Bold</b>".into(),
        username: "<script>alert(1)</script>".into(),
        ..Profile::default()
    };
    let root = mount(move || view! { <PublicProfile profile=hostile/> });
    assert_eq!(texts(&root, "h1"), ["<img src=x onerror=alert(1)><b>Bold</b>"]);
    assert!(root.query_selector("h1 img, h1 b, script").unwrap().is_none());
}
