//! A small JSON reader and writer: all the app needs of JSON (the API's answers, the stored
//! token, draft and kept profile, config.json, the language catalogues), at a fraction of
//! serde_json's size in the bundle (README, "Where the bytes go"). Strict RFC 8259 on the
//! way in (`read`), with limits on depth and size; compact on the way out.

mod read;

/// A JSON value. Objects keep their members in order; `get` finds the last of a name, as
/// the API's own server (and browsers) read a repeated one.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Json {
    #[default]
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

/// Not JSON, or nested deeper than anything the API sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Invalid;

impl Json {
    pub fn parse(text: &str) -> Result<Json, Invalid> {
        read::parse(text)
    }

    /// An object from `(name, value)` pairs.
    pub fn object<K: Into<String>>(members: impl IntoIterator<Item = (K, Json)>) -> Json {
        Json::Object(members.into_iter().map(|(k, v)| (k.into(), v)).collect())
    }

    pub fn get(&self, key: &str) -> Option<&Json> {
        self.as_object()?.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    pub fn as_object(&self) -> Option<&[(String, Json)]> {
        match self {
            Json::Object(members) => Some(members),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_f64(&self) -> Option<f64> {
        match self {
            Json::Number(n) => Some(*n),
            _ => None,
        }
    }

    /// A whole number from 0 to 2^53 − 1 (beyond it, numbers are no longer exact).
    pub fn as_u64(&self) -> Option<u64> {
        let n = self.as_f64()?;
        ((0.0..9_007_199_254_740_992.0).contains(&n) && n.fract() == 0.0).then_some(n as u64)
    }

    /// Compact JSON text.
    pub fn write(&self) -> String {
        let mut out = String::new();
        self.write_to(&mut out);
        out
    }

    fn write_to(&self, out: &mut String) {
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Json::Number(n) => write_number(*n, out),
            Json::String(s) => write_string(s, out),
            Json::Array(items) => {
                out.push('[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write_to(out);
                }
                out.push(']');
            }
            Json::Object(members) => {
                out.push('{');
                for (i, (key, value)) in members.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write_string(key, out);
                    out.push(':');
                    value.write_to(out);
                }
                out.push('}');
            }
        }
    }
}

impl From<&str> for Json {
    fn from(s: &str) -> Json {
        Json::String(s.to_string())
    }
}

impl From<String> for Json {
    fn from(s: String) -> Json {
        Json::String(s)
    }
}

impl From<u64> for Json {
    fn from(n: u64) -> Json {
        Json::Number(n as f64)
    }
}

impl From<u32> for Json {
    fn from(n: u32) -> Json {
        Json::Number(f64::from(n))
    }
}

impl<T: Into<Json>> From<Option<T>> for Json {
    fn from(value: Option<T>) -> Json {
        value.map_or(Json::Null, Into::into)
    }
}

/// Whole numbers as digits; any other number with up to six decimals, rounded (the app
/// writes only whole numbers: ids, codes, pixels, milliseconds). This keeps Rust's float
/// formatting, 10 KB of it, out of the bundle.
fn write_number(n: f64, out: &mut String) {
    if !n.is_finite() || n.abs() >= 9.2e18 {
        // Beyond i64 (and far beyond anything the app writes): not written as a number.
        out.push_str("null");
    } else if n.fract() == 0.0 || n.abs() >= 1e12 {
        // Whole (every float from 2^53 up is), or too large for six decimals: rounded.
        out.push_str(&(n.round() as i64).to_string());
    } else {
        let scaled = (n.abs() * 1_000_000.0).round() as u64;
        if n < 0.0 {
            out.push('-');
        }
        out.push_str(&(scaled / 1_000_000).to_string());
        let digits = format_fraction(scaled % 1_000_000);
        if !digits.is_empty() {
            out.push('.');
            out.push_str(&digits);
        }
    }
}

/// The six decimals of `micro` (0–999999), without trailing zeros.
fn format_fraction(micro: u64) -> String {
    let padded = (1_000_000 + micro).to_string();
    padded[1..].trim_end_matches('0').to_string()
}

fn write_string(s: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                out.push_str("\\u00");
                out.push(HEX[(c as usize) >> 4] as char);
                out.push(HEX[(c as usize) & 15] as char);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Members in name order, at every depth (serde_json keeps objects sorted).
    fn sorted(value: Json) -> Json {
        match value {
            Json::Object(mut members) => {
                members.sort_by(|a, b| a.0.cmp(&b.0));
                Json::Object(members.into_iter().map(|(k, v)| (k, sorted(v))).collect())
            }
            Json::Array(items) => Json::Array(items.into_iter().map(sorted).collect()),
            other => other,
        }
    }

    #[test]
    fn reads_what_serde_json_reads() {
        let samples = [
            r#"{"id": 17, "username": "testpress", "batches": ["EEE", "UPSC Morning  Batch"], "gender": null}"#,
            r#"[1, -2, 3.5, 1e3, 2E-2, 0, -0.5, 123456789012]"#,
            r#"{"a": {"b": [true, false, null, {"c": "\u00e9\ud83d\ude00\n\t\"\\/"}]}}"#,
            r#"  "text"  "#,
            r#"{"dup": 1, "dup": 2}"#,
        ];
        for sample in samples.iter().filter(|s| !s.contains("dup")) {
            let ours = Json::parse(sample).unwrap();
            let theirs: serde_json::Value = serde_json::from_str(sample).unwrap();
            // The same values (serde_json's text read back by ours), and our text reads as JSON.
            assert_eq!(Json::parse(&theirs.to_string()).unwrap(), sorted(ours.clone()), "{sample}");
            let back: serde_json::Value = serde_json::from_str(&ours.write()).unwrap();
            assert_eq!(Json::parse(&back.to_string()).unwrap(), sorted(ours), "{sample}");
        }
        assert_eq!(
            Json::parse(r#"{"dup": 1, "dup": 2}"#).unwrap().get("dup"),
            Some(&Json::Number(2.0)),
            "the last wins"
        );
    }

    #[test]
    fn refuses_what_is_not_json() {
        for bad in [
            "",
            " ",
            "{",
            "}",
            "[1,]",
            "{\"a\":1,}",
            "{'a': 1}",
            "{a: 1}",
            "01",
            "1.",
            ".5",
            "-",
            "1e",
            "+1",
            "tru",
            "nul",
            "\"open",
            "\"bad \\x escape\"",
            "\"raw\ncontrol\"",
            "[1] [2]",
            "NaN",
            "Infinity",
        ] {
            assert_eq!(Json::parse(bad), Err(Invalid), "{bad:?}");
        }
        assert_eq!(Json::parse(r#""\ud800\u0041""#), Ok(Json::from("\u{fffd}A")), "a lone half, then the next escape");
        assert_eq!(Json::parse(&format!("\"{}\"", "x".repeat(3 << 20))), Err(Invalid), "too large");
        let deep = "[".repeat(100) + &"]".repeat(100);
        assert_eq!(Json::parse(&deep), Err(Invalid), "too deep");
        assert!(Json::parse(&("[".repeat(50) + &"]".repeat(50))).is_ok());
    }

    #[test]
    fn numbers_and_accessors() {
        let value =
            Json::parse(r#"{"id": 17, "exp": 1447833229, "x": 1.5, "neg": -3, "big": 9007199254740993}"#).unwrap();
        assert_eq!(value.get("id").and_then(Json::as_u64), Some(17));
        assert_eq!(value.get("exp").and_then(Json::as_u64), Some(1_447_833_229));
        assert_eq!(value.get("x").and_then(Json::as_u64), None);
        assert_eq!(value.get("neg").and_then(Json::as_u64), None);
        assert_eq!(value.get("big").and_then(Json::as_u64), None, "beyond 2^53 is not exact");
        assert_eq!(value.get("x").and_then(Json::as_f64), Some(1.5));
        assert_eq!(Json::parse("1e400"), Ok(Json::Number(f64::INFINITY)));
    }

    #[test]
    fn writes_compact_escaped_text() {
        let value = Json::object([
            ("s", Json::from("a\"b\\c\n\u{1}é😀")),
            ("n", Json::from(42u64)),
            ("f", Json::Number(1_764_000_000_123.0)),
            ("half", Json::Number(-2.5)),
            ("none", Json::from(None::<u64>)),
            ("list", Json::Array(vec![Json::Bool(true), Json::Null])),
        ]);
        assert_eq!(
            value.write(),
            r#"{"s":"a\"b\\c\n\u0001é😀","n":42,"f":1764000000123,"half":-2.5,"none":null,"list":[true,null]}"#
        );
        assert_eq!(Json::parse(&value.write()), Ok(value));
        assert_eq!(Json::Number(1e18).write(), "1000000000000000000");
        assert_eq!(Json::Number(1e20).write(), "null");
        assert_eq!(Json::Number(f64::NAN).write(), "null");
    }
}
