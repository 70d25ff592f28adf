//! Stock in the database: one row per drink and choice id of a shop (the menu's trigger
//! keeps a row for each, with the menu's flag), and the portions each queued order took.
//!
//! Every statement that writes stock rows locks them first in one order (shop, kind,
//! id), after the orders it changes: two requests never wait on each other in a circle.
//! An order that enters `queued` takes its portions under those locks, so never more
//! orders are queued than portions; one that a barista starts making has used them; one
//! that ends before that gives them back.

use std::collections::BTreeMap;

use sqlx::{PgConnection, PgExecutor, types::Json};
use uuid::Uuid;

use crate::{
    error::AppError,
    model::{Drink, Order, OrderState, Stock, StockItem, StockPatch},
};

/// The shop's stock, every row (the caller keeps those of its menu).
pub async fn of_shop(db: impl PgExecutor<'_>, shop: &str) -> sqlx::Result<Stock> {
    let stock = sqlx::query_scalar!(r#"select shop_stock($1) as "stock!: Json<Stock>""#, shop)
        .fetch_one(db)
        .await?;
    Ok(stock.0)
}

/// A row as it became.
struct Row {
    kind: String,
    item: String,
    available: bool,
    remaining: Option<i32>,
}

/// Rows as the stock's items.
fn collect(rows: impl IntoIterator<Item = Row>) -> Stock {
    let mut stock = Stock::default();
    for row in rows {
        let items = if row.kind == "drink" {
            &mut stock.drinks
        } else {
            &mut stock.choices
        };
        let remaining = row.remaining.and_then(|left| u32::try_from(left).ok());
        items.insert(
            row.item,
            StockItem {
                available: row.available,
                remaining,
            },
        );
    }
    stock
}

/// Applies the counter's changes (checked against the menu); returns the items named, as
/// they became.
pub async fn change(tx: &mut PgConnection, shop: &str, patch: &StockPatch) -> sqlx::Result<Stock> {
    let changes = [("drink", &patch.drinks), ("choice", &patch.choices)];
    let named = changes
        .iter()
        .flat_map(|(kind, changes)| changes.iter().map(move |(id, change)| (*kind, id, change)));
    let mut kinds = Vec::new();
    let mut items = Vec::new();
    let mut available = Vec::new();
    let mut counted = Vec::new();
    let mut remaining = Vec::new();
    for (kind, item, change) in named {
        kinds.push(kind);
        items.push(item.as_str());
        available.push(change.available);
        counted.push(change.remaining.is_some());
        remaining.push(
            change
                .remaining
                .flatten()
                .and_then(|n| i32::try_from(n).ok()),
        );
    }
    sqlx::query!(
        "select 1 as locked from stock
         where shop = $1 and (kind::text, item) in (select * from unnest($2::text[], $3::text[]))
         order by kind, item for update",
        shop,
        &kinds as &[&str],
        &items as &[&str],
    )
    .fetch_all(&mut *tx)
    .await?;
    let rows = sqlx::query_as!(
        Row,
        r#"update stock s
           set available = coalesce(c.available, s.available),
               remaining = case when c.counted then c.remaining else s.remaining end
           from unnest($2::text[], $3::text[], $4::bool[], $5::bool[], $6::int[])
                as c (kind, item, available, counted, remaining)
           where s.shop = $1 and s.kind::text = c.kind and s.item = c.item
           returning s.kind::text as "kind!", s.item, s.available, s.remaining"#,
        shop,
        &kinds as &[&str],
        &items as &[&str],
        &available as &[Option<bool>],
        &counted as &[bool],
        &remaining as &[Option<i32>],
    )
    .fetch_all(&mut *tx)
    .await?;
    Ok(collect(rows))
}

/// Takes a portion of each counted item of `order`, just queued with `drink` from the
/// menu: the counted items it took, as they became, or `sold_out` naming the first item
/// that cannot be ordered (nothing is taken then).
pub async fn take(tx: &mut PgConnection, order: &Order, drink: &Drink) -> Result<Stock, AppError> {
    let choices = order.choices.as_deref().unwrap_or_default();
    let rows = sqlx::query_as!(
        Row,
        r#"select kind::text as "kind!", item, available, remaining from stock
           where shop = $1 and ((kind = 'drink' and item = $2) or (kind = 'choice' and item = any($3)))
           order by kind, item for update"#,
        order.shop,
        drink.id,
        choices,
    )
    .fetch_all(&mut *tx)
    .await?;
    let stock = collect(rows);
    if let Some(item) = stock.drinks.get(&drink.id)
        && !item.orderable()
    {
        return Err(sold_out("drink", &drink.name));
    }
    for (index, id) in choices.iter().enumerate() {
        if stock.choices.get(id).is_some_and(|item| !item.orderable()) {
            let name = drink
                .groups
                .iter()
                .flat_map(|group| &group.choices)
                .find(|choice| &choice.id == id)
                .map_or(id.as_str(), |choice| choice.name.as_str());
            return Err(sold_out(&format!("choices[{index}]"), name));
        }
    }
    let rows = sqlx::query_as!(
        Row,
        r#"with taken as (
               update stock set remaining = remaining - 1
               where shop = $1 and remaining is not null
                 and ((kind = 'drink' and item = $2) or (kind = 'choice' and item = any($3)))
               returning kind, item, available, remaining
           ),
           kept as (
               insert into order_portions (order_id, shop, kind, item)
               select $4, $1, kind, item from taken
           )
           select kind::text as "kind!", item, available, remaining from taken"#,
        order.shop,
        drink.id,
        choices,
        order.id.0,
    )
    .fetch_all(&mut *tx)
    .await?;
    Ok(collect(rows))
}

