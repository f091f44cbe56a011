use crate::api::ApiError;
use leptos::prelude::*;
use leptos_router::components::A;

/// A failure in words, with a way forward: "Try again" when trying again may help.
#[component]
pub fn ErrorPanel(#[prop(into)] message: String, retry: Option<Callback<()>>) -> impl IntoView {
    view! {
        <div class="alert alert-error" role="alert">
            <p>{message}</p>
            <p class="actions">
                {retry.map(|retry| view! {
                    <button type="button" class="button" on:click=move |_| retry.run(())>"Try again"</button>
                })}
                <A href="/me">"Go to your profile"</A>
            </p>
        </div>
    }
}

/// The fallback for an `ErrorBoundary` around API data: the first error's sentence, and
/// "Try again" when the error is one that may pass.
pub fn boundary_fallback(errors: ArcRwSignal<Errors>, retry: Callback<()>) -> impl IntoView {
    move || {
        let (message, transient) = errors.with(|errors| {
            errors
                .iter()
                .next()
                .map(|(_, e)| match e.downcast_ref::<ApiError>() {
                    Some(api) => (api.to_string(), api.is_transient()),
                    None => ("Something went wrong. Please try again.".to_string(), true),
                })
                .unwrap_or_default()
        });
        view! { <ErrorPanel message=message retry=transient.then_some(retry)/> }
    }
}
