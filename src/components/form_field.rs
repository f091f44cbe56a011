//! One labelled field: label, optional hint, the control, and its error, wired together for
//! assistive technology. The control itself is the caller's (input, select, or an input
//! with a button); `described_by` gives it the right `aria-describedby`.

use crate::i18n::{t, tr, Msg};
use leptos::prelude::*;

/// `aria-describedby` for the control of field `id`: its hint (if any), then its error.
pub fn described_by(id: &str, has_hint: bool) -> String {
    if has_hint {
        [id, "-hint ", id, "-error"].concat()
    } else {
        [id, "-error"].concat()
    }
}

#[component]
pub fn FormField(
    id: &'static str,
    label: Msg,
    /// Words of the institute's own in place of `label`, when it has any.
    #[prop(optional)]
    custom_label: Option<Signal<Option<String>>>,
    #[prop(default = None)] hint: Option<Msg>,
    /// The message shown under the control, if any.
    #[prop(into)]
    error: Signal<Option<String>>,
    children: Children,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{move || custom_label.and_then(|c| c.get()).unwrap_or_else(|| t(label))}</label>
            {hint.map(|hint| view! { <p id=[id, "-hint"].concat() class="hint">{tr(hint)}</p> })}
            {children()}
            <p id=[id, "-error"].concat() class="field-error">{move || error.get()}</p>
        </div>
    }
}
