//! Dates and times as text, in the language shown: the browser's `Intl` does the work, so
//! the bundle carries no calendar tables of its own.

use super::lang;
use crate::profile::parse_iso_date;
use js_sys::{Date, Object, Reflect};
use wasm_bindgen::JsValue;

fn options(pairs: &[(&str, &str)]) -> JsValue {
    let object = Object::new();
    for (key, value) in pairs {
        let _ = Reflect::set(&object, &JsValue::from_str(key), &JsValue::from_str(value));
    }
    object.into()
}

/// `1994-08-27` → `27 Aug 1994` (or `27 अग॰ 1994`, `27 ஆக., 1994`); `None` for anything that
/// is not a real date.
pub fn birth_date(iso: &str) -> Option<String> {
    let (year, month, day) = parse_iso_date(iso)?;
    if cfg!(not(target_arch = "wasm32")) {
        // Unit tests run natively, without `Intl`.
        const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
        return Some([day.to_string().as_str(), MONTHS[month as usize - 1], &year.to_string()].join(" "));
    }
    // Noon UTC, formatted in UTC: the same calendar day in every time zone.
    let date = Date::new(&JsValue::from_f64(Date::utc(f64::from(year), f64::from(month - 1)) + day_ms(day)));
    let text = date.to_locale_date_string(
        &locale(),
        &options(&[("day", "numeric"), ("month", "short"), ("year", "numeric"), ("timeZone", "UTC")]),
    );
    Some(text.into())
}

fn day_ms(day: u32) -> f64 {
    (f64::from(day) - 1.0) * 86_400_000.0 + 43_200_000.0
}

/// When something happened, for "as of …": the time alone if it was today, else the date too.
pub fn moment(ms: f64) -> String {
    let then = Date::new(&JsValue::from_f64(ms));
    let now = Date::new_0();
    let same_day = then.to_date_string() == now.to_date_string();
    let mut pairs = vec![("hour", "numeric"), ("minute", "2-digit")];
    if !same_day {
        pairs.extend([("day", "numeric"), ("month", "short")]);
    }
    then.to_locale_string(&locale(), &options(&pairs)).into()
}

/// English is written the Indian way (`en-IN`): day before month.
fn locale() -> String {
    match lang().code() {
        "en" => "en-IN".to_string(),
        other => [other, "-IN"].concat(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn birth_dates_are_real_dates_or_nothing() {
        assert_eq!(birth_date("1994-08-27").as_deref(), Some("27 Aug 1994"));
        assert_eq!(birth_date("2000-02-29").as_deref(), Some("29 Feb 2000"));
        for bad in ["1900-02-29", "27-08-1994", "", "1994-08-27T00:00"] {
            assert_eq!(birth_date(bad), None, "{bad}");
        }
    }
}
