//! Contract tests for the calls made without a token: the institute's settings and password
//! reset; and CORS on every endpoint added for them and for sessions.

use serde_json::{json, Map, Value};
use testpress_stand_in::{photo, Config};

mod common;
use common::*;

const SETTINGS: &str = "/api/v2.3/settings/";

fn settings(api: &Api) -> Value {
    let r = send("GET", &api.url(SETTINGS), &[], None);
    assert_eq!(r.status, 200, "{}", r.body);
    r.json()
}

// ---- institute settings ----

#[test]
fn settings_need_no_token_and_carry_every_key_the_clients_read() {
    let api = Api::start();
    let s = settings(&api);
    for (key, value) in [
        ("allow_profile_edit", json!(true)),
        ("enable_user_photo", json!(true)),
        ("disable_forgot_password", json!(false)),
        ("custom_forgot_password_url", Value::Null),
        ("allow_signup", json!(false)),
        ("enable_parallel_login_restriction", json!(false)),
        ("login_label", Value::Null),
        ("login_password_label", Value::Null),
        ("lockout_limit", Value::Null),
        ("cooloff_time", Value::Null),
    ] {
        assert_eq!(s[key], value, "{key}");
    }
    for key in ["max_parallel_logins", "name", "photo", "app_toolbar_logo", "domain_url", "timezone"] {
        assert!(s.get(key).is_some(), "{key}");
    }
    assert_eq!(s["domain_url"], api.base);
    assert_eq!(send("GET", &api.url("/api/v2.3/settings"), &[], None).json(), s, "without the slash too");
}

#[test]
fn test_overrides_merge_key_by_key_and_reset() {
    let api = Api::start();
    let defaults = settings(&api);
    let r = api.control(
        "PUT",
        "/__test__/institute-settings",
        json!({"allow_profile_edit": false, "login_label": "Email or phone"}),
    );
    assert_eq!(r.json()["allow_profile_edit"], false, "answers the settings now in force");
    api.control(
        "PUT",
        "/__test__/institute-settings",
        json!({"custom_forgot_password_url": "https://example.in/reset", "cooloff_time": "24"}),
    );
    let s = settings(&api);
    assert_eq!(
        (
            s["allow_profile_edit"].clone(),
            s["login_label"].clone(),
            s["custom_forgot_password_url"].clone(),
            s["cooloff_time"].clone()
        ),
        (json!(false), json!("Email or phone"), json!("https://example.in/reset"), json!("24"))
    );
    assert_eq!(s["enable_user_photo"], true, "untouched keys keep their defaults");
    assert_eq!(send("DELETE", &api.url("/__test__/institute-settings"), &[], None).status, 200);
    assert_eq!(settings(&api), defaults);
}

#[test]
fn a_settings_file_gives_the_starting_point() {
    let mut from_file = Map::new();
    from_file.insert("login_label".into(), json!("Roll number"));
    from_file.insert("disable_forgot_password".into(), json!(true));
    let api = Api::with(Config { institute_settings: from_file, ..Config::for_tests() });
    assert_eq!(settings(&api)["login_label"], "Roll number");
    api.control("PUT", "/__test__/institute-settings", json!({"login_label": "Email"}));
    api.control("DELETE", "/__test__/institute-settings", json!({}));
    let s = settings(&api);
    assert_eq!((s["login_label"].clone(), s["disable_forgot_password"].clone()), (json!("Roll number"), json!(true)));
}

#[test]
fn odd_shapes_and_failures_are_served_as_asked() {
    let api = Api::start();
    api.control(
        "PUT",
        "/__test__/institute-settings",
        json!({"allow_profile_edit": "yes", "max_parallel_logins": "2", "login_label": 7}),
    );
    let s = settings(&api);
    assert_eq!((s["allow_profile_edit"].clone(), s["login_label"].clone()), (json!("yes"), json!(7)));
    api.fault(
        json!({"path": SETTINGS, "status": 500, "body": "{\"detail\": \"A server error occurred.\"}", "times": 1}),
    );
    assert_eq!(send("GET", &api.url(SETTINGS), &[], None).status, 500);
    api.fault(json!({"path": SETTINGS, "body": "[1, 2]", "times": 1}));
    assert_eq!(send("GET", &api.url(SETTINGS), &[], None).body, "[1, 2]");
    // An odd value switches nothing off: editing still works.
    let token = api.token("testpress");
    assert_eq!(api.put("/api/v2.2/users/17/", &token, &json!({"city": "Salem"})).status, 200);
}

#[test]
fn the_server_obeys_editing_and_photo_switched_off() {
    let api = Api::start();
    let token = api.token("testpress");
    api.control("PUT", "/__test__/institute-settings", json!({"enable_user_photo": false}));
    let jpeg = base64_of(&photo::demo_portrait(300, 300, [0, 0, 0], [9, 9, 9]));
    let r = api.put("/api/v2.2/users/17/", &token, &json!({"photo": jpeg}));
    assert_eq!((r.status, r.json()), (403, json!({"detail": "You do not have permission to perform this action."})));
    assert_eq!(
        api.put("/api/v2.2/users/17/", &token, &json!({"city": "Salem"})).status,
        200,
        "other fields still save"
    );
    api.control("PUT", "/__test__/institute-settings", json!({"allow_profile_edit": false}));
    let r = api.put("/api/v2.2/users/17/", &token, &json!({"city": "Erode"}));
    assert_eq!(r.status, 403);
    let me = api.get("/api/v2.2/me/", &token);
    assert_eq!((me.status, me.json()["city"].clone()), (200, json!("Salem")), "refused, still signed in");
}

