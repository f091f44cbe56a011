//! Parses a PUT/PATCH body into a partial update, applying the official app's rules
//! (CONTRACT.md, "Validation") with DRF-style messages.

use crate::choices::{GENDERS, STATES};
use crate::error::{ApiError, FieldErrors};
use serde_json::{Map, Value};

/// A new photo as the Android app sends it: base64 JPEG (or PNG) plus an optional crop.
#[derive(Debug, Default)]
pub struct PhotoUpload {
    pub bytes: Vec<u8>,
    pub crop: Option<Crop>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Crop {
    pub x: u32,
    pub y: u32,
    pub width: u32,
    pub height: u32,
}

/// Fields present in the request; `None` leaves the stored value alone.
/// For optional values the inner `None` clears them.
#[derive(Debug, Default)]
pub struct ProfileUpdate {
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub gender: Option<Option<i64>>,
    pub birth_date: Option<Option<String>>,
    pub address1: Option<String>,
    pub address2: Option<String>,
    pub city: Option<String>,
    pub zip: Option<String>,
    pub state_choices: Option<Option<i64>>,
    pub photo: Option<PhotoUpload>,
}

pub const MAX_PHOTO_BYTES: usize = 10 * 1024 * 1024;

pub fn parse_update(body: &[u8]) -> Result<ProfileUpdate, ApiError> {
    let value: Value =
        serde_json::from_slice(body).map_err(|e| ApiError::BadRequest(format!("JSON parse error - {e}")))?;
    let Value::Object(map) = value else {
        return Err(ApiError::field(
            "non_field_errors",
            "Invalid data. Expected a dictionary, but got a different type.",
        ));
    };
    let mut errors: FieldErrors = Vec::new();
    let mut update = ProfileUpdate {
        first_name: text(&map, "first_name", 30, Rule::Required, &mut errors),
        last_name: text(&map, "last_name", 30, Rule::Optional, &mut errors),
        email: text(&map, "email", 254, Rule::Email, &mut errors),
        phone: text(&map, "phone", 10, Rule::Digits(10, true), &mut errors),
        address1: text(&map, "address1", 255, Rule::Optional, &mut errors),
        address2: text(&map, "address2", 255, Rule::Optional, &mut errors),
        city: text(&map, "city", 100, Rule::Optional, &mut errors),
        zip: text(&map, "zip", 6, Rule::Digits(6, false), &mut errors),
        gender: choice(&map, "gender", |c| GENDERS.iter().any(|(g, _)| *g == c), &mut errors),
        state_choices: choice(&map, "state_choices", |c| (0..STATES.len() as i64).contains(&c), &mut errors),
        birth_date: birth_date(&map, &mut errors),
        photo: None,
    };
    update.photo = photo(&map, &mut errors);
    if errors.is_empty() {
        Ok(update)
    } else {
        Err(ApiError::Fields(errors))
    }
}

enum Rule {
    Optional,
    Required,
    Email,
    /// Exactly this many ASCII digits; `true` when blank is refused too.
    Digits(usize, bool),
}

fn text(map: &Map<String, Value>, name: &str, max: usize, rule: Rule, errors: &mut FieldErrors) -> Option<String> {
    let raw = map.get(name)?;
    let value = match raw {
        Value::String(s) => s.trim().to_string(),
        Value::Number(n) => n.to_string(),
        Value::Null => {
            errors.push((name.into(), "This field may not be null.".into()));
            return None;
        }
        _ => {
            errors.push((name.into(), "Not a valid string.".into()));
            return None;
        }
    };
    let required = matches!(rule, Rule::Required | Rule::Email | Rule::Digits(_, true));
    if value.is_empty() {
        if required {
            errors.push((name.into(), "This field may not be blank.".into()));
            return None;
        }
        return Some(value);
    }
    let message = match rule {
        Rule::Email if !is_email(&value) => Some("Enter a valid email address.".to_string()),
        Rule::Digits(n, _) if value.len() != n || !value.bytes().all(|b| b.is_ascii_digit()) => {
            Some(if name == "zip" {
                format!("Enter a valid PIN code of exactly {n} digits.")
            } else {
                format!("Enter a valid phone number of exactly {n} digits.")
            })
        }
        _ if value.chars().count() > max => Some(format!("Ensure this field has no more than {max} characters.")),
        _ => None,
    };
    match message {
        Some(m) => {
            errors.push((name.into(), m));
            None
        }
        None => Some(value),
    }
}

/// Django's rule, simplified: one `@`, a non-empty local part, a dotted domain, no spaces.
pub fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else { return false };
    !local.is_empty()
        && !domain.contains('@')
        && !s.chars().any(char::is_whitespace)
        && domain.split('.').count() >= 2
        && domain.split('.').all(|label| !label.is_empty() && !label.starts_with('-') && !label.ends_with('-'))
}

