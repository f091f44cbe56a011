//! The student profile app for Testpress institutes.
//!
//! Pages live in `pages/`, one file each; shared pieces in `components/`. Pages never touch
//! storage or `fetch` themselves: they go through `session`, `current_profile` and `api`.

// Rendering to HTML (the build hook's prerender) nests the pages' view types deeper than
// the compiler's default allows.
#![cfg_attr(feature = "ssr", recursion_limit = "256")]

pub mod api;
pub mod api_error;
pub mod app;
pub mod brand;
pub mod components;
pub mod config;
pub mod crop;
pub mod current_profile;
pub mod device_name;
pub mod edit_form;
pub mod focus;
pub mod i18n;
pub mod institute_settings;
pub mod institute_settings_state;
pub mod iso_date;
pub mod kept_profile;
pub mod lenient;
pub mod login_activity;
pub mod nav;
pub mod network;
pub mod own_files;
pub mod page_action;
pub mod pages;
pub mod perf;
pub mod personal_data;
pub mod prerender;
pub mod profile;
pub mod route;
pub mod server_logout;
pub mod session;
pub mod storage;
pub mod title;
pub mod token;
