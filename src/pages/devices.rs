//! `/me/devices`: where the student is signed in, a page of the server's list at a time,
//! and "Sign out of all other devices" (asked twice, since it signs someone out). Reached
//! from the account menu and from the "too many devices" screen, which passes `?next=` so
//! the student carries on where they were once the others are signed out.

use crate::api::{self, ApiError};
use crate::components::error_panel::ErrorPanel;
use crate::components::require_auth::RequireAuth;
use crate::current_profile::use_current_profile;
use crate::device_name::describe;
use crate::focus::focus_id;
use crate::i18n::{dates, t, tf, tr, Msg};
use crate::login_activity::{ActivityPage, SignInEntry};
use crate::nav::sanitize_next;
use crate::page_action::page_action;
use crate::route::{use_current_route, Route};
use crate::session::use_session;
use crate::title::use_title;
use leptos::prelude::*;

#[component]
pub fn DevicesPage() -> impl IntoView {
    view! { <RequireAuth><Devices/></RequireAuth> }
}

/// How one sign-in reads: "Chrome on Windows", or what is known of it.
pub fn device_label(user_agent: &str) -> String {
    let name = describe(user_agent);
    match (name.browser, name.system) {
        (Some(browser), Some(system)) => tf(Msg::BrowserOnSystem, &[("browser", &browser), ("system", &system)]),
        (Some(one), None) | (None, Some(one)) => one,
        (None, None) => t(Msg::UnknownDevice),
    }
}

#[component]
fn Devices() -> impl IntoView {
    let session = use_session();
    let current = use_current_profile();
    use_title(|| Some(t(Msg::DevicesTitle)));
    // Read once: where the student was when the "too many devices" screen sent them here.
    let next = match use_current_route().get_untracked() {
        Some(Route::Devices { next }) => sanitize_next(next.as_deref()),
        _ => None,
    };

    // Pages already shown, and whether the server has more.
    let entries = RwSignal::new(Vec::<SignInEntry>::new());
    let more = RwSignal::new(false);
    let load_page = page_action(move |page: &u32| {
        let page = *page;
        async move { session.authorized(|token| api::login_activity(token, page)).await.map(|answer| (page, answer)) }
    });
    let loaded_pages = RwSignal::new(0u32);
    Effect::new(move |_| {
        if let Some(Ok((page, ActivityPage { results, next }))) = load_page.value().get() {
            if page == 1 {
                entries.set(results);
            } else {
                let first_new = entries.with_untracked(Vec::len);
                entries.update(|e| e.extend(results));
                // Focus goes on to what "Show more" brought, not back to the page's top.
                request_animation_frame(move || focus_id(&["device-", &first_new.to_string()].concat()));
            }
            more.set(next);
            loaded_pages.set(page);
        }
    });
    load_page.dispatch(1);
    let load_error = move || load_page.value().get().and_then(Result::err);

    let asking = RwSignal::new(false);
    let sign_out_others = page_action(move |(): &()| async move { session.authorized(api::logout_devices).await });
    let signed_out_others = move || matches!(sign_out_others.value().get(), Some(Ok(())));
    Effect::new(move |_| {
        if signed_out_others() {
            asking.set(false);
            // A profile refused for too many devices can load now.
            current.refetch();
            // The question and its buttons are gone: focus goes to what happened.
            request_animation_frame(|| focus_id("signed-out-others"));
            // The list now shows this device alone (or what the server says is left).
            load_page.dispatch(1);
        }
    });
    let others_error = move || sign_out_others.value().get().and_then(Result::err);
    let others = move || entries.with(|e| e.iter().any(|entry| !entry.current_device));

    let retry = Callback::new(move |()| {
        load_page.dispatch(loaded_pages.get_untracked() + 1);
    });
    let next_for_view = next.clone();
    view! {
        <section class="card">
            <h1>{tr(Msg::DevicesTitle)}</h1>
            <p>{tr(Msg::DevicesIntro)}</p>
            {move || signed_out_others().then(|| view! {
                <div class="alert alert-ok" role="status" id="signed-out-others">
                    <p>{tr(Msg::SignedOutOthers)}</p>
                    {next_for_view.clone().map(|next| view! {
                        <p><a class="button" href=next>{tr(Msg::ContinueWhereYouWere)}</a></p>
                    })}
                </div>
            })}
            <ul class="devices" aria-busy=move || load_page.pending().get().to_string()>
                {move || entries.get().into_iter().enumerate().map(|(i, entry)| view! { <DeviceEntry entry index=i/> }).collect_view()}
            </ul>
            {move || (load_page.pending().get() && entries.with(Vec::is_empty)).then(|| view! {
                <p role="status">{tr(Msg::LoadingDevices)}</p>
            })}
            {move || load_error().map(|e: ApiError| {
                let transient = e.is_transient();
                view! { <ErrorPanel error=Some(e) retry=transient.then_some(retry)/> }
            })}
            // Stays while the next page loads (disabled), so focus is not dropped from under it.
            {move || more.get().then(|| view! {
                <p>
                    <button type="button" class="button button-secondary" disabled=move || load_page.pending().get()
                        on:click=move |_| { load_page.dispatch(loaded_pages.get_untracked() + 1); }>
                        {tr(Msg::ShowMoreDevices)}
                    </button>
                </p>
            })}
            {move || (loaded_pages.get() > 0 && !others() && !more.get()).then(|| view! {
                <p>{tr(Msg::NoOtherDevices)}</p>
            })}
            {move || (others() || more.get()).then(|| view! {
                <SignOutOthers asking action=sign_out_others/>
            })}
            {move || others_error().map(|e| view! { <p class="alert alert-error" role="alert">{e.to_string()}</p> })}
        </section>
    }
}

