//! Error responses in the shapes Django REST Framework (and so Testpress) uses.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Map, Value};

/// Per-field messages, in the order the fields were checked.
pub type FieldErrors = Vec<(String, String)>;

#[derive(Debug)]
pub enum ApiError {
    /// 401 with DRF's `detail` text; carries `WWW-Authenticate` like DRF does.
    Unauthenticated(&'static str),
    Forbidden,
    /// 403 with a coded body (see `refusals`); a refusal, never a sign that the token is bad.
    Refused(Value),
    NotFound,
    /// 404 `{"detail": "Invalid page."}`, DRF's answer for a page out of range.
    InvalidPage,
    /// 400 `{"field": ["message"], ...}`.
    Fields(FieldErrors),
    /// 400 `{"detail": "..."}` for bodies that are not the JSON object we expect.
    BadRequest(String),
    PayloadTooLarge,
    Internal(String),
}

impl ApiError {
    pub fn field(name: &str, message: impl Into<String>) -> Self {
        ApiError::Fields(vec![(name.to_string(), message.into())])
    }
}

pub fn fields_to_json(errors: &FieldErrors) -> Value {
    let mut map = Map::new();
    for (field, message) in errors {
        let entry = map.entry(field.clone()).or_insert_with(|| Value::Array(vec![]));
        if let Value::Array(list) = entry {
            list.push(Value::String(message.clone()));
        }
    }
    Value::Object(map)
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, body) = match &self {
            ApiError::Unauthenticated(detail) => (StatusCode::UNAUTHORIZED, json!({ "detail": detail })),
            ApiError::Forbidden => (StatusCode::FORBIDDEN, json!({ "detail": crate::refusals::PERMISSION_DENIED })),
            ApiError::Refused(body) => (StatusCode::FORBIDDEN, body.clone()),
            ApiError::NotFound => (StatusCode::NOT_FOUND, json!({ "detail": "Not found." })),
            ApiError::InvalidPage => (StatusCode::NOT_FOUND, json!({ "detail": "Invalid page." })),
            ApiError::Fields(errors) => (StatusCode::BAD_REQUEST, fields_to_json(errors)),
            ApiError::BadRequest(detail) => (StatusCode::BAD_REQUEST, json!({ "detail": detail })),
            ApiError::PayloadTooLarge => {
                (StatusCode::PAYLOAD_TOO_LARGE, json!({ "detail": "Request body is too large." }))
            }
            ApiError::Internal(why) => {
                eprintln!("stand-in: internal error: {why}");
                (StatusCode::INTERNAL_SERVER_ERROR, json!({ "detail": "A server error occurred." }))
            }
        };
        let mut response = (status, axum::Json(body)).into_response();
        if matches!(self, ApiError::Unauthenticated(_)) {
            response.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("JWT realm=\"api\""));
        }
        response
    }
}

impl From<rusqlite::Error> for ApiError {
    fn from(e: rusqlite::Error) -> Self {
        ApiError::Internal(format!("database: {e}"))
    }
}
