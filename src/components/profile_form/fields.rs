//! The form's fields as state and as controls: one value and one problem signal each, so
//! a keystroke touches only its own input.

use crate::components::form_field::{described_by, FormField};
use crate::edit_form::{check, Field, FormValues, Problem, Ymd};
use crate::i18n::{tr, Msg};
use crate::profile::Gender;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

pub fn today() -> Ymd {
    let now = js_sys::Date::new_0();
    (now.get_full_year(), now.get_month() + 1, now.get_date())
}

/// One field's state.
#[derive(Clone, Copy)]
pub struct FieldState {
    pub value: RwSignal<String>,
    pub problem: RwSignal<Option<Problem>>,
}

/// Every field's state, in `Field::ALL` order.
#[derive(Clone, Copy)]
pub struct Fields([FieldState; 11]);

impl Fields {
    pub fn new(values: &FormValues) -> Fields {
        Fields(std::array::from_fn(|i| FieldState {
            value: RwSignal::new(values.0[i].clone()),
            problem: RwSignal::new(None),
        }))
    }

    pub fn of(&self, field: Field) -> FieldState {
        self.0[field as usize]
    }

    /// The values as they are now (tracked when `track`).
    pub fn values(&self, track: bool) -> FormValues {
        FormValues(std::array::from_fn(|i| if track { self.0[i].value.get() } else { self.0[i].value.get_untracked() }))
    }

    /// The values, if the form still exists (cleanup may run after its signals are gone).
    pub fn try_values(&self) -> Option<FormValues> {
        let mut values = FormValues::default();
        for (state, value) in self.0.iter().zip(values.0.iter_mut()) {
            *value = state.value.try_get_untracked()?;
        }
        Some(values)
    }

    pub fn set_values(&self, values: &FormValues) {
        for (state, value) in self.0.iter().zip(&values.0) {
            state.value.set(value.clone());
        }
    }

    pub fn clear_problems(&self) {
        self.0.iter().for_each(|s| s.problem.set(None));
    }
}

/// A value the student sees but does not change here (email), with the line saying why.
fn read_only_view(field: Field, state: FieldState) -> AnyView {
    view! {
        <dl class="field">
            <dt class="label">{tr(field.label())}</dt>
            <dd class="read-only-value">{move || state.value.get()}</dd>
            <dd class="hint">{tr(Msg::EmailFixed)}</dd>
        </dl>
    }
    .into_any()
}

pub fn field_view(field: Field, state: FieldState) -> AnyView {
    if !field.editable() {
        return read_only_view(field, state);
    }
    let id = field.api_name();
    let error = Signal::derive(move || state.problem.get().map(|p| p.text()));
    let invalid = move || state.problem.with(Option::is_some).to_string();
    let on_input = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        // Fixing a field clears its message at once; new messages wait for blur or submit,
        // except going past the length limit, said as it happens (nothing cuts the text).
        let problem = check(field, &text, today());
        if matches!(problem, Some(Problem::TooLong(_))) {
            state.problem.set(problem);
        } else if state.problem.with_untracked(Option::is_some) && problem.is_none() {
            state.problem.set(None);
        }
        state.value.set(text);
    };
    // Checked on leaving the field, unless for one of the form's buttons (Save checks
    // everything anyway, and a message appearing now would move the button from under the
    // pointer mid-click). Blur also fires when the form goes away with a field focused,
    // when the signals may be gone.
    let on_blur = move |ev: leptos::ev::FocusEvent| {
        let to_button = ev
            .related_target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|el| el.tag_name() == "BUTTON" && el.closest("form").ok().flatten().is_some());
        if let (false, Some(value)) = (to_button, state.value.try_get_untracked()) {
            state.problem.try_set(check(field, &value, today()));
        }
    };
    let described = described_by(id, field.hint().is_some());
    let control = match field.input() {
        Some((kind, inputmode)) => view! {
            <input
                id=id
                name=id
                type=kind
                inputmode=inputmode
                autocomplete=field.autocomplete()
                maxlength=field.limits_typing().then(|| field.max_chars())
                aria-required=field.required().then_some("true")
                prop:value=state.value
                on:input=on_input
                on:blur=on_blur
                aria-invalid=invalid
                aria-describedby=described
            />
        }
        .into_any(),
        None => view! {
            <select
                id=id
                name=id
                autocomplete=field.autocomplete()
                aria-required=field.required().then_some("true")
                prop:value=state.value
                on:change=on_input
                on:blur=on_blur
                aria-invalid=invalid
                aria-describedby=described
            >
                {options(field, &state.value.get_untracked())}
            </select>
        }
        .into_any(),
    };
    view! { <FormField id=id label=field.label() hint=field.hint() required=field.required() error>{control}</FormField> }.into_any()
}

/// A select's options. The one matching `initial` is marked `selected`, since a select's
/// value can only be set once its options exist; later changes go through `prop:value`.
/// Gender labels follow the language; state names are the API's.
fn options(field: Field, initial: &str) -> impl IntoView {
    let not_set = view! { <option value="" selected=initial.is_empty()>{tr(Msg::NotSet)}</option> };
    let rest = match field {
        Field::Gender => Gender::ALL
            .into_iter()
            .map(|g| {
                let code = g.code().to_string();
                view! { <option selected=code == initial value=code>{move || g.label()}</option> }.into_any()
            })
            .collect_view(),
        _ => field
            .options()
            .into_iter()
            .map(|(code, label)| view! { <option selected=code == initial value=code>{label}</option> }.into_any())
            .collect_view(),
    };
    (not_set, rest)
}
