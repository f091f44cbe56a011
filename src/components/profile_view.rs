//! How a profile reads: the student's own (every field, each empty one with a way to add
//! it) and someone else's (public only).

use crate::components::avatar::{Avatar, AvatarSize};
use crate::edit_form::Field;
use crate::i18n::{dates, t, tf, tr, Msg};
use crate::institute_settings_state::use_institute_settings;
use crate::profile::{state_display_name, Profile};
use crate::route::Route;
use leptos::prelude::*;

/// A `<dt>`/`<dd>` pair. An empty value reads "Not provided" rather than leaving a blank,
/// and, when `field` says which form field holds it, offers "Add", which opens the edit
/// form with that field focused.
fn detail(
    label: Msg,
    value: impl Fn() -> String + Send + Sync + Clone + 'static,
    field: Option<Field>,
    editable: Signal<bool>,
) -> impl IntoView {
    let empty = value().trim().is_empty();
    view! {
        <dt>{tr(label)}</dt>
        <dd class:not-provided=empty>
            {if empty {
                view! {
                    <span>{tr(Msg::NotProvided)}</span>
                    {move || field.filter(|_| editable.get()).map(|field| view! {
                        " "
                        <a
                            href=Route::Edit { field: Some(field) }.href()
                            class="add-link"
                            aria-label=move || tf(Msg::AddField, &[("field", &t(label))])
                        >
                            {tr(Msg::Add)}
                        </a>
                    })}
                }
                .into_any()
            } else {
                value.into_any()
            }}
        </dd>
    }
}

/// Longer than a phone's line holds at the usual heading size (about 14 letters at 320 px).
fn has_long_word(name: &str) -> bool {
    name.split_whitespace().any(|word| word.chars().count() > 14)
}

fn head(profile: &Profile) -> impl IntoView {
    let name = profile.name();
    let long = has_long_word(&name);
    let username =
        (!profile.username.is_empty() && profile.username != name).then(|| ["@", &profile.username].concat());
    view! {
        <div class="profile-head">
            <Avatar images=profile.images.clone() name=name.clone() size=AvatarSize::Profile/>
            <div class="profile-names">
                <h1 class:long-name=long>{name}</h1>
                {username.map(|u| view! { <p class="username">{u}</p> })}
            </div>
        </div>
    }
}

/// The signed-in student's own profile.
#[component]
pub fn OwnProfile(profile: Profile) -> impl IntoView {
    let text = |value: &str| {
        let value = value.to_string();
        move || value.clone()
    };
    let birth_date = {
        let raw = profile.birth_date.clone();
        move || dates::birth_date(&raw).unwrap_or_else(|| raw.clone())
    };
    let gender = {
        let gender = profile.gender;
        move || gender.map(|g| g.label()).unwrap_or_default()
    };
    let address = [profile.address1.as_str(), profile.address2.as_str()]
        .into_iter()
        .filter(|line| !line.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    let batches = profile.batches.clone();
    // The institute may have turned editing off: then nothing here leads to the form.
    let settings = use_institute_settings();
    let editable = Signal::derive(move || settings.with(|s| s.allow_profile_edit));
    view! {
        <div class="profile-layout">
            <section class="card profile-card">
                {head(&profile)}
                {move || editable.get().then(|| view! {
                    <p class="actions"><a href=Route::Edit { field: None }.href() class="button">{tr(Msg::EditProfile)}</a></p>
                })}
            </section>
            <div class="profile-main">
                <section class="card" aria-labelledby="details-heading">
                    <h2 id="details-heading">{tr(Msg::Details)}</h2>
                    <dl class="details">
                        {detail(Msg::Username, text(&profile.username), None, editable)}
                        {detail(Msg::Email, text(&profile.email), None, editable)}
                        {detail(Msg::Phone, text(&profile.phone), Some(Field::Phone), editable)}
                        {detail(Msg::BirthDate, birth_date, Some(Field::BirthDate), editable)}
                        {detail(Msg::Gender, gender, Some(Field::Gender), editable)}
                        {detail(Msg::Address, text(&address), Some(Field::Address1), editable)}
                        {detail(Msg::City, text(&profile.city), Some(Field::City), editable)}
                        {detail(Msg::State, text(state_display_name(&profile.state)), Some(Field::State), editable)}
                        {detail(Msg::PinCode, text(&profile.zip), Some(Field::Zip), editable)}
                    </dl>
                </section>
                <section class="card" aria-labelledby="batches-heading">
                    <h2 id="batches-heading">{tr(Msg::Batches)}</h2>
                    {if batches.is_empty() {
                        view! { <p class="not-provided">{tr(Msg::NoBatches)}</p> }.into_any()
                    } else {
                        view! { <ul class="batches">{batches.into_iter().map(|b| view! { <li>{b}</li> }).collect_view()}</ul> }.into_any()
                    }}
                </section>
            </div>
        </div>
    }
}

/// Someone's public page: name, username and photo only.
#[component]
pub fn PublicProfile(profile: Profile) -> impl IntoView {
    view! {
        <section class="card">
            {head(&profile)}
            <p class="not-provided">{tr(Msg::OnlyPublicDetails)}</p>
        </section>
    }
}
