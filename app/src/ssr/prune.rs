//! Tables that would only grow: what no rule reads any more is deleted, now and then,
//! by every instance's runner.

use sqlx::PgPool;

use super::auth::codes::RATE_WINDOW_MIN;

/// How many rows one pruning deleted, table by table.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Pruned {
    pub sign_in_codes: u64,
    pub sign_in_failures: u64,
    pub sessions: u64,
    pub dev_mail: u64,
    pub idempotency_keys: u64,
    pub device_pairings: u64,
}

/// Deletes sign-in codes used or expired and out of the rate limits' window, wrong
/// guesses out of it, sessions ended a day ago, and dev mail and idempotency keys older
/// than a day, and pairing codes a day past their end.
pub async fn prune(pool: &PgPool) -> sqlx::Result<Pruned> {
    let sign_in_codes = sqlx::query!(
        "delete from sign_in_codes
         where created_at < now() - make_interval(mins => $1)
           and (used_at is not null or expires_at < now())",
        RATE_WINDOW_MIN,
    )
    .execute(pool)
    .await?
    .rows_affected();
    let sign_in_failures = sqlx::query!(
        "delete from sign_in_failures where at < now() - make_interval(mins => $1)",
        RATE_WINDOW_MIN,
    )
    .execute(pool)
    .await?
    .rows_affected();
    let sessions = sqlx::query!(
        "delete from sessions where coalesce(revoked_at, expires_at) < now() - interval '1 day'"
    )
    .execute(pool)
    .await?
    .rows_affected();
    let dev_mail = sqlx::query!("delete from dev_mailbox where sent_at < now() - interval '1 day'")
        .execute(pool)
        .await?
        .rows_affected();
    let idempotency_keys = super::idempotency::forget_old(pool).await?;
    let device_pairings =
        sqlx::query!("delete from device_pairings where expires_at < now() - interval '1 day'")
            .execute(pool)
            .await?
            .rows_affected();
    Ok(Pruned {
        sign_in_codes,
        sign_in_failures,
        sessions,
        dev_mail,
        idempotency_keys,
        device_pairings,
    })
}
