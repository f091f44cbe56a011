//! A failure in words, with a way forward. On its own page (`ErrorScreen`) it has the
//! page's heading; anywhere it names the tab after the problem. Without a connection it
//! says "offline" (the browser knows), not that Testpress can't be reached.

use crate::api::ApiError;
use crate::components::access_problem::access_problem;
use crate::i18n::{t, tr, Msg};
use crate::network::use_network;
use crate::route::{use_current_route, Route};
use crate::title::use_problem_title;
use leptos::prelude::*;

/// What went wrong, in a few words: the error screen's heading and the tab's title.
fn heading(error: Option<&ApiError>, online: bool) -> Msg {
    match error {
        Some(e) if e.is_connection() && !online => Msg::OfflineTitle,
        Some(ApiError::Network | ApiError::Timeout) => Msg::UnreachableTitle,
        Some(ApiError::Server { .. } | ApiError::BadResponse) => Msg::ServerTroubleTitle,
        _ => Msg::SomethingWrongTitle,
    }
}

/// The sentence under it.
fn sentence(error: Option<&ApiError>, online: bool) -> String {
    match error {
        Some(e) if e.is_connection() && !online => t(Msg::OfflineNeedsConnection),
        Some(e) => e.to_string(),
        None => t(Msg::SomethingWentWrong),
    }
}

/// The failure, and "Try again" when trying again may help. `page_heading`: this is all the
/// page shows, so its `<h1>` names the problem.
#[component]
pub fn ErrorPanel(
    error: Option<ApiError>,
    retry: Option<Callback<()>>,
    #[prop(optional)] page_heading: bool,
) -> impl IntoView {
    let network = use_network();
    let route = use_current_route();
    let title = {
        let error = error.clone();
        move || heading(error.as_ref(), network.connected())
    };
    use_problem_title({
        let title = title.clone();
        move || t(title())
    });
    let message = move || sentence(error.as_ref(), network.connected());
    // Not on the profile itself: the link would lead where the student already is.
    let elsewhere = move || !matches!(route.get(), Some(Route::Me));
    view! {
        <div class="alert alert-error" role="alert">
            {page_heading.then(|| view! { <h1 class="alert-title">{move || t(title())}</h1> })}
            <p>{message}</p>
            <p class="actions">
                {retry.map(|retry| view! {
                    <button type="button" class="button" on:click=move |_| retry.run(())>{tr(Msg::TryAgain)}</button>
                })}
                {move || elsewhere().then(|| view! { <a href=Route::Me.href()>{tr(Msg::GoToProfile)}</a> })}
            </p>
        </div>
    }
}

/// The fallback for an `ErrorBoundary` around a page's API data: the first error, and "Try
/// again" when the error is one that may pass.
pub fn boundary_fallback(errors: ArcRwSignal<Errors>, retry: Callback<()>) -> impl IntoView {
    move || {
        let first = errors.with(|errors| errors.iter().next().map(|(_, e)| e.downcast_ref::<ApiError>().cloned()));
        if let Some(screen) = first.clone().flatten().as_ref().and_then(|e| access_problem(e, false)) {
            return screen;
        }
        let error = first.flatten();
        let transient = error.as_ref().is_none_or(ApiError::is_transient);
        view! { <ErrorPanel error retry=transient.then_some(retry) page_heading=true/> }.into_any()
    }
}
