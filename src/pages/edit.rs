//! `/me/edit`: the student's photo and details. Opens from the profile already loaded (or
//! the copy kept on this device, while the server is asked or cannot be); `?field=phone`
//! focuses that field first.

use crate::components::access_problem::access_problem;
use crate::components::dead_end::DeadEnd;
use crate::components::error_panel::ErrorPanel;
use crate::components::pending_photo::PendingPhoto;
use crate::components::photo_editor::PhotoEditor;
use crate::components::profile_form::ProfileForm;
use crate::components::require_auth::RequireAuth;
use crate::components::skeleton::ProfileSkeleton;
use crate::current_profile::{use_current_profile, ProfileState};
use crate::i18n::{t, tr, Msg};
use crate::institute_settings_state::use_institute_settings;
use crate::network::retry_when_back_online;
use crate::pages::me::FreshnessLine;
use crate::route::{use_current_route, Route};
use crate::title::use_title;
use leptos::prelude::*;

#[component]
pub fn EditPage() -> impl IntoView {
    let settings = use_institute_settings();
    // The institute's word can arrive after the page opened: then, and only if it changed,
    // the page changes over (a Memo, so a repeated answer never rebuilds the form).
    let allowed = Memo::new(move |_| settings.with(|s| s.allow_profile_edit));
    view! {
        <RequireAuth>
            {move || if allowed.get() {
                view! { <EditProfile/> }.into_any()
            } else {
                view! { <EditingOff/> }.into_any()
            }}
        </RequireAuth>
    }
}

/// The institute has turned editing off (its settings' `allow_profile_edit`).
#[component]
fn EditingOff() -> impl IntoView {
    view! { <DeadEnd title=Msg::EditingOffTitle text=Msg::EditingOffText to=Route::Me narrow=true/> }
}

#[derive(Debug, Clone, PartialEq)]
enum Form {
    Loading,
    Failed(crate::api::ApiError),
    Ready { user_id: u64 },
}

#[component]
fn EditProfile() -> impl IntoView {
    let current = use_current_profile();
    use_title(|| Some(t(Msg::EditProfile)));
    let focus = match use_current_route().get_untracked() {
        Some(Route::Edit { field }) => field,
        _ => None,
    };
    // Built once per student: the fresh profile replacing the kept copy, a save or a new
    // photo changes nothing here, so the form (and what is typed in it) stays as it is. A
    // refusal about access still replaces it.
    let form = Memo::new(move |_| match current.get() {
        ProfileState::Failed(e) => Form::Failed(e),
        ProfileState::Loaded(loaded) => Form::Ready { user_id: loaded.user_id },
        // Signed out: RequireAuth is on its way to sign-in.
        ProfileState::Loading | ProfileState::SignedOut => Form::Loading,
    });
    let ready = Memo::new(move |_| matches!(form.get(), Form::Ready { .. }));
    let retry = Callback::new(move |()| current.refetch());
    retry_when_back_online(move || current.failed(), move || current.refetch());
    let settings = use_institute_settings();
    let photo_allowed = Memo::new(move |_| settings.with(|s| s.enable_user_photo));
    // The photo chosen in the editor is saved by the form's Save changes too.
    PendingPhoto::provide();
    view! {
        <h1>{tr(Msg::EditProfile)}</h1>
        {move || ready.get().then(|| view! { <FreshnessLine/> })}
        <div class="edit-layout">
            {move || photo_allowed.get().then(|| view! { <PhotoEditor/> })}
            <div class="edit-main">
                {move || match form.get() {
                    Form::Loading => view! { <ProfileSkeleton/> }.into_any(),
                    Form::Failed(e) => {
                        if let Some(screen) = access_problem(&e, true) {
                            return screen;
                        }
                        let transient = e.is_transient();
                        view! { <ErrorPanel error=Some(e) retry=transient.then_some(retry)/> }.into_any()
                    }
                    Form::Ready { user_id } => {
                        let profile = current.profile_untracked().unwrap_or_default();
                        view! { <ProfileForm profile user_id focus=focus/> }.into_any()
                    }
                }}
            </div>
        </div>
    }
}
