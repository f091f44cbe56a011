//! The student's sign-ins as the server lists them (`/me/login_activity/`, a page at a
//! time): one entry per device, the one asking marked. Read leniently, entry by entry: an
//! odd field is "unknown", an entry that is not an object is skipped, and nothing here can
//! fail the list.

use serde::{Deserialize, Deserializer};

/// One page of the list, and whether the server has another after it.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(default)]
pub struct ActivityPage {
    #[serde(deserialize_with = "entries")]
    pub results: Vec<SignInEntry>,
    /// Only whether it is there: the next page is asked for by number, on the API's own
    /// origin, never at a URL taken from the answer.
    #[serde(deserialize_with = "present")]
    pub next: bool,
}

#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
#[serde(default)]
pub struct SignInEntry {
    #[serde(deserialize_with = "text")]
    pub user_agent: String,
    #[serde(deserialize_with = "text")]
    pub location: String,
    /// ISO 8601, as sent; turned into words where it is shown.
    #[serde(deserialize_with = "text")]
    pub last_used: String,
    /// Android reads it as a string, so `"true"` counts too.
    #[serde(deserialize_with = "truthy")]
    pub current_device: bool,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Loose {
    Flag(bool),
    Text(String),
    Entry(SignInEntry),
    Other(serde::de::IgnoredAny),
}

fn text<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(match Loose::deserialize(d)? {
        Loose::Text(t) => t.trim().chars().take(200).collect(),
        _ => String::new(),
    })
}

fn truthy<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    Ok(match Loose::deserialize(d)? {
        Loose::Flag(b) => b,
        Loose::Text(t) => t.trim().eq_ignore_ascii_case("true"),
        _ => false,
    })
}

fn present<'de, D: Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    Ok(matches!(Loose::deserialize(d)?, Loose::Text(t) if !t.trim().is_empty()))
}

fn entries<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<SignInEntry>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum List {
        Items(Vec<Loose>),
        Other(serde::de::IgnoredAny),
    }
    Ok(match List::deserialize(d)? {
        List::Items(items) => items
            .into_iter()
            .filter_map(|item| match item {
                Loose::Entry(entry) => Some(entry),
                _ => None,
            })
            .collect(),
        List::Other(_) => Vec::new(),
    })
}

impl ActivityPage {
    /// `None` when the answer is not an object at all (the caller says it couldn't be read).
    pub fn parse(text: &str) -> Option<ActivityPage> {
        serde_json::from_str(text).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_android_fixture_reads() {
        let page = ActivityPage::parse(
            r#"{"count": 1, "next": null, "previous": null, "per_page": 20, "results": [{"id": 182,
                "user_agent": "Generic Smartphone / Android / okhttp 3.4.1", "ip_address": "49.207.142.221",
                "last_used": "2019-07-30T05:32:52.226664Z", "location": "IN", "current_device": false}]}"#,
        )
        .unwrap();
        assert!(!page.next);
        assert_eq!(page.results.len(), 1);
        assert_eq!(page.results[0].user_agent, "Generic Smartphone / Android / okhttp 3.4.1");
        assert_eq!(page.results[0].last_used, "2019-07-30T05:32:52.226664Z");
        assert!(!page.results[0].current_device);
    }

    #[test]
    fn odd_entries_are_read_or_skipped() {
        let page = ActivityPage::parse(
            r#"{"next": "https://elsewhere.example/?page=2", "results": [
                {"current_device": "true", "user_agent": 5, "location": null},
                7, "x", null, {"last_used": ["2020"]}]}"#,
        )
        .unwrap();
        assert!(page.next);
        assert_eq!(page.results.len(), 2);
        assert!(page.results[0].current_device);
        assert_eq!((page.results[0].user_agent.as_str(), page.results[0].location.as_str()), ("", ""));
        assert_eq!(page.results[1], SignInEntry::default());
        assert_eq!(ActivityPage::parse(r#"{"results": "none"}"#), Some(ActivityPage::default()));
        assert_eq!(ActivityPage::parse("[]"), None);
        assert_eq!(ActivityPage::parse("<html>"), None);
    }
}
