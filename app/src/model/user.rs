//! People and what they may do.

use serde::{Deserialize, Serialize};

use super::UserId;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Signs in with an e-mail code; orders coffee.
    Customer,
    /// Makes the coffee.
    Barista,
    /// The booth screen.
    Display,
    /// May do everything a barista or a display may, and run shops.
    Admin,
}

impl Role {
    pub fn is_staff(self) -> bool {
        self != Self::Customer
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Customer => "customer",
            Self::Barista => "barista",
            Self::Display => "display",
            Self::Admin => "admin",
        }
    }
}

/// A signed-in person, as the API shows them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct User {
    pub id: UserId,
    pub role: Role,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// The shops a barista or display account may work at; empty means every shop.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub shops: Vec<String>,
    /// A paired screen rather than a person: `display_name` is its name, `shops` its
    /// one shop.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub device: bool,
    /// A simulation's robot: it acts through the use cases, and never signs in.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub robot: bool,
}

impl User {
    /// Whether the account may work at the shop `slug`: admins everywhere, other staff
    /// at their shops (every shop when none are listed).
    pub fn works_at(&self, slug: &str) -> bool {
        self.role == Role::Admin || self.shops.is_empty() || self.shops.iter().any(|s| s == slug)
    }
}

/// A new session: its token, for `Authorization: Bearer`, and who it is for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct SignedIn {
    pub token: String,
    pub user: User,
}

impl User {
    /// How to address this person on screen.
    pub fn label(&self) -> &str {
        self.display_name
            .as_deref()
            .or(self.username.as_deref())
            .or(self.email.as_deref())
            .unwrap_or("you")
    }
}
