use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <section class="card">
            <h1>"Page not found"</h1>
            <p>"There is nothing at this address. It may have been mistyped, or the page has moved."</p>
            <p><A href="/">"Go to your profile"</A></p>
        </section>
    }
}
