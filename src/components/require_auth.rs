use crate::nav;
use crate::router::{use_location, Redirect};
use crate::session::use_session;
use leptos::prelude::*;

/// Shows its children to a signed-in student; anyone else goes to sign-in, which brings
/// them back here afterwards. Reacts to signing out (or expiring) while on the page.
#[component]
pub fn RequireAuth(children: ChildrenFn) -> impl IntoView {
    let session = use_session();
    let location = use_location();
    move || {
        if session.signed_in() {
            children().into_any()
        } else {
            view! { <Redirect path=nav::login_url(&location.here())/> }.into_any()
        }
    }
}
