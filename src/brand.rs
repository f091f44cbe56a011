//! The institute's own colour as the app's accent, with text colours worked out so every
//! pairing keeps WCAG AA contrast in the light and the dark theme. Applied as CSS custom
//! properties on `<html>` (through the CSSOM, which the strict CSP allows), which the
//! stylesheet reads with its own colours as the fallback.

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

/// The page surfaces text sits on, as the stylesheet paints them.
const LIGHT_SURFACE: Rgb = Rgb(0xff, 0xff, 0xff);
const DARK_SURFACE: Rgb = Rgb(0x1f, 0x29, 0x37);
const WHITE: Rgb = Rgb(0xff, 0xff, 0xff);
const NEAR_BLACK: Rgb = Rgb(0x11, 0x18, 0x27);
const BLACK: Rgb = Rgb(0, 0, 0);
/// WCAG AA for normal text.
pub const AA: f64 = 4.5;

impl Rgb {
    /// `#rrggbb` or `#rgb`, any case.
    pub fn parse(text: &str) -> Option<Rgb> {
        let hex = text.trim().strip_prefix('#')?;
        if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let digit = |i: usize| u8::from_str_radix(hex.get(i..i + 1)?, 16).ok();
        match hex.len() {
            3 => Some(Rgb(digit(0)? * 17, digit(1)? * 17, digit(2)? * 17)),
            6 => Some(Rgb(digit(0)? * 16 + digit(1)?, digit(2)? * 16 + digit(3)?, digit(4)? * 16 + digit(5)?)),
            _ => None,
        }
    }

    pub fn hex(self) -> String {
        const DIGITS: &[u8; 16] = b"0123456789abcdef";
        let mut out = String::from("#");
        for byte in [self.0, self.1, self.2] {
            out.push(DIGITS[usize::from(byte >> 4)] as char);
            out.push(DIGITS[usize::from(byte & 15)] as char);
        }
        out
    }

    /// Relative luminance (WCAG 2).
    pub fn luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(self.0) + 0.7152 * channel(self.1) + 0.0722 * channel(self.2)
    }

    /// `self` moved `amount` (0–1) of the way towards `other`.
    fn mix(self, other: Rgb, amount: f64) -> Rgb {
        let lerp = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * amount).round() as u8;
        Rgb(lerp(self.0, other.0), lerp(self.1, other.1), lerp(self.2, other.2))
    }
}

/// WCAG contrast ratio between two colours (1–21).
pub fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (a.luminance(), b.luminance());
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// The accent, darkened or lightened (towards `towards`) just enough to read as text on
/// `surface` at AA.
fn readable_on(accent: Rgb, surface: Rgb, towards: Rgb) -> Rgb {
    (0..=20)
        .map(|step| accent.mix(towards, f64::from(step) / 20.0))
        .find(|c| contrast(*c, surface) >= AA)
        .unwrap_or(towards)
}

/// Every colour the stylesheet takes from the institute's accent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Palette {
    /// Header, buttons, focus ring: the colour as given.
    pub accent: Rgb,
    /// Text and icons on the accent: white, else near-black, else black.
    pub on_accent: Rgb,
    /// Links and the focus ring on the light surface.
    pub text_light: Rgb,
    /// The same on the dark surface.
    pub text_dark: Rgb,
}

impl Palette {
    pub fn from_accent(accent: Rgb) -> Palette {
        // White where it reads; else the near-black of the text; else black, which reads on
        // any colour white does not (one of the two always reaches 4.58:1).
        let on_accent = [WHITE, NEAR_BLACK].into_iter().find(|c| contrast(*c, accent) >= AA).unwrap_or(BLACK);
        Palette {
            accent,
            on_accent,
            text_light: readable_on(accent, LIGHT_SURFACE, NEAR_BLACK),
            text_dark: readable_on(accent, DARK_SURFACE, WHITE),
        }
    }

    /// `(custom property, value)` pairs for `<html>`.
    pub fn properties(&self) -> [(&'static str, String); 4] {
        [
            ("--brand-accent", self.accent.hex()),
            ("--brand-on-accent", self.on_accent.hex()),
            ("--brand-text-light", self.text_light.hex()),
            ("--brand-text-dark", self.text_dark.hex()),
        ]
    }
}

/// Paints the app in the institute's colour: custom properties on `<html>` and the browser's
/// `theme-color` (its toolbar on phones).
pub fn apply(accent: Rgb) {
    let palette = Palette::from_accent(accent);
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    if let Some(root) =
        document.document_element().and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
    {
        for (name, value) in palette.properties() {
            let _ = root.style().set_property(name, &value);
        }
    }
    if let Ok(Some(meta)) = document.query_selector("meta[name=theme-color]") {
        let _ = meta.set_attribute("content", &palette.accent.hex());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_parse_from_hex_only() {
        assert_eq!(Rgb::parse("#0b6e4f"), Some(Rgb(11, 110, 79)));
        assert_eq!(Rgb::parse(" #0B6E4F "), Some(Rgb(11, 110, 79)));
        assert_eq!(Rgb::parse("#fa0"), Some(Rgb(255, 170, 0)));
        assert_eq!(Rgb(11, 110, 79).hex(), "#0b6e4f");
        for bad in ["0b6e4f", "#0b6e4", "#0b6e4fff", "#ggg", "green", "rgb(1,2,3)", "", "#", "#+1+2+3"] {
            assert_eq!(Rgb::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn contrast_matches_wcag() {
        assert!((contrast(WHITE, Rgb(0, 0, 0)) - 21.0).abs() < 0.01);
        assert!((contrast(WHITE, Rgb(0x1d, 0x4e, 0xd8)) - 6.70).abs() < 0.05);
    }

    /// Any accent at all yields text colours that read at AA on it and on both surfaces.
    #[test]
    fn every_accent_gets_readable_text_in_both_themes() {
        for r in (0..=255).step_by(51) {
            for g in (0..=255).step_by(51) {
                for b in (0..=255).step_by(51) {
                    let accent = Rgb(r as u8, g as u8, b as u8);
                    let p = Palette::from_accent(accent);
                    assert!(contrast(p.on_accent, accent) >= AA, "{accent:?} on-accent");
                    assert!(contrast(p.text_light, LIGHT_SURFACE) >= AA, "{accent:?} light");
                    assert!(contrast(p.text_dark, DARK_SURFACE) >= AA, "{accent:?} dark");
                }
            }
        }
        let green = Palette::from_accent(Rgb(0x0b, 0x6e, 0x4f));
        assert_eq!((green.on_accent, green.text_light), (WHITE, Rgb(0x0b, 0x6e, 0x4f)), "already readable: kept");
        let yellow = Palette::from_accent(Rgb(0xff, 0xd6, 0x00));
        assert_eq!(yellow.on_accent, NEAR_BLACK);
        assert_ne!(yellow.text_light, Rgb(0xff, 0xd6, 0x00), "too light on white: darkened");
    }
}
