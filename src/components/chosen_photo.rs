//! A photo the student chose: the decoded image (with its object URL to release), and the
//! JPEG the server is sent of it, re-encoded on a canvas.

use crate::api::PhotoUpload;
use crate::components::crop_preview::context_2d;
use crate::crop::{scale_square, upload_size, Crop};
use leptos::prelude::document;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlCanvasElement, HtmlImageElement};

/// A chosen photo, decoded, with the object URL to release when done.
#[derive(Clone)]
pub struct Chosen {
    pub image: HtmlImageElement,
    pub url: String,
    pub name: String,
}

/// Re-encodes the whole photo as JPEG (at most `MAX_UPLOAD_SIDE` on its long side, EXIF
/// dropped) and maps the crop into the re-encoded pixels.
pub fn encode(image: &HtmlImageElement, crop: &Crop) -> Option<PhotoUpload> {
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
