//! Runtime configuration, read once at start from `config.json` beside `index.html`, so one
//! build can be deployed against any Testpress API, under any institute's name.
//!
//! Every entry is checked on its own: a bad one is ignored with a console warning and the
//! rest still apply. Nothing in this file can stop the app from starting.

use crate::brand::Rgb;
use crate::lenient::{self, read, Scalar, Sink};
use serde::de::Deserializer;
use serde::Deserialize;

/// How the institute running the portal presents itself (all optional).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Institute {
    pub name: Option<String>,
    /// Same-origin path (`/logo.svg`) or an https URL.
    pub logo: Option<String>,
    pub color: Option<Rgb>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AppConfig {
    /// `""` for this page's own origin, else an origin like `https://demo.testpress.in`.
    pub api_base: String,
    pub institute: Institute,
    /// Where "Forgot password?" leads; no link without it.
    pub password_reset_url: Option<String>,
}

/// A problem with `config.json`, for the console (developers read these, not students).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigError {
    NotJson,
    /// `api_base` is not a string.
    MissingApiBase,
    /// `api_base` is neither empty nor an http(s) origin.
    BadApiBase(String),
    BadInstitute,
    BadName,
    BadLogo(String),
    BadColor(String),
    BadResetUrl(String),
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ConfigError::NotJson => write!(f, "config.json is not a JSON object; using the defaults"),
            ConfigError::MissingApiBase => {
                write!(f, "config.json has no string \"api_base\"; using the API on this page's own origin")
            }
            ConfigError::BadApiBase(v) => write!(
                f,
                "config.json's api_base {v:?} is not \"\" or an http(s) origin; using the API on this page's own origin"
            ),
            ConfigError::BadInstitute => write!(f, "config.json's institute is not an object; ignored"),
            ConfigError::BadName => write!(f, "config.json's institute.name is not a short text; ignored"),
            ConfigError::BadLogo(v) => {
                write!(f, "config.json's institute.logo {v:?} is not a path on this site or an https URL; ignored")
            }
            ConfigError::BadColor(v) => {
                write!(f, "config.json's institute.color {v:?} is not a #rrggbb colour; ignored")
            }
            ConfigError::BadResetUrl(v) => {
                write!(f, "config.json's password_reset_url {v:?} is not a path on this site or an https URL; ignored")
            }
        }
    }
}

/// `config.json` as written: every entry lenient, so each is judged on its own.
#[derive(Default, Deserialize)]
#[serde(default)]
struct ConfigFile {
    api_base: Scalar,
    institute: InstituteEntry,
    password_reset_url: Scalar,
}

/// `institute`'s entries, each lenient.
#[derive(Default)]
struct InstituteFile {
    name: Scalar,
    logo: Scalar,
    color: Scalar,
}

/// `institute`: absent or `null` (nothing to apply), an object, or something else (a mistake).
#[derive(Default)]
enum InstituteEntry {
    #[default]
    Absent,
    Object(InstituteFile),
    Other,
}

impl Sink for InstituteEntry {
    fn scalar(&mut self, value: Scalar) {
        if value != Scalar::Null {
            *self = InstituteEntry::Other;
        }
    }

    fn start(&mut self, object: bool) {
        *self = if object { InstituteEntry::Object(InstituteFile::default()) } else { InstituteEntry::Other };
    }

    fn member(&mut self, key: &str) -> Option<&mut dyn Sink> {
        let InstituteEntry::Object(institute) = self else { return None };
        let entry: &mut dyn Sink = match key {
            "name" => &mut institute.name,
            "logo" => &mut institute.logo,
            "color" => &mut institute.color,
            _ => return None,
        };
        Some(entry)
    }
}

impl<'de> Deserialize<'de> for InstituteEntry {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<InstituteEntry, D::Error> {
        read(deserializer)
    }
}

