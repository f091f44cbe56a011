use crate::i18n::{t, tr, Msg};
use crate::title::use_title;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn NotFound() -> impl IntoView {
    use_title(|| Some(t(Msg::PageNotFound)));
    view! {
        <section class="card">
            <h1>{tr(Msg::PageNotFound)}</h1>
            <p>{tr(Msg::PageNotFoundText)}</p>
            <p><A href="/">{tr(Msg::GoToProfile)}</A></p>
        </section>
    }
}
