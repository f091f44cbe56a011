//! The page the build wrote into the HTML (drawn by the app's own components,
//! src/bin/prerender.rs) paints before the app runs. When the app mounts it takes over:
//! anything already typed into the prerendered form (and where the caret was) carries
//! over, a password shown with its Show button stays shown, a language chosen in its picker
//! is switched to, a press of its Sign in is carried out, and the prerendered nodes go, in
//! the same task as the mount, so no frame shows both or neither.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlFormElement, HtmlInputElement, HtmlOptionElement, HtmlSelectElement};

const ROOT_ID: &str = "prerendered";

/// What the student typed before the app was ready.
pub struct TypedBeforeStart {
    fields: Vec<(String, String)>,
    /// The focused field's id and selection.
    focus: Option<(String, Option<u32>, Option<u32>)>,
    /// Fields the student revealed with the button that controls them ("Show").
    revealed: Vec<String>,
    /// Pickers the student changed (the language): their id and the value chosen.
    chosen: Vec<(String, String)>,
    /// The student pressed Sign in (or Enter): the early script marks the form
    /// (`data-submitted`, scripts/post-build/early-login.js) and sends nothing itself.
    submitted: bool,
}

fn root() -> Option<Element> {
    web_sys::window()?.document()?.get_element_by_id(ROOT_ID)
}

/// Reads the prerendered form's values, before the app mounts.
pub fn typed() -> TypedBeforeStart {
    let mut typed = TypedBeforeStart {
        fields: Vec::new(),
        focus: None,
        revealed: Vec::new(),
        chosen: Vec::new(),
        submitted: false,
    };
    let Some(root) = root() else { return typed };
    typed.submitted = root.query_selector("form[data-submitted]").ok().flatten().is_some();
    if let Ok(selects) = root.query_selector_all("select[id]") {
        for select in (0..selects.length()).filter_map(|i| selects.item(i)?.dyn_into::<HtmlSelectElement>().ok()) {
            // Only a choice the student made: the page's own `selected` is the build's default.
            let option = select.selected_options().item(0).and_then(|o| o.dyn_into::<HtmlOptionElement>().ok());
            if option.is_some_and(|o| !o.default_selected()) {
                typed.chosen.push((select.id(), select.value()));
            }
        }
    }
    let Ok(inputs) = root.query_selector_all("input[id]") else { return typed };
    let active = web_sys::window().and_then(|w| w.document()).and_then(|d| d.active_element());
    for input in (0..inputs.length()).filter_map(|i| inputs.item(i)?.dyn_into::<HtmlInputElement>().ok()) {
        if active.as_ref().is_some_and(|a| a == input.unchecked_ref::<Element>()) {
            let selection = (input.selection_start().ok().flatten(), input.selection_end().ok().flatten());
            typed.focus = Some((input.id(), selection.0, selection.1));
        }
        if !input.value().is_empty() {
            typed.fields.push((input.id(), input.value()));
        }
        let controlled = root.query_selector(&["button[aria-controls=\"", &input.id(), "\"]"].concat());
        if input.type_() == "text" && controlled.ok().flatten().is_some() {
            typed.revealed.push(input.id());
        }
    }
    typed
}

/// Right after mounting, in the same task: removes the prerendered page, so no frame ever
/// shows both pages, and gives what was typed to the app's own fields (the sign-in page
/// draws them as it mounts), so no key or tap can land in between.
pub fn hand_over(typed: TypedBeforeStart) {
    if let Some(root) = root() {
        root.remove();
    }
    restore(typed);
}

fn restore(typed: TypedBeforeStart) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let input = |id: &str| document.get_element_by_id(id).and_then(|e| e.dyn_into::<HtmlInputElement>().ok());
    for (id, value) in typed.fields {
        if let Some(input) = input(&id) {
            input.set_value(&value);
            // The app's own binding hears it as typing.
            if let Ok(event) = web_sys::Event::new("input") {
                let _ = input.dispatch_event(&event);
            }
        }
    }
    if let Some((id, start, end)) = typed.focus {
        if let Some(input) = input(&id) {
            let _ = input.focus();
            if let (Some(start), Some(end)) = (start, end) {
                let _ = input.set_selection_range(start, end);
            }
        }
    }
    // Switched to through the app's own picker, as if chosen now.
    for (id, value) in typed.chosen {
        let select = document.get_element_by_id(&id).and_then(|e| e.dyn_into::<HtmlSelectElement>().ok());
        if let Some(select) = select.filter(|s| s.value() != value) {
            select.set_value(&value);
            if let Ok(event) = web_sys::Event::new("change") {
                let _ = select.dispatch_event(&event);
            }
        }
    }
    // Shown again by the app's own button, so its label and state agree.
    for id in typed.revealed {
        let button = document.query_selector(&["#main button[aria-controls=\"", &id, "\"]"].concat());
        if let Some(button) = button.ok().flatten().and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok()) {
            button.click();
        }
    }
    // As if pressed now: the app's own form checks the fields and signs in.
    if typed.submitted {
        if let Some(form) =
            document.query_selector("#main form").ok().flatten().and_then(|f| f.dyn_into::<HtmlFormElement>().ok())
        {
            let _ = form.request_submit();
        }
    }
}
