//! The action bar's line: what came of the student's last Save, Discard or check, shown
//! where they pressed the button and given focus, so it is seen and heard there.

use crate::api::ApiError;
use crate::focus::focus_id;
use crate::i18n::{t, tr, Msg};
use crate::route::Route;
use leptos::prelude::*;

/// What the action bar says after the last thing the student did.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    Saved,
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

/// Shows `what` in the action bar and moves focus to it, so it is heard and seen where the
/// student pressed the button.
pub fn show(outcome: RwSignal<Option<Outcome>>, what: Outcome) {
    outcome.set(Some(what));
    request_animation_frame(|| focus_id("save-outcome"));
}

#[component]
pub fn OutcomeLine(outcome: RwSignal<Option<Outcome>>) -> impl IntoView {
    // A fresh element per outcome: problems are alerts, the rest status messages.
    move || {
        outcome.get().map(|o| {
            let problem = matches!(o, Outcome::Failed(_) | Outcome::NeedsCorrecting(_) | Outcome::Offline);
            let saved = o == Outcome::Saved;
            let text = move || match &o {
                Outcome::Saved => t(Msg::ProfileSaved),
                Outcome::NothingToSave => t(Msg::NothingToSave),
                Outcome::Discarded => t(Msg::ChangesDiscarded),
                Outcome::NeedsCorrecting(general) if !general.is_empty() => general.join(" "),
                Outcome::NeedsCorrecting(_) => t(Msg::ErrInvalid),
                Outcome::Offline => t(Msg::SaveNeedsConnection),
                Outcome::Failed(e) => [e.to_string(), t(Msg::ChangesStillHere)].join(" "),
                Outcome::BackOnline => t(Msg::BackOnlineSaveNow),
            };
            view! {
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
            }
        })
    }
}
