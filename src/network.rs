//! Whether the browser has a connection, as signals pages can follow: shown as a notice,
//! and used to retry what failed once the connection returns.

use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct Network {
    online: RwSignal<bool>,
    /// Counts the returns of the connection; pages that failed offline retry when it moves.
    returns: RwSignal<u32>,
}

impl Network {
    /// The browser's own belief (`navigator.onLine`): "offline" is reliable, "online" only
    /// means some network is there.
    pub fn online(&self) -> bool {
        self.online.get()
    }

    pub fn online_untracked(&self) -> bool {
        self.online.get_untracked()
    }

    /// Changes each time the connection comes back (tracked).
    pub fn returns(&self) -> u32 {
        self.returns.get()
    }
}

pub fn provide_network() -> Network {
    let now = web_sys::window().map(|w| w.navigator().on_line()).unwrap_or(true);
    let network = Network { online: RwSignal::new(now), returns: RwSignal::new(0) };
    let went_offline = window_event_listener(leptos::ev::offline, move |_| network.online.set(false));
    let came_back = window_event_listener(leptos::ev::online, move |_| {
        network.online.set(true);
        network.returns.update(|n| *n += 1);
    });
    on_cleanup(move || {
        went_offline.remove();
        came_back.remove();
    });
    provide_context(network);
    network
}

pub fn use_network() -> Network {
    use_context::<Network>().expect("provide_network() runs in the app's root")
}

/// Runs `retry` once each time the connection returns while `failed()` says the page is on
/// an error that a connection could fix.
pub fn retry_when_back_online(failed: impl Fn() -> bool + 'static, retry: impl Fn() + 'static) {
    let network = use_network();
    Effect::new(move |seen: Option<u32>| {
        let returns = network.returns();
        if seen.is_some_and(|seen| seen != returns) && untrack(&failed) {
            retry();
        }
        returns
    });
}
