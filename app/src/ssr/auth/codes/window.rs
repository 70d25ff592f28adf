//! What keeps the sign-in limits exact: the steps of one client, and of one address, run
//! one at a time, and a count in the rate window says when the client may come back.

use chrono::{DateTime, Utc};
use sqlx::PgConnection;

use super::RATE_WINDOW_MIN;
use crate::error::AppError;

/// The namespaces of these advisory locks (the two-key form, apart from the
/// one-key locks elsewhere): "SA", an address; "SC", a client.
const ADDRESS_LOCKS: i32 = 0x5341;
const CLIENT_LOCKS: i32 = 0x5343;

/// Serialises the sign-in steps of one client: taken first, before its limit is counted.
pub(super) async fn lock_client(tx: &mut PgConnection, client: &str) -> sqlx::Result<()> {
    lock(tx, CLIENT_LOCKS, client).await
}

/// Serialises the sign-in steps of one address: taken once the client's limit allows.
pub(super) async fn lock_address(tx: &mut PgConnection, email: &str) -> sqlx::Result<()> {
    lock(tx, ADDRESS_LOCKS, email).await
}

async fn lock(tx: &mut PgConnection, namespace: i32, key: &str) -> sqlx::Result<()> {
    sqlx::query!(
        "select pg_advisory_xact_lock($1, hashtext($2))",
        namespace,
        key
    )
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// A count in the rate window, and the seconds until its oldest leaves the window.
pub(super) struct Counted {
    count: i64,
    retry_after_s: u64,
}

impl Counted {
    pub(super) fn new(count: i64, oldest: Option<DateTime<Utc>>, now: DateTime<Utc>) -> Self {
        let leaves = oldest.map_or(0, |oldest| {
            (oldest + chrono::Duration::minutes(RATE_WINDOW_MIN.into()) - now).num_seconds()
        });
        Self {
            count,
            retry_after_s: u64::try_from(leaves).unwrap_or(0),
        }
    }

    /// 429 once the count reached `limit`.
    pub(super) fn within(&self, limit: i64, message: &str) -> Result<(), AppError> {
        if self.count < limit {
            Ok(())
        } else {
            Err(AppError::rate_limited(self.retry_after_s, message))
        }
    }
}
