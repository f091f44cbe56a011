//! The institute's settings, `GET /api/v2.3/settings/` (no token): defaults, then
//! `--institute-settings FILE`, then `PUT /__test__/institute-settings`, each merged key by key.
//! The stand-in obeys what they say: the parallel-login limit, and profile and photo edits.

use crate::api::base_url;
use crate::{AppState, Config};
use axum::extract::State;
use axum::http::HeaderMap;
use axum::Json;
use serde_json::{json, Map, Value};

/// Every key the official clients read. Sign-in labels are null so the app keeps its own,
/// translated words unless a test names the institute's.
pub fn defaults(config: &Config, base: &str) -> Map<String, Value> {
    let limit = config.max_parallel_logins;
    let value = json!({
        "name": "Stand-in Institute",
        "photo": "",
        "app_toolbar_logo": "",
        "domain_url": base,
        "timezone": "Asia/Kolkata",
        "allow_profile_edit": true,
        "enable_user_photo": true,
        "disable_forgot_password": false,
        "custom_forgot_password_url": null,
        "allow_signup": false,
        "enable_parallel_login_restriction": limit.is_some(),
        "max_parallel_logins": limit.unwrap_or(0),
        "lockout_limit": null,
        "cooloff_time": null,
        "login_label": null,
        "login_password_label": null,
    });
    value.as_object().cloned().unwrap_or_default()
}

pub fn effective(state: &AppState, base: &str) -> Map<String, Value> {
    let mut settings = defaults(state.config(), base);
    for (key, value) in state.institute().iter() {
        settings.insert(key.clone(), value.clone());
    }
    settings
}

pub async fn get_settings(State(state): State<AppState>, headers: HeaderMap) -> Json<Value> {
    Json(Value::Object(effective(&state, &base_url(&state, &headers))))
}

/// The parallel-login limit in force: on only when the settings say `true` and give a
/// positive whole number (a test that serves odd types gets no restriction).
pub fn parallel_limit(state: &AppState) -> Option<i64> {
    let settings = effective(state, "");
    if settings.get("enable_parallel_login_restriction") != Some(&Value::Bool(true)) {
        return None;
    }
    settings.get("max_parallel_logins").and_then(Value::as_i64).filter(|n| *n > 0)
}

/// True only for an explicit `false`: an absent or odd value leaves the feature on.
pub fn turned_off(state: &AppState, key: &str) -> bool {
    effective(state, "").get(key) == Some(&Value::Bool(false))
}

// ---- test-only control (mounted with --faults) ----

/// Merges the object over the current overrides (a `null` value is kept as null) and answers
/// the settings now in force.
pub async fn put_overrides(
    State(state): State<AppState>,
    headers: HeaderMap,
    Json(changes): Json<Map<String, Value>>,
) -> Json<Value> {
    state.institute().extend(changes);
    get_settings(State(state), headers).await
}

/// Back to the defaults and the `--institute-settings` file.
pub async fn reset_overrides(State(state): State<AppState>, headers: HeaderMap) -> Json<Value> {
    *state.institute() = state.config().institute_settings.clone();
    get_settings(State(state), headers).await
}
