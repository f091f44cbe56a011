//! Helpers shared by the contract test files: plain HTTP against a stand-in of one's own.
// Each test file is its own crate and uses only some of these.
#![allow(dead_code)]

use base64::Engine;
use serde_json::{json, Value};
use std::time::Duration;
use testpress_stand_in::{spawn, Config};

pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Reply {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.body))
    }
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

pub fn agent() -> ureq::Agent {
    ureq::AgentBuilder::new().redirects(0).timeout(Duration::from_secs(30)).build()
}

pub fn send(method: &str, url: &str, headers: &[(&str, &str)], body: Option<&str>) -> Reply {
    let mut req = agent().request(method, url);
    for (n, v) in headers {
        req = req.set(n, v);
    }
    let result = match body {
        Some(b) => req.set("Content-Type", "application/json").send_string(b),
        None => req.call(),
    };
    let response = match result {
        Ok(r) => r,
        Err(ureq::Error::Status(_, r)) => r,
        Err(e) => panic!("{method} {url}: {e}"),
    };
    let status = response.status();
    let headers = response
        .headers_names()
        .into_iter()
        .map(|n| (n.clone(), response.header(&n).unwrap_or("").to_string()))
        .collect();
    let body = response.into_string().unwrap_or_default();
    Reply { status, headers, body }
}

pub struct Api {
    pub base: String,
}

impl Api {
    pub fn start() -> Api {
        Api { base: spawn(Config::for_tests()) }
    }
    pub fn with(config: Config) -> Api {
        Api { base: spawn(config) }
    }
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }
    pub fn sign_in(&self, username: &str, password: &str) -> Reply {
        send(
            "POST",
            &self.url("/api/v2.2/auth-token/"),
            &[],
            Some(&json!({"username": username, "password": password}).to_string()),
        )
    }
    pub fn token(&self, username: &str) -> String {
        let r = self.sign_in(username, "demo1234");
        assert_eq!(r.status, 200, "{}", r.body);
        r.json()["token"].as_str().expect("token").to_string()
    }
    pub fn get(&self, path: &str, token: &str) -> Reply {
        send("GET", &self.url(path), &[("Authorization", &format!("JWT {token}"))], None)
    }
    pub fn put(&self, path: &str, token: &str, body: &Value) -> Reply {
        send("PUT", &self.url(path), &[("Authorization", &format!("JWT {token}"))], Some(&body.to_string()))
    }
    pub fn fault(&self, fault: Value) {
        let r = send("POST", &self.url("/__test__/faults"), &[], Some(&fault.to_string()));
        assert_eq!(r.status, 201, "{}", r.body);
    }
}

pub fn claims_of(token: &str) -> Value {
    let payload = token.split('.').nth(1).expect("three parts");
    serde_json::from_slice(&base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(payload).unwrap()).unwrap()
}

impl Api {
    pub fn auth(token: &str) -> String {
        format!("JWT {token}")
    }
    /// Signs in as a browser or phone would, naming itself in User-Agent.
    pub fn token_as(&self, username: &str, user_agent: &str) -> String {
        let r = send(
            "POST",
            &self.url("/api/v2.2/auth-token/"),
            &[("User-Agent", user_agent)],
            Some(&json!({"username": username, "password": "demo1234"}).to_string()),
        );
        assert_eq!(r.status, 200, "{}", r.body);
        r.json()["token"].as_str().expect("token").to_string()
    }
    pub fn post(&self, path: &str, token: &str, body: Option<&str>) -> Reply {
        send("POST", &self.url(path), &[("Authorization", &Api::auth(token))], body)
    }
    /// A test-only control call that must succeed.
    pub fn control(&self, method: &str, path: &str, body: Value) -> Reply {
        let r = send(method, &self.url(path), &[], Some(&body.to_string()));
        assert!((200..300).contains(&r.status), "{method} {path}: {} {}", r.status, r.body);
        r
    }
    pub fn read(&self, path: &str) -> Value {
        let r = send("GET", &self.url(path), &[], None);
        assert_eq!(r.status, 200, "{path}: {}", r.body);
        r.json()
    }
}

pub fn base64_of(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}
