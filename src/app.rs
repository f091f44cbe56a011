//! The app shell: what every page shares (the session, the student's profile, the network
//! state, the address bar, the header) and which page each path shows.

use crate::components::header::Header;
use crate::components::update_banner::UpdateBanner;
use crate::current_profile::provide_current_profile;
use crate::focus::{skip_to_main, RouteFocus};
use crate::i18n::{tr, Msg};
use crate::network::provide_network;
use crate::pages::{edit::EditPage, home::Home, login::LoginPage, me::MePage, not_found::NotFound, user::UserPage};
use crate::router::provide_location;
use crate::session::Session;
use leptos::prelude::*;

/// The app's pages, by path. `/users/18` and `/users/19` are the same page (it follows the
/// id itself), so moving between users keeps it up while the next one loads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    Home,
    Login,
    Me,
    Edit,
    User,
    NotFound,
}

impl Page {
    pub fn for_path(path: &str) -> Page {
        match path.strip_suffix('/').filter(|p| !p.is_empty()).unwrap_or(path) {
            "/" => Page::Home,
            "/login" => Page::Login,
            "/me" => Page::Me,
            "/me/edit" => Page::Edit,
            p if p.strip_prefix("/users/").is_some_and(|id| !id.is_empty() && !id.contains('/')) => Page::User,
            _ => Page::NotFound,
        }
    }
}

#[component]
pub fn App() -> impl IntoView {
    let session = Session::start();
    let location = provide_location();
    // Starts loading as soon as the session is known: no waiting for a page to ask.
    provide_current_profile(session);
    provide_network();
    let page = Memo::new(move |_| Page::for_path(&location.path()));

    view! {
        <RouteFocus/>
        <a class="skip-link" href="#main" on:click=skip_to_main>{tr(Msg::SkipToContent)}</a>
        <Header/>
        <main id="main" tabindex="-1">
            {(!session.persistent()).then(|| view! {
                <p class="alert alert-info" role="status">{tr(Msg::StorageBlocked)}</p>
            })}
            <UpdateBanner/>
            {move || match page.get() {
                Page::Home => view! { <Home/> }.into_any(),
                Page::Login => view! { <LoginPage/> }.into_any(),
                Page::Me => view! { <MePage/> }.into_any(),
                Page::Edit => view! { <EditPage/> }.into_any(),
                Page::User => view! { <UserPage/> }.into_any(),
                Page::NotFound => view! { <NotFound/> }.into_any(),
            }}
        </main>
    }
}

#[cfg(test)]
mod tests {
    use super::Page;

    #[test]
    fn paths_pick_pages() {
        for (path, page) in [
            ("/", Page::Home),
            ("/login", Page::Login),
            ("/me", Page::Me),
            ("/me/", Page::Me),
            ("/me/edit", Page::Edit),
            ("/users/18", Page::User),
            ("/users/abc", Page::User),
            ("/users/", Page::NotFound),
            ("/users/18/x", Page::NotFound),
            ("/no/such/page", Page::NotFound),
        ] {
            assert_eq!(Page::for_path(path), page, "{path}");
        }
    }
}
