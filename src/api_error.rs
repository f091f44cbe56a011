//! Every way a call to the API can fail, as data: the kind of failure and, where the server
//! gave them, its own words. The sentences a student reads are made where errors are shown
//! (src/components/error_text.rs), in the language shown then.

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

/// A failed call. Its `Display` (the student's sentence) is in src/components/error_text.rs.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// No answer at all: offline, DNS, refused, CORS, or a redirect we refuse to follow.
    Network,
    Timeout,
    /// The page (or resource) that asked went away first and the request was aborted: nobody
    /// waits for this answer, and whether the server acted on the request is not known.
    Cancelled,
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

    /// A failure of the sign-in call, which sends no token: "signed out" there means the
    /// username and password were not accepted, not that a session ended.
    pub fn at_sign_in(self) -> ApiError {
        match self {
            ApiError::SessionExpired => ApiError::WrongCredentials,
            other => other,
        }
    }
}
