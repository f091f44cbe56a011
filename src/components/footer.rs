//! The footer on every page, sign-in included: the language picker.

use crate::i18n::{self, tr, Lang, Msg};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn Footer() -> impl IntoView {
    let failed = RwSignal::new(false);
    let select = NodeRef::<leptos::html::Select>::new();
    let choose = move |ev: leptos::ev::Event| {
        let Some(lang) = Lang::from_code(&event_target_value(&ev)) else { return };
        failed.set(false);
        spawn_local(async move {
            if i18n::switch(lang).await.is_err() {
                failed.set(true);
                // Back to the language still shown.
                if let Some(select) = select.get_untracked() {
                    select.set_value(i18n::lang_untracked().code());
                }
            }
        });
    };
    view! {
        <footer class="site-footer">
            <div class="field field-inline">
                <label for="language">{tr(Msg::Language)}</label>
                <select id="language" node_ref=select autocomplete="off" prop:value=move || i18n::lang().code() on:change=choose>
                    {Lang::ALL.into_iter().map(|lang| view! {
                        <option value=lang.code() lang=lang.code()>{lang.native_name()}</option>
                    }).collect_view()}
                </select>
            </div>
            <p class="field-error" role="status">
                {move || failed.get().then(|| i18n::t(Msg::LanguageUnavailable))}
            </p>
        </footer>
    }
}
