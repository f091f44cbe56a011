//! Contract tests: every documented rule of the stand-in, over real HTTP.

use base64::Engine;
use serde_json::{json, Value};
use std::time::{Duration, Instant};
use testpress_stand_in::{photo, Config};

mod common;
use common::*;

// ---- sign-in ----

#[test]
fn sign_in_answers_a_jwt_with_the_documented_claims() {
    let api = Api::start();
    let token = api.token("testpress");
    let header: Value = serde_json::from_slice(
        &base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(token.split('.').next().unwrap()).unwrap(),
    )
    .unwrap();
    assert_eq!(header["alg"], "HS256");
    let claims = claims_of(&token);
    assert_eq!(claims["username"], "testpress");
    assert_eq!(claims["user_id"], 17);
    assert_eq!(claims["email"], "testpress.in@gmail.com");
    let exp = claims["exp"].as_i64().unwrap();
    let week = 7 * 24 * 3600;
    assert!((exp - testpress_stand_in::now() - week).abs() < 60, "default lifetime is a week, exp {exp}");
}

#[test]
fn bad_credentials_answer_400_non_field_errors() {
    let api = Api::start();
    let r = api.sign_in("testpress", "wrong");
    assert_eq!(r.status, 400);
    assert_eq!(r.json(), json!({"non_field_errors": ["Unable to log in with provided credentials."]}));
    let r = api.sign_in("nobody", "demo1234");
    assert_eq!(r.status, 400);
    assert!(r.json()["non_field_errors"].is_array());
}

