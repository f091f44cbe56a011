//! The sentence a student reads for each way a call can fail, in the language shown: the
//! server's own words where it gave them (a refusal, a field error), else the app's.

use crate::api_error::ApiError;
use crate::i18n::{t, tf, Msg};
use std::fmt;

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            // Cancelled is never shown (nobody waits for it); were it, no answer came.
            ApiError::Network | ApiError::Cancelled => t(Msg::ErrNetwork),
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

fn wait_phrase(secs: u64) -> String {
    match secs {
        1 => t(Msg::WaitOneSecond),
        s if s < 90 => tf(Msg::WaitSeconds, &[("n", &s.to_string())]),
        s => tf(Msg::WaitMinutes, &[("n", &s.div_ceil(60).to_string())]),
    }
}

impl std::error::Error for ApiError {}

#[cfg(test)]
mod tests {
    // Natively the language is English, the default (Hindi and Tamil are fetched files).
    use super::*;
    use crate::api_error::FieldErrors;

    fn refused(title: &str, message: &str) -> ApiError {
        ApiError::Refused { code: "x".into(), title: title.into(), message: message.into() }
    }

    #[test]
    fn the_servers_words_where_it_gave_them() {
        let general = |m: &str| ApiError::Invalid(FieldErrors { fields: vec![], general: vec![m.into()] });
        assert_eq!(general("Check these.").to_string(), "Check these.");
        let fields_only =
            ApiError::Invalid(FieldErrors { fields: vec![("phone".into(), vec!["Bad.".into()])], general: vec![] });
        assert!(fields_only.to_string().contains("highlighted fields"), "{fields_only}");
        assert_eq!(
            refused("Signed in elsewhere", "Sign out there.").to_string(),
            "Signed in elsewhere: Sign out there."
        );
        assert_eq!(refused("", "Locked.").to_string(), "Locked.");
        assert_eq!(refused("Device bound", "").to_string(), "Device bound");
        assert_eq!(refused("", "").to_string(), "It looks like you don't have access to this.");
    }

    #[test]
    fn the_apps_own_sentences_otherwise() {
        assert!(ApiError::WrongCredentials.to_string().starts_with("That username and password don't match."));
        let wait = |s| ApiError::Throttled { wait_secs: Some(s) }.to_string();
        assert_eq!(wait(120), "Too many attempts. Please wait 2 minutes and try again.");
        assert_eq!(wait(1), "Too many attempts. Please wait 1 second and try again.");
        for e in [
            ApiError::Network,
            ApiError::Timeout,
            ApiError::BadResponse,
            ApiError::NotFound,
            ApiError::Server { status: 502 },
            ApiError::Unexpected { status: 418 },
            ApiError::Throttled { wait_secs: None },
        ] {
            let text = e.to_string();
            assert!(text.len() > 20 && text.ends_with('.') && !text.contains("ApiError"), "{e:?}: {text}");
        }
    }
}
