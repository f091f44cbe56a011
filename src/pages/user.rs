use leptos::prelude::*;

#[component]
pub fn UserPage() -> impl IntoView {
    view! {
        <h1>"User"</h1>
        <p>"This page is not built yet."</p>
    }
}
