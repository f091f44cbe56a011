//! The Testpress v2.2 endpoints the app uses.

use crate::auth::Authed;
use crate::db;
use crate::error::ApiError;
use crate::photo;
use crate::user::{apply_fields, Urls};
use crate::validate;
use crate::{institute, AppState};
use axum::body::{to_bytes, Body};
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::Value;

/// Bodies larger than this are refused before parsing (a 10 MB photo is ~13.4 MB in base64).
const MAX_BODY_BYTES: usize = 16 * 1024 * 1024;

/// Absolute URLs as the real API gives them: the configured public URL, else this request's host.
pub fn base_url(state: &AppState, headers: &HeaderMap) -> String {
    if let Some(url) = &state.config().public_url {
        return url.trim_end_matches('/').to_string();
    }
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("127.0.0.1");
    format!("http://{host}")
}

pub fn parse_json_object(body: &[u8]) -> Result<serde_json::Map<String, Value>, ApiError> {
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => {
            Err(ApiError::field("non_field_errors", "Invalid data. Expected a dictionary, but got a different type."))
        }
        Err(e) => Err(ApiError::BadRequest(format!("JSON parse error - {e}"))),
    }
}

pub async fn read_body(body: Body) -> Result<axum::body::Bytes, ApiError> {
    to_bytes(body, MAX_BODY_BYTES).await.map_err(|_| ApiError::PayloadTooLarge)
}

pub async fn me(State(state): State<AppState>, headers: HeaderMap, auth: Authed) -> Result<Json<Value>, ApiError> {
    let user = db::get_user(&state.db(), auth.user_id)?.ok_or(ApiError::NotFound)?;
    Ok(Json(user.full_json(&Urls { base: &base_url(&state, &headers) })))
}

fn parse_id(raw: &str) -> Result<i64, ApiError> {
    raw.parse::<i64>().ok().filter(|id| *id > 0).ok_or(ApiError::NotFound)
}

pub async fn user(
    State(state): State<AppState>,
    headers: HeaderMap,
    auth: Authed,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let id = parse_id(&id)?;
    let user = db::get_user(&state.db(), id)?.ok_or(ApiError::NotFound)?;
    let urls = Urls { base: &base_url(&state, &headers) };
    Ok(Json(if id == auth.user_id { user.full_json(&urls) } else { user.public_json(&urls) }))
}

/// PUT and PATCH alike: a partial update of the caller's own profile.
pub async fn update_user(
    State(state): State<AppState>,
    headers: HeaderMap,
    auth: Authed,
    Path(id): Path<String>,
    body: Body,
) -> Result<Json<Value>, ApiError> {
    let id = parse_id(&id)?;
    if db::get_user(&state.db(), id)?.is_none() {
        return Err(ApiError::NotFound);
    }
    if id != auth.user_id {
        return Err(ApiError::Forbidden);
    }
    // The institute's settings bind the stand-in as they would the real server.
    if institute::turned_off(&state, "allow_profile_edit") {
        return Err(ApiError::Forbidden);
    }
    let update = validate::parse_update(&read_body(body).await?)?;
    if update.photo.is_some() && institute::turned_off(&state, "enable_user_photo") {
        return Err(ApiError::Forbidden);
    }
    // Image work happens before the database lock is taken, off the async threads.
    let processed = match update.photo {
        Some(ref upload) => {
            let upload = validate::PhotoUpload { bytes: upload.bytes.clone(), crop: upload.crop };
            let result = tokio::task::spawn_blocking(move || photo::process(&upload))
                .await
                .map_err(|e| ApiError::Internal(e.to_string()))?;
            Some(result.map_err(|e| ApiError::field("photo", e.message()))?)
        }
        None => None,
    };
    let conn = state.db();
    let mut user = db::get_user(&conn, id)?.ok_or(ApiError::NotFound)?;
    apply_fields(&mut user, &update);
    if let Some(processed) = processed {
        let old = user.photos.clone();
        user.photos = photo::store(&conn, &processed)?;
        db::delete_media(&conn, &[&old.photo, &old.large, &old.medium, &old.small, &old.x_small, &old.mini])?;
    }
    db::save_profile(&conn, &user)?;
    Ok(Json(user.write_json(&Urls { base: &base_url(&state, &headers) })))
}

pub async fn media(State(state): State<AppState>, Path(name): Path<String>) -> Response {
    match db::get_media(&state.db(), &name) {
        Ok(Some((content_type, bytes))) => {
            let mut r = bytes.into_response();
            let h = r.headers_mut();
            h.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_str(&content_type).unwrap_or(HeaderValue::from_static("image/jpeg")),
            );
            // Names are random and never reused, as on Testpress's bucket.
            h.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=31536000, immutable"));
            r
        }
        Ok(None) => ApiError::NotFound.into_response(),
        Err(e) => ApiError::from(e).into_response(),
    }
}

pub async fn api_not_found() -> ApiError {
    ApiError::NotFound
}
