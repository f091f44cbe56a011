//! The app's own words in English, Hindi and Tamil.
//!
//! English is compiled in (`messages.rs`) and is the fallback for any missing key. Hindi and
//! Tamil are JSON catalogues keyed by message id (`locales/*.json`), copied beside the app
//! under content-hashed names by the build hook and fetched only when chosen, so English
//! readers download none of them. What comes from the API (names, batches, states, the
//! server's own messages) is shown as it is.

pub mod dates;
mod messages;

pub use messages::Msg;

use leptos::prelude::*;
use std::cell::RefCell;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    Hi,
    Ta,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Hi, Lang::Ta];

    /// The BCP 47 code, for `<html lang>` and `Intl`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Hi => "hi",
            Lang::Ta => "ta",
        }
    }

    /// The language's name in itself, as the picker shows it.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Hi => "हिन्दी",
            Lang::Ta => "தமிழ்",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }

    /// The first of the browser's languages that the app speaks (`hi-IN` → Hindi, `ta` →
    /// Tamil, `en-GB` → English), else English.
    pub fn from_browser<'a>(preferred: impl IntoIterator<Item = &'a str>) -> Lang {
        preferred
            .into_iter()
            .find_map(|tag| {
                let primary = tag.split(['-', '_']).next().unwrap_or_default().to_ascii_lowercase();
                Lang::from_code(&primary)
            })
            .unwrap_or_default()
    }
}

/// A translation: one entry per `Msg`, in `Msg::ALL` order; `None` falls back to English.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Catalogue(Vec<Option<String>>);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotACatalogue;

impl Catalogue {
    /// Reads `{"MessageId": "text", …}`. Unknown ids are ignored (an older app reading a
    /// newer file); a missing or empty one falls back to English.
    pub fn parse(text: &str) -> Result<Catalogue, NotACatalogue> {
        let map: crate::lenient::TextMap = crate::lenient::parse(text).map_err(|_| NotACatalogue)?;
        let text_of = |m: &Msg| map.get(m.key()).filter(|s| !s.trim().is_empty());
        Ok(Catalogue(Msg::ALL.iter().map(|m| text_of(m).map(str::to_string)).collect()))
    }

    fn get(&self, msg: Msg) -> Option<&str> {
        self.0.get(msg as usize)?.as_deref()
    }
}

struct State {
    lang: ArcRwSignal<Lang>,
    catalogue: ArcRwSignal<Catalogue>,
}

thread_local! {
    // One app per page: the language is global, like the page's own `lang` attribute.
    static STATE: RefCell<Option<State>> = const { RefCell::new(None) };
    static LATEST_CHOICE: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

fn with_state<T>(f: impl FnOnce(&State) -> T) -> T {
    STATE.with(|cell| {
        let mut cell = cell.borrow_mut();
        let state =
            cell.get_or_insert_with(|| State { lang: ArcRwSignal::new(Lang::En), catalogue: ArcRwSignal::default() });
        f(state)
    })
}

/// The language being shown (tracked: views re-render when it changes).
pub fn lang() -> Lang {
    with_state(|s| s.lang.clone()).get()
}

pub fn lang_untracked() -> Lang {
    with_state(|s| s.lang.clone()).get_untracked()
}

/// Shows `lang`, with its catalogue (`None` for English). Updates `<html lang>` too.
pub fn install(lang: Lang, catalogue: Option<Catalogue>) {
    let (lang_signal, catalogue_signal) = with_state(|s| (s.lang.clone(), s.catalogue.clone()));
    let (lang, catalogue) = match (lang, catalogue) {
        (Lang::En, _) | (_, None) => (Lang::En, Catalogue::default()),
        (lang, Some(catalogue)) => (lang, catalogue),
    };
    catalogue_signal.set(catalogue);
    lang_signal.set(lang);
    #[cfg(target_arch = "wasm32")]
    if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = root.set_attribute("lang", lang.code());
    }
}

/// Where a choice made in the language picker is remembered on this device (not personal
/// data: it stays after signing out).
const CHOICE_KEY: &str = "testpress.lang";

/// The language to start in: the one chosen on this device, else the browser's first that
/// the app speaks.
pub fn initial() -> Lang {
    let chosen =
        crate::storage::local().and_then(|s| crate::storage::get(&s, CHOICE_KEY)).and_then(|c| Lang::from_code(&c));
    chosen.unwrap_or_else(|| {
        let languages: Vec<String> = web_sys::window()
            .map(|w| w.navigator().languages().iter().filter_map(|l| l.as_string()).collect())
            .unwrap_or_default();
        Lang::from_browser(languages.iter().map(String::as_str))
    })
}

/// The catalogue's address, which the build hook writes into `index.html` with its hash.
fn catalogue_url(lang: Lang) -> Option<String> {
    let selector = ["meta[name=\"testpress-locale-", lang.code(), "\"]"].concat();
    document().query_selector(&selector).ok().flatten()?.get_attribute("content").filter(|u| u.starts_with('/'))
}

/// The catalogue for `lang`: `None` for English, which is built in.
pub async fn fetch_catalogue(lang: Lang) -> Result<Option<Catalogue>, NotACatalogue> {
    if lang == Lang::En {
        return Ok(None);
    }
    let url = catalogue_url(lang).ok_or(NotACatalogue)?;
    let text = crate::own_files::get_text(&url).await.ok_or(NotACatalogue)?;
    Catalogue::parse(&text).map(Some)
}

