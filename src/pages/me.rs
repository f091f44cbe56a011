use crate::app::CurrentProfile;
use crate::components::error_panel::boundary_fallback;
use crate::components::profile_view::OwnProfile;
use crate::components::require_auth::RequireAuth;
use crate::components::skeleton::ProfileSkeleton;
use leptos::prelude::*;

#[component]
pub fn MePage() -> impl IntoView {
    view! { <RequireAuth><MyProfile/></RequireAuth> }
}

#[component]
fn MyProfile() -> impl IntoView {
    let CurrentProfile(current) = expect_context();
    let retry = Callback::new(move |()| current.refetch());
    view! {
        <Transition fallback=ProfileSkeleton>
            <ErrorBoundary fallback=move |errors| boundary_fallback(errors, retry)>
                {move || Suspend::new(async move {
                    current.await.map(|profile| profile.map(|profile| {
                        // The benchmark measures navigation start → this mark.
                        crate::perf::mark("profile-rendered");
                        view! { <OwnProfile profile/> }
                    }))
                })}
            </ErrorBoundary>
        </Transition>
    }
}
