//! Staff sign in with a username and password, hashed with Argon2id. Staff accounts are
//! managed from the admin's console and the server's command line (`crema staff ...`),
//! through `ssr::staff`.

use std::sync::LazyLock;

use argon2::{
    Argon2, PasswordHash, PasswordHasher, PasswordVerifier,
    password_hash::{SaltString, rand_core::OsRng},
};
use sqlx::PgPool;
use tokio::sync::OwnedSemaphorePermit;

use crate::{
    error::AppError,
    model::{Role, Staff, StaffChanges, User},
    ssr::{auth::throttle::PasswordGate, staff, users::UserRow},
};

pub const MIN_PASSWORD_LEN: usize = 10;

/// Hashing is slow on purpose; it runs off the async workers.
pub async fn hash_password(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|hash| hash.to_string())
    })
    .await
    .map_err(|err| {
        tracing::error!(error = %err, "password hashing task failed");
        AppError::internal()
    })?
    .map_err(|err| {
        tracing::error!(error = %err, "hashing a password");
        AppError::internal()
    })
}

/// Checks `password` against `hash` in `turn`, which is held until the check ends, even
/// if the request that asked for it is gone.
async fn verify_password(hash: String, password: String, turn: OwnedSemaphorePermit) -> bool {
    tokio::task::spawn_blocking(move || {
        let _turn = turn;
        PasswordHash::new(&hash).is_ok_and(|hash| {
            Argon2::default()
                .verify_password(password.as_bytes(), &hash)
                .is_ok()
        })
    })
    .await
    .unwrap_or(false)
}

/// Checked when the username is unknown, so that a wrong username takes as long as a
/// wrong password and does not reveal which accounts exist.
static DUMMY_HASH: LazyLock<String> = LazyLock::new(|| {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(b"no account has this password", &salt)
        .map(|hash| hash.to_string())
        .unwrap_or_default()
});

fn invalid_credentials() -> AppError {
    AppError::new(
        401,
        "invalid_credentials",
        "That username and password don't match an account.",
    )
}

/// Passwords longer than this are never checked (nobody types them; hashing them costs).
pub const MAX_PASSWORD_LEN: usize = 1024;

/// The staff member with these credentials, signing in from `client`: within the
/// gate's limits, which count the failures.
pub async fn login(
    pool: &PgPool,
    gate: &PasswordGate,
    username: &str,
    password: &str,
    client: &str,
) -> Result<User, AppError> {
    // What cannot be an account's username or password fails without a database query
    // or a hash, but counts against the client all the same.
    let (Ok(username), true) = (check_username(username), password.len() <= MAX_PASSWORD_LEN)
    else {
        gate.admit("", client)?;
        gate.record("", client, false);
        return Err(invalid_credentials());
    };
    gate.admit(&username, client)?;
    // A turn first: the database, too, sees no more logins at once than the checks.
    let turn = gate.turn().await?;
    // Failures counted while this one waited for its turn count against it too: a burst
    // of guesses sent at once gets no more tries than guesses sent one by one.
    gate.admit(&username, client)?;
    let row = sqlx::query!(
        r#"select id, role as "role: Role", email, username, display_name, shops, device,
                  password_hash,
                  disabled_at is not null as "disabled!"
           from users where username = $1"#,
        username,
    )
    .fetch_optional(pool)
    .await?;
    let hash = row
        .as_ref()
        .and_then(|row| row.password_hash.clone())
        .unwrap_or_else(|| DUMMY_HASH.clone());
    let matches = verify_password(hash, password.to_owned(), turn).await;
    let user = match row {
        Some(row) if matches && !row.disabled => Some(User::from(UserRow {
            id: row.id,
            role: row.role,
            email: row.email,
            username: row.username,
            display_name: row.display_name,
            shops: row.shops,
            device: row.device,
        })),
        _ => None,
    };
    gate.record(&username, client, user.is_some());
    user.ok_or_else(invalid_credentials)
}

