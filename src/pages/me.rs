use leptos::prelude::*;

#[component]
pub fn MePage() -> impl IntoView {
    view! {
        <h1>"My profile"</h1>
        <p>"This page is not built yet."</p>
    }
}
