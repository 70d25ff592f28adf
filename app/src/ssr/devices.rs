//! Paired screens in the database. A screen asks for a pairing: a code to show, and a
//! secret it keeps (its pairing cookie). An admin pairs the code, which makes the device's
//! account; the screen's next look with its secret signs it in, once.

use std::{
    collections::HashMap,
    sync::{LazyLock, Mutex, PoisonError},
    time::{Duration, Instant},
};

use rand::{Rng, rngs::OsRng};
use sqlx::PgPool;
use uuid::Uuid;

use super::{
    auth::sessions::{self, NewSession, hash},
    events::rfc3339,
    users::UserRow,
};
use crate::{
    error::AppError,
    model::{
        Device, NewDevice, PAIRING_ALPHABET, PAIRING_CODE_LEN, PAIRING_MINUTES, Pairing, Role,
        User, UserId, normalize_pairing_code,
    },
};

/// Pairings one client may start per [`PAIRING_MINUTES`]: a booth's screens share one
/// network address, and each start is a row.
pub const PAIRINGS_PER_CLIENT: i64 = 60;

/// How long a screen keeps its pairing cookie: a little longer than its code shows, so
/// that a screen paired in the code's last seconds still picks up its session.
pub const PAIRING_COOKIE_S: i64 = (PAIRING_MINUTES + 5) * 60;

/// A new pairing, and the secret that the screen keeps as its cookie.
pub async fn start(pool: &PgPool, client: &str) -> Result<(Pairing, String), AppError> {
    let recent = sqlx::query!(
        r#"select count(*) as "n!",
                  extract(epoch from min(created_at) + make_interval(mins => $2) - now())::int8
                      as wait_s
           from device_pairings
           where client = $1 and created_at > now() - make_interval(mins => $2)"#,
        client,
        PAIRING_MINUTES as i32,
    )
    .fetch_one(pool)
    .await?;
    if recent.n >= PAIRINGS_PER_CLIENT {
        let wait_s = recent.wait_s.unwrap_or(60).max(1);
        return Err(AppError::rate_limited(
            u64::try_from(wait_s).unwrap_or(60),
            "Too many pairing codes from this network. Try again in a few minutes.",
        ));
    }
    let secret = super::random_token::<32>();
    // A code that collides with a live one is drawn again (one in 10^12).
    loop {
        let code = new_code();
        let inserted = sqlx::query_scalar!(
            "insert into device_pairings (code, secret_hash, client, expires_at)
             values ($1, $2, $3, now() + make_interval(mins => $4))
             on conflict (code) do nothing
             returning expires_at",
            code,
            hash(&secret),
            client,
            PAIRING_MINUTES as i32,
        )
        .fetch_optional(pool)
        .await?;
        if let Some(expires_at) = inserted {
            let pairing = Pairing {
                code,
                expires_at: rfc3339(expires_at),
            };
            return Ok((pairing, secret));
        }
    }
}

fn new_code() -> String {
    (0..PAIRING_CODE_LEN)
        .map(|_| PAIRING_ALPHABET[OsRng.gen_range(0..PAIRING_ALPHABET.len())] as char)
        .collect()
}

/// Where the screen holding `secret` stands.
pub enum Progress {
    Waiting,
    /// Paired just now: the device, and the session the screen signs in with.
    Paired(User, NewSession),
}

/// Looks up the screen's pairing; once an admin paired it, starts the device's session,
/// once, in the transaction that uses the pairing up. 404 when there is none, it
/// expired, or it was used.
pub async fn progress(pool: &PgPool, secret: &str) -> Result<Progress, AppError> {
    let mut tx = pool.begin().await?;
    let row = sqlx::query!(
        r#"select device_id, expires_at > now() as "live!"
           from device_pairings
           where secret_hash = $1 and claimed_at is null
           for update"#,
        hash(secret),
    )
    .fetch_optional(&mut *tx)
    .await?
    .ok_or_else(no_pairing)?;
    let Some(device_id) = row.device_id else {
        return if row.live {
            Ok(Progress::Waiting)
        } else {
            Err(no_pairing())
        };
    };
    sqlx::query!(
        "update device_pairings set claimed_at = now() where secret_hash = $1",
        hash(secret)
    )
    .execute(&mut *tx)
    .await?;
    let user = sqlx::query_as!(
        UserRow,
        r#"select id, role as "role: Role", email, username, display_name, shops, device
           from users where id = $1 and disabled_at is null"#,
        device_id,
    )
    .fetch_optional(&mut *tx)
    .await?
    .ok_or_else(no_pairing)?;
    let session = sessions::start_in(&mut tx, device_id, sessions::DEVICE_SESSION_DAYS).await?;
    tx.commit().await?;
    Ok(Progress::Paired(user.into(), session))
}

