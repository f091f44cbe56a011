//! The student's details form. Built once from the profile; after a save its baseline is
//! updated in place. Each field has its own signals, so a keystroke touches one input. The
//! outcome of Save, Discard or a check appears just above the Save bar, where the student
//! is, and focus follows it; Save also saves a photo chosen in the photo editor. Nothing
//! typed is lost: a failed save keeps every value, a draft survives reloads and
//! re-sign-ins, and leaving with changes asks first.

mod fields;
mod keeping;
mod outcome;

use crate::api::ApiError;
use crate::components::leave_guard::use_leave_guard;
use crate::components::pending_photo::use_pending_photo;
use crate::current_profile::{use_current_profile, Changes};
use crate::edit_form::draft;
use crate::edit_form::{check_all, normalised, payload, server_problems, Field, FormValues, Group};
use crate::focus::{focus_field, focus_id, keep_clear_of};
use crate::i18n::{tr, Msg};
use crate::network::{retry_when_back_online, use_network};
use crate::page_action::page_action;
use crate::profile::Profile;
use fields::{field_view, today, Fields};
use keeping::{keep_draft, restore_draft};
use leptos::prelude::*;
use outcome::{
    bar_of, focus_unless_typing, show_and_focus, target_element, Outcome, OutcomeLine, PhotoLine, SavingStatus,
};

