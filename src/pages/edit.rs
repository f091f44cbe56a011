use leptos::prelude::*;

#[component]
pub fn EditPage() -> impl IntoView {
    view! {
        <h1>"Edit profile"</h1>
        <p>"This page is not built yet."</p>
    }
}
