use crate::components::require_auth::RequireAuth;
use leptos::prelude::*;

#[component]
pub fn EditPage() -> impl IntoView {
    view! {
        <RequireAuth>
            <h1>"Edit profile"</h1>
            <p>"Editing arrives with the edit-profile issue."</p>
        </RequireAuth>
    }
}
