//! The browser side of a call: fetch (or XHR, for upload progress) with a timeout, no
//! redirects, and an abort when the reactive owner that asked is cleaned up.

use super::error::ApiError;
use gloo_net::http::{Request, RequestBuilder};
use leptos::prelude::{set_timeout_with_handle, Owner};
use send_wrapper::SendWrapper;
use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;
use web_sys::{AbortController, RequestCache, RequestRedirect};

/// How long a request may take before the student is told.
pub const TIMEOUT_MS: u32 = 20_000;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Put,
}

/// Which browser API carries the request. Only XHR reports upload progress, so asking for
/// progress means asking for XHR.
pub enum Via {
    Fetch,
    XhrWithUploadProgress(Box<dyn Fn(f64)>),
}

/// `(status, Retry-After, body)`, or the reason there was no answer.
pub type RawAnswer = (u16, Option<String>, String);

pub async fn send(
    method: Method,
    url: &str,
    token: Option<&str>,
    body: Option<String>,
    via: Via,
) -> Result<RawAnswer, ApiError> {
    match via {
        Via::Fetch => fetch(method, url, token, body).await,
        Via::XhrWithUploadProgress(report) => xhr(method, url, token, body, report).await,
    }
}

async fn fetch(method: Method, url: &str, token: Option<&str>, body: Option<String>) -> Result<RawAnswer, ApiError> {
    let controller = AbortController::new().ok();
    let signal = controller.as_ref().map(|c| c.signal());
    let timed_out = Rc::new(Cell::new(false));
    let timer = {
        let (controller, timed_out) = (controller.clone(), timed_out.clone());
        set_timeout_with_handle(
            move || {
                timed_out.set(true);
                if let Some(c) = controller {
                    c.abort();
                }
            },
            Duration::from_millis(TIMEOUT_MS.into()),
        )
        .ok()
    };
    // Leaving the page that asked (or re-running its resource) cancels the request.
    let on_leave = SendWrapper::new(controller);
    Owner::on_cleanup(move || {
        if let Some(c) = on_leave.take() {
            c.abort();
        }
    });

    let builder: RequestBuilder = match method {
        Method::Get => Request::get(url),
        Method::Post => Request::post(url),
        Method::Put => Request::put(url),
    };
    // A redirect could carry the request (and the student's data) somewhere else.
    let mut builder =
        builder.redirect(RequestRedirect::Error).cache(RequestCache::NoStore).abort_signal(signal.as_ref());
    if let Some(token) = token {
        builder = builder.header("Authorization", &format!("JWT {token}"));
    }
    let request = match body {
        Some(json) => builder.header("Content-Type", "application/json").body(json),
        None => builder.build(),
    };
    let response = match request {
        Ok(r) => r.send().await,
        Err(_) => return Err(ApiError::Network),
    };
    if let Some(t) = timer {
        t.clear();
    }
    let response = response.map_err(|_| if timed_out.get() { ApiError::Timeout } else { ApiError::Network })?;
    let retry_after = response.headers().get("Retry-After");
    let status = response.status();
    let text =
        response.text().await.map_err(|_| if timed_out.get() { ApiError::Timeout } else { ApiError::Network })?;
    Ok((status, retry_after, text))
}

/// XMLHttpRequest, only because fetch cannot report upload progress. Same contract as
/// `fetch`: a timeout, abort when the page goes away, the token only in the header.
async fn xhr(
    method: Method,
    url: &str,
    token: Option<&str>,
    body: Option<String>,
    progress: Box<dyn Fn(f64)>,
) -> Result<RawAnswer, ApiError> {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    use web_sys::{ProgressEvent, XmlHttpRequest};

    let request = XmlHttpRequest::new().map_err(|_| ApiError::Network)?;
    let verb = match method {
        Method::Get => "GET",
        Method::Post => "POST",
        Method::Put => "PUT",
    };
    request.open_with_async(verb, url, true).map_err(|_| ApiError::Network)?;
    request.set_timeout(TIMEOUT_MS * 6); // photos take longer than JSON
    if let Some(token) = token {
        request.set_request_header("Authorization", &format!("JWT {token}")).map_err(|_| ApiError::Network)?;
    }
    if body.is_some() {
        request.set_request_header("Content-Type", "application/json").map_err(|_| ApiError::Network)?;
    }
    let on_progress = Closure::<dyn Fn(ProgressEvent)>::new(move |ev: ProgressEvent| {
        if ev.length_computable() && ev.total() > 0.0 {
            progress((ev.loaded() / ev.total()).clamp(0.0, 1.0));
        }
    });
    if let Ok(upload) = request.upload() {
        upload.set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
    }
    let timed_out = Rc::new(Cell::new(false));
    let finished = js_sys::Promise::new(&mut |resolve, _| {
        request.set_onloadend(Some(&resolve));
        let timed_out = timed_out.clone();
        let on_timeout = Closure::once_into_js(move || timed_out.set(true));
        request.set_ontimeout(Some(on_timeout.unchecked_ref()));
    });
    let on_leave = SendWrapper::new(request.clone());
    Owner::on_cleanup(move || {
        let _ = on_leave.abort();
    });
    request.send_with_opt_str(body.as_deref()).map_err(|_| ApiError::Network)?;
    let _ = wasm_bindgen_futures::JsFuture::from(finished).await;
    drop(on_progress);
    let status = request.status().unwrap_or(0);
    if status == 0 {
        return Err(if timed_out.get() { ApiError::Timeout } else { ApiError::Network });
    }
    let retry_after = request.get_response_header("Retry-After").ok().flatten();
    let text = request.response_text().ok().flatten().unwrap_or_default();
    Ok((status, retry_after, text))
}
