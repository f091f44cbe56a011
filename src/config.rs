//! Runtime configuration, read once at start from `config.json` beside `index.html`, so one
//! build can be deployed against any Testpress API.

/// Where the API lives: `""` for this page's own origin, else an origin like
/// `https://demo.testpress.in` (no trailing slash).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AppConfig {
    pub api_base: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigError {
    NotJson,
    /// `api_base` is not a string.
    MissingApiBase,
    /// `api_base` is neither empty nor an http(s) origin.
    BadApiBase(String),
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ConfigError::NotJson => write!(f, "config.json is not a JSON object"),
            ConfigError::MissingApiBase => write!(f, "config.json has no string \"api_base\""),
            ConfigError::BadApiBase(v) => write!(f, "config.json's api_base {v:?} is not \"\" or an http(s) origin"),
        }
    }
}

pub fn parse(text: &str) -> Result<AppConfig, ConfigError> {
    let value: serde_json::Value = serde_json::from_str(text).map_err(|_| ConfigError::NotJson)?;
    let object = value.as_object().ok_or(ConfigError::NotJson)?;
    let raw = object.get("api_base").and_then(|v| v.as_str()).ok_or(ConfigError::MissingApiBase)?;
    Ok(AppConfig { api_base: normalise_origin(raw).ok_or_else(|| ConfigError::BadApiBase(raw.to_string()))? })
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

pub async fn load() -> AppConfig {
    use gloo_net::http::Request;
    let outcome = async {
        // Plain GET (default cache mode) so index.html's preload is used; the host serves
        // config.json with `Cache-Control: no-cache` (README), so a change is seen at once.
        let response = Request::get("/config.json").send().await.map_err(|e| e.to_string())?;
        if !response.ok() {
            return Err(format!("config.json answered HTTP {}", response.status()));
        }
        let text = response.text().await.map_err(|e| e.to_string())?;
        parse(&text).map_err(|e| e.to_string())
    }
    .await;
    outcome.unwrap_or_else(|why| {
        leptos::logging::warn!("{why}; using the API on this page's own origin");
        AppConfig::default()
    })
}

static API_BASE: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// Records the configuration for the rest of the app; called once, before mounting.
pub fn install(config: AppConfig) {
    let _ = API_BASE.set(config.api_base);
}

/// The API origin, `""` meaning this page's own.
pub fn api_base() -> &'static str {
    API_BASE.get().map_or("", String::as_str)
}

/// The absolute or root-relative URL of an API path such as `/api/v2.2/me/`.
pub fn api_url(path: &str) -> String {
    format!("{}{path}", api_base())
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
        assert_eq!(parse(r#"{"api_base": ""}"#), Ok(AppConfig { api_base: "".into() }));
        assert_eq!(
            parse(r#"{"api_base": "https://demo.testpress.in/"}"#).unwrap().api_base,
            "https://demo.testpress.in"
        );
        assert_eq!(
            parse(r#"{"api_base": "http://127.0.0.1:8000", "x": 1}"#).unwrap().api_base,
            "http://127.0.0.1:8000"
        );
    }

    #[test]
    fn broken_files_are_errors_not_panics() {
        assert_eq!(parse(""), Err(ConfigError::NotJson));
        assert_eq!(parse("<html>"), Err(ConfigError::NotJson));
        assert_eq!(parse("[]"), Err(ConfigError::NotJson));
        assert_eq!(parse("{}"), Err(ConfigError::MissingApiBase));
        assert_eq!(parse(r#"{"api_base": 5}"#), Err(ConfigError::MissingApiBase));
        for bad in
            ["javascript:alert(1)", "ftp://x", "https://", "https://a.in/api", "https://u:p@a.in", "//a.in", "a.in"]
        {
            assert_eq!(
                parse(&format!(r#"{{"api_base": "{bad}"}}"#)),
                Err(ConfigError::BadApiBase(bad.into())),
                "{bad}"
            );
        }
    }
}
