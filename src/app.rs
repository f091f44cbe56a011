//! The app shell: the session, the signed-in student's profile (shared by the header and
//! `/me`), the header, and the routes.

use crate::api::{self, ApiError};
use crate::components::header::Header;
use crate::pages::{edit::EditPage, home::Home, login::LoginPage, me::MePage, not_found::NotFound, user::UserPage};
use crate::profile::Profile;
use crate::session::Session;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

/// `GET /me/` for whoever is signed in (`None` when nobody is), loaded once and shared.
#[derive(Clone, Copy)]
pub struct CurrentProfile(pub LocalResource<Result<Option<Profile>, ApiError>>);

#[component]
pub fn App() -> impl IntoView {
    let session = Session::start();
    // Starts as soon as the session is known: no waiting for a page to ask.
    let current = LocalResource::new(move || {
        let signed_in = session.token_key().is_some();
        async move {
            if signed_in {
                api::me(session).await.map(Some)
            } else {
                Ok(None)
            }
        }
    });
    provide_context(CurrentProfile(current));

    view! {
        <Router>
            <a class="skip-link" href="#main">"Skip to content"</a>
            <Header/>
            <main id="main" tabindex="-1">
                {(!session.persistent()).then(|| view! {
                    <p class="alert alert-info" role="status">
                        "This browser is blocking storage for this site, so you will stay signed in only while this tab is open."
                    </p>
                })}
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
