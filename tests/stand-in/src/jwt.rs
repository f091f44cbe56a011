//! HS256 JSON Web Tokens, as Testpress issues them (`username`, `user_id`, `email`, `exp`),
//! plus the stand-in's private `sid`: the server-side session the token belongs to.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Claims {
    pub username: String,
    pub user_id: i64,
    pub email: String,
    pub exp: i64,
    /// Absent only in tokens this server did not issue (such as the docs' sample).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sid: Option<i64>,
}

#[derive(Debug, PartialEq)]
pub enum TokenError {
    Expired,
    Invalid,
}

fn mac(secret: &[u8]) -> HmacSha256 {
    HmacSha256::new_from_slice(secret).expect("HMAC accepts keys of any length")
}

pub fn encode(claims: &Claims, secret: &[u8]) -> String {
    let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"HS256","typ":"JWT"}"#);
    let payload = URL_SAFE_NO_PAD.encode(serde_json::to_vec(claims).expect("claims serialise"));
    let signing_input = format!("{header}.{payload}");
    let mut m = mac(secret);
    m.update(signing_input.as_bytes());
    let signature = URL_SAFE_NO_PAD.encode(m.finalize().into_bytes());
    format!("{signing_input}.{signature}")
}

/// Verifies the signature first, then the expiry, as the server library does.
pub fn decode(token: &str, secret: &[u8], now: i64) -> Result<Claims, TokenError> {
    let claims = verify_signature(token, secret)?;
    if claims.exp <= now {
        return Err(TokenError::Expired);
    }
    Ok(claims)
}

/// The claims of a token this server signed, expired or not (to tell which session a late
/// logout names).
pub fn verify_signature(token: &str, secret: &[u8]) -> Result<Claims, TokenError> {
    let mut parts = token.split('.');
    let (Some(header), Some(payload), Some(signature), None) = (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(TokenError::Invalid);
    };
    let header_json: serde_json::Value =
        URL_SAFE_NO_PAD.decode(header).ok().and_then(|b| serde_json::from_slice(&b).ok()).ok_or(TokenError::Invalid)?;
    if header_json.get("alg").and_then(|a| a.as_str()) != Some("HS256") {
        return Err(TokenError::Invalid);
    }
    let signature = URL_SAFE_NO_PAD.decode(signature).map_err(|_| TokenError::Invalid)?;
    let mut m = mac(secret);
    m.update(header.as_bytes());
    m.update(b".");
    m.update(payload.as_bytes());
    m.verify_slice(&signature).map_err(|_| TokenError::Invalid)?;
    let claims: Claims = URL_SAFE_NO_PAD
        .decode(payload)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .ok_or(TokenError::Invalid)?;
    Ok(claims)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claims(exp: i64) -> Claims {
        Claims { username: "testpress".into(), user_id: 17, email: "a@b.in".into(), exp, sid: Some(3) }
    }

    #[test]
    fn round_trips_and_checks_expiry() {
        let token = encode(&claims(1000), b"k");
        assert_eq!(decode(&token, b"k", 999), Ok(claims(1000)));
        assert_eq!(decode(&token, b"k", 1000), Err(TokenError::Expired));
        assert_eq!(verify_signature(&token, b"k"), Ok(claims(1000)), "expired, still ours");
    }

    #[test]
    fn rejects_wrong_key_and_tampering() {
        let token = encode(&claims(1000), b"k");
        assert_eq!(decode(&token, b"other", 0), Err(TokenError::Invalid));
        let forged = token.replacen('.', ".e30", 1);
        assert_eq!(decode(&forged, b"k", 0), Err(TokenError::Invalid));
        assert_eq!(decode("garbage", b"k", 0), Err(TokenError::Invalid));
        assert_eq!(decode("a.b.c.d", b"k", 0), Err(TokenError::Invalid));
    }

    #[test]
    fn decodes_the_documented_sample_payload_shape() {
        // The docs' sample token (signed with Testpress's own key, which we do not have).
        let sample = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ1c2VybmFtZSI6InRlc3RwcmVzcyIsInVzZXJfaWQiOjE3LCJlbWFpbCI6InRlc3RwcmVzcy5pbkBnbWFpbC5jb20iLCJleHAiOjE0NDc4MzMyMjl9.Ik_yi4lHbNbrRGhqmRpsW82Nls_O9lgXakk_syV-vSw";
        let payload = sample.split('.').nth(1).unwrap();
        let claims: Claims = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(payload).unwrap()).unwrap();
        assert_eq!(claims.user_id, 17);
        assert_eq!(claims.exp, 1447833229);
        assert_eq!(decode(sample, b"not-their-key", 0), Err(TokenError::Invalid));
    }
}
