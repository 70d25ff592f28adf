//! The home page and Crema's three apps, one folder each.

pub mod barista;
pub mod display;
mod home;
mod not_found;
pub mod order;

pub use home::Home;
pub use not_found::NotFound;
