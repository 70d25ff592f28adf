//! Demo data for dev mode and tests.

use sqlx::PgPool;

use super::auth::passwords;
use crate::{
    error::AppError,
    model::{Menu, Role},
};

/// The demo staff accounts: username and role.
pub const DEMO_STAFF: [(&str, Role); 3] = [
    ("admin", Role::Admin),
    ("barista", Role::Barista),
    ("display", Role::Display),
];

/// The slug of the demo shop.
pub const DEMO_SHOP: &str = "demo";

/// The demo shop's menu: six drinks, one sold out, with a few options each.
pub fn demo_menu() -> Menu {
    serde_json::from_str(include_str!("demo_menu.json")).expect("the demo menu is valid JSON")
}

/// Creates the open demo shop, unless it exists: a restart keeps whatever was changed.
pub async fn demo_shop(pool: &PgPool) -> sqlx::Result<()> {
    let menu = serde_json::to_value(demo_menu()).map_err(|err| sqlx::Error::Encode(err.into()))?;
    sqlx::query!(
        "insert into shops (slug, name, open, menu) values ($1, $2, true, $3)
         on conflict (slug) do nothing",
        DEMO_SHOP,
        "Crema demo booth",
        menu,
    )
    .execute(pool)
    .await?;
    Ok(())
}

/// Creates the demo staff accounts that do not exist, with `password`; an existing
/// account keeps its role, its password and its sessions.
pub async fn demo_staff(pool: &PgPool, password: &str) -> Result<(), AppError> {
    for (username, role) in DEMO_STAFF {
        passwords::create_staff_unless_exists(pool, username, role, password).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_demo_menu_parses() {
        let menu = super::demo_menu();

        assert_eq!(menu.len(), 6);
        assert!(menu.iter().any(|drink| !drink.available));
    }
}
