//! `/me`: the signed-in student's own profile, from the network or, offline, the copy kept
//! on this device, with a line saying which and from when.

use crate::components::error_panel::boundary_fallback;
use crate::components::profile_view::OwnProfile;
use crate::components::require_auth::RequireAuth;
use crate::components::skeleton::ProfileSkeleton;
use crate::current_profile::use_current_profile;
use crate::i18n::{dates, t, tf, Msg};
use crate::network::{retry_when_back_online, use_network};
use crate::title::use_title;
use leptos::prelude::*;

#[component]
pub fn MePage() -> impl IntoView {
    view! { <RequireAuth><MyProfile/></RequireAuth> }
}

/// "You're offline. This is your profile as of 10:42." (or, when the device has a network
/// but Testpress cannot be reached, says that instead).
#[component]
pub fn OfflineCopyNotice(as_of: f64) -> impl IntoView {
    let network = use_network();
    view! {
        <p class="alert alert-info" role="status">
            {move || {
                let msg = if network.online() { Msg::UnreachableCopy } else { Msg::OfflineCopy };
                tf(msg, &[("time", &dates::moment(as_of))])
            }}
        </p>
    }
}

#[component]
fn MyProfile() -> impl IntoView {
    let current = use_current_profile();
    let retry = Callback::new(move |()| current.refetch());
    use_title(move || {
        Some(current.profile().map_or_else(|| t(Msg::MyProfile), |p| tf(Msg::MyProfileTitle, &[("name", &p.name())])))
    });
    // A failure, or the kept copy, is worth replacing as soon as the connection returns.
    retry_when_back_online(
        move || current.get().is_some_and(|a| a.map_or(true, |l| l.is_some_and(|l| l.offline_as_of.is_some()))),
        move || current.refetch(),
    );
    view! {
        <Transition fallback=ProfileSkeleton>
            <ErrorBoundary fallback=move |errors| boundary_fallback(errors, retry)>
                {move || Suspend::new(async move {
                    current.resource().await.map(|loaded| loaded.map(|loaded| {
                        // The benchmark measures navigation start → this mark.
                        crate::perf::mark("profile-rendered");
                        view! {
                            {loaded.offline_as_of.map(|as_of| view! { <OfflineCopyNotice as_of/> })}
                            <OwnProfile profile=loaded.profile/>
                        }
                    }))
                })}
            </ErrorBoundary>
        </Transition>
    }
}