fn choice(
    map: &Map<String, Value>,
    name: &str,
    valid: impl Fn(i64) -> bool,
    errors: &mut FieldErrors,
) -> Option<Option<i64>> {
    let raw = map.get(name)?;
    let code = match raw {
        Value::Null => return Some(None),
        Value::String(s) if s.is_empty() => return Some(None),
        Value::String(s) => s.parse::<i64>().ok(),
        Value::Number(n) => n.as_i64(),
        _ => None,
    };
    match code {
        Some(c) if valid(c) => Some(Some(c)),
        _ => {
            let shown = match raw {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            errors.push((name.into(), format!("\"{shown}\" is not a valid choice.")));
            None
        }
    }
}

fn birth_date(map: &Map<String, Value>, errors: &mut FieldErrors) -> Option<Option<String>> {
    let raw = map.get("birth_date")?;
    match raw {
        Value::Null => Some(None),
        Value::String(s) if s.trim().is_empty() => Some(None),
        Value::String(s) if is_calendar_date(s.trim()) => Some(Some(s.trim().to_string())),
        _ => {
            errors.push((
                "birth_date".into(),
                "Date has wrong format. Use one of these formats instead: YYYY-MM-DD.".into(),
            ));
            None
        }
    }
}

/// `YYYY-MM-DD` naming a real day between 1900 and 2099.
pub fn is_calendar_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| {
        s.get(r).filter(|p| p.bytes().all(|c| c.is_ascii_digit())).and_then(|p| p.parse::<u32>().ok())
    };
    let (Some(y), Some(m), Some(d)) = (num(0..4), num(5..7), num(8..10)) else { return false };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1900..=2099).contains(&y) && (1..=days).contains(&d)
}

fn photo(map: &Map<String, Value>, errors: &mut FieldErrors) -> Option<PhotoUpload> {
    use base64::Engine;
    let encoded = match map.get("photo")? {
        Value::Null => return None,
        Value::String(s) if s.is_empty() => return None,
        Value::String(s) => s,
        _ => {
            errors.push(("photo".into(), "The submitted data was not a file.".into()));
            return None;
        }
    };
    // Roughly 4/3 of the decoded size; refuse before decoding anything absurd.
    if encoded.len() > MAX_PHOTO_BYTES / 3 * 4 + 8 {
        errors.push(("photo".into(), "The photo is larger than 10 MB.".into()));
        return None;
    }
    let cleaned: String = encoded.chars().filter(|c| !c.is_whitespace()).collect();
    let Ok(bytes) = base64::engine::general_purpose::STANDARD.decode(cleaned.as_bytes()) else {
        errors.push(("photo".into(), "Upload a valid image. The data was not valid base64.".into()));
        return None;
    };
    let mut crop_values = [0u32; 4];
    let mut present = 0;
    for (slot, key) in crop_values.iter_mut().zip(["x_offset", "y_offset", "crop_width", "crop_height"]) {
        match map.get(key) {
            None | Some(Value::Null) => {}
            Some(v) => match v.as_u64().or_else(|| v.as_f64().filter(|f| *f >= 0.0).map(|f| f.round() as u64)) {
                Some(n) if n <= u32::MAX as u64 => {
                    *slot = n as u32;
                    present += 1;
                }
                _ => errors.push((key.into(), "A valid non-negative integer is required.".into())),
            },
        }
    }
    let crop = match present {
        0 => None,
        4 => Some(Crop { x: crop_values[0], y: crop_values[1], width: crop_values[2], height: crop_values[3] }),
        _ => {
            errors
                .push(("photo".into(), "Send all of x_offset, y_offset, crop_width and crop_height, or none.".into()));
            None
        }
    };
    Some(PhotoUpload { bytes, crop })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert!(is_calendar_date("1994-08-27"));
        assert!(is_calendar_date("2000-02-29"));
        assert!(!is_calendar_date("1900-02-29"));
        assert!(!is_calendar_date("1994-13-01"));
        assert!(!is_calendar_date("27-08-1994"));
        assert!(!is_calendar_date("1994-8-27"));
    }

    #[test]
    fn emails() {
        assert!(is_email("testpress.in@gmail.com"));
        assert!(!is_email("testpress.in@gmail"));
        assert!(!is_email("a b@c.in"));
        assert!(!is_email("@c.in"));
        assert!(!is_email("a@@c.in"));
    }
}
