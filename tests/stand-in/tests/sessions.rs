//! Contract tests for sessions: sign-in opens one, logout ends it, the devices list, signing
//! out the other devices, the parallel-login restriction and the refusals the server sends.

use serde_json::{json, Value};
use std::time::{Duration, Instant};
use testpress_stand_in::{time::us_from_iso, Config};

mod common;
use common::*;

const CHROME_WINDOWS: &str =
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36";
const ANDROID: &str = "Generic Smartphone / Android / okhttp 3.4.1";
const IPHONE: &str =
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1";

fn seed(api: &Api, sessions: Value) -> Vec<Value> {
    let r = api.control("POST", "/__test__/sessions", sessions);
    assert_eq!(r.status, 201);
    r.json().as_array().expect("a list").clone()
}

fn session_of(api: &Api, id: i64) -> Value {
    let all = api.read("/__test__/sessions");
    all.as_array().unwrap().iter().find(|s| s["id"] == id).cloned().expect("the session is listed")
}

fn sid(token: &str) -> i64 {
    claims_of(token)["sid"].as_i64().expect("a session claim")
}

fn activity(api: &Api, token: &str, query: &str) -> Reply {
    api.get(&format!("/api/v2.3/me/login_activity/{query}"), token)
}

// ---- sign-in and sessions ----

#[test]
fn each_sign_in_opens_a_session_the_token_names() {
    let api = Api::start();
    let token = api.token_as("testpress", CHROME_WINDOWS);
    let claims = claims_of(&token);
    let mut keys: Vec<&str> = claims.as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort();
    assert_eq!(keys, ["email", "exp", "sid", "user_id", "username"], "the documented claims plus sid");
    let session = session_of(&api, sid(&token));
    assert_eq!(session["user_id"], 17);
    assert_eq!(session["user_agent"], CHROME_WINDOWS);
    assert_eq!(session["ip_address"], "127.0.0.1", "the peer's address");
    assert_eq!(session["location"], "IN");
    assert_eq!(session["live"], true);
    assert_ne!(sid(&api.token("testpress")), sid(&token), "a second sign-in is a second session");
}

#[test]
fn sign_in_answers_under_v2_3_and_v2_5_alike() {
    let api = Api::start();
    for version in ["v2.2", "v2.3", "v2.5"] {
        for path in [format!("/api/{version}/auth-token/"), format!("/api/{version}/auth-token")] {
            let good = json!({"username": "priya", "password": "demo1234"}).to_string();
            let r = send("POST", &api.url(&path), &[], Some(&good));
            assert_eq!(r.status, 200, "{path}: {}", r.body);
            assert_eq!(api.get("/api/v2.2/me/", r.json()["token"].as_str().unwrap()).json()["id"], 19);
            let bad = json!({"username": "priya", "password": "nope"}).to_string();
            let r = send("POST", &api.url(&path), &[], Some(&bad));
            assert_eq!(r.status, 400, "{path}");
            assert_eq!(r.json(), json!({"non_field_errors": ["Unable to log in with provided credentials."]}));
        }
    }
}

#[test]
fn a_token_whose_session_ended_is_401_never_403() {
    let api = Api::start();
    let token = api.token("testpress");
    assert_eq!(api.post("/api/v2.4/auth/logout/", &token, None).status, 200);
    for (method, path) in
        [("GET", "/api/v2.2/me/"), ("GET", "/api/v2.3/me/login_activity/"), ("PUT", "/api/v2.2/users/17/")]
    {
        let body = (method == "PUT").then_some("{}");
        let r = send(method, &api.url(path), &[("Authorization", &Api::auth(&token))], body);
        assert_eq!(r.status, 401, "{method} {path}");
        assert_eq!(r.json(), json!({"detail": "Invalid token."}));
        assert!(r.header("www-authenticate").is_some());
    }
}

// ---- logout ----

