//! Serves a built app directory with the single-page fallback a CDN would apply.

use crate::AppState;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use std::path::{Component, Path};

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "webmanifest" => "application/manifest+json",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// `name-0123456789abcdef.ext` (or `_bg.wasm`): trunk's and the build hook's hashed names
/// (trunk's hash is a number in hex, so it may have fewer than 16 digits).
fn is_hashed(path: &Path) -> bool {
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-')
        .is_some_and(|(_, hash)| (8..=16).contains(&hash.len()) && hash.bytes().all(|b| b.is_ascii_hexdigit()))
}

fn hex16(digest: &[u8]) -> String {
    digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

/// Whether `If-None-Match` names `etag` (or is `*`).
fn if_none_match(headers: &HeaderMap, etag: &str) -> bool {
    headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|t| t.trim().trim_start_matches("W/"))
        .any(|t| t == etag || t == "*")
}

pub async fn serve(State(state): State<AppState>, request: Request) -> Response {
    let Some(root) = state.config().app_dir.clone() else { return StatusCode::NOT_FOUND.into_response() };
    // The prerendered pages, as the README asks a CDN to serve them (when the build has them).
    let relative = match request.uri().path() {
        "/login" if root.join("login.html").is_file() => "login.html",
        "/me" if root.join("me.html").is_file() => "me.html",
        other => other.trim_start_matches('/'),
    };
    let safe = Path::new(relative).components().all(|c| matches!(c, Component::Normal(_)));
    let candidate = root.join(relative);
    let (path, is_fallback) = if safe && !relative.is_empty() && candidate.is_file() {
        (candidate, false)
    } else if Path::new(relative).extension().is_some() {
        // A missing asset is a 404, not the app shell (a broken script tag should fail loudly).
        return StatusCode::NOT_FOUND.into_response();
    } else {
        (root.join("index.html"), true)
    };
    // Like a CDN: a precompressed twin (`x.wasm.br`, `x.wasm.gz`) when the browser takes it.
    let accepts =
        request.headers().get(header::ACCEPT_ENCODING).and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
    let mut encoding = None;
    let mut file = path.clone();
    for (token, suffix) in [("br", "br"), ("gzip", "gz")] {
        let twin = path.with_file_name(format!("{}.{suffix}", path.file_name().and_then(|n| n.to_str()).unwrap_or("")));
        if accepts.split(',').any(|a| a.trim().split(';').next() == Some(token)) && twin.is_file() {
            encoding = Some(token);
            file = twin;
            break;
        }
    }
    match tokio::fs::read(&file).await {
        Ok(bytes) => {
            // Like a CDN: a strong validator, so a revalidation (`no-cache`, or the service
            // worker's install) is a 304 without the body when the browser's copy is current.
            let etag = format!("\"{}\"", hex16(&Sha256::digest(&bytes)));
            let fresh = if_none_match(request.headers(), &etag);
            let (status, sent) = if fresh { (StatusCode::NOT_MODIFIED, 0) } else { (StatusCode::OK, bytes.len()) };
            crate::record::app_file(&state, request.uri().path(), status, sent);
            let mut r = if fresh { StatusCode::NOT_MODIFIED.into_response() } else { bytes.into_response() };
            let h = r.headers_mut();
            if let Ok(value) = HeaderValue::from_str(&etag) {
                h.insert(header::ETAG, value);
            }
            h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type(&path)));
            h.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
            if let Some(token) = encoding {
                h.insert(header::CONTENT_ENCODING, HeaderValue::from_static(token));
            }
            // As the README asks of a CDN: content-hashed files for a year, everything else
            // (pages, config.json, sw.js, the manifest, icons) checked on every use.
            let cache =
                if !is_fallback && is_hashed(&path) { "public, max-age=31536000, immutable" } else { "no-cache" };
            h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
            r
        }
        Err(_) => StatusCode::NOT_FOUND.into_response(),
    }
}