/// A drink or choice that cannot be ordered now.
fn sold_out(field: &str, name: &str) -> AppError {
    AppError::invalid(field, "sold_out", format!("Sorry, {name} is sold out."))
}

/// What a step that left `order` as it is did to the stock: one that started making it
/// used its portions; one that ended it before that gave them back (the items as they
/// became, by shop).
pub async fn after_step(tx: &mut PgConnection, order: &Order) -> sqlx::Result<Stock> {
    match order.state {
        OrderState::Making | OrderState::Ready => {
            sqlx::query!("delete from order_portions where order_id = $1", order.id.0)
                .execute(&mut *tx)
                .await?;
            Ok(Stock::default())
        }
        OrderState::Cancelled | OrderState::TimedOut => {
            let mut given = give_back(tx, &[order.id.0]).await?;
            Ok(given.remove(&order.shop).unwrap_or_default())
        }
        OrderState::AwaitingDrink | OrderState::Queued => Ok(Stock::default()),
    }
}

/// Gives back the portions of `orders`, which ended before they were made: the items as
/// they became, by shop.
pub async fn give_back(
    tx: &mut PgConnection,
    orders: &[Uuid],
) -> sqlx::Result<BTreeMap<String, Stock>> {
    sqlx::query!(
        "select 1 as locked from stock
         where (shop, kind, item) in (
             select shop, kind, item from order_portions where order_id = any($1))
         order by shop, kind, item for update",
        orders,
    )
    .fetch_all(&mut *tx)
    .await?;
    let rows = sqlx::query!(
        r#"with returned as (
               delete from order_portions where order_id = any($1) returning shop, kind, item
           ),
           counts as (
               select shop, kind, item, count(*)::int as portions from returned
               group by shop, kind, item
           )
           update stock s set remaining = s.remaining + c.portions
           from counts c
           where s.shop = c.shop and s.kind = c.kind and s.item = c.item
                 and s.remaining is not null
           returning s.shop, s.kind::text as "kind!", s.item, s.available, s.remaining"#,
        orders,
    )
    .fetch_all(&mut *tx)
    .await?;
    let mut by_shop: BTreeMap<String, Vec<Row>> = BTreeMap::new();
    for row in rows {
        by_shop.entry(row.shop).or_default().push(Row {
            kind: row.kind,
            item: row.item,
            available: row.available,
            remaining: row.remaining,
        });
    }
    Ok(by_shop
        .into_iter()
        .map(|(shop, rows)| (shop, collect(rows)))
        .collect())
}
