//! A user as the stand-in holds one, and the JSON shapes the API sends of them (public,
//! full, the answer to a write).

use crate::choices::{gender_name, state_name};
use crate::validate::ProfileUpdate;
use serde_json::{json, Value};

/// The names under which a user's six images are stored in `media` ("" when none).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PhotoSet {
    pub photo: String,
    pub large: String,
    pub medium: String,
    pub small: String,
    pub x_small: String,
    pub mini: String,
    pub crop: Option<[u32; 4]>,
}

#[derive(Debug, Clone, Default)]
pub struct User {
    pub id: i64,
    pub username: String,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub phone: String,
    pub gender: Option<i64>,
    pub birth_date: Option<String>,
    pub address1: String,
    pub address2: String,
    pub city: String,
    pub zip: String,
    pub state_choices: Option<i64>,
    pub photos: PhotoSet,
    pub batches: Vec<String>,
}

/// Turns a stored media name into the absolute URL clients receive.
pub struct Urls<'a> {
    pub base: &'a str,
}

impl Urls<'_> {
    fn media(&self, name: &str) -> String {
        if name.is_empty() {
            String::new()
        } else {
            format!("{}/media/{name}", self.base)
        }
    }
    fn user(&self, id: i64) -> String {
        format!("{}/api/v2.2/users/{id}/", self.base)
    }
}

impl User {
    pub fn display_name(&self) -> String {
        let full = format!("{} {}", self.first_name, self.last_name).trim().to_string();
        if full.is_empty() {
            self.username.clone()
        } else {
            full
        }
    }

    fn images(&self, urls: &Urls, out: &mut serde_json::Map<String, Value>) {
        let p = &self.photos;
        for (key, name) in [
            ("photo", &p.photo),
            ("large_image", &p.large),
            ("medium_image", &p.medium),
            ("small_image", &p.small),
            ("x_small_image", &p.x_small),
            ("mini_image", &p.mini),
        ] {
            out.insert(key.into(), Value::String(urls.media(name)));
        }
    }

    /// `GET /users/{id}/` for someone else: public fields only.
    pub fn public_json(&self, urls: &Urls) -> Value {
        let mut v = json!({
            "id": self.id,
            "url": urls.user(self.id),
            "username": self.username,
            "display_name": self.display_name(),
            "first_name": self.first_name,
            "last_name": self.last_name,
        });
        self.images(urls, v.as_object_mut().expect("object"));
        v
    }

    /// `GET /me/` (and `/users/{own id}/`): every field, gender and state as names.
    pub fn full_json(&self, urls: &Urls) -> Value {
        let mut v = json!({
            "id": self.id,
            "batches": self.batches,
            "url": urls.user(self.id),
            "username": self.username,
            "display_name": self.display_name(),
            "first_name": self.first_name,
            "last_name": self.last_name,
            "email": self.email,
        });
        let map = v.as_object_mut().expect("object");
        self.images(urls, map);
        for (key, value) in [
            ("birth_date", self.birth_date.clone().map_or(Value::Null, Value::String)),
            ("gender", gender_name(self.gender).into()),
            ("address1", self.address1.clone().into()),
            ("address2", self.address2.clone().into()),
            ("city", self.city.clone().into()),
            ("zip", self.zip.clone().into()),
            ("state", state_name(self.state_choices).into()),
            ("phone", self.phone.clone().into()),
        ] {
            map.insert(key.into(), value);
        }
        v
    }

    /// The documented PUT response: codes for gender and state, crop fields, no id/url/username.
    pub fn write_json(&self, urls: &Urls) -> Value {
        let code = |c: Option<i64>| c.map_or(Value::String(String::new()), Value::from);
        let crop = self.photos.crop.map(|c| c.map(Value::from)).unwrap_or([
            Value::Null,
            Value::Null,
            Value::Null,
            Value::Null,
        ]);
        let mut v = json!({ "first_name": self.first_name, "last_name": self.last_name, "email": self.email });
        let map = v.as_object_mut().expect("object");
        self.images(urls, map);
        let [x, y, w, h] = crop;
        for (key, value) in [
            ("x_offset", x),
            ("y_offset", y),
            ("crop_height", h),
            ("crop_width", w),
            ("birth_date", self.birth_date.clone().map_or(Value::Null, Value::String)),
            ("gender", code(self.gender)),
            ("address1", self.address1.clone().into()),
            ("address2", self.address2.clone().into()),
            ("city", self.city.clone().into()),
            ("zip", self.zip.clone().into()),
            ("state_choices", code(self.state_choices)),
            ("phone", self.phone.clone().into()),
        ] {
            map.insert(key.into(), value);
        }
        v
    }
}

/// Applies the text and choice fields of a validated update (the photo is handled apart).
pub fn apply_fields(user: &mut User, update: &ProfileUpdate) {
    fn set<T: Clone>(target: &mut T, value: &Option<T>) {
        if let Some(v) = value {
            *target = v.clone();
        }
    }
    set(&mut user.first_name, &update.first_name);
    set(&mut user.last_name, &update.last_name);
    set(&mut user.email, &update.email);
    set(&mut user.phone, &update.phone);
    set(&mut user.gender, &update.gender);
    set(&mut user.birth_date, &update.birth_date);
    set(&mut user.address1, &update.address1);
    set(&mut user.address2, &update.address2);
    set(&mut user.city, &update.city);
    set(&mut user.zip, &update.zip);
    set(&mut user.state_choices, &update.state_choices);
}
