use crate::api::{self, ApiError};
use crate::components::error_panel::boundary_fallback;
use crate::components::profile_view::PublicProfile;
use crate::components::require_auth::RequireAuth;
use crate::components::skeleton::ProfileSkeleton;
use crate::pages::not_found::NotFound;
use crate::session::use_session;
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_params_map;

/// `/users/:id` takes only a positive decimal id; anything else is a page that does not exist.
pub fn parse_user_id(raw: &str) -> Option<u64> {
    (!raw.is_empty() && raw.len() <= 19 && raw.bytes().all(|b| b.is_ascii_digit()))
        .then(|| raw.parse().ok())
        .flatten()
        .filter(|id| *id > 0)
}

#[component]
pub fn UserPage() -> impl IntoView {
    view! { <RequireAuth><UserProfile/></RequireAuth> }
}

#[component]
fn UserProfile() -> impl IntoView {
    let session = use_session();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id")).as_deref().and_then(parse_user_id));
    let is_me = Memo::new(move |_| id.get().is_some() && id.get() == session.user_id());
    let user = LocalResource::new(move || {
        let (id, is_me) = (id.get(), is_me.get());
        async move {
            match id {
                Some(id) if !is_me => api::user(session, id).await.map(Some),
                _ => Ok(None),
            }
        }
    });
    let retry = Callback::new(move |()| user.refetch());
    move || {
        if is_me.get() {
            view! { <Redirect path="/me" options=leptos_router::NavigateOptions { replace: true, ..Default::default() }/> }
                .into_any()
        } else if id.get().is_none() {
            view! { <NotFound/> }.into_any()
        } else {
            view! {
                <Transition fallback=ProfileSkeleton>
                    <ErrorBoundary fallback=move |errors| boundary_fallback(errors, retry)>
                        {move || Suspend::new(async move {
                            match user.await {
                                Ok(Some(profile)) => Ok(view! { <PublicProfile profile/> }.into_any()),
                                Ok(None) => Ok(().into_any()),
                                Err(ApiError::NotFound) => Ok(view! { <NotFound/> }.into_any()),
                                Err(e) => Err(e),
                            }
                        })}
                    </ErrorBoundary>
                </Transition>
            }
            .into_any()
        }
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
