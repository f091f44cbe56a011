use crate::components::dead_end::DeadEnd;
use crate::i18n::Msg;
use crate::route::Route;
use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    view! { <DeadEnd title=Msg::PageNotFound text=Msg::PageNotFoundText to=Route::Home/> }
}

/// `/users/{id}` when the API knows no such student (a 404, or an id that is no number).
#[component]
pub fn NoSuchStudent() -> impl IntoView {
    view! { <DeadEnd title=Msg::NoSuchStudent text=Msg::NoSuchStudentText to=Route::Me/> }
}
