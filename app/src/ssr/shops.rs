//! Shops in the database.

use sqlx::{PgConnection, PgPool, types::Json};

use crate::{
    error::AppError,
    model::{Menu, MenuEditing, Shop, ShopSettings, Stock, is_slug},
};

struct ShopRow {
    slug: String,
    name: String,
    open: bool,
    archived: bool,
    menu: Json<Menu>,
    settings: Json<ShopSettings>,
    wait_estimate_s: Option<i32>,
    stock: Json<Stock>,
}

/// The shop, its menu showing what cannot be ordered now as unavailable.
impl From<ShopRow> for Shop {
    fn from(row: ShopRow) -> Self {
        row.with_stock().0
    }
}

impl ShopRow {
    /// The shop, and its stock.
    fn with_stock(self) -> (Shop, Stock) {
        let row = self;
        let mut menu = row.menu.0;
        row.stock.0.mark_menu(&mut menu);
        let shop = Shop {
            slug: row.slug,
            name: row.name,
            open: row.open,
            archived: row.archived,
            menu,
            settings: row.settings.0,
            wait_estimate_s: row.wait_estimate_s.and_then(|s| u32::try_from(s).ok()),
        };
        (shop, row.stock.0)
    }
}

/// The shops, by name; archived ones only `with_archived`.
pub async fn list(pool: &PgPool, with_archived: bool) -> sqlx::Result<Vec<Shop>> {
    let shops = list_with_stock(pool, with_archived).await?;
    Ok(shops.into_iter().map(|(shop, _)| shop).collect())
}

/// As [`list`], each shop with its stock.
pub async fn list_with_stock(
    pool: &PgPool,
    with_archived: bool,
) -> sqlx::Result<Vec<(Shop, Stock)>> {
    let rows = sqlx::query_as!(
        ShopRow,
        r#"select slug, name, open, archived_at is not null as "archived!",
                  menu as "menu: Json<Menu>", settings as "settings: Json<ShopSettings>",
                  shop_wait_estimate(slug) as wait_estimate_s,
                  shop_stock(slug) as "stock!: Json<Stock>"
           from shops
           where archived_at is null or $1
           order by name, slug"#,
        with_archived
    )
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(ShopRow::with_stock).collect())
}

/// Each shop's orders in progress and its orders queued today (in its time zone): by
/// slug, `(slug, in progress, today)`.
pub async fn day_counts(pool: &PgPool) -> sqlx::Result<Vec<(String, i64, i64)>> {
    let rows = sqlx::query!(
        r#"select s.slug,
                  (select count(*) from orders o
                   where o.shop = s.slug and order_is_open(o.state)) as "in_progress!",
                  (select count(*) from orders o
                   where o.shop = s.slug
                     and o.queued_at >= date_trunc('day', now() at time zone s.tz) at time zone s.tz
                  ) as "today!"
           from (select slug, coalesce(settings->>'timezone', 'UTC') as tz from shops) s"#
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| (row.slug, row.in_progress, row.today))
        .collect())
}

/// The time zones a shop may be in (like `Europe/Paris`), by name.
pub async fn timezones(pool: &PgPool) -> sqlx::Result<Vec<String>> {
    sqlx::query_scalar!(
        r#"select name as "name!" from pg_timezone_names
           where (name ~ '^[A-Z][a-z]+/' and name !~ '^(Etc|SystemV|US)/') or name = 'UTC'
           order by name"#
    )
    .fetch_all(pool)
    .await
}

/// 404 for what no shop can be called (too long, or other than letters, digits and
/// dashes), before anything is asked of the database.
pub fn check_slug(slug: &str) -> Result<(), AppError> {
    if is_slug(slug) {
        Ok(())
    } else {
        Err(no_such_shop(slug))
    }
}

/// The 404 of an unknown shop; a slug no shop can have is not repeated.
pub fn no_such_shop(slug: &str) -> AppError {
    AppError::not_found(if is_slug(slug) {
        format!("There is no shop called “{slug}”.")
    } else {
        "There is no such shop.".to_owned()
    })
}