/// Reads `config.json`: the configuration, and what was wrong with it (each already
/// replaced by its default).
pub fn parse(text: &str) -> (AppConfig, Vec<ConfigError>) {
    let mut config = AppConfig::default();
    let mut problems = Vec::new();
    let Ok(file) = lenient::parse::<ConfigFile>(text) else {
        return (config, vec![ConfigError::NotJson]);
    };
    match file.api_base.as_str() {
        None => problems.push(ConfigError::MissingApiBase),
        Some(raw) => match normalise_origin(raw) {
            Some(origin) => config.api_base = origin,
            None => problems.push(ConfigError::BadApiBase(raw.to_string())),
        },
    }
    match file.institute {
        InstituteEntry::Absent => {}
        InstituteEntry::Object(institute) => {
            match (&institute.name, institute.name.as_str().map(str::trim)) {
                (Scalar::Missing, _) => {}
                (_, Some(name)) if !name.is_empty() && name.chars().count() <= 80 => {
                    config.institute.name = Some(name.to_string())
                }
                _ => problems.push(ConfigError::BadName),
            }
            if let Some(logo) = institute.logo.as_str().map(str::trim) {
                match safe_link(logo) {
                    Some(url) => config.institute.logo = Some(url),
                    None => problems.push(ConfigError::BadLogo(logo.to_string())),
                }
            }
            if let Some(color) = institute.color.as_str().map(str::trim) {
                match Rgb::parse(color) {
                    Some(rgb) => config.institute.color = Some(rgb),
                    None => problems.push(ConfigError::BadColor(color.to_string())),
                }
            }
        }
        InstituteEntry::Other => problems.push(ConfigError::BadInstitute),
    }
    if let Some(url) = file.password_reset_url.as_str().map(str::trim) {
        match safe_link(url) {
            Some(url) => config.password_reset_url = Some(url),
            None => problems.push(ConfigError::BadResetUrl(url.to_string())),
        }
    }
    (config, problems)
}

/// `""` stays `""`; `https://host[:port][/]` loses its slash; anything else (a path, a query,
/// credentials, another scheme) is refused, so the token can only ever go to an origin.
pub fn normalise_origin(raw: &str) -> Option<String> {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return Some(String::new());
    }
    let without_slash = trimmed.strip_suffix('/').unwrap_or(trimmed);
    let rest = without_slash.strip_prefix("https://").or_else(|| without_slash.strip_prefix("http://"))?;
    let host_ok = !rest.is_empty()
        && rest.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'))
        && !rest.starts_with(':');
    host_ok.then(|| without_slash.to_ascii_lowercase())
}

/// A link the app may load or point to: a path on this site (`/logo.svg`, not `//host`) or
/// an https URL with a host. No other scheme, no spaces or quotes.
pub fn safe_link(raw: &str) -> Option<String> {
    let url = raw.trim();
    let clean = !url.is_empty()
        && url.len() <= 2048
        && !url.chars().any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>' | '\\'));
    let same_site = url.starts_with('/') && !url.starts_with("//");
    let https = url.get(..8).is_some_and(|scheme| scheme.eq_ignore_ascii_case("https://"))
        && url[8..].split('/').next().is_some_and(|host| !host.is_empty() && !host.contains('@'));
    (clean && (same_site || https)).then(|| url.to_string())
}

pub async fn load() -> AppConfig {
    // The loader's request, started beside the wasm's (the browser's cache as usual); the
    // host serves config.json with `Cache-Control: no-cache` (README), so a change is seen at once.
    match crate::own_files::get_started_text("testpressConfig", "/config.json").await {
        Some(text) => {
            let (config, problems) = parse(&text);
            for problem in problems {
                leptos::logging::warn!("{problem}");
            }
            config
        }
        None => {
            leptos::logging::warn!("config.json could not be read; using the defaults");
            AppConfig::default()
        }
    }
}

static CONFIG: std::sync::OnceLock<AppConfig> = std::sync::OnceLock::new();

/// Records the configuration for the rest of the app; called once, before mounting.
pub fn install(config: AppConfig) {
    let _ = CONFIG.set(config);
}

pub fn get() -> &'static AppConfig {
    static DEFAULT: std::sync::OnceLock<AppConfig> = std::sync::OnceLock::new();
    CONFIG.get().unwrap_or_else(|| DEFAULT.get_or_init(AppConfig::default))
}

/// The API origin, `""` meaning this page's own.
pub fn api_base() -> &'static str {
    &get().api_base
}

/// The absolute or root-relative URL of an API path such as `/api/v2.2/me/`.
pub fn api_url(path: &str) -> String {
    [api_base(), path].concat()
}

