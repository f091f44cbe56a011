//! Every call to the Testpress API goes through `send`: it adds the token (to the API's
//! origin only), times out, aborts when the page that asked goes away, and turns every
//! failure into an `ApiError` whose text is a sentence for the student.

use crate::profile::Profile;
use crate::session::Session;
use serde_json::Value;
use std::fmt;

/// Per-field messages from a DRF 400, in the order the server sent them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FieldErrors {
    pub fields: Vec<(String, Vec<String>)>,
    /// `non_field_errors` (and a top-level `detail`).
    pub general: Vec<String>,
}

impl FieldErrors {
    pub fn for_field(&self, name: &str) -> Option<String> {
        self.fields.iter().find(|(f, _)| f == name).map(|(_, m)| m.join(" "))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// No answer at all: offline, DNS, refused, CORS, or a redirect we refuse to follow.
    Network,
    Timeout,
    /// 401, or 403 without an error code: the token is no good any more.
    SessionExpired,
    /// 403 with a Testpress error code (e.g. `parallel_login_restriction`): the server's words.
    Refused {
        title: String,
        message: String,
    },
    NotFound,
    Invalid(FieldErrors),
    /// 429; seconds to wait when the server said.
    Throttled {
        wait_secs: Option<u64>,
    },
    /// 5xx.
    Server {
        status: u16,
    },
    /// A 2xx whose body is not the JSON we need.
    BadResponse,
    /// Any other status.
    Unexpected {
        status: u16,
    },
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ApiError::Network => {
                write!(f, "We couldn't reach Testpress. Check your internet connection and try again.")
            }
            ApiError::Timeout => write!(f, "Testpress is taking too long to answer. Please try again in a moment."),
            ApiError::SessionExpired => write!(f, "Your session has expired. Please sign in again."),
            ApiError::Refused { title, message } => match (title.is_empty(), message.is_empty()) {
                (false, false) => write!(f, "{title}: {message}"),
                (true, false) => write!(f, "{message}"),
                (false, true) => write!(f, "{title}"),
                (true, true) => write!(f, "Testpress refused this request."),
            },
            ApiError::NotFound => write!(f, "We couldn't find that. It may have been removed."),
            ApiError::Invalid(errors) => match errors.general.first() {
                Some(message) => write!(f, "{message}"),
                None => write!(f, "Some details need correcting. Please check the highlighted fields."),
            },
            ApiError::Throttled { wait_secs: Some(s) } if *s > 0 => {
                write!(f, "Too many attempts. Please wait {} and try again.", wait_phrase(*s))
            }
            ApiError::Throttled { .. } => write!(f, "Too many attempts. Please wait a little and try again."),
            ApiError::Server { .. } => {
                write!(f, "Testpress is having trouble right now. Please try again in a few minutes.")
            }
            ApiError::BadResponse => {
                write!(f, "Testpress sent an answer we couldn't read. Please try again in a few minutes.")
            }
            ApiError::Unexpected { status } => write!(f, "Something went wrong (error {status}). Please try again."),
        }
    }
}

impl std::error::Error for ApiError {}

fn wait_phrase(secs: u64) -> String {
    match secs {
        1 => "1 second".into(),
        s if s < 90 => format!("{s} seconds"),
        s => format!("{} minutes", s.div_ceil(60)),
    }
}

impl ApiError {
    /// Worth offering "Try again" for: the same request may well work later.
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            ApiError::Network
                | ApiError::Timeout
                | ApiError::Throttled { .. }
                | ApiError::Server { .. }
                | ApiError::BadResponse
                | ApiError::Unexpected { .. }
        )
    }
}

/// Turns a non-2xx answer into an error. `retry_after` is the header's value, if any.
pub fn classify(status: u16, retry_after: Option<&str>, body: &str) -> ApiError {
    let json: Option<Value> = serde_json::from_str(body).ok();
    let object = json.as_ref().and_then(Value::as_object);
    // DRF puts `detail` at the top; Testpress sometimes nests {error_code, message, title} in it.
    let detail = object.and_then(|o| o.get("detail"));
    let (code, title, message) = match detail {
        Some(Value::Object(d)) => (str_of(d.get("error_code")), str_of(d.get("title")), str_of(d.get("message"))),
        Some(Value::String(s)) => (
            str_of(object.and_then(|o| o.get("error_code"))),
            str_of(object.and_then(|o| o.get("title"))),
            s.trim().to_string(),
        ),
        _ => (str_of(object.and_then(|o| o.get("error_code"))), String::new(), String::new()),
    };
    match status {
        400 => ApiError::Invalid(field_errors(object)),
        401 => ApiError::SessionExpired,
        403 if code.is_empty() => ApiError::SessionExpired,
        403 => ApiError::Refused { title, message },
        404 => ApiError::NotFound,
        429 => ApiError::Throttled { wait_secs: retry_after.and_then(parse_wait).or_else(|| wait_in_text(&message)) },
        500..=599 => ApiError::Server { status },
        _ => ApiError::Unexpected { status },
    }
}

