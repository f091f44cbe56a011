//! What the build hook (scripts/post-build.mjs) needs to know of a `config.json`, worked out
//! by the app's own Rust: the API origin for the Content-Security-Policy, the institute's
//! name, logo and colours for the prerendered pages, the reset link, and the app's page
//! list for the service worker. So no rule is written twice, in Rust and in JavaScript.
//!
//!   build-facts [CONFIG_JSON]    (a missing file: the defaults)
//!
//! Prints one JSON object on stdout; what was wrong with config.json goes to stderr.

use serde::Serialize;
use testpress_profile::brand::Palette;
use testpress_profile::config;
use testpress_profile::route::Route;

#[derive(Serialize)]
struct Facts {
    /// `""` for the page's own origin, else the API's origin (the policy's `connect-src`).
    api_origin: String,
    institute_name: Option<String>,
    institute_logo: Option<String>,
    /// The custom properties the institute's colour sets, `[name, value]`; empty without one.
    brand_properties: Vec<(&'static str, String)>,
    /// The accent, for `<meta name=theme-color>`.
    theme_color: Option<String>,
    password_reset_url: Option<String>,
    /// `[pattern, file]`: each page and the file that opens it (`Route::PAGES`).
    pages: Vec<(&'static str, &'static str)>,
}

fn main() {
    let text = std::env::args().nth(1).and_then(|path| std::fs::read_to_string(path).ok()).unwrap_or_default();
    let (config, problems) = config::parse(&text);
    for problem in problems {
        eprintln!("config.json: {problem}");
    }
    let palette = config.institute.color.map(Palette::from_accent);
    let facts = Facts {
        api_origin: config.api_base,
        institute_name: config.institute.name,
        institute_logo: config.institute.logo,
        brand_properties: palette.as_ref().map(|p| p.properties().to_vec()).unwrap_or_default(),
        theme_color: palette.map(|p| p.accent.hex()),
        password_reset_url: config.password_reset_url,
        pages: Route::PAGES.to_vec(),
    };
    match serde_json::to_string(&facts) {
        Ok(json) => println!("{json}"),
        Err(e) => {
            eprintln!("build-facts: {e}");
            std::process::exit(1);
        }
    }
}
