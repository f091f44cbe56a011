//! Whether the app has a connection, as signals pages can follow: shown as a notice, and
//! used to retry what failed once the connection returns. The browser's own belief
//! (`navigator.onLine`, the `online` event) is not enough: a phone with mobile data but no
//! signal, or some engines under test, say "online" while nothing gets through. So when a
//! request gets no answer at all and a second ask does not either, that counts as offline
//! too, and from then on Testpress is asked now and then (`probe`) until it answers, which
//! counts as the connection's return.

use leptos::prelude::*;
use std::cell::Cell;
use std::time::Duration;

/// A request sent the moment the connection returns often fails too (the network is still
/// coming up): pages still failing try again a little later, twice.
const RETRIES_AFTER_RETURN: [Duration; 2] = [Duration::from_secs(2), Duration::from_secs(5)];
/// The waits between asks while nothing gets through, the last repeated.
const PROBE_WAITS_MS: [u64; 4] = [3_000, 5_000, 10_000, 20_000];

#[derive(Clone, Copy)]
pub struct Network {
    /// `navigator.onLine`: "offline" is reliable, "online" only means some network is there.
    browser_online: RwSignal<bool>,
    /// The last request to Testpress got an answer (any status); `false` after one got none.
    answered: RwSignal<bool>,
    /// Counts the returns of the connection (and the retries soon after); pages that failed
    /// offline retry when it moves.
    returns: RwSignal<u32>,
}

thread_local! {
    // The app's one Network, for the transport's reports (they come from outside any view).
    static SHARED: Cell<Option<Network>> = const { Cell::new(None) };
    // A probe is on its way: another request's failure meanwhile starts no second one.
    static PROBING: Cell<bool> = const { Cell::new(false) };
}

impl Network {
    /// The browser's own belief (tracked): "offline" is reliable, "online" only means some
    /// network is there.
    pub fn online(&self) -> bool {
        self.browser_online.get()
    }

    pub fn online_untracked(&self) -> bool {
        self.browser_online.get_untracked()
    }

    /// Whether the browser says it is online and requests get answers (tracked): what a
    /// notice should call "offline" when false.
    pub fn connected(&self) -> bool {
        self.browser_online.get() && self.answered.get()
    }

    /// Changes each time the connection comes back (tracked).
    pub fn returns(&self) -> u32 {
        self.returns.get()
    }

    fn came_back(self) {
        self.returns.update(|n| *n = n.wrapping_add(1));
        for later in RETRIES_AFTER_RETURN {
            set_timeout(move || _ = self.returns.try_update(|n| *n = n.wrapping_add(1)), later);
        }
    }
}

/// From the transport (`api::on_answers`), after every request to Testpress: whether any
/// answer came back (a cancelled request says nothing). One request without an answer may
/// be that request's own trouble: Testpress is asked at once (`probe`), and only if that
/// goes unanswered too is the app offline.
fn heard(answered: bool) {
    let Some(network) = SHARED.with(Cell::get) else { return };
    match (answered, network.answered.try_get_untracked()) {
        (true, Some(false)) => {
            network.answered.set(true);
            if network.browser_online.get_untracked() {
                network.came_back();
            }
        }
        (false, Some(true)) if !PROBING.with(Cell::get) => probe(network, None),
        _ => {}
    }
}

/// Asks Testpress for its (small, public) settings: at once (`attempt` `None`), or after a
/// wait while nothing gets through, again and again until it answers (the answer's
/// `heard(true)` is the return). Waits, without asking, while the browser says offline (its
/// `online` event will say when) or the tab is hidden.
fn probe(network: Network, attempt: Option<usize>) {
    let wait = attempt.map_or(0, |a| PROBE_WAITS_MS[a.min(PROBE_WAITS_MS.len() - 1)]);
    let next = attempt.map_or(0, |a| a + 1);
    set_timeout(
        move || {
            if attempt.is_some() && network.answered.try_get_untracked() != Some(false) {
                return;
            }
            if document().hidden() || !network.browser_online.get_untracked() {
                return probe(network, Some(next));
            }
            PROBING.with(|p| p.set(true));
            leptos::task::spawn_local(async move {
                let unanswered = matches!(
                    crate::api::institute_settings().await,
                    Err(crate::api::ApiError::Network | crate::api::ApiError::Timeout)
                );
                PROBING.with(|p| p.set(false));
                match network.answered.try_get_untracked() {
                    Some(true) if unanswered => network.answered.set(false),
                    Some(false) => {}
                    _ => return,
                }
                if unanswered {
                    probe(network, Some(next));
                }
            });
        },
        Duration::from_millis(wait),
    );
}

pub fn provide_network() -> Network {
    // Off wasm (the build's prerendered pages) there is no browser to ask, and web-sys panics.
    let now = !cfg!(target_arch = "wasm32") || web_sys::window().map(|w| w.navigator().on_line()).unwrap_or(true);
    let network =
        Network { browser_online: RwSignal::new(now), answered: RwSignal::new(true), returns: RwSignal::new(0) };
    SHARED.with(|shared| shared.set(Some(network)));
    crate::api::on_answers(heard);
    let went_offline = window_event_listener(leptos::ev::offline, move |_| network.browser_online.set(false));
    let came_back = window_event_listener(leptos::ev::online, move |_| {
        network.browser_online.set(true);
        network.came_back();
    });
    on_cleanup(move || {
        went_offline.remove();
        came_back.remove();
        SHARED.with(|shared| shared.set(None));
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
