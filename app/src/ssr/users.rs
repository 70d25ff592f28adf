//! Accounts in the database.

use uuid::Uuid;

use crate::model::{Role, User};

/// A `users` row as the queries select it.
pub struct UserRow {
    pub id: Uuid,
    pub role: Role,
    pub email: Option<String>,
    pub username: Option<String>,
    pub display_name: Option<String>,
}

impl From<UserRow> for User {
    fn from(row: UserRow) -> Self {
        Self {
            id: row.id.to_string(),
            role: row.role,
            email: row.email,
            username: row.username,
            display_name: row.display_name,
        }
    }
}
