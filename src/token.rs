//! Reading a Testpress JWT without verifying it: the app only needs who it names and when it
//! expires. The server verifies the signature on every call.

use serde::Deserialize;

/// What the app uses from a token's payload (other fields are ignored). Both are required,
/// and strictly typed: a token is the server's own writing, not a loose answer.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Claims {
    pub user_id: u64,
    /// Seconds since the epoch.
    pub exp: f64,
}

impl Claims {
    /// Whether the token is expired, or so near it that a request sent now would arrive too
    /// late, at `now_secs`.
    pub fn expired_at(&self, now_secs: f64) -> bool {
        self.exp - EXPIRY_LEEWAY_SECS <= now_secs
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenError {
    /// Not three base64url parts with a JSON payload naming a user and an expiry.
    Malformed,
    Expired,
}

/// Tokens within this many seconds of expiry count as expired.
const EXPIRY_LEEWAY_SECS: f64 = 10.0;

/// Decodes `raw` and checks it has not expired at `now_secs`.
pub fn decode(raw: &str, now_secs: f64) -> Result<Claims, TokenError> {
    let claims = decode_unchecked(raw)?;
    if claims.expired_at(now_secs) {
        return Err(TokenError::Expired);
    }
    Ok(claims)
}

pub fn decode_unchecked(raw: &str) -> Result<Claims, TokenError> {
    // Real tokens are a few hundred bytes; refuse to chew on anything absurd.
    if raw.len() > 8 * 1024 {
        return Err(TokenError::Malformed);
    }
    let mut parts = raw.split('.');
    let (Some(_header), Some(payload), Some(signature), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(TokenError::Malformed);
    };
    if signature.is_empty() {
        return Err(TokenError::Malformed);
    }
    let bytes = base64url_decode(payload).ok_or(TokenError::Malformed)?;
    let text = std::str::from_utf8(&bytes).map_err(|_| TokenError::Malformed)?;
    let claims: Claims = crate::lenient::parse(text).map_err(|_| TokenError::Malformed)?;
    if claims.user_id == 0 || !claims.exp.is_finite() {
        return Err(TokenError::Malformed);
    }
    Ok(claims)
}

/// RFC 4648 base64url without padding (padding tolerated). `None` on any other character.
pub fn base64url_decode(input: &str) -> Option<Vec<u8>> {
    fn value(c: u8) -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' => 62,
            b'_' => 63,
            _ => return None,
        } as u32)
    }
    let trimmed = input.trim_end_matches('=');
    if trimmed.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(trimmed.len() * 3 / 4);
    for chunk in trimmed.as_bytes().chunks(4) {
        let mut acc = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            acc |= value(c)? << (18 - 6 * i);
        }
        let bytes = acc.to_be_bytes();
        out.extend_from_slice(&bytes[1..chunk.len()]);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The token from the published docs (payload: testpress, 17, exp 1447833229).
    const DOCS_TOKEN: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ1c2VybmFtZSI6InRlc3RwcmVzcyIsInVzZXJfaWQiOjE3LCJlbWFpbCI6InRlc3RwcmVzcy5pbkBnbWFpbC5jb20iLCJleHAiOjE0NDc4MzMyMjl9.Ik_yi4lHbNbrRGhqmRpsW82Nls_O9lgXakk_syV-vSw";

    fn token_with(payload: &str) -> String {
        let encoded = encode(payload.as_bytes());
        format!("eyJhbGciOiJIUzI1NiJ9.{encoded}.c2ln")
    }

    fn encode(bytes: &[u8]) -> String {
        const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        let mut out = String::new();
        for chunk in bytes.chunks(3) {
            let mut buf = [0u8; 3];
            buf[..chunk.len()].copy_from_slice(chunk);
            let n = u32::from_be_bytes([0, buf[0], buf[1], buf[2]]);
            for i in 0..=chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            }
        }
        out
    }

    #[test]
    fn decodes_the_documented_token() {
        let claims = decode_unchecked(DOCS_TOKEN).unwrap();
        assert_eq!(claims, Claims { user_id: 17, exp: 1447833229.0 });
    }

    #[test]
    fn expiry_is_checked_with_leeway() {
        assert_eq!(decode(DOCS_TOKEN, 1447833229.0 + 1.0), Err(TokenError::Expired));
        assert_eq!(decode(DOCS_TOKEN, 1447833229.0 - 5.0), Err(TokenError::Expired), "inside the leeway");
        assert!(decode(DOCS_TOKEN, 1447833229.0 - 60.0).is_ok());
    }

    #[test]
    fn garbage_is_malformed_never_a_panic() {
        let cases = [
            "".to_string(),
            "garbage".into(),
            "a.b".into(),
            "a.b.c.d".into(),
            "a.!!!.c".into(),
            "a.b.".into(),
            token_with("not json"),
            token_with("[1,2]"),
            token_with(r#"{"user_id": "17", "exp": 9999999999}"#),
            token_with(r#"{"user_id": 0, "exp": 9999999999}"#),
            token_with(r#"{"user_id": 17}"#),
            token_with(r#"{"user_id": 17, "exp": "tomorrow"}"#),
            token_with(r#"{"user_id": -17, "exp": 9999999999}"#),
            token_with(r#"{"user_id": null, "exp": 9999999999}"#),
            token_with(r#"{"user_id": 17, "exp": 1e400}"#),
            "x.".repeat(10_000),
        ];
        for raw in cases {
            assert_eq!(decode(&raw, 0.0), Err(TokenError::Malformed), "{raw:.60}");
        }
    }

    #[test]
    fn a_payload_with_extra_fields_and_no_username_is_fine() {
        let raw = token_with(r#"{"user_id": 5, "exp": 2000000000, "orig_iat": 1, "email": null, "username": 7}"#);
        assert_eq!(decode(&raw, 0.0).unwrap().user_id, 5);
        let far = token_with(r#"{"user_id": 9007199254740993, "exp": 2000000000.5}"#);
        assert_eq!(decode(&far, 0.0), Ok(Claims { user_id: 9_007_199_254_740_993, exp: 2_000_000_000.5 }), "exact");
    }

    #[test]
    fn base64url_round_trips_every_length() {
        for len in 0..20 {
            let bytes: Vec<u8> = (0..len).map(|i| (i * 37 + 11) as u8).collect();
            assert_eq!(base64url_decode(&encode(&bytes)).unwrap(), bytes);
        }
        assert_eq!(base64url_decode("e30="), Some(b"{}".to_vec()));
        assert_eq!(base64url_decode("e30+"), None, "standard alphabet is not base64url");
    }
}
