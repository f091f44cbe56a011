//! The app's pages as one typed table. Every link, redirect and navigation names a `Route`
//! and `href()` spells its address, so no page writes another's path. app.rs hands the same
//! patterns to leptos_router, and the service worker keeps each page's file: the tests below
//! check both against `Route::PAGES`.

use crate::edit_form::Field;
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_location;
use leptos_router::location::Location;
use leptos_router::NavigateOptions;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// `/`: no page of its own, it sends the student on.
    Home,
    /// `/login`, and where to return after signing in (`?next=`, any path; sign-in sanitises it).
    Login {
        next: Option<String>,
    },
    Me,
    /// `/me/edit`, and the field to focus first (`?field=phone`).
    Edit {
        field: Option<Field>,
    },
    User(u64),
    /// `/me/devices`, and where to carry on once the other devices are signed out (`?next=`,
    /// sanitised like sign-in's).
    Devices {
        next: Option<String>,
    },
    /// `/forgot-password`: the reset request.
    ForgotPassword,
}

impl Route {
    /// Every page's pattern, as app.rs gives it to `path!`, and the file that opens it before
    /// the app runs: its prerendered page (scripts/post-build/prerendered-pages.mjs), else
    /// the shell.
    /// The service worker gets this list from the build hook (src/bin/build-facts.rs).
    pub const PAGES: [(&'static str, &'static str); 7] = [
        ("/", "/index.html"),
        ("/login", "/login.html"),
        ("/me", "/me.html"),
        ("/me/edit", "/index.html"),
        ("/me/devices", "/index.html"),
        ("/users/:id", "/index.html"),
        ("/forgot-password", "/index.html"),
    ];

    /// The address, with its query, as links and the history take it.
    pub fn href(&self) -> String {
        match self {
            Route::Home => "/".into(),
            Route::Login { next: None } => "/login".into(),
            // encodeURIComponent: `next` is a path with its own `?` and `&`.
            Route::Login { next: Some(next) } => {
                ["/login?next=", &String::from(js_sys::encode_uri_component(next))].concat()
            }
            Route::Me => "/me".into(),
            Route::Edit { field: None } => "/me/edit".into(),
            Route::Edit { field: Some(field) } => ["/me/edit?field=", field.api_name()].concat(),
            Route::User(id) => ["/users/", &id.to_string()].concat(),
            Route::Devices { next: None } => "/me/devices".into(),
            Route::Devices { next: Some(next) } => {
                ["/me/devices?next=", &String::from(js_sys::encode_uri_component(next))].concat()
            }
            Route::ForgotPassword => "/forgot-password".into(),
        }
    }

    /// The page at `path` (`/me/` is `/me`), with what it takes from the query (`query`
    /// answers a name with its decoded value); `None` where the app has no page.
    pub fn parse(path: &str, query: impl Fn(&str) -> Option<String>) -> Option<Route> {
        let path = path.strip_suffix('/').filter(|p| !p.is_empty()).unwrap_or(path);
        Some(match path {
            "/" => Route::Home,
            "/login" => Route::Login { next: query("next") },
            "/me" => Route::Me,
            "/me/edit" => Route::Edit { field: query("field").as_deref().and_then(Field::from_api_name) },
            "/me/devices" => Route::Devices { next: query("next") },
            "/forgot-password" => Route::ForgotPassword,
            _ => Route::User(path.strip_prefix("/users/").and_then(parse_user_id)?),
        })
    }

    /// The page itself, without what its query adds.
    pub fn page(&self) -> Route {
        match self {
            Route::Login { .. } => Route::Login { next: None },
            Route::Edit { .. } => Route::Edit { field: None },
            Route::Devices { .. } => Route::Devices { next: None },
            other => other.clone(),
        }
    }

    /// The page a link's `href` leads to (its query left out), if it is one of the app's.
    pub fn of_href(href: &str) -> Option<Route> {
        Route::parse(href.split(['?', '#']).next().unwrap_or_default(), |_| None)
    }
}

/// `/users/:id` takes only a positive decimal id; anything else names no one.
pub fn parse_user_id(raw: &str) -> Option<u64> {
    (!raw.is_empty() && raw.len() <= 19 && raw.bytes().all(|b| b.is_ascii_digit()))
        .then(|| raw.parse().ok())
        .flatten()
        .filter(|id| *id > 0)
}

/// The page shown now, from the address bar (tracked); one for the whole app.
#[derive(Clone, Copy)]
pub struct CurrentRoute(Memo<Option<Route>>);

impl CurrentRoute {
    pub fn get(&self) -> Option<Route> {
        self.0.get()
    }

    pub fn get_untracked(&self) -> Option<Route> {
        self.0.get_untracked()
    }

    /// `aria-current` for a link to `route`: "page" while that page is shown, whatever its query.
    pub fn aria_current(self, route: Route) -> impl Fn() -> Option<&'static str> + Send + Sync + Clone {
        let page = route.page();
        move || self.0.with(|now| now.as_ref().is_some_and(|now| now.page() == page)).then_some("page")
    }
}

