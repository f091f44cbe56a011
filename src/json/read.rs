//! Reading JSON text into a `Json`: recursive descent over the bytes, strict.

use super::{Invalid, Json};

/// Deeper than anything the API sends, and far from the wasm stack's end.
const MAX_DEPTH: usize = 64;
/// Larger than any answer the app asks for (a profile is a few KB).
const MAX_BYTES: usize = 2 << 20;

pub(super) fn parse(text: &str) -> Result<Json, Invalid> {
    if text.len() > MAX_BYTES {
        return Err(Invalid);
    }
    let mut reader = Reader { bytes: text.as_bytes(), at: 0 };
    let value = reader.value(0)?;
    reader.skip_space();
    if reader.at == reader.bytes.len() {
        Ok(value)
    } else {
        Err(Invalid)
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn skip_space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn expect(&mut self, word: &[u8]) -> Result<(), Invalid> {
        if self.bytes[self.at..].starts_with(word) {
            self.at += word.len();
            Ok(())
        } else {
            Err(Invalid)
        }
    }

    fn value(&mut self, depth: usize) -> Result<Json, Invalid> {
        if depth > MAX_DEPTH {
            return Err(Invalid);
        }
        self.skip_space();
        match self.peek().ok_or(Invalid)? {
            b'n' => self.expect(b"null").map(|()| Json::Null),
            b't' => self.expect(b"true").map(|()| Json::Bool(true)),
            b'f' => self.expect(b"false").map(|()| Json::Bool(false)),
            b'"' => self.string().map(Json::String),
            b'[' => {
                self.at += 1;
                let mut items = Vec::new();
                self.skip_space();
                if self.peek() == Some(b']') {
                    self.at += 1;
                    return Ok(Json::Array(items));
                }
                loop {
                    items.push(self.value(depth + 1)?);
                    self.skip_space();
                    match self.peek() {
                        Some(b',') => self.at += 1,
                        Some(b']') => {
                            self.at += 1;
                            return Ok(Json::Array(items));
                        }
                        _ => return Err(Invalid),
                    }
                }
            }
            b'{' => {
                self.at += 1;
                let mut members = Vec::new();
                self.skip_space();
                if self.peek() == Some(b'}') {
                    self.at += 1;
                    return Ok(Json::Object(members));
                }
                loop {
                    self.skip_space();
                    if self.peek() != Some(b'"') {
                        return Err(Invalid);
                    }
                    let key = self.string()?;
                    self.skip_space();
                    self.expect(b":")?;
                    members.push((key, self.value(depth + 1)?));
                    self.skip_space();
                    match self.peek() {
                        Some(b',') => self.at += 1,
                        Some(b'}') => {
                            self.at += 1;
                            return Ok(Json::Object(members));
                        }
                        _ => return Err(Invalid),
                    }
                }
            }
            b'-' | b'0'..=b'9' => self.number(),
            _ => Err(Invalid),
        }
    }

    fn digits(&mut self) -> &[u8] {
        let start = self.at;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.at += 1;
        }
        &self.bytes[start..self.at]
    }

    /// Decimal digits into a float: exact for whole numbers up to 2^53; otherwise within
    /// a rounding or two of the nearest float, which is all the app ever needs of them.
    fn number(&mut self) -> Result<Json, Invalid> {
        let negative = self.peek() == Some(b'-');
        if negative {
            self.at += 1;
        }
        let whole = self.digits();
        if whole.is_empty() || (whole.len() > 1 && whole[0] == b'0') {
            return Err(Invalid);
        }
        let mut value = whole.iter().fold(0.0, |acc, d| acc * 10.0 + f64::from(d - b'0'));
        if self.peek() == Some(b'.') {
            self.at += 1;
            let fraction = self.digits();
            if fraction.is_empty() {
                return Err(Invalid);
            }
            let mut scale = 1.0;
            for d in fraction {
                scale /= 10.0;
                value += f64::from(d - b'0') * scale;
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            let negative_exponent = match self.peek() {
                Some(b'-') => {
                    self.at += 1;
                    true
                }
                Some(b'+') => {
                    self.at += 1;
                    false
                }
                _ => false,
            };
            let digits = self.digits();
            if digits.is_empty() {
                return Err(Invalid);
            }
            let exponent =
                digits.iter().fold(0i32, |acc, d| acc.saturating_mul(10).saturating_add(i32::from(d - b'0')));
            let factor = 10f64.powi(exponent.min(400));
            value = if negative_exponent { value / factor } else { value * factor };
        }
        Ok(Json::Number(if negative { -value } else { value }))
    }

    fn hex4(&mut self) -> Result<u32, Invalid> {
        let hex = self.bytes.get(self.at..self.at + 4).ok_or(Invalid)?;
        self.at += 4;
        hex.iter().try_fold(0u32, |acc, b| {
            let digit = match b {
                b'0'..=b'9' => b - b'0',
                b'a'..=b'f' => b - b'a' + 10,
                b'A'..=b'F' => b - b'A' + 10,
                _ => return Err(Invalid),
            };
            Ok(acc * 16 + u32::from(digit))
        })
    }

    fn string(&mut self) -> Result<String, Invalid> {
        self.at += 1; // the opening quote
        let mut out = String::new();
        loop {
            let start = self.at;
            while !matches!(self.peek(), None | Some(b'"' | b'\\' | 0..=0x1f)) {
                self.at += 1;
            }
            // The input is a &str, and the run stops only at ASCII: a whole UTF-8 slice.
            out.push_str(std::str::from_utf8(&self.bytes[start..self.at]).map_err(|_| Invalid)?);
            match self.peek().ok_or(Invalid)? {
                b'"' => {
                    self.at += 1;
                    return Ok(out);
                }
                b'\\' => {
                    self.at += 1;
                    let escape = self.peek().ok_or(Invalid)?;
                    self.at += 1;
                    match escape {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => {
                            let first = self.hex4()?;
                            let code = if (0xd800..0xdc00).contains(&first) {
                                // A surrogate pair; a lone half becomes U+FFFD, and an escape
                                // after it that is not the other half is read on its own.
                                let resume = self.at;
                                let second = if self.bytes[self.at..].starts_with(b"\\u") {
                                    self.at += 2;
                                    self.hex4().ok().filter(|s| (0xdc00..0xe000).contains(s))
                                } else {
                                    None
                                };
                                match second {
                                    Some(second) => 0x10000 + ((first - 0xd800) << 10) + (second - 0xdc00),
                                    None => {
                                        self.at = resume;
                                        0xfffd
                                    }
                                }
                            } else {
                                first
                            };
                            out.push(char::from_u32(code).unwrap_or('\u{fffd}'));
                        }
                        _ => return Err(Invalid),
                    }
                }
                _ => return Err(Invalid), // a raw control character
            }
        }
    }
}
