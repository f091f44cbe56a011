//! The signed-in student's avatar in the header, opening their menu: My profile, Edit
//! profile (when the institute allows it), Devices and, set apart, Sign out. A disclosure (a button and what it shows): Enter or
//! Space opens it, Tab moves through it, Escape or a click elsewhere closes it.

use crate::components::avatar::{Avatar, AvatarSize};
use crate::components::leave_guard::STAYED_EVENT;
use crate::current_profile::use_current_profile;
use crate::i18n::{t, tf, tr, Msg};
use crate::institute_settings_state::use_institute_settings;
use crate::route::{use_current_route, use_go, Route};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

#[component]
pub fn AccountMenu() -> impl IntoView {
    let current = use_current_profile();
    let route = use_current_route();
    let settings = use_institute_settings();
    let go = use_go();
    let open = RwSignal::new(false);
    let container = NodeRef::<leptos::html::Div>::new();
    let button = NodeRef::<leptos::html::Button>::new();

    // Any navigation (a menu link, the back button) closes it.
    Effect::new(move |_| {
        route.get();
        open.set(false);
    });
    let contains = move |target: Option<web_sys::EventTarget>| {
        let node = target.and_then(|t| t.dyn_into::<web_sys::Node>().ok());
        container.try_get_untracked().flatten().is_some_and(|c| c.contains(node.as_ref()))
    };
    let outside_click = window_event_listener(leptos::ev::click, move |ev| {
        if open.get_untracked() && !contains(ev.target()) {
            open.set(false);
        }
    });
    let close_and_refocus = move || {
        open.set(false);
        if let Some(button) = button.get_untracked() {
            let _ = button.focus();
        }
    };
    // "Stay on this page" answered to unsaved changes: the menu's link was not followed.
    let stayed = window_event_listener_untyped(STAYED_EVENT, move |_| {
        if open.get_untracked() {
            close_and_refocus();
        }
    });
    on_cleanup(move || {
        outside_click.remove();
        stayed.remove();
    });
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" && open.get_untracked() {
            ev.prevent_default();
            close_and_refocus();
        }
    };
    // Tabbing out of the menu closes it, so it never hangs over the page unseen.
    let on_focusout = move |ev: leptos::ev::FocusEvent| {
        // Also fires as the menu leaves the page (signing out), when `open` may be gone.
        if !contains(ev.related_target()) {
            open.try_set(false);
        }
    };
    let sign_out = move |_| {
        go(&Route::Login { next: None }.href(), false);
        current.sign_out();
    };

    let avatar = move || match current.profile() {
        Some(profile) => {
            let name = profile.name();
            view! { <Avatar images=profile.images name size=AvatarSize::Header/> }.into_any()
        }
        // Holds the avatar's place while the profile loads, so nothing jumps.
        None => view! { <span class="avatar-initials avatar-header skeleton"></span> }.into_any(),
    };
    let label = move || match current.profile() {
        Some(profile) => tf(Msg::AccountMenuFor, &[("name", &profile.name())]),
        None => t(Msg::AccountMenu),
    };

    view! {
        <div class="account" node_ref=container on:keydown=on_keydown on:focusout=on_focusout>
            <button
                type="button"
                class="account-button"
                node_ref=button
                aria-label=label
                aria-expanded=move || open.get().to_string()
                aria-controls="account-menu"
                on:click=move |_| open.update(|o| *o = !*o)
            >
                {avatar}
            </button>
            <div id="account-menu" class="account-menu" hidden=move || !open.get()>
                <ul>
                    <li><a href=Route::Me.href() aria-current=route.aria_current(Route::Me)>{tr(Msg::MyProfile)}</a></li>
                    {move || settings.with(|s| s.allow_profile_edit).then(|| view! {
                        <li>
                            <a href=Route::Edit { field: None }.href() aria-current=route.aria_current(Route::Edit { field: None })>
                                {tr(Msg::EditProfile)}
                            </a>
                        </li>
                    })}
                    <li>
                        <a href=Route::Devices { next: None }.href() aria-current=route.aria_current(Route::Devices { next: None })>
                            {tr(Msg::Devices)}
                        </a>
                    </li>
                </ul>
                <button type="button" class="sign-out" data-leaves-page="" on:click=sign_out>{tr(Msg::SignOut)}</button>
            </div>
        </div>
    }
}
