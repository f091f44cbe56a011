//! Signing in and out, with a server-side session per sign-in; the devices list; the
//! parallel-login restriction. Messages are those of DRF and its JWT library.

use crate::api::{base_url, parse_json_object, read_body};
use crate::error::ApiError;
use crate::jwt::{self, Claims, TokenError};
use crate::sessions::{self, NewSession};
use crate::time::now_us;
use crate::user::User;
use crate::{db, institute, now, refusals, AppState};
use axum::body::Body;
use axum::extract::{ConnectInfo, FromRequestParts, RawQuery, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};
use std::net::SocketAddr;

/// Every sign-in's place, as the stand-in cannot look addresses up.
pub const LOCATION: &str = "IN";

/// A signed-in caller whose session may make any call.
pub struct Authed {
    pub user_id: i64,
    pub session_id: i64,
}

/// A signed-in caller, restricted or not: for the calls a restricted session needs to sort
/// itself out (its login activity, logout, logout of the other devices).
pub struct AnySession(pub Authed);

/// The response extension by which `logout` tells the call recorder which session it ended.
#[derive(Clone, Copy)]
pub struct EndedSession(pub i64);

/// The token of `Authorization: JWT <token>`; any other scheme (e.g. "Bearer") is no credentials.
pub fn jwt_from(headers: &HeaderMap) -> Result<&str, ApiError> {
    let header = headers.get(header::AUTHORIZATION).and_then(|h| h.to_str().ok()).unwrap_or("");
    let words: Vec<&str> = header.split_whitespace().collect();
    if words.first().is_none_or(|w| !w.eq_ignore_ascii_case("jwt")) {
        return Err(ApiError::Unauthenticated("Authentication credentials were not provided."));
    }
    match words.as_slice() {
        [_, token] => Ok(token),
        [_] => Err(ApiError::Unauthenticated("Invalid Authorization header. No credentials provided.")),
        _ => Err(ApiError::Unauthenticated(
            "Invalid Authorization header. Credentials string should not contain spaces.",
        )),
    }
}

/// Checks token, user and session; marks the session used; says whether it is restricted.
fn authenticate(headers: &HeaderMap, state: &AppState) -> Result<(Authed, bool), ApiError> {
    let claims = jwt::decode(jwt_from(headers)?, state.secret(), now()).map_err(|e| match e {
        TokenError::Expired => ApiError::Unauthenticated("Signature has expired."),
        TokenError::Invalid => ApiError::Unauthenticated("Error decoding signature."),
    })?;
    let conn = state.db();
    if db::get_user(&conn, claims.user_id)?.is_none() {
        return Err(ApiError::Unauthenticated("Invalid signature."));
    }
    let session = match claims.sid {
        Some(sid) => sessions::get(&conn, sid)?,
        None => None,
    };
    // Signed by us, but its session was ended (logout, logout of other devices): a 401.
    let session = session
        .filter(|s| s.user_id == claims.user_id && s.ended_us.is_none())
        .ok_or(ApiError::Unauthenticated("Invalid token."))?;
    sessions::touch(&conn, session.id, now_us())?;
    let restricted = match institute::parallel_limit(state) {
        Some(limit) => sessions::older_live_sessions(&conn, &session, now())? >= limit,
        None => false,
    };
    Ok((Authed { user_id: claims.user_id, session_id: session.id }, restricted))
}

impl FromRequestParts<AppState> for Authed {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let (authed, restricted) = authenticate(&parts.headers, state)?;
        if restricted {
            let body = refusals::coded("parallel_login_restriction", state.nested_restriction());
            return Err(ApiError::Refused(body.unwrap_or_default()));
        }
        Ok(authed)
    }
}

impl FromRequestParts<AppState> for AnySession {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        Ok(AnySession(authenticate(&parts.headers, state)?.0))
    }
}

/// Who is calling: the User-Agent as sent, and the peer address (loopback in tests).
pub struct Client {
    pub user_agent: String,
    pub ip_address: String,
}

impl<S: Sync> FromRequestParts<S> for Client {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let user_agent = parts.headers.get(header::USER_AGENT).and_then(|h| h.to_str().ok()).unwrap_or("");
        let peer = parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip().to_string());
        Ok(Client { user_agent: user_agent.to_string(), ip_address: peer.unwrap_or_default() })
    }
}

