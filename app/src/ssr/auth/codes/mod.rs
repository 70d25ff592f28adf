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

mod address;
mod window;

pub use address::normalize_email;
use rand::{Rng, rngs::OsRng};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;
use window::{Counted, lock_address, lock_client};

use crate::{
    error::AppError,
    i18n::Lang,
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

fn code_hash(email: &str, code: &str) -> Vec<u8> {
    Sha256::digest(format!("{email}:{code}").as_bytes()).to_vec()
}

const TOO_MANY_CODES: &str =
    "Too many codes asked for. Please wait a few minutes, or use the last code we sent.";

/// Sends a fresh code to `email`, unless the address or the client asked too often.
pub async fn request(
    state: &AppState,
    email: &str,
    client: &str,
    lang: Lang,
) -> Result<(), AppError> {
    let pool = &state.pool;
    let email = normalize_email(email)?;

    // The client's own limit first, before waiting for the address's lock.
    let mut tx = pool.begin().await?;
    lock_client(&mut tx, client).await?;
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
    lock_address(&mut tx, &email).await?;
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
                subject: (lang.server().code_subject)(&code),
                body: (lang.server().code_body)(&code, CODE_TTL_MIN),
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
    lock_client(&mut tx, client).await?;
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
    lock_address(&mut tx, &email).await?;
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
           returning id, role as "role: Role", email, username, display_name, shops, device,
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
        shops: row.shops,
        device: row.device,
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
