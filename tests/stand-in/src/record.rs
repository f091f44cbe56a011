//! Records every logout and password-reset request (with `--faults`), so a test can tell that
//! the app's call reached the server. An entry is written when the request arrives, before any
//! injected delay or failure, and gets its `status` once answered (`null` until then). Also
//! records every answer for one of the app's own files, so a test can count downloads.

use crate::auth::{jwt_from, EndedSession};
use crate::time::{iso_from_us, now_us};
use crate::{jwt, AppState};
use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

#[derive(Clone, Copy, PartialEq, Debug)]
pub enum Kind {
    Logout,
    PasswordReset,
    AppFile,
}

#[derive(Clone, Debug)]
struct Entry {
    seq: u64,
    kind: Kind,
    fields: Value,
}

/// The recorded calls; `seq` finds an entry again after the log was cleared meanwhile.
#[derive(Default)]
pub struct CallLog {
    next_seq: u64,
    entries: Vec<Entry>,
}

fn kind_of(path: &str) -> Option<Kind> {
    match path.trim_end_matches('/') {
        "/api/v2.4/auth/logout" => Some(Kind::Logout),
        "/api/v2.2/password/reset" | "/api/v2.3/password/reset" => Some(Kind::PasswordReset),
        _ => None,
    }
}

/// A reset request larger than this is not worth reading for its email.
const MAX_RECORDED_BODY: usize = 64 * 1024;

pub async fn record_calls(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let kind = kind_of(request.uri().path()).filter(|_| state.config().faults && request.method() == Method::POST);
    let Some(kind) = kind else { return next.run(request).await };
    let path = request.uri().path().to_string();
    let mut fields = json!({ "at": iso_from_us(now_us()), "path": path, "status": null });
    let request = match kind {
        Kind::Logout => {
            // Which session the token names, even when expired or already ended.
            let claims = jwt_from(request.headers()).ok().and_then(|t| jwt::verify_signature(t, state.secret()).ok());
            fields["user_id"] = json!(claims.as_ref().map(|c| c.user_id));
            fields["session_id"] = json!(claims.and_then(|c| c.sid));
            fields["ended_session"] = Value::Null;
            request
        }
        Kind::PasswordReset => {
            let (parts, body) = request.into_parts();
            let Ok(bytes) = to_bytes(body, MAX_RECORDED_BODY).await else {
                return (StatusCode::PAYLOAD_TOO_LARGE, Json(json!({ "detail": "Request body is too large." })))
                    .into_response();
            };
            let sent: Option<Value> = serde_json::from_slice(&bytes).ok();
            fields["email"] = sent.and_then(|v| v.get("email").cloned()).unwrap_or(Value::Null);
            Request::from_parts(parts, Body::from(bytes))
        }
        // Recorded by the file server itself (`app_file`), never by path here.
        Kind::AppFile => request,
    };
    let seq = {
        let mut log = state.calls();
        let seq = log.next_seq;
        log.next_seq += 1;
        log.entries.push(Entry { seq, kind, fields });
        seq
    };
    let response = next.run(request).await;
    if let Some(entry) = state.calls().entries.iter_mut().find(|e| e.seq == seq) {
        entry.fields["status"] = json!(response.status().as_u16());
        if let Some(EndedSession(id)) = response.extensions().get::<EndedSession>() {
            entry.fields["ended_session"] = json!(id);
        }
    }
    response
}

fn list(state: &AppState, kind: Kind) -> Json<Vec<Value>> {
    Json(state.calls().entries.iter().filter(|e| e.kind == kind).map(|e| e.fields.clone()).collect())
}

fn clear(state: &AppState, kind: Kind) -> StatusCode {
    state.calls().entries.retain(|e| e.kind != kind);
    StatusCode::NO_CONTENT
}

pub async fn list_logouts(State(state): State<AppState>) -> Json<Vec<Value>> {
    list(&state, Kind::Logout)
}

pub async fn clear_logouts(State(state): State<AppState>) -> StatusCode {
    clear(&state, Kind::Logout)
}

pub async fn list_password_resets(State(state): State<AppState>) -> Json<Vec<Value>> {
    list(&state, Kind::PasswordReset)
}

pub async fn clear_password_resets(State(state): State<AppState>) -> StatusCode {
    clear(&state, Kind::PasswordReset)
}

/// One answer for an app file: its path, status (200 sent the file; 304 only confirmed a
/// copy the browser had) and the bytes sent.
pub fn app_file(state: &AppState, path: &str, status: StatusCode, bytes: usize) {
    if !state.config().faults {
        return;
    }
    let mut log = state.calls();
    let seq = log.next_seq;
    log.next_seq += 1;
    let fields = json!({ "at": iso_from_us(now_us()), "path": path, "status": status.as_u16(), "bytes": bytes });
    log.entries.push(Entry { seq, kind: Kind::AppFile, fields });
}

pub async fn list_app_files(State(state): State<AppState>) -> Json<Vec<Value>> {
    list(&state, Kind::AppFile)
}

pub async fn clear_app_files(State(state): State<AppState>) -> StatusCode {
    clear(&state, Kind::AppFile)
}
