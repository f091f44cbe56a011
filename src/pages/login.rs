//! `/login`: username and password, with a way forward on a bad day (show the password, a
//! reset link when the institute has one, plain words for every failure).

use crate::api::{self, ApiError};
use crate::components::access_problem::access_problem;
use crate::components::form_field::{described_by, FormField};
use crate::config;
use crate::focus::focus_id;
use crate::i18n::{t, tr, Msg};
use crate::institute_settings::PasswordHelp;
use crate::institute_settings_state::use_institute_settings;
use crate::nav;
use crate::page_action::page_action;
use crate::route::{use_current_route, use_go, Route};
use crate::session::{use_session, Ended};
use crate::title::use_title;
use leptos::prelude::*;
use std::time::Duration;

/// How long a sign-in may take before the page says it is still at it.
const SLOW_SIGN_IN: Duration = Duration::from_secs(5);

/// The sentence for a failed sign-in. DRF's "Unable to log in with provided credentials." is
/// the usual one, so it gets the app's own words: what to check.
pub fn failure_sentence(error: &ApiError) -> Option<String> {
    match error {
        ApiError::Invalid(fields) if fields.general.is_empty() => None,
        ApiError::Invalid(fields)
            if fields.general.iter().any(|m| m.to_ascii_lowercase().starts_with("unable to log in with provided")) =>
        {
            Some(t(Msg::WrongCredentials))
        }
        other => Some(other.to_string()),
    }
}

