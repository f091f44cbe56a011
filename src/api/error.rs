//! Every way a call can fail, as a typed error whose text is a sentence for the student.

use crate::i18n::{t, tf, Msg};
use crate::json::Json;
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
        let text = match self {
            ApiError::Network => t(Msg::ErrNetwork),
            ApiError::Timeout => t(Msg::ErrTimeout),
            ApiError::SessionExpired => t(Msg::SessionExpired),
            ApiError::Refused { title, message } => match (title.is_empty(), message.is_empty()) {
                (false, false) => [title.as_str(), ": ", message].concat(),
                (true, false) => message.clone(),
                (false, true) => title.clone(),
                (true, true) => t(Msg::ErrRefused),
            },
            ApiError::NotFound => t(Msg::ErrNotFound),
            ApiError::Invalid(errors) => match errors.general.first() {
                Some(message) => message.clone(),
                None => t(Msg::ErrInvalid),
            },
            ApiError::Throttled { wait_secs: Some(s) } if *s > 0 => {
                tf(Msg::ErrThrottledFor, &[("wait", &wait_phrase(*s))])
            }
            ApiError::Throttled { .. } => t(Msg::ErrThrottled),
            ApiError::Server { .. } => t(Msg::ErrServer),
            ApiError::BadResponse => t(Msg::ErrBadResponse),
            ApiError::Unexpected { status } => tf(Msg::ErrUnexpected, &[("status", &status.to_string())]),
        };
        f.write_str(&text)
    }
}

impl std::error::Error for ApiError {}

fn wait_phrase(secs: u64) -> String {
    match secs {
        1 => t(Msg::WaitOneSecond),
        s if s < 90 => tf(Msg::WaitSeconds, &[("n", &s.to_string())]),
        s => tf(Msg::WaitMinutes, &[("n", &s.div_ceil(60).to_string())]),
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

    /// No answer arrived at all: the device is offline or the network failed on the way.
    pub fn is_connection(&self) -> bool {
        matches!(self, ApiError::Network | ApiError::Timeout)
    }
}

/// Turns a non-2xx answer into an error. `retry_after` is the header's value, if any.
pub fn classify(status: u16, retry_after: Option<&str>, body: &str) -> ApiError {
    let json = Json::parse(body).unwrap_or_default();
    // DRF puts `detail` at the top; Testpress sometimes nests {error_code, message, title} in it.
    let (code, title, message) = match json.get("detail") {
        Some(detail @ Json::Object(_)) => {
            (str_of(detail.get("error_code")), str_of(detail.get("title")), str_of(detail.get("message")))
        }
        Some(Json::String(s)) => (str_of(json.get("error_code")), str_of(json.get("title")), s.trim().to_string()),
        _ => (str_of(json.get("error_code")), String::new(), String::new()),
    };
    match status {
        400 => ApiError::Invalid(field_errors(json.as_object().unwrap_or_default())),
        401 => ApiError::SessionExpired,
        403 if code.is_empty() => ApiError::SessionExpired,
        403 => ApiError::Refused { title, message },
        404 => ApiError::NotFound,
        429 => ApiError::Throttled { wait_secs: retry_after.and_then(parse_wait).or_else(|| wait_in_text(&message)) },
        500..=599 => ApiError::Server { status },
        _ => ApiError::Unexpected { status },
    }
}

fn str_of(value: Option<&Json>) -> String {
    value.and_then(Json::as_str).map(|s| s.trim().to_string()).unwrap_or_default()
}

/// Whole seconds (`Retry-After: 120`, or `38.2` rounded up); not an HTTP date.
fn parse_wait(text: &str) -> Option<u64> {
    let (whole, fraction) = text.trim().split_once('.').unwrap_or((text.trim(), ""));
    let digits = |s: &str| !s.is_empty() && s.len() <= 9 && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(whole) || !(fraction.is_empty() || digits(fraction)) {
        return None;
    }
    let seconds: u64 = whole.parse().ok()?;
    Some(seconds + u64::from(fraction.bytes().any(|b| b != b'0')))
}

/// DRF's "Request was throttled. Expected available in 38 seconds."
fn wait_in_text(message: &str) -> Option<u64> {
    let tail = message.split("available in ").nth(1)?;
    parse_wait(tail.split_whitespace().next()?)
}

fn messages(value: &Json) -> Vec<String> {
    match value {
        Json::String(s) if !s.trim().is_empty() => vec![s.trim().to_string()],
        Json::Array(items) => items.iter().flat_map(messages).collect(),
        // Nested serializer errors: flatten their messages.
        Json::Object(members) => members.iter().flat_map(|(_, v)| messages(v)).collect(),
        _ => Vec::new(),
    }
}

fn field_errors(object: &[(String, Json)]) -> FieldErrors {
    let mut errors = FieldErrors::default();
    for (key, value) in object {
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
