//! The home page and Crema's four apps, one folder each, and the live picture of how
//! it works.

pub mod admin;
pub mod barista;
mod dev_mailbox;
pub mod display;
mod home;
pub mod how;
mod not_found;
pub mod order;

pub use dev_mailbox::DevMailbox;
pub use home::Home;
pub use not_found::NotFound;
