//! What callers send: the bodies of the JSON API, which server functions build from
//! their arguments. Each parses once, at the edge, and the same struct documents it.

use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// Starts an order with the booth screen's QR code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct StartOrder {
    pub qr_token: String,
}

/// The order's drink and the ids of its chosen options.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ChooseDrink {
    pub drink: String,
    #[serde(default)]
    pub choices: Vec<String>,
}

/// A walk-up visitor's order, as a barista takes it at the counter: the drink, its
/// options and, if they gave one, the name to call out.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct CounterOrder {
    pub drink: String,
    #[serde(default)]
    pub choices: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(max_length = 40, example = "Ada")]
    pub name: Option<String>,
}

/// A barista's step on an order, or anyone's cancel.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderAction {
    Claim,
    Release,
    Complete,
    Recall,
    /// Handed over at the counter.
    Pickup,
    Cancel,
}

impl OrderAction {
    /// The action as its endpoint names it: `claim`, `cancel`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Claim => "claim",
            Self::Release => "release",
            Self::Complete => "complete",
            Self::Recall => "recall",
            Self::Pickup => "pickup",
            Self::Cancel => "cancel",
        }
    }
}

/// The staff apps, each open to its own roles.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StaffApp {
    Barista,
    Display,
    /// The operator's console.
    Admin,
}

/// Why an order is cancelled, in words the customer reads.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct CancelOrder {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// Opens or closes a shop.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct SetOpen {
    pub open: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct CodeRequest {
    pub email: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct CodeVerification {
    pub email: String,
    pub code: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Credentials {
    pub username: String,
    pub password: String,
}

/// The most characters of the name a customer gives.
pub const MAX_CUSTOMER_NAME: usize = 40;

/// The name a customer gives, for the baristas to call out; `null` takes it away.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct NameChange {
    #[schema(min_length = 1, max_length = 40, example = "Ada")]
    pub display_name: Option<String>,
}

impl NameChange {
    /// The name as it is kept: trimmed, 1 to [`MAX_CUSTOMER_NAME`] characters on one
    /// line; `None` when it is taken away.
    pub fn checked(&self) -> Result<Option<String>, AppError> {
        let Some(name) = self.display_name.as_deref() else {
            return Ok(None);
        };
        let name = name.trim();
        let plain = !name.chars().any(char::is_control);
        if plain && (1..=MAX_CUSTOMER_NAME).contains(&name.chars().count()) {
            Ok(Some(name.to_owned()))
        } else {
            Err(AppError::invalid(
                "display_name",
                "invalid_name",
                format!("A name has 1 to {MAX_CUSTOMER_NAME} characters, on one line."),
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_one_line_of_1_to_40_characters() {
        let checked = |name: Option<&str>| {
            NameChange {
                display_name: name.map(str::to_owned),
            }
            .checked()
            .map_err(|err| err.code)
        };
        assert_eq!(checked(Some("  Ada ")), Ok(Some("Ada".to_owned())));
        assert_eq!(checked(Some("Zoë")), Ok(Some("Zoë".to_owned())));
        assert_eq!(checked(Some(&"é".repeat(40))), Ok(Some("é".repeat(40))));
        assert_eq!(checked(None), Ok(None));
        for bad in ["", "   ", "Ada\nLovelace", "A\u{0}da"] {
            assert_eq!(
                checked(Some(bad)),
                Err("invalid_name".to_owned()),
                "{bad:?}"
            );
        }
        assert_eq!(
            checked(Some(&"a".repeat(41))),
            Err("invalid_name".to_owned())
        );
    }
}
