//! `/users/:id`: someone's public page. Not kept offline: without a connection it says so,
//! offers Retry, and tries again by itself when the connection returns.

use crate::api::{self, ApiError};
use crate::components::error_panel::boundary_fallback;
use crate::components::profile_view::PublicProfile;
use crate::components::require_auth::RequireAuth;
use crate::components::skeleton::ProfileSkeleton;
use crate::i18n::{t, Msg};
use crate::network::retry_when_back_online;
use crate::pages::not_found::NoSuchStudent;
use crate::profile::Profile;
use crate::route::{parse_user_id, redirect, Route};
use crate::session::use_session;
use crate::title::use_title;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// What `/users/:id` shows.
#[derive(Debug, Clone, PartialEq)]
enum Lookup {
    Someone(Box<Profile>),
    /// The student's own id: their page is `/me`.
    Me,
    NoSuchUser,
}

#[component]
pub fn UserPage() -> impl IntoView {
    view! { <RequireAuth><UserProfile/></RequireAuth> }
}

#[component]
fn UserProfile() -> impl IntoView {
    let session = use_session();
    // `/users/abc` routes here too, and says there is no such student.
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get_str("id").and_then(parse_user_id)));
    let shown = LocalResource::new(move || {
        let (id, me) = (id.get(), session.user_id());
        async move {
            match id {
                None => Ok(Lookup::NoSuchUser),
                Some(id) if Some(id) == me => Ok(Lookup::Me),
                Some(id) => match session.authorized(|token| api::user(token, id)).await {
                    Ok(profile) => Ok(Lookup::Someone(Box::new(profile))),
                    Err(ApiError::NotFound) => Ok(Lookup::NoSuchUser),
                    Err(e) => Err(e),
                },
            }
        }
    });
    let retry = Callback::new(move |()| shown.refetch());
    retry_when_back_online(move || shown.get().is_some_and(|p| p.is_err()), move || shown.refetch());
    use_title(move || match shown.get() {
        Some(Ok(Lookup::Someone(profile))) => Some(profile.name()),
        Some(Ok(Lookup::NoSuchUser)) => Some(t(Msg::NoSuchStudent)),
        _ => None,
    });
    // One Transition for every id: moving to another user keeps this page up until theirs
    // has loaded, rather than flashing the skeleton.
    view! {
        <Transition fallback=ProfileSkeleton>
            <ErrorBoundary fallback=move |errors| boundary_fallback(errors, retry)>
                {move || Suspend::new(async move {
                    shown.await.map(|shown| match shown {
                        Lookup::Someone(profile) => view! { <PublicProfile profile=*profile/> }.into_any(),
                        Lookup::Me => redirect(Route::Me).into_any(),
                        Lookup::NoSuchUser => view! { <NoSuchStudent/> }.into_any(),
                    })
                })}
            </ErrorBoundary>
        </Transition>
    }
}
