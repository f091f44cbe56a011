pub mod edit;
pub mod home;
pub mod login;
pub mod me;
pub mod not_found;
pub mod user;
