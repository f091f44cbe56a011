//! Every call to the Testpress API goes through `request`: it adds the token it is given
//! (to the API's origin only), times out, aborts when the reactive owner that asked is
//! cleaned up, and turns every failure into an `ApiError`. Which token to send, and what a
//! "signed out" answer does to the session, is the session's business (`Session::authorized`).

mod account;
mod error;
mod error_body;
mod transport;

pub use account::{institute_settings, login_activity, logout, logout_devices, reset_password};
use error::classify;
pub use error::{ApiError, FieldErrors};
pub use transport::on_answers;
use transport::{Method, Via};

use crate::edit_form::Payload;
use crate::lenient::{self, Scalar};
use crate::profile::{Profile, WireProfile};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// Sends one request to the configured API and reads its JSON body as a `T`. A `token`
/// goes in `Authorization: JWT …`.
async fn request<T: DeserializeOwned>(
    token: Option<&str>,
    method: Method,
    path: &str,
    body: Option<String>,
    via: Via,
) -> Result<T, ApiError> {
    let text = request_text(token, method, path, body, via).await?;
    lenient::parse(&text).map_err(|_| ApiError::BadResponse)
}

/// `request`, up to the 2xx body's text: one copy of it for every `T`.
async fn request_text(
    token: Option<&str>,
    method: Method,
    path: &str,
    body: Option<String>,
    via: Via,
) -> Result<String, ApiError> {
    let url = crate::config::api_url(path);
    match transport::send(method, &url, token, body, via).await? {
        (status, _, text) if (200..300).contains(&status) => Ok(text),
        (status, retry_after, text) => Err(classify(status, retry_after.as_deref(), &text)),
    }
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
pub async fn me(token: String) -> Result<Profile, ApiError> {
    request(Some(&token), Method::Get, "/api/v2.2/me/", None, Via::Fetch).await.map(profile_from)
}

/// `GET /users/{id}/`: someone's public page.
pub async fn user(token: String, id: u64) -> Result<Profile, ApiError> {
    let path = user_path(id);
    request(Some(&token), Method::Get, &path, None, Via::Fetch).await.map(profile_from)
}

/// `PUT /users/{id}/` with only the changed fields; answers the saved profile (PUT shape).
pub async fn update_profile(token: String, id: u64, changes: &Payload) -> Result<Profile, ApiError> {
    let body = json_body(changes)?;
    let path = user_path(id);
    request(Some(&token), Method::Put, &path, Some(body), Via::Fetch).await.map(profile_from)
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
    token: String,
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
    request(Some(&token), Method::Put, &path, Some(body), via).await.map(profile_from)
}

/// `/api/v2.2/users/{id}/`: one user's page, and where their profile is written.
fn user_path(id: u64) -> String {
    ["/api/v2.2/users/", &id.to_string(), "/"].concat()
}
