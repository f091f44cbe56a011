use crate::i18n::{tr, Msg};
use leptos::prelude::*;

/// Holds the profile page's layout while its data loads (the photo and name card, then
/// the details), so nothing jumps when it arrives. The build's prerendered pages are drawn
/// with it too (src/bin/prerender.rs), so they paint it before the app runs.
#[component]
pub fn ProfileSkeleton() -> impl IntoView {
    view! {
        <div class="profile-layout" aria-busy="true">
            <span class="visually-hidden" role="status">{tr(Msg::LoadingProfile)}</span>
            <div class="card profile-card" aria-hidden="true">
                <div class="profile-head">
                    <span class="avatar-initials avatar-profile skeleton"></span>
                    <div class="profile-names">
                        <div class="skeleton skeleton-line skeleton-name"></div>
                        <div class="skeleton skeleton-line short"></div>
                    </div>
                </div>
            </div>
            <div class="profile-main" aria-hidden="true">
                <div class="card">
                    <div class="skeleton skeleton-line"></div>
                    <div class="skeleton skeleton-line medium"></div>
                    <div class="skeleton skeleton-line"></div>
                    <div class="skeleton skeleton-line short"></div>
                </div>
            </div>
        </div>
    }
}
