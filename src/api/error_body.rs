//! The bodies of the API's refusals, read leniently: DRF's field errors, `detail` as a
//! sentence or as Testpress's nested `{error_code, title, message}`, and a top-level
//! `error_code`, `title` or `message`. Nothing in them may fail the reading of the rest.

use crate::lenient::{self, deserialize_lenient, Lenient, Scalar};
use serde::de::{Deserializer, IgnoredAny, MapAccess, SeqAccess};
use serde::Deserialize;

/// The words of a refusal: what the student is told, and the code later screens branch on.
#[derive(Debug, Default, PartialEq)]
pub struct Words {
    pub code: String,
    pub title: String,
    pub message: String,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct ErrorBody {
    detail: Detail,
    error_code: Scalar,
    title: Scalar,
    message: Scalar,
}

/// `detail`: DRF's sentence, or Testpress's nested words.
#[derive(Default)]
enum Detail {
    #[default]
    None,
    Sentence(String),
    Nested(Words),
}

impl Lenient for Detail {
    fn from_scalar(value: Scalar) -> Detail {
        match value {
            Scalar::Text(s) => Detail::Sentence(s.trim().to_string()),
            _ => Detail::None,
        }
    }

    fn from_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<Detail, A::Error> {
        let mut words = Words::default();
        while let Some(key) = map.next_key::<String>()? {
            let slot = match key.as_str() {
                "error_code" => &mut words.code,
                "title" => &mut words.title,
                "message" => &mut words.message,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                    continue;
                }
            };
            *slot = map.next_value::<Scalar>()?.trimmed();
        }
        Ok(Detail::Nested(words))
    }
}

impl<'de> Deserialize<'de> for Detail {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Detail, D::Error> {
        deserialize_lenient(deserializer)
    }
}

/// The words of any error body; all empty when it is not a JSON object.
pub fn words(body: &str) -> Words {
    let Ok(body) = lenient::parse::<ErrorBody>(body) else { return Words::default() };
    let or = |first: String, then: &Scalar| if first.is_empty() { then.trimmed() } else { first };
    let (code, title, message) = match body.detail {
        Detail::Nested(words) => (words.code, words.title, words.message),
        Detail::Sentence(sentence) => (String::new(), String::new(), sentence),
        Detail::None => Default::default(),
    };
    // Some answers carry the sentence in a top-level `message` (`{"message": "Token expired"}`).
    Words { code: or(code, &body.error_code), title: or(title, &body.title), message: or(message, &body.message) }
}

/// Every member of a DRF 400, in the order sent: its name and its messages.
#[derive(Default)]
pub struct FieldMessages(pub Vec<(String, Vec<String>)>);

impl Lenient for FieldMessages {
    fn from_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<FieldMessages, A::Error> {
        let mut members = Vec::new();
        while let Some((key, Messages(list))) = map.next_entry::<String, Messages>()? {
            members.push((key, list));
        }
        Ok(FieldMessages(members))
    }
}

impl<'de> Deserialize<'de> for FieldMessages {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<FieldMessages, D::Error> {
        deserialize_lenient(deserializer)
    }
}

/// The members of a DRF 400; none when it is not a JSON object.
pub fn field_messages(body: &str) -> Vec<(String, Vec<String>)> {
    lenient::parse::<FieldMessages>(body).map(|m| m.0).unwrap_or_default()
}

/// One member's messages: a sentence, a list of them, or nested serializer errors
/// (flattened); blank and non-text values are left out.
#[derive(Default)]
struct Messages(Vec<String>);

impl Lenient for Messages {
    fn from_scalar(value: Scalar) -> Messages {
        Messages(Some(value.trimmed()).filter(|s| !s.is_empty()).into_iter().collect())
    }

    fn from_seq<'de, A: SeqAccess<'de>>(mut seq: A) -> Result<Messages, A::Error> {
        let mut all = Vec::new();
        while let Some(Messages(list)) = seq.next_element()? {
            all.extend(list);
        }
        Ok(Messages(all))
    }

    fn from_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<Messages, A::Error> {
        let mut all = Vec::new();
        while let Some((IgnoredAny, Messages(list))) = map.next_entry()? {
            all.extend(list);
        }
        Ok(Messages(all))
    }
}

impl<'de> Deserialize<'de> for Messages {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Messages, D::Error> {
        deserialize_lenient(deserializer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words_of(code: &str, title: &str, message: &str) -> Words {
        Words { code: code.into(), title: title.into(), message: message.into() }
    }

    #[test]
    fn words_from_every_shape_of_refusal() {
        assert_eq!(words(r#"{"detail": " Not found. "}"#), words_of("", "", "Not found."));
        assert_eq!(
            words(r#"{"detail": "Max.", "error_code": "max_login_exceeded", "title": "Locked"}"#),
            words_of("max_login_exceeded", "Locked", "Max.")
        );
        assert_eq!(
            words(
                r#"{"detail": {"error_code": "parallel_login_restriction", "title": "T", "message": "M", "x": [1]}}"#
            ),
            words_of("parallel_login_restriction", "T", "M")
        );
        assert_eq!(words(r#"{"message": "Token expired"}"#), words_of("", "", "Token expired"));
        assert_eq!(words(r#"{"detail": "Said here.", "message": "Not here."}"#).message, "Said here.");
        assert_eq!(words(r#"{"detail": null, "message": 5, "title": ["x"], "error_code": {}}"#), Words::default());
        for not_words in ["", "<html>", "[]", "\"detail\"", "{\"detail\": "] {
            assert_eq!(words(not_words), Words::default(), "{not_words}");
        }
    }

    #[test]
    fn field_messages_in_order_flattened() {
        let body = r#"{"zip": ["Bad.", "Worse."], "phone": "One.", "address": {"city": ["Nested."], "x": [[" Deep. "]]},
                       "blank": ["", "  ", null, 3], "non_field_errors": ["General."]}"#;
        let members = field_messages(body);
        assert_eq!(
            members,
            [
                ("zip".to_string(), vec!["Bad.".to_string(), "Worse.".to_string()]),
                ("phone".to_string(), vec!["One.".to_string()]),
                ("address".to_string(), vec!["Nested.".to_string(), "Deep.".to_string()]),
                ("blank".to_string(), vec![]),
                ("non_field_errors".to_string(), vec!["General.".to_string()]),
            ]
        );
        assert!(field_messages("[\"x\"]").is_empty());
    }
}
