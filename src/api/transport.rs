//! The browser side of a call: fetch through gloo-net (or XHR, for upload progress) with a
//! timeout, no cookies, no redirects followed (fetch refuses them; an XHR answer from
//! elsewhere is refused), and an abort when the reactive owner that asked is cleaned up
//! (a page's resource or write: see `components::page_action`).

use super::error::ApiError;
use gloo_net::http::{Request, RequestBuilder};
use leptos::prelude::{set_timeout_with_handle, Owner};
use send_wrapper::SendWrapper;
use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;
use wasm_bindgen::JsCast;
use web_sys::{AbortController, RequestCache, RequestCredentials, RequestRedirect};

/// How long a request may take before the student is told.
pub const TIMEOUT_MS: u32 = 20_000;

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Put,
}

impl Method {
    fn verb(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
        }
    }
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
    let signal = controller.as_ref().map(AbortController::signal);
    let in_flight = InFlight::start(controller.map(Abort::Fetch));
    let builder = match method {
        Method::Get => Request::get(url),
        Method::Post => Request::post(url),
        Method::Put => Request::put(url),
    };
    // A redirect could carry the request (and the student's data) somewhere else; the API
    // needs no cookies, so the site's own never ride along.
    let mut builder = builder
        .redirect(RequestRedirect::Error)
        .cache(RequestCache::NoStore)
        .credentials(RequestCredentials::Omit)
        .abort_signal(signal.as_ref());
    if let Some(token) = token {
        builder = builder.header("Authorization", &["JWT ", token].concat());
    }
    let no_answer = |timed_out: &Cell<bool>| if timed_out.get() { ApiError::Timeout } else { ApiError::Network };
    let answer = async {
        let request = with_body(builder, body).map_err(|_| ApiError::Network)?;
        let response = request.send().await.map_err(|_| no_answer(&timed_out))?;
        let retry_after = response.headers().get("Retry-After");
        let status = response.status();
        let text = response.text().await.map_err(|_| no_answer(&timed_out))?;
        Ok((status, retry_after, text))
    }
    .await;
    if let Some(t) = timer {
        t.clear();
    }
    // Whether anything gets through (`on_answers`); a cancelled request tells nothing.
    if in_flight.end() {
        return Err(ApiError::Cancelled);
    }
    match &answer {
        Ok(_) => tell(true),
        Err(ApiError::Network) => tell(false),
        Err(_) => {}
    }
    answer
}

/// What can stop a request in flight.
enum Abort {
    Fetch(AbortController),
    Xhr(web_sys::XmlHttpRequest),
}

/// A request on its way, aborted if the reactive owner that asked is cleaned up first (the
/// page went away, or its resource asks again). The hook lives on an owner of the request's
/// own, a child of the asker's, dropped when the request ends: nothing stays behind on a
/// long-lived owner, and with no owner (a task of the whole app) nothing is registered.
struct InFlight {
    abort: SendWrapper<Rc<Cell<Option<Abort>>>>,
    cancelled: SendWrapper<Rc<Cell<bool>>>,
    _owner: Option<Owner>,
}

impl InFlight {
    fn start(abort: Option<Abort>) -> InFlight {
        let abort = SendWrapper::new(Rc::new(Cell::new(abort)));
        let cancelled = SendWrapper::new(Rc::new(Cell::new(false)));
        let owner = Owner::current().map(|asker| asker.child());
        if let Some(owner) = &owner {
            let (on_leave, cancel) = (abort.clone(), cancelled.clone());
            owner.with(|| {
                Owner::on_cleanup(move || {
                    match (**on_leave).take() {
                        Some(Abort::Fetch(controller)) => controller.abort(),
                        Some(Abort::Xhr(request)) => {
                            let _ = request.abort();
                        }
                        None => return,
                    }
                    cancel.set(true);
                })
            });
        }
        InFlight { abort, cancelled, _owner: owner }
    }

    /// The request is over: nothing is left to abort. `true` if it ended because its owner
    /// went away (so nobody is waiting for the answer).
    fn end(self) -> bool {
        (*self.abort).take();
        self.cancelled.get()
    }
}

thread_local! {
    static ANSWER_LISTENER: Cell<Option<fn(bool)>> = const { Cell::new(None) };
}

/// After every fetch to the API, `listener` hears whether any answer came back (any
/// status): how the app tells "offline" from one request's trouble (src/network.rs).
pub fn on_answers(listener: fn(bool)) {
    ANSWER_LISTENER.with(|l| l.set(Some(listener)));
}

fn tell(answered: bool) {
    if let Some(listener) = ANSWER_LISTENER.with(Cell::get) {
        listener(answered);
    }
}

fn with_body(builder: RequestBuilder, body: Option<String>) -> Result<Request, gloo_net::Error> {
    match body {
        Some(json) => builder.header("Content-Type", "application/json").body(json),
        None => builder.build(),
    }
}

/// XMLHttpRequest, only because fetch cannot report upload progress. Same contract as
/// `fetch`: a timeout, abort when the page goes away, the token only in the header, no
/// cookies to another origin (`withCredentials` stays false; XHR cannot leave out a same-
/// origin API's cookies).
async fn xhr(
    method: Method,
    url: &str,
    token: Option<&str>,
    body: Option<String>,
    progress: Box<dyn Fn(f64)>,
) -> Result<RawAnswer, ApiError> {
    use wasm_bindgen::closure::Closure;
    use web_sys::{ProgressEvent, XmlHttpRequest};

    let request = XmlHttpRequest::new().map_err(|_| ApiError::Network)?;
    request.open_with_async(method.verb(), url, true).map_err(|_| ApiError::Network)?;
    request.set_timeout(TIMEOUT_MS * 6); // photos take longer than JSON
    if let Some(token) = token {
        request.set_request_header("Authorization", &["JWT ", token].concat()).map_err(|_| ApiError::Network)?;
    }
    if body.is_some() {
        request.set_request_header("Content-Type", "application/json").map_err(|_| ApiError::Network)?;
    }
    let on_progress = Closure::<dyn Fn(ProgressEvent)>::new(move |ev: ProgressEvent| {
        if ev.length_computable() && ev.total() > 0.0 {
            progress(ev.loaded() / ev.total());
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
    // As with fetch: aborted if the asker goes away while the upload runs.
    let in_flight = InFlight::start(Some(Abort::Xhr(request.clone())));
    request.send_with_opt_str(body.as_deref()).map_err(|_| ApiError::Network)?;
    let _ = wasm_bindgen_futures::JsFuture::from(finished).await;
    drop(on_progress);
    if in_flight.end() {
        return Err(ApiError::Cancelled);
    }
    let status = request.status().unwrap_or(0);
    if status == 0 {
        return Err(if timed_out.get() { ApiError::Timeout } else { ApiError::Network });
    }
    // XHR follows redirects by itself: an answer from anywhere but `url` is refused, as the
    // fetch path refuses to follow one.
    let asked = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .and_then(|base| web_sys::Url::new_with_base(url, &base).ok())
        .map(|u| u.href());
    if asked.is_none_or(|asked| request.response_url() != asked) {
        return Err(ApiError::Network);
    }
    let retry_after = request.get_response_header("Retry-After").ok().flatten();
    let text = request.response_text().ok().flatten().unwrap_or_default();
    Ok((status, retry_after, text))
}
