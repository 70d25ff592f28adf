//! Customers sign in with a 6-digit code sent to their e-mail address.
//!
//! A code lasts [`CODE_TTL_MIN`] minutes, works once, and burns after [`MAX_ATTEMPTS`]
//! wrong tries; asking for a new one replaces the old. Requests are rate-limited per
//! address and per client.

use rand::{Rng, rngs::OsRng};
use sha2::{Digest, Sha256};
use sqlx::PgPool;

use crate::{
    error::AppError,
    model::{Role, User},
    ssr::{AppState, mail::Mail, users::UserRow},
};

pub const CODE_TTL_MIN: i32 = 10;
pub const MAX_ATTEMPTS: i32 = 5;
/// The window of the rate limits, and the limit per address in it (the limit per
/// client is a setting: [`super::AuthSettings::codes_per_client`]).
pub const RATE_WINDOW_MIN: i32 = 15;
pub const CODES_PER_ADDRESS: i64 = 5;

/// An e-mail address, trimmed and lowercased, or a 422 naming the `email` field.
pub fn normalize_email(email: &str) -> Result<String, AppError> {
    let email = email.trim().to_lowercase();
    let valid = email.len() <= 254
        && !email.chars().any(char::is_whitespace)
        && email.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains('@')
        });
    if valid {
        Ok(email)
    } else {
        Err(AppError::invalid(
            "email",
            "invalid_email",
            "That doesn't look like an e-mail address.",
        ))
    }
}

fn code_hash(email: &str, code: &str) -> Vec<u8> {
    Sha256::digest(format!("{email}:{code}").as_bytes()).to_vec()
}

/// Sends a fresh code to `email`, unless the address or the client asked too often.
pub async fn request(state: &AppState, email: &str, client: &str) -> Result<(), AppError> {
    let pool = &state.pool;
    let email = normalize_email(email)?;
    let code = format!("{:06}", OsRng.gen_range(0..1_000_000));

    let mut tx = pool.begin().await?;
    // Serialises requests for one address, so the limit holds under concurrency.
    sqlx::query!("select pg_advisory_xact_lock(hashtext($1))", email)
        .execute(&mut *tx)
        .await?;
    let counts = sqlx::query!(
        r#"select
             count(*) filter (where email = $1) as "per_address!",
             count(*) filter (where client = $2) as "per_client!"
           from sign_in_codes
           where created_at > now() - make_interval(mins => $3) and (email = $1 or client = $2)"#,
        email,
        client,
        RATE_WINDOW_MIN,
    )
    .fetch_one(&mut *tx)
    .await?;
    if counts.per_address >= CODES_PER_ADDRESS || counts.per_client >= state.auth.codes_per_client {
        return Err(AppError::rate_limited(format!(
            "Too many codes asked for. Please wait {RATE_WINDOW_MIN} minutes, or use the last code we sent."
        )));
    }
    sqlx::query!(
        "update sign_in_codes set used_at = now() where email = $1 and used_at is null",
        email
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

/// The customer behind `email`, created on first sign-in, when `code` is their latest
/// live code.
pub async fn verify(pool: &PgPool, email: &str, code: &str) -> Result<User, AppError> {
    let email = normalize_email(email)?;
    let code = code.trim();
    let wrong = || {
        AppError::new(
            401,
            "invalid_code",
            "That code is not right. Check the e-mail and try again.",
        )
        .with_field("code")
    };

    let mut tx = pool.begin().await?;
    let Some(live) = sqlx::query!(
        r#"select id, code_hash, attempts, expires_at < now() as "expired!"
           from sign_in_codes
           where email = $1 and used_at is null
           order by created_at desc
           limit 1
           for update"#,
        email,
    )
    .fetch_optional(&mut *tx)
    .await?
    else {
        return Err(AppError::new(
            401,
            "no_code",
            "There is no live code for this address. Ask for a new one.",
        ));
    };
    if live.expired {
        return Err(AppError::new(
            401,
            "code_expired",
            "That code has expired. Ask for a new one.",
        ));
    }
    if live.code_hash != code_hash(&email, code) {
        let attempts = live.attempts + 1;
        sqlx::query!(
            "update sign_in_codes
             set attempts = $2::int, used_at = case when $2::int >= $3::int then now() end
             where id = $1",
            live.id,
            attempts,
            MAX_ATTEMPTS,
        )
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        return Err(if attempts >= MAX_ATTEMPTS {
            AppError::new(
                401,
                "code_burned",
                "Too many wrong tries: that code no longer works. Ask for a new one.",
            )
        } else {
            wrong()
        });
    }

    sqlx::query!(
        "update sign_in_codes set used_at = now() where id = $1",
        live.id
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
