//! The bodies of the API's refusals, read leniently: DRF's field errors, `detail` as a
//! sentence or as Testpress's nested `{error_code, title, message}`, and a top-level
//! `error_code`, `title` or `message`. Nothing in them may fail the reading of the rest.

use crate::lenient::{self, read, Read, Scalar, Sink};
use serde::de::Deserializer;
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
    Sentence(Scalar),
    Nested {
        error_code: Scalar,
        title: Scalar,
        message: Scalar,
    },
}

impl Sink for Detail {
    fn scalar(&mut self, value: Scalar) {
        *self = Detail::Sentence(value);
    }

    fn start(&mut self, object: bool) {
        *self = match object {
            true => Detail::Nested { error_code: Scalar::Missing, title: Scalar::Missing, message: Scalar::Missing },
            false => Detail::None,
        };
    }

    fn member(&mut self, key: &str) -> Option<&mut dyn Sink> {
        let Detail::Nested { error_code, title, message } = self else { return None };
        let slot: &mut dyn Sink = match key {
            "error_code" => error_code,
            "title" => title,
            "message" => message,
            _ => return None,
        };
        Some(slot)
    }
}

impl<'de> Deserialize<'de> for Detail {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Detail, D::Error> {
        read(deserializer)
    }
}

/// The words of any error body; all empty when it is not a JSON object.
pub fn words(body: &str) -> Words {
    let Ok(body) = lenient::parse::<ErrorBody>(body) else { return Words::default() };
    let (code, title, message) = match &body.detail {
        Detail::Nested { error_code, title, message } => (error_code.trimmed(), title.trimmed(), message.trimmed()),
        Detail::Sentence(sentence) => (String::new(), String::new(), sentence.trimmed()),
        Detail::None => Default::default(),
    };
    // Some answers carry the sentence in a top-level `message` (`{"message": "Token expired"}`).
    let or = |first: String, then: &Scalar| if first.is_empty() { then.trimmed() } else { first };
    Words { code: or(code, &body.error_code), title: or(title, &body.title), message: or(message, &body.message) }
}

/// Every member of a DRF 400, in the order sent: its name and its messages.
#[derive(Default)]
struct FieldMessages(Vec<(String, Messages)>);

impl Sink for FieldMessages {
    fn member(&mut self, key: &str) -> Option<&mut dyn Sink> {
        self.0.push((key.to_string(), Messages::default()));
        self.0.last_mut().map(|(_, messages)| messages as &mut dyn Sink)
    }
}

/// The members of a DRF 400; none when it is not a JSON object.
pub fn field_messages(body: &str) -> Vec<(String, Vec<String>)> {
    let members = lenient::parse::<Read<FieldMessages>>(body).map(|Read(m)| m.0).unwrap_or_default();
    members.into_iter().map(|(key, Messages(list))| (key, list)).collect()
}

/// One member's messages: a sentence, a list of them, or nested serializer errors
/// (flattened); blank and non-text values are left out.
#[derive(Default)]
struct Messages(Vec<String>);

impl Sink for Messages {
    fn scalar(&mut self, value: Scalar) {
        let text = value.trimmed();
        if !text.is_empty() {
            self.0.push(text);
        }
    }

    fn item(&mut self) -> Option<&mut dyn Sink> {
        Some(self)
    }

    fn member(&mut self, _key: &str) -> Option<&mut dyn Sink> {
        Some(self)
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
