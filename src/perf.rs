//! Marks on the page's performance timeline, read by the benchmark (scripts/bench.mjs).

/// Records `name` at the current time (relative to navigation start).
pub fn mark(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark(name);
    }
}
