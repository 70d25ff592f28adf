use serde::{Deserialize, Serialize};

/// A message in the dev mailbox, where dev mode delivers mail instead of sending it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct DevMail {
    pub to: String,
    pub subject: String,
    pub body: String,
    /// The sign-in code the message carries, for tests and demos.
    pub code: Option<String>,
    /// RFC 3339, UTC.
    pub sent_at: String,
}
