//! The address bar as signals, for the app's five pages: in-app links change it without a
//! reload, the back and forward buttons are followed, and `Redirect` replaces the entry.
//! This is all of routing the app needs; leptos_router, which did it before, cost ~20 KB
//! of the bundle's brotli bytes for features the app never used (README).

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Where the app is: the path and the query string (without `?`).
#[derive(Clone, Copy)]
pub struct Location {
    path: RwSignal<String>,
    query: RwSignal<String>,
}

impl Location {
    /// The path, e.g. `/users/18` (tracked).
    pub fn path(&self) -> String {
        self.path.get()
    }

    /// A query parameter, percent-decoded (read once: pages take it when they open).
    pub fn query_param(&self, name: &str) -> Option<String> {
        self.query.with_untracked(|q| query_param(q, name))
    }

    /// Path and query, as a `next=` value for sign-in.
    pub fn here(&self) -> String {
        let (path, query) = (self.path.get_untracked(), self.query.get_untracked());
        if query.is_empty() {
            path
        } else {
            [path.as_str(), "?", &query].concat()
        }
    }

    fn set_from_window(&self) {
        let location = window().location();
        let path = location.pathname().unwrap_or_else(|_| "/".into());
        // `/users/18/` is `/users/18`.
        let path = match path.strip_suffix('/') {
            Some(trimmed) if !trimmed.is_empty() => trimmed.to_string(),
            _ => path,
        };
        self.path.set(path);
        self.query.set(location.search().unwrap_or_default().trim_start_matches('?').to_string());
    }
}

/// `name`'s value in `query` (`a=1&next=%2Fme`), decoded; the first if repeated.
pub fn query_param(query: &str, name: &str) -> Option<String> {
    query.split('&').filter_map(|pair| pair.split_once('=')).find(|(k, _)| *k == name).map(|(_, v)| decode(v))
}

/// `%2F` → `/`, `+` → space; invalid escapes are kept as written.
fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(high), Some(low)) => {
                    out.push((high * 16 + low) as u8);
                    i += 3;
                    continue;
                }
                _ => out.push(b'%'),
            },
            b'+' => out.push(b' '),
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

thread_local! {
    /// The app's location, for `navigate` from anywhere (event handlers, tasks).
    static CURRENT: std::cell::Cell<Option<Location>> = const { std::cell::Cell::new(None) };
}

/// Starts following the address bar; call once, in the app's root.
pub fn provide_location() -> Location {
    let location = Location { path: RwSignal::new(String::new()), query: RwSignal::new(String::new()) };
    location.set_from_window();
    CURRENT.set(Some(location));
    let back_forward = window_event_listener(leptos::ev::popstate, move |_| location.set_from_window());
    // Bubble phase, after anything that may have stopped the click (the unsaved-changes
    // question, for one).
    let clicks = window_event_listener(leptos::ev::click, move |ev| {
        if let Some(href) = in_app_link(&ev) {
            ev.prevent_default();
            navigate(&href, false);
        }
    });
    on_cleanup(move || {
        back_forward.remove();
        clicks.remove();
    });
    provide_context(location);
    location
}

pub fn use_location() -> Location {
    use_context::<Location>().expect("provide_location() runs in the app's root")
}

/// The `href` of a plain left click on a link to a page of this app, if that is what `ev` is.
pub(crate) fn in_app_link(ev: &web_sys::MouseEvent) -> Option<String> {
    if ev.default_prevented() || ev.button() != 0 || ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key() {
        return None;
    }
    let link = ev.target()?.dyn_into::<web_sys::Element>().ok()?.closest("a[href]").ok()??;
    let external = link.has_attribute("download")
        || link.get_attribute("target").is_some_and(|t| t != "_self")
        || link.get_attribute("rel").is_some_and(|r| r.split_whitespace().any(|r| r == "external"));
    let href = link.get_attribute("href")?;
    // Paths of this origin only (not `//host`), and not the skip link's `#main`.
    (!external && href.starts_with('/') && !href.starts_with("//")).then_some(href)
}

/// Goes to `to` (a path of this app, with any query) as a new history entry, or in place of
/// the current one with `replace`.
pub fn navigate(to: &str, replace: bool) {
    let Ok(history) = window().history() else { return };
    // The page already shown is not a new entry (Back would have to be pressed twice).
    let here = window().location();
    let replace = replace || [here.pathname().unwrap_or_default(), here.search().unwrap_or_default()].concat() == to;
    let pushed = if replace {
        history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(to))
    } else {
        history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(to))
    };
    if pushed.is_ok() {
        if !replace {
            window().scroll_to_with_x_and_y(0.0, 0.0);
        }
        if let Some(location) = CURRENT.get() {
            location.set_from_window();
        }
    }
}

/// Sends the student to `path` when shown, replacing this entry in the history.
#[component]
pub fn Redirect(#[prop(into)] path: String) -> impl IntoView {
    // Right after this render (a navigation inside one would redraw what is being drawn),
    // before the browser paints.
    queue_microtask(move || navigate(&path, true));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_parameters_are_found_and_decoded() {
        assert_eq!(query_param("next=%2Fme%2Fedit%3Fx%3D1", "next").as_deref(), Some("/me/edit?x=1"));
        assert_eq!(query_param("a=1&field=phone", "field").as_deref(), Some("phone"));
        assert_eq!(query_param("a=1&a=2", "a").as_deref(), Some("1"));
        assert_eq!(query_param("", "next"), None);
        assert_eq!(query_param("next", "next"), None);
        assert_eq!(query_param("q=a+b%20c", "q").as_deref(), Some("a b c"));
        assert_eq!(query_param("q=100%", "q").as_deref(), Some("100%"));
        assert_eq!(query_param("q=%zz%E0%A4%B9", "q").as_deref(), Some("%zzह"));
    }
}
