//! The app's own small files (config.json, a language catalogue), fetched through the
//! browser's cache as usual. Nothing here knows the API: these are files beside index.html.

use gloo_net::http::{Request, Response};
use leptos::prelude::set_timeout_with_handle;
use std::time::Duration;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::AbortController;

/// How long the app waits at start for one of its own small files before going on without.
const OWN_FILE_TIMEOUT_MS: u32 = 5_000;

/// A plain GET of one of the app's own files: its text, or `None` when it could not be had
/// in time (the app starts without it rather than not at all on a stalled connection).
pub async fn get_text(url: &str) -> Option<String> {
    let controller = AbortController::new().ok()?;
    let timer = {
        let controller = controller.clone();
        set_timeout_with_handle(move || controller.abort(), Duration::from_millis(OWN_FILE_TIMEOUT_MS.into())).ok()
    };
    let text = async {
        let response = Request::get(url).abort_signal(Some(&controller.signal())).send().await.ok()?;
        text_of(response).await
    }
    .await;
    if let Some(timer) = timer {
        timer.clear();
    }
    text
}

/// The text of a file whose request the loader already started, as `window[global]`
/// (scripts/post-build/loader.js, with its own time limit), so the file is requested once;
/// a page without that loader (the component tests) makes its own request for `url`.
pub async fn get_started_text(global: &str, url: &str) -> Option<String> {
    let started = web_sys::window().and_then(|window| {
        let key = JsValue::from_str(global);
        let value = js_sys::Reflect::get(&window, &key).ok()?;
        // Taken once: a second reader makes its own request rather than a used answer.
        let _ = js_sys::Reflect::delete_property(&window, &key);
        value.dyn_into::<js_sys::Promise>().ok()
    });
    match started {
        Some(promise) => {
            let response = JsFuture::from(promise).await.ok()?.dyn_into::<web_sys::Response>().ok()?;
            text_of(Response::from(response)).await
        }
        None => get_text(url).await,
    }
}

async fn text_of(response: Response) -> Option<String> {
    if !response.ok() {
        return None;
    }
    response.text().await.ok()
}
