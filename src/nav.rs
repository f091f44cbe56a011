//! Paths inside the app: where sign-in returns the student to.

/// `next` comes from the address bar, so anyone can craft it: accept only a path of this
/// app (`/…`), never another origin (`//evil`, `/\evil`, `https:`), and never the sign-in
/// page itself.
pub fn sanitize_next(raw: Option<&str>) -> Option<String> {
    let next = raw?.trim();
    let safe = next.starts_with('/')
        && !next.starts_with("//")
        && !next.starts_with("/\\")
        && next.len() <= 2048
        && !next.chars().any(|c| c.is_control() || c == '\\')
        && next != "/login"
        && !next.starts_with("/login?")
        && !next.starts_with("/login#");
    safe.then(|| next.to_string())
}

/// Where to go after signing in.
pub fn after_sign_in(raw_next: Option<&str>) -> String {
    sanitize_next(raw_next).unwrap_or_else(|| "/me".to_string())
}

/// `/login?next=…` for the page the student is on.
pub fn login_url(current: &str) -> String {
    match sanitize_next(Some(current)) {
        Some(path) if path != "/" && path != "/me" => format!("/login?next={}", encode_component(&path)),
        _ => "/login".to_string(),
    }
}

/// Percent-encodes everything but unreserved characters (like `encodeURIComponent`).
pub fn encode_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_app_paths() {
        assert_eq!(sanitize_next(Some("/users/18")), Some("/users/18".into()));
        assert_eq!(sanitize_next(Some("/me/edit?tab=photo")), Some("/me/edit?tab=photo".into()));
        assert_eq!(after_sign_in(None), "/me");
        assert_eq!(after_sign_in(Some("/users/19")), "/users/19");
    }

    #[test]
    fn refuses_other_origins_and_loops() {
        for bad in [
            "https://evil.example/",
            "//evil.example",
            "/\\evil.example",
            "javascript:alert(1)",
            "users/18",
            "",
            "/login",
            "/login?next=/me",
            "/me\u{7}x",
            "/a\\b",
        ] {
            assert_eq!(sanitize_next(Some(bad)), None, "{bad:?}");
        }
        assert_eq!(after_sign_in(Some("//evil.example")), "/me");
        assert_eq!(sanitize_next(Some(&format!("/{}", "a".repeat(3000)))), None);
    }

    #[test]
    fn login_url_carries_the_page() {
        assert_eq!(login_url("/users/18"), "/login?next=%2Fusers%2F18");
        assert_eq!(login_url("/me/edit?x=1&y=2"), "/login?next=%2Fme%2Fedit%3Fx%3D1%26y%3D2");
        assert_eq!(login_url("/me"), "/login");
        assert_eq!(login_url("/login?next=%2Fme"), "/login");
    }
}
