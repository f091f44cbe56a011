//! The 403 bodies the real server answers with (CONTRACT.md, "Errors" and "Devices and login
//! restrictions"), in the stand-in's own words. Served by the parallel-login rule and by the
//! named fault presets (`{"preset": "..."}` on `POST /__test__/faults`).

use serde_json::{json, Value};

pub const PERMISSION_DENIED: &str = "You do not have permission to perform this action.";

/// `(error_code, title, detail)` of every coded refusal.
const CODED: [(&str, &str, &str); 4] = [
    (
        "parallel_login_restriction",
        "Too many devices",
        "This account is signed in on more devices than your institute allows. Sign out of the other \
         devices to continue on this one.",
    ),
    (
        "max_login_exceeded",
        "Account locked",
        "This account is locked: it has been signed in on more devices than your institute allows.",
    ),
    (
        "device_already_bound",
        "Device already bound",
        "This device is bound to another account. Sign in with that account, or ask your institute to \
         release the device.",
    ),
    ("unauthorized_device", "Unauthorized device", "This account may be used only on the device it is bound to."),
];

/// Flat: `{"error_code", "detail", "title"}`, the shape every client parses.
/// Nested: `{"detail": {"error_code", "message", "title"}}`, which some answers use.
pub fn coded(error_code: &str, nested: bool) -> Option<Value> {
    let (code, title, detail) = CODED.iter().find(|(code, _, _)| *code == error_code)?;
    Some(if nested {
        json!({ "detail": { "error_code": code, "message": detail, "title": title } })
    } else {
        json!({ "error_code": code, "detail": detail, "title": title })
    })
}

/// The body of a fault preset: every coded refusal, plus `permission_denied`. All are 403s.
pub fn preset(name: &str, nested: bool) -> Option<Value> {
    match name {
        "permission_denied" => Some(json!({ "detail": PERMISSION_DENIED })),
        code => coded(code, nested),
    }
}
