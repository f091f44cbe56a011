//! JSON into the app's typed structs (serde derive), with the limits every text passes first
//! (size, nesting, an object at the top) and the lenient field types the API's loose answers
//! need: `Scalar` for a field that may arrive with any type, `TextMap` for an object of
//! texts, and `Sink` (in `sink`) for the few shapes that take an array or an object of
//! either kind. A field of the wrong type, or `null`, reads as "not provided" instead of
//! failing the whole answer; wrong values are skipped with `IgnoredAny`, never built into a tree.

mod sink;

pub use sink::{read, Read, Sink};

use serde::de::{DeserializeOwned, Deserializer, Error as _};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};

/// Larger than any answer the app asks for (a profile is a few KB).
const MAX_BYTES: usize = 2 << 20;
/// Deeper than anything the API sends (serde_json's own limit, 128, is the second guard).
const MAX_DEPTH: usize = 64;

/// Not JSON, not an object at the top, too large, or nested deeper than anything the API sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Invalid;

/// Reads `text` as a `T`. Every shape the app reads is an object at the top: anything else is
/// refused here, as serde would otherwise read a struct from an array's items in order.
pub fn parse<T: DeserializeOwned>(text: &str) -> Result<T, Invalid> {
    check_limits(text)?;
    serde_json::from_str(text).map_err(|_| Invalid)
}

/// Size, an object at the top, and nesting: brackets outside strings, counted before parsing.
fn check_limits(text: &str) -> Result<(), Invalid> {
    if text.len() > MAX_BYTES || !text.trim_start_matches([' ', '\t', '\n', '\r']).starts_with('{') {
        return Err(Invalid);
    }
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for byte in text.bytes() {
        match byte {
            _ if escaped => escaped = false,
            b'\\' if in_string => escaped = true,
            b'"' => in_string = !in_string,
            _ if in_string => {}
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(Invalid);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

/// One JSON value as a lenient field sees it: a scalar, or only the fact that it was none.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Scalar {
    /// The field was not there.
    #[default]
    Missing,
    Null,
    Bool(bool),
    /// A whole number from 0 up, exact (also beyond 2^53).
    Whole(u64),
    Negative(i64),
    Float(f64),
    Text(String),
    /// An array or an object, skipped.
    Compound,
}

impl Scalar {
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Scalar::Text(s) => Some(s),
            _ => None,
        }
    }

    /// A string, trimmed; `""` for anything else.
    pub fn trimmed(&self) -> String {
        self.as_str().map(str::trim).unwrap_or_default().to_string()
    }

    /// Text from a field: strings trimmed, numbers written out, anything else empty.
    pub fn text(&self) -> String {
        match self {
            Scalar::Text(s) => s.trim().to_string(),
            Scalar::Whole(n) => n.to_string(),
            Scalar::Negative(n) => n.to_string(),
            Scalar::Float(n) => write_float(*n),
            _ => String::new(),
        }
    }

    /// A whole number from 0 up: exact integers, and whole floats below 2^53.
    pub fn whole(&self) -> Option<u64> {
        match self {
            Scalar::Whole(n) => Some(*n),
            Scalar::Float(n) if (0.0..9_007_199_254_740_992.0).contains(n) && n.fract() == 0.0 => Some(*n as u64),
            _ => None,
        }
    }

    /// A whole number, or a string of one (`"18"`): how ids and codes arrive.
    pub fn code(&self) -> Option<u64> {
        match self {
            Scalar::Text(s) => s.trim().parse().ok(),
            other => other.whole(),
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Scalar::Whole(n) => Some(*n as f64),
            Scalar::Negative(n) => Some(*n as f64),
            Scalar::Float(n) => Some(*n),
            _ => None,
        }
    }
}

/// Whole numbers as digits; any other number with up to six decimals, rounded. Rust's own
/// float formatting (10 KB) stays out of the bundle.
fn write_float(n: f64) -> String {
    if !n.is_finite() || n.abs() >= 9.2e18 {
        String::new()
    } else if n.fract() == 0.0 || n.abs() >= 1e12 {
        (n.round() as i64).to_string()
    } else {
        let scaled = (n.abs() * 1_000_000.0).round() as u64;
        let fraction = (1_000_000 + scaled % 1_000_000).to_string();
        let fraction = fraction[1..].trim_end_matches('0');
        let sign = if n < 0.0 { "-" } else { "" };
        let point = if fraction.is_empty() { "" } else { "." };
        [sign, &(scaled / 1_000_000).to_string(), point, fraction].concat()
    }
}

/// Written as the app writes values: text, whole numbers, and `null` for everything else
/// (the app writes no fractions, which keeps float printing out of the bundle).
impl Serialize for Scalar {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Scalar::Text(s) => serializer.serialize_str(s),
            Scalar::Whole(n) => serializer.serialize_u64(*n),
            _ => serializer.serialize_unit(),
        }
    }
}

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Scalar, D::Error> {
        read(deserializer)
    }
}

/// An object of texts, in the order written (a repeated name: the last counts). Strict: a
/// value that is not a string refuses the whole object. The language catalogues, the draft.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TextMap(pub Vec<(String, String)>);

impl TextMap {
    pub fn get(&self, key: &str) -> Option<&str> {
        self.0.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }
}

/// A `TextMap` as it is read, before its values are known to be texts.
#[derive(Default)]
struct Members(Vec<(String, Scalar)>);