#[component]
fn DeviceEntry(entry: SignInEntry, index: usize) -> impl IntoView {
    let label = device_label(&entry.user_agent);
    let when = dates::time_ago(&entry.last_used, js_sys::Date::now());
    let place = (!entry.location.is_empty()).then(|| tf(Msg::Place, &[("place", &entry.location)]));
    view! {
        <li class="device" id=["device-", &index.to_string()].concat()>
            <p class="device-name">
                <strong>{label}</strong>
                {entry.current_device.then(|| view! { " " <span class="badge">{tr(Msg::ThisDevice)}</span> })}
            </p>
            <p class="device-details">
                {when.map(|when| tf(Msg::LastUsed, &[("time", &when)]))}
                {place.map(|place| view! { " · " {place} })}
            </p>
        </li>
    }
}

/// The button, then the question and its answers in its place (focus moves with them).
#[component]
fn SignOutOthers(asking: RwSignal<bool>, action: Action<(), Result<(), ApiError>>) -> impl IntoView {
    let pending = action.pending();
    let confirm_ref = NodeRef::<leptos::html::Button>::new();
    let ask_ref = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |previous: Option<bool>| {
        let now = asking.get();
        if previous.is_some() {
            let target = if now { confirm_ref.get() } else { None };
            match target {
                Some(button) => drop(button.focus()),
                None if previous == Some(true) => {
                    if let Some(button) = ask_ref.get() {
                        let _ = button.focus();
                    }
                }
                None => {}
            }
        }
        now
    });
    view! {
        <div class="sign-out-others">
            <Show
                when=move || asking.get()
                fallback=move || view! {
                    <button type="button" class="button button-secondary" node_ref=ask_ref on:click=move |_| asking.set(true)>
                        {tr(Msg::SignOutOthers)}
                    </button>
                }
            >
                <div role="group" aria-labelledby="sign-out-others-question">
                    <p id="sign-out-others-question">{tr(Msg::SignOutOthersQuestion)}</p>
                    <p class="actions">
                        <button type="button" class="button" node_ref=confirm_ref disabled=pending
                            on:click=move |_| { action.dispatch(()); }>
                            {move || t(if pending.get() { Msg::SigningOutOthers } else { Msg::SignOutOthersConfirm })}
                        </button>
                        <button type="button" class="button button-secondary" on:click=move |_| asking.set(false)>
                            {tr(Msg::Cancel)}
                        </button>
                    </p>
                </div>
            </Show>
        </div>
    }
}
