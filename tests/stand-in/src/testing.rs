//! The test-only control endpoints under `/__test__/`, mounted only with `--faults`.

use crate::auth::{issue, LOCATION};
use crate::error::ApiError;
use crate::middleware::Fault;
use crate::sessions::{self, NewSession};
use crate::time::{now_us, us_from_iso};
use crate::{db, now, AppState};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Map, Value};

pub async fn add_fault(State(state): State<AppState>, Json(fault): Json<Fault>) -> Response {
    match fault.resolve_preset() {
        Ok(fault) => {
            state.faults().push(fault);
            StatusCode::CREATED.into_response()
        }
        Err(why) => ApiError::BadRequest(why).into_response(),
    }
}

pub async fn list_faults(State(state): State<AppState>) -> Json<Vec<Fault>> {
    Json(state.faults().clone())
}

pub async fn clear_faults(State(state): State<AppState>) -> StatusCode {
    state.faults().clear();
    StatusCode::NO_CONTENT
}

/// The stand-in's own knobs, as `PUT /__test__/settings` takes them.
pub async fn get_knobs(State(state): State<AppState>) -> Json<Value> {
    Json(json!({
        "token_ttl_secs": state.token_ttl(),
        "devices_per_page": state.devices_per_page(),
        "restriction_shape": if state.nested_restriction() { "nested" } else { "flat" },
    }))
}

/// Changes the knobs named; an unknown name or a wrong value is a 400 and changes nothing.
/// `max_parallel_logins` (a number, or null to lift it) is a shorthand for the two institute
/// settings that switch the restriction.
pub async fn put_knobs(State(state): State<AppState>, Json(knobs): Json<Map<String, Value>>) -> Response {
    let bad = |why: String| ApiError::BadRequest(why).into_response();
    for (key, value) in &knobs {
        let ok = match key.as_str() {
            "token_ttl_secs" => value.is_i64(),
            "devices_per_page" => value.as_u64().is_some_and(|n| (1..=1000).contains(&n)),
            "restriction_shape" => value == "flat" || value == "nested",
            "max_parallel_logins" => value.is_null() || value.as_u64().is_some_and(|n| n >= 1),
            _ => return bad(format!("unknown setting {key}")),
        };
        if !ok {
            return bad(format!("bad value for {key}: {value}"));
        }
    }
    for (key, value) in knobs {
        match key.as_str() {
            "token_ttl_secs" => state.set_token_ttl(value.as_i64().unwrap_or_default()),
            "devices_per_page" => state.set_devices_per_page(value.as_u64().unwrap_or(1) as usize),
            "restriction_shape" => state.set_nested_restriction(value == "nested"),
            _ => {
                let mut institute = state.institute();
                institute.insert("enable_parallel_login_restriction".into(), Value::Bool(!value.is_null()));
                institute.insert("max_parallel_logins".into(), if value.is_null() { json!(0) } else { value });
            }
        }
    }
    StatusCode::NO_CONTENT.into_response()
}

/// One session to seed: whose (`username` or `user_id`), from what, used when.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeedSession {
    username: Option<String>,
    user_id: Option<i64>,
    user_agent: String,
    ip_address: Option<String>,
    location: Option<String>,
    /// ISO 8601 in UTC (`2024-05-01T10:00:00Z`); or `last_used_secs_ago`; else now.
    last_used: Option<String>,
    last_used_secs_ago: Option<i64>,
}

#[derive(Deserialize)]
#[serde(untagged)]
pub enum OneOrMany {
    One(SeedSession),
    Many(Vec<SeedSession>),
}

/// `POST /__test__/sessions`: sessions as if signed in elsewhere. Each signed in at its
/// `last_used` time (so seeded devices count as older sign-ins than a later real one).
pub async fn seed_sessions(State(state): State<AppState>, Json(body): Json<OneOrMany>) -> Response {
    let seeds = match body {
        OneOrMany::One(seed) => vec![seed],
        OneOrMany::Many(seeds) => seeds,
    };
    let mut out = Vec::new();
    for seed in seeds {
        match seed_one(&state, &seed) {
            Ok(created) => out.push(created),
            Err(e) => return e.into_response(),
        }
    }
    (StatusCode::CREATED, Json(Value::Array(out))).into_response()
}

fn seed_one(state: &AppState, seed: &SeedSession) -> Result<Value, ApiError> {
    let user = {
        let conn = state.db();
        let id = match (&seed.username, seed.user_id) {
            (Some(name), _) => {
                conn.query_row("SELECT id FROM users WHERE username = ?1", [name], |r| r.get::<_, i64>(0)).ok()
            }
            (None, id) => id,
        };
        let user = match id {
            Some(id) => db::get_user(&conn, id)?,
            None => None,
        };
        user.ok_or_else(|| ApiError::BadRequest("name an existing user by username or user_id".into()))?
    };
    let now_micros = now_us();
    let last_used = match (&seed.last_used, seed.last_used_secs_ago) {
        (Some(iso), _) => us_from_iso(iso)
            .ok_or_else(|| ApiError::BadRequest(format!("last_used {iso:?} is not like 2024-05-01T10:00:00Z")))?,
        (None, Some(ago)) => now_micros - ago * 1_000_000,
        (None, None) => now_micros,
    };
    let session = NewSession {
        user_id: user.id,
        created_us: last_used.min(now_micros),
        last_used_us: last_used,
        expires_at: now() + state.token_ttl(),
        user_agent: &seed.user_agent,
        ip_address: seed.ip_address.as_deref().unwrap_or("203.0.113.7"),
        location: seed.location.as_deref().unwrap_or(LOCATION),
    };
    let (id, token) = issue(state, &user, session)?;
    let stored = sessions::get(&state.db(), id)?.ok_or(ApiError::NotFound)?;
    let mut created = stored.test_json(now());
    created["token"] = Value::String(token);
    Ok(created)
}

/// `GET /__test__/sessions`: every session ever opened, ended ones included.
pub async fn list_sessions(State(state): State<AppState>) -> Result<Json<Value>, ApiError> {
    let all = sessions::all(&state.db())?;
    let now = now();
    Ok(Json(Value::Array(all.iter().map(|s| s.test_json(now)).collect())))
}