fn str_of(value: Option<&Value>) -> String {
    value.and_then(Value::as_str).map(|s| s.trim().to_string()).unwrap_or_default()
}

fn parse_wait(header: &str) -> Option<u64> {
    header.trim().parse::<f64>().ok().filter(|s| s.is_finite() && *s >= 0.0).map(|s| s.ceil() as u64)
}

/// DRF's "Request was throttled. Expected available in 38 seconds."
fn wait_in_text(message: &str) -> Option<u64> {
    let tail = message.split("available in ").nth(1)?;
    parse_wait(tail.split_whitespace().next()?)
}

fn messages(value: &Value) -> Vec<String> {
    match value {
        Value::String(s) if !s.trim().is_empty() => vec![s.trim().to_string()],
        Value::Array(items) => items.iter().flat_map(messages).collect(),
        // Nested serializer errors: flatten their messages.
        Value::Object(o) => o.values().flat_map(messages).collect(),
        _ => Vec::new(),
    }
}

fn field_errors(object: Option<&serde_json::Map<String, Value>>) -> FieldErrors {
    let mut errors = FieldErrors::default();
    for (key, value) in object.into_iter().flatten() {
        let list = messages(value);
        if list.is_empty() {
            continue;
        }
        if key == "non_field_errors" || key == "detail" {
            errors.general.extend(list);
        } else {
            errors.fields.push((key.clone(), list));
        }
    }
    errors
}

/// How long a request may take before the student is told.
pub const TIMEOUT_MS: u32 = 20_000;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Put,
}

/// Sends one request to the configured API and returns its JSON body.
///
/// With a `session`, the token goes in `Authorization: JWT …`; a token that is already
/// expired is not sent at all, and any answer meaning "signed out" signs the session out.
pub async fn send(
    session: Option<Session>,
    method: Method,
    path: &str,
    body: Option<String>,
) -> Result<Value, ApiError> {
    send_reporting(session, method, path, body, None).await
}

/// `send`, reporting upload progress (0.0–1.0) to `progress` when given.
async fn send_reporting(
    session: Option<Session>,
    method: Method,
    path: &str,
    body: Option<String>,
    progress: Option<Box<dyn Fn(f64)>>,
) -> Result<Value, ApiError> {
    let url = crate::config::api_url(path);
    let result = match session.map(|s| s.token_for_request()) {
        // Expired on our clock: no point sending it.
        Some(None) => Err(ApiError::SessionExpired),
        token => {
            let token = token.flatten();
            match progress {
                Some(report) => transport::xhr(method, &url, token.as_deref(), body, report).await,
                None => transport::fetch(method, &url, token.as_deref(), body).await,
            }
        }
    };
    let outcome = match result {
        Ok((status, _, text)) if (200..300).contains(&status) => {
            if text.trim().is_empty() {
                Ok(Value::Null)
            } else {
                serde_json::from_str(&text).map_err(|_| ApiError::BadResponse)
            }
        }
        Ok((status, retry_after, text)) => Err(classify(status, retry_after.as_deref(), &text)),
        Err(e) => Err(e),
    };
    if let (Some(session), Err(ApiError::SessionExpired)) = (session, &outcome) {
        // Signing out unmounts the page that asked. Deferred one task, so the caller's own
        // updates on this result run before its signals are disposed.
        leptos::task::spawn_local(async move { session.expire() });
    }
    outcome
}

fn profile_from(value: Value) -> Result<Profile, ApiError> {
    Profile::from_json(&value, &crate::config::page_origin()).map_err(|_| ApiError::BadResponse)
}

/// `POST /auth-token/` → the JWT.
pub async fn sign_in(username: &str, password: &str) -> Result<String, ApiError> {
    let body = serde_json::json!({ "username": username, "password": password }).to_string();
    let answer = send(None, Method::Post, "/api/v2.2/auth-token/", Some(body)).await?;
    answer
        .get("token")
        .and_then(Value::as_str)
        .map(str::to_string)
        .filter(|t| !t.is_empty())
        .ok_or(ApiError::BadResponse)
}

/// `GET /me/`: the signed-in student, every field.
pub async fn me(session: Session) -> Result<Profile, ApiError> {
    profile_from(send(Some(session), Method::Get, "/api/v2.2/me/", None).await?)
}

/// `GET /users/{id}/`: someone's public page.
pub async fn user(session: Session, id: u64) -> Result<Profile, ApiError> {
    profile_from(send(Some(session), Method::Get, &format!("/api/v2.2/users/{id}/"), None).await?)
}

