use crate::i18n::{t, tr, Msg};
use crate::route::Route;
use crate::title::use_title;
use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    use_title(|| Some(t(Msg::PageNotFound)));
    view! {
        <section class="card">
            <h1>{tr(Msg::PageNotFound)}</h1>
            <p>{tr(Msg::PageNotFoundText)}</p>
            <p><a href=Route::Home.href()>{tr(Msg::GoToProfile)}</a></p>
        </section>
    }
}

/// `/users/{id}` when the API knows no such student (a 404, or an id that is no number).
#[component]
pub fn NoSuchStudent() -> impl IntoView {
    use_title(|| Some(t(Msg::NoSuchStudent)));
    view! {
        <section class="card">
            <h1>{tr(Msg::NoSuchStudent)}</h1>
            <p>{tr(Msg::NoSuchStudentText)}</p>
            <p><a href=Route::Me.href()>{tr(Msg::GoToProfile)}</a></p>
        </section>
    }
}
