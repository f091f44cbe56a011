//! Classification: a non-2xx answer (its status, `Retry-After` and body) as an `ApiError`.

use super::error_body::{field_messages, words};
pub use crate::api_error::{ApiError, FieldErrors};

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

    fn refused(code: &str, title: &str, message: &str) -> ApiError {
        ApiError::Refused { code: code.into(), title: title.into(), message: message.into() }
    }

    fn general(messages: &[&str]) -> ApiError {
        ApiError::Invalid(FieldErrors { fields: vec![], general: messages.iter().map(|m| m.to_string()).collect() })
    }

    #[test]
    fn a_400_is_field_errors_with_the_servers_words() {
        let e = classify(400, None, r#"{"non_field_errors": ["Unable to log in with provided credentials."]}"#);
        assert_eq!(e, general(&["Unable to log in with provided credentials."]));
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
        let ApiError::Invalid(fields) = classify(400, None, r#"{"phone": ["Enter a valid phone number."]}"#) else {
            panic!("field errors")
        };
        assert!(fields.general.is_empty());
        assert_eq!(fields.for_field("phone").as_deref(), Some("Enter a valid phone number."));
        assert_eq!(classify(400, None, "[]"), general(&[]), "no words: still a 400");
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
    fn a_401_at_sign_in_is_the_username_and_password() {
        for (status, body) in [
            (401, r#"{"detail": "Invalid credentials."}"#),
            (401, ""),
            (403, r#"{"detail": "Authentication credentials were not provided."}"#),
        ] {
            let e = classify(status, None, body).at_sign_in();
            assert_eq!(e, ApiError::WrongCredentials, "{status} {body}");
            assert!(!e.is_transient());
        }
        let coded = r#"{"error_code": "max_login_exceeded", "detail": "Locked."}"#;
        assert_eq!(classify(403, None, coded).at_sign_in(), refused("max_login_exceeded", "", "Locked."));
        assert_eq!(classify(429, Some("3"), "").at_sign_in(), ApiError::Throttled { wait_secs: Some(3) });
    }

    #[test]
    fn any_other_403_is_a_refusal_that_keeps_the_student_signed_in() {
        let permission = r#"{"detail": "You do not have permission to perform this action."}"#;
        assert_eq!(
            classify(403, None, permission),
            refused("", "", "You do not have permission to perform this action.")
        );
        assert_eq!(
            classify(403, None, r#"{"message": "Editing is turned off."}"#),
            refused("", "", "Editing is turned off."),
            "`message` where `detail` is absent"
        );
        for wordless in ["", "{}", "<html>Forbidden</html>", r#"{"detail": null}"#, "[]"] {
            let e = classify(403, None, wordless);
            assert_eq!(e, refused("", "", ""), "{wordless}");
            assert!(!e.is_transient());
        }
        // A coded 403 is a refusal even when its words mention the token.
        let coded = r#"{"error_code": "unauthorized_device", "detail": "Invalid token for this device."}"#;
        assert_eq!(classify(403, None, coded), refused("unauthorized_device", "", "Invalid token for this device."));
    }

    #[test]
    fn coded_403s_keep_the_servers_words_and_code() {
        let nested = r#"{"detail": {"error_code": "parallel_login_restriction", "title": "Signed in elsewhere", "message": "You are signed in on another device."}}"#;
        assert_eq!(
            classify(403, None, nested),
            refused("parallel_login_restriction", "Signed in elsewhere", "You are signed in on another device.")
        );
        let flat = r#"{"detail": "Maximum logins reached.", "error_code": "max_login_exceeded"}"#;
        assert_eq!(classify(403, None, flat), refused("max_login_exceeded", "", "Maximum logins reached."));
        let titled =
            r#"{"error_code": "device_already_bound", "title": "Device bound", "detail": "Use your own device."}"#;
        assert_eq!(
            classify(403, None, titled),
            refused("device_already_bound", "Device bound", "Use your own device.")
        );
    }

    #[test]
    fn throttling_knows_how_long_to_wait() {
        let body = r#"{"detail": "Request was throttled. Expected available in 38 seconds."}"#;
        assert_eq!(classify(429, None, body), ApiError::Throttled { wait_secs: Some(38) });
        assert_eq!(classify(429, Some("120"), "{}"), ApiError::Throttled { wait_secs: Some(120) });
        assert_eq!(classify(429, Some("1.2"), ""), ApiError::Throttled { wait_secs: Some(2) });
        assert_eq!(classify(429, Some("soon"), "nope"), ApiError::Throttled { wait_secs: None });
    }

    #[test]
    fn everything_else_by_its_status() {
        for status in [500, 502, 503] {
            assert_eq!(classify(status, None, "<html>Bad gateway</html>"), ApiError::Server { status });
        }
        assert_eq!(classify(404, None, "{}"), ApiError::NotFound);
        assert_eq!(classify(418, None, "x"), ApiError::Unexpected { status: 418 });
        for e in [ApiError::Network, ApiError::Timeout, ApiError::BadResponse, ApiError::Server { status: 502 }] {
            assert!(e.is_transient());
        }
        assert!(!ApiError::SessionExpired.is_transient());
    }
}
