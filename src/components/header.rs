//! The header on every page, one row at any width: the institute's name (and logo), the
//! language picker, and for a signed-in student their avatar opening a small menu ("Sign
//! in" for everyone else, except on the sign-in and reset pages, which are the way in
//! already: at 320 px the link would squeeze the institute's name to an ellipsis).

use crate::components::account_menu::AccountMenu;
use crate::components::language_picker::LanguagePicker;
use crate::config;
use crate::i18n::{tr, Msg};
use crate::route::{use_current_route, Route};
use crate::session::use_session;
use crate::title::site_name;
use leptos::prelude::*;

#[component]
pub fn Header() -> impl IntoView {
    let session = use_session();
    let route = use_current_route();
    let logo_failed = RwSignal::new(false);
    let logo = config::get().institute.logo.clone();
    let has_logo = logo.is_some();
    view! {
        <header class="site-header">
            <div class="bar">
                <a href=Route::Home.href() class="brand">
                    {logo.map(|src| view! {
                        // The name is the logo's alt text; the visible name beside it is hidden
                        // from screen readers so the link is announced once.
                        <img
                            class="brand-logo"
                            src=src
                            alt=site_name
                            height="32"
                            hidden=move || logo_failed.get()
                            on:error=move |_| logo_failed.set(true)
                        />
                    })}
                    <span class="brand-name" aria-hidden=move || (has_logo && !logo_failed.get()).then_some("true")>
                        {site_name}
                    </span>
                </a>
                <LanguagePicker/>
                {move || if session.signed_in() {
                    view! { <AccountMenu/> }.into_any()
                } else if matches!(route.get().map(|r| r.page()), Some(Route::Login { .. } | Route::ForgotPassword)) {
                    ().into_any()
                } else {
                    let login = Route::Login { next: None };
                    view! {
                        <a href=login.href() class="header-link">{tr(Msg::SignIn)}</a>
                    }
                    .into_any()
                }}
            </div>
        </header>
    }
}
