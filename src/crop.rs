//! The square crop of a chosen photo, in the photo's own pixels, and the checks a file
//! must pass before anything is uploaded.

/// Largest file accepted, as CONTRACT.md's server refuses anything bigger.
pub const MAX_FILE_BYTES: f64 = 10.0 * 1024.0 * 1024.0;
/// Photos are re-encoded no larger than this on their long side: ample for a 256 px avatar,
/// and a fraction of a phone camera's upload on mobile data.
pub const MAX_UPLOAD_SIDE: u32 = 2048;
/// The zoom slider's `max` says the same.
pub const MAX_ZOOM: f64 = 4.0;

/// `value` kept within `low..=high` (`high` wins if they cross; NaN becomes `low`).
/// Unlike `f64::clamp` it never panics, and it keeps that panic's float printing (about
/// 15 KB of wasm) out of the bundle.
pub fn within(value: f64, low: f64, high: f64) -> f64 {
    value.max(low).min(high)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileProblem {
    NotAnImage,
    TooLarge,
    Empty,
}

/// Checks a chosen file by its declared type and size, before it is even read.
pub fn check_file(mime: &str, size: f64) -> Result<(), FileProblem> {
    if !mime.to_ascii_lowercase().starts_with("image/") || mime.eq_ignore_ascii_case("image/svg+xml") {
        return Err(FileProblem::NotAnImage);
    }
    if size <= 0.0 {
        return Err(FileProblem::Empty);
    }
    if size > MAX_FILE_BYTES {
        return Err(FileProblem::TooLarge);
    }
    Ok(())
}

/// `(x, y, side)` in whole pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Square {
    pub x: u32,
    pub y: u32,
    pub side: u32,
}

/// A square window on a `width`×`height` image: zoom 1 is the largest square that fits.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Crop {
    width: f64,
    height: f64,
    zoom: f64,
    centre_x: f64,
    centre_y: f64,
}

impl Crop {
    pub fn new(width: u32, height: u32) -> Crop {
        let (width, height) = (f64::from(width.max(1)), f64::from(height.max(1)));
        Crop { width, height, zoom: 1.0, centre_x: width / 2.0, centre_y: height / 2.0 }
    }

    pub fn zoom(&self) -> f64 {
        self.zoom
    }

    /// The square's side, in image pixels.
    pub fn side(&self) -> f64 {
        self.width.min(self.height) / self.zoom
    }

    pub fn square(&self) -> Square {
        let side = self.side().floor().max(1.0);
        let x = within((self.centre_x - side / 2.0).round(), 0.0, self.width - side);
        let y = within((self.centre_y - side / 2.0).round(), 0.0, self.height - side);
        Square { x: x as u32, y: y as u32, side: side as u32 }
    }

    pub fn set_zoom(&mut self, zoom: f64) {
        self.zoom = if zoom.is_finite() { within(zoom, 1.0, MAX_ZOOM) } else { 1.0 };
        self.keep_inside();
    }

    /// Drags the photo by `(dx, dy)` screen pixels in a preview `view_px` wide: the photo
    /// follows the pointer, so the window moves the other way.
    pub fn drag(&mut self, dx: f64, dy: f64, view_px: f64) {
        if !(dx.is_finite() && dy.is_finite()) || view_px <= 0.0 {
            return;
        }
        let scale = self.side() / view_px;
        self.centre_x -= dx * scale;
        self.centre_y -= dy * scale;
        self.keep_inside();
    }

    fn keep_inside(&mut self) {
        let half = self.side() / 2.0;
        self.centre_x = within(self.centre_x, half, self.width - half);
        self.centre_y = within(self.centre_y, half, self.height - half);
    }
}

/// The size to re-encode a photo at, and the factor from original to re-encoded pixels.
pub fn upload_size(width: u32, height: u32) -> (u32, u32, f64) {
    let long = width.max(height).max(1);
    if long <= MAX_UPLOAD_SIDE {
        return (width.max(1), height.max(1), 1.0);
    }
    let factor = f64::from(MAX_UPLOAD_SIDE) / f64::from(long);
    let scaled = |v: u32| ((f64::from(v) * factor).round() as u32).max(1);
    (scaled(width), scaled(height), factor)
}

