//! The signed-in student's own profile: loaded once and shared by the header, `/me`,
//! `/me/edit` and the photo editor, with the writes that change it (Actions) and the copy
//! kept for offline use. Pages get a small copyable handle with `use_current_profile()`.

use crate::api::{self, ApiError, PhotoUpload};
use crate::edit_form::Payload;
use crate::kept_profile;
use crate::personal_data;
use crate::profile::Profile;
use crate::session::Session;
use leptos::prelude::*;

/// A profile to show.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    pub profile: Profile,
    /// Set when the network failed and this is the copy kept on this device: when that copy
    /// was fetched (ms since the epoch).
    pub offline_as_of: Option<f64>,
}

/// `None` inside: nobody is signed in.
pub type Answer = Result<Option<Loaded>, ApiError>;

/// A save: the changed fields of the student `user_id`.
#[derive(Debug, Clone)]
pub struct Changes {
    pub user_id: u64,
    pub fields: Payload,
}

#[derive(Clone, Copy)]
pub struct CurrentProfile {
    resource: LocalResource<Answer>,
    session: Session,
    /// `PUT` of changed fields. Created here, in the app's root, so a save the student
    /// started finishes (and shows everywhere) even if they leave the edit page meanwhile:
    /// the request may already have reached the server, and cancelling it in the browser
    /// would only hide whether it did.
    pub save: Action<Changes, Result<Profile, ApiError>>,
    /// A new photo; likewise finishes after the editor is gone.
    pub upload: Action<(u64, PhotoUpload), Result<Profile, ApiError>>,
    /// The running upload's progress: bytes sent over bytes to send, as the browser reports.
    pub upload_progress: RwSignal<Option<f64>>,
}

/// Loads `/me/` whenever a different token is in use; offline, the kept copy stands in.
async fn load(session: Session, user_id: Option<u64>) -> Answer {
    let Some(user_id) = user_id else { return Ok(None) };
    match api::me(session).await {
        Ok(profile) => {
            if untrack(|| session.user_id()) == Some(user_id) {
                kept_profile::keep(user_id, &profile);
            }
            Ok(Some(Loaded { profile, offline_as_of: None }))
        }
        Err(e) if e.is_connection() => match kept_profile::load(user_id) {
            Some(kept) => Ok(Some(Loaded { profile: kept.profile, offline_as_of: Some(kept.fetched_at_ms) })),
            None => Err(e),
        },
        Err(e) => Err(e),
    }
}

impl CurrentProfile {
    /// The loaded answer, `None` while the first load runs (tracked).
    pub fn get(&self) -> Option<Answer> {
        self.resource.get()
    }

    /// The profile, if one is loaded (tracked).
    pub fn profile(&self) -> Option<Profile> {
        self.resource.with(|a| a.as_ref().and_then(|a| a.as_ref().ok()?.as_ref()).map(|l| l.profile.clone()))
    }

    pub fn profile_untracked(&self) -> Option<Profile> {
        untrack(|| self.profile())
    }

    /// For `Suspend`: resolves with the loaded answer.
    pub fn resource(&self) -> LocalResource<Answer> {
        self.resource
    }

    pub fn refetch(&self) {
        self.resource.refetch();
    }

    /// The student chose to sign out: the token goes now, and with it (`personal_data::guard`)
    /// the kept profile and every draft.
    pub fn sign_out(&self) {
        self.session.sign_out();
    }
}

/// Shows `profile` as the current one, unless its student is no longer the one signed in
/// (a save that finished after signing out).
fn show(resource: LocalResource<Answer>, session: Session, profile: Profile) {
    let Some(user_id) = untrack(|| session.user_id()) else { return };
    if profile.id.is_some_and(|id| id != user_id) {
        return;
    }
    kept_profile::keep(user_id, &profile);
    resource.set(Some(Ok(Some(Loaded { profile, offline_as_of: None }))));
}

/// Creates the handle and provides it to the whole app. Call once, in the root.
pub fn provide_current_profile(session: Session) -> CurrentProfile {
    let resource = LocalResource::new(move || {
        // Keyed on the token, so signing in again (even as the same student) loads afresh.
        let (_token, user_id) = (session.token_generation(), session.user_id());
        load(session, user_id)
    });
    personal_data::guard(session);
    // A PUT answers without id, username or batches: merge it onto what was shown, and
    // show the result everywhere (header, /me, the editor) at once.
    let merge_and_show = move |user_id: u64, saved: Profile| {
        if untrack(|| session.user_id()) != Some(user_id) {
            return saved; // Signed out meanwhile: nothing of it is shown or kept.
        }
        let before = untrack(|| resource.get()).and_then(Result::ok).flatten().map(|l| l.profile);
        match before {
            Some(before) => {
                let merged = saved.merged_into(&before);
                show(resource, session, merged.clone());
                merged
            }
            // Nothing was loaded to merge onto (the first load failed): load it all afresh.
            None => {
                resource.refetch();
                Profile { id: Some(user_id), ..saved }
            }
        }
    };
    let save = Action::new_local(move |changes: &Changes| {
        let Changes { user_id, fields } = changes.clone();
        async move { api::update_profile(session, user_id, &fields).await.map(|p| merge_and_show(user_id, p)) }
    });
    let upload_progress = RwSignal::new(None);
    let upload = Action::new_local(move |(user_id, photo): &(u64, PhotoUpload)| {
        let (user_id, photo) = (*user_id, photo.clone());
        upload_progress.set(Some(0.0));
        async move {
            let outcome = api::upload_photo(session, user_id, &photo, move |p| upload_progress.set(Some(p))).await;
            upload_progress.set(None);
            outcome.map(|p| merge_and_show(user_id, p))
        }
    });
    let handle = CurrentProfile { resource, session, save, upload, upload_progress };
    provide_context(handle);
    handle
}

pub fn use_current_profile() -> CurrentProfile {
    use_context::<CurrentProfile>().expect("provide_current_profile() runs in the app's root")
}

/// A dispatch for one of the shared Actions above that hands the calling component the
/// answers to its own dispatches only: another page's save, or one started before this
/// component was built, is not its business. Call once per component, inside it.
pub fn dispatch_with_answer<I, O>(action: Action<I, O>, on_answer: impl Fn(O) + 'static) -> impl Fn(I) + Copy
where
    I: Send + Sync + 'static,
    O: Clone + Send + Sync + 'static,
{
    let awaiting = RwSignal::new(false);
    Effect::new(move |_| {
        let Some(answer) = action.value().get() else { return };
        if awaiting.get_untracked() {
            awaiting.set(false);
            on_answer(answer);
        }
    });
    move |input| {
        awaiting.set(true);
        action.dispatch(input);
    }
}