#[component]
pub fn LoginPage() -> impl IntoView {
    let session = use_session();
    let route = use_current_route();
    let go = use_go();
    let next = move || match route.get_untracked() {
        Some(Route::Login { next }) => nav::after_sign_in(next.as_deref()),
        _ => nav::after_sign_in(None),
    };
    use_title(|| Some(t(Msg::SignIn)));

    // Signed in here or in another tab: carry on to where the student was going.
    Effect::new(move |_| {
        if session.signed_in() {
            go(&next(), true);
        }
    });
    // Effects run once the page is in the DOM: the form can be used from here on.
    Effect::new(|_| crate::perf::mark("login-ready"));

    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let password_shown = RwSignal::new(false);
    let password_input = NodeRef::<leptos::html::Input>::new();
    // Checked before sending, so an empty form never costs a request.
    let missing = RwSignal::new(Vec::<&'static str>::new());
    let error = RwSignal::new(None::<ApiError>);

    // Belongs to this page: leaving it (say, another tab signed in first) aborts the request.
    let sign_in = page_action(|(user, pass): &(String, String)| {
        let (user, pass) = (user.clone(), pass.clone());
        async move { api::sign_in(&user, &pass).await }
    });
    Effect::new(move |_| {
        let Some(outcome) = sign_in.value().get() else { return };
        match outcome.and_then(|token| session.sign_in(token).map_err(|_| ApiError::BadResponse)) {
            // The effect above navigates once the session says "signed in".
            Ok(()) => password.set(String::new()),
            // Focus goes where the student acts next: the field the server named, the
            // password after a wrong one, else the message (never the page's body).
            Err(e) => {
                let target = match &e {
                    ApiError::Invalid(fields) => match fields.fields.first() {
                        Some((field, _)) if matches!(field.as_str(), "username" | "password") => field.clone(),
                        _ if failure_sentence(&e).is_some_and(|s| s == t(Msg::WrongCredentials)) => "password".into(),
                        _ => "sign-in-error".into(),
                    },
                    _ => "sign-in-error".into(),
                };
                error.set(Some(e));
                request_animation_frame(move || focus_id(&target));
            }
        }
    });

    let field_error = move |field: &'static str| {
        Signal::derive(move || {
            if missing.with(|m| m.contains(&field)) {
                return Some(t(if field == "username" { Msg::EnterUsername } else { Msg::EnterPassword }));
            }
            error.with(|e| match e {
                Some(ApiError::Invalid(fields)) => fields.for_field(field),
                _ => None,
            })
        })
    };
    let username_error = field_error("username");
    // The institute may name the fields its own way ("Email or phone").
    let settings = use_institute_settings();
    let username_label = Signal::derive(move || settings.with(|s| s.login_label.clone()));
    let password_label = Signal::derive(move || settings.with(|s| s.login_password_label.clone()));
    let password_error = field_error("password");

    let show_password = move |shown: bool| {
        password_shown.set(shown);
        if let Some(input) = password_input.get_untracked() {
            // Switching the type keeps the text; the caret is put back where it was.
            let caret = (input.selection_start().ok().flatten(), input.selection_end().ok().flatten());
            input.set_type(if shown { "text" } else { "password" });
            if let (Some(start), Some(end)) = caret {
                let _ = input.set_selection_range(start, end);
            }
        }
    };

    let pending = sign_in.pending();
    // A slow answer is said to be slow early, while the request goes on to its timeout.
    let slow = RwSignal::new(false);
    Effect::new(move |timer: Option<Option<TimeoutHandle>>| {
        if let Some(Some(timer)) = timer {
            timer.clear();
        }
        slow.set(false);
        pending
            .get()
            .then(|| {
                set_timeout_with_handle(
                    move || {
                        slow.try_set(true);
                    },
                    SLOW_SIGN_IN,
                )
                .ok()
            })
            .flatten()
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        show_password(false);
        let (user, pass) = (username.get_untracked().trim().to_string(), password.get_untracked());
        let empty: Vec<&'static str> = [("username", user.is_empty()), ("password", pass.is_empty())]
            .into_iter()
            .filter(|(_, e)| *e)
            .map(|(f, _)| f)
            .collect();
        missing.set(empty.clone());
        error.set(None);
        match empty.first() {
            Some(first) => focus_id(first),
            None => {
                sign_in.dispatch((user, pass));
            }
        }
    };

    view! {
        <section class="card card-narrow">
            <h1>{tr(Msg::SignIn)}</h1>
            {move || (session.ended() == Some(Ended::Expired)).then(|| view! {
                <p class="alert alert-info" role="status">{tr(Msg::SessionExpired)}</p>
            })}
            <div id="sign-in-error" tabindex="-1">
                {move || error.with(|e| match e.as_ref().and_then(|e| access_problem(e, true)) {
                    // A locked account or a device the institute refuses: its own screen.
                    Some(screen) => Some(screen),
                    None => e.as_ref().and_then(failure_sentence).map(|e| view! {
                        <div class="alert alert-error" role="alert"><p>{e}</p></div>
                    }.into_any()),
                })}
            </div>
            <form class="form" on:submit=submit novalidate>
                <FormField id="username" label=Msg::Username custom_label=username_label error=username_error>
                    <input
                        id="username"
                        name="username"
                        type="text"
                        autocomplete="username"
                        autocapitalize="none"
                        spellcheck="false"
                        required
                        aria-invalid=move || username_error.get().is_some().to_string()
                        aria-describedby=described_by("username", false)
                        bind:value=username
                    />
                </FormField>
                <FormField id="password" label=Msg::Password custom_label=password_label error=password_error>
                    <div class="input-with-button">
                        <input
                            id="password"
                            name="password"
                            type="password"
                            autocomplete="current-password"
                            required
                            node_ref=password_input
                            aria-invalid=move || password_error.get().is_some().to_string()
                            aria-describedby=described_by("password", false)
                            bind:value=password
                        />
                        <button
                            type="button"
                            class="button button-secondary"
                            aria-controls="password"
                            aria-label=move || t(if password_shown.get() { Msg::HidePassword } else { Msg::ShowPassword })
                            // Keeps focus (and the caret) in the field when clicked with a pointer.
                            on:mousedown=|ev| ev.prevent_default()
                            on:click=move |_| show_password(!password_shown.get_untracked())
                        >
                            {move || t(if password_shown.get() { Msg::Hide } else { Msg::Show })}
                        </button>
                    </div>
                </FormField>
                <div class="actions">
                    // Not `disabled`: the pressed button keeps focus while the request runs.
                    <button type="submit" class="button" aria-disabled=move || pending.get().to_string()>
                        {move || t(if pending.get() { Msg::SigningIn } else { Msg::SignIn })}
                    </button>
                    {move || match settings.with(|s| s.password_help(config::get().password_reset_url.as_deref())) {
                        PasswordHelp::Hidden => None,
                        PasswordHelp::InApp => Some(view! {
                            <a href=Route::ForgotPassword.href() class="forgot-password">{tr(Msg::ForgotPassword)}</a>
                        }.into_any()),
                        PasswordHelp::Link(url) => Some(view! {
                            <a href=url rel="external" class="forgot-password">{tr(Msg::ForgotPassword)}</a>
                        }.into_any()),
                    }}
                </div>
                <p class="sign-in-slow" role="status">
                    {move || (slow.get() && pending.get()).then(|| t(Msg::StillSigningIn))}
                </p>
            </form>
        </section>
    }
}