#[test]
fn logout_ends_only_the_callers_session_and_is_recorded() {
    let api = Api::start();
    let (first, second) = (api.token("testpress"), api.token("testpress"));
    let r = api.post("/api/v2.4/auth/logout/", &first, None);
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(api.get("/api/v2.2/me/", &first).status, 401);
    assert_eq!(api.get("/api/v2.2/me/", &second).status, 200, "the other session lives on");
    assert_eq!(api.post("/api/v2.4/auth/logout", &second, Some("{}")).status, 200, "no slash, an empty object");
    assert_eq!(session_of(&api, sid(&first))["ended_by"], "logout");
    // Again with an ended token, then with none: both 401, both recorded.
    assert_eq!(api.post("/api/v2.4/auth/logout/", &first, None).status, 401);
    let r = send("POST", &api.url("/api/v2.4/auth/logout/"), &[], None);
    assert_eq!((r.status, r.json()), (401, json!({"detail": "Authentication credentials were not provided."})));

    let log = api.read("/__test__/logouts");
    let seen: Vec<(Value, Value, Value, Value)> = log
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["session_id"].clone(), e["ended_session"].clone(), e["status"].clone(), e["user_id"].clone()))
        .collect();
    let (a, b) = (json!(sid(&first)), json!(sid(&second)));
    assert_eq!(
        seen,
        [
            (a.clone(), a.clone(), json!(200), json!(17)),
            (b.clone(), b, json!(200), json!(17)),
            (a, Value::Null, json!(401), json!(17)),
            (Value::Null, Value::Null, json!(401), Value::Null),
        ]
    );
    assert!(log[0]["at"].as_str().is_some_and(|at| us_from_iso(at).is_some()));
    assert_eq!(log[1]["path"], "/api/v2.4/auth/logout");
    assert_eq!(send("DELETE", &api.url("/__test__/logouts"), &[], None).status, 204);
    assert_eq!(api.read("/__test__/logouts"), json!([]));
}

