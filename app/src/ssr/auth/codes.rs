//! Customers sign in with a 6-digit code sent to their e-mail address.
//!
//! A code lasts [`CODE_TTL_MIN`] minutes and works once; asking for a new one replaces
//! the old. Every limit is counted per client as well as per address, so that nobody
//! can keep another person from signing in: a client may ask for
//! [`CODES_PER_ADDRESS`] codes per address (an address gets [`CODES_PER_ADDRESS_ALL`]
//! from all clients together), its new code replaces only its own, and its
//! [`MAX_ATTEMPTS`] wrong guesses burn only the codes it asked for. Beyond that, a client
//! may ask for codes and guess wrong [`super::AuthSettings::codes_per_client`] times
//! each per window, and an address's codes all burn after [`MAX_ATTEMPTS_PER_ADDRESS`]
//! wrong guesses from anyone. One client's steps, and one address's, run one at a time,
//! so the counts hold under concurrency.

use chrono::{DateTime, Utc};
use rand::{Rng, rngs::OsRng};
use sha2::{Digest, Sha256};
use sqlx::PgConnection;
use subtle::ConstantTimeEq;

use crate::{
    error::AppError,
    model::{Role, User},
    ssr::{AppState, mail::Mail, users::UserRow},
};

pub const CODE_TTL_MIN: i32 = 10;
/// Wrong guesses one client may make at an address's codes before the codes it asked
/// for burn.
pub const MAX_ATTEMPTS: i64 = 5;
/// Wrong guesses at an address from all clients, within a code's life, before every
/// code of the address burns.
pub const MAX_ATTEMPTS_PER_ADDRESS: i64 = 50;
/// The window of the rate limits.
pub const RATE_WINDOW_MIN: i32 = 15;
/// Codes one client may ask for one address in the window (the limit per client over
/// all addresses is a setting: [`super::AuthSettings::codes_per_client`]).
pub const CODES_PER_ADDRESS: i64 = 5;
/// Codes an address gets in the window, whoever asks.
pub const CODES_PER_ADDRESS_ALL: i64 = 20;

/// The namespaces of this module's advisory locks (the two-key form, apart from the
/// one-key locks elsewhere): "SA", an address; "SC", a client.
const ADDRESS_LOCKS: i32 = 0x5341;
const CLIENT_LOCKS: i32 = 0x5343;

