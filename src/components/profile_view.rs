//! How a profile reads: the student's own (every field) and someone else's (public only).

use crate::components::avatar::{Avatar, AvatarSize};
use crate::profile::{human_date, Profile};
use leptos::prelude::*;
use leptos_router::components::A;

const NOT_PROVIDED: &str = "Not provided";

/// A `<dt>`/`<dd>` pair; an empty value reads "Not provided" rather than leaving a blank.
fn detail(label: &'static str, value: String) -> impl IntoView {
    let empty = value.trim().is_empty();
    view! {
        <dt>{label}</dt>
        <dd class:not-provided=empty>{if empty { NOT_PROVIDED.to_string() } else { value }}</dd>
    }
}

fn head(profile: &Profile) -> impl IntoView {
    let name = profile.name().to_string();
    let username = (!profile.username.is_empty() && profile.username != name).then(|| format!("@{}", profile.username));
    view! {
        <div class="profile-head">
            <Avatar images=profile.images.clone() name=name.clone() size=AvatarSize::Profile/>
            <div>
                <h1>{name}</h1>
                {username.map(|u| view! { <p class="username">{u}</p> })}
            </div>
        </div>
    }
}

/// The signed-in student's own profile.
#[component]
pub fn OwnProfile(profile: Profile) -> impl IntoView {
    let birth_date = human_date(&profile.birth_date).unwrap_or_else(|| profile.birth_date.clone());
    let address = [profile.address1.as_str(), profile.address2.as_str()]
        .into_iter()
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    let batches = profile.batches.clone();
    view! {
        <section class="card">
            {head(&profile)}
            <p class="actions"><A href="/me/edit" attr:class="button">"Edit profile"</A></p>
        </section>
        <section class="card" aria-labelledby="details-heading">
            <h2 id="details-heading">"Details"</h2>
            <dl class="details">
                {detail("Username", profile.username.clone())}
                {detail("Email", profile.email.clone())}
                {detail("Phone", profile.phone.clone())}
                {detail("Birth date", birth_date)}
                {detail("Gender", profile.gender.map(|g| g.label().to_string()).unwrap_or_default())}
                {detail("Address", address)}
                {detail("City", profile.city.clone())}
                {detail("State", profile.state.clone())}
                {detail("PIN code", profile.zip.clone())}
            </dl>
        </section>
        <section class="card" aria-labelledby="batches-heading">
            <h2 id="batches-heading">"Batches"</h2>
            {if batches.is_empty() {
                view! { <p class="not-provided">"Not in any batch yet."</p> }.into_any()
            } else {
                view! { <ul class="batches">{batches.into_iter().map(|b| view! { <li>{b}</li> }).collect_view()}</ul> }.into_any()
            }}
        </section>
    }
}

/// Someone's public page: name, username and photo only.
#[component]
pub fn PublicProfile(profile: Profile) -> impl IntoView {
    view! {
        <section class="card">
            {head(&profile)}
            <p class="not-provided">"Only public details are shown."</p>
        </section>
    }
}
