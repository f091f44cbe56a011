//! Choosing, cropping and uploading a new profile photo.

use crate::api::{self, ApiError, PhotoUpload};
use crate::app::CurrentProfile;
use crate::components::avatar::{Avatar, AvatarSize};
use crate::crop::{check_file, scale_square, upload_size, Crop};
use crate::session::use_session;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, HtmlImageElement, Url};

/// The preview canvas's size in pixels (it is shown at up to this many CSS pixels).
const PREVIEW_PX: u32 = 256;
/// How far one arrow key press moves the photo, in preview pixels.
const KEY_STEP_PX: f64 = 8.0;
const ZOOM_STEP: f64 = 1.1;

/// A chosen photo, decoded, with the object URL to release when done.
#[derive(Clone)]
struct Chosen {
    image: HtmlImageElement,
    url: String,
}

fn context_2d(canvas: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    canvas.get_context("2d").ok().flatten()?.dyn_into().ok()
}

/// Draws the crop square of `image` onto the preview. Drawing an `<img>` applies its EXIF
/// orientation (browsers default to `image-orientation: from-image`), so what is shown and
/// what is uploaded are the right way up.
fn draw(canvas: &HtmlCanvasElement, image: &HtmlImageElement, crop: &Crop) {
    let Some(ctx) = context_2d(canvas) else { return };
    let square = crop.square();
    let side = f64::from(square.side);
    let target = f64::from(PREVIEW_PX);
    ctx.clear_rect(0.0, 0.0, target, target);
    let _ = ctx.draw_image_with_html_image_element_and_sw_and_sh_and_dx_and_dy_and_dw_and_dh(
        image,
        f64::from(square.x),
        f64::from(square.y),
        side,
        side,
        0.0,
        0.0,
        target,
        target,
    );
}

/// Re-encodes the whole photo as JPEG (at most `MAX_UPLOAD_SIDE` on its long side, EXIF
/// dropped) and maps the crop into the re-encoded pixels.
fn encode(image: &HtmlImageElement, crop: &Crop) -> Option<PhotoUpload> {
    let (width, height, factor) = upload_size(image.natural_width(), image.natural_height());
    let canvas: HtmlCanvasElement = document().create_element("canvas").ok()?.dyn_into().ok()?;
    canvas.set_width(width);
    canvas.set_height(height);
    context_2d(&canvas)?
        .draw_image_with_html_image_element_and_dw_and_dh(image, 0.0, 0.0, f64::from(width), f64::from(height))
        .ok()?;
    let data_url = canvas.to_data_url_with_type_and_encoder_options("image/jpeg", &JsValue::from_f64(0.9)).ok()?;
    let (_, base64) = data_url.split_once(',')?;
    let square = scale_square(crop.square(), factor, width, height);
    Some(PhotoUpload { jpeg_base64: base64.to_string(), x: square.x, y: square.y, side: square.side })
}

