//! Shops in the database.

use serde_json::json;
use sqlx::{PgPool, types::Json};

use crate::{
    error::AppError,
    model::{Menu, Shop, ShopSettings},
    ssr::{
        events::{self, NewEvent},
        sequencer::Sequencer,
    },
};

struct ShopRow {
    slug: String,
    name: String,
    open: bool,
    menu: Json<Menu>,
    settings: Json<ShopSettings>,
    wait_estimate_s: Option<i32>,
}

impl From<ShopRow> for Shop {
    fn from(row: ShopRow) -> Self {
        Self {
            slug: row.slug,
            name: row.name,
            open: row.open,
            menu: row.menu.0,
            settings: row.settings.0,
            wait_estimate_s: row.wait_estimate_s.and_then(|s| u32::try_from(s).ok()),
        }
    }
}

pub async fn list(pool: &PgPool) -> sqlx::Result<Vec<Shop>> {
    let rows = sqlx::query_as!(
        ShopRow,
        r#"select slug, name, open,
                  menu as "menu: Json<Menu>", settings as "settings: Json<ShopSettings>",
                  shop_wait_estimate(slug) as wait_estimate_s
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
                  menu as "menu: Json<Menu>", settings as "settings: Json<ShopSettings>",
                  shop_wait_estimate(slug) as wait_estimate_s
           from shops
           where slug = $1"#,
        slug
    )
    .fetch_optional(pool)
    .await?
    .map(Shop::from)
    .ok_or_else(|| AppError::not_found(format!("There is no shop called “{slug}”.")))
}

/// Opens or closes the shop. Closing keeps the orders already taken.
pub async fn set_open(
    pool: &PgPool,
    sequencer: &Sequencer,
    slug: &str,
    open: bool,
    by: &str,
) -> Result<Shop, AppError> {
    let mut tx = pool.begin().await?;
    let changed = sqlx::query_scalar!(
        "update shops set open = $2, updated_at = now() where slug = $1 and open <> $2 returning name",
        slug,
        open,
    )
    .fetch_optional(&mut *tx)
    .await?;
    if let Some(name) = changed {
        let (kind, message) = if open {
            (
                "shop.opened",
                format!("{by} opened {name}: orders are welcome."),
            )
        } else {
            (
                "shop.closed",
                format!("{by} closed {name}: no new orders for now."),
            )
        };
        events::append(
            &mut tx,
            [NewEvent {
                kind,
                shop: slug,
                order_id: None,
                customer_id: None,
                data: json!({ "open": open }),
                message,
            }],
        )
        .await?;
        sequencer.commit(tx).await?;
    }
    get(pool, slug).await
}
