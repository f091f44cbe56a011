use crate::route::{redirect, Route};
use crate::session::use_session;
use leptos::prelude::*;

/// `/` has no page of its own: signed-in students go to their profile, others to sign-in.
#[component]
pub fn Home() -> impl IntoView {
    let session = use_session();
    move || redirect(if session.signed_in() { Route::Me } else { Route::Login { next: None } })
}
