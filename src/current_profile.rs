//! The signed-in student's own profile: loaded once and shared by the header, `/me`,
//! `/me/edit` and the photo editor, with the writes that change it and the copy kept on
//! this device. That copy is shown the moment the app starts, marked as being
//! updated, until `/me/` answers. Pages get a small copyable handle with `use_current_profile()`.

use crate::api::{self, ApiError, PhotoUpload};
use crate::edit_form::Payload;
use crate::kept_profile;
use crate::personal_data;
use crate::profile::Profile;
use crate::session::Session;
use leptos::prelude::*;

/// How current the profile on screen is.
#[derive(Debug, Clone, PartialEq)]
pub enum Freshness {
    /// As the server (or a save) last gave it, this session.
    Fresh,
    /// The copy kept on this device, while `/me/` is asked for.
    Updating,
    /// The kept copy, because `/me/` failed in a way that may pass (no connection, a server
    /// error, an answer we could not read).
    Stale(ApiError),
}

/// A profile to show.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadedProfile {
    /// The signed-in student it belongs to (the PUT answer carries no id of its own).
    pub user_id: u64,
    pub profile: Profile,
    /// When the server sent this profile (ms since the epoch).
    pub fetched_at_ms: f64,
    pub freshness: Freshness,
}

/// The signed-in student's profile as the app holds it: what pages match on.
#[derive(Debug, Clone, PartialEq)]
pub enum ProfileState {
    /// Nobody is signed in.
    SignedOut,
    /// The first `/me/` is on its way, with no kept copy to show meanwhile.
    Loading,
    /// A profile to show: the fresh one, or the kept copy (updating, or standing in after a
    /// failure that may pass).
    Loaded(Box<LoadedProfile>),
    /// `/me/` failed with nothing to show, or refused in a way that replaces what was shown.
    Failed(ApiError),
}

/// A save: the changed fields of the student `user_id`.
#[derive(Debug, Clone)]
pub struct Changes {
    pub user_id: u64,
    pub fields: Payload,
}

#[derive(Clone, Copy)]
pub struct CurrentProfile {
    state: RwSignal<ProfileState>,
    /// Moved to ask `/me/` again for the same session.
    reloads: RwSignal<u32>,
    /// Counts requests for `/me/`; an answer counts only if no later request (or save) began.
    requests: StoredValue<u32>,
    session: Session,
}

/// What to show for `user_id` before `/me/` answers: their kept copy, if any.
fn kept_for(user_id: Option<u64>) -> ProfileState {
    let Some(user_id) = user_id else { return ProfileState::SignedOut };
    match kept_profile::load(user_id) {
        Some(kept) => ProfileState::Loaded(Box::new(LoadedProfile {
            user_id,
            profile: kept.profile,
            fetched_at_ms: kept.fetched_at_ms,
            freshness: Freshness::Updating,
        })),
        None => ProfileState::Loading,
    }
}

fn fresh(user_id: u64, profile: Profile) -> ProfileState {
    let fetched_at_ms = js_sys::Date::now();
    ProfileState::Loaded(Box::new(LoadedProfile { user_id, profile, fetched_at_ms, freshness: Freshness::Fresh }))
}

/// What `/me/`'s answer makes of what is shown. A failure that may pass keeps a profile on
/// screen; anything else (a refusal about access, no such account) replaces it.
fn after(shown: ProfileState, user_id: u64, answer: Result<Profile, ApiError>) -> ProfileState {
    match (answer, shown) {
        (Ok(profile), _) => fresh(user_id, profile),
        (Err(e), ProfileState::Loaded(loaded)) if e.is_transient() => {
            ProfileState::Loaded(Box::new(LoadedProfile { freshness: Freshness::Stale(e), ..*loaded }))
        }
        (Err(e), _) => ProfileState::Failed(e),
    }
}

impl CurrentProfile {
    /// Tracked.
    pub fn get(&self) -> ProfileState {
        self.state.get()
    }

    /// The profile, if one is shown (tracked).
    pub fn profile(&self) -> Option<Profile> {
        self.state.with(|s| match s {
            ProfileState::Loaded(loaded) => Some(loaded.profile.clone()),
            _ => None,
        })
    }

    pub fn profile_untracked(&self) -> Option<Profile> {
        untrack(|| self.profile())
    }

    /// `/me/` failed, whether or not the kept copy stands in (tracked).
    pub fn failed(&self) -> bool {
        self.state.with(|s| match s {
            ProfileState::Failed(_) => true,
            ProfileState::Loaded(loaded) => matches!(loaded.freshness, Freshness::Stale(_)),
            ProfileState::SignedOut | ProfileState::Loading => false,
        })
    }

    /// Asks `/me/` again; what is shown stays until it answers.
    pub fn refetch(&self) {
        self.reloads.update(|n| *n = n.wrapping_add(1));
    }

    /// The student chose to sign out: the token goes now, and with it (`personal_data::guard`)
    /// the kept profile and every draft.
    pub fn sign_out(&self) {
        self.session.sign_out();
    }

    /// `PUT`s the changed fields and, once saved, shows the result everywhere (the header,
    /// `/me`, the editor). The answer goes to the caller. The request belongs to the caller's
    /// reactive owner: if that goes away first it is aborted, and as the server may or may
    /// not have saved it by then, `/me/` is asked again.
    pub async fn save(self, changes: Changes) -> Result<Profile, ApiError> {
        let Changes { user_id, fields } = changes;
        let put = |token| async move { api::update_profile(token, user_id, &fields).await };
        let answer = self.session.authorized(put).await;
        self.after_write(user_id, answer)
    }

