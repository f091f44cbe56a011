//! The crop preview: the chosen photo's square as it will be cut, with the circle every
//! avatar is shown in drawn over it (the corners outside it are dimmed, as they will not be
//! seen). Drag, wheel, arrow keys and +/− move and zoom it; where it now is, is said to
//! screen readers once the student pauses.

use crate::crop::Crop;
use crate::i18n::{tf, tr, Msg};
use leptos::prelude::*;
use std::time::Duration;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, HtmlImageElement};

/// The preview's size in CSS pixels (at most; narrower on a narrow screen).
pub const PREVIEW_PX: u32 = 256;
/// How long the crop must rest before its place is announced (a drag is many moves).
const ANNOUNCE_AFTER: Duration = Duration::from_millis(700);
/// How far one arrow key press moves the photo, in preview pixels.
const KEY_STEP_PX: f64 = 8.0;
pub const ZOOM_STEP: f64 = 1.1;

pub fn context_2d(canvas: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
    canvas.get_context("2d").ok().flatten()?.dyn_into().ok()
}

/// Draws the crop square of `image`, then dims what falls outside the avatar's circle.
/// Drawing an `<img>` applies its EXIF orientation (browsers default to
/// `image-orientation: from-image`), so what is shown and what is uploaded are the right
/// way up.
fn draw(canvas: &HtmlCanvasElement, image: &HtmlImageElement, crop: &Crop) {
    let Some(ctx) = context_2d(canvas) else { return };
    let square = crop.square();
    let side = f64::from(square.side);
    // The backing store's size: the screen's pixels, not CSS pixels (`backing_px`).
    let target = f64::from(canvas.width());
    let line = (target / f64::from(PREVIEW_PX)).max(1.0);
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
    // The square with a circular hole (the hole is traced the other way round).
    let half = target / 2.0;
    ctx.begin_path();
    ctx.rect(0.0, 0.0, target, target);
    let _ = ctx.arc_with_anticlockwise(half, half, half, 0.0, std::f64::consts::TAU, true);
    ctx.set_fill_style_str("rgba(17, 24, 39, 0.6)");
    ctx.fill();
    ctx.begin_path();
    let _ = ctx.arc(half, half, half - line, 0.0, std::f64::consts::TAU);
    ctx.set_stroke_style_str("#ffffff");
    ctx.set_line_width(2.0 * line);
    ctx.stroke();
}

/// The canvas's own pixels across: sharp on a 2× or 3× screen, where 256 would be blurred.
fn backing_px() -> u32 {
    let ratio = window().device_pixel_ratio();
    let ratio = if ratio.is_finite() { ratio.clamp(1.0, 4.0) } else { 1.0 };
    (f64::from(PREVIEW_PX) * ratio).round() as u32
}

/// "Zoom 150 %, centre 40 % across, 55 % down": where the crop is, in whole percents.
fn position_words(crop: &Crop, width: u32, height: u32) -> String {
    let square = crop.square();
    let percent = |part: f64, whole: u32| ((part / f64::from(whole.max(1))) * 100.0).round().clamp(0.0, 100.0) as u32;
    let half = f64::from(square.side) / 2.0;
    let across = percent(f64::from(square.x) + half, width).to_string();
    let down = percent(f64::from(square.y) + half, height).to_string();
    let zoom = ((crop.zoom() * 100.0).round() as u32).to_string();
    tf(Msg::CropPosition, &[("zoom", &zoom), ("across", &across), ("down", &down)])
}

#[component]
pub fn CropPreview(image: HtmlImageElement, crop: RwSignal<Option<Crop>>) -> impl IntoView {
    let canvas = NodeRef::<leptos::html::Canvas>::new();
    let dragging = RwSignal::new(None::<(i32, i32)>);
    let (width, height) = (image.natural_width(), image.natural_height());
    let image = send_wrapper::SendWrapper::new(image);
    let backing = backing_px();
    // Redraw whenever the crop changes (and once the canvas exists).
    Effect::new(move |_| {
        if let (Some(c), Some(canvas)) = (crop.get(), canvas.get()) {
            draw(&canvas, &image, &c);
        }
    });
    // Each move restarts the wait; the place is said once the crop rests (not at the start).
    let announcement = RwSignal::new(String::new());
    let timer = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |seen: Option<()>| {
        let Some(c) = crop.get() else { return };
        if seen.is_none() {
            return;
        }
        if let Some(old) = timer.get_value() {
            old.clear();
        }
        let words = position_words(&c, width, height);
        timer.set_value(set_timeout_with_handle(move || _ = announcement.try_set(words), ANNOUNCE_AFTER).ok());
    });
    on_cleanup(move || {
        if let Some(Some(old)) = timer.try_get_value() {
            old.clear();
        }
    });

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
    let start_drag = move |ev: leptos::ev::PointerEvent| {
        if let Some(c) = canvas.get_untracked() {
            let _ = c.set_pointer_capture(ev.pointer_id());
        }
        dragging.set(Some((ev.client_x(), ev.client_y())));
    };
    let drag = move |ev: leptos::ev::PointerEvent| {
        if let Some((x, y)) = dragging.get_untracked() {
            nudge(f64::from(ev.client_x() - x), f64::from(ev.client_y() - y));
            dragging.set(Some((ev.client_x(), ev.client_y())));
        }
    };
    let end_drag = move |_: leptos::ev::PointerEvent| dragging.set(None);
    let wheel_zoom = move |ev: leptos::ev::WheelEvent| {
        ev.prevent_default();
        zoom_by(if ev.delta_y() < 0.0 { ZOOM_STEP } else { 1.0 / ZOOM_STEP });
    };

    view! {
        // One help per kind of screen (style/main.css shows the one that fits): a phone has
        // no arrow keys or wheel. Hidden text inside the description is not read.
        <p id="crop-help" class="hint">
            <span class="help-touch">{tr(Msg::CropHelpTouch)}</span>
            <span class="help-keys">{tr(Msg::CropHelpKeys)}</span>
        </p>
        <p class="visually-hidden" aria-live="polite">{move || announcement.get()}</p>
        <canvas
            class="crop-preview"
            width=backing
            height=backing
            tabindex="0"
            role="img"
            aria-roledescription=tr(Msg::CropArea)
            aria-label=tr(Msg::CropPreview)
            aria-describedby="crop-help"
            node_ref=canvas
            on:keydown=on_key
            on:pointerdown=start_drag
            on:pointermove=drag
            on:pointerup=end_drag
            on:pointercancel=end_drag
            on:wheel=wheel_zoom
        ></canvas>
    }
}
