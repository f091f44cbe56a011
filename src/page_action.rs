//! The Action a page runs its requests in (its writes, and reads it runs as actions), so
//! that they end with the page. Leptos runs an Action's future under the owner the Action
//! was made in and keeps that owner alive while it runs: made in the page's own owner, the
//! page would not be cleaned up (nor its requests aborted, src/api/transport.rs) until the
//! answer came. So each of these Actions gets an owner of its own, a child of the caller's:
//! when the page goes, that child is cleaned up with it and whatever is still on its way is
//! aborted.

use leptos::prelude::*;
use std::future::Future;

/// `Action::new_local`, owned as above. Call inside the component that dispatches it.
pub fn page_action<I, O, Fu>(run: impl Fn(&I) -> Fu + 'static) -> Action<I, O>
where
    I: 'static,
    O: 'static,
    Fu: Future<Output = O> + 'static,
{
    let own = Owner::current().unwrap_or_default().child();
    let action = own.with(|| Action::new_local(run));
    // Held until the caller's cleanup, which first cleans up `own` (its child).
    on_cleanup(move || drop(own));
    action
}
