//! The student profile app for Testpress institutes.
//!
//! Pages live in `pages/`, one file each; shared pieces in `components/`. Pages never touch
//! `localStorage` or `fetch` themselves: they go through `session` and `api`.

pub mod api;
pub mod app;
pub mod components;
pub mod config;
pub mod crop;
pub mod edit_form;
pub mod nav;
pub mod pages;
pub mod perf;
pub mod profile;
pub mod session;
pub mod token;
