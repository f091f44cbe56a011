//! `POST /api/v2.2/password/reset/` (and v2.3): no token, `{"email": "..."}`. The stand-in
//! sends no mail; the test-only call log (`GET /__test__/password-resets`) shows each request.

use crate::api::{parse_json_object, read_body};
use crate::error::ApiError;
use crate::validate::is_email;
use crate::{db, AppState};
use axum::body::Body;
use axum::extract::State;
use axum::Json;
use serde_json::{json, Value};

pub async fn reset(State(state): State<AppState>, body: Body) -> Result<Json<Value>, ApiError> {
    let map = parse_json_object(&read_body(body).await?)?;
    let email = match map.get("email") {
        None | Some(Value::Null) => return Err(ApiError::field("email", "This field is required.")),
        Some(Value::String(s)) if s.trim().is_empty() => {
            return Err(ApiError::field("email", "This field may not be blank."))
        }
        Some(Value::String(s)) => s.trim().to_string(),
        Some(_) => return Err(ApiError::field("email", "Not a valid string.")),
    };
    if !is_email(&email) {
        return Err(ApiError::field("email", "Enter a valid email address."));
    }
    if db::user_id_by_email(&state.db(), &email)?.is_none() {
        return Err(ApiError::field("email", "There is no account registered with this email address."));
    }
    Ok(Json(json!({ "status": "A link to reset the password has been sent to this email address." })))
}