fn check_username(username: &str) -> Result<String, AppError> {
    let username = username.trim().to_lowercase();
    let valid = (2..=40).contains(&username.len())
        && username.starts_with(|c: char| c.is_ascii_alphanumeric())
        && username
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-".contains(c));
    if valid {
        Ok(username)
    } else {
        Err(AppError::invalid(
            "username",
            "invalid_username",
            "A username has 2 to 40 letters, digits, dots, dashes or underscores.",
        ))
    }
}

fn check_password(password: &str) -> Result<(), AppError> {
    if password.chars().count() >= MIN_PASSWORD_LEN {
        Ok(())
    } else {
        Err(AppError::invalid(
            "password",
            "weak_password",
            format!("A password needs at least {MIN_PASSWORD_LEN} characters."),
        ))
    }
}

/// A staff account's role: not a customer's.
pub fn check_staff_role(role: Role) -> Result<(), AppError> {
    if role.is_staff() {
        Ok(())
    } else {
        Err(AppError::invalid(
            "role",
            "invalid_role",
            "Customers sign in by e-mail, not with a password.",
        ))
    }
}

/// The hash of a new password, once it is long enough.
pub async fn hashed(password: &str) -> Result<String, AppError> {
    check_password(password)?;
    hash_password(password.to_owned()).await
}

/// Creates a staff account.
pub async fn create_staff(
    pool: &PgPool,
    username: &str,
    role: Role,
    password: &str,
    display_name: Option<&str>,
) -> Result<User, AppError> {
    check_staff_role(role)?;
    let username = check_username(username)?;
    let password_hash = hashed(password).await?;
    sqlx::query_as!(
        UserRow,
        r#"insert into users (role, username, password_hash, display_name) values ($1, $2, $3, $4)
           returning id, role as "role: Role", email, username, display_name, shops, device"#,
        role as Role,
        username,
        password_hash,
        display_name,
    )
    .fetch_one(pool)
    .await
    .map(User::from)
    .map_err(|err| match &err {
        sqlx::Error::Database(db) if db.constraint() == Some("users_username_key") => {
            AppError::new(
                409,
                "username_taken",
                format!("There is already an account called {username}."),
            )
            .with_field("username")
        }
        _ => err.into(),
    })
}

/// Disables or re-enables a staff account; disabling ends its sessions.
pub async fn set_disabled(
    pool: &PgPool,
    username: &str,
    disabled: bool,
) -> Result<Staff, AppError> {
    let changes = StaffChanges {
        disabled: Some(disabled),
        ..StaffChanges::default()
    };
    staff::update(pool, staff::id_of(pool, username).await?, &changes).await
}

/// Sets a new password and ends the account's sessions.
pub async fn reset_password(
    pool: &PgPool,
    username: &str,
    password: &str,
) -> Result<Staff, AppError> {
    let changes = StaffChanges {
        password: Some(password.to_owned()),
        ..StaffChanges::default()
    };
    staff::update(pool, staff::id_of(pool, username).await?, &changes).await
}

/// Creates the account unless one with this username exists, which stays as it is
/// (the demo seed).
pub async fn create_staff_unless_exists(
    pool: &PgPool,
    username: &str,
    role: Role,
    password: &str,
) -> Result<(), AppError> {
    match create_staff(pool, username, role, password, None).await {
        Err(err) if err.code == "username_taken" => Ok(()),
        other => other.map(drop),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usernames_are_lowercase_and_plain() {
        assert_eq!(check_username(" Barista.1 ").as_deref(), Ok("barista.1"));
        for bad in ["a", "-lead", "bar ista", "barista!", &"x".repeat(41)] {
            assert_eq!(
                check_username(bad).map_err(|e| e.code),
                Err("invalid_username".to_owned()),
                "{bad}"
            );
        }
    }

    #[tokio::test]
    async fn a_hash_verifies_its_password_only() {
        let hash = hash_password("correct horse".to_owned())
            .await
            .expect("hashed");

        let gate = PasswordGate::new(1);
        let check = |password: &str| {
            let (hash, password) = (hash.clone(), password.to_owned());
            let gate = gate.clone();
            async move { verify_password(hash, password, gate.turn().await.expect("a turn")).await }
        };
        assert!(check("correct horse").await);
        assert!(!check("wrong horse").await);
    }
}