/// Opens a session and signs its token (sign-in, and the test-only session seeding).
pub fn issue(state: &AppState, user: &User, session: NewSession) -> Result<(i64, String), ApiError> {
    let id = sessions::insert(&state.db(), &session)?;
    let claims = Claims {
        username: user.username.clone(),
        user_id: user.id,
        email: user.email.clone(),
        exp: session.expires_at,
        sid: Some(id),
    };
    Ok((id, jwt::encode(&claims, state.secret())))
}

pub async fn auth_token(State(state): State<AppState>, client: Client, body: Body) -> Result<Json<Value>, ApiError> {
    let map = parse_json_object(&read_body(body).await?)?;
    let mut errors = Vec::new();
    let mut field = |name: &str| match map.get(name) {
        None | Some(Value::Null) => {
            errors.push((name.to_string(), "This field is required.".to_string()));
            None
        }
        Some(Value::String(s)) if s.is_empty() => {
            errors.push((name.to_string(), "This field may not be blank.".to_string()));
            None
        }
        Some(Value::String(s)) => Some(s.clone()),
        Some(_) => {
            errors.push((name.to_string(), "Not a valid string.".to_string()));
            None
        }
    };
    let (username, password) = (field("username"), field("password"));
    let (Some(username), Some(password)) = (username, password) else {
        return Err(ApiError::Fields(errors));
    };
    let user = {
        let conn = state.db();
        let Some(user_id) = db::check_password(&conn, &username, &password)? else {
            return Err(ApiError::field("non_field_errors", "Unable to log in with provided credentials."));
        };
        db::get_user(&conn, user_id)?.ok_or(ApiError::NotFound)?
    };
    let at = now_us();
    let session = NewSession {
        user_id: user.id,
        created_us: at,
        last_used_us: at,
        expires_at: now() + state.token_ttl(),
        user_agent: &client.user_agent,
        ip_address: &client.ip_address,
        location: LOCATION,
    };
    let (_, token) = issue(&state, &user, session)?;
    Ok(Json(json!({ "token": token })))
}

/// `POST /api/v2.4/auth/logout/`: ends the caller's session; the body is ignored.
pub async fn logout(State(state): State<AppState>, AnySession(auth): AnySession) -> Result<Response, ApiError> {
    sessions::end(&state.db(), auth.session_id, now_us(), "logout")?;
    let mut response = Json(json!({ "detail": "Successfully signed out." })).into_response();
    response.extensions_mut().insert(EndedSession(auth.session_id));
    Ok(response)
}

/// `POST /api/v2.4/auth/logout_devices/`: ends every other session of the caller.
pub async fn logout_devices(
    State(state): State<AppState>,
    AnySession(auth): AnySession,
) -> Result<Json<Value>, ApiError> {
    let ended = sessions::end_others(&state.db(), auth.user_id, auth.session_id, now_us())?;
    Ok(Json(json!({ "detail": "Signed out of the other devices.", "ended": ended })))
}

/// The `page` of a query string: absent is 1; anything but a positive whole number is refused.
fn page_number(query: Option<&str>) -> Result<usize, ApiError> {
    let raw = query.unwrap_or("").split('&').find_map(|pair| pair.strip_prefix("page="));
    match raw {
        None => Ok(1),
        Some(text) => text.parse::<usize>().ok().filter(|n| *n >= 1).ok_or(ApiError::InvalidPage),
    }
}

/// `GET /api/v2.3/me/login_activity/?page=N`: the live sessions, most recently used first.
pub async fn login_activity(
    State(state): State<AppState>,
    headers: HeaderMap,
    AnySession(auth): AnySession,
    RawQuery(query): RawQuery,
) -> Result<Json<Value>, ApiError> {
    let page = page_number(query.as_deref())?;
    let per_page = state.devices_per_page();
    let live = sessions::live_for_user(&state.db(), auth.user_id, now())?;
    let pages = live.len().div_ceil(per_page).max(1);
    if page > pages {
        return Err(ApiError::InvalidPage);
    }
    let link = |n: usize| {
        let url = format!("{}/api/v2.3/me/login_activity/?page={n}", base_url(&state, &headers));
        (1..=pages).contains(&n).then_some(url)
    };
    let results: Vec<Value> = live
        .iter()
        .skip((page - 1) * per_page)
        .take(per_page)
        .map(|s| s.activity_json(s.id == auth.session_id))
        .collect();
    Ok(Json(json!({
        "count": live.len(),
        "next": link(page + 1),
        "previous": link(page - 1),
        "per_page": per_page,
        "results": results,
    })))
}
