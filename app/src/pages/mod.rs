//! The home page and Crema's three apps, one folder each.

pub mod barista;
mod dev_mailbox;
pub mod display;
mod home;
mod not_found;
pub mod order;

pub use dev_mailbox::DevMailbox;
pub use home::Home;
pub use not_found::NotFound;
