//! What callers send: the bodies of the JSON API, which server functions build from
//! their arguments. Each parses once, at the edge, and the same struct documents it.

use serde::{Deserialize, Serialize};

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
