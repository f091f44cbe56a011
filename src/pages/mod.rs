pub mod devices;
pub mod edit;
pub mod forgot_password;
pub mod home;
pub mod login;
pub mod me;
pub mod not_found;
pub mod user;
