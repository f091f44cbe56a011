//! `/me/edit`: the student's details. Nothing typed is ever lost: a failed save keeps the
//! values, a draft survives reloads and re-sign-ins, and leaving with changes asks first.

use crate::api::{self, ApiError};
use crate::app::CurrentProfile;
use crate::components::error_panel::boundary_fallback;
use crate::components::photo_editor::PhotoEditor;
use crate::components::require_auth::RequireAuth;
use crate::components::skeleton::ProfileSkeleton;
use crate::edit_form::{check, check_all, payload, Draft, Field, FormValues, Ymd};
use crate::profile::{Gender, Profile, STATES};
use crate::session::{use_session, Session};
use leptos::prelude::*;
use leptos::task::spawn_local;
use send_wrapper::SendWrapper;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

const LEAVE_QUESTION: &str = "You have unsaved changes. Leave this page without saving them?";

#[component]
pub fn EditPage() -> impl IntoView {
    view! { <RequireAuth><EditProfile/></RequireAuth> }
}

#[component]
fn EditProfile() -> impl IntoView {
    let CurrentProfile(current) = expect_context();
    // Outside the form, so the announcement outlives the form being rebuilt after a save.
    let status = RwSignal::new(String::new());
    let retry = Callback::new(move |()| current.refetch());
    // The form is rebuilt whenever the profile changes (after a save or a new photo); only
    // the first build should announce a restored draft.
    let announced_draft = StoredValue::new(false);
    view! {
        <h1>"Edit profile"</h1>
        <p class="visually-hidden" role="status" aria-live="polite">{move || status.get()}</p>
        {move || (!status.get().is_empty()).then(|| view! {
            <p class="alert alert-ok">{status.get()} " " <a href="/me">"View your profile"</a></p>
        })}
        // Outside the boundary: a form save rebuilds the form, not a photo being cropped.
        <PhotoEditor status/>
        <Transition fallback=ProfileSkeleton>
            <ErrorBoundary fallback=move |errors| boundary_fallback(errors, retry)>
                {move || Suspend::new(async move {
                    current.await.map(|profile| profile.map(|profile| view! { <EditForm profile status announced_draft/> }))
                })}
            </ErrorBoundary>
        </Transition>
    }
}

fn today() -> Ymd {
    let now = js_sys::Date::new_0();
    (now.get_full_year(), now.get_month() + 1, now.get_date())
}

