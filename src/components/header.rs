use crate::app::CurrentProfile;
use crate::components::avatar::{Avatar, AvatarSize};
use crate::session::use_session;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

/// The app's name and the main navigation, on every page.
#[component]
pub fn Header() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let CurrentProfile(current) = expect_context();
    let sign_out = move |_| {
        navigate("/login", Default::default());
        session.sign_out();
    };
    let own_avatar = move || match current.get().and_then(Result::ok).flatten() {
        Some(profile) => {
            let name = profile.name().to_string();
            view! {
                <A href="/me" attr:class="header-avatar" attr:title="My profile">
                    <Avatar images=profile.images name=name size=AvatarSize::Header/>
                </A>
            }
            .into_any()
        }
        // Holds the avatar's place while the profile loads, so the links do not jump.
        None => view! { <span class="avatar-initials avatar-header skeleton" aria-hidden="true"></span> }.into_any(),
    };
    view! {
        <header class="site-header">
            <div class="bar">
                <A href="/" attr:class="brand">"Testpress Profile"</A>
                <nav class="site-nav" aria-label="Main">
                    {move || if session.signed_in() {
                        view! {
                            <A href="/me" exact=true>"My profile"</A>
                            <A href="/me/edit">"Edit profile"</A>
                            <button type="button" class="link-button" on:click=sign_out.clone()>"Sign out"</button>
                            {own_avatar}
                        }.into_any()
                    } else {
                        view! { <A href="/login">"Sign in"</A> }.into_any()
                    }}
                </nav>
            </div>
        </header>
    }
}
