//! Server-only code: the state the server hands to every request, database access and
//! the services behind the server functions.

pub mod db;
mod error;
pub mod qr;
pub mod seed;
pub mod shops;
mod state;

pub use error::respond;
pub use state::AppState;
