//! The language picker, in the header of every page (sign-in included): English, हिन्दी,
//! தமிழ், each named in itself. A choice shows at once, without a reload, and is kept on
//! this device.

use crate::i18n::{self, t, tr, Lang, Msg};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn LanguagePicker() -> impl IntoView {
    let failed = RwSignal::new(false);
    let select = NodeRef::<leptos::html::Select>::new();
    let choose = move |ev: leptos::ev::Event| {
        let Some(lang) = Lang::from_code(&event_target_value(&ev)) else { return };
        failed.set(false);
        spawn_local(async move {
            if i18n::switch(lang).await.is_err() {
                failed.try_set(true);
                // Back to the language still shown.
                if let Some(select) = select.try_get_untracked().flatten() {
                    select.set_value(i18n::lang_untracked().code());
                }
            }
        });
    };
    view! {
        <div class="language">
            <label for="language" class="visually-hidden">{tr(Msg::Language)}</label>
            <select id="language" node_ref=select autocomplete="off" prop:value=move || i18n::lang().code() on:change=choose>
                {Lang::ALL.into_iter().map(|lang| view! {
                    <option value=lang.code() lang=lang.code() selected=lang == i18n::lang_untracked()>{lang.native_name()}</option>
                }).collect_view()}
            </select>
            {move || failed.get().then(|| view! {
                <p class="language-error" role="alert">{t(Msg::LanguageUnavailable)}</p>
            })}
        </div>
    }
}
