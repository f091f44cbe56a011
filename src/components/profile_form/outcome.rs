//! What came of the student's last Save, Discard or check: a message at the end of the
//! form, just above the Save bar (which stays one compact row), given focus so it is seen
//! and heard where they pressed the button. A photo chosen in the editor and saved by the
//! same press gets its own sentence here.

use crate::api::ApiError;
use crate::focus::focus_id;
use crate::i18n::{t, tr, Msg};
use crate::route::Route;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// What the form says after the last thing the student did.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Saved,
    /// Saved as it was when Save was pressed; what was typed meanwhile still waits.
    SavedWithNewer,
    NothingToSave,
    Discarded,
    /// Rule or server problems beside fields; the general sentences, if any, here.
    NeedsCorrecting(Vec<String>),
    Failed(ApiError),
    /// The save found the device offline.
    Offline,
    /// The connection came back after a save failed for the lack of one.
    BackOnline,
}

/// The photo's part of a Save changes.
#[derive(Debug, Clone, PartialEq)]
pub enum PhotoLine {
    Saving,
    Saved,
    Failed(String),
}

/// Shows `what` and moves focus to it, so it is heard and seen where the student pressed
/// the button.
pub fn show_and_focus(outcome: RwSignal<Option<Outcome>>, what: Outcome) {
    outcome.set(Some(what));
    request_animation_frame(|| focus_id("save-outcome"));
}

/// Moves focus to the outcome unless the student is in one of the form's fields (typing
/// while a save ran): they carry on there, and the message is still on screen.
pub fn focus_unless_typing() {
    request_animation_frame(|| {
        let typing = document()
            .active_element()
            .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA"));
        if !typing {
            focus_id("save-outcome");
        }
    });
}

fn outcome_text(o: &Outcome) -> String {
    match o {
        Outcome::Saved => t(Msg::ProfileSaved),
        Outcome::SavedWithNewer => t(Msg::SavedNewerWaiting),
        Outcome::NothingToSave => t(Msg::NothingToSave),
        Outcome::Discarded => t(Msg::ChangesDiscarded),
        Outcome::NeedsCorrecting(general) if !general.is_empty() => general.join(" "),
        Outcome::NeedsCorrecting(_) => t(Msg::ErrInvalid),
        Outcome::Offline => t(Msg::SaveNeedsConnection),
        Outcome::Failed(e) => [e.to_string(), t(Msg::ChangesStillHere)].join(" "),
        Outcome::BackOnline => t(Msg::BackOnlineSaveNow),
    }
}

fn photo_text(p: &PhotoLine) -> String {
    match p {
        PhotoLine::Saving => t(Msg::SavingPhoto),
        PhotoLine::Saved => t(Msg::PhotoSaved),
        PhotoLine::Failed(text) => [t(Msg::PhotoNotSaved), text.clone()].join(" "),
    }
}

#[component]
pub fn OutcomeLine(outcome: RwSignal<Option<Outcome>>, photo: RwSignal<Option<PhotoLine>>) -> impl IntoView {
    // A fresh element per outcome: problems are alerts, the rest status messages. (Focus on
    // the old one goes back to the new one.)
    move || {
        let (o, p) = (outcome.get(), photo.get());
        if o.is_none() && p.is_none() {
            return None;
        }
        let had_focus = document().active_element().is_some_and(|el| el.id() == "save-outcome");
        let problem = matches!(o, Some(Outcome::Failed(_) | Outcome::NeedsCorrecting(_) | Outcome::Offline))
            || matches!(p, Some(PhotoLine::Failed(_)));
        let saved = !problem
            && matches!(o, Some(Outcome::Saved | Outcome::SavedWithNewer) | None)
            && p.as_ref().is_none_or(|p| *p == PhotoLine::Saved);
        let text = move || {
            let parts = [o.as_ref().map(outcome_text), p.as_ref().map(photo_text)];
            parts.into_iter().flatten().collect::<Vec<_>>().join(" ")
        };
        if had_focus {
            request_animation_frame(|| focus_id("save-outcome"));
        }
        Some(view! {
            <div
                id="save-outcome"
                tabindex="-1"
                class="save-outcome"
                class:alert-error=problem
                class:alert-ok=saved
                role=if problem { "alert" } else { "status" }
            >
                {text}
                {saved.then(|| view! { " " <a href=Route::Me.href()>{tr(Msg::ViewProfile)}</a> })}
            </div>
        })
    }
}

/// The Save bar's spoken status: "Saving…" while a save or the photo's upload runs. Always
/// on the page, so screen readers announce the change.
#[component]
pub fn SavingStatus(busy: Memo<bool>) -> impl IntoView {
    view! { <p class="visually-hidden" role="status">{move || busy.get().then(|| t(Msg::Saving))}</p> }
}

/// The Save bar of the form `el` is in.
pub fn bar_of(el: &web_sys::Element) -> Option<web_sys::Element> {
    el.closest("form").ok().flatten()?.query_selector(".form-actions").ok().flatten()
}

/// `ev`'s target as an element.
pub fn target_element(ev: &leptos::ev::FocusEvent) -> Option<web_sys::Element> {
    ev.target()?.dyn_into::<web_sys::Element>().ok()
}
