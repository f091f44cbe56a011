use crate::api::ApiError;
use crate::components::access_problem::access_problem;
use crate::i18n::{t, tr, Msg};
use crate::route::Route;
use leptos::prelude::*;

/// A failure in words, with a way forward: "Try again" when trying again may help.
#[component]
pub fn ErrorPanel(#[prop(into)] message: Signal<String>, retry: Option<Callback<()>>) -> impl IntoView {
    view! {
        <div class="alert alert-error" role="alert">
            <p>{move || message.get()}</p>
            <p class="actions">
                {retry.map(|retry| view! {
                    <button type="button" class="button" on:click=move |_| retry.run(())>{tr(Msg::TryAgain)}</button>
                })}
                <a href=Route::Me.href()>{tr(Msg::GoToProfile)}</a>
            </p>
        </div>
    }
}

/// The fallback for an `ErrorBoundary` around API data: the first error's sentence, and
/// "Try again" when the error is one that may pass.
pub fn boundary_fallback(errors: ArcRwSignal<Errors>, retry: Callback<()>) -> impl IntoView {
    move || {
        let first = errors.with(|errors| errors.iter().next().map(|(_, e)| e.downcast_ref::<ApiError>().cloned()));
        if let Some(screen) = first.clone().flatten().as_ref().and_then(|e| access_problem(e, false)) {
            return screen;
        }
        let transient = first.as_ref().is_some_and(|api| api.as_ref().is_none_or(ApiError::is_transient));
        let message = Signal::derive(move || match first.clone().flatten() {
            Some(api) => api.to_string(),
            None => t(Msg::SomethingWentWrong),
        });
        view! { <ErrorPanel message retry=transient.then_some(retry)/> }.into_any()
    }
}
