//! Photo uploads: check the bytes are a sane image, crop, and make the square variants.

use crate::db;
use crate::user::PhotoSet;
use crate::validate::{Crop, PhotoUpload};
use image::codecs::jpeg::JpegEncoder;
use image::imageops::FilterType;
use image::{DynamicImage, ImageFormat, ImageReader, Limits, Rgb, RgbImage};
use rusqlite::Connection;
use std::io::Cursor;

/// The sizes Testpress derives, largest first: large, medium, small, x_small, mini.
pub const VARIANT_SIZES: [u32; 5] = [256, 128, 48, 32, 24];
/// Larger than any phone camera's output; beyond this an upload is refused, not decoded.
pub const MAX_DIMENSION: u32 = 8000;

#[derive(Debug, PartialEq)]
pub enum PhotoError {
    NotAnImage,
    TooLarge,
    CropOutside,
}

impl PhotoError {
    pub fn message(&self) -> String {
        match self {
            PhotoError::NotAnImage => {
                "Upload a valid image. The file you uploaded was either not an image or a corrupted image.".into()
            }
            PhotoError::TooLarge => format!("The image is too large; at most {MAX_DIMENSION}×{MAX_DIMENSION} pixels."),
            PhotoError::CropOutside => "The crop rectangle must lie inside the image and not be empty.".into(),
        }
    }
}

pub struct ProcessedPhoto {
    pub original: (Vec<u8>, &'static str),
    /// JPEG bytes for each of `VARIANT_SIZES`.
    pub variants: Vec<Vec<u8>>,
    pub crop: Crop,
}

pub fn process(upload: &PhotoUpload) -> Result<ProcessedPhoto, PhotoError> {
    let reader =
        ImageReader::new(Cursor::new(&upload.bytes)).with_guessed_format().map_err(|_| PhotoError::NotAnImage)?;
    let content_type = match reader.format() {
        Some(ImageFormat::Jpeg) => "image/jpeg",
        Some(ImageFormat::Png) => "image/png",
        _ => return Err(PhotoError::NotAnImage),
    };
    let (width, height) = reader.into_dimensions().map_err(|_| PhotoError::NotAnImage)?;
    if width > MAX_DIMENSION || height > MAX_DIMENSION {
        return Err(PhotoError::TooLarge);
    }
    let mut reader =
        ImageReader::new(Cursor::new(&upload.bytes)).with_guessed_format().map_err(|_| PhotoError::NotAnImage)?;
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_DIMENSION);
    limits.max_image_height = Some(MAX_DIMENSION);
    reader.limits(limits);
    let image = reader.decode().map_err(|_| PhotoError::NotAnImage)?;
    let crop = match upload.crop {
        Some(c) => c,
        None => {
            // No rectangle sent: the centred square, as the Android cropper starts with.
            let side = width.min(height);
            Crop { x: (width - side) / 2, y: (height - side) / 2, width: side, height: side }
        }
    };
    let fits = crop.width > 0
        && crop.height > 0
        && crop.x.checked_add(crop.width).is_some_and(|r| r <= width)
        && crop.y.checked_add(crop.height).is_some_and(|b| b <= height);
    if !fits {
        return Err(PhotoError::CropOutside);
    }
    let cropped = image.crop_imm(crop.x, crop.y, crop.width, crop.height);
    let variants =
        VARIANT_SIZES.iter().map(|&side| jpeg(&cropped.resize_exact(side, side, FilterType::Triangle))).collect();
    Ok(ProcessedPhoto { original: (upload.bytes.clone(), content_type), variants, crop })
}

pub fn jpeg(image: &DynamicImage) -> Vec<u8> {
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, 85)
        .encode_image(&image.to_rgb8())
        .expect("encoding an RGB image into memory cannot fail");
    out
}

/// Stores the processed files under fresh random names and returns them as a `PhotoSet`.
pub fn store(conn: &Connection, processed: &ProcessedPhoto) -> rusqlite::Result<PhotoSet> {
    let ext = if processed.original.1 == "image/png" { "png" } else { "jpeg" };
    let original = format!("{}.{ext}", db::random_hex(16));
    db::put_media(conn, &original, processed.original.1, &processed.original.0)?;
    let mut names = Vec::new();
    for bytes in &processed.variants {
        let name = format!("{}.jpeg", db::random_hex(16));
        db::put_media(conn, &name, "image/jpeg", bytes)?;
        names.push(name);
    }
    let [large, medium, small, x_small, mini]: [String; 5] = names.try_into().expect("five variants");
    let c = processed.crop;
    Ok(PhotoSet { photo: original, large, medium, small, x_small, mini, crop: Some([c.x, c.y, c.width, c.height]) })
}

/// A made-up portrait: a two-colour gradient with a head-and-shoulders silhouette.
/// Seeded photos are drawn here so nothing is ever downloaded.
pub fn demo_portrait(width: u32, height: u32, top: [u8; 3], bottom: [u8; 3]) -> Vec<u8> {
    let mut img = RgbImage::new(width, height);
    let (cx, head_cy, head_r) = (width as f32 / 2.0, height as f32 * 0.4, height as f32 * 0.17);
    let shoulders_cy = height as f32 * 0.95;
    for (x, y, px) in img.enumerate_pixels_mut() {
        let t = y as f32 / height as f32;
        let mut c = [0u8; 3];
        for i in 0..3 {
            c[i] = (top[i] as f32 * (1.0 - t) + bottom[i] as f32 * t) as u8;
        }
        let (fx, fy) = (x as f32, y as f32);
        let in_head = (fx - cx).powi(2) + (fy - head_cy).powi(2) < head_r.powi(2);
        let in_shoulders =
            ((fx - cx) / (width as f32 * 0.33)).powi(2) + ((fy - shoulders_cy) / (height as f32 * 0.3)).powi(2) < 1.0;
        if in_head || in_shoulders {
            c = [245, 240, 232];
        }
        *px = Rgb(c);
    }
    jpeg(&DynamicImage::ImageRgb8(img))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crops_and_makes_square_variants() {
        let bytes = demo_portrait(600, 540, [10, 60, 120], [200, 80, 40]);
        let upload = PhotoUpload { bytes, crop: Some(Crop { x: 37, y: 0, width: 539, height: 540 }) };
        let processed = process(&upload).expect("a valid upload");
        for (bytes, side) in processed.variants.iter().zip(VARIANT_SIZES) {
            let img = image::load_from_memory(bytes).unwrap();
            assert_eq!((img.width(), img.height()), (side, side));
        }
    }

    #[test]
    fn refuses_text_and_outside_crops() {
        let text = PhotoUpload { bytes: b"hello, not an image".to_vec(), crop: None };
        assert_eq!(process(&text).err(), Some(PhotoError::NotAnImage));
        let bytes = demo_portrait(100, 100, [0, 0, 0], [255, 255, 255]);
        let outside = PhotoUpload { bytes, crop: Some(Crop { x: 50, y: 0, width: 60, height: 60 }) };
        assert_eq!(process(&outside).err(), Some(PhotoError::CropOutside));
    }
}
