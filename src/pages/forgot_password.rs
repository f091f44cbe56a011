//! `/forgot-password`: the account's email, the API's reset request, then "check your
//! email". Only reached when neither the deployment nor the institute names a reset page of
//! its own (those are plain links from the sign-in form).

use crate::api::{self, ApiError};
use crate::components::form_field::{described_by, FormField};
use crate::config;
use crate::edit_form::is_email;
use crate::focus::focus_id;
use crate::i18n::{t, tf, tr, Msg};
use crate::institute_settings::PasswordHelp;
use crate::institute_settings_state::use_institute_settings;
use crate::page_action::page_action;
use crate::route::Route;
use crate::title::use_title;
use leptos::prelude::*;

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    use_title(|| Some(t(Msg::ResetPasswordTitle)));
    let settings = use_institute_settings();
    // Reached by its address too: the institute's and the deployment's word still rule.
    let help = Memo::new(move |_| settings.with(|s| s.password_help(config::get().password_reset_url.as_deref())));
    move || match help.get() {
        PasswordHelp::InApp => view! { <ResetRequest/> }.into_any(),
        PasswordHelp::Link(url) => view! {
            <section class="card card-narrow">
                <h1>{tr(Msg::ResetPasswordTitle)}</h1>
                <p>{tr(Msg::ResetElsewhere)}</p>
                <p><a class="button" href=url rel="external">{tr(Msg::GoToResetPage)}</a></p>
            </section>
        }
        .into_any(),
        PasswordHelp::Hidden => view! {
            <section class="card card-narrow">
                <h1>{tr(Msg::ResetPasswordTitle)}</h1>
                <p>{tr(Msg::ResetNotOffered)}</p>
                <p><a href=Route::Login { next: None }.href()>{tr(Msg::BackToSignIn)}</a></p>
            </section>
        }
        .into_any(),
    }
}

/// The email field and the reset request.
#[component]
fn ResetRequest() -> impl IntoView {
    let email = RwSignal::new(String::new());
    let checked = RwSignal::new(None::<String>);
    let send = page_action(|email: &String| {
        let email = email.clone();
        async move { api::reset_password(&email).await.map(|()| email) }
    });
    let pending = send.pending();
    let sent_to = move || send.value().get().and_then(Result::ok);
    let failure = move || send.value().get().and_then(Result::err);
    // The server's word on the address goes under the field; anything else above the form.
    let field_error = Signal::derive(move || {
        checked.get().or_else(|| match failure() {
            // A refusal in words the form doesn't know still gets a sentence.
            Some(ApiError::Invalid(fields)) => fields
                .for_field("email")
                .or_else(|| fields.general.first().cloned())
                .or_else(|| Some(t(Msg::ResetAddressRefused))),
            _ => None,
        })
    });
    let general_error = move || match failure() {
        Some(ApiError::Invalid(_)) | None => None,
        Some(other) => Some(other.to_string()),
    };
    Effect::new(move |_| {
        if failure().is_some() {
            focus_id(if field_error.get_untracked().is_some() { "reset-email" } else { "reset-error" });
        } else if sent_to().is_some() {
            focus_id("reset-sent");
        }
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let address = email.get_untracked().trim().to_string();
        let problem = match address.as_str() {
            "" => Some(t(Msg::EnterEmail)),
            a if !is_email(a) => Some(t(Msg::EmailShape)),
            _ => None,
        };
        checked.set(problem.clone());
        match problem {
            Some(_) => focus_id("reset-email"),
            None => {
                send.dispatch(address);
            }
        }
    };

    view! {
        <section class="card card-narrow">
            <h1>{tr(Msg::ResetPasswordTitle)}</h1>
            {move || match sent_to() {
                Some(address) => view! {
                    <div class="alert alert-ok" role="status" id="reset-sent">
                        <p>{tf(Msg::ResetSent, &[("email", &address)])}</p>
                    </div>
                    <p><a href=Route::Login { next: None }.href()>{tr(Msg::BackToSignIn)}</a></p>
                }
                .into_any(),
                None => view! {
                    <p>{tr(Msg::ResetPasswordIntro)}</p>
                    {move || general_error().map(|e| view! {
                        <div class="alert alert-error" role="alert" id="reset-error"><p>{e}</p></div>
                    })}
                    <form class="form" on:submit=submit novalidate>
                        <FormField id="reset-email" label=Msg::Email error=field_error>
                            <input
                                id="reset-email"
                                name="email"
                                type="email"
                                inputmode="email"
                                autocomplete="email"
                                autocapitalize="none"
                                spellcheck="false"
                                required
                                aria-invalid=move || field_error.get().is_some().to_string()
                                aria-describedby=described_by("reset-email", false)
                                bind:value=email
                            />
                        </FormField>
                        <div class="actions">
                            <button type="submit" class="button" disabled=pending>
                                {move || t(if pending.get() { Msg::SendingResetLink } else { Msg::SendResetLink })}
                            </button>
                            <a href=Route::Login { next: None }.href()>{tr(Msg::BackToSignIn)}</a>
                        </div>
                    </form>
                }
                .into_any(),
            }}
        </section>
    }
}
