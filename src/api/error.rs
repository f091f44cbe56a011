//! Every way a call can fail, as a typed error whose text is a sentence for the student.

use super::error_body::{field_messages, words};
use crate::i18n::{t, tf, Msg};
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
    /// 401, or a 403 saying the credentials are missing or bad: the token is no good any more.
    SessionExpired,
    /// The sign-in call's 401: the username and password were not accepted.
    WrongCredentials,
    /// Any other 403: the student may not do this, and stays signed in. The server's words,
    /// and its `error_code` (e.g. `parallel_login_restriction`, `max_login_exceeded`,
    /// `device_already_bound`, `unauthorized_device`; `""` when none) for screens to branch on.
    Refused {
        code: String,
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
            ApiError::WrongCredentials => t(Msg::WrongCredentials),
            ApiError::Refused { title, message, .. } => match (title.is_empty(), message.is_empty()) {
                (false, false) => [title.as_str(), ": ", message].concat(),
                (true, false) => message.clone(),
                (false, true) => title.clone(),
                (true, true) => t(Msg::ErrNoAccess),
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
    let words = words(body);
    match status {
        400 => ApiError::Invalid(field_errors(field_messages(body))),
        401 => ApiError::SessionExpired,
        403 if words.code.is_empty() && says_credentials_are_bad(&words.message) => ApiError::SessionExpired,
        403 => ApiError::Refused { code: words.code, title: words.title, message: words.message },
        404 => ApiError::NotFound,
        429 => {
            ApiError::Throttled { wait_secs: retry_after.and_then(parse_wait).or_else(|| wait_in_text(&words.message)) }
        }
        500..=599 => ApiError::Server { status },
        _ => ApiError::Unexpected { status },
    }
}

/// A 403 that means "who are you?" rather than "not you": the server's own sentences for a
/// missing, expired or forged token (DRF and its JWT library). Only these end the session.
fn says_credentials_are_bad(message: &str) -> bool {
    const PHRASES: [&str; 6] = [
        "credentials were not provided",
        "invalid signature",
        "signature has expired",
        "error decoding signature",
        "token expired",
        "invalid token",
    ];
    let message = message.to_ascii_lowercase();
    PHRASES.iter().any(|phrase| message.contains(phrase))
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

fn field_errors(members: Vec<(String, Vec<String>)>) -> FieldErrors {
    let mut errors = FieldErrors::default();
    for (key, list) in members {
        if list.is_empty() {
            continue;
        }
        if key == "non_field_errors" || key == "detail" {
            errors.general.extend(list);
        } else {
            errors.fields.push((key, list));
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
        let e = classify(
            400,
            None,
            r#"{"detail": "Check these.", "phone": ["Enter a valid phone number."], "zip": ["Bad.", "Worse."], "x": [null]}"#,
        );
        let ApiError::Invalid(fields) = &e else { panic!("{e:?}") };
        assert_eq!(fields.for_field("zip").as_deref(), Some("Bad. Worse."));
        assert_eq!(fields.for_field("email"), None);
        assert_eq!(fields.for_field("x"), None, "no messages, no entry");
        assert_eq!(fields.general, ["Check these."]);
        assert_eq!(e.to_string(), "Check these.");
        let e = classify(400, None, r#"{"phone": ["Enter a valid phone number."]}"#);
        assert!(e.to_string().contains("highlighted fields"));
    }

    #[test]
    fn signed_out_answers() {
        assert_eq!(classify(401, None, r#"{"detail": "Signature has expired."}"#), ApiError::SessionExpired);
        assert_eq!(classify(401, None, r#"{"message": "Token expired"}"#), ApiError::SessionExpired);
        assert_eq!(classify(401, None, "<html>"), ApiError::SessionExpired);
        assert_eq!(classify(401, None, ""), ApiError::SessionExpired);
        // A 403 ends the session only when its words say the credentials are missing or bad.
        for words in [
            "Authentication credentials were not provided.",
            "Invalid signature.",
            "SIGNATURE HAS EXPIRED.",
            "Error decoding signature.",
        ] {
            let body = format!(r#"{{"detail": "{words}"}}"#);
            assert_eq!(classify(403, None, &body), ApiError::SessionExpired, "{words}");
        }
        assert_eq!(classify(403, None, r#"{"message": "Token expired"}"#), ApiError::SessionExpired);
    }

    #[test]
    fn any_other_403_is_a_refusal_that_keeps_the_student_signed_in() {
        let refused = |code: &str, title: &str, message: &str| ApiError::Refused {
            code: code.into(),
            title: title.into(),
            message: message.into(),
        };
        let permission = r#"{"detail": "You do not have permission to perform this action."}"#;
        assert_eq!(
            classify(403, None, permission),
            refused("", "", "You do not have permission to perform this action.")
        );
        assert_eq!(classify(403, None, permission).to_string(), "You do not have permission to perform this action.");
        assert_eq!(
            classify(403, None, r#"{"message": "Editing is turned off."}"#).to_string(),
            "Editing is turned off.",
            "`message` where `detail` is absent"
        );
        for wordless in ["", "{}", "<html>Forbidden</html>", r#"{"detail": null}"#, "[]"] {
            let e = classify(403, None, wordless);
            assert_eq!(e, refused("", "", ""), "{wordless}");
            assert_eq!(e.to_string(), "It looks like you don't have access to this.");
            assert!(!e.is_transient());
        }
        // A coded 403 is a refusal even when its words mention the token.
        let coded = r#"{"error_code": "unauthorized_device", "detail": "Invalid token for this device."}"#;
        assert_eq!(classify(403, None, coded), refused("unauthorized_device", "", "Invalid token for this device."));
    }

    #[test]
    fn coded_403s_show_the_servers_words() {
        let nested = r#"{"detail": {"error_code": "parallel_login_restriction", "title": "Signed in elsewhere", "message": "You are signed in on another device."}}"#;
        assert_eq!(
            classify(403, None, nested).to_string(),
            "Signed in elsewhere: You are signed in on another device."
        );
        let ApiError::Refused { code, .. } = classify(403, None, nested) else { panic!("a refusal") };
        assert_eq!(code, "parallel_login_restriction", "the code is kept for screens to branch on");
        let flat = r#"{"detail": "Maximum logins reached.", "error_code": "max_login_exceeded"}"#;
        assert_eq!(classify(403, None, flat).to_string(), "Maximum logins reached.");
        let ApiError::Refused { code, .. } = classify(403, None, flat) else { panic!("a refusal") };
        assert_eq!(code, "max_login_exceeded");
        let titled =
            r#"{"error_code": "device_already_bound", "title": "Device bound", "detail": "Use your own device."}"#;
        assert_eq!(classify(403, None, titled).to_string(), "Device bound: Use your own device.");
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
