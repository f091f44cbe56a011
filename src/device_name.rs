//! What a sign-in's user agent says, as a person reads it: the browser (or app) and the
//! system, e.g. "Chrome" and "Windows". The server sends either a raw `User-Agent` header or
//! one it has already summarised as `device / system / browser` ("Generic Smartphone /
//! Android / okhttp 3.4.1"); both are read. No regex: a few substring checks in the order
//! that keeps look-alikes apart (every Chromium browser also says "Chrome", every browser on
//! an iPhone also says "Safari").

/// The names found in a user agent; either may be unknown.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DeviceName {
    pub browser: Option<String>,
    pub system: Option<String>,
}

/// At most this many characters of a name come from the server (names are shown as text,
/// never as markup, but a long one would break the list's layout).
const MAX_NAME: usize = 40;

pub fn describe(user_agent: &str) -> DeviceName {
    let parts: Vec<&str> = user_agent.split(" / ").map(str::trim).collect();
    if let [_device, system, browser] = parts.as_slice() {
        return DeviceName { browser: summarised_browser(browser), system: summarised(system) };
    }
    DeviceName { browser: browser(user_agent).map(str::to_string), system: system(user_agent).map(str::to_string) }
}

/// A summarised part, unless it says nothing ("Other", "Generic Smartphone").
fn summarised(part: &str) -> Option<String> {
    let part = part.trim();
    let empty = part.is_empty() || part.eq_ignore_ascii_case("other") || part.eq_ignore_ascii_case("unknown");
    (!empty).then(|| part.chars().take(MAX_NAME).collect())
}

/// The browser part without its version ("Chrome 120.0.1" → "Chrome"); the Android SDK's
/// HTTP client is the Testpress app.
fn summarised_browser(part: &str) -> Option<String> {
    let name = part.split_whitespace().take_while(|w| !w.starts_with(|c: char| c.is_ascii_digit())).collect::<Vec<_>>();
    let name = name.join(" ");
    if name.eq_ignore_ascii_case("okhttp") || name.eq_ignore_ascii_case("dalvik") {
        return Some("Testpress app".into());
    }
    summarised(&name)
}

fn browser(ua: &str) -> Option<&'static str> {
    let has = |needle: &str| ua.contains(needle);
    Some(if has("okhttp") || has("Dalvik") {
        "Testpress app"
    } else if has("Edg/") || has("EdgA/") || has("EdgiOS/") {
        "Edge"
    } else if has("OPR/") || has("Opera") {
        "Opera"
    } else if has("SamsungBrowser/") {
        "Samsung Internet"
    } else if has("Firefox/") || has("FxiOS/") {
        "Firefox"
    } else if has("CriOS/") || has("Chrome/") || has("Chromium/") {
        "Chrome"
    } else if has("Safari/") && has("Version/") {
        "Safari"
    } else {
        return None;
    })
}

fn system(ua: &str) -> Option<&'static str> {
    let has = |needle: &str| ua.contains(needle);
    Some(if has("iPhone") || has("iPad") || has("iPod") || has("iOS") {
        "iOS"
    } else if has("Android") {
        "Android"
    } else if has("Windows") {
        "Windows"
    } else if has("CrOS") {
        "ChromeOS"
    } else if has("Mac OS X") || has("Macintosh") {
        "macOS"
    } else if has("Linux") || has("X11") {
        "Linux"
    } else {
        return None;
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(ua: &str) -> (Option<String>, Option<String>) {
        let d = describe(ua);
        (d.browser, d.system)
    }

    fn both(browser: &str, system: &str) -> (Option<String>, Option<String>) {
        (Some(browser.into()), Some(system.into()))
    }

    #[test]
    fn raw_user_agents() {
        let chrome_windows = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36";
        assert_eq!(names(chrome_windows), both("Chrome", "Windows"));
        let edge = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.0.0";
        assert_eq!(names(edge), both("Edge", "Windows"));
        let safari_iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1";
        assert_eq!(names(safari_iphone), both("Safari", "iOS"));
        let chrome_iphone = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/120.0 Mobile/15E148 Safari/604.1";
        assert_eq!(names(chrome_iphone), both("Chrome", "iOS"));
        let firefox_linux = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";
        assert_eq!(names(firefox_linux), both("Firefox", "Linux"));
        let samsung = "Mozilla/5.0 (Linux; Android 13; SM-S911B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/23.0 Chrome/115.0.0.0 Mobile Safari/537.36";
        assert_eq!(names(samsung), both("Samsung Internet", "Android"));
        let mac_safari = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15";
        assert_eq!(names(mac_safari), both("Safari", "macOS"));
        assert_eq!(names("okhttp/4.9.0"), (Some("Testpress app".into()), None));
        assert_eq!(names(""), (None, None));
        assert_eq!(names("curl/8.0"), (None, None));
    }

    #[test]
    fn summaries_from_the_server() {
        assert_eq!(names("Generic Smartphone / Android / okhttp 3.4.1"), both("Testpress app", "Android"));
        assert_eq!(names("PC / Windows 10 / Chrome 120.0.0"), both("Chrome", "Windows 10"));
        assert_eq!(names("Other / Other / Other"), (None, None));
        let long = format!("PC / {} / Chrome", "x".repeat(500));
        assert_eq!(describe(&long).system.map(|s| s.chars().count()), Some(MAX_NAME));
    }
}