    /// A new photo, likewise; `progress` hears the share sent so far (0.0–1.0).
    pub async fn upload(
        self,
        user_id: u64,
        photo: PhotoUpload,
        progress: impl Fn(f64) + 'static,
    ) -> Result<Profile, ApiError> {
        let send = |token| async move { api::upload_photo(token, user_id, &photo, progress).await };
        let answer = self.session.authorized(send).await;
        self.after_write(user_id, answer)
    }

    /// A PUT answers without id, username or batches: merges it onto what was shown and
    /// shows the result, unless the student signed out meanwhile.
    fn after_write(self, user_id: u64, answer: Result<Profile, ApiError>) -> Result<Profile, ApiError> {
        let signed_in = untrack(|| self.session.user_id()) == Some(user_id);
        match answer {
            Ok(saved) if !signed_in => Ok(saved), // nothing of it is shown or kept
            Ok(saved) => match self.profile_untracked() {
                Some(before) => {
                    let merged = saved.merged_into(&before);
                    self.make_current(merged.clone());
                    Ok(merged)
                }
                // Nothing was loaded to merge onto (the first load failed): load it all afresh.
                None => {
                    self.refetch();
                    Ok(Profile { id: Some(user_id), ..saved })
                }
            },
            Err(ApiError::Cancelled) => {
                if signed_in {
                    self.refetch();
                }
                Err(ApiError::Cancelled)
            }
            Err(e) => Err(e),
        }
    }

    /// Starts a request for `/me/`, after which earlier ones no longer count.
    fn next_request(&self) -> u32 {
        let request = self.requests.get_value().wrapping_add(1);
        self.requests.set_value(request);
        request
    }

    /// Shows `profile` as the current one, unless its student is no longer the one signed
    /// in (a save that finished after signing out). A `/me/` still on its way was asked
    /// before this, so its answer no longer counts.
    fn make_current(&self, profile: Profile) {
        let Some(user_id) = untrack(|| self.session.user_id()) else { return };
        if profile.id.is_some_and(|id| id != user_id) {
            return;
        }
        kept_profile::keep(user_id, &profile);
        self.next_request();
        self.state.set(fresh(user_id, profile));
    }

    /// Loads `/me/` for whoever is signed in now. A new session starts from its student's
    /// kept copy (or nothing); asking again keeps what is shown, a failure marked as updating.
    fn load(&self, new_session: bool) {
        let request = self.next_request();
        let Some(user_id) = untrack(|| self.session.user_id()) else {
            self.state.set(ProfileState::SignedOut);
            return;
        };
        if new_session {
            self.state.set(kept_for(Some(user_id)));
        } else {
            self.state.update(|s| {
                if let ProfileState::Loaded(loaded) = s {
                    if matches!(loaded.freshness, Freshness::Stale(_)) {
                        loaded.freshness = Freshness::Updating;
                    }
                }
            });
        }
        let this = *self;
        leptos::task::spawn_local(async move {
            let answer = this.session.authorized(api::me).await;
            // Superseded, or the session changed (or ended) on the way.
            if this.requests.try_get_value() != Some(request) || untrack(|| this.session.user_id()) != Some(user_id) {
                return;
            }
            if let Ok(profile) = &answer {
                kept_profile::keep(user_id, profile);
            }
            this.state.set(after(this.state.get_untracked(), user_id, answer));
        });
    }
}

/// Creates the handle and provides it to the whole app. Call once, in the root.
pub fn provide_current_profile(session: Session) -> CurrentProfile {
    // The kept copy is there for the very first render: no skeleton, no waiting.
    let state = RwSignal::new(kept_for(untrack(|| session.user_id())));
    let reloads = RwSignal::new(0u32);
    let requests = StoredValue::new(0u32);
    personal_data::guard(session);
    let handle = CurrentProfile { state, reloads, requests, session };
    // Keyed on the token, so signing in again (even as the same student) loads afresh.
    Effect::new(move |last: Option<Option<u32>>| {
        reloads.track();
        let token = session.token_generation();
        handle.load(last.is_none_or(|last| last != token));
        token
    });
    provide_context(handle);
    handle
}

pub fn use_current_profile() -> CurrentProfile {
    use_context::<CurrentProfile>().expect("provide_current_profile() runs in the app's root")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::divya;

    fn kept(freshness: Freshness) -> ProfileState {
        let fetched_at_ms = 1_764_000_000_000.0;
        ProfileState::Loaded(Box::new(LoadedProfile { user_id: 17, profile: divya(), fetched_at_ms, freshness }))
    }

    #[test]
    fn failures_that_may_pass_keep_the_copy_and_refusals_replace_it() {
        let passing = [
            ApiError::Network,
            ApiError::Timeout,
            ApiError::Server { status: 503 },
            ApiError::BadResponse,
            ApiError::Throttled { wait_secs: None },
        ];
        for e in passing {
            assert_eq!(after(kept(Freshness::Updating), 17, Err(e.clone())), kept(Freshness::Stale(e.clone())));
            assert_eq!(
                after(ProfileState::Loading, 17, Err(e.clone())),
                ProfileState::Failed(e.clone()),
                "nothing kept"
            );
        }
        let refused = ApiError::Refused {
            code: "parallel_login_restriction".into(),
            title: String::new(),
            message: String::new(),
        };
        for e in [refused, ApiError::SessionExpired, ApiError::NotFound] {
            assert_eq!(after(kept(Freshness::Updating), 17, Err(e.clone())), ProfileState::Failed(e));
        }
    }
}
