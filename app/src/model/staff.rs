//! Staff accounts as the admin manages them: who they are, their role, and the shops
//! they may work at.

use serde::{Deserialize, Serialize};

use super::{Role, UserId};

/// A staff account, as the console lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Staff {
    pub id: UserId,
    pub username: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    pub role: Role,
    /// A disabled account cannot sign in.
    pub disabled: bool,
    /// The slugs of the shops a barista or display account may work at; empty means
    /// every shop (admins always have every shop).
    pub shops: Vec<String>,
}

/// A new staff account.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewStaff {
    pub username: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    pub role: Role,
    /// At least 10 characters.
    pub password: String,
    #[serde(default)]
    pub shops: Vec<String>,
}

/// Any of a staff account's fields. Disabling it, a new password, role or shops end its
/// sessions.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StaffChanges {
    /// A new name shown to colleagues, or `null` to show the username.
    #[serde(
        default,
        deserialize_with = "super::present",
        skip_serializing_if = "Option::is_none"
    )]
    #[schema(value_type = Option<String>)]
    pub display_name: Option<Option<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disabled: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shops: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
}

impl StaffChanges {
    /// Whether the change ends the account's sessions: they were granted under what it
    /// changes.
    pub fn ends_sessions(&self) -> bool {
        self.disabled == Some(true)
            || self.password.is_some()
            || self.role.is_some()
            || self.shops.is_some()
    }
}