fn focus(field: Field) {
    if let Some(el) =
        document().get_element_by_id(field.api_name()).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// Restores this student's draft, if any. A damaged draft is dropped, with a word about it.
fn restore_draft(session: Session, user_id: u64, base: &FormValues) -> (FormValues, Option<&'static str>) {
    match session.load_draft(user_id).map(|text| Draft::from_json(&text)) {
        Some(Ok(draft)) if draft.user_id == user_id && &draft.values != base => {
            (draft.values, Some("We restored the changes you hadn't saved yet."))
        }
        Some(Ok(_)) => (base.clone(), None),
        Some(Err(_damaged)) => {
            session.clear_draft(user_id);
            (base.clone(), Some("Your unsaved changes couldn't be restored, so they were discarded."))
        }
        None => (base.clone(), None),
    }
}

#[component]
fn EditForm(profile: Profile, status: RwSignal<String>, announced_draft: StoredValue<bool>) -> impl IntoView {
    let session = use_session();
    let CurrentProfile(current) = expect_context();
    // Saves go to the signed-in student's own id (from the token), never a URL in a response.
    let user_id = session.user_id().or(profile.id).unwrap_or_default();
    let base = RwSignal::new(FormValues::from_profile(&profile));
    let (initial, restored_notice) = restore_draft(session, user_id, &base.get_untracked());
    let values = RwSignal::new(initial);
    let notice = RwSignal::new(restored_notice.filter(|_| !announced_draft.get_value()).map(str::to_string));
    announced_draft.set_value(true);
    let errors = RwSignal::new(Vec::<(Field, String)>::new());
    let failure = RwSignal::new(None::<String>);
    let saving = RwSignal::new(false);
    let profile = StoredValue::new(profile);
    let dirty = Memo::new(move |_| values.with(|v| base.with(|b| !payload(v, b).is_empty())));

    // The draft follows every keystroke; no changes, no draft.
    Effect::new(move |_| {
        let draft = Draft { user_id, values: values.get() };
        if dirty.get() {
            session.save_draft(user_id, &draft.to_json());
        } else {
            session.clear_draft(user_id);
        }
    });
    guard_leaving(dirty, session, user_id);

    let set_error = move |field: Field, message: Option<String>| {
        errors.update(|list| {
            list.retain(|(f, _)| *f != field);
            if let Some(m) = message {
                list.push((field, m));
                list.sort_by_key(|(f, _)| Field::ALL.iter().position(|x| x == f));
            }
        })
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if saving.get_untracked() {
            return;
        }
        status.set(String::new());
        failure.set(None);
        let problems = values.with_untracked(|v| check_all(v, today()));
        if let Some((first, _)) = problems.first() {
            let first = *first;
            errors.set(problems);
            focus(first);
            return;
        }
        errors.set(Vec::new());
        let changes = values.with_untracked(|v| base.with_untracked(|b| payload(v, b)));
        if changes.is_empty() {
            status.set("There are no changes to save.".into());
            return;
        }
        saving.set(true);
        spawn_local(async move {
            let outcome = api::update_profile(session, user_id, changes).await;
            if saving.is_disposed() {
                return; // The form is gone (signed out meanwhile); the draft keeps the edits.
            }
            saving.set(false);
            match outcome {
                Ok(saved) => {
                    let updated = saved.merged_into(&profile.get_value());
                    session.clear_draft(user_id);
                    base.set(FormValues::from_profile(&updated));
                    values.set(FormValues::from_profile(&updated));
                    notice.set(None);
                    status.set("Your profile has been saved.".into());
                    // The header and /me show the new details at once.
                    current.set(Some(Ok(Some(updated))));
                }
                Err(ApiError::Invalid(server)) => {
                    let mut by_field = Vec::new();
                    let mut general = server.general.clone();
                    for (name, messages) in &server.fields {
                        match Field::from_api_name(name) {
                            Some(field) => by_field.push((field, messages.join(" "))),
                            None => general.extend(messages.iter().cloned()),
                        }
                    }
                    by_field.sort_by_key(|(f, _)| Field::ALL.iter().position(|x| x == f));
                    let first = by_field.first().map(|(f, _)| *f);
                    errors.set(by_field);
                    failure.set(Some(if general.is_empty() {
                        "Some details need correcting. Please check the highlighted fields.".to_string()
                    } else {
                        general.join(" ")
                    }));
                    if let Some(field) = first {
                        focus(field);
                    }
                }
                // Signed out: the sign-in page takes over, and the draft brings the edits back.
                Err(ApiError::SessionExpired) => {}
                Err(other) => {
                    failure.set(Some(format!("{other} Your changes are still here; save again when you're ready.")))
                }
            }
        });
    };

    let discard = move |_| {
        values.set(base.get_untracked());
        errors.set(Vec::new());
        failure.set(None);
        session.clear_draft(user_id);
        notice.set(None);
        status.set("Your unsaved changes were discarded.".into());
    };

    let field_view = move |field: Field| {
        let id = field.api_name();
        let error_id = format!("{id}-error");
        let hint_id = format!("{id}-hint");
        let error = move || errors.with(|e| e.iter().find(|(f, _)| *f == field).map(|(_, m)| m.clone()));
        let value = move || values.with(|v| v.get(field).to_string());
        let on_input = move |ev: leptos::ev::Event| {
            let text = event_target_value(&ev);
            // Fixing a field clears its message at once; new messages wait for blur or submit.
            if error().is_some() && check(field, &text, today()).is_none() {
                set_error(field, None);
            }
            values.update(|v| v.set(field, text));
        };
        let on_blur = move |_| set_error(field, values.with_untracked(|v| check(field, v.get(field), today())));
        let described_by = match field.hint() {
            Some(_) => format!("{hint_id} {error_id}"),
            None => error_id.clone(),
        };
        let control = match field.input() {
            Some((kind, inputmode)) => view! {
                <input
                    id=id
                    name=id
                    type=kind
                    inputmode=inputmode
                    autocomplete=field.autocomplete()
                    maxlength=(field != Field::Phone && field != Field::Zip).then(|| field.max_chars())
                    prop:value=value
                    on:input=on_input
                    on:blur=on_blur
                    aria-invalid=move || error().is_some().to_string()
                    aria-describedby=described_by.clone()
                />
            }
            .into_any(),
            None => {
                let options: Vec<(String, String)> = match field {
                    Field::Gender => {
                        Gender::ALL.iter().map(|g| (g.code().to_string(), g.label().to_string())).collect()
                    }
                    _ => STATES.iter().enumerate().map(|(i, s)| (i.to_string(), s.to_string())).collect(),
                };
                view! {
                    <select
                        id=id
                        name=id
                        autocomplete=field.autocomplete()
                        on:change=on_input
                        on:blur=on_blur
                        aria-invalid=move || error().is_some().to_string()
                        aria-describedby=described_by.clone()
                    >
                        <option value="" prop:selected=move || value().is_empty()>"Not set"</option>
                        {options.into_iter().map(|(code, label)| {
                            let selected_code = code.clone();
                            view! { <option value=code prop:selected=move || value() == selected_code>{label}</option> }
                        }).collect_view()}
                    </select>
                }
                .into_any()
            }
        };
        view! {
            <div class="field">
                <label for=id>{field.label()}</label>
                {field.hint().map(|h| view! { <p id=hint_id.clone() class="hint">{h}</p> })}
                {control}
                <p id=error_id class="field-error">{error}</p>
            </div>
        }
    };

    view! {
        {move || notice.get().map(|n| view! {
            <div class="alert alert-info" role="status">
                <p>{n}</p>
            </div>
        })}
        {move || failure.get().map(|f| view! { <div class="alert alert-error" role="alert"><p>{f}</p></div> })}
        <form class="form card" on:submit=submit novalidate aria-label="Your details">
            {Field::ALL.into_iter().map(field_view).collect_view()}
            <div class="actions">
                <button type="submit" class="button" disabled=saving>
                    {move || if saving.get() { "Saving…" } else { "Save changes" }}
                </button>
                <button type="button" class="button button-secondary" on:click=discard disabled=move || !dirty.get() || saving.get()>
                    "Discard changes"
                </button>
            </div>
        </form>
    }
}

/// While there are unsaved changes, closing the tab and in-app links ask first. Leaving
/// anyway through a link drops the draft; the browser's back button is not caught, but the
/// draft then brings the edits back next time.
fn guard_leaving(dirty: Memo<bool>, session: Session, user_id: u64) {
    let before_unload = window_event_listener_untyped("beforeunload", move |ev| {
        if dirty.get_untracked() {
            ev.prevent_default();
            if let Some(ev) = ev.dyn_ref::<web_sys::BeforeUnloadEvent>() {
                ev.set_return_value(LEAVE_QUESTION);
            }
        }
    });
    // Capture phase: runs before the router's own click handling, which honours preventDefault.
    let on_click = Closure::<dyn Fn(web_sys::MouseEvent)>::new(move |ev: web_sys::MouseEvent| {
        if !dirty.get_untracked()
            || ev.button() != 0
            || ev.ctrl_key()
            || ev.meta_key()
            || ev.shift_key()
            || ev.alt_key()
        {
            return;
        }
        let link = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest("a[href]").ok().flatten());
        let Some(href) = link.and_then(|a| a.get_attribute("href")) else { return };
        if !href.starts_with('/') || href == "/me/edit" {
            return;
        }
        if window().confirm_with_message(LEAVE_QUESTION).unwrap_or(true) {
            session.clear_draft(user_id);
        } else {
            ev.prevent_default();
            ev.stop_propagation();
        }
    });
    let _ = window().add_event_listener_with_callback_and_bool("click", on_click.as_ref().unchecked_ref(), true);
    let on_click = SendWrapper::new(on_click);
    on_cleanup(move || {
        before_unload.remove();
        let _ = window().remove_event_listener_with_callback_and_bool("click", on_click.as_ref().unchecked_ref(), true);
    });
}
