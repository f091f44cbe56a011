//! The student's details form. Built once from the profile; after a save its baseline is
//! updated in place. Each field has its own signals, so a keystroke touches one input. The
//! outcome of Save, Discard or a check appears in the action bar, where the student is,
//! and focus follows it. Nothing typed is lost: a failed save keeps every value, a draft
//! survives reloads and re-sign-ins, and leaving with changes asks first.

mod fields;
mod outcome;

use crate::api::ApiError;
use crate::components::leave_guard::use_leave_guard;
use crate::current_profile::{dispatch_with_answer, use_current_profile, Changes};
use crate::edit_form::draft::{self, Draft};
use crate::edit_form::{check_all, normalised, payload, server_problems, Field, FormValues, Group};
use crate::focus::focus_id;
use crate::i18n::{t, tr, Msg};
use crate::network::{retry_when_back_online, use_network};
use crate::profile::Profile;
use crate::session::{use_session, Ended};
use fields::{field_view, today, Fields};
use leptos::prelude::*;
use outcome::{show, Outcome, OutcomeLine};
use std::time::Duration;

/// Drafts are written at most this often while typing (and at once when the page is left).
const DRAFT_DELAY: Duration = Duration::from_millis(400);

/// The draft restored for this student, if any, and what to tell them about it.
fn restore_draft(user_id: u64, base: &FormValues) -> (FormValues, Option<Msg>) {
    match draft::load(user_id).map(|text| Draft::from_json(&text)) {
        Some(Ok(mut draft)) if draft.user_id == user_id => {
            // A draft from before email was read-only may carry an edited one: the shown
            // value is always the server's.
            draft.values.set(Field::Email, base.get(Field::Email).to_string());
            if &draft.values == base {
                (base.clone(), None)
            } else {
                (draft.values, Some(Msg::DraftRestored))
            }
        }
        Some(Err(_damaged)) => {
            draft::clear(user_id);
            (base.clone(), Some(Msg::DraftDamaged))
        }
        _ => (base.clone(), None),
    }
}