/// `PUT /users/{id}/` with only the changed fields; answers the saved profile (PUT shape).
pub async fn update_profile(
    session: Session,
    id: u64,
    changes: serde_json::Map<String, Value>,
) -> Result<Profile, ApiError> {
    let body = Value::Object(changes).to_string();
    profile_from(send(Some(session), Method::Put, &format!("/api/v2.2/users/{id}/"), Some(body)).await?)
}

/// A new photo, as the Android app sends it: base64 JPEG and the crop square in its pixels.
pub struct PhotoUpload {
    pub jpeg_base64: String,
    pub x: u32,
    pub y: u32,
    pub side: u32,
}

/// `PUT /users/{id}/` with a photo, reporting upload progress.
pub async fn upload_photo(
    session: Session,
    id: u64,
    photo: PhotoUpload,
    progress: impl Fn(f64) + 'static,
) -> Result<Profile, ApiError> {
    let body = serde_json::json!({
        "photo": photo.jpeg_base64,
        "x_offset": photo.x,
        "y_offset": photo.y,
        "crop_width": photo.side,
        "crop_height": photo.side,
    })
    .to_string();
    let path = format!("/api/v2.2/users/{id}/");
    profile_from(send_reporting(Some(session), Method::Put, &path, Some(body), Some(Box::new(progress))).await?)
}

/// The browser side of `send`: fetch with a timeout, abort on cleanup, no redirects.
mod transport {
    use super::{ApiError, Method, TIMEOUT_MS};
    use gloo_net::http::{Request, RequestBuilder};
    use leptos::prelude::{set_timeout_with_handle, Owner};
    use send_wrapper::SendWrapper;
    use std::cell::Cell;
    use std::rc::Rc;
    use std::time::Duration;
    use web_sys::{AbortController, RequestCache, RequestRedirect};

    /// `(status, Retry-After, body)`, or the reason there was no answer.
    pub async fn fetch(
        method: Method,
        url: &str,
        token: Option<&str>,
        body: Option<String>,
    ) -> Result<(u16, Option<String>, String), ApiError> {
        let controller = AbortController::new().ok();
        let signal = controller.as_ref().map(|c| c.signal());
        let timed_out = Rc::new(Cell::new(false));
        let timer = {
            let (controller, timed_out) = (controller.clone(), timed_out.clone());
            set_timeout_with_handle(
                move || {
                    timed_out.set(true);
                    if let Some(c) = controller {
                        c.abort();
                    }
                },
                Duration::from_millis(TIMEOUT_MS.into()),
            )
            .ok()
        };
        // Leaving the page that asked (or re-running its resource) cancels the request.
        let on_leave = SendWrapper::new(controller);
        Owner::on_cleanup(move || {
            if let Some(c) = on_leave.take() {
                c.abort();
            }
        });

        let builder: RequestBuilder = match method {
            Method::Get => Request::get(url),
            Method::Post => Request::post(url),
            Method::Put => Request::put(url),
        };
        // A redirect could carry the request (and the student's data) somewhere else.
        let mut builder =
            builder.redirect(RequestRedirect::Error).cache(RequestCache::NoStore).abort_signal(signal.as_ref());
        if let Some(token) = token {
            builder = builder.header("Authorization", &format!("JWT {token}"));
        }
        let request = match body {
            Some(json) => builder.header("Content-Type", "application/json").body(json),
            None => builder.build(),
        };
        let response = match request {
            Ok(r) => r.send().await,
            Err(_) => return Err(ApiError::Network),
        };
        if let Some(t) = timer {
            t.clear();
        }
        let response = response.map_err(|_| if timed_out.get() { ApiError::Timeout } else { ApiError::Network })?;
        let retry_after = response.headers().get("Retry-After");
        let status = response.status();
        let text =
            response.text().await.map_err(|_| if timed_out.get() { ApiError::Timeout } else { ApiError::Network })?;
        Ok((status, retry_after, text))
    }

