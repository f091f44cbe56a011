//! How a lenient type reads any JSON value: through one visitor for all of them, handing each
//! part to the type (`Sink`), which says where an array's items and an object's members go.
//! Whatever a type does not take is skipped with `IgnoredAny`; nothing fails on a wrong type.
//! One visitor, erased behind `&mut dyn Sink`, keeps serde_json's reader in the bundle once
//! rather than once per type.

use super::Scalar;
use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use std::fmt;

/// A type read leniently from any JSON value.
pub trait Sink {
    /// A string, number, boolean or `null`.
    fn scalar(&mut self, _value: Scalar) {}

    /// An array (`object: false`) or an object begins; its items or members follow.
    fn start(&mut self, _object: bool) {}

    /// Where the array's next item goes; `None` skips it.
    fn item(&mut self) -> Option<&mut dyn Sink> {
        None
    }

    /// Where the object's member `key` goes; `None` skips it.
    fn member(&mut self, _key: &str) -> Option<&mut dyn Sink> {
        None
    }
}

/// `Deserialize::deserialize` for a `Sink`: its default, filled from the value read.
pub fn read<'de, T: Sink + Default, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
    let mut value = T::default();
    deserializer.deserialize_any(Into(&mut value))?;
    Ok(value)
}

/// Reads one value into a sink.
struct Into<'a>(&'a mut dyn Sink);

impl<'de> DeserializeSeed<'de> for Into<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Into<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_unit<E>(self) -> Result<(), E> {
        self.0.scalar(Scalar::Null);
        Ok(())
    }

    fn visit_bool<E>(self, v: bool) -> Result<(), E> {
        self.0.scalar(Scalar::Bool(v));
        Ok(())
    }

    fn visit_u64<E>(self, v: u64) -> Result<(), E> {
        self.0.scalar(Scalar::Whole(v));
        Ok(())
    }

    fn visit_i64<E>(self, v: i64) -> Result<(), E> {
        self.0.scalar(if v < 0 { Scalar::Negative(v) } else { Scalar::Whole(v as u64) });
        Ok(())
    }

    fn visit_f64<E>(self, v: f64) -> Result<(), E> {
        self.0.scalar(Scalar::Float(v));
        Ok(())
    }

    fn visit_str<E>(self, v: &str) -> Result<(), E> {
        self.0.scalar(Scalar::Text(v.to_string()));
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        self.0.start(false);
        loop {
            let more = match self.0.item() {
                Some(sink) => seq.next_element_seed(Into(sink))?.is_some(),
                None => seq.next_element::<IgnoredAny>()?.is_some(),
            };
            if !more {
                return Ok(());
            }
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        self.0.start(true);
        while let Some(target) = map.next_key_seed(Member(&mut *self.0))? {
            match target {
                Some(sink) => map.next_value_seed(Into(sink))?,
                None => map.next_value::<IgnoredAny>().map(|_| ())?,
            }
        }
        Ok(())
    }
}

/// Reads an object's key, and answers where its value goes.
struct Member<'a>(&'a mut dyn Sink);

impl<'de, 'a> DeserializeSeed<'de> for Member<'a> {
    type Value = Option<&'a mut dyn Sink>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de, 'a> Visitor<'de> for Member<'a> {
    type Value = Option<&'a mut dyn Sink>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object's key")
    }

    fn visit_str<E>(self, key: &str) -> Result<Self::Value, E> {
        Ok(self.0.member(key))
    }
}

impl Sink for Scalar {
    fn scalar(&mut self, value: Scalar) {
        *self = value;
    }

    fn start(&mut self, _object: bool) {
        *self = Scalar::Compound;
    }
}

/// A sink read as the whole of a text (`lenient::parse::<Read<T>>`).
pub struct Read<T>(pub T);

impl<'de, T: Sink + Default> serde::Deserialize<'de> for Read<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Read<T>, D::Error> {
        read(deserializer).map(Read)
    }
}
