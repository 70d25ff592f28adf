//! Staff accounts in the database, as the admin's console and the command line manage
//! them: both call these.

use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use crate::{
    error::AppError,
    model::{NewStaff, Role, Staff, StaffChanges, UserId},
    ssr::auth::{passwords, sessions},
};

struct StaffRow {
    id: Uuid,
    username: String,
    display_name: Option<String>,
    role: Role,
    disabled: bool,
    shops: Vec<String>,
}

impl From<StaffRow> for Staff {
    fn from(row: StaffRow) -> Self {
        Self {
            id: UserId(row.id),
            username: row.username,
            display_name: row.display_name,
            role: row.role,
            disabled: row.disabled,
            shops: row.shops,
        }
    }
}

/// Every staff account, by username.
pub async fn list(pool: &PgPool) -> sqlx::Result<Vec<Staff>> {
    let rows = sqlx::query_as!(
        StaffRow,
        r#"select id, username as "username!", display_name, role as "role: Role",
                  disabled_at is not null as "disabled!", shops
           from users where role <> 'customer' and not device and not robot
           order by username"#
    )
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(Staff::from).collect())
}

/// The id of the staff account called `username`.
pub async fn id_of(pool: &PgPool, username: &str) -> Result<UserId, AppError> {
    sqlx::query_scalar!(
        "select id from users where username = $1 and role <> 'customer'",
        username.trim().to_lowercase()
    )
    .fetch_optional(pool)
    .await?
    .map(UserId)
    .ok_or_else(|| AppError::not_found(format!("There is no staff account called {username}.")))
}

/// A new staff account; 409 when its username is taken, 422 naming the field at fault.
pub async fn create(pool: &PgPool, input: &NewStaff) -> Result<Staff, AppError> {
    check_display_name(input.display_name.as_deref())?;
    check_shops(pool, &input.shops).await?;
    let user = passwords::create_staff(
        pool,
        &input.username,
        input.role,
        &input.password,
        input.display_name.as_deref().map(str::trim),
    )
    .await?;
    if input.shops.is_empty() {
        return get(pool, user.id).await;
    }
    update(
        pool,
        user.id,
        &StaffChanges {
            shops: Some(input.shops.clone()),
            ..StaffChanges::default()
        },
    )
    .await
}

/// Changes the account; disabling it, a new password, role or shops end its sessions,
/// in the same transaction.
pub async fn update(pool: &PgPool, id: UserId, changes: &StaffChanges) -> Result<Staff, AppError> {
    if let Some(role) = changes.role {
        passwords::check_staff_role(role)?;
    }
    if let Some(name) = &changes.display_name {
        check_display_name(name.as_deref())?;
    }
    if let Some(shops) = &changes.shops {
        check_shops(pool, shops).await?;
    }
    let password_hash = match &changes.password {
        Some(password) => Some(passwords::hashed(password).await?),
        None => None,
    };
    let mut tx = pool.begin().await?;
    let row = sqlx::query_as!(
        StaffRow,
        r#"update users set
               display_name = case when $2 then $3 else display_name end,
               role = coalesce($4, role),
               disabled_at = case when $5::boolean is null then disabled_at
                                  when $5 then coalesce(disabled_at, now()) end,
               shops = coalesce($6, shops),
               password_hash = coalesce($7, password_hash)
           where id = $1 and role <> 'customer' and not device
           returning id, username as "username!", display_name, role as "role: Role",
                     disabled_at is not null as "disabled!", shops"#,
        id.0,
        changes.display_name.is_some(),
        changes
            .display_name
            .clone()
            .flatten()
            .map(|name| name.trim().to_owned()),
        changes.role as Option<Role>,
        changes.disabled,
        changes.shops.as_deref(),
        password_hash,
    )
    .fetch_optional(&mut *tx)
    .await?
    .ok_or_else(no_such_staff)?;
    if changes.ends_sessions() {
        sessions::revoke_all(&mut tx, id.0).await?;
    }
    tx.commit().await?;
    Ok(row.into())
}

/// Ends every session of the account.
pub async fn end_sessions(pool: &PgPool, id: UserId) -> Result<(), AppError> {
    let mut conn = pool.acquire().await?;
    get_in(&mut conn, id).await?;
    sessions::revoke_all(&mut conn, id.0).await?;
    Ok(())
}

async fn get(pool: &PgPool, id: UserId) -> Result<Staff, AppError> {
    get_in(&mut *pool.acquire().await?, id).await
}

async fn get_in(conn: &mut PgConnection, id: UserId) -> Result<Staff, AppError> {
    sqlx::query_as!(
        StaffRow,
        r#"select id, username as "username!", display_name, role as "role: Role",
                  disabled_at is not null as "disabled!", shops
           from users where id = $1 and role <> 'customer' and not device and not robot"#,
        id.0
    )
    .fetch_optional(conn)
    .await?
    .map(Staff::from)
    .ok_or_else(no_such_staff)
}

/// A staff account's id from a URL: anything but a UUID names no account.
pub fn parse_id(id: &str) -> Result<UserId, AppError> {
    id.parse().map(UserId).map_err(|_| no_such_staff())
}

fn no_such_staff() -> AppError {
    AppError::not_found("There is no such staff account.")
}

/// A name shown to colleagues: 1 to 60 characters.
fn check_display_name(name: Option<&str>) -> Result<(), AppError> {
    match name.map(|name| name.trim().chars().count()) {
        Some(0) | Some(61..) => Err(AppError::invalid(
            "display_name",
            "invalid_display_name",
            "A name has 1 to 60 characters.",
        )),
        _ => Ok(()),
    }
}

/// Every slug names a shop.
async fn check_shops(pool: &PgPool, shops: &[String]) -> Result<(), AppError> {
    let unknown = sqlx::query_scalar!(
        r#"select slug as "slug!" from unnest($1::text[]) as given (slug)
           where not exists (select from shops where shops.slug = given.slug)
           limit 1"#,
        shops
    )
    .fetch_optional(pool)
    .await?;
    match unknown {
        None => Ok(()),
        Some(slug) => Err(AppError::invalid(
            "shops",
            "unknown_shop",
            format!(
                "There is no shop called “{}”.",
                slug.chars().take(60).collect::<String>()
            ),
        )),
    }
}
