//! `/me`: the signed-in student's own profile. The copy kept on this device shows at once,
//! with a line saying it is being updated, until the server's answer takes its place; if
//! the server cannot be asked, the line says why and from when the copy is.

use crate::api::ApiError;
use crate::components::access_problem::access_problem;
use crate::components::error_panel::ErrorPanel;
use crate::components::profile_view::OwnProfile;
use crate::components::require_auth::RequireAuth;
use crate::components::skeleton::ProfileSkeleton;
use crate::current_profile::{use_current_profile, Freshness, ProfileState};
use crate::i18n::{dates, t, tf, tr, Msg};
use crate::network::{retry_when_back_online, use_network};
use crate::profile::Profile;
use crate::title::use_title;
use leptos::prelude::*;

#[component]
pub fn MePage() -> impl IntoView {
    view! { <RequireAuth><MyProfile/></RequireAuth> }
}

/// One line above the profile, its height kept even when it says nothing, so the profile
/// never moves as it changes: "Updating…" while the kept copy is shown, nothing once the
/// fresh one is, or why the copy stays ("You're offline. This is your profile as of 10:42.").
#[component]
pub fn FreshnessLine() -> impl IntoView {
    let current = use_current_profile();
    let network = use_network();
    let standing = Memo::new(move |_| match current.get() {
        ProfileState::Loaded(loaded) => Some((loaded.freshness, loaded.fetched_at_ms)),
        _ => None,
    });
    let line = move || {
        let (freshness, as_of) = standing.get()?;
        let time = dates::moment(as_of);
        let as_of = [("time", time.as_str())];
        Some(match freshness {
            Freshness::Fresh => return None,
            Freshness::Updating => tr(Msg::Updating).into_any(),
            Freshness::Stale(e) if e.is_connection() => {
                let msg = if network.connected() { Msg::UnreachableCopy } else { Msg::OfflineCopy };
                tf(msg, &as_of).into_any()
            }
            // The server answered, badly: trying again is the student's call.
            Freshness::Stale(_) => view! {
                {tf(Msg::ServerTroubleCopy, &as_of)}
                " "
                <button type="button" class="link-button" on:click=move |_| current.refetch()>{tr(Msg::TryAgain)}</button>
            }
            .into_any(),
        })
    };
    let stale = move || standing.with(|s| matches!(s, Some((Freshness::Stale(_), _))));
    view! { <p class="freshness" class:stale=stale role="status">{line}</p> }
}

#[derive(Debug, Clone, PartialEq)]
enum Screen {
    Loading,
    Failed(ApiError),
    Profile(Box<Profile>),
}

#[component]
fn MyProfile() -> impl IntoView {
    let current = use_current_profile();
    let retry = Callback::new(move |()| current.refetch());
    use_title(move || {
        Some(current.profile().map_or_else(|| t(Msg::MyProfile), |p| tf(Msg::MyProfileTitle, &[("name", &p.name())])))
    });
    // A failure, or the kept copy standing in, is worth replacing once the connection returns.
    retry_when_back_online(move || current.failed(), move || current.refetch());
    // The kept copy and the fresh profile are the same screen: it is redrawn only when the
    // profile itself differs.
    let screen = Memo::new(move |_| match current.get() {
        ProfileState::Failed(e) => Screen::Failed(e),
        ProfileState::Loaded(loaded) => Screen::Profile(Box::new(loaded.profile)),
        // Signed out: RequireAuth is on its way to sign-in.
        ProfileState::Loading | ProfileState::SignedOut => Screen::Loading,
    });
    // The benchmark measures navigation start → these marks: the first profile on screen
    // (kept or fresh), and the first fresh one.
    let marked_first = StoredValue::new(false);
    Effect::new(move |done: Option<bool>| {
        if done == Some(true) {
            return true;
        }
        let fresh = matches!(current.get(), ProfileState::Loaded(l) if l.freshness == Freshness::Fresh);
        if fresh {
            crate::perf::mark("profile-fresh");
        }
        fresh
    });
    view! {
        // Always in place (empty while loading), as in the prerendered me.html: the profile
        // then takes the skeleton's place without moving.
        <FreshnessLine/>
        {move || match screen.get() {
            Screen::Loading => view! { <ProfileSkeleton/> }.into_any(),
            Screen::Failed(e) => access_problem(&e, false).unwrap_or_else(|| {
                let transient = e.is_transient();
                view! { <ErrorPanel error=Some(e) retry=transient.then_some(retry) page_heading=true/> }.into_any()
            }),
            Screen::Profile(profile) => {
                if !marked_first.get_value() {
                    marked_first.set_value(true);
                    crate::perf::mark("profile-rendered");
                }
                view! { <OwnProfile profile=*profile/> }.into_any()
            }
        }}
    }
}
