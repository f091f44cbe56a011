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

thread_local! {
    // What went wrong, while an error is on screen: it names the tab instead of the page.
    static PROBLEM: ArcRwSignal<Option<String>> = ArcRwSignal::new(None);
}

fn problem() -> ArcRwSignal<Option<String>> {
    PROBLEM.with(ArcRwSignal::clone)
}

/// Keeps `document.title` in step with `page` (tracked) while the calling page is shown,
/// or with the problem shown on it (`use_problem_title`).
pub fn use_title(page: impl Fn() -> Option<String> + 'static) {
    let problem = problem();
    Effect::new(move |_| {
        let page = problem.get().or_else(&page);
        document().set_title(&title_text(page.as_deref(), &site_name()));
    });
}

/// While the calling view is shown, the tab is named after `what` (tracked) went wrong.
pub fn use_problem_title(what: impl Fn() -> String + 'static) {
    let shown = problem();
    Effect::new({
        let shown = shown.clone();
        move |_| {
            let what = what();
            document().set_title(&title_text(Some(&what), &site_name()));
            shown.set(Some(what));
        }
    });
    on_cleanup(move || shown.set(None));
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
