use crate::router::Redirect;
use crate::session::use_session;
use leptos::prelude::*;

/// `/` has no page of its own: signed-in students go to their profile, others to sign-in.
#[component]
pub fn Home() -> impl IntoView {
    let session = use_session();
    move || {
        let path = if session.signed_in() { "/me" } else { "/login" };
        view! { <Redirect path=path/> }
    }
}