/// Call once, inside the `<Router>`.
pub fn provide_current_route() {
    let location = use_location();
    let current = Memo::new(move |_| {
        location.query.with(|query| location.pathname.with(|path| Route::parse(path, |name| query.get(name))))
    });
    provide_context(CurrentRoute(current));
}

pub fn use_current_route() -> CurrentRoute {
    use_context().expect("provide_current_route() runs in the app's root")
}

/// The address shown now, path and query, as a `next=` value for sign-in.
pub fn here(location: &Location) -> String {
    let (path, query) = (location.pathname.get_untracked(), location.search.get_untracked());
    if query.is_empty() {
        path
    } else {
        [path.as_str(), "?", &query].concat()
    }
}

/// Sends the student on to `to` when shown, in place of this entry in the history (Back
/// skips the page that only redirected).
pub fn redirect(to: Route) -> impl IntoView {
    view! { <Redirect path=to.href() options=NavigateOptions { replace: true, ..Default::default() }/> }
}

/// Goes to `href` (a `Route`'s, or sign-in's sanitised `next`) from an event handler or an
/// effect: a new history entry, or in place of this one with `replace`.
pub fn use_go() -> impl Fn(&str, bool) + Clone + 'static {
    let navigate = leptos_router::hooks::use_navigate();
    move |href: &str, replace: bool| navigate(href, NavigateOptions { replace, ..Default::default() })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_query(_: &str) -> Option<String> {
        None
    }

    #[test]
    fn paths_pick_pages() {
        for (path, route) in [
            ("/", Some(Route::Home)),
            ("/login", Some(Route::Login { next: None })),
            ("/me", Some(Route::Me)),
            ("/me/", Some(Route::Me)),
            ("/me/edit", Some(Route::Edit { field: None })),
            ("/users/18", Some(Route::User(18))),
            ("/users/18/", Some(Route::User(18))),
            ("/users/abc", None),
            ("/users/", None),
            ("/users/18/x", None),
            ("/no/such/page", None),
        ] {
            assert_eq!(Route::parse(path, no_query), route, "{path}");
        }
    }

    #[test]
    fn the_query_is_read_by_its_page() {
        let query = |name: &str| match name {
            "next" => Some("/users/18?x=1".to_string()),
            "field" => Some("phone".to_string()),
            _ => None,
        };
        assert_eq!(Route::parse("/login", query), Some(Route::Login { next: Some("/users/18?x=1".into()) }));
        assert_eq!(Route::parse("/me/edit", query), Some(Route::Edit { field: Some(Field::Phone) }));
        let unknown_field = |_: &str| Some("shoe_size".to_string());
        assert_eq!(Route::parse("/me/edit", unknown_field), Some(Route::Edit { field: None }));
        assert_eq!(Route::of_href("/me/edit?field=phone#x"), Some(Route::Edit { field: None }));
        assert_eq!(Route::of_href("#main"), None);
    }

    #[test]
    fn every_address_leads_back_to_its_page() {
        // `Login { next: Some(_) }` is encoded by the browser: tests/browser.rs covers it.
        for route in [
            Route::Home,
            Route::Login { next: None },
            Route::Me,
            Route::Edit { field: None },
            Route::Edit { field: Some(Field::State) },
            Route::User(18),
            Route::Devices { next: None },
            Route::ForgotPassword,
        ] {
            let href = route.href();
            let (path, query) = href.split_once('?').unwrap_or((&href, ""));
            let query = |name: &str| {
                query
                    .split('&')
                    .filter_map(|pair| pair.split_once('='))
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| v.into())
            };
            assert_eq!(Route::parse(path, query).as_ref(), Some(&route), "{href}");
        }
    }

    #[test]
    fn every_pattern_is_a_page() {
        for (pattern, _) in Route::PAGES {
            let path = pattern.replace(":id", "18");
            assert!(Route::parse(&path, no_query).is_some(), "{pattern}");
        }
    }

    #[test]
    fn user_ids() {
        assert_eq!(parse_user_id("18"), Some(18));
        for bad in ["", "0", "abc", "18abc", "-1", "+1", " 1", "1.0", "99999999999999999999"] {
            assert_eq!(parse_user_id(bad), None, "{bad}");
        }
    }

    /// The first quoted string after each `marker` in `text`.
    fn quoted_after<'a>(text: &'a str, marker: &str) -> Vec<&'a str> {
        text.split(marker).skip(1).filter_map(|rest| rest.split(['"', '\'']).nth(1)).collect()
    }

    #[test]
    fn the_router_knows_every_page() {
        let app = include_str!("app.rs");
        let mut routed = quoted_after(app, "path!(");
        let mut pages: Vec<&str> = Route::PAGES.iter().map(|(pattern, _)| *pattern).collect();
        routed.sort_unstable();
        pages.sort_unstable();
        assert_eq!(routed, pages, "app.rs's routes and Route::PAGES");
    }
}
