//! The student's sign-ins as the server lists them (`/me/login_activity/`, a page at a
//! time): one entry per device, the one asking marked. Read leniently, entry by entry: an
//! odd field is "unknown", an entry that is not an object is skipped, and nothing here can
//! fail the list.

use crate::lenient::{self, read, Scalar, Sink};
use serde::{Deserialize, Deserializer};

/// One page of the list, and whether the server has another after it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ActivityPage {
    pub results: Vec<SignInEntry>,
    /// Only whether it is there: the next page is asked for by number, on the API's own
    /// origin, never at a URL taken from the answer.
    pub next: bool,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct SignInEntry {
    pub user_agent: String,
    pub location: String,
    /// ISO 8601, as sent; turned into words where it is shown.
    pub last_used: String,
    pub current_device: bool,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct WirePage {
    results: Entries,
    next: Scalar,
}

/// The list's items as read: only objects become entries.
#[derive(Default)]
struct Entries(Vec<WireEntry>);

#[derive(Default)]
struct WireEntry {
    object: bool,
    user_agent: Scalar,
    location: Scalar,
    last_used: Scalar,
    current_device: Scalar,
}

impl Sink for Entries {
    fn item(&mut self) -> Option<&mut dyn Sink> {
        self.0.push(WireEntry::default());
        self.0.last_mut().map(|entry| entry as &mut dyn Sink)
    }
}

impl Sink for WireEntry {
    fn start(&mut self, object: bool) {
        self.object = object;
    }

    fn member(&mut self, key: &str) -> Option<&mut dyn Sink> {
        let field = match key {
            "user_agent" => &mut self.user_agent,
            "location" => &mut self.location,
            "last_used" => &mut self.last_used,
            "current_device" => &mut self.current_device,
            _ => return None,
        };
        Some(field as &mut dyn Sink)
    }
}

impl<'de> Deserialize<'de> for Entries {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Entries, D::Error> {
        read(deserializer)
    }
}

fn short(value: &Scalar) -> String {
    value.trimmed().chars().take(200).collect()
}

impl From<&WireEntry> for SignInEntry {
    fn from(wire: &WireEntry) -> SignInEntry {
        SignInEntry {
            user_agent: short(&wire.user_agent),
            location: short(&wire.location),
            last_used: short(&wire.last_used),
            // Android reads it as a string, so `"true"` counts too.
            current_device: wire.current_device == Scalar::Bool(true)
                || wire.current_device.as_str().is_some_and(|t| t.trim().eq_ignore_ascii_case("true")),
        }
    }
}

impl ActivityPage {
    /// `None` when the answer is not an object at all (the caller says it couldn't be read).
    pub fn parse(text: &str) -> Option<ActivityPage> {
        let wire: WirePage = lenient::parse(text).ok()?;
        let results = wire.results.0.iter().filter(|entry| entry.object).map(SignInEntry::from).collect();
        Some(ActivityPage { results, next: !wire.next.trimmed().is_empty() })
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