#[test]
fn a_slow_logout_is_recorded_on_arrival_and_a_failed_one_ends_nothing() {
    let api = Api::start();
    let token = api.token("testpress");
    api.fault(json!({"path": "/api/v2.4/auth/logout/", "delay_ms": 1500, "times": 1}));
    let url = api.url("/api/v2.4/auth/logout/");
    let slow_token = token.clone();
    let started = Instant::now();
    let call = std::thread::spawn(move || send("POST", &url, &[("Authorization", &Api::auth(&slow_token))], None));
    let pending = loop {
        let log = api.read("/__test__/logouts");
        if let Some(entry) = log.get(0) {
            break entry.clone();
        }
        assert!(started.elapsed() < Duration::from_secs(1), "the call is seen before it is answered");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert_eq!((pending["status"].clone(), pending["session_id"].clone()), (Value::Null, json!(sid(&token))));
    assert_eq!(call.join().unwrap().status, 200);
    assert!(started.elapsed() >= Duration::from_millis(1500));
    assert_eq!(api.read("/__test__/logouts")[0]["status"], 200);

    let other = api.token("testpress");
    api.fault(json!({"path": "/api/v2.4/auth/logout/", "status": 500, "body": "{\"detail\": \"A server error occurred.\"}", "times": 1}));
    assert_eq!(api.post("/api/v2.4/auth/logout/", &other, None).status, 500);
    let failed = api.read("/__test__/logouts")[1].clone();
    assert_eq!((failed["status"].clone(), failed["ended_session"].clone()), (json!(500), Value::Null));
    assert_eq!(api.get("/api/v2.2/me/", &other).status, 200, "a failed logout leaves the session open");
}

// ---- the devices list ----

#[test]
fn login_activity_lists_live_sessions_with_this_device_marked() {
    let api = Api::start();
    let seeded = seed(
        &api,
        json!([
            {"username": "testpress", "user_agent": ANDROID, "last_used": "2019-07-30T05:32:52.226664Z", "ip_address": "49.207.142.221"},
            {"user_id": 17, "user_agent": IPHONE, "last_used_secs_ago": 3600},
            {"username": "Vinoth", "user_agent": ANDROID},
        ]),
    );
    assert!(seeded.iter().all(|s| s["token"].is_string() && s["id"].is_i64()));
    let token = api.token_as("testpress", CHROME_WINDOWS);
    let ended = api.token("testpress");
    assert_eq!(api.post("/api/v2.4/auth/logout/", &ended, None).status, 200);

    let r = activity(&api, &token, "");
    assert_eq!(r.status, 200, "{}", r.body);
    let body = r.json();
    assert_eq!((body["count"].clone(), body["per_page"].clone()), (json!(3), json!(20)));
    assert_eq!((body["next"].clone(), body["previous"].clone()), (Value::Null, Value::Null));
    let results = body["results"].as_array().unwrap();
    let agents: Vec<&str> = results.iter().map(|s| s["user_agent"].as_str().unwrap()).collect();
    assert_eq!(agents, [CHROME_WINDOWS, IPHONE, ANDROID], "most recently used first; others' and ended ones absent");
    let current: Vec<bool> = results.iter().map(|s| s["current_device"].as_bool().unwrap()).collect();
    assert_eq!(current, [true, false, false]);
    assert_eq!(results[0]["id"], sid(&token));
    assert_eq!(results[0]["ip_address"], "127.0.0.1");
    assert_eq!(results[2]["last_used"], "2019-07-30T05:32:52.226664Z");
    assert_eq!(results[2]["ip_address"], "49.207.142.221");
    let hour_ago = us_from_iso(results[1]["last_used"].as_str().unwrap()).unwrap() / 1_000_000;
    assert!((testpress_stand_in::now() - 3600 - hour_ago).abs() < 60);
    let mut keys: Vec<&str> = results[0].as_object().unwrap().keys().map(String::as_str).collect();
    keys.sort();
    assert_eq!(keys, ["current_device", "id", "ip_address", "last_used", "location", "user_agent"]);
    assert_eq!(results[1]["location"], "IN");
    // A seeded session's token is a real one.
    assert_eq!(api.get("/api/v2.2/me/", seeded[2]["token"].as_str().unwrap()).json()["id"], 18);
}

#[test]
fn last_used_moves_with_each_authenticated_call() {
    let api = Api::start();
    let seeded = seed(&api, json!({"username": "arjun", "user_agent": ANDROID, "last_used": "2020-01-01T00:00:00Z"}));
    let token = seeded[0]["token"].as_str().unwrap();
    assert_eq!(session_of(&api, seeded[0]["id"].as_i64().unwrap())["last_used"], "2020-01-01T00:00:00.000000Z");
    assert_eq!(api.get("/api/v2.2/me/", token).status, 200);
    let used = us_from_iso(session_of(&api, seeded[0]["id"].as_i64().unwrap())["last_used"].as_str().unwrap());
    assert!((used.unwrap() / 1_000_000 - testpress_stand_in::now()).abs() <= 2);
}

#[test]
fn login_activity_pages_with_absolute_links() {
    let api = Api::start();
    api.control("PUT", "/__test__/settings", json!({"devices_per_page": 2}));
    let agents: Vec<Value> = (1..=4)
        .map(|n| json!({"username": "meera", "user_agent": format!("Device {n}"), "last_used_secs_ago": n * 60}))
        .collect();
    seed(&api, Value::Array(agents));
    let token = api.token("meera");
    let page1 = activity(&api, &token, "?page=1").json();
    let link = |n: u32| json!(format!("{}/api/v2.3/me/login_activity/?page={n}", api.base));
    assert_eq!((page1["count"].clone(), page1["per_page"].clone()), (json!(5), json!(2)));
    assert_eq!((page1["next"].clone(), page1["previous"].clone()), (link(2), Value::Null));
    let page2 = activity(&api, &token, "?page=2").json();
    assert_eq!((page2["next"].clone(), page2["previous"].clone()), (link(3), link(1)));
    // Following `next` from the first page visits every session once.
    let mut seen = Vec::new();
    let mut next = Some(api.url("/api/v2.3/me/login_activity/"));
    while let Some(url) = next {
        let body = send("GET", &url, &[("Authorization", &Api::auth(&token))], None).json();
        seen.extend(body["results"].as_array().unwrap().iter().map(|s| s["user_agent"].as_str().unwrap().to_string()));
        next = body["next"].as_str().map(str::to_string);
    }
    assert_eq!(seen.len(), 5);
    assert_eq!(&seen[1..], ["Device 1", "Device 2", "Device 3", "Device 4"]);
    for query in ["?page=4", "?page=0", "?page=abc", "?page=-1"] {
        let r = activity(&api, &token, query);
        assert_eq!((r.status, r.json()), (404, json!({"detail": "Invalid page."})), "{query}");
    }
    // The page size can also come from the command line.
    let small = Api::with(Config { devices_per_page: 1, ..Config::for_tests() });
    let (_, token) = (small.token("meera"), small.token("meera"));
    assert_eq!(
        activity(&small, &token, "").json()["next"],
        json!(format!("{}/api/v2.3/me/login_activity/?page=2", small.base))
    );
}

#[test]
fn logout_devices_ends_every_other_session() {
    let api = Api::start();
    let seeded = seed(
        &api,
        json!([{"username": "priya", "user_agent": ANDROID}, {"username": "testpress", "user_agent": IPHONE}]),
    );
    let (mine, other) = (api.token("priya"), api.token("priya"));
    let r = api.post("/api/v2.4/auth/logout_devices/", &mine, Some("{}"));
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(api.get("/api/v2.2/me/", &other).status, 401);
    assert_eq!(api.get("/api/v2.2/me/", seeded[0]["token"].as_str().unwrap()).status, 401);
    assert_eq!(api.get("/api/v2.2/me/", seeded[1]["token"].as_str().unwrap()).status, 200, "other users keep theirs");
    assert_eq!(api.get("/api/v2.2/me/", &mine).status, 200, "the caller stays signed in");
    let body = activity(&api, &mine, "").json();
    assert_eq!((body["count"].clone(), body["results"][0]["current_device"].clone()), (json!(1), json!(true)));
    assert_eq!(api.post("/api/v2.4/auth/logout_devices", &mine, None).status, 200, "no body, no slash");
}

// ---- the parallel-login restriction ----

fn assert_restricted(r: &Reply) {
    assert_eq!(r.status, 403, "{}", r.body);
    let body = r.json();
    assert_eq!(body["error_code"], "parallel_login_restriction");
    assert!(body["detail"].as_str().is_some_and(|d| !d.is_empty()) && body["title"].is_string(), "{body}");
}

#[test]
fn sign_ins_beyond_the_limit_are_refused_until_others_sign_out() {
    let api = Api::with(Config { max_parallel_logins: Some(2), ..Config::for_tests() });
    let settings = send("GET", &api.url("/api/v2.3/settings/"), &[], None).json();
    assert_eq!(
        (settings["enable_parallel_login_restriction"].clone(), settings["max_parallel_logins"].clone()),
        (json!(true), json!(2))
    );
    let (a, b, c) = (api.token("testpress"), api.token("testpress"), api.token_as("testpress", CHROME_WINDOWS));
    assert_eq!(api.get("/api/v2.2/me/", &a).status, 200);
    assert_eq!(api.get("/api/v2.2/me/", &b).status, 200);
    assert_restricted(&api.get("/api/v2.2/me/", &c));
    assert_restricted(&api.get("/api/v2.2/users/18/", &c));
    assert_restricted(&api.put("/api/v2.2/users/17/", &c, &json!({"city": "Madurai"})));
    assert_eq!(api.get("/api/v2.2/me/", &api.token("Vinoth")).status, 200, "the limit is per user");
    // The way out works with the restricted token.
    let devices = activity(&api, &c, "");
    assert_eq!(devices.status, 200);
    assert_eq!(devices.json()["count"], 3);
    // One older session signing out brings the newest within the limit.
    assert_eq!(api.post("/api/v2.4/auth/logout/", &a, None).status, 200);
    assert_eq!(api.get("/api/v2.2/me/", &c).status, 200);
    let d = api.token("testpress");
    assert_restricted(&api.get("/api/v2.2/me/", &d));
    assert_eq!(api.post("/api/v2.4/auth/logout_devices/", &d, None).status, 200);
    assert_eq!(api.get("/api/v2.2/me/", &d).status, 200, "after signing out the others, it works");
    assert_eq!(api.get("/api/v2.2/me/", &b).status, 401);
    // A restricted session may simply sign out, too.
    let (_e, f) = (api.token("testpress"), api.token("testpress"));
    assert_restricted(&api.get("/api/v2.2/me/", &f));
    assert_eq!(api.post("/api/v2.4/auth/logout/", &f, None).status, 200);
}

#[test]
fn the_limit_and_the_nested_shape_can_be_set_at_run_time() {
    let api = Api::start();
    // Devices used earlier count as earlier sign-ins, even when seeded later.
    seed(&api, json!({"username": "testpress", "user_agent": ANDROID, "last_used_secs_ago": 86400}));
    let browser = api.token_as("testpress", CHROME_WINDOWS);
    assert_eq!(api.get("/api/v2.2/me/", &browser).status, 200, "no limit by default");
    api.control("PUT", "/__test__/settings", json!({"max_parallel_logins": 1}));
    assert_restricted(&api.get("/api/v2.2/me/", &browser));
    api.control("PUT", "/__test__/settings", json!({"restriction_shape": "nested"}));
    let r = api.get("/api/v2.2/me/", &browser);
    assert_eq!(r.status, 403);
    let detail = &r.json()["detail"];
    assert_eq!(detail["error_code"], "parallel_login_restriction");
    assert!(detail["message"].is_string() && detail["title"].is_string(), "{detail}");
    assert_eq!(api.read("/__test__/settings")["restriction_shape"], "nested");
    api.control("PUT", "/__test__/settings", json!({"max_parallel_logins": null}));
    assert_eq!(api.get("/api/v2.2/me/", &browser).status, 200, "lifted");
    assert_eq!(api.read("/api/v2.3/settings/")["enable_parallel_login_restriction"], false);
    // The institute settings themselves switch it, as on the real server.
    api.control(
        "PUT",
        "/__test__/institute-settings",
        json!({"enable_parallel_login_restriction": true, "max_parallel_logins": 1}),
    );
    assert_eq!(api.get("/api/v2.2/me/", &browser).status, 403);
}

#[test]
fn unknown_or_bad_knobs_are_refused() {
    let api = Api::start();
    for body in [
        json!({"devices_per_pages": 2}),
        json!({"devices_per_page": 0}),
        json!({"restriction_shape": "round"}),
        json!({"max_parallel_logins": 0}),
    ] {
        let r = send("PUT", &api.url("/__test__/settings"), &[], Some(&body.to_string()));
        assert_eq!(r.status, 400, "{body}");
    }
    assert_eq!(
        api.read("/__test__/settings"),
        json!({"token_ttl_secs": 604800, "devices_per_page": 20, "restriction_shape": "flat"})
    );
}

// ---- refusals as faults ----

#[test]
fn a_permission_refusal_is_a_403_that_leaves_the_session_alone() {
    let api = Api::start();
    let token = api.token("testpress");
    api.fault(json!({"path": "/api/v2.2/users/17/", "method": "PUT", "preset": "permission_denied", "times": 1}));
    let r = api.put("/api/v2.2/users/17/", &token, &json!({"city": "Madurai"}));
    assert_eq!((r.status, r.json()), (403, json!({"detail": "You do not have permission to perform this action."})));
    assert_eq!(api.get("/api/v2.2/me/", &token).json()["city"], "Chennai", "refused, nothing saved, still signed in");
    assert_eq!(api.put("/api/v2.2/users/17/", &token, &json!({"city": "Madurai"})).status, 200);
}

#[test]
fn coded_refusals_come_flat_or_nested() {
    let api = Api::start();
    for code in ["max_login_exceeded", "device_already_bound", "unauthorized_device", "parallel_login_restriction"] {
        api.fault(json!({"path": "/api/v2.2/auth-token/", "preset": code, "times": 1}));
        let r = api.sign_in("testpress", "demo1234");
        assert_eq!(r.status, 403, "{code}");
        let body = r.json();
        assert_eq!(body["error_code"], code);
        assert!(body["title"].as_str().is_some_and(|t| !t.is_empty()) && body["detail"].is_string(), "{body}");
        api.fault(json!({"path": "/api/v2.2/me/", "preset": code, "nested": true, "times": 1}));
        let nested = api.get("/api/v2.2/me/", &api.token("testpress")).json();
        assert_eq!(nested["detail"]["error_code"], code);
        assert_eq!(nested["detail"]["message"], body["detail"]);
        assert_eq!(nested["detail"]["title"], body["title"]);
    }
    let listed = {
        api.fault(json!({"path": "/api/v2.2/me/", "preset": "max_login_exceeded"}));
        api.read("/__test__/faults")
    };
    assert_eq!(listed[0]["status"], 403, "a preset is listed with what it will answer");
    let r = send("POST", &api.url("/__test__/faults"), &[], Some(r#"{"path": "/x", "preset": "nonsense"}"#));
    assert_eq!(r.status, 400);
}
