//! Shops in the database.

use sqlx::{PgPool, types::Json};

use crate::{
    error::AppError,
    model::{Menu, Shop, ShopSettings},
};

struct ShopRow {
    slug: String,
    name: String,
    open: bool,
    menu: Json<Menu>,
    settings: Json<ShopSettings>,
}

impl From<ShopRow> for Shop {
    fn from(row: ShopRow) -> Self {
        Self {
            slug: row.slug,
            name: row.name,
            open: row.open,
            menu: row.menu.0,
            settings: row.settings.0,
        }
    }
}

pub async fn list(pool: &PgPool) -> sqlx::Result<Vec<Shop>> {
    let rows = sqlx::query_as!(
        ShopRow,
        r#"select slug, name, open,
                  menu as "menu: Json<Menu>", settings as "settings: Json<ShopSettings>"
           from shops
           order by name, slug"#
    )
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(Shop::from).collect())
}

/// The shop with this slug; `not_found` when there is none.
pub async fn get(pool: &PgPool, slug: &str) -> Result<Shop, AppError> {
    sqlx::query_as!(
        ShopRow,
        r#"select slug, name, open,
                  menu as "menu: Json<Menu>", settings as "settings: Json<ShopSettings>"
           from shops
           where slug = $1"#,
        slug
    )
    .fetch_optional(pool)
    .await?
    .map(Shop::from)
    .ok_or_else(|| AppError::not_found(format!("There is no shop called “{slug}”.")))
}
