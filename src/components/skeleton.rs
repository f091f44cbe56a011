use crate::i18n::{tr, Msg};
use leptos::prelude::*;

/// Holds the profile page's layout while its data loads, so nothing jumps when it arrives.
#[component]
pub fn ProfileSkeleton() -> impl IntoView {
    view! {
        <div class="card" aria-busy="true">
            <span class="visually-hidden" role="status">{tr(Msg::LoadingProfile)}</span>
            <div class="profile-head" aria-hidden="true">
                <span class="avatar-initials avatar-profile skeleton"></span>
                <div>
                    <div class="skeleton skeleton-line medium"></div>
                    <div class="skeleton skeleton-line short"></div>
                </div>
            </div>
            <div aria-hidden="true">
                <div class="skeleton skeleton-line"></div>
                <div class="skeleton skeleton-line medium"></div>
                <div class="skeleton skeleton-line"></div>
                <div class="skeleton skeleton-line short"></div>
            </div>
        </div>
    }
}