#[component]
pub fn ProfileForm(profile: Profile, user_id: u64, focus: Option<Field>) -> impl IntoView {
    let current = use_current_profile();
    let network = use_network();
    let base = RwSignal::new(FormValues::from_profile(&profile));
    let username = profile.username.clone();
    let (initial, draft_notice) = restore_draft(user_id, &base.get_untracked());
    let fields = Fields::new(&initial);
    let outcome = RwSignal::new(None::<Outcome>);
    let photo = use_pending_photo();
    let photo_line = RwSignal::new(None::<PhotoLine>);
    // Save was pressed with a photo chosen: it goes once the details are saved.
    let photo_next = StoredValue::new(false);
    let dirty = Memo::new(move |_| {
        base.with(|b| {
            Field::ALL.iter().any(|f| normalised(*f, &fields.of(*f).value.get()) != normalised(*f, b.get(*f)))
        })
    });

    // The photo goes after the details, so its answer (a whole profile) is the newer one.
    let start_photo = move || {
        if photo.is_some_and(|p| p.start()) {
            photo_line.set(Some(PhotoLine::Saving));
        }
    };
    // The answer to a save this form started.
    let on_saved = move |result: Result<Profile, ApiError>| {
        if result.is_err() {
            photo_next.set_value(false);
        }
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
                if dirty.get_untracked() {
                    outcome.set(Some(Outcome::SavedWithNewer));
                    focus_unless_typing();
                } else {
                    show_and_focus(outcome, Outcome::Saved);
                }
                if photo_next.try_update_value(std::mem::take) == Some(true) {
                    start_photo();
                }
            }
            Err(ApiError::Invalid(errors)) => {
                let (by_field, general) = server_problems(&errors);
                let first = by_field.first().map(|(f, _)| *f);
                for (field, problem) in by_field {
                    fields.of(field).problem.set(Some(problem));
                }
                outcome.set(Some(Outcome::NeedsCorrecting(general)));
                match first {
                    Some(field) => focus_field(field.api_name()),
                    None => focus_id("save-outcome"),
                }
            }
            // Signed out: the sign-in page takes over, and the draft brings the edits back.
            Err(ApiError::SessionExpired) => {}
            Err(e) if e.is_connection() && !network.online_untracked() => show_and_focus(outcome, Outcome::Offline),
            Err(other) => show_and_focus(outcome, Outcome::Failed(other)),
        }
    };
    // This form's saves, answered here. Leaving the page aborts one still on its way.
    let save = page_action(move |changes: &Changes| {
        let saving = current.save(changes.clone());
        async move {
            match saving.await {
                // The form is gone; the profile asks the server what it holds now.
                Err(ApiError::Cancelled) => {}
                answer => on_saved(answer),
            }
        }
    });
    let saving = save.pending();
    // Save is busy while the details or the photo are on their way.
    let busy = Memo::new(move |_| saving.get() || photo.is_some_and(|p| p.uploading()));

    // Set when the student chose to leave the changes behind ("leave anyway").
    let abandoned = StoredValue::new(false);
    let flush_draft = keep_draft(user_id, dirty, fields, abandoned);
    // A chosen photo not yet saved is a change to lose too.
    let unsaved = Signal::derive(move || dirty.get() || photo.is_some_and(|p| p.ready()));
    // Leaving (a link, signing out) after "leave anyway" drops the draft; a save still on its
    // way is aborted as the page goes (and `/me/` read again, as it may have landed).
    use_leave_guard(unsaved, move || {
        abandoned.set_value(true);
        draft::clear(user_id);
    });

    // Back online after a failed save: say Save will work now.
    retry_when_back_online(
        move || matches!(outcome.get(), Some(Outcome::Offline | Outcome::Failed(ApiError::Network))),
        move || outcome.set(Some(Outcome::BackOnline)),
    );

    // The server's profile arriving after the form opened from the copy kept on this device:
    // fields the student has not touched follow it, typed ones stay as typed. (A save's
    // answer is handled above; while one runs, this waits for it.)
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

    Effect::new(move |_| {
        let Some(result) = photo.and_then(|p| p.result()) else { return };
        photo_line.set(Some(match result {
            Ok(()) => PhotoLine::Saved,
            Err(text) => PhotoLine::Failed(text),
        }));
        focus_unless_typing();
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        fields.clear_problems();
        photo_line.set(None);
        if let Some(photo) = photo {
            photo.forget_result();
        }
        let values = fields.values(false);
        let problems = check_all(&values, today());
        if let Some((first, _)) = problems.first() {
            let first = *first;
            for (field, problem) in problems {
                fields.of(field).problem.set(Some(problem));
            }
            outcome.set(Some(Outcome::NeedsCorrecting(Vec::new())));
            focus_field(first.api_name());
            return;
        }
        let changes = base.with_untracked(|b| payload(&values, b));
        let with_photo = photo.is_some_and(|p| p.ready_untracked());
        outcome.set(None);
        if changes.is_empty() {
            if with_photo {
                start_photo();
            } else {
                show_and_focus(outcome, Outcome::NothingToSave);
            }
            return;
        }
        photo_next.set_value(with_photo);
        flush_draft();
        save.dispatch(Changes { user_id, fields: changes });
    };

    let discard = move |_| {
        if busy.get_untracked() {
            return;
        }
        fields.set_values(&base.get_untracked());
        fields.clear_problems();
        draft::clear(user_id);
        show_and_focus(outcome, Outcome::Discarded);
    };

    // Opened from an "Add" link: that field first.
    if let Some(field) = focus {
        request_animation_frame(move || focus_field(field.api_name()));
    }

    // A field focused with Tab on a phone can land behind the sticky Save bar: once the
    // browser has scrolled to it, lift it clear.
    let keep_focus_in_view = move |ev: leptos::ev::FocusEvent| {
        let Some(focused) = target_element(&ev) else { return };
        request_animation_frame(move || {
            if let Some(bar) = bar_of(&focused) {
                keep_clear_of(&focused, &bar);
            }
        });
    };

    let notice = RwSignal::new(draft_notice);
    view! {
        {move || notice.get().map(|n| view! {
            <div class="alert alert-info" role="status"><p>{tr(n)}</p></div>
        })}
        <form
            class="form card profile-form"
            on:submit=submit
            on:focusin=keep_focus_in_view
            novalidate
            aria-labelledby="details-form-heading"
        >
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
            <OutcomeLine outcome photo=photo_line/>
            // One row whose height never changes: Save keeps the room of both its words, and
            // Discard keeps its place while there is nothing to discard. Busy buttons stay
            // focusable (aria-disabled), so focus never drops to the page.
            <div class="form-actions">
                <SavingStatus busy/>
                <div class="actions">
                    <button type="submit" class="button" aria-disabled=move || busy.get().to_string()>
                        <span class="label-stack">
                            <span class:invisible=busy>{tr(Msg::SaveChanges)}</span>
                            <span class:invisible=move || !busy.get()>{tr(Msg::Saving)}</span>
                        </span>
                    </button>
                    <button
                        type="button"
                        class="button button-secondary"
                        class:invisible=move || !dirty.get()
                        on:click=discard
                        aria-disabled=move || busy.get().to_string()
                    >
                        {tr(Msg::DiscardChanges)}
                    </button>
                </div>
            </div>
        </form>
    }
}
