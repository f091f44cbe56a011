use crate::api::{self, ApiError};
use crate::nav;
use crate::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

#[component]
pub fn LoginPage() -> impl IntoView {
    let session = use_session();
    let query = use_query_map();
    let navigate = use_navigate();
    let next = move || nav::after_sign_in(query.with_untracked(|q| q.get("next")).as_deref());

    // Signed in here or in another tab: carry on to where the student was going.
    Effect::new(move |_| {
        if session.signed_in() {
            navigate(&next(), NavigateOptions { replace: true, ..Default::default() });
        }
    });

    // Effects run once the page is in the DOM: the form can be used from here on.
    Effect::new(|_| crate::perf::mark("login-ready"));

    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let pending = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    // Checked before sending, so an empty form never costs a request.
    let missing = RwSignal::new(Vec::<&'static str>::new());

    let field_error = move |field: &'static str| {
        move || {
            if missing.with(|m| m.contains(&field)) {
                return Some(
                    if field == "username" { "Enter your username." } else { "Enter your password." }.to_string(),
                );
            }
            error.with(|e| match e {
                Some(ApiError::Invalid(fields)) => fields.for_field(field),
                _ => None,
            })
        }
    };
    let general_error = move || {
        error.with(|e| match e {
            Some(ApiError::Invalid(fields)) if fields.general.is_empty() => None,
            Some(e) => Some(e.to_string()),
            None => None,
        })
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let (user, pass) = (username.get_untracked().trim().to_string(), password.get_untracked());
        let empty: Vec<&'static str> = [("username", user.is_empty()), ("password", pass.is_empty())]
            .into_iter()
            .filter(|(_, e)| *e)
            .map(|(f, _)| f)
            .collect();
        missing.set(empty.clone());
        error.set(None);
        if let Some(first) = empty.first() {
            focus(first);
            return;
        }
        pending.set(true);
        spawn_local(async move {
            let outcome = api::sign_in(&user, &pass).await;
            if pending.is_disposed() {
                return; // Left the page (or signed in from another tab) meanwhile.
            }
            pending.set(false);
            match outcome.and_then(|token| session.sign_in(token).map_err(|_| ApiError::BadResponse)) {
                // The effect above navigates once the session says "signed in".
                Ok(()) => password.set(String::new()),
                Err(e) => {
                    if let ApiError::Invalid(fields) = &e {
                        if let Some((field, _)) = fields.fields.first() {
                            focus(field);
                        }
                    }
                    error.set(Some(e));
                }
            }
        });
    };

    let username_error = field_error("username");
    let password_error = field_error("password");
    view! {
        <section class="card">
            <h1>"Sign in"</h1>
            {move || session.notice().map(|n| view! { <p class="alert alert-info" role="status">{n}</p> })}
            {move || general_error().map(|e| view! { <div class="alert alert-error" role="alert"><p>{e}</p></div> })}
            <form class="form" on:submit=submit novalidate>
                <div class="field">
                    <label for="username">"Username"</label>
                    <input
                        id="username"
                        name="username"
                        type="text"
                        autocomplete="username"
                        autocapitalize="none"
                        spellcheck="false"
                        required
                        aria-invalid=move || username_error().is_some().to_string()
                        aria-describedby="username-error"
                        bind:value=username
                    />
                    <p id="username-error" class="field-error">{username_error}</p>
                </div>
                <div class="field">
                    <label for="password">"Password"</label>
                    <input
                        id="password"
                        name="password"
                        type="password"
                        autocomplete="current-password"
                        required
                        aria-invalid=move || password_error().is_some().to_string()
                        aria-describedby="password-error"
                        bind:value=password
                    />
                    <p id="password-error" class="field-error">{password_error}</p>
                </div>
                <div class="actions">
                    <button type="submit" class="button" disabled=pending aria-disabled=move || pending.get().to_string()>
                        {move || if pending.get() { "Signing in…" } else { "Sign in" }}
                    </button>
                </div>
            </form>
        </section>
    }
}

fn focus(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(el) = document().get_element_by_id(id).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
    }
}
