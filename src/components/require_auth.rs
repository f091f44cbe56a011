use crate::nav;
use crate::session::use_session;
use leptos::prelude::*;
use leptos_router::components::Redirect;
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
            let search = location.search.get_untracked();
            let here = if search.is_empty() {
                location.pathname.get_untracked()
            } else {
                format!("{}?{search}", location.pathname.get_untracked())
            };
            view! { <Redirect path=nav::login_url(&here) options=leptos_router::NavigateOptions { replace: true, ..Default::default() }/> }
                .into_any()
        }
    }
}