impl Sink for Members {
    fn member(&mut self, key: &str) -> Option<&mut dyn Sink> {
        self.0.push((key.to_string(), Scalar::Missing));
        self.0.last_mut().map(|(_, value)| value as &mut dyn Sink)
    }
}

impl<'de> Deserialize<'de> for TextMap {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<TextMap, D::Error> {
        let Members(members) = read(deserializer)?;
        let texts = members.into_iter().map(|(key, value)| match value {
            Scalar::Text(text) => Some((key, text)),
            _ => None,
        });
        texts.collect::<Option<_>>().map(TextMap).ok_or_else(|| D::Error::custom("a value is not text"))
    }
}

impl Serialize for TextMap {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (key, value) in &self.0 {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Default, Deserialize, PartialEq)]
    #[serde(default)]
    struct Sample {
        a: Scalar,
        b: Scalar,
    }

    fn sample(text: &str) -> Result<Sample, Invalid> {
        parse(text)
    }

    #[test]
    fn refuses_what_is_not_an_object_too_large_or_too_deep() {
        for bad in ["", " ", "null", "[1, 2]", "\"a\"", "17", "{", "{\"a\": 1,}", "{'a': 1}", "<html>"] {
            assert_eq!(sample(bad), Err(Invalid), "{bad:?}");
        }
        assert_eq!(sample(&format!("{{\"a\": \"{}\"}}", "x".repeat(3 << 20))), Err(Invalid), "too large");
        let nested = |n: usize| format!("{{\"a\": {}{}}}", "[".repeat(n), "]".repeat(n));
        assert_eq!(sample(&nested(100)), Err(Invalid), "too deep");
        assert!(sample(&nested(50)).is_ok());
        // Brackets inside strings are text, not nesting.
        assert_eq!(
            sample(&format!("{{\"a\": \"{}\\\"\"}}", "[".repeat(100))).unwrap().a.as_str().map(str::len),
            Some(101)
        );
        assert_eq!(sample(" \n{\"b\": 1}").unwrap().b, Scalar::Whole(1));
    }

    #[test]
    fn every_json_type_becomes_a_scalar_or_is_skipped() {
        let s = sample(r#"{"a": [1, {"x": [2]}], "b": {"c": null}, "other": {"deep": [[["x"]]]}}"#).unwrap();
        assert_eq!(s, Sample { a: Scalar::Compound, b: Scalar::Compound });
        for (value, expected) in [
            ("null", Scalar::Null),
            ("true", Scalar::Bool(true)),
            ("17", Scalar::Whole(17)),
            ("-3", Scalar::Negative(-3)),
            ("1.5", Scalar::Float(1.5)),
            ("\" x \"", Scalar::Text(" x ".into())),
            ("18446744073709551615", Scalar::Whole(u64::MAX)),
        ] {
            assert_eq!(sample(&format!("{{\"a\": {value}}}")).unwrap().a, expected, "{value}");
        }
        assert_eq!(sample("{}").unwrap(), Sample::default(), "missing fields are Missing");
    }

    #[test]
    fn scalars_as_text_numbers_and_codes() {
        assert_eq!(Scalar::Text("  Divya ".into()).text(), "Divya");
        assert_eq!(Scalar::Whole(600069).text(), "600069");
        assert_eq!(Scalar::Negative(-3).text(), "-3");
        assert_eq!(Scalar::Float(-2.5).text(), "-2.5");
        assert_eq!(Scalar::Float(1_764_000_000_123.0).text(), "1764000000123");
        assert_eq!(Scalar::Float(0.1234567).text(), "0.123457");
        assert_eq!(Scalar::Float(f64::NAN).text(), "");
        assert_eq!(Scalar::Bool(true).text(), "");
        assert_eq!(Scalar::Whole(9_007_199_254_740_993).whole(), Some(9_007_199_254_740_993), "exact beyond 2^53");
        assert_eq!(Scalar::Float(17.0).whole(), Some(17));
        assert_eq!(Scalar::Float(1.5).whole(), None);
        assert_eq!(Scalar::Float(1e300).whole(), None);
        assert_eq!(Scalar::Negative(-1).whole(), None);
        assert_eq!(Scalar::Text(" 18 ".into()).code(), Some(18));
        assert_eq!(Scalar::Text("x".into()).code(), None);
        assert_eq!(Scalar::Whole(3).as_f64(), Some(3.0));
        assert_eq!(Scalar::Text("3".into()).as_f64(), None);
    }

    #[test]
    fn text_maps_keep_order_the_last_of_a_name_wins_and_refuse_other_values() {
        let map: TextMap = parse(r#"{"b": "2", "a": "1", "b": "3"}"#).unwrap();
        assert_eq!(map.get("b"), Some("3"));
        assert_eq!(map.get("c"), None);
        assert_eq!(serde_json::to_string(&map).unwrap(), r#"{"b":"2","a":"1","b":"3"}"#);
        assert_eq!(parse::<TextMap>(r#"{"a": 5}"#), Err(Invalid));
        assert_eq!(parse::<TextMap>(r#"{"a": null}"#), Err(Invalid));
    }

    #[test]
    fn scalars_are_written_as_text_whole_numbers_or_null() {
        let written = serde_json::to_string(&[
            Scalar::Text("a\"b\n\u{1}é".into()),
            Scalar::Whole(42),
            Scalar::Missing,
            Scalar::Float(1.5),
        ])
        .unwrap();
        assert_eq!(written, r#"["a\"b\n\u0001é",42,null,null]"#);
    }
}