// ---- password reset ----

#[test]
fn password_reset_takes_a_registered_email_without_a_token() {
    let api = Api::start();
    for path in ["/api/v2.2/password/reset/", "/api/v2.3/password/reset/", "/api/v2.3/password/reset"] {
        let r = send("POST", &api.url(path), &[], Some(r#"{"email": "Priya.Raman@example.com"}"#));
        assert_eq!(r.status, 200, "{path}: {}", r.body);
        assert!(r.json()["status"].as_str().is_some_and(|s| !s.is_empty()));
    }
    let cases = [
        ("{}", "This field is required."),
        (r#"{"email": "  "}"#, "This field may not be blank."),
        (r#"{"email": "priya@"}"#, "Enter a valid email address."),
        (r#"{"email": "nobody@example.com"}"#, "There is no account registered with this email address."),
        (r#"{"email": 12}"#, "Not a valid string."),
    ];
    for (body, message) in cases {
        let r = send("POST", &api.url("/api/v2.2/password/reset/"), &[], Some(body));
        assert_eq!((r.status, r.json()), (400, json!({"email": [message]})), "{body}");
    }
    let r = send("POST", &api.url("/api/v2.2/password/reset/"), &[], Some("not json"));
    assert_eq!(r.status, 400);
    assert!(r.json()["detail"].is_string());
}

#[test]
fn password_resets_are_recorded_whatever_they_answer() {
    let api = Api::start();
    send("POST", &api.url("/api/v2.2/password/reset/"), &[], Some(r#"{"email": "arjun@example.com"}"#));
    send("POST", &api.url("/api/v2.3/password/reset/"), &[], Some(r#"{"email": "who@example.com"}"#));
    api.fault(json!({"path": "/api/v2.2/password/reset/", "status": 500, "body": "", "times": 1}));
    send("POST", &api.url("/api/v2.2/password/reset/"), &[], Some(r#"{"email": "arjun@example.com"}"#));
    let log = api.read("/__test__/password-resets");
    let seen: Vec<(Value, Value, Value)> =
        log.as_array().unwrap().iter().map(|e| (e["email"].clone(), e["status"].clone(), e["path"].clone())).collect();
    assert_eq!(
        seen,
        [
            (json!("arjun@example.com"), json!(200), json!("/api/v2.2/password/reset/")),
            (json!("who@example.com"), json!(400), json!("/api/v2.3/password/reset/")),
            (json!("arjun@example.com"), json!(500), json!("/api/v2.2/password/reset/")),
        ]
    );
    assert!(log[0]["at"].as_str().is_some_and(|at| at.ends_with('Z')));
    assert_eq!(api.read("/__test__/logouts"), json!([]), "kept apart from logouts");
    assert_eq!(send("DELETE", &api.url("/__test__/password-resets"), &[], None).status, 204);
    assert_eq!(api.read("/__test__/password-resets"), json!([]));
}

#[test]
fn nothing_is_recorded_or_controllable_without_faults() {
    let api = Api::with(Config { faults: false, ..Config::for_tests() });
    send("POST", &api.url("/api/v2.2/password/reset/"), &[], Some(r#"{"email": "arjun@example.com"}"#));
    for path in ["/__test__/password-resets", "/__test__/logouts", "/__test__/sessions", "/__test__/institute-settings"]
    {
        assert_eq!(send("GET", &api.url(path), &[], None).status, 404, "{path}");
    }
}

// ---- CORS ----

#[test]
fn cors_covers_the_new_endpoints() {
    let api = Api::with(Config { cors_origins: vec!["http://app.example".into()], ..Config::for_tests() });
    let origin = ("Origin", "http://app.example");
    for (method, path, headers) in [
        ("POST", "/api/v2.4/auth/logout/", "authorization"),
        ("POST", "/api/v2.4/auth/logout_devices/", "authorization, content-type"),
        ("GET", "/api/v2.3/me/login_activity/", "authorization"),
        ("GET", SETTINGS, ""),
        ("POST", "/api/v2.2/password/reset/", "content-type"),
        ("POST", "/api/v2.3/auth-token/", "content-type"),
    ] {
        let mut ask = vec![origin, ("Access-Control-Request-Method", method)];
        if !headers.is_empty() {
            ask.push(("Access-Control-Request-Headers", headers));
        }
        let r = send("OPTIONS", &api.url(path), &ask, None);
        assert!(r.status == 204 || r.status == 200, "{path}");
        assert_eq!(r.header("access-control-allow-origin"), Some("http://app.example"), "{path}");
        assert!(r.header("access-control-allow-methods").unwrap_or("").contains(method), "{path}");
    }
    let token = api.token("testpress");
    let auth = Api::auth(&token);
    for (method, path) in [
        ("GET", SETTINGS),
        ("GET", "/api/v2.3/me/login_activity/"),
        ("POST", "/api/v2.4/auth/logout_devices/"),
        ("POST", "/api/v2.4/auth/logout/"),
    ] {
        let r = send(method, &api.url(path), &[origin, ("Authorization", &auth)], None);
        assert_eq!(r.status, 200, "{path}: {}", r.body);
        assert_eq!(r.header("access-control-allow-origin"), Some("http://app.example"), "{path}");
    }
    let r = send("POST", &api.url("/api/v2.2/password/reset/"), &[origin], Some("{}"));
    assert_eq!((r.status, r.header("access-control-allow-origin")), (400, Some("http://app.example")));
}
