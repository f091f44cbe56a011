//! The account around the profile: where it is signed in, ending sessions on the server,
//! the institute's settings and a forgotten password (CONTRACT.md, "Ending a session",
//! "Devices and login restrictions", "Institute settings", "Password reset").

use super::transport::{self, Method, Via};
use super::{json_body, request_text, ApiError};
use crate::institute_settings::InstituteSettings;
use crate::login_activity::ActivityPage;
use serde::Serialize;

/// `GET /me/login_activity/?page=N` (pages count from 1).
pub async fn login_activity(token: String, page: u32) -> Result<ActivityPage, ApiError> {
    let path = ["/api/v2.3/me/login_activity/?page=", &page.to_string()].concat();
    let text = request_text(Some(&token), Method::Get, &path, None, Via::Fetch).await?;
    ActivityPage::parse(&text).ok_or(ApiError::BadResponse)
}

/// `POST /auth/logout_devices/`: every other session of the student ends; this one stays.
pub async fn logout_devices(token: String) -> Result<(), ApiError> {
    let path = "/api/v2.4/auth/logout_devices/";
    request_text(Some(&token), Method::Post, path, Some("{}".into()), Via::Fetch).await.map(drop)
}

/// `POST /auth/logout/` with a token that has just stopped being used here. Best effort and
/// not awaited: the student is already signed out on this device, whatever the server
/// answers (a 401 included: the token may have been why the session ended), and offline the
/// request simply fails.
pub fn logout(token: String) {
    let url = crate::config::api_url("/api/v2.4/auth/logout/");
    leptos::task::spawn_local(async move {
        let _ = transport::send(Method::Post, &url, Some(&token), Some("{}".into()), Via::Fetch).await;
    });
}

/// `GET /settings/`, no token: the institute's switches (odd answers read as defaults).
pub async fn institute_settings() -> Result<InstituteSettings, ApiError> {
    let text = request_text(None, Method::Get, "/api/v2.3/settings/", None, Via::Fetch).await?;
    Ok(InstituteSettings::parse(&text))
}

#[derive(Serialize)]
struct ResetRequest<'a> {
    email: &'a str,
}

/// `POST /password/reset/`, no token: a 2xx means the mail is on its way.
pub async fn reset_password(email: &str) -> Result<(), ApiError> {
    let body = json_body(&ResetRequest { email })?;
    request_text(None, Method::Post, "/api/v2.2/password/reset/", Some(body), Via::Fetch).await.map(drop)
}
