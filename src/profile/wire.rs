//! A user as the API writes one, every field lenient (`/me/`, `/users/{id}/`, the PUT answer),
//! and as the app keeps one offline (the `/me/` shape, which reads back the same way).

use crate::lenient::{deserialize_lenient, Lenient, Scalar};
use serde::de::{Deserializer, IgnoredAny, MapAccess, SeqAccess};
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

impl Lenient for Batches {
    fn from_seq<'de, A: SeqAccess<'de>>(mut seq: A) -> Result<Batches, A::Error> {
        let mut names = Vec::new();
        while let Some(BatchName(name)) = seq.next_element()? {
            names.extend(name);
        }
        Ok(Batches(names))
    }
}

impl<'de> Deserialize<'de> for Batches {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Batches, D::Error> {
        deserialize_lenient(deserializer)
    }
}

impl Serialize for Batches {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(&self.0)
    }
}

/// One entry of `batches`: its name, trimmed, if it has a non-blank one.
#[derive(Default)]
struct BatchName(Option<String>);

impl Lenient for BatchName {
    fn from_scalar(value: Scalar) -> BatchName {
        BatchName(Some(value.trimmed()).filter(|s| !s.is_empty()))
    }

    fn from_map<'de, A: MapAccess<'de>>(mut map: A) -> Result<BatchName, A::Error> {
        let mut name = BatchName(None);
        while let Some(key) = map.next_key::<String>()? {
            if key == "name" {
                name = BatchName::from_scalar(map.next_value()?);
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(name)
    }
}

impl<'de> Deserialize<'de> for BatchName {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<BatchName, D::Error> {
        deserialize_lenient(deserializer)
    }
}
