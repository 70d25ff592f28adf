//! Server-only code: the state the server hands to every request, who is calling, the
//! database, and the use cases behind the server functions and the JSON API
//! ([`usecases`]: one function per operation).

pub mod auth;
pub mod db;
pub mod document;
pub mod error;
pub mod events;
pub mod forms;
pub mod idempotency;
pub mod mail;
pub mod orders;
pub mod prune;
pub mod qr;
pub mod seed;
pub mod sequencer;
pub mod shops;
mod state;
pub mod usecases;
pub mod users;

pub use error::respond;
pub use state::AppState;
