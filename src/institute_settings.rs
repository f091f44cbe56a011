//! The institute's own settings (`GET /api/v2.3/settings/`, no token): whether students may
//! edit their profile or photo, how "Forgot password?" works, and the sign-in form's labels.
//! The official apps obey them, so the app does too.
//!
//! Every key is optional and read on its own: a missing, odd or failed answer means the
//! defaults, which are what the app did before it knew of settings. The app holds them in
//! src/institute_settings_state.rs.

use crate::lenient::{self, Scalar};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InstituteSettings {
    pub allow_profile_edit: bool,
    pub enable_user_photo: bool,
    pub disable_forgot_password: bool,
    pub custom_forgot_password_url: Option<String>,
    pub login_label: Option<String>,
    pub login_password_label: Option<String>,
    /// Hours until a locked account unlocks itself (iOS reads a string, so both are taken).
    pub cooloff_time: Option<String>,
}

/// The answer as sent: any key of any type, each read on its own below.
#[derive(Default, Deserialize)]
#[serde(default)]
struct Wire {
    allow_profile_edit: Scalar,
    enable_user_photo: Scalar,
    disable_forgot_password: Scalar,
    custom_forgot_password_url: Scalar,
    login_label: Scalar,
    login_password_label: Scalar,
    cooloff_time: Scalar,
}

/// A short text (a label, the cool-off hours), trimmed; numbers are written as text.
fn label(value: &Scalar) -> Option<String> {
    let text = value.text();
    (!text.is_empty() && text.chars().count() <= 60 && !text.chars().any(char::is_control)).then_some(text)
}

impl From<Wire> for InstituteSettings {
    fn from(wire: Wire) -> InstituteSettings {
        InstituteSettings {
            // Only an explicit `false` turns a feature off; anything odd leaves it as it was.
            allow_profile_edit: wire.allow_profile_edit != Scalar::Bool(false),
            enable_user_photo: wire.enable_user_photo != Scalar::Bool(false),
            disable_forgot_password: wire.disable_forgot_password == Scalar::Bool(true),
            custom_forgot_password_url: wire.custom_forgot_password_url.as_str().and_then(crate::config::safe_link),
            login_label: label(&wire.login_label),
            login_password_label: label(&wire.login_password_label),
            cooloff_time: label(&wire.cooloff_time),
        }
    }
}

impl Default for InstituteSettings {
    fn default() -> Self {
        InstituteSettings {
            allow_profile_edit: true,
            enable_user_photo: true,
            disable_forgot_password: false,
            custom_forgot_password_url: None,
            login_label: None,
            login_password_label: None,
            cooloff_time: None,
        }
    }
}

/// Where "Forgot password?" leads, if anywhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PasswordHelp {
    Hidden,
    /// The app's own page, which asks the API to send a reset mail.
    InApp,
    /// Another site's page (the institute's or the deployment's).
    Link(String),
}

impl InstituteSettings {
    /// Reads an answer of the settings API (or the kept copy); anything not an object is
    /// "all defaults".
    pub fn parse(text: &str) -> InstituteSettings {
        lenient::parse::<Wire>(text).map(InstituteSettings::from).unwrap_or_default()
    }

    /// `config.json`'s `password_reset_url` wins where both speak (the deployment knows its
    /// own reset page); then the institute's switch and custom page.
    pub fn password_help(&self, configured_url: Option<&str>) -> PasswordHelp {
        match (configured_url, &self.custom_forgot_password_url) {
            (Some(url), _) => PasswordHelp::Link(url.to_string()),
            _ if self.disable_forgot_password => PasswordHelp::Hidden,
            (None, Some(url)) => PasswordHelp::Link(url.clone()),
            (None, None) => PasswordHelp::InApp,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_is_optional_and_odd_ones_fall_back() {
        assert_eq!(InstituteSettings::parse("{}"), InstituteSettings::default());
        for broken in ["", "null", "[]", "<html>", "\"x\"", "{\"allow_profile_edit\": "] {
            assert_eq!(InstituteSettings::parse(broken), InstituteSettings::default(), "{broken}");
        }
        let odd = InstituteSettings::parse(
            r#"{"allow_profile_edit": "no", "enable_user_photo": null, "disable_forgot_password": 1,
                "custom_forgot_password_url": "javascript:alert(1)", "login_label": {"x": 1},
                "login_password_label": "   ", "cooloff_time": 24, "timezone": "Asia/Kolkata"}"#,
        );
        assert_eq!(odd, InstituteSettings { cooloff_time: Some("24".into()), ..InstituteSettings::default() });
    }

    #[test]
    fn the_institute_speaks() {
        let settings = InstituteSettings::parse(
            r#"{"allow_profile_edit": false, "enable_user_photo": false, "disable_forgot_password": false,
                "custom_forgot_password_url": "https://institute.example/reset", "login_label": " Email or phone ",
                "login_password_label": "PIN", "cooloff_time": "6", "max_parallel_logins": 2}"#,
        );
        assert!(!settings.allow_profile_edit && !settings.enable_user_photo);
        assert_eq!(settings.login_label.as_deref(), Some("Email or phone"));
        assert_eq!(settings.login_password_label.as_deref(), Some("PIN"));
        assert_eq!(settings.password_help(None), PasswordHelp::Link("https://institute.example/reset".into()));
        let text = serde_json::to_string(&settings).unwrap();
        assert_eq!(InstituteSettings::parse(&text), settings, "the kept copy reads back");
    }

    #[test]
    fn forgot_password_follows_config_then_the_institute() {
        let default = InstituteSettings::default();
        assert_eq!(default.password_help(None), PasswordHelp::InApp);
        assert_eq!(default.password_help(Some("/reset")), PasswordHelp::Link("/reset".into()));
        let disabled = InstituteSettings { disable_forgot_password: true, ..default.clone() };
        assert_eq!(disabled.password_help(None), PasswordHelp::Hidden);
        assert_eq!(disabled.password_help(Some("/reset")), PasswordHelp::Link("/reset".into()));
    }
}