/// At start, before mounting: the first screen is already in the student's language. If
/// its catalogue cannot be had, English (and `<html lang>` says so).
pub async fn start() {
    let lang = initial();
    match fetch_catalogue(lang).await {
        Ok(catalogue) => install(lang, catalogue),
        Err(_) => install(Lang::En, None),
    }
}

/// The picker's choice: shown at once (no reload) and remembered on this device. On
/// failure (offline, say) nothing changes.
pub async fn switch(lang: Lang) -> Result<(), NotACatalogue> {
    // Two quick choices: only the last one counts, whichever catalogue arrives first.
    let ticket = LATEST_CHOICE.with(|n| {
        n.set(n.get().wrapping_add(1));
        n.get()
    });
    let catalogue = fetch_catalogue(lang).await?;
    if LATEST_CHOICE.with(std::cell::Cell::get) != ticket {
        return Ok(());
    }
    install(lang, catalogue);
    if let Some(storage) = crate::storage::local() {
        let _ = storage.set_item(CHOICE_KEY, lang.code());
    }
    Ok(())
}

/// The message in the current language (tracked).
pub fn t(msg: Msg) -> String {
    let (lang, catalogue) = with_state(|s| (s.lang.clone(), s.catalogue.clone()));
    if lang.get() == Lang::En {
        return msg.english().to_string();
    }
    catalogue.with(|c| c.get(msg).unwrap_or(msg.english()).to_string())
}

/// `t`, with each `{name}` replaced by its value.
pub fn tf(msg: Msg, args: &[(&str, &str)]) -> String {
    let mut text = t(msg);
    for (name, value) in args {
        text = text.replace(&["{", name, "}"].concat(), value);
    }
    text
}

/// A reactive text for a view: `{tr(Msg::SignIn)}` follows the language.
pub fn tr(msg: Msg) -> impl Fn() -> String + Copy + Send + Sync + 'static {
    move || t(msg)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn browser_languages_pick_the_first_the_app_speaks() {
        assert_eq!(Lang::from_browser(["hi-IN", "en-US"]), Lang::Hi);
        assert_eq!(Lang::from_browser(["ta"]), Lang::Ta);
        assert_eq!(Lang::from_browser(["fr-FR", "ta-IN"]), Lang::Ta);
        assert_eq!(Lang::from_browser(["en-GB", "hi"]), Lang::En);
        assert_eq!(Lang::from_browser(["de", "", "x-klingon"]), Lang::En);
        assert_eq!(Lang::from_browser([]), Lang::En);
    }

    #[test]
    fn a_catalogue_falls_back_to_english_per_message() {
        let catalogue = Catalogue::parse(r#"{"SignIn": "साइन इन करें", "Username": "  ", "NoSuchKey": "x"}"#).unwrap();
        assert_eq!(catalogue.get(Msg::SignIn), Some("साइन इन करें"));
        assert_eq!(catalogue.get(Msg::Username), None, "blank counts as missing");
        install(Lang::Hi, Some(catalogue));
        assert_eq!(t(Msg::SignIn), "साइन इन करें");
        assert_eq!(t(Msg::Password), Msg::Password.english());
        install(Lang::En, None);
        assert_eq!(t(Msg::SignIn), "Sign in");
        for junk in ["", "[]", "[\"Sign in\"]", "{\"SignIn\": 5}", "{\"SignIn\": null}", "null"] {
            assert_eq!(Catalogue::parse(junk), Err(NotACatalogue), "{junk}");
        }
    }

    #[test]
    fn placeholders_are_filled() {
        install(Lang::En, None);
        assert_eq!(tf(Msg::UseAtMostChars, &[("n", "30")]), "Use at most 30 characters.");
    }

    /// Every catalogue has every message and nothing else, keeps each `{placeholder}`, and
    /// every message is used somewhere in the code.
    #[test]
    fn catalogues_are_complete_and_every_message_is_used() {
        let root = env!("CARGO_MANIFEST_DIR");
        for lang in ["hi", "ta"] {
            let text = std::fs::read_to_string(format!("{root}/locales/{lang}.json")).unwrap();
            let map: std::collections::BTreeMap<String, String> = serde_json::from_str(&text).unwrap();
            for msg in Msg::ALL {
                let translated = map.get(msg.key()).unwrap_or_else(|| panic!("{lang}.json lacks {}", msg.key()));
                assert!(!translated.trim().is_empty(), "{lang}.json: {} is empty", msg.key());
                for placeholder in placeholders(msg.english()) {
                    assert!(translated.contains(&placeholder), "{lang}.json: {} lacks {placeholder}", msg.key());
                }
            }
            for key in map.keys() {
                assert!(Msg::ALL.iter().any(|m| m.key() == key), "{lang}.json has {key}, which the app does not use");
            }
        }
        let mut code = String::new();
        collect_sources(std::path::Path::new(&format!("{root}/src")), &mut code);
        for msg in Msg::ALL {
            let uses = code.matches(&format!("Msg::{}", msg.key())).count();
            assert!(uses > 0, "Msg::{} is never used", msg.key());
        }
    }

    fn placeholders(text: &str) -> Vec<String> {
        text.split('{').skip(1).filter_map(|rest| rest.split_once('}')).map(|(name, _)| format!("{{{name}}}")).collect()
    }

    fn collect_sources(dir: &std::path::Path, out: &mut String) {
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                collect_sources(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("i18n/messages.rs") {
                out.push_str(&std::fs::read_to_string(&path).unwrap());
            }
        }
    }
}
