//! Dates and times as text, in the language shown: the browser's `Intl` does the work, so
//! the bundle carries no calendar tables of its own.

use super::lang;
use crate::iso_date::parse_iso_date;
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

/// When something happened, for "as of …": the time alone if it was today, else the date
/// too (and the year, if not this one).
pub fn moment(ms: f64) -> String {
    let then = Date::new(&JsValue::from_f64(ms));
    let now = Date::new_0();
    let same_day = then.to_date_string() == now.to_date_string();
    let mut pairs = vec![("hour", "numeric"), ("minute", "2-digit")];
    if !same_day {
        pairs.extend([("day", "numeric"), ("month", "short")]);
    }
    if then.get_full_year() != now.get_full_year() {
        pairs.push(("year", "numeric"));
    }
    then.to_locale_string(&locale(), &options(&pairs)).into()
}

/// How long ago `iso` (an ISO 8601 time such as `2019-07-30T05:32:52Z`) was, in words:
/// "5 minutes ago", "yesterday", "3 months ago" (`Intl.RelativeTimeFormat`). `None` when it
/// is not a time the browser can read.
pub fn time_ago(iso: &str, now_ms: f64) -> Option<String> {
    let then = Date::parse(iso.trim());
    if !then.is_finite() || iso.trim().is_empty() {
        return None;
    }
    let (value, unit) = ago_in_units((now_ms - then).max(0.0) / 1000.0);
    if cfg!(not(target_arch = "wasm32")) {
        return Some(format!("{} {unit}s ago", -value));
    }
    // Browsers before 2020 (Safari 13) have no RelativeTimeFormat: calling it would throw.
    let intl = Reflect::get(&js_sys::global(), &JsValue::from_str("Intl")).ok()?;
    if !Reflect::has(&intl, &JsValue::from_str("RelativeTimeFormat")).unwrap_or(false) {
        return None;
    }
    let locales = js_sys::Array::of1(&JsValue::from_str(&locale()));
    let format = js_sys::Intl::RelativeTimeFormat::new(&locales, &options(&[("numeric", "auto")]).into());
    Some(format.format(value, unit).into())
}

/// Seconds ago as a whole count of the largest unit that fits, negative (the past).
fn ago_in_units(seconds: f64) -> (f64, &'static str) {
    const UNITS: [(f64, &str); 6] = [
        (31_536_000.0, "year"),
        (2_592_000.0, "month"),
        (604_800.0, "week"),
        (86_400.0, "day"),
        (3_600.0, "hour"),
        (60.0, "minute"),
    ];
    UNITS
        .iter()
        .find(|(size, _)| seconds >= *size)
        .map_or((-0.0, "second"), |(size, unit)| (-(seconds / size).floor(), *unit))
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

    #[test]
    fn ages_pick_the_largest_unit() {
        assert_eq!(ago_in_units(10.0), (-0.0, "second"));
        assert_eq!(ago_in_units(150.0), (-2.0, "minute"));
        assert_eq!(ago_in_units(3.5 * 3600.0), (-3.0, "hour"));
        assert_eq!(ago_in_units(86_400.0 * 1.5), (-1.0, "day"));
        assert_eq!(ago_in_units(86_400.0 * 20.0), (-2.0, "week"));
        assert_eq!(ago_in_units(86_400.0 * 400.0), (-1.0, "year"));
    }
}
