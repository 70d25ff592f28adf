//! Orders in the database. Choosing a drink and the baristas' steps read the order, check
//! the step against the rules, and write the next state and append its event in one
//! statement, which applies only if the order is still the version read; starting an
//! order locks the customer and the shop; the runner times out due orders in batches.
//!
//! - [`redeem`]: a customer starts an order with the booth's QR code.
//! - [`drink`]: the customer chooses; the order gets its number and joins the queue.
//! - [`steps`]: baristas claim, release, complete and recall; cancelling.
//! - [`timeouts`]: deadlines that pass time orders out.

pub mod drink;
pub mod redeem;
pub mod steps;
pub mod timeouts;

use chrono::{DateTime, Utc};
use serde_json::json;
use sqlx::{PgPool, types::Json};
use uuid::Uuid;

use super::events::rfc3339;
use crate::{
    error::AppError,
    model::{Menu, Order, OrderState, ShopSettings},
    ssr::auth::{Action, Caller, authorize, policy::order_not_found},
};

/// An `orders` row as the queries select it.
#[derive(Clone)]
pub struct OrderRow {
    pub id: Uuid,
    pub shop: String,
    pub number: Option<i32>,
    pub state: OrderState,
    pub drink: Option<String>,
    pub choices: Option<Vec<String>>,
    pub customer_id: Uuid,
    pub barista_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub deadline_at: Option<DateTime<Utc>>,
    pub cancel_reason: Option<String>,
}

impl From<OrderRow> for Order {
    fn from(row: OrderRow) -> Self {
        Self {
            id: row.id.to_string(),
            shop: row.shop,
            number: row.number,
            state: row.state,
            drink: row.drink,
            choices: row.choices,
            customer_id: row.customer_id.to_string(),
            barista_id: row.barista_id.map(|id| id.to_string()),
            created_at: rfc3339(row.created_at),
            updated_at: rfc3339(row.updated_at),
            deadline_at: row.deadline_at.map(rfc3339),
            cancel_reason: row.cancel_reason,
        }
    }
}

/// The order as events carry it.
pub fn snapshot(order: &Order) -> serde_json::Value {
    json!({ "order": order })
}

/// An order id from a URL: anything but a UUID names no order.
pub fn parse_id(id: &str) -> Result<Uuid, AppError> {
    Uuid::parse_str(id).map_err(|_| order_not_found())
}

/// The order with this id (from a URL), when `caller` may see it: staff see every order,
/// a customer their own (another's is a 404, as if it did not exist).
pub async fn readable(pool: &PgPool, caller: &Caller, id: &str) -> Result<Order, AppError> {
    // Who asks is checked before whether the order exists.
    authorize(caller, Action::ActAsSelf)?;
    let order = get(pool, parse_id(id)?).await?;
    authorize(
        caller,
        Action::ReadOrder {
            customer_id: &order.customer_id,
        },
    )?;
    Ok(order)
}

pub async fn get(pool: &PgPool, id: Uuid) -> Result<Order, AppError> {
    sqlx::query_as!(
        OrderRow,
        r#"select id, shop, number, state as "state: OrderState", drink, choices, customer_id,
                  barista_id, created_at, updated_at, deadline_at, cancel_reason
           from orders where id = $1"#,
        id
    )
    .fetch_optional(pool)
    .await?
    .map(Order::from)
    .ok_or_else(order_not_found)
}

/// An order as a step reads it, to decide what to write.
pub(crate) struct Current {
    pub row: OrderRow,
    /// Written with every change: the step's write goes through only if it is unchanged.
    pub version: i32,
    pub queued_at: Option<DateTime<Utc>>,
    pub ready_at: Option<DateTime<Utc>>,
    pub settings: ShopSettings,
    /// The shop's menu, when asked for.
    pub menu: Option<Menu>,
    /// The database's clock: the time of the change.
    pub now: DateTime<Utc>,
}

/// The order with its shop's settings and, when `with_menu`, its menu.
pub(crate) async fn read(
    db: impl sqlx::PgExecutor<'_>,
    id: Uuid,
    with_menu: bool,
) -> Result<Current, AppError> {
    let row = sqlx::query!(
        r#"select o.id, o.shop, o.number, o.state as "state: OrderState", o.drink, o.choices,
                  o.customer_id, o.barista_id, o.created_at, o.updated_at, o.deadline_at,
                  o.cancel_reason, o.version, o.queued_at, o.ready_at,
                  s.settings as "settings: Json<ShopSettings>",
                  case when $2 then s.menu end as "menu: Json<Menu>",
                  now() as "now!"
           from orders o join shops s on s.slug = o.shop
           where o.id = $1"#,
        id,
        with_menu,
    )
    .fetch_optional(db)
    .await?
    .ok_or_else(order_not_found)?;
    Ok(Current {
        row: OrderRow {
            id: row.id,
            shop: row.shop,
            number: row.number,
            state: row.state,
            drink: row.drink,
            choices: row.choices,
            customer_id: row.customer_id,
            barista_id: row.barista_id,
            created_at: row.created_at,
            updated_at: row.updated_at,
            deadline_at: row.deadline_at,
            cancel_reason: row.cancel_reason,
        },
        version: row.version,
        queued_at: row.queued_at,
        ready_at: row.ready_at,
        settings: row.settings.0,
        menu: row.menu.map(|menu| menu.0),
        now: row.now,
    })
}

/// A customer's orders, newest first.
pub async fn of_customer(pool: &PgPool, customer_id: Uuid) -> sqlx::Result<Vec<Order>> {
    let rows = sqlx::query_as!(
        OrderRow,
        r#"select id, shop, number, state as "state: OrderState", drink, choices, customer_id,
                  barista_id, created_at, updated_at, deadline_at, cancel_reason
           from orders where customer_id = $1 order by created_at desc, id"#,
        customer_id
    )
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(Order::from).collect())
}

/// A shop's orders in `states`, oldest first.
pub async fn of_shop(pool: &PgPool, shop: &str, states: &[OrderState]) -> sqlx::Result<Vec<Order>> {
    let rows = sqlx::query_as!(
        OrderRow,
        r#"select id, shop, number, state as "state: OrderState", drink, choices, customer_id,
                  barista_id, created_at, updated_at, deadline_at, cancel_reason
           from orders where shop = $1 and state = any($2::order_state[])
           order by created_at, id"#,
        shop,
        states as &[OrderState],
    )
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(Order::from).collect())
}

/// How many orders are open (awaiting a drink, queued or being made), per shop and state.
pub async fn open_counts(pool: &PgPool) -> sqlx::Result<Vec<(String, OrderState, i64)>> {
    let rows = sqlx::query!(
        r#"select shop, state as "state: OrderState", count(*) as "count!"
           from orders where state in ('awaiting_drink', 'queued', 'making')
           group by shop, state
           order by shop, state"#
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| (row.shop, row.state, row.count))
        .collect())
}

/// How many times a step is decided again when the order changed under it.
pub(crate) const ATTEMPTS: usize = 5;

/// For a step that lost the race to change the order `ATTEMPTS` times in a row: a 503,
/// which rolls back and which an idempotency key does not remember, so a retry works.
pub(crate) fn busy() -> AppError {
    AppError::new(503, "busy", "This order keeps changing; please try again.")
}

/// 409 for a step the order's state does not allow.
pub fn invalid_state(state: OrderState, done: &str) -> AppError {
    AppError::new(
        409,
        "invalid_state",
        format!(
            "This order is {}, so it can't be {done} now.",
            state.as_str().replace('_', " ")
        ),
    )
}
