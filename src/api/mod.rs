//! Every call to the Testpress API goes through `request`: it adds the token (to the API's
//! origin only), times out, aborts when the reactive owner that asked is cleaned up, and
//! turns every failure into an `ApiError` whose text is a sentence for the student.

mod account;
mod error;
mod error_body;
mod transport;

pub use account::{institute_settings, login_activity, logout, logout_devices, reset_password};
use error::classify;
pub use error::{ApiError, FieldErrors};
use transport::{Method, Via};

use crate::edit_form::Payload;
use crate::lenient::{self, Scalar};
use crate::profile::{Profile, WireProfile};
use crate::session::{RequestToken, Session};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// Sends one request to the configured API and reads its JSON body as a `T`.
///
/// With a `session`, the token goes in `Authorization: JWT …`; a token that is already
/// expired is not sent at all, and any answer meaning "signed out" signs the session out.
async fn request<T: DeserializeOwned>(
    session: Option<Session>,
    method: Method,
    path: &str,
    body: Option<String>,
    via: Via,
) -> Result<T, ApiError> {
    let text = request_text(session, method, path, body, via).await?;
    lenient::parse(&text).map_err(|_| ApiError::BadResponse)
}

/// `request`, up to the 2xx body's text: one copy of it for every `T`.
async fn request_text(
    session: Option<Session>,
    method: Method,
    path: &str,
    body: Option<String>,
    via: Via,
) -> Result<String, ApiError> {
    let url = crate::config::api_url(path);
    let token = session.map_or(RequestToken::SignedOut, |s| s.token_for_request());
    let sent = match &token {
        RequestToken::Valid(token) => Some(token.clone()),
        _ => None,
    };
    let answer = match token {
        RequestToken::Expired => Err(ApiError::SessionExpired),
        RequestToken::Valid(token) => transport::send(method, &url, Some(&token), body, via).await,
        RequestToken::SignedOut => transport::send(method, &url, None, body, via).await,
    };
    let outcome = match answer {
        Ok((status, _, text)) if (200..300).contains(&status) => Ok(text),
        Ok((status, retry_after, text)) => Err(classify(status, retry_after.as_deref(), &text)),
        Err(e) => Err(e),
    };
    if let (Some(session), Err(ApiError::SessionExpired)) = (session, &outcome) {
        // Signing out unmounts the page that asked. Deferred (to a later microtask), so the
        // caller's own updates on this result run before its signals are disposed. Only the
        // token this request carried is expired: a newer one, taken meanwhile, stays.
        leptos::task::spawn_local(async move { session.expire(sent.as_deref()) });
    }
    outcome
}

fn profile_from(wire: WireProfile) -> Profile {
    Profile::from_wire(&wire, &crate::config::page_origin())
}

/// A request body as JSON text.
fn json_body(value: &impl Serialize) -> Result<String, ApiError> {
    serde_json::to_string(value).map_err(|_| ApiError::BadResponse)
}

#[derive(Serialize)]
struct Credentials<'a> {
    username: &'a str,
    password: &'a str,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct SignedIn {
    token: Scalar,
}

/// `POST /auth-token/` → the JWT.
pub async fn sign_in(username: &str, password: &str) -> Result<String, ApiError> {
    let body = json_body(&Credentials { username, password })?;
    let answer: SignedIn = request(None, Method::Post, "/api/v2.2/auth-token/", Some(body), Via::Fetch)
        .await
        .map_err(ApiError::at_sign_in)?;
    answer.token.as_str().filter(|t| !t.is_empty()).map(str::to_string).ok_or(ApiError::BadResponse)
}

/// `GET /me/`: the signed-in student, every field.
pub async fn me(session: Session) -> Result<Profile, ApiError> {
    request(Some(session), Method::Get, "/api/v2.2/me/", None, Via::Fetch).await.map(profile_from)
}

/// `GET /users/{id}/`: someone's public page.
pub async fn user(session: Session, id: u64) -> Result<Profile, ApiError> {
    let path = user_path(id);
    request(Some(session), Method::Get, &path, None, Via::Fetch).await.map(profile_from)
}

/// `PUT /users/{id}/` with only the changed fields; answers the saved profile (PUT shape).
pub async fn update_profile(session: Session, id: u64, changes: &Payload) -> Result<Profile, ApiError> {
    let body = json_body(changes)?;
    let path = user_path(id);
    request(Some(session), Method::Put, &path, Some(body), Via::Fetch).await.map(profile_from)
}

/// A new photo, as the Android app sends it: base64 JPEG and the crop square in its pixels.
#[derive(Debug, Clone)]
pub struct PhotoUpload {
    pub jpeg_base64: String,
    pub x: u32,
    pub y: u32,
    pub side: u32,
}

#[derive(Serialize)]
struct PhotoBody<'a> {
    photo: &'a str,
    x_offset: u32,
    y_offset: u32,
    crop_width: u32,
    crop_height: u32,
}

/// `PUT /users/{id}/` with a photo, reporting upload progress (0.0–1.0).
pub async fn upload_photo(
    session: Session,
    id: u64,
    photo: &PhotoUpload,
    progress: impl Fn(f64) + 'static,
) -> Result<Profile, ApiError> {
    let body = json_body(&PhotoBody {
        photo: &photo.jpeg_base64,
        x_offset: photo.x,
        y_offset: photo.y,
        crop_width: photo.side,
        crop_height: photo.side,
    })?;
    let path = user_path(id);
    let via = Via::XhrWithUploadProgress(Box::new(progress));
    request(Some(session), Method::Put, &path, Some(body), via).await.map(profile_from)
}

/// `/api/v2.2/users/{id}/`: one user's page, and where their profile is written.
fn user_path(id: u64) -> String {
    ["/api/v2.2/users/", &id.to_string(), "/"].concat()
}
