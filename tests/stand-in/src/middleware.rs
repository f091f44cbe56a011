//! CORS for configured origins, and fault injection for tests.

use crate::AppState;
use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{header, HeaderName, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::time::Duration;

const ALLOWED_METHODS: &str = "GET, POST, PUT, PATCH, OPTIONS";
const ALLOWED_HEADERS: &str = "authorization, content-type, cache-control";

pub async fn cors(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let origin = request.headers().get(header::ORIGIN).and_then(|o| o.to_str().ok()).map(str::to_owned);
    let allowed = origin.as_deref().filter(|o| state.config().cors_origins.iter().any(|a| a == "*" || a == o));
    let is_preflight =
        request.method() == Method::OPTIONS && request.headers().contains_key(header::ACCESS_CONTROL_REQUEST_METHOD);
    let mut response = if is_preflight {
        // Answered here whatever the route; without the allow headers the browser refuses.
        let mut r = StatusCode::NO_CONTENT.into_response();
        if allowed.is_some() {
            let h = r.headers_mut();
            h.insert(header::ACCESS_CONTROL_ALLOW_METHODS, HeaderValue::from_static(ALLOWED_METHODS));
            h.insert(header::ACCESS_CONTROL_ALLOW_HEADERS, HeaderValue::from_static(ALLOWED_HEADERS));
            h.insert(header::ACCESS_CONTROL_MAX_AGE, HeaderValue::from_static("600"));
        }
        r
    } else {
        next.run(request).await
    };
    let h = response.headers_mut();
    h.append(header::VARY, HeaderValue::from_static("Origin"));
    if let Some(origin) = allowed.and_then(|o| HeaderValue::from_str(o).ok()) {
        h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        // The app reads Retry-After on 429 to tell the student how long to wait.
        h.insert(header::ACCESS_CONTROL_EXPOSE_HEADERS, HeaderValue::from_static("Retry-After"));
    }
    response
}

/// One injected fault. `path` matches exactly, or as a prefix when it ends with `*`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Fault {
    pub path: String,
    /// Only this method (any but OPTIONS when absent, so CORS preflights keep working).
    #[serde(default)]
    pub method: Option<String>,
    /// Wait this long before answering (or before passing the request on).
    #[serde(default)]
    pub delay_ms: Option<u64>,
    /// Answer with this status instead of the real handler.
    #[serde(default)]
    pub status: Option<u16>,
    /// Answer with this body instead of the real handler (repeated `body_repeat` times).
    #[serde(default)]
    pub body: Option<String>,
    #[serde(default)]
    pub body_repeat: Option<usize>,
    #[serde(default)]
    pub content_type: Option<String>,
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    /// Run the real handler and cut its body in half.
    #[serde(default)]
    pub truncate: bool,
    /// Apply this many times, then forget the fault (forever when absent).
    #[serde(default)]
    pub times: Option<u32>,
    /// A named refusal (`refusals::preset`): status 403 and its body, unless given here.
    #[serde(default)]
    pub preset: Option<String>,
    /// With a coded preset: the nested shape `{"detail": {"error_code", "message", "title"}}`.
    #[serde(default)]
    pub nested: bool,
}

impl Fault {
    /// Fills status and body from the preset; `Err` names an unknown preset.
    pub fn resolve_preset(mut self) -> Result<Fault, String> {
        let Some(name) = &self.preset else { return Ok(self) };
        let body = crate::refusals::preset(name, self.nested).ok_or_else(|| format!("unknown preset {name}"))?;
        self.status.get_or_insert(403);
        self.body.get_or_insert(body.to_string());
        Ok(self)
    }
}

impl Fault {
    fn matches(&self, method: &Method, path: &str) -> bool {
        let method_ok = match &self.method {
            Some(m) => m.eq_ignore_ascii_case(method.as_str()),
            None => method != Method::OPTIONS,
        };
        let path_ok = match self.path.strip_suffix('*') {
            Some(prefix) => path.starts_with(prefix),
            None => path == self.path,
        };
        method_ok && path_ok
    }
}

pub async fn inject_faults(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let path = request.uri().path().to_string();
    if path.starts_with("/__test__/") {
        return next.run(request).await;
    }
    let fault = state.take_fault(request.method(), &path);
    let Some(fault) = fault else { return next.run(request).await };
    if let Some(ms) = fault.delay_ms {
        tokio::time::sleep(Duration::from_millis(ms)).await;
    }
    let mut response = if fault.status.is_some() || fault.body.is_some() {
        let status = StatusCode::from_u16(fault.status.unwrap_or(200)).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let body = fault.body.clone().unwrap_or_default().repeat(fault.body_repeat.unwrap_or(1).max(1));
        let content_type = fault.content_type.clone().unwrap_or_else(|| "application/json".into());
        let mut r = (status, body).into_response();
        if let Ok(v) = HeaderValue::from_str(&content_type) {
            r.headers_mut().insert(header::CONTENT_TYPE, v);
        }
        r
    } else if fault.truncate {
        let (mut parts, body) = next.run(request).await.into_parts();
        let bytes = to_bytes(body, usize::MAX).await.unwrap_or_default();
        parts.headers.remove(header::CONTENT_LENGTH);
        Response::from_parts(parts, Body::from(bytes.slice(..bytes.len() / 2)))
    } else {
        next.run(request).await
    };
    for (name, value) in &fault.headers {
        if let (Ok(n), Ok(v)) = (HeaderName::try_from(name.as_str()), HeaderValue::from_str(value)) {
            response.headers_mut().insert(n, v);
        }
    }
    response
}

impl AppState {
    fn take_fault(&self, method: &Method, path: &str) -> Option<Fault> {
        let mut faults = self.faults();
        let index = faults.iter().position(|f| f.matches(method, path))?;
        let fault = faults[index].clone();
        match &mut faults[index].times {
            Some(1) => {
                faults.remove(index);
            }
            Some(n) => *n -= 1,
            None => {}
        }
        Some(fault)
    }
}