/// An e-mail address in the plain `local@domain` form, lowercased; a 422 naming the
/// `email` field otherwise. Display names, `<…>`, quotes, comments and non-ASCII are
/// refused, so that one mailbox is one customer.
pub fn normalize_email(email: &str) -> Result<String, AppError> {
    let email = email.trim();
    let atom = |atom: &str| {
        !atom.is_empty()
            && atom
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+/=?^_`{|}~-".contains(c))
    };
    let label = |label: &str| {
        (1..=63).contains(&label.len())
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    };
    let plain = email.len() <= 254
        && email.split_once('@').is_some_and(|(local, domain)| {
            local.len() <= 64
                && local.split('.').all(atom)
                && domain.contains('.')
                && domain.split('.').all(label)
        });
    if plain {
        Ok(email.to_ascii_lowercase())
    } else {
        Err(AppError::invalid(
            "email",
            "invalid_email",
            "That doesn't look like an e-mail address (like ada@example.org).",
        ))
    }
}

fn code_hash(email: &str, code: &str) -> Vec<u8> {
    Sha256::digest(format!("{email}:{code}").as_bytes()).to_vec()
}

/// Serialises the sign-in steps of one client or one address (`namespace`), so that
/// their limits hold under concurrency. A step takes its client's lock, counts the
/// client's limit, then takes the address's.
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
struct Counted {
    count: i64,
    retry_after_s: u64,
}

impl Counted {
    fn new(count: i64, oldest: Option<DateTime<Utc>>, now: DateTime<Utc>) -> Self {
        let leaves = oldest.map_or(0, |oldest| {
            (oldest + chrono::Duration::minutes(RATE_WINDOW_MIN.into()) - now).num_seconds()
        });
        Self {
            count,
            retry_after_s: u64::try_from(leaves).unwrap_or(0),
        }
    }

    /// 429 once the count reached `limit`.
    fn within(&self, limit: i64, message: &str) -> Result<(), AppError> {
        if self.count < limit {
            Ok(())
        } else {
            Err(AppError::rate_limited(self.retry_after_s, message))
        }
    }
}

const TOO_MANY_CODES: &str =
    "Too many codes asked for. Please wait a few minutes, or use the last code we sent.";

/// Sends a fresh code to `email`, unless the address or the client asked too often.
pub async fn request(state: &AppState, email: &str, client: &str) -> Result<(), AppError> {
    let pool = &state.pool;
    let email = normalize_email(email)?;

    // The client's own limit first, before waiting for the address's lock.
    let mut tx = pool.begin().await?;
    lock(&mut tx, CLIENT_LOCKS, client).await?;
    let by_client = sqlx::query!(
        r#"select count(*) as "count!", min(created_at) as oldest, now() as "now!"
           from sign_in_codes
           where client = $1 and created_at > now() - make_interval(mins => $2)"#,
        client,
        RATE_WINDOW_MIN,
    )
    .fetch_one(&mut *tx)
    .await?;
    Counted::new(by_client.count, by_client.oldest, by_client.now)
        .within(state.auth.codes_per_client, TOO_MANY_CODES)?;
    lock(&mut tx, ADDRESS_LOCKS, &email).await?;
    let by_address = sqlx::query!(
        r#"select count(*) as "all!",
                  count(*) filter (where client = $2) as "this_client!",
                  min(created_at) as oldest,
                  min(created_at) filter (where client = $2) as oldest_of_client,
                  now() as "now!"
           from sign_in_codes
           where email = $1 and created_at > now() - make_interval(mins => $3)"#,
        email,
        client,
        RATE_WINDOW_MIN,
    )
    .fetch_one(&mut *tx)
    .await?;
    let now = by_address.now;
    Counted::new(by_address.this_client, by_address.oldest_of_client, now)
        .within(CODES_PER_ADDRESS, TOO_MANY_CODES)?;
    Counted::new(by_address.all, by_address.oldest, now)
        .within(CODES_PER_ADDRESS_ALL, TOO_MANY_CODES)?;

    let code = format!("{:06}", OsRng.gen_range(0..1_000_000));
    sqlx::query!(
        "update sign_in_codes set used_at = now()
         where email = $1 and client = $2 and used_at is null",
        email,
        client,
    )
    .execute(&mut *tx)
    .await?;
    sqlx::query!(
        "insert into sign_in_codes (email, code_hash, client, expires_at)
         values ($1, $2, $3, now() + make_interval(mins => $4))",
        email,
        code_hash(&email, &code),
        client,
        CODE_TTL_MIN,
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;

    state
        .mailer
        .send(
            pool,
            Mail {
                to: email,
                subject: format!("Your Crema code: {code}"),
                body: format!(
                    "Your code to sign in to Crema is {code}.\n\n\
                     It works once, for {CODE_TTL_MIN} minutes. If you did not ask for it, ignore this message."
                ),
                code: Some(code),
            },
        )
        .await
}

/// The customer behind `email`, created on first sign-in, when `code` is one of the
/// address's live codes and `client` has not guessed wrong too often.
pub async fn verify(
    state: &AppState,
    email: &str,
    code: &str,
    client: &str,
) -> Result<User, AppError> {
    let email = normalize_email(email)?;
    let hash = code_hash(&email, code.trim());

    let mut tx = state.pool.begin().await?;
    lock(&mut tx, CLIENT_LOCKS, client).await?;
    let wrong_by_client = sqlx::query!(
        r#"select count(*) as "count!", min(at) as oldest, now() as "now!"
           from sign_in_failures
           where client = $1 and at > now() - make_interval(mins => $2)"#,
        client,
        RATE_WINDOW_MIN,
    )
    .fetch_one(&mut *tx)
    .await?;
    Counted::new(
        wrong_by_client.count,
        wrong_by_client.oldest,
        wrong_by_client.now,
    )
    .within(
        state.auth.codes_per_client,
        "Too many wrong codes. Please wait a few minutes and try again.",
    )?;
    lock(&mut tx, ADDRESS_LOCKS, &email).await?;
    let live = sqlx::query!(
        r#"select id, code_hash, client, expires_at < now() as "expired!"
           from sign_in_codes
           where email = $1 and used_at is null
           order by created_at desc"#,
        email,
    )
    .fetch_all(&mut *tx)
    .await?;
    if live.is_empty() {
        return Err(AppError::new(
            401,
            "no_code",
            "There is no live code for this address. Ask for a new one.",
        ));
    }
    // This client's wrong guesses since it last asked for a code (within a code's life
    // when it never did), and everyone's.
    let wrong = sqlx::query!(
        r#"select count(*) filter (
                      where client = $2
                        and at > coalesce(
                            (select max(created_at) from sign_in_codes
                             where email = $1 and client = $2),
                            now() - make_interval(mins => $3))
                  ) as "this_client!",
                  count(*) as "all!"
           from sign_in_failures
           where email = $1 and at > now() - make_interval(mins => $3)"#,
        email,
        client,
        CODE_TTL_MIN,
    )
    .fetch_one(&mut *tx)
    .await?;
    if wrong.this_client >= MAX_ATTEMPTS {
        return Err(code_burned());
    }
    let Some(matched) = live
        .iter()
        .find(|row| bool::from(row.code_hash.ct_eq(&hash)))
    else {
        sqlx::query!(
            "insert into sign_in_failures (email, client) values ($1, $2)",
            email,
            client
        )
        .execute(&mut *tx)
        .await?;
        let burned = wrong.this_client + 1 >= MAX_ATTEMPTS;
        let all_burned = wrong.all + 1 >= MAX_ATTEMPTS_PER_ADDRESS;
        if burned || all_burned {
            sqlx::query!(
                "update sign_in_codes set used_at = now()
                 where email = $1 and used_at is null and ($2 or client = $3)",
                email,
                all_burned,
                client,
            )
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        return Err(if burned {
            code_burned()
        } else {
            AppError::new(
                401,
                "invalid_code",
                "That code is not right. Check the e-mail and try again.",
            )
            .with_field("code")
        });
    };
    if matched.expired {
        return Err(AppError::new(
            401,
            "code_expired",
            "That code has expired. Ask for a new one.",
        ));
    }

    // Signed in: every code of the address is spent.
    sqlx::query!(
        "update sign_in_codes set used_at = now() where email = $1 and used_at is null",
        email
    )
    .execute(&mut *tx)
    .await?;
    // The no-op update makes `returning` give back the existing row too.
    let row = sqlx::query!(
        r#"insert into users (role, email) values ('customer', $1)
           on conflict (email) do update set email = excluded.email
           returning id, role as "role: Role", email, username, display_name,
                     disabled_at is not null as "disabled!""#,
        email,
    )
    .fetch_one(&mut *tx)
    .await?;
    if row.disabled {
        return Err(account_disabled());
    }
    tx.commit().await?;
    Ok(UserRow {
        id: row.id,
        role: row.role,
        email: row.email,
        username: row.username,
        display_name: row.display_name,
    }
    .into())
}

fn code_burned() -> AppError {
    AppError::new(
        401,
        "code_burned",
        "Too many wrong tries: that code no longer works. Ask for a new one.",
    )
}

pub fn account_disabled() -> AppError {
    AppError::forbidden("This account is disabled. Please ask at the booth.")
        .with_code("account_disabled")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_addresses() {
        assert_eq!(
            normalize_email("  Ada@Example.ORG ").as_deref(),
            Ok("ada@example.org")
        );
    }

    #[test]
    fn refuses_what_is_not_an_address() {
        for bad in [
            "",
            "ada",
            "ada@",
            "@example.org",
            "ada@example",
            "a da@example.org",
            "ada@.org",
            "a@b@c.org",
            "<v@x.io>",
            "a<v@x.io>",
            "b <v@x.io>",
            "\"v\"@x.io",
            "v@x.io (work)",
            "v..w@x.io",
            ".v@x.io",
            "v@-x.io",
            "v\0@x.io",
            "zoë@x.io",
        ] {
            let err = normalize_email(bad).expect_err(bad);
            assert_eq!(
                (err.status, err.field.as_deref()),
                (422, Some("email")),
                "{bad}"
            );
        }
    }
}
