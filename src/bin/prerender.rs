//! The pages the build writes into the HTML so the first paint needs no script
//! (scripts/post-build/prerendered-pages.mjs), drawn at build time by the app's own
//! components in the build's institute brand. So no markup is written twice, in Rust and
//! in JavaScript, and the app's first render replaces them box for box.
//!
//!   prerender [CONFIG_JSON]    (a missing or bad file: the defaults; build-facts reports why)
//!
//! Prints one JSON object on stdout: each page as the app frames it (skip link, header,
//! `main`), the sign-in page's title, and the words early-login.js needs, in English.

use hydration_context::SsrSharedContext;
use leptos::prelude::*;
use leptos_router::components::Router;
use leptos_router::location::RequestUrl;
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::Arc;
use testpress_profile::app::frame;
use testpress_profile::components::skeleton::ProfileSkeleton;
use testpress_profile::config;
use testpress_profile::current_profile::provide_current_profile;
use testpress_profile::i18n::{t, Msg};
use testpress_profile::network::provide_network;
use testpress_profile::pages::{login::LoginPage, me::MePage};
use testpress_profile::route::provide_current_route;
use testpress_profile::session::Session;
use testpress_profile::title::{site_name, title_text};

#[derive(Serialize)]
struct Pages {
    /// index.html, for every path without a page of its own: a signed-in student's header
    /// and the profile skeleton (what most of those paths show first).
    index: String,
    /// login.html: the sign-in form itself.
    login: String,
    /// me.html: the profile page while it loads.
    me: String,
    login_title: String,
    /// What early-login.js says before the app runs, by message id.
    early_login_words: BTreeMap<&'static str, &'static str>,
}

/// The words early-login.js shows (the catalogues give the other languages).
const EARLY_LOGIN_WORDS: [Msg; 5] = [Msg::SigningIn, Msg::Show, Msg::Hide, Msg::ShowPassword, Msg::HidePassword];

/// `path` as the app first draws it, for someone signed in or nobody, before any answer
/// from the server: the profile still loading, the institute's settings the defaults.
fn render(path: &str, signed_in: bool, page: fn() -> AnyView) -> String {
    // A server's shared context: leptos then leaves out what needs a browser (window listeners).
    let owner = Owner::new_root(Some(Arc::new(SsrSharedContext::new())));
    let html = owner.with(|| {
        provide_context(RequestUrl::new(path));
        let session = Session::prerendered(signed_in);
        provide_current_profile(session);
        provide_network();
        view! { <Router>{provide_current_route()}{frame(page())}</Router> }.to_html()
    });
    without_markers(&html)
}

/// Leptos marks where text and optional parts go (`<!>`, `<!--<() />-->`) for hydrating,
/// which never happens here: the app draws its own page and removes this one. Only markup
/// starts with `<!`: text and attribute values come escaped.
fn without_markers(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<!") {
        out.push_str(&rest[..start]);
        let marker = &rest[start..];
        let end = if marker.starts_with("<!--") {
            marker.find("-->").map(|i| i + 3)
        } else {
            marker.find('>').map(|i| i + 1)
        };
        match end {
            Some(end) => rest = &marker[end..],
            None => {
                rest = marker;
                break;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Before the app runs, a press of Sign in must send nothing: the page's button is a plain
/// one, which early-login.js makes the form's submit button (`data-submit`) whose press is
/// only remembered; the app then carries it out (src/prerender.rs).
fn submit_held(html: String) -> Result<String, String> {
    const SUBMIT: &str = r#"type="submit""#;
    match html.matches(SUBMIT).count() {
        1 => Ok(html.replacen(SUBMIT, r#"type="button" data-submit"#, 1)),
        n => Err(format!("the sign-in page has {n} submit buttons, not one")),
    }
}

fn pages() -> Result<Pages, String> {
    Ok(Pages {
        index: render("/", true, || view! { <ProfileSkeleton/> }.into_any()),
        login: submit_held(render("/login", false, || view! { <LoginPage/> }.into_any()))?,
        me: render("/me", true, || view! { <MePage/> }.into_any()),
        login_title: title_text(Some(&t(Msg::SignIn)), &site_name()),
        early_login_words: EARLY_LOGIN_WORDS.into_iter().map(|m| (m.key(), m.english())).collect(),
    })
}

fn main() {
    let text = std::env::args().nth(1).and_then(|path| std::fs::read_to_string(path).ok()).unwrap_or_default();
    let (config, _problems) = config::parse(&text);
    config::install(config);
    match pages().and_then(|pages| serde_json::to_string(&pages).map_err(|e| e.to_string())) {
        Ok(json) => println!("{json}"),
        Err(e) => {
            eprintln!("prerender: {e}");
            std::process::exit(1);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_go_and_everything_else_stays() {
        let html = r#"<p>a<!>b<!--<() />--></p><img alt="&lt;!--x--&gt;"><!-- unterminated"#;
        assert_eq!(without_markers(html), r#"<p>ab</p><img alt="&lt;!--x--&gt;"><!-- unterminated"#);
        assert_eq!(without_markers("plain"), "plain");
    }

    /// The hook's CSP check (csp.mjs) looks for inline script and style in the pages; this
    /// catches the same, and leptos's markers, at the source.
    #[test]
    fn the_pages_are_plain_html_with_the_sign_in_held_back() {
        let pages = pages().unwrap();
        for html in [&pages.index, &pages.login, &pages.me] {
            assert!(html.starts_with(r##"<a href="#main" class="skip-link">"##), "{html}");
            assert!(html.ends_with("</main>"), "{html}");
            for inline in ["<!", "<script", " style=", " onclick=", " onchange=", " onsubmit="] {
                assert!(!html.contains(inline), "{inline} in {html}");
            }
        }
        assert!(pages.login.contains(r#"<button type="button" data-submit"#));
        assert!(pages.me.contains(r#"class="freshness""#) && pages.me.contains("profile-layout"));
        assert!(pages.index.contains("account-button") && !pages.login.contains("account-button"));
        assert_eq!(pages.login_title, "Sign in · Testpress Profile");
    }

    #[test]
    fn the_one_submit_button_is_held_back() {
        let held = submit_held(r#"<button type="button">Show</button><button type="submit">Go</button>"#.into());
        assert_eq!(
            held.unwrap(),
            r#"<button type="button">Show</button><button type="button" data-submit>Go</button>"#
        );
        assert!(submit_held("<form></form>".into()).is_err());
    }
}