/// This page's origin (`https://app.example`), the only place plain-http images may come from.
pub fn page_origin() -> String {
    web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_origin_and_cross_origin() {
        assert_eq!(parse(r#"{"api_base": ""}"#), (AppConfig::default(), vec![]));
        assert_eq!(parse(r#"{"api_base": "https://demo.testpress.in/"}"#).0.api_base, "https://demo.testpress.in");
        assert_eq!(parse(r#"{"api_base": "http://127.0.0.1:8000", "x": 1}"#).0.api_base, "http://127.0.0.1:8000");
    }

    #[test]
    fn broken_files_are_reported_never_fatal() {
        assert_eq!(parse(""), (AppConfig::default(), vec![ConfigError::NotJson]));
        assert_eq!(parse("<html>").1, [ConfigError::NotJson]);
        assert_eq!(parse("[]").1, [ConfigError::NotJson]);
        assert_eq!(parse("{}").1, [ConfigError::MissingApiBase]);
        assert_eq!(parse(r#"{"api_base": 5}"#).1, [ConfigError::MissingApiBase]);
        for bad in
            ["javascript:alert(1)", "ftp://x", "https://", "https://a.in/api", "https://u:p@a.in", "//a.in", "a.in"]
        {
            let (config, problems) = parse(&format!(r#"{{"api_base": "{bad}"}}"#));
            assert_eq!((config.api_base.as_str(), problems), ("", vec![ConfigError::BadApiBase(bad.into())]), "{bad}");
        }
    }

    #[test]
    fn the_institute_is_read_entry_by_entry() {
        let (config, problems) = parse(
            r##"{"api_base": "", "institute": {"name": " Chennai IAS Academy ", "logo": "/logo.svg", "color": "#0B6E4F"},
                "password_reset_url": "https://demo.testpress.in/password/reset/"}"##,
        );
        assert_eq!(problems, []);
        assert_eq!(config.institute.name.as_deref(), Some("Chennai IAS Academy"));
        assert_eq!(config.institute.logo.as_deref(), Some("/logo.svg"));
        assert_eq!(config.institute.color, Some(Rgb(0x0b, 0x6e, 0x4f)));
        assert_eq!(config.password_reset_url.as_deref(), Some("https://demo.testpress.in/password/reset/"));

        let (config, problems) = parse(
            r#"{"api_base": "", "institute": {"name": "", "logo": "javascript:alert(1)", "color": "green"},
                "password_reset_url": "http://evil.example/"}"#,
        );
        assert_eq!(config, AppConfig::default(), "every bad entry falls back");
        assert_eq!(
            problems,
            [
                ConfigError::BadName,
                ConfigError::BadLogo("javascript:alert(1)".into()),
                ConfigError::BadColor("green".into()),
                ConfigError::BadResetUrl("http://evil.example/".into()),
            ]
        );
        assert_eq!(parse(r#"{"api_base": "", "institute": "Academy"}"#).1, [ConfigError::BadInstitute]);
        assert_eq!(parse(r#"{"api_base": "", "institute": ["Academy"]}"#).1, [ConfigError::BadInstitute]);
        assert_eq!(parse(r#"{"api_base": "", "institute": null}"#).1, []);
        assert_eq!(parse(r#"{"api_base": "", "institute": {"name": null}}"#).1, [ConfigError::BadName]);
        assert_eq!(
            parse(r#"{"api_base": "", "institute": {"name": 7, "logo": 7, "x": {}}}"#).1,
            [ConfigError::BadName]
        );
    }

    #[test]
    fn links_are_same_site_paths_or_https() {
        for good in ["/logo.svg", "/brand/logo.png?v=2", "https://cdn.example/logo.svg", "HTTPS://cdn.example/x"] {
            assert_eq!(safe_link(good).as_deref(), Some(good), "{good}");
        }
        for bad in [
            "",
            "logo.svg",
            "//evil.example/x",
            "http://cdn.example/x",
            "data:image/svg+xml,<svg>",
            "javascript:alert(1)",
            "https://",
            "https:///x",
            "https://u@evil.example/",
            "/a b.svg",
            "/\"x",
        ] {
            assert_eq!(safe_link(bad), None, "{bad}");
        }
    }
}