#[component]
pub fn PhotoEditor(status: RwSignal<String>) -> impl IntoView {
    let session = use_session();
    let CurrentProfile(current) = expect_context();
    let chosen = StoredValue::new_local(None::<Chosen>);
    let crop = RwSignal::new(None::<Crop>);
    let problem = RwSignal::new(None::<String>);
    let progress = RwSignal::new(None::<f64>);
    let dragging = RwSignal::new(None::<(i32, i32)>);
    let file_input = NodeRef::<leptos::html::Input>::new();
    let canvas = NodeRef::<leptos::html::Canvas>::new();

    let release = move || {
        if let Some(old) = chosen.try_update_value(Option::take).flatten() {
            let _ = Url::revoke_object_url(&old.url);
        }
        crop.set(None);
        if let Some(input) = file_input.get_untracked() {
            input.set_value("");
        }
    };
    on_cleanup(move || {
        if let Some(Some(old)) = chosen.try_update_value(Option::take) {
            let _ = Url::revoke_object_url(&old.url);
        }
    });

    // Redraw whenever the crop changes (and once the canvas exists).
    Effect::new(move |_| {
        let (Some(c), Some(canvas)) = (crop.get(), canvas.get()) else { return };
        chosen.with_value(|chosen| {
            if let Some(chosen) = chosen {
                draw(&canvas, &chosen.image, &c);
            }
        });
    });

    let on_file = move |_| {
        problem.set(None);
        status.set(String::new());
        let Some(file) = file_input.get_untracked().and_then(|i| i.files()).and_then(|files| files.get(0)) else {
            return;
        };
        if let Err(refused) = check_file(&file.type_(), file.size()) {
            release();
            problem.set(Some(refused.message().to_string()));
            return;
        }
        let (Ok(url), Ok(image)) = (Url::create_object_url_with_blob(&file), HtmlImageElement::new()) else {
            problem.set(Some("This browser couldn't open that file. Please try another photo.".into()));
            return;
        };
        release();
        let loaded = image.clone();
        let on_load = Closure::once_into_js(move || {
            crop.set(Some(Crop::new(loaded.natural_width(), loaded.natural_height())));
        });
        let on_error = Closure::once_into_js(move || {
            release();
            problem.set(Some("We couldn't open that file as a photo. Please choose a JPEG or PNG.".into()));
        });
        image.set_onload(Some(on_load.unchecked_ref()));
        image.set_onerror(Some(on_error.unchecked_ref()));
        image.set_src(&url);
        chosen.set_value(Some(Chosen { image, url }));
    };

    let view_px = move || canvas.get_untracked().map_or(f64::from(PREVIEW_PX), |c| f64::from(c.client_width().max(1)));
    let nudge = move |dx: f64, dy: f64| crop.update(|c| c.iter_mut().for_each(|c| c.drag(dx, dy, view_px())));
    let zoom_by = move |factor: f64| crop.update(|c| c.iter_mut().for_each(|c| c.set_zoom(c.zoom() * factor)));

    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        match ev.key().as_str() {
            "ArrowLeft" => nudge(-KEY_STEP_PX, 0.0),
            "ArrowRight" => nudge(KEY_STEP_PX, 0.0),
            "ArrowUp" => nudge(0.0, -KEY_STEP_PX),
            "ArrowDown" => nudge(0.0, KEY_STEP_PX),
            "+" | "=" => zoom_by(ZOOM_STEP),
            "-" | "_" => zoom_by(1.0 / ZOOM_STEP),
            _ => return, // other keys (Tab above all) keep their usual meaning
        }
        ev.prevent_default();
    };

    let upload = move |_| {
        let Some(c) = crop.get_untracked() else { return };
        let Some(photo) = chosen.with_value(|chosen| chosen.as_ref().and_then(|ch| encode(&ch.image, &c))) else {
            problem.set(Some("We couldn't prepare that photo. Please try another one.".into()));
            return;
        };
        let Some(user_id) = session.user_id() else { return };
        problem.set(None);
        status.set(String::new());
        progress.set(Some(0.0));
        spawn_local(async move {
            let outcome = api::upload_photo(session, user_id, photo, move |p| progress.set(Some(p))).await;
            if progress.is_disposed() {
                return;
            }
            progress.set(None);
            match outcome {
                Ok(saved) => {
                    let before = current.get_untracked().and_then(Result::ok).flatten().unwrap_or_default();
                    release();
                    status.set("Your new photo is saved.".into());
                    // Every avatar (header, /me, here) switches at once.
                    current.set(Some(Ok(Some(saved.merged_into(&before)))));
                }
                Err(ApiError::SessionExpired) => {}
                Err(ApiError::Invalid(errors)) => problem.set(Some(
                    errors
                        .for_field("photo")
                        .or_else(|| errors.general.first().cloned())
                        .unwrap_or_else(|| "Testpress couldn't use that photo. Please choose another one.".to_string()),
                )),
                Err(other) => {
                    problem.set(Some(format!("{other} Your photo is still selected, so you can upload it again.")))
                }
            }
        });
    };

    let current_avatar = move || {
        current.get().and_then(Result::ok).flatten().map(|p| {
            let name = p.name().to_string();
            view! { <Avatar images=p.images name=name size=AvatarSize::Profile/> }
        })
    };

    view! {
        <section class="card photo-editor" aria-labelledby="photo-heading">
            <h2 id="photo-heading">"Photo"</h2>
            {move || crop.get().is_none().then(current_avatar)}
            {move || problem.get().map(|p| view! { <div class="alert alert-error" role="alert"><p>{p}</p></div> })}
            <div class="field">
                <label for="photo-file">"Choose a new photo"</label>
                <p id="photo-file-hint" class="hint">"JPEG or PNG, up to 10 MB."</p>
                <input
                    id="photo-file"
                    type="file"
                    accept="image/*"
                    aria-describedby="photo-file-hint"
                    node_ref=file_input
                    on:change=on_file
                    disabled=move || progress.get().is_some()
                />
            </div>
            <Show when=move || crop.get().is_some()>
                <p id="crop-help" class="hint">
                    "Drag the photo or use the arrow keys to position it. Zoom with the slider, the mouse wheel, or the + and − keys."
                </p>
                <canvas
                    class="crop-preview"
                    width=PREVIEW_PX
                    height=PREVIEW_PX
                    tabindex="0"
                    role="img"
                    aria-label="Crop preview"
                    aria-describedby="crop-help"
                    node_ref=canvas
                    on:keydown=on_key
                    on:pointerdown=move |ev: leptos::ev::PointerEvent| {
                        if let Some(c) = canvas.get_untracked() {
                            let _ = c.set_pointer_capture(ev.pointer_id());
                        }
                        dragging.set(Some((ev.client_x(), ev.client_y())));
                    }
                    on:pointermove=move |ev: leptos::ev::PointerEvent| {
                        if let Some((x, y)) = dragging.get_untracked() {
                            nudge(f64::from(ev.client_x() - x), f64::from(ev.client_y() - y));
                            dragging.set(Some((ev.client_x(), ev.client_y())));
                        }
                    }
                    on:pointerup=move |_| dragging.set(None)
                    on:pointercancel=move |_| dragging.set(None)
                    on:wheel=move |ev: leptos::ev::WheelEvent| {
                        ev.prevent_default();
                        zoom_by(if ev.delta_y() < 0.0 { ZOOM_STEP } else { 1.0 / ZOOM_STEP });
                    }
                ></canvas>
                <div class="field">
                    <label for="photo-zoom">"Zoom"</label>
                    <input
                        id="photo-zoom"
                        type="range"
                        min="1"
                        max=crate::crop::MAX_ZOOM
                        step="0.05"
                        prop:value=move || crop.get().map_or(1.0, |c| c.zoom()).to_string()
                        on:input=move |ev| {
                            let zoom = event_target_value(&ev).parse().unwrap_or(1.0);
                            crop.update(|c| c.iter_mut().for_each(|c| c.set_zoom(zoom)));
                        }
                    />
                </div>
                {move || progress.get().map(|p| view! {
                    <p class="upload-progress">
                        <label for="photo-progress">{format!("Uploading… {}%", (p * 100.0).round())}</label>
                        <progress id="photo-progress" max="1" value=p></progress>
                    </p>
                })}
                <div class="actions">
                    <button type="button" class="button" on:click=upload disabled=move || progress.get().is_some()>
                        {move || if progress.get().is_some() { "Uploading…" } else { "Upload photo" }}
                    </button>
                    <button type="button" class="button button-secondary" on:click=move |_| release() disabled=move || progress.get().is_some()>
                        "Cancel"
                    </button>
                </div>
            </Show>
        </section>
    }
}
