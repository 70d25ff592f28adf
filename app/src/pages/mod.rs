//! The home page and Crema's four apps, one folder each.

pub mod admin;
pub mod barista;
mod dev_mailbox;
pub mod display;
mod home;
mod not_found;
pub mod order;

pub use dev_mailbox::DevMailbox;
pub use home::Home;
pub use not_found::NotFound;
