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
    /// Marked as required in words beside the label (the control says so with `aria-required`).
    #[prop(optional)]
    required: bool,
    /// The message shown under the control, if any.
    #[prop(into)]
    error: Signal<Option<String>>,
    children: Children,
) -> impl IntoView {
    let label_view = view! {
        <label for=id>{move || custom_label.and_then(|c| c.get()).unwrap_or_else(|| t(label))}</label>
    };
    // Beside the label, not in it, so the field's name stays its label; heard from the
    // control's aria-required, so not read twice.
    let label_line = if required {
        view! {
            <div class="label-line">
                {label_view}
                <span class="required-mark" aria-hidden="true">{tr(Msg::Required)}</span>
            </div>
        }
        .into_any()
    } else {
        label_view.into_any()
    };
    view! {
        <div class="field">
            {label_line}
            {hint.map(|hint| view! { <p id=[id, "-hint"].concat() class="hint">{tr(hint)}</p> })}
            {children()}
            <p id=[id, "-error"].concat() class="field-error">{move || error.get()}</p>
        </div>
    }
}