fn no_pairing() -> AppError {
    AppError::not_found("This screen has no pairing code waiting. Ask for a new one.")
        .with_code("no_pairing")
}

/// Pairs the screen showing `input.code`: a device account, kept to its one shop. 404
/// for an unknown, expired or already used code; 422 naming the field at fault.
pub async fn pair(pool: &PgPool, input: &NewDevice) -> Result<Device, AppError> {
    let name = input.name.trim();
    if !(1..=60).contains(&name.chars().count()) {
        return Err(AppError::invalid(
            "name",
            "invalid_name",
            "A screen's name has 1 to 60 characters.",
        ));
    }
    if !matches!(input.role, Role::Barista | Role::Display) {
        return Err(AppError::invalid(
            "role",
            "invalid_role",
            "A screen is a barista tablet or a booth screen (role barista or display).",
        ));
    }
    let shop = sqlx::query_scalar!(
        "select slug from shops where slug = $1 and archived_at is null",
        input.shop
    )
    .fetch_optional(pool)
    .await?
    .ok_or_else(|| {
        AppError::invalid(
            "shop",
            "unknown_shop",
            "There is no such shop, or its event has ended.",
        )
    })?;
    let code = normalize_pairing_code(&input.code);
    let mut tx = pool.begin().await?;
    let waiting = sqlx::query_scalar!(
        "select code from device_pairings
         where code = $1 and expires_at > now() and device_id is null
         for update",
        code,
    )
    .fetch_optional(&mut *tx)
    .await?;
    if waiting.is_none() {
        return Err(AppError::not_found(
            "No screen shows this code: check it, or ask the screen for a new one.",
        )
        .with_code("unknown_pairing_code")
        .with_field("code"));
    }
    let id = sqlx::query_scalar!(
        "insert into users (role, display_name, shops, device) values ($1, $2, array[$3], true)
         returning id",
        input.role as Role,
        name,
        shop,
    )
    .fetch_one(&mut *tx)
    .await?;
    let created_at = sqlx::query_scalar!(
        "insert into devices (user_id) values ($1) returning created_at",
        id
    )
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query!(
        "update device_pairings set device_id = $2 where code = $1",
        code,
        id
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Device {
        id: UserId(id),
        name: name.to_owned(),
        role: input.role,
        shop,
        created_at: rfc3339(created_at),
        last_seen_at: None,
    })
}

/// The paired screens that have not been removed, by shop and name.
pub async fn list(pool: &PgPool) -> sqlx::Result<Vec<Device>> {
    let rows = sqlx::query!(
        r#"select u.id, u.display_name as "name!", u.role as "role: Role", u.shops[1] as "shop!",
                  d.created_at, d.last_seen_at
           from devices d join users u on u.id = d.user_id
           where u.disabled_at is null
           order by 4, 2"#
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| Device {
            id: UserId(row.id),
            name: row.name,
            role: row.role,
            shop: row.shop,
            created_at: rfc3339(row.created_at),
            last_seen_at: row.last_seen_at.map(rfc3339),
        })
        .collect())
}

/// Removes a screen: its account is disabled and its sessions end, on every instance
/// (the change to `users` tells them); what it did stays, under its name.
pub async fn remove(pool: &PgPool, id: Uuid) -> Result<(), AppError> {
    let mut tx = pool.begin().await?;
    let removed = sqlx::query!(
        "update users set disabled_at = now() where id = $1 and device and disabled_at is null",
        id
    )
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if removed == 0 {
        return Err(no_such_device());
    }
    sessions::revoke_all(&mut tx, id).await?;
    tx.commit().await?;
    Ok(())
}

pub fn no_such_device() -> AppError {
    AppError::not_found("There is no such screen.")
}

/// Notes that the device made a request: at most once a minute per device and instance,
/// in the background.
pub fn seen(pool: &PgPool, id: UserId) {
    static NOTED: LazyLock<Mutex<HashMap<UserId, Instant>>> = LazyLock::new(Mutex::default);
    let now = Instant::now();
    {
        let mut noted = NOTED.lock().unwrap_or_else(PoisonError::into_inner);
        if noted
            .get(&id)
            .is_some_and(|at| now.duration_since(*at) < Duration::from_secs(60))
        {
            return;
        }
        noted.insert(id, now);
    }
    let pool = pool.clone();
    tokio::spawn(async move {
        let seen = sqlx::query!(
            "update devices set last_seen_at = now() where user_id = $1",
            id.0
        )
        .execute(&pool)
        .await;
        if let Err(err) = seen {
            tracing::warn!(error = %err, "noting a device's last request");
        }
    });
}
