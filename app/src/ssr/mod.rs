//! Server-only code: the state the server hands to every request, who is calling, the
//! database, and the use cases behind the server functions and the JSON API
//! ([`usecases`]: one function per operation).

pub mod auth;
pub mod charts;
pub mod db;
pub mod devices;
pub mod document;
pub mod error;
pub mod events;
pub mod forms;
pub mod idempotency;
pub mod language;
pub mod mail;
pub mod observe;
pub mod orders;
mod pg_enums;
pub mod prune;
pub mod qr;
pub mod reports;
pub mod robots;
pub mod seed;
pub mod sequencer;
pub mod shops;
pub mod site;
pub mod staff;
mod state;
pub mod stock;
pub mod usecases;
pub mod users;

pub use error::respond;
pub use state::AppState;

/// `N` random bytes from the system, as URL-safe text: sessions, booth codes, form keys.
pub fn random_token<const N: usize>() -> String {
    use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
    use rand::{RngCore, rngs::OsRng};

    let mut bytes = [0_u8; N];
    OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}