/// The crop square in the re-encoded photo's pixels, kept inside it.
pub fn scale_square(square: Square, factor: f64, width: u32, height: u32) -> Square {
    let side = ((f64::from(square.side) * factor).floor() as u32).clamp(1, width.min(height).max(1));
    let x = ((f64::from(square.x) * factor).round() as u32).min(width.saturating_sub(side));
    let y = ((f64::from(square.y) * factor).round() as u32).min(height.saturating_sub(side));
    Square { x, y, side }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn within_never_panics() {
        assert_eq!(within(5.0, 0.0, 1.0), 1.0);
        assert_eq!(within(-5.0, 0.0, 1.0), 0.0);
        assert_eq!(within(f64::NAN, 0.0, 1.0), 0.0);
        // A photo narrower than the crop: the bounds cross, and the upper one wins.
        assert_eq!(within(3.0, 2.0, -1.0), -1.0);
    }

    #[test]
    fn files_are_checked_before_reading() {
        assert_eq!(check_file("image/jpeg", 2e6), Ok(()));
        assert_eq!(check_file("IMAGE/PNG", 1.0), Ok(()));
        assert_eq!(check_file("text/plain", 10.0), Err(FileProblem::NotAnImage));
        assert_eq!(check_file("", 10.0), Err(FileProblem::NotAnImage));
        assert_eq!(check_file("image/svg+xml", 10.0), Err(FileProblem::NotAnImage));
        assert_eq!(check_file("image/jpeg", 0.0), Err(FileProblem::Empty));
        assert_eq!(check_file("image/jpeg", MAX_FILE_BYTES), Ok(()));
        assert_eq!(check_file("image/jpeg", MAX_FILE_BYTES + 1.0), Err(FileProblem::TooLarge));
    }

    #[test]
    fn starts_with_the_largest_centred_square() {
        assert_eq!(Crop::new(600, 540).square(), Square { x: 30, y: 0, side: 540 });
        assert_eq!(Crop::new(300, 400).square(), Square { x: 0, y: 50, side: 300 });
    }

    #[test]
    fn zoom_shrinks_the_window_and_stays_in_bounds() {
        let mut crop = Crop::new(600, 540);
        crop.set_zoom(2.0);
        assert_eq!(crop.square(), Square { x: 165, y: 135, side: 270 });
        crop.set_zoom(99.0);
        assert_eq!(crop.zoom(), MAX_ZOOM);
        crop.set_zoom(f64::NAN);
        assert_eq!(crop.zoom(), 1.0);
        crop.set_zoom(0.1);
        assert_eq!(crop.square().side, 540);
    }

    #[test]
    fn dragging_moves_the_window_against_the_pointer_and_never_out() {
        let mut crop = Crop::new(600, 540);
        crop.set_zoom(2.0);
        crop.drag(-64.0, 0.0, 256.0); // photo dragged left: the window moves right
        let moved = crop.square();
        assert!(moved.x > 165, "{moved:?}");
        crop.drag(-10_000.0, -10_000.0, 256.0);
        assert_eq!(crop.square(), Square { x: 330, y: 270, side: 270 });
        crop.drag(10_000.0, 10_000.0, 256.0);
        assert_eq!(crop.square(), Square { x: 0, y: 0, side: 270 });
        crop.drag(f64::INFINITY, 0.0, 256.0);
        assert_eq!(crop.square(), Square { x: 0, y: 0, side: 270 });
    }

    #[test]
    fn big_photos_are_scaled_down_with_their_crop() {
        assert_eq!(upload_size(800, 600), (800, 600, 1.0));
        let (w, h, factor) = upload_size(4032, 3024);
        assert_eq!((w, h), (2048, 1536));
        let mut crop = Crop::new(4032, 3024);
        crop.drag(-1e6, -1e6, 256.0);
        let scaled = scale_square(crop.square(), factor, w, h);
        assert!(scaled.x + scaled.side <= w && scaled.y + scaled.side <= h, "{scaled:?}");
        assert_eq!(scaled.side, 1536);
    }
}
