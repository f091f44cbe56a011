pub mod avatar;
pub mod error_panel;
pub mod header;
pub mod photo_editor;
pub mod profile_view;
pub mod require_auth;
pub mod skeleton;
