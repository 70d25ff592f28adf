//! Accounts in the database.

use uuid::Uuid;

use crate::model::{Role, User, UserId};

/// A `users` row as the queries select it.
pub struct UserRow {
    pub id: Uuid,
    pub role: Role,
    pub email: Option<String>,
    pub username: Option<String>,
    pub display_name: Option<String>,
    pub shops: Vec<String>,
    pub device: bool,
}

impl From<UserRow> for User {
    fn from(row: UserRow) -> Self {
        Self {
            id: UserId(row.id),
            role: row.role,
            email: row.email,
            username: row.username,
            display_name: row.display_name,
            shops: row.shops,
            device: row.device,
            // Robots never sign in: what sessions and sign-ins read is a person.
            robot: false,
        }
    }
}

/// How a staff member is called: their display name, else their username.
pub async fn name(conn: &mut sqlx::PgConnection, id: UserId) -> sqlx::Result<Option<String>> {
    let name = sqlx::query_scalar!(
        "select coalesce(display_name, username) from users where id = $1",
        id.0
    )
    .fetch_optional(conn)
    .await?;
    Ok(name.flatten())
}

/// What the baristas' board calls each staff member: id and name.
pub async fn staff_names(pool: &sqlx::PgPool) -> sqlx::Result<Vec<(UserId, String)>> {
    let rows = sqlx::query!(
        r#"select id, coalesce(display_name, username, 'staff') as "name!"
           from users where role <> 'customer'
           order by 2"#
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| (UserId(row.id), row.name))
        .collect())
}

/// A new account for a visitor who orders at the counter, called by `name` if they gave
/// one: a customer who never signs in.
pub async fn walk_up(tx: &mut sqlx::PgConnection, name: Option<&str>) -> sqlx::Result<User> {
    let id = sqlx::query_scalar::<_, Uuid>(
        "insert into users (role, display_name, walk_up) values ('customer', $1, true)
         returning id",
    )
    .bind(name)
    .fetch_one(tx)
    .await?;
    Ok(User {
        id: UserId(id),
        role: Role::Customer,
        email: None,
        username: None,
        display_name: name.map(str::to_owned),
        shops: Vec::new(),
        device: false,
        robot: false,
    })
}

/// Gives a customer the name the baristas call out, or takes it away.
pub async fn rename_customer(
    pool: &sqlx::PgPool,
    id: UserId,
    name: Option<&str>,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update users set display_name = $2 where id = $1 and role = 'customer'",
        id.0,
        name,
    )
    .execute(pool)
    .await?;
    Ok(())
}

/// Erases a customer's account: their e-mail address and name, the mail and codes sent
/// to it, and their sessions. Their orders stay, anonymous.
pub async fn erase_customer(pool: &sqlx::PgPool, id: UserId) -> sqlx::Result<()> {
    let mut tx = pool.begin().await?;
    let email = sqlx::query_scalar!(
        "select email from users where id = $1 and role = 'customer' for update",
        id.0
    )
    .fetch_optional(&mut *tx)
    .await?
    .flatten();
    sqlx::query!(
        "update users set email = null, display_name = null, erased_at = now() where id = $1",
        id.0
    )
    .execute(&mut *tx)
    .await?;
    if let Some(email) = email {
        sqlx::query!("delete from dev_mailbox where recipient = $1", email)
            .execute(&mut *tx)
            .await?;
        sqlx::query!("delete from sign_in_codes where email = $1", email)
            .execute(&mut *tx)
            .await?;
        sqlx::query!("delete from sign_in_failures where email = $1", email)
            .execute(&mut *tx)
            .await?;
    }
    sqlx::query!(
        "update sessions set revoked_at = now() where user_id = $1 and revoked_at is null",
        id.0
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await
}