/// The shop with this slug; `not_found` when there is none.
pub async fn get(pool: &PgPool, slug: &str) -> Result<Shop, AppError> {
    check_slug(slug)?;
    sqlx::query_as!(
        ShopRow,
        r#"select slug, name, open, archived_at is not null as "archived!",
                  menu as "menu: Json<Menu>", settings as "settings: Json<ShopSettings>",
                  shop_wait_estimate(slug) as wait_estimate_s,
                  shop_stock(slug) as "stock!: Json<Stock>"
           from shops
           where slug = $1"#,
        slug
    )
    .fetch_optional(pool)
    .await?
    .map(Shop::from)
    .ok_or_else(|| no_such_shop(slug))
}

/// The shop's menu as the editor shows it: each item with its own flag (see
/// [`Stock::flag_menu`]), and the stock.
pub async fn menu_for_editing(pool: &PgPool, slug: &str) -> Result<MenuEditing, AppError> {
    check_slug(slug)?;
    let row = sqlx::query!(
        r#"select menu as "menu: Json<Menu>", shop_stock(slug) as "stock!: Json<Stock>"
           from shops where slug = $1"#,
        slug
    )
    .fetch_optional(pool)
    .await?
    .ok_or_else(|| no_such_shop(slug))?;
    let (mut menu, stock) = (row.menu.0, row.stock.0);
    stock.flag_menu(&mut menu);
    Ok(MenuEditing { menu, stock })
}

/// Opens or closes the shop; its name when that changed anything. Closing keeps the
/// orders already taken; an archived shop stays closed.
pub async fn set_open(
    tx: &mut PgConnection,
    slug: &str,
    open: bool,
) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar!(
        "update shops set open = $2, updated_at = now()
         where slug = $1 and open <> $2 and archived_at is null
         returning name",
        slug,
        open,
    )
    .fetch_optional(tx)
    .await
}

/// Archives the shop (closing it) or brings it back; its name when that changed anything.
pub async fn set_archived(
    tx: &mut PgConnection,
    slug: &str,
    archived: bool,
) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar!(
        "update shops
         set archived_at = case when $2 then now() end,
             open = open and not $2,
             updated_at = now()
         where slug = $1 and (archived_at is not null) <> $2
         returning name",
        slug,
        archived,
    )
    .fetch_optional(tx)
    .await
}

/// The 409 of starting or opening what has been archived.
pub fn archived(name: &str) -> AppError {
    AppError::new(
        409,
        "shop_archived",
        format!("{name}'s event has ended: it takes no more orders."),
    )
}

/// Whether the database knows the time zone `name` (like `Europe/Paris`).
pub async fn known_timezone(pool: &PgPool, name: &str) -> Result<(), AppError> {
    let known = sqlx::query_scalar!(
        r#"select exists (select 1 from pg_timezone_names where name = $1) as "known!""#,
        name
    )
    .fetch_one(pool)
    .await?;
    if known {
        Ok(())
    } else {
        Err(AppError::invalid(
            "timezone",
            "invalid_timezone",
            format!("“{name}” is not a time zone name (like Europe/Paris)."),
        ))
    }
}

/// A new shop; 409 when its slug is taken.
pub async fn insert(
    pool: &PgPool,
    slug: &str,
    name: &str,
    open: bool,
    menu: &Menu,
    settings: &ShopSettings,
) -> Result<(), AppError> {
    sqlx::query!(
        "insert into shops (slug, name, open, menu, settings) values ($1, $2, $3, $4, $5)",
        slug,
        name,
        open,
        Json(menu) as _,
        Json(settings) as _,
    )
    .execute(pool)
    .await
    .map_err(|err| match &err {
        sqlx::Error::Database(db) if db.constraint() == Some("shops_pkey") => AppError::new(
            409,
            "slug_taken",
            format!("There is already a shop called {slug}."),
        )
        .with_field("slug"),
        _ => err.into(),
    })?;
    Ok(())
}

pub async fn update_settings(
    tx: &mut PgConnection,
    slug: &str,
    name: &str,
    settings: &ShopSettings,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update shops set name = $2, settings = $3, updated_at = now() where slug = $1",
        slug,
        name,
        Json(settings) as _,
    )
    .execute(tx)
    .await?;
    Ok(())
}

pub async fn update_menu(tx: &mut PgConnection, slug: &str, menu: &Menu) -> sqlx::Result<()> {
    sqlx::query!(
        "update shops set menu = $2, updated_at = now() where slug = $1",
        slug,
        Json(menu) as _,
    )
    .execute(tx)
    .await?;
    Ok(())
}