    /// XMLHttpRequest, only because fetch cannot report upload progress. Same contract as
    /// `fetch`: a timeout, abort when the page goes away, the token only in the header.
    pub async fn xhr(
        method: Method,
        url: &str,
        token: Option<&str>,
        body: Option<String>,
        progress: Box<dyn Fn(f64)>,
    ) -> Result<(u16, Option<String>, String), ApiError> {
        use wasm_bindgen::closure::Closure;
        use wasm_bindgen::JsCast;
        use web_sys::{ProgressEvent, XmlHttpRequest};

        let request = XmlHttpRequest::new().map_err(|_| ApiError::Network)?;
        let verb = match method {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
        };
        request.open_with_async(verb, url, true).map_err(|_| ApiError::Network)?;
        request.set_timeout(TIMEOUT_MS * 6); // photos take longer than JSON
        if let Some(token) = token {
            request.set_request_header("Authorization", &format!("JWT {token}")).map_err(|_| ApiError::Network)?;
        }
        if body.is_some() {
            request.set_request_header("Content-Type", "application/json").map_err(|_| ApiError::Network)?;
        }
        let on_progress = Closure::<dyn Fn(ProgressEvent)>::new(move |ev: ProgressEvent| {
            if ev.length_computable() && ev.total() > 0.0 {
                progress((ev.loaded() / ev.total()).clamp(0.0, 1.0));
            }
        });
        if let Ok(upload) = request.upload() {
            upload.set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
        }
        let timed_out = Rc::new(Cell::new(false));
        let finished = js_sys::Promise::new(&mut |resolve, _| {
            request.set_onloadend(Some(&resolve));
            let timed_out = timed_out.clone();
            let on_timeout = Closure::once_into_js(move || timed_out.set(true));
            request.set_ontimeout(Some(on_timeout.unchecked_ref()));
        });
        let on_leave = SendWrapper::new(request.clone());
        Owner::on_cleanup(move || {
            let _ = on_leave.abort();
        });
        request.send_with_opt_str(body.as_deref()).map_err(|_| ApiError::Network)?;
        let _ = wasm_bindgen_futures::JsFuture::from(finished).await;
        drop(on_progress);
        let status = request.status().unwrap_or(0);
        if status == 0 {
            return Err(if timed_out.get() { ApiError::Timeout } else { ApiError::Network });
        }
        let retry_after = request.get_response_header("Retry-After").ok().flatten();
        let text = request.response_text().ok().flatten().unwrap_or_default();
        Ok((status, retry_after, text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_credentials_are_field_errors_with_the_servers_sentence() {
        let e = classify(400, None, r#"{"non_field_errors": ["Unable to log in with provided credentials."]}"#);
        assert_eq!(e.to_string(), "Unable to log in with provided credentials.");
        let e = classify(400, None, r#"{"phone": ["Enter a valid phone number."], "zip": ["Bad.", "Worse."]}"#);
        let ApiError::Invalid(fields) = &e else { panic!("{e:?}") };
        assert_eq!(fields.for_field("zip").as_deref(), Some("Bad. Worse."));
        assert_eq!(fields.for_field("email"), None);
        assert!(e.to_string().contains("highlighted fields"));
    }

    #[test]
    fn signed_out_answers() {
        assert_eq!(classify(401, None, r#"{"detail": "Signature has expired."}"#), ApiError::SessionExpired);
        assert_eq!(classify(403, None, r#"{"detail": "You do not have permission."}"#), ApiError::SessionExpired);
        assert_eq!(classify(401, None, "<html>"), ApiError::SessionExpired);
    }

    #[test]
    fn coded_403s_show_the_servers_words() {
        let nested = r#"{"detail": {"error_code": "parallel_login_restriction", "title": "Signed in elsewhere", "message": "You are signed in on another device."}}"#;
        assert_eq!(
            classify(403, None, nested).to_string(),
            "Signed in elsewhere: You are signed in on another device."
        );
        let flat = r#"{"detail": "Maximum logins reached.", "error_code": "max_login_exceeded"}"#;
        assert_eq!(classify(403, None, flat).to_string(), "Maximum logins reached.");
    }

    #[test]
    fn throttling_says_how_long_to_wait() {
        let body = r#"{"detail": "Request was throttled. Expected available in 38 seconds."}"#;
        assert_eq!(classify(429, None, body), ApiError::Throttled { wait_secs: Some(38) });
        assert_eq!(
            classify(429, Some("120"), "{}").to_string(),
            "Too many attempts. Please wait 2 minutes and try again."
        );
        assert_eq!(classify(429, Some("1"), "").to_string(), "Too many attempts. Please wait 1 second and try again.");
        assert_eq!(classify(429, Some("soon"), "nope"), ApiError::Throttled { wait_secs: None });
    }

    #[test]
    fn everything_else_has_a_sentence_and_never_debug_text() {
        for (status, body) in
            [(500, ""), (502, "<html>Bad gateway</html>"), (503, "{}"), (404, "{}"), (418, "x"), (400, "[]")]
        {
            let text = classify(status, None, body).to_string();
            assert!(text.ends_with('.') && !text.contains("ApiError") && !text.contains('{'), "{status}: {text}");
        }
        for e in [ApiError::Network, ApiError::Timeout, ApiError::BadResponse] {
            assert!(e.is_transient() && e.to_string().len() > 20);
        }
        assert!(!ApiError::SessionExpired.is_transient());
    }
}