#[test]
fn sign_in_field_errors_and_bad_bodies() {
    let api = Api::start();
    let r = send("POST", &api.url("/api/v2.2/auth-token/"), &[], Some(r#"{"username": ""}"#));
    assert_eq!(r.status, 400);
    assert_eq!(
        r.json(),
        json!({"username": ["This field may not be blank."], "password": ["This field is required."]})
    );
    let r = send("POST", &api.url("/api/v2.2/auth-token/"), &[], Some("{not json"));
    assert_eq!(r.status, 400);
    assert!(r.json()["detail"].as_str().unwrap().starts_with("JSON parse error"));
}

#[test]
fn every_seeded_user_signs_in_with_the_demo_password() {
    let api = Api::start();
    for (username, id) in [("testpress", 17), ("Vinoth", 18), ("priya", 19), ("arjun", 20), ("meera", 21)] {
        assert_eq!(claims_of(&api.token(username))["user_id"], id);
    }
}

// ---- authentication ----

#[test]
fn missing_and_foreign_scheme_credentials_are_401_not_provided() {
    let api = Api::start();
    for headers in [vec![], vec![("Authorization", "Bearer abc.def.ghi")]] {
        let r = send("GET", &api.url("/api/v2.2/me/"), &headers, None);
        assert_eq!(r.status, 401);
        assert_eq!(r.json(), json!({"detail": "Authentication credentials were not provided."}));
        assert_eq!(r.header("www-authenticate"), Some("JWT realm=\"api\""));
    }
}

#[test]
fn malformed_and_forged_tokens_are_401() {
    let api = Api::start();
    let other = Api::start();
    let foreign = other.token("testpress");
    let good = api.token("testpress");
    let tampered = {
        let mut parts: Vec<&str> = good.split('.').collect();
        let evil = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .encode(br#"{"username":"Vinoth","user_id":18,"email":"","exp":9999999999}"#);
        parts[1] = &evil;
        parts.join(".")
    };
    for token in ["garbage", "a.b.c", foreign.as_str(), tampered.as_str()] {
        let r = api.get("/api/v2.2/me/", token);
        assert_eq!(r.status, 401, "token {token}");
        assert_eq!(r.json()["detail"], "Error decoding signature.");
    }
    let r = send("GET", &api.url("/api/v2.2/me/"), &[("Authorization", "JWT")], None);
    assert_eq!(r.status, 401);
    assert_eq!(r.json()["detail"], "Invalid Authorization header. No credentials provided.");
}

#[test]
fn an_expired_token_is_401_signature_has_expired() {
    let api = Api::with(Config { token_ttl_secs: 1, ..Config::for_tests() });
    let token = api.token("testpress");
    assert_eq!(api.get("/api/v2.2/me/", &token).status, 200);
    std::thread::sleep(Duration::from_millis(2100));
    let r = api.get("/api/v2.2/me/", &token);
    assert_eq!(r.status, 401);
    assert_eq!(r.json(), json!({"detail": "Signature has expired."}));
}

#[test]
fn token_lifetime_can_be_changed_at_run_time_for_tests() {
    let api = Api::start();
    let r = send("PUT", &api.url("/__test__/settings"), &[], Some(r#"{"token_ttl_secs": 5}"#));
    assert_eq!(r.status, 204);
    let exp = claims_of(&api.token("testpress"))["exp"].as_i64().unwrap();
    assert!((exp - testpress_stand_in::now() - 5).abs() <= 1);
}

// ---- reading users ----

/// The published `/me/` example, minus the URLs (which name this server's host).
fn documented_me() -> Value {
    json!({
        "id": 17,
        "batches": ["EEE", "ECE", "Unique UPSC Batch", "POZITIVE ONLINE TEST SERIES", "OHC 2.23", "st std A",
            "IBPS Morning Batch", "UPSC Morning  Batch", "NEET Morning Batch", "IBPS Online Batch", "UPSC Evening Batch"],
        "username": "testpress", "display_name": "Divya", "first_name": "Divya", "last_name": "",
        "email": "testpress.in@gmail.com", "birth_date": "1994-08-27", "gender": "Female",
        "address1": "Chennai", "address2": "Chennai", "city": "Chennai", "zip": "600069",
        "state": "Tamil Nadu", "phone": "9043570576"
    })
}

const IMAGE_FIELDS: [&str; 6] = ["photo", "large_image", "medium_image", "small_image", "x_small_image", "mini_image"];

#[test]
fn me_reproduces_the_documented_example() {
    let api = Api::start();
    let me = api.get("/api/v2.2/me/", &api.token("testpress")).json();
    for (key, value) in documented_me().as_object().unwrap() {
        assert_eq!(&me[key], value, "field {key}");
    }
    assert_eq!(me["url"], format!("{}/api/v2.2/users/17/", api.base));
    for key in IMAGE_FIELDS {
        let url = me[key].as_str().unwrap();
        assert!(url.starts_with(&format!("{}/media/", api.base)), "{key}: {url}");
        let r = send("GET", url, &[], None);
        assert_eq!(r.status, 200, "{key} is served");
    }
    assert_eq!(me.as_object().unwrap().len(), 22, "exactly the documented fields: {me}");
}

#[test]
fn another_users_page_has_only_public_fields() {
    let api = Api::start();
    let r = api.get("/api/v2.2/users/18/", &api.token("testpress"));
    assert_eq!(r.status, 200);
    let user = r.json();
    let mut keys: Vec<&str> = user.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort();
    let mut public = vec!["id", "url", "username", "display_name", "first_name", "last_name"];
    public.extend(IMAGE_FIELDS);
    public.sort();
    assert_eq!(keys, public);
    assert_eq!(user["display_name"], "Vinoth Kumar");
    assert_eq!(user["photo"], "", "Vinoth has no photo");
    assert!(user.get("email").is_none());
}

#[test]
fn ones_own_id_answers_like_me() {
    let api = Api::start();
    let token = api.token("testpress");
    assert_eq!(api.get("/api/v2.2/users/17/", &token).json(), api.get("/api/v2.2/me/", &token).json());
}

#[test]
fn unknown_and_non_numeric_ids_are_404_not_found() {
    let api = Api::start();
    let token = api.token("testpress");
    for path in ["/api/v2.2/users/999/", "/api/v2.2/users/abc/", "/api/v2.2/users/0/", "/api/v2.2/nothing-here/"] {
        let r = api.get(path, &token);
        assert_eq!(r.status, 404, "{path}");
        assert_eq!(r.json(), json!({"detail": "Not found."}));
    }
}

// ---- updating ----

#[test]
fn put_is_a_partial_update_answering_the_documented_write_shape() {
    let api = Api::start();
    let token = api.token("testpress");
    let r = api.put("/api/v2.2/users/17/", &token, &json!({"first_name": "John", "last_name": "Appleseed"}));
    assert_eq!(r.status, 200, "{}", r.body);
    let body = r.json();
    assert_eq!(body["first_name"], "John");
    assert_eq!(body["last_name"], "Appleseed");
    assert_eq!(body["gender"], 2, "gender as a code");
    assert_eq!(body["state_choices"], 31, "state as a code");
    assert_eq!((body["x_offset"].clone(), body["y_offset"].clone()), (json!(37), json!(0)));
    assert_eq!((body["crop_width"].clone(), body["crop_height"].clone()), (json!(539), json!(540)));
    for absent in ["id", "url", "username", "display_name", "batches", "state"] {
        assert!(body.get(absent).is_none(), "{absent} is not in the PUT shape");
    }
    let me = api.get("/api/v2.2/me/", &token).json();
    assert_eq!(me["display_name"], "John Appleseed");
    assert_eq!(me["phone"], "9043570576", "fields not sent are kept");
}

#[test]
fn patch_updates_too_and_every_writable_field_round_trips() {
    let api = Api::start();
    let token = api.token("arjun");
    let update = json!({
        "first_name": "Arjun", "last_name": "Das", "email": "arjun.das@example.com", "phone": "9123456789",
        "gender": 3, "birth_date": "2002-01-31", "address1": "4 Park St", "address2": "Flat 2",
        "city": "Kolkata", "zip": "700016", "state_choices": 35
    });
    let r = send(
        "PATCH",
        &api.url("/api/v2.2/users/20/"),
        &[("Authorization", &format!("JWT {token}"))],
        Some(&update.to_string()),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let me = api.get("/api/v2.2/me/", &token).json();
    assert_eq!(me["gender"], "Transgender");
    assert_eq!(me["state"], "West Bengal");
    for key in ["last_name", "email", "phone", "birth_date", "address1", "address2", "city", "zip"] {
        assert_eq!(me[key], update[key], "{key}");
    }
    // Codes may come as strings (form-style), and "" unsets them.
    let r = api.put("/api/v2.2/users/20/", &token, &json!({"gender": "", "state_choices": "", "birth_date": null}));
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!((r.json()["gender"].clone(), r.json()["state_choices"].clone()), (json!(""), json!("")));
    let me = api.get("/api/v2.2/me/", &token).json();
    assert_eq!(
        (me["gender"].clone(), me["state"].clone(), me["birth_date"].clone()),
        (json!(""), json!(""), Value::Null)
    );
    let r = api.put("/api/v2.2/users/20/", &token, &json!({"state_choices": "0"}));
    assert_eq!(r.json()["state_choices"], 0);
}

#[test]
fn updating_someone_else_is_403_and_an_unknown_id_404() {
    let api = Api::start();
    let token = api.token("testpress");
    let r = api.put("/api/v2.2/users/18/", &token, &json!({"first_name": "Hacked"}));
    assert_eq!(r.status, 403);
    assert_eq!(r.json(), json!({"detail": "You do not have permission to perform this action."}));
    assert_eq!(api.get("/api/v2.2/users/18/", &token).json()["first_name"], "Vinoth");
    assert_eq!(api.put("/api/v2.2/users/999/", &token, &json!({})).status, 404);
    let r = send("PUT", &api.url("/api/v2.2/users/17/"), &[], Some("{}"));
    assert_eq!(r.status, 401, "writing needs a token");
}

#[test]
fn invalid_values_are_400_field_errors_and_change_nothing() {
    let api = Api::start();
    let token = api.token("testpress");
    let cases = [
        ("email", json!("not-an-email"), "Enter a valid email address."),
        ("email", json!(""), "This field may not be blank."),
        ("phone", json!("12345"), "Enter a valid phone number of exactly 10 digits."),
        ("phone", json!("98765abcde"), "Enter a valid phone number of exactly 10 digits."),
        ("phone", json!(""), "This field may not be blank."),
        ("zip", json!("6000"), "Enter a valid PIN code of exactly 6 digits."),
        ("birth_date", json!("27/08/1994"), "Date has wrong format. Use one of these formats instead: YYYY-MM-DD."),
        ("birth_date", json!("1994-02-30"), "Date has wrong format. Use one of these formats instead: YYYY-MM-DD."),
        ("gender", json!(4), "\"4\" is not a valid choice."),
        ("gender", json!("Female"), "\"Female\" is not a valid choice."),
        ("state_choices", json!(37), "\"37\" is not a valid choice."),
        ("first_name", json!(""), "This field may not be blank."),
        ("first_name", json!("x".repeat(31)), "Ensure this field has no more than 30 characters."),
        ("city", json!(["Chennai"]), "Not a valid string."),
    ];
    for (field, value, message) in cases {
        let r = api.put("/api/v2.2/users/17/", &token, &json!({ field: value, "last_name": "Changed" }));
        assert_eq!(r.status, 400, "{field} = {value}");
        assert_eq!(r.json(), json!({ field: [message] }), "{field} = {value}");
    }
    assert_eq!(api.get("/api/v2.2/me/", &token).json()["last_name"], "", "a rejected request changes nothing");
    let r = api.put("/api/v2.2/users/17/", &token, &json!(["a list"]));
    assert_eq!(r.status, 400);
    assert!(r.json()["non_field_errors"].is_array());
    let r = send(
        "PUT",
        &api.url("/api/v2.2/users/17/"),
        &[("Authorization", &format!("JWT {token}"))],
        Some("{\"first_name\": "),
    );
    assert_eq!(r.status, 400);
    assert!(r.json()["detail"].is_string());
}

#[test]
fn several_invalid_fields_are_reported_together() {
    let api = Api::start();
    let token = api.token("testpress");
    let r = api.put("/api/v2.2/users/17/", &token, &json!({"email": "x", "phone": "1", "zip": "1"}));
    let body = r.json();
    assert_eq!(body.as_object().unwrap().len(), 3, "{body}");
}

// ---- photos ----

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn image_size(url: &str) -> (u32, u32) {
    let mut bytes = Vec::new();
    let response = agent().get(url).call().expect("image served");
    assert!(response.content_type().starts_with("image/"));
    std::io::Read::read_to_end(&mut response.into_reader(), &mut bytes).unwrap();
    let img = image::load_from_memory(&bytes).expect("a decodable image");
    (img.width(), img.height())
}

#[test]
fn photo_upload_crops_and_serves_five_square_variants() {
    let api = Api::start();
    let token = api.token("Vinoth");
    let jpeg = photo::demo_portrait(800, 600, [0, 0, 0], [255, 255, 255]);
    let r = api.put(
        "/api/v2.2/users/18/",
        &token,
        &json!({"photo": b64(&jpeg), "x_offset": 100, "y_offset": 50, "crop_width": 500, "crop_height": 500}),
    );
    assert_eq!(r.status, 200, "{}", r.body);
    let body = r.json();
    assert_eq!((body["x_offset"].clone(), body["crop_width"].clone()), (json!(100), json!(500)));
    for (field, side) in
        [("large_image", 256), ("medium_image", 128), ("small_image", 48), ("x_small_image", 32), ("mini_image", 24)]
    {
        assert_eq!(image_size(body[field].as_str().unwrap()), (side, side), "{field}");
    }
    assert_eq!(image_size(body["photo"].as_str().unwrap()), (800, 600), "the original is kept");
    let me = api.get("/api/v2.2/me/", &token).json();
    assert_eq!(me["large_image"], body["large_image"]);
    // Another user sees the new photo too.
    let seen = api.get("/api/v2.2/users/18/", &api.token("testpress")).json();
    assert_eq!(seen["medium_image"], body["medium_image"]);
}

#[test]
fn a_new_photo_replaces_the_old_files() {
    let api = Api::start();
    let token = api.token("testpress");
    let before = api.get("/api/v2.2/me/", &token).json();
    let png = {
        let mut out = std::io::Cursor::new(Vec::new());
        image::DynamicImage::new_rgb8(300, 300).write_to(&mut out, image::ImageFormat::Png).unwrap();
        out.into_inner()
    };
    let r = api.put("/api/v2.2/users/17/", &token, &json!({"photo": b64(&png)}));
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json()["crop_width"], 300, "no crop sent: the centred square");
    assert_eq!(send("GET", before["large_image"].as_str().unwrap(), &[], None).status, 404);
    assert_ne!(r.json()["large_image"], before["large_image"]);
}

#[test]
fn non_images_absurd_sizes_and_bad_crops_are_400() {
    let api = Api::start();
    let token = api.token("testpress");
    let huge_png = {
        // Tiny file, absurd dimensions: refused from the header, never decoded.
        let mut out = std::io::Cursor::new(Vec::new());
        image::DynamicImage::new_luma8(9000, 1).write_to(&mut out, image::ImageFormat::Png).unwrap();
        out.into_inner()
    };
    let small = photo::demo_portrait(100, 100, [1, 2, 3], [4, 5, 6]);
    let cases = [
        json!({"photo": b64(b"plain text, not a picture")}),
        json!({"photo": "%%% not base64 %%%"}),
        json!({"photo": b64(&huge_png)}),
        json!({"photo": b64(&vec![0xFFu8; 11 * 1024 * 1024])}),
        json!({"photo": b64(&small), "x_offset": 90, "y_offset": 0, "crop_width": 50, "crop_height": 50}),
        json!({"photo": b64(&small), "x_offset": 0}),
        json!({"photo": 12}),
    ];
    for case in cases {
        let r = api.put("/api/v2.2/users/17/", &token, &case);
        assert_eq!(r.status, 400, "{}", &r.body);
        assert!(r.json()["photo"][0].is_string(), "{}", r.body);
    }
}

// ---- CORS ----

#[test]
fn cors_allows_only_configured_origins_preflight_included() {
    let api = Api::with(Config { cors_origins: vec!["http://app.example".into()], ..Config::for_tests() });
    let preflight = |origin: &str| {
        send(
            "OPTIONS",
            &api.url("/api/v2.2/users/17/"),
            &[
                ("Origin", origin),
                ("Access-Control-Request-Method", "PUT"),
                ("Access-Control-Request-Headers", "authorization, content-type"),
            ],
            None,
        )
    };
    let ok = preflight("http://app.example");
    assert!(ok.status == 204 || ok.status == 200);
    assert_eq!(ok.header("access-control-allow-origin"), Some("http://app.example"));
    let methods = ok.header("access-control-allow-methods").unwrap_or("");
    assert!(methods.contains("PUT") && methods.contains("PATCH"), "{methods}");
    assert!(ok.header("access-control-allow-headers").unwrap_or("").contains("authorization"));

    let denied = preflight("http://evil.example");
    assert_eq!(denied.header("access-control-allow-origin"), None);

    let token = api.token("testpress");
    let get = send(
        "GET",
        &api.url("/api/v2.2/me/"),
        &[("Origin", "http://app.example"), ("Authorization", &format!("JWT {token}"))],
        None,
    );
    assert_eq!(get.header("access-control-allow-origin"), Some("http://app.example"));
    assert!(get.header("access-control-expose-headers").unwrap_or("").contains("Retry-After"));
    let error = send("GET", &api.url("/api/v2.2/me/"), &[("Origin", "http://app.example")], None);
    assert_eq!(error.status, 401);
    assert_eq!(
        error.header("access-control-allow-origin"),
        Some("http://app.example"),
        "errors are readable cross-origin"
    );
    let other = send(
        "GET",
        &api.url("/api/v2.2/me/"),
        &[("Origin", "http://evil.example"), ("Authorization", &format!("JWT {token}"))],
        None,
    );
    assert_eq!(other.header("access-control-allow-origin"), None);
}

// ---- persistence ----

#[test]
fn a_restart_keeps_edits_and_tokens() {
    let dir =
        std::env::temp_dir().join(format!("stand-in-{}-{}", std::process::id(), testpress_stand_in::db::random_hex(4)));
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("db.sqlite3").to_string_lossy().to_string();
    let first = Api::with(Config { db_path: db.clone(), ..Config::for_tests() });
    let token = first.token("testpress");
    assert_eq!(first.put("/api/v2.2/users/17/", &token, &json!({"city": "Madurai"})).status, 200);
    let second = Api::with(Config { db_path: db.clone(), ..Config::for_tests() });
    let me = second.get("/api/v2.2/me/", &token);
    assert_eq!(me.status, 200, "a token survives the restart: {}", me.body);
    assert_eq!(me.json()["city"], "Madurai");
    assert_eq!(me.json()["first_name"], "Divya", "the seed ran once, not again");
    let _ = std::fs::remove_dir_all(dir);
}

// ---- fault injection ----

#[test]
fn forced_status_and_body_apply_the_given_number_of_times() {
    let api = Api::start();
    let token = api.token("testpress");
    api.fault(
        json!({"path": "/api/v2.2/me/", "status": 503, "body": "{\"detail\": \"Down for maintenance.\"}", "times": 1}),
    );
    let r = api.get("/api/v2.2/me/", &token);
    assert_eq!(r.status, 503);
    assert_eq!(r.json()["detail"], "Down for maintenance.");
    assert_eq!(api.get("/api/v2.2/me/", &token).status, 200, "a one-shot fault is gone");
}

#[test]
fn malformed_truncated_and_padded_bodies() {
    let api = Api::start();
    let token = api.token("testpress");
    api.fault(
        json!({"path": "/api/v2.2/me/", "body": "<html>Bad gateway</html>", "content_type": "text/html", "times": 1}),
    );
    let r = api.get("/api/v2.2/me/", &token);
    assert_eq!((r.status, r.body.as_str()), (200, "<html>Bad gateway</html>"));
    assert_eq!(r.header("content-type"), Some("text/html"));

    api.fault(json!({"path": "/api/v2.2/me/", "truncate": true, "times": 1}));
    let r = api.get("/api/v2.2/me/", &token);
    assert_eq!(r.status, 200);
    let full = api.get("/api/v2.2/me/", &token).body;
    assert!(full.starts_with(&r.body) && r.body.len() == full.len() / 2);
    assert!(serde_json::from_str::<Value>(&r.body).is_err());

    api.fault(json!({"path": "/api/v2.2/users/*", "method": "GET", "body": "x", "body_repeat": 3_000_000, "times": 1}));
    assert_eq!(api.get("/api/v2.2/users/18/", &token).body.len(), 3_000_000);
}

#[test]
fn added_latency_and_extra_headers() {
    let api = Api::start();
    let token = api.token("testpress");
    api.fault(json!({"path": "/api/v2.2/me/", "delay_ms": 400, "times": 1}));
    let started = Instant::now();
    let r = api.get("/api/v2.2/me/", &token);
    assert!(started.elapsed() >= Duration::from_millis(400), "the injected delay is applied");
    assert_eq!(r.json()["username"], "testpress", "latency alone keeps the real answer");

    api.fault(json!({"path": "/api/v2.2/auth-token/", "status": 429, "headers": {"Retry-After": "38"},
        "body": "{\"detail\": \"Request was throttled. Expected available in 38 seconds.\"}"}));
    let r = api.sign_in("testpress", "demo1234");
    assert_eq!(r.status, 429);
    assert_eq!(r.header("retry-after"), Some("38"));
    assert_eq!(send("DELETE", &api.url("/__test__/faults"), &[], None).status, 204);
    assert_eq!(api.sign_in("testpress", "demo1234").status, 200, "cleared");
}

#[test]
fn faults_are_off_unless_enabled() {
    let api = Api::with(Config { faults: false, ..Config::for_tests() });
    let r = send("POST", &api.url("/__test__/faults"), &[], Some(r#"{"path": "/api/v2.2/me/", "status": 500}"#));
    assert_eq!(r.status, 404);
    assert_eq!(api.get("/api/v2.2/me/", &api.token("testpress")).status, 200);
}

// ---- serving a built app ----

#[test]
fn serves_a_built_app_with_the_single_page_fallback() {
    let dir = std::env::temp_dir().join(format!(
        "stand-in-app-{}-{}",
        std::process::id(),
        testpress_stand_in::db::random_hex(4)
    ));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("index.html"), "<!doctype html><title>app</title>").unwrap();
    std::fs::write(dir.join("app-9f3c2a1b7d4e6f80.js"), "console.log(1)").unwrap();
    let api = Api::with(Config { app_dir: Some(dir.clone()), ..Config::for_tests() });
    for path in ["/", "/me/edit", "/users/18"] {
        let r = send("GET", &api.url(path), &[], None);
        assert_eq!((r.status, r.body.as_str()), (200, "<!doctype html><title>app</title>"), "{path}");
        assert_eq!(r.header("cache-control"), Some("no-cache"));
    }
    let js = send("GET", &api.url("/app-9f3c2a1b7d4e6f80.js"), &[], None);
    assert_eq!(js.header("content-type"), Some("text/javascript; charset=utf-8"));
    assert!(js.header("cache-control").unwrap().contains("immutable"));
    assert_eq!(send("GET", &api.url("/missing-456.wasm"), &[], None).status, 404);
    // A build with a prerendered sign-in page serves it for `/login`; `/me` still falls back.
    std::fs::write(dir.join("login.html"), "<title>sign in</title>").unwrap();
    assert_eq!(send("GET", &api.url("/login"), &[], None).body, "<title>sign in</title>");
    assert_eq!(send("GET", &api.url("/me"), &[], None).body, "<!doctype html><title>app</title>");
    for escape in ["/%2e%2e/Cargo.toml", "/..%2fCargo.toml"] {
        assert_eq!(send("GET", &api.url(escape), &[], None).status, 404, "{escape} stays inside the app dir");
    }
    assert_eq!(send("GET", &api.url("/api/v2.2/nope/"), &[], None).json(), json!({"detail": "Not found."}));

    // Precompressed twins are served like a CDN would, only to browsers that accept them.
    std::fs::write(dir.join("app-9f3c2a1b7d4e6f80.js.br"), b"BROTLI").unwrap();
    let br = send("GET", &api.url("/app-9f3c2a1b7d4e6f80.js"), &[("Accept-Encoding", "gzip, deflate, br")], None);
    assert_eq!((br.body.as_str(), br.header("content-encoding")), ("BROTLI", Some("br")));
    assert_eq!(br.header("content-type"), Some("text/javascript; charset=utf-8"));
    let plain = send("GET", &api.url("/app-9f3c2a1b7d4e6f80.js"), &[("Accept-Encoding", "gzip")], None);
    assert_eq!((plain.body.as_str(), plain.header("content-encoding")), ("console.log(1)", None));
    let _ = std::fs::remove_dir_all(dir);
}
