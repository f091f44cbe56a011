//! The app shell: what every page shares (the session, the student's profile, the network
//! state, the router, the header) and which page each path shows.

use crate::components::header::Header;
use crate::components::update_banner::UpdateBanner;
use crate::current_profile::provide_current_profile;
use crate::focus::{skip_to_main, RouteFocus};
use crate::i18n::{tr, Msg};
use crate::institute_settings_state::provide_institute_settings;
use crate::network::provide_network;
use crate::pages::{
    devices::DevicesPage, edit::EditPage, forgot_password::ForgotPasswordPage, home::Home, login::LoginPage,
    me::MePage, not_found::NotFound, user::UserPage,
};
use crate::route::provide_current_route;
use crate::session::Session;
use leptos::prelude::*;
use leptos_router::components::{FlatRoutes, FlatRoutesProps, RouteChildren, Router};
use leptos_router::{path, NestedRoute};

#[component]
pub fn App() -> impl IntoView {
    let session = Session::start();
    // Starts loading as soon as the session is known: no waiting for a page to ask.
    provide_current_profile(session);
    crate::server_logout::follow(session);
    provide_network();
    provide_institute_settings();

    view! {
        <Router>
            {provide_current_route()}
            <RouteFocus/>
            {frame(view! {
                {(!session.persistent()).then(|| view! {
                    <p class="alert alert-info" role="status">{tr(Msg::StorageBlocked)}</p>
                })}
                <UpdateBanner/>
                {pages()}
            })}
        </Router>
    }
}

/// What every page is drawn in: the skip link, the header, and `main` holding the page.
/// The build's prerendered pages are drawn in it too (src/bin/prerender.rs).
pub fn frame(main: impl IntoView) -> impl IntoView {
    view! {
        // Its listener is on the link (no event delegation), so it prevents the default
        // before the router's on the window would push `#main` as a history entry.
        <a class="skip-link" href="#main" on:click=skip_to_main>{tr(Msg::SkipToContent)}</a>
        <Header/>
        <main id="main" tabindex="-1">{main}</main>
    }
}

/// The pages by path: crate::route::Route::PAGES's patterns (a test there compares).
/// `/users/18` and `/users/19` are one route, so moving between users keeps the page up
/// while the next one loads.
///
/// `<Route path=… view=…/>` would say the same, but under `erase_components` each one is
/// boxed with the server's route-listing code attached; this tuple of `NestedRoute`s is
/// matched without it (1.9 KB brotli less).
fn pages() -> impl IntoView {
    let routes = || {
        (
            NestedRoute::new(path!("/"), Home),
            NestedRoute::new(path!("/login"), LoginPage),
            NestedRoute::new(path!("/me"), MePage),
            NestedRoute::new(path!("/me/edit"), EditPage),
            NestedRoute::new(path!("/me/devices"), DevicesPage),
            NestedRoute::new(path!("/users/:id"), UserPage),
            NestedRoute::new(path!("/forgot-password"), ForgotPasswordPage),
        )
    };
    FlatRoutes(FlatRoutesProps::builder().fallback(NotFound).children(RouteChildren::to_children(routes)).build())
}
