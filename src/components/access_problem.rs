//! The screens for a refusal that is about the student's devices rather than what they
//! asked for: too many devices signed in at once, an account locked for it, or a device the
//! institute does not allow. Each says what happened in the official apps' terms and offers
//! the one way forward there is.

use crate::api::ApiError;
use crate::current_profile::use_current_profile;
use crate::i18n::{t, tf, tr, Msg};
use crate::institute_settings_state::use_institute_settings;
use crate::route::{here, Route};
use leptos::prelude::*;

/// The kinds of refusal that get a screen of their own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AccessProblemKind {
    /// `parallel_login_restriction`: signing out elsewhere lets the student go on here.
    TooManyDevices,
    /// `max_login_exceeded`: nothing to do here but wait (or ask the institute).
    AccountLocked,
    /// `device_already_bound`, `unauthorized_device`: this device will not do; another
    /// account might.
    DeviceNotAllowed,
}

impl AccessProblemKind {
    pub fn of(error: &ApiError) -> Option<AccessProblemKind> {
        let ApiError::Refused { code, .. } = error else { return None };
        match code.as_str() {
            "parallel_login_restriction" => Some(AccessProblemKind::TooManyDevices),
            "max_login_exceeded" => Some(AccessProblemKind::AccountLocked),
            "device_already_bound" | "unauthorized_device" => Some(AccessProblemKind::DeviceNotAllowed),
            _ => None,
        }
    }
}

/// The screen for `error`, when it is one of the kinds above. `embedded` when the page has
/// its own `<h1>` (the edit page, sign-in): the screen's heading is then an `<h2>`.
pub fn access_problem(error: &ApiError, embedded: bool) -> Option<AnyView> {
    let kind = AccessProblemKind::of(error)?;
    let (title, message) = match error {
        ApiError::Refused { title, message, .. } => (title.clone(), message.clone()),
        _ => Default::default(),
    };
    // The server's own sentence, as it wrote it, under the app's explanation.
    let server_words = (!title.is_empty() || !message.is_empty()).then(|| error.to_string());
    Some(view! { <AccessProblem kind title message server_words embedded/> }.into_any())
}

#[component]
fn AccessProblem(
    kind: AccessProblemKind,
    title: String,
    message: String,
    server_words: Option<String>,
    embedded: bool,
) -> impl IntoView {
    let current = use_current_profile();
    let settings = use_institute_settings();
    let location = leptos_router::hooks::use_location();
    let heading = match kind {
        AccessProblemKind::TooManyDevices => t(Msg::ParallelLoginTitle),
        AccessProblemKind::AccountLocked => t(Msg::AccountLockedTitle),
        AccessProblemKind::DeviceNotAllowed if !title.is_empty() => title,
        AccessProblemKind::DeviceNotAllowed => t(Msg::DeviceNotAllowedTitle),
    };
    let body = match kind {
        AccessProblemKind::TooManyDevices => view! {
            {server_words.clone().map(|words| view! { <p>{words}</p> })}
            <p>{tr(Msg::ParallelLoginText)}</p>
            <p class="actions">
                <a class="button" href=Route::Devices { next: Some(here(&location)) }.href()>{tr(Msg::SeeDevices)}</a>
            </p>
        }
        .into_any(),
        AccessProblemKind::AccountLocked => view! {
            {server_words.clone().map(|words| view! { <p>{words}</p> })}
            <p>{tr(Msg::AccountLockedText)}</p>
            {move || settings.get().cooloff_time.map(|hours| view! {
                <p>{tf(Msg::AccountUnlocksWithin, &[("hours", &hours)])}</p>
            })}
            <p>{tr(Msg::AccountLockedHelp)}</p>
        }
        .into_any(),
        AccessProblemKind::DeviceNotAllowed => view! {
            {(!message.is_empty()).then(|| view! { <p>{message.clone()}</p> })}
            <p class="actions">
                <button type="button" class="button" data-leaves-page="" on:click=move |_| current.sign_out()>
                    {tr(Msg::SignInOtherAccount)}
                </button>
            </p>
        }
        .into_any(),
    };
    view! {
        <section class="card" role="alert" aria-labelledby="access-problem">
            {if embedded {
                view! { <h2 id="access-problem">{heading}</h2> }.into_any()
            } else {
                view! { <h1 id="access-problem">{heading}</h1> }.into_any()
            }}
            {body}
        </section>
    }
}
