//! `/users/:id`: someone's public page. Not kept offline: without a connection it says so,
//! offers Retry, and tries again by itself when the connection returns.

use crate::api::{self, ApiError};
use crate::components::error_panel::boundary_fallback;
use crate::components::profile_view::PublicProfile;
use crate::components::require_auth::RequireAuth;
use crate::components::skeleton::ProfileSkeleton;
use crate::i18n::{t, Msg};
use crate::network::retry_when_back_online;
use crate::pages::not_found::NotFound;
use crate::profile::Profile;
use crate::router::{use_location, Redirect};
use crate::session::use_session;
use crate::title::use_title;
use leptos::prelude::*;

/// `/users/:id` takes only a positive decimal id; anything else is a page that does not exist.
pub fn parse_user_id(raw: &str) -> Option<u64> {
    (!raw.is_empty() && raw.len() <= 19 && raw.bytes().all(|b| b.is_ascii_digit()))
        .then(|| raw.parse().ok())
        .flatten()
        .filter(|id| *id > 0)
}

/// What `/users/:id` shows.
#[derive(Debug, Clone, PartialEq)]
enum Shown {
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
    let location = use_location();
    let id = Memo::new(move |_| location.path().strip_prefix("/users/").and_then(parse_user_id));
    let shown = LocalResource::new(move || {
        let (id, me) = (id.get(), session.user_id());
        async move {
            match id {
                None => Ok(Shown::NoSuchUser),
                Some(id) if Some(id) == me => Ok(Shown::Me),
                Some(id) => match api::user(session, id).await {
                    Ok(profile) => Ok(Shown::Someone(Box::new(profile))),
                    Err(ApiError::NotFound) => Ok(Shown::NoSuchUser),
                    Err(e) => Err(e),
                },
            }
        }
    });
    let retry = Callback::new(move |()| shown.refetch());
    retry_when_back_online(move || shown.get().is_some_and(|p| p.is_err()), move || shown.refetch());
    use_title(move || match shown.get() {
        Some(Ok(Shown::Someone(profile))) => Some(profile.name()),
        Some(Ok(Shown::NoSuchUser)) => Some(t(Msg::PageNotFound)),
        _ => None,
    });
    // One Transition for every id: moving to another user keeps this page up until theirs
    // has loaded, rather than flashing the skeleton.
    view! {
        <Transition fallback=ProfileSkeleton>
            <ErrorBoundary fallback=move |errors| boundary_fallback(errors, retry)>
                {move || Suspend::new(async move {
                    shown.await.map(|shown| match shown {
                        Shown::Someone(profile) => view! { <PublicProfile profile=*profile/> }.into_any(),
                        Shown::Me => view! {
                            <Redirect path="/me"/>
                        }.into_any(),
                        Shown::NoSuchUser => view! { <NotFound/> }.into_any(),
                    })
                })}
            </ErrorBoundary>
        </Transition>
    }
}

#[cfg(test)]
mod tests {
    use super::parse_user_id;

    #[test]
    fn user_ids() {
        assert_eq!(parse_user_id("18"), Some(18));
        for bad in ["", "0", "abc", "18abc", "-1", "+1", " 1", "1.0", "99999999999999999999"] {
            assert_eq!(parse_user_id(bad), None, "{bad}");
        }
    }
}
