//! Paired screens: a booth screen or barista tablet signed in by a code it showed, which
//! an admin typed into the console. No password is ever typed on a TV.

use serde::{Deserialize, Serialize};

use super::{Role, UserId};

/// How long a screen shows its pairing code.
pub const PAIRING_MINUTES: i64 = 10;
/// The letters of a pairing code: no look-alikes (no 0/O, 1/I/L).
pub const PAIRING_ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
/// A pairing code's length.
pub const PAIRING_CODE_LEN: usize = 8;

/// A code a new screen shows until an admin pairs it, or it expires.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Pairing {
    pub code: String,
    pub expires_at: String,
}

/// What a screen waiting to be paired shows: its code, and the QR code of the console's
/// pairing form with that code filled in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScreenPairing {
    pub pairing: Pairing,
    /// The console's pairing form for this code.
    pub url: String,
    /// `url` as a QR code, in SVG.
    pub svg: String,
}

/// How far a screen's pairing has come.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum PairingState {
    /// Nobody has typed the code in yet.
    Waiting,
    /// Paired: this answer also signed the screen in.
    Paired { role: Role, shop: String },
}

/// The admin pairs a screen by the code it shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewDevice {
    pub code: String,
    /// What the console and the events call it, like "Screen by the door": 1 to 60
    /// characters.
    pub name: String,
    /// `barista` or `display`.
    pub role: Role,
    /// The one shop it works at.
    pub shop: String,
}

/// A paired screen, as the console lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Device {
    pub id: UserId,
    pub name: String,
    pub role: Role,
    pub shop: String,
    pub created_at: String,
    /// Its last request, to the minute.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_seen_at: Option<String>,
}

/// The query of the console's address that opens its pairing form, filled in.
pub const PAIR_QUERY: &str = "pair";

/// A code as a person typed it: letters upper-cased, spaces and dashes dropped.
pub fn normalize_pairing_code(typed: &str) -> String {
    typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .flat_map(char::to_uppercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typed_code_reads_as_shown() {
        assert_eq!(normalize_pairing_code(" abcd-efgh "), "ABCDEFGH");
        assert_eq!(normalize_pairing_code("AB CD 23 45"), "ABCD2345");
    }

    #[test]
    fn the_alphabet_has_no_look_alikes() {
        for c in b"01OIL" {
            assert!(!PAIRING_ALPHABET.contains(c), "{}", *c as char);
        }
    }
}
