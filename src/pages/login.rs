use leptos::prelude::*;

#[component]
pub fn LoginPage() -> impl IntoView {
    view! {
        <h1>"Sign in"</h1>
        <p>"This page is not built yet."</p>
    }
}
