//! Sessions: a random token given to the client, its hash kept here.

use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use super::session_cache::SessionCache;
use crate::{
    model::{Role, User},
    ssr::users::UserRow,
};

/// How long a session lasts: a conference, with room to spare.
pub const SESSION_DAYS: i64 = 14;
/// How long a paired screen's session lasts: until it is removed, in practice.
pub const DEVICE_SESSION_DAYS: i64 = 10 * 365;

/// The SHA-256 of a session token: what the database knows of it.
pub type TokenHash = Vec<u8>;

pub fn hash(token: &str) -> TokenHash {
    Sha256::digest(token.as_bytes()).to_vec()
}

pub struct NewSession {
    /// Given to the client once; never stored.
    pub token: String,
    pub expires_at: DateTime<Utc>,
}

impl NewSession {
    pub fn max_age_s(&self) -> i64 {
        (self.expires_at - Utc::now()).num_seconds().max(0)
    }
}

/// A session of [`SESSION_DAYS`].
pub async fn start(pool: &PgPool, user_id: Uuid) -> sqlx::Result<NewSession> {
    start_lasting(pool, user_id, SESSION_DAYS).await
}

pub async fn start_lasting(pool: &PgPool, user_id: Uuid, days: i64) -> sqlx::Result<NewSession> {
    start_in(&mut *pool.acquire().await?, user_id, days).await
}

/// A session of `days`, in the caller's transaction.
pub async fn start_in(
    conn: &mut PgConnection,
    user_id: Uuid,
    days: i64,
) -> sqlx::Result<NewSession> {
    let token = crate::ssr::random_token::<32>();
    let expires_at = sqlx::query_scalar!(
        "insert into sessions (token_hash, user_id, expires_at)
         values ($1, $2, now() + make_interval(days => $3))
         returning expires_at",
        hash(&token),
        user_id,
        days as i32,
    )
    .fetch_one(conn)
    .await?;
    Ok(NewSession { token, expires_at })
}

/// The user of a live session: not revoked, not expired, account not disabled.
pub async fn find(
    pool: &PgPool,
    cache: &SessionCache,
    token: &str,
) -> sqlx::Result<Option<(User, TokenHash)>> {
    let token_hash = hash(token);
    let ticket = match cache.get(&token_hash) {
        Ok(user) => return Ok(Some((user, token_hash))),
        Err(ticket) => ticket,
    };
    let Some(row) = sqlx::query!(
        r#"select u.id, u.role as "role: Role", u.email, u.username, u.display_name, u.shops,
                  u.device,
                  s.expires_at
           from sessions s join users u on u.id = s.user_id
           where s.token_hash = $1 and s.revoked_at is null and s.expires_at > now()
             and u.disabled_at is null"#,
        token_hash,
    )
    .fetch_optional(pool)
    .await?
    else {
        return Ok(None);
    };
    let user = User::from(UserRow {
        id: row.id,
        role: row.role,
        email: row.email,
        username: row.username,
        display_name: row.display_name,
        shops: row.shops,
        device: row.device,
    });
    cache.keep(ticket, token_hash.clone(), user.clone(), row.expires_at);
    Ok(Some((user, token_hash)))
}

pub async fn revoke(pool: &PgPool, token_hash: &[u8]) -> sqlx::Result<()> {
    sqlx::query!(
        "update sessions set revoked_at = now() where token_hash = $1 and revoked_at is null",
        token_hash
    )
    .execute(pool)
    .await?;
    Ok(())
}

/// Ends every session of a user, as when their account is disabled or its password reset.
pub async fn revoke_all(conn: &mut PgConnection, user_id: Uuid) -> sqlx::Result<u64> {
    let done = sqlx::query!(
        "update sessions set revoked_at = now() where user_id = $1 and revoked_at is null",
        user_id
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

/// Until when a session works, if it still does: not revoked, not expired, its account
/// not disabled.
pub async fn live_until(pool: &PgPool, token_hash: &[u8]) -> sqlx::Result<Option<DateTime<Utc>>> {
    sqlx::query_scalar!(
        "select s.expires_at from sessions s join users u on u.id = s.user_id
         where s.token_hash = $1 and s.revoked_at is null and s.expires_at > now()
           and u.disabled_at is null",
        token_hash
    )
    .fetch_optional(pool)
    .await
}
