//! The app shell: header, routes, and where `/` sends the student.

use crate::components::header::Header;
use crate::pages::{edit::EditPage, home::Home, login::LoginPage, me::MePage, not_found::NotFound, user::UserPage};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

#[component]
pub fn App() -> impl IntoView {
    view! {
        <Router>
            <a class="skip-link" href="#main">"Skip to content"</a>
            <Header/>
            <main id="main" tabindex="-1">
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
