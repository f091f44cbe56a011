//! The document's title: the page and who it is about, then the institute's name, so tabs
//! and history entries say where they lead. Follows the data and the language.

use crate::config;
use crate::i18n::{t, Msg};
use leptos::prelude::*;

/// The name the app goes by: the institute's, else the app's own.
pub fn site_name() -> String {
    config::get().institute.name.clone().unwrap_or_else(|| t(Msg::AppName))
}

/// `page` — then the site's name, e.g. "Divya — My profile · Chennai IAS Academy".
pub fn title_text(page: Option<&str>, site: &str) -> String {
    match page {
        Some(page) if !page.is_empty() => [page, " · ", site].concat(),
        _ => site.to_string(),
    }
}

/// Keeps `document.title` in step with `page` (tracked) while the calling page is shown.
pub fn use_title(page: impl Fn() -> Option<String> + 'static) {
    Effect::new(move |_| document().set_title(&title_text(page().as_deref(), &site_name())));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_name_the_page_then_the_site() {
        assert_eq!(title_text(Some("Sign in"), "Testpress Profile"), "Sign in · Testpress Profile");
        assert_eq!(title_text(None, "Chennai IAS Academy"), "Chennai IAS Academy");
        assert_eq!(title_text(Some(""), "Chennai IAS Academy"), "Chennai IAS Academy");
    }
}
