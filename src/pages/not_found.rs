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
