//! The app shell: what every page shares (the session, the student's profile, the network
//! state, the header) and the routes.

use crate::components::header::Header;
use crate::components::update_banner::UpdateBanner;
use crate::current_profile::provide_current_profile;
use crate::i18n::{tr, Msg};
use crate::network::provide_network;
use crate::pages::{edit::EditPage, home::Home, login::LoginPage, me::MePage, not_found::NotFound, user::UserPage};
use crate::session::Session;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

#[component]
pub fn App() -> impl IntoView {
    let session = Session::start();
    // Starts loading as soon as the session is known: no waiting for a page to ask.
    provide_current_profile(session);
    provide_network();

    view! {
        <Router>
            <crate::focus::RouteFocus/>
            <a class="skip-link" href="#main" on:click=crate::focus::skip_to_main>{tr(Msg::SkipToContent)}</a>
            <Header/>
            <main id="main" tabindex="-1">
                {(!session.persistent()).then(|| view! {
                    <p class="alert alert-info" role="status">{tr(Msg::StorageBlocked)}</p>
                })}
                <UpdateBanner/>
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=Home/>
                    <Route path=path!("/login") view=LoginPage/>
                    <Route path=path!("/me") view=MePage/>
                    <Route path=path!("/me/edit") view=EditPage/>
                    <Route path=path!("/users/:id") view=UserPage/>
                </Routes>
            </main>
        </Router>
    }
}
