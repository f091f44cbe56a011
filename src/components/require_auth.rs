use crate::nav;
use crate::route::{here, redirect};
use crate::session::use_session;
use leptos::prelude::*;
use leptos_router::hooks::use_location;

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
            // Read as the page is left: after Sign out has already moved to /login, that is
            // where this goes too (with no `next`), rather than back to the page left.
            redirect(nav::sign_in_for(&here(&location))).into_any()
        }
    }
}
