//! A page with nothing to show but why, and the way on: a heading that names it (also the
//! tab's title), a sentence, and one link.

use crate::i18n::{t, tr, Msg};
use crate::route::Route;
use crate::title::use_title;
use leptos::prelude::*;

#[component]
pub fn DeadEnd(
    title: Msg,
    text: Msg,
    /// Where its link ("Go to your profile") leads.
    to: Route,
    /// A narrow card (beside a form's width) rather than the page's.
    #[prop(optional)]
    narrow: bool,
) -> impl IntoView {
    use_title(move || Some(t(title)));
    view! {
        <section class=if narrow { "card card-narrow" } else { "card" }>
            <h1>{tr(title)}</h1>
            <p>{tr(text)}</p>
            <p><a href=to.href()>{tr(Msg::GoToProfile)}</a></p>
        </section>
    }
}
