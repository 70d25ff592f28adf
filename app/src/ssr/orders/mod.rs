//! Orders in the database. A step reads the order ([`read`]), the pure rules of
//! [`decide`] say what it becomes, and [`write`] applies that in one statement, only if
//! the order is still the version read; starting an order locks the customer and the
//! shop ([`redeem`]); the runner times out due orders in batches ([`timeouts`]).
//!
//! - [`choice`]: whether a drink and its options can be ordered from the menu.
//! - [`decide`]: every step's rules, as a function of the order, who acts, and when.
//! - [`write`]: the version-checked write of a decision, with its event.
//! - [`queue`]: where each queued order stands; [`teller`] tells its customer.
//! - [`ready_mail`]: the mail a customer asked for when their drink is ready.
//! - [`redeem`]: a customer starts an order with the booth's QR code.
//! - [`timeouts`]: deadlines that pass time orders out.

pub mod choice;
pub mod decide;
pub mod queue;
pub mod ready_mail;
pub mod redeem;
pub mod teller;
pub mod timeouts;
pub mod write;

use chrono::{DateTime, Utc};
use sqlx::{PgPool, types::Json};
use uuid::Uuid;

use super::events::rfc3339;
use crate::{
    error::AppError,
    model::{Canceller, Menu, Order, OrderId, OrderState, ShopSettings, UserId},
    ssr::auth::policy::order_not_found,
};

/// An `orders` row: the order and what its steps go by.
#[derive(Clone, Debug, PartialEq)]
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
    pub cancelled_by: Option<Canceller>,
    pub robot: bool,
    pub queued_at: Option<DateTime<Utc>>,
    pub ready_at: Option<DateTime<Utc>>,
    /// When a barista last took it on; none while nobody makes it.
    pub claimed_at: Option<DateTime<Utc>>,
    /// When it reached the state it ended in: ready, cancelled or timed out.
    pub ended_at: Option<DateTime<Utc>>,
    /// When a ready order was handed over.
    pub picked_up_at: Option<DateTime<Utc>>,
    /// Its customer's name, when they gave one (the user's, not the order's).
    pub customer_name: Option<String>,
}

impl From<OrderRow> for Order {
    fn from(row: OrderRow) -> Self {
        Self {
            id: OrderId(row.id),
            shop: row.shop,
            number: row.number,
            state: row.state,
            drink: row.drink,
            choices: row.choices,
            customer_id: UserId(row.customer_id),
            barista_id: row.barista_id.map(UserId),
            created_at: rfc3339(row.created_at),
            updated_at: rfc3339(row.updated_at),
            deadline_at: row.deadline_at.map(rfc3339),
            cancel_reason: row.cancel_reason,
            cancelled_by: row.cancelled_by,
            robot: row.robot,
            picked_up_at: row.picked_up_at.map(rfc3339),
            customer_name: row.customer_name,
            // The line's to say: see `queue`.
            queue_position: None,
            eta_s: None,
        }
    }
}

pub async fn get(pool: &PgPool, id: OrderId) -> Result<Order, AppError> {
    sqlx::query_as!(
        OrderRow,
        r#"select id, shop, number, state as "state: OrderState", drink, choices, customer_id,
                  barista_id, created_at, updated_at, deadline_at, cancel_reason,
                  cancelled_by as "cancelled_by: Canceller", queued_at, ready_at,
                  claimed_at, ended_at, picked_up_at, robot, customer_name(customer_id)
           from orders where id = $1"#,
        id.0
    )
    .fetch_optional(pool)
    .await?
    .map(Order::from)
    .ok_or_else(order_not_found)
}

/// An order as a step reads it, to decide what to write.
#[derive(Clone, Debug)]
pub struct Current {
    pub row: OrderRow,
    /// Written with every change: the step's write goes through only if it is unchanged.
    pub version: i32,
    pub settings: ShopSettings,
    /// The shop's menu, when asked for.
    pub menu: Option<Menu>,
    /// The database's clock: the time of the change.
    pub now: DateTime<Utc>,
}

/// The order with its shop's settings and, when `with_menu`, its menu.
pub async fn read(
    db: impl sqlx::PgExecutor<'_>,
    id: OrderId,
    with_menu: bool,
) -> Result<Current, AppError> {
    let row = sqlx::query!(
        r#"select o.id, o.shop, o.number, o.state as "state: OrderState", o.drink, o.choices,
                  o.customer_id, o.barista_id, o.created_at, o.updated_at, o.deadline_at,
                  o.cancel_reason, o.cancelled_by as "cancelled_by: Canceller", o.version,
                  o.queued_at, o.ready_at, o.claimed_at, o.ended_at, o.picked_up_at,
                  o.robot, customer_name(o.customer_id), s.settings as "settings: Json<ShopSettings>",
                  case when $2 then s.menu end as "menu: Json<Menu>",
                  now() as "now!"
           from orders o join shops s on s.slug = o.shop
           where o.id = $1"#,
        id.0,
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
            cancelled_by: row.cancelled_by,
            robot: row.robot,
            queued_at: row.queued_at,
            ready_at: row.ready_at,
            claimed_at: row.claimed_at,
            ended_at: row.ended_at,
            picked_up_at: row.picked_up_at,
            customer_name: row.customer_name,
        },
        version: row.version,
        settings: row.settings.0,
        menu: row.menu.map(|menu| menu.0),
        now: row.now,
    })
}

/// A customer's orders, newest first.
pub async fn of_customer(pool: &PgPool, customer_id: UserId) -> sqlx::Result<Vec<Order>> {
    let rows = sqlx::query_as!(
        OrderRow,
        r#"select id, shop, number, state as "state: OrderState", drink, choices, customer_id,
                  barista_id, created_at, updated_at, deadline_at, cancel_reason,
                  cancelled_by as "cancelled_by: Canceller", queued_at, ready_at,
                  claimed_at, ended_at, picked_up_at, robot, customer_name(customer_id)
           from orders where customer_id = $1 order by created_at desc, id"#,
        customer_id.0
    )
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(Order::from).collect())
}

/// A shop's orders in `states`, oldest first; those handed over only when
/// `with_picked_up`.
pub async fn of_shop(
    pool: &PgPool,
    shop: &str,
    states: &[OrderState],
    with_picked_up: bool,
) -> sqlx::Result<Vec<Order>> {
    let rows = sqlx::query_as!(
        OrderRow,
        r#"select id, shop, number, state as "state: OrderState", drink, choices, customer_id,
                  barista_id, created_at, updated_at, deadline_at, cancel_reason,
                  cancelled_by as "cancelled_by: Canceller", queued_at, ready_at,
                  claimed_at, ended_at, picked_up_at, robot, customer_name(customer_id)
           from orders
           where shop = $1 and state = any($2::order_state[]) and ($3 or picked_up_at is null)
           order by created_at, id"#,
        shop,
        states as &[OrderState],
        with_picked_up,
    )
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(Order::from).collect())
}

/// How many orders are open (awaiting a drink, queued or being made), per shop and state:
/// every open state of every shop, zeros too.
pub async fn open_counts(pool: &PgPool) -> sqlx::Result<Vec<(String, OrderState, i64)>> {
    let rows = sqlx::query!(
        r#"select s.slug as shop, st.state as "state!: OrderState", count(o.id) as "count!"
           from shops s
           cross join unnest(enum_range(null::order_state)) as st (state)
           left join orders o on o.shop = s.slug and o.state = st.state
           where order_is_open(st.state)
           group by s.slug, st.state
           order by s.slug, st.state"#
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
