//! A user's photo as five square variants, and which URLs may become an image source.

/// The five square variants, largest first; `""` when absent or not a safe http(s) URL.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Images {
    pub large: String,
    pub medium: String,
    pub small: String,
    pub x_small: String,
    pub mini: String,
}

impl Images {
    /// `(url, width)` for each variant present, smallest first.
    pub fn variants(&self) -> Vec<(&str, u32)> {
        [(&self.mini, 24), (&self.x_small, 32), (&self.small, 48), (&self.medium, 128), (&self.large, 256)]
            .into_iter()
            .filter(|(url, _)| !url.is_empty())
            .map(|(url, w)| (url.as_str(), w))
            .collect()
    }

    pub fn is_empty(&self) -> bool {
        self.variants().is_empty()
    }
}

/// Only absolute http(s) URLs may become an image source, matching the app's CSP
/// (`img-src 'self' https:`): https from anywhere, plain http only from the page's own origin
/// (`own_origin`, e.g. `http://127.0.0.1:8080` in development). `javascript:`, `data:`,
/// relative or garbage values are dropped, and the avatar shows initials instead.
pub fn safe_image_url(raw: &str, own_origin: &str) -> String {
    let url = raw.trim();
    let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
    // Compared as bytes: the URL comes from the API, and may have any text at that point.
    let (bytes, origin) = (url.as_bytes(), own_origin.as_bytes());
    let own = !origin.is_empty()
        && bytes.get(..origin.len()).is_some_and(|start| start.eq_ignore_ascii_case(origin))
        && bytes.get(origin.len()) == Some(&b'/');
    let scheme_ok = lower.starts_with("https://") || (lower.starts_with("http://") && own);
    let clean = !url.chars().any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>' | '\\'));
    let has_host = url.split("://").nth(1).is_some_and(|rest| !rest.is_empty() && !rest.starts_with('/'));
    if scheme_ok && clean && has_host && url.len() <= 2048 {
        url.to_string()
    } else {
        String::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_https_or_own_origin_image_urls_survive() {
        let own = "http://127.0.0.1:8080";
        assert_eq!(safe_image_url("https://cdn.example/a.jpeg", own), "https://cdn.example/a.jpeg");
        assert_eq!(safe_image_url("http://127.0.0.1:8080/media/a.jpeg", own), "http://127.0.0.1:8080/media/a.jpeg");
        // Multi-byte text where the origin would end: no panic, judged like any other URL.
        assert_eq!(safe_image_url("https://cdn.example/é.jpg", own), "https://cdn.example/é.jpg");
        assert_eq!(safe_image_url("http://cdn.example/ééééé.jpg", own), "");
        assert_eq!(safe_image_url("http://127.0.0.1:8080é/x", own), "");
        for bad in [
            "http://cdn.example/a.jpeg",
            "http://127.0.0.1:8000/media/a.jpeg",
            "http://127.0.0.1:8080.evil.example/a.jpeg",
            "http://127.0.0.1:8080",
            "javascript:alert(1)",
            "JAVASCRIPT:alert(1)",
            "data:image/png;base64,AAAA",
            "/media/a.jpeg",
            "https://",
            "https:///x",
            "https://a b",
            "https://a\"onerror=\"x",
            "garbage",
            "",
        ] {
            assert_eq!(safe_image_url(bad, own), "", "{bad}");
            assert_eq!(safe_image_url(bad, "https://app.example"), "", "{bad}");
        }
    }
}
