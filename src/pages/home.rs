use leptos::prelude::*;
use leptos_router::components::Redirect;

/// `/` has no page of its own: signed-in students go to their profile, others to sign-in.
#[component]
pub fn Home() -> impl IntoView {
    view! { <Redirect path="/login"/> }
}
