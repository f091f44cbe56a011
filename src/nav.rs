//! Where sign-in returns the student to, and the sign-in page that leads back here.

use crate::route::Route;

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
        && !matches!(Route::of_href(next), Some(Route::Login { .. }));
    safe.then(|| next.to_string())
}

/// Where to go after signing in.
pub fn after_sign_in(raw_next: Option<&str>) -> String {
    sanitize_next(raw_next).unwrap_or_else(|| Route::Me.href())
}

/// Sign-in, to come back to `current` (path and query) afterwards; the profile needs no `next`.
pub fn sign_in_for(current: &str) -> Route {
    let next =
        sanitize_next(Some(current)).filter(|path| !matches!(Route::of_href(path), Some(Route::Home | Route::Me)));
    Route::Login { next }
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
            "/login/",
            "/login?next=/me",
            "/login#top",
            "/me\u{7}x",
            "/a\\b",
        ] {
            assert_eq!(sanitize_next(Some(bad)), None, "{bad:?}");
        }
        assert_eq!(after_sign_in(Some("//evil.example")), "/me");
        assert_eq!(sanitize_next(Some(&format!("/{}", "a".repeat(3000)))), None);
    }

    #[test]
    fn sign_in_carries_the_page() {
        let login = |next: Option<&str>| Route::Login { next: next.map(String::from) };
        assert_eq!(sign_in_for("/users/18"), login(Some("/users/18")));
        assert_eq!(sign_in_for("/me/edit?x=1&y=2"), login(Some("/me/edit?x=1&y=2")));
        assert_eq!(sign_in_for("/me"), login(None));
        assert_eq!(sign_in_for("/me/"), login(None));
        assert_eq!(sign_in_for("/"), login(None));
        assert_eq!(sign_in_for("/login?next=%2Fme"), login(None));
    }
}
