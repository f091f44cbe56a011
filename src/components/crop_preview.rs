//! The crop preview: the chosen photo's square as it will be cut, with the circle every
//! avatar is shown in drawn over it (the corners outside it are dimmed, as they will not be
//! seen). Drag, wheel, arrow keys and +/− move and zoom it.

use crate::crop::Crop;
use crate::i18n::{tr, Msg};
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, HtmlImageElement};

/// The preview canvas's size in pixels (it is shown at up to this many CSS pixels).
pub const PREVIEW_PX: u32 = 256;
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
    // The square with a circular hole (the hole is traced the other way round).
    let half = target / 2.0;
    ctx.begin_path();
    ctx.rect(0.0, 0.0, target, target);
    let _ = ctx.arc_with_anticlockwise(half, half, half, 0.0, std::f64::consts::TAU, true);
    ctx.set_fill_style_str("rgba(17, 24, 39, 0.6)");
    ctx.fill();
    ctx.begin_path();
    let _ = ctx.arc(half, half, half - 1.0, 0.0, std::f64::consts::TAU);
    ctx.set_stroke_style_str("#ffffff");
    ctx.set_line_width(2.0);
    ctx.stroke();
}

#[component]
pub fn CropPreview(image: HtmlImageElement, crop: RwSignal<Option<Crop>>) -> impl IntoView {
    let canvas = NodeRef::<leptos::html::Canvas>::new();
    let dragging = RwSignal::new(None::<(i32, i32)>);
    let image = send_wrapper::SendWrapper::new(image);
    // Redraw whenever the crop changes (and once the canvas exists).
    Effect::new(move |_| {
        if let (Some(c), Some(canvas)) = (crop.get(), canvas.get()) {
            draw(&canvas, &image, &c);
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
        <p id="crop-help" class="hint">{tr(Msg::CropHelp)}</p>
        <canvas
            class="crop-preview"
            width=PREVIEW_PX
            height=PREVIEW_PX
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
