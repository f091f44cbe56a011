//! A user as the API writes one, every field lenient (`/me/`, `/users/{id}/`, the PUT answer),
//! and as the app keeps one offline (the `/me/` shape, which reads back the same way).

use crate::lenient::{read, Scalar, Sink};
use serde::de::Deserializer;
use serde::{Deserialize, Serialize, Serializer};

#[derive(Debug, Clone, PartialEq, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct WireProfile {
    pub id: Scalar,
    pub username: Scalar,
    pub display_name: Scalar,
    pub first_name: Scalar,
    pub last_name: Scalar,
    pub email: Scalar,
    pub phone: Scalar,
    pub birth_date: Scalar,
    /// A name on GET, a code on PUT.
    pub gender: Scalar,
    pub address1: Scalar,
    pub address2: Scalar,
    pub city: Scalar,
    pub zip: Scalar,
    /// A name on GET.
    pub state: Scalar,
    /// A code on PUT (never written: the kept copy has the name).
    #[serde(skip_serializing)]
    pub state_choices: Scalar,
    pub large_image: Scalar,
    pub medium_image: Scalar,
    pub small_image: Scalar,
    pub x_small_image: Scalar,
    pub mini_image: Scalar,
    pub batches: Batches,
}

/// The batches' names: an array of strings, or of objects with a `name` (as some APIs send
/// them); blank or other entries are left out, and anything but an array is no batches.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Batches(pub Vec<String>);

/// Batches as they are read: each entry's name, as sent.
#[derive(Default)]
struct Entries(Vec<Entry>);

/// One entry of `batches`: a name, or an object whose `name` is one.
#[derive(Default)]
struct Entry(Scalar);

impl Sink for Entries {
    fn item(&mut self) -> Option<&mut dyn Sink> {
        self.0.push(Entry::default());
        self.0.last_mut().map(|entry| entry as &mut dyn Sink)
    }
}

impl Sink for Entry {
    fn scalar(&mut self, value: Scalar) {
        self.0 = value;
    }

    fn member(&mut self, key: &str) -> Option<&mut dyn Sink> {
        (key == "name").then_some(&mut self.0 as &mut dyn Sink)
    }
}

impl<'de> Deserialize<'de> for Batches {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Batches, D::Error> {
        let Entries(entries) = read(deserializer)?;
        Ok(Batches(entries.iter().map(|Entry(name)| name.trimmed()).filter(|name| !name.is_empty()).collect()))
    }
}

impl Serialize for Batches {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(&self.0)
    }
}