#[component]
pub fn ProfileForm(profile: Profile, user_id: u64, focus: Option<Field>) -> impl IntoView {
    let current = use_current_profile();
    let network = use_network();
    let session = use_session();
    let base = RwSignal::new(FormValues::from_profile(&profile));
    let username = profile.username.clone();
    let (initial, draft_notice) = restore_draft(user_id, &base.get_untracked());
    let fields = Fields::new(&initial);
    let outcome = RwSignal::new(None::<Outcome>);
    let saving = current.save.pending();
    let dirty = Memo::new(move |_| {
        base.with(|b| {
            Field::ALL.iter().any(|f| normalised(*f, &fields.of(*f).value.get()) != normalised(*f, b.get(*f)))
        })
    });

    // The draft follows the typing, a few times a second at most; no changes, no draft.
    let write_draft = move || match (dirty.try_get_untracked(), fields.try_values()) {
        (Some(true), Some(values)) => draft::save(&Draft { user_id, values }),
        (Some(false), _) => draft::clear(user_id),
        _ => {}
    };
    let draft_timer = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |_| {
        fields.values(true);
        if draft_timer.get_value().is_none() {
            let handle = set_timeout_with_handle(
                move || {
                    let _ = draft_timer.try_update_value(|timer| *timer = None);
                    write_draft();
                },
                DRAFT_DELAY,
            );
            draft_timer.set_value(handle.ok());
        }
    });
    // Set when the student chose to leave the changes behind ("leave anyway").
    let abandoned = StoredValue::new(false);
    // Leaving (a reload, a closed tab, the sign-in page after an expiry) writes it at once,
    // unless the student signed out or chose to leave the changes: then nothing may stay.
    let flush_draft = move || {
        if let Some(Some(handle)) = draft_timer.try_update_value(Option::take) {
            handle.clear();
        }
        if session.ended() != Some(Ended::SignedOut) && abandoned.try_get_value() == Some(false) {
            write_draft();
        }
    };
    let page_hide = window_event_listener_untyped("pagehide", move |_| flush_draft());
    on_cleanup(move || {
        page_hide.remove();
        untrack(flush_draft);
    });
    // Leaving (a link, signing out) after "leave anyway" drops the draft, unless a save is on
    // its way, whose failure the draft would still have to cover.
    use_leave_guard(dirty.into(), move || {
        if !saving.get_untracked() {
            abandoned.set_value(true);
            draft::clear(user_id);
        }
    });

    // Back online after a failed save: say Save will work now.
    retry_when_back_online(
        move || matches!(outcome.get(), Some(Outcome::Offline | Outcome::Failed(ApiError::Network))),
        move || outcome.set(Some(Outcome::BackOnline)),
    );

    // The server's profile arriving after the form opened from the copy kept on this device:
    // fields the student has not touched follow it, typed ones stay as typed. (A save's
    // answer is handled below; while one runs, this waits for it.)
    Effect::new(move |_| {
        let Some(newer) = current.profile().map(|p| FormValues::from_profile(&p)) else { return };
        let older = base.get_untracked();
        if newer == older || saving.get_untracked() {
            return;
        }
        for field in Field::ALL {
            let state = fields.of(field);
            if normalised(field, &state.value.get_untracked()) == normalised(field, older.get(field)) {
                state.value.set(newer.get(field).to_string());
            }
        }
        base.set(newer);
    });

    // The save's answer, for a save this form started.
    let save = dispatch_with_answer(current.save, move |result| {
        match result {
            Ok(saved) => {
                let saved = FormValues::from_profile(&saved);
                // Fields typed into while saving keep what was typed since.
                for field in Field::ALL {
                    let state = fields.of(field);
                    if normalised(field, &state.value.get_untracked()) == normalised(field, saved.get(field)) {
                        state.value.set(saved.get(field).to_string());
                    }
                }
                base.set(saved);
                show(outcome, Outcome::Saved);
            }
            Err(ApiError::Invalid(errors)) => {
                let (by_field, general) = server_problems(&errors);
                let first = by_field.first().map(|(f, _)| *f);
                for (field, problem) in by_field {
                    fields.of(field).problem.set(Some(problem));
                }
                outcome.set(Some(Outcome::NeedsCorrecting(general)));
                match first {
                    Some(field) => focus_id(field.api_name()),
                    None => focus_id("save-outcome"),
                }
            }
            // Signed out: the sign-in page takes over, and the draft brings the edits back.
            Err(ApiError::SessionExpired) => {}
            Err(e) if e.is_connection() && !network.online_untracked() => show(outcome, Outcome::Offline),
            Err(other) => show(outcome, Outcome::Failed(other)),
        }
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if saving.get_untracked() {
            return;
        }
        fields.clear_problems();
        let values = fields.values(false);
        let problems = check_all(&values, today());
        if let Some((first, _)) = problems.first() {
            let first = *first;
            for (field, problem) in problems {
                fields.of(field).problem.set(Some(problem));
            }
            outcome.set(Some(Outcome::NeedsCorrecting(Vec::new())));
            focus_id(first.api_name());
            return;
        }
        let changes = base.with_untracked(|b| payload(&values, b));
        if changes.is_empty() {
            show(outcome, Outcome::NothingToSave);
            return;
        }
        outcome.set(None);
        flush_draft();
        save(Changes { user_id, fields: changes });
    };

    let discard = move |_| {
        fields.set_values(&base.get_untracked());
        fields.clear_problems();
        draft::clear(user_id);
        show(outcome, Outcome::Discarded);
    };

    // Opened from an "Add" link: that field first.
    if let Some(field) = focus {
        request_animation_frame(move || focus_id(field.api_name()));
    }

    let notice = RwSignal::new(draft_notice);
    view! {
        {move || notice.get().map(|n| view! {
            <div class="alert alert-info" role="status"><p>{tr(n)}</p></div>
        })}
        <form class="form card profile-form" on:submit=submit novalidate aria-labelledby="details-form-heading">
            <h2 id="details-form-heading">{tr(Msg::YourDetails)}</h2>
            // Shown so the student knows which account this is; never edited.
            {(!username.is_empty()).then(|| view! {
                <dl class="field">
                    <dt class="label">{tr(Msg::Username)}</dt>
                    <dd class="read-only-value">{username.clone()}</dd>
                </dl>
            })}
            {Group::ALL.into_iter().map(|group| view! {
                <fieldset>
                    <legend>{tr(group.legend())}</legend>
                    {group.fields().map(|field| field_view(field, fields.of(field))).collect_view()}
                </fieldset>
            }).collect_view()}
            <div class="form-actions">
                <OutcomeLine outcome/>
                <div class="actions">
                    <button type="submit" class="button" disabled=saving>
                        {move || t(if saving.get() { Msg::Saving } else { Msg::SaveChanges })}
                    </button>
                    <button
                        type="button"
                        class="button button-secondary"
                        on:click=discard
                        hidden=move || !dirty.get()
                        disabled=saving
                    >
                        {tr(Msg::DiscardChanges)}
                    </button>
                </div>
            </div>
        </form>
    }
}
