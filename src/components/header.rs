use leptos::prelude::*;
use leptos_router::components::A;

/// The app's name and the main navigation, on every page.
#[component]
pub fn Header() -> impl IntoView {
    view! {
        <header class="site-header">
            <div class="bar">
                <A href="/" attr:class="brand">"Testpress Profile"</A>
                <nav class="site-nav" aria-label="Main">
                    <A href="/me">"My profile"</A>
                    <A href="/me/edit">"Edit profile"</A>
                    <A href="/login">"Sign in"</A>
                </nav>
            </div>
        </header>
    }
}
