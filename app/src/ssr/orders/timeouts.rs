//! Durable timers: an order's deadline is a column, so it survives restarts; whichever
//! server instance finds it due first times the order out, exactly once.

use sqlx::PgPool;

use super::{OrderRow, snapshot};
use crate::{
    model::{Order, OrderState},
    ssr::{
        events::{self, NewEvent},
        sequencer::Sequencer,
    },
};

/// Times out up to `batch` orders whose deadline has passed; returns how many.
///
/// Due rows are claimed `for no key update skip locked`, so rows another instance is
/// timing out are left to it, and each timeout bumps the order's version, so a barista's
/// step decided on the order as it was does not apply (see `steps::take`): each order
/// ends exactly once.
pub async fn fire_due(pool: &PgPool, sequencer: &Sequencer, batch: i64) -> sqlx::Result<usize> {
    let mut tx = pool.begin().await?;
    let due: Vec<Order> = sqlx::query_as!(
        OrderRow,
        r#"with due as (
               select id from orders
               where deadline_at <= now() and state in ('awaiting_drink', 'queued', 'making')
               order by deadline_at
               limit $1
               for no key update skip locked
           )
           update orders o
           set state = 'timed_out', deadline_at = null, updated_at = now(), version = o.version + 1,
               cancel_reason = case when o.state = 'awaiting_drink'
                                    then 'customer_timeout' else 'barista_timeout' end
           from due where o.id = due.id
           returning o.id, o.shop, o.number, o.state as "state: OrderState", o.drink, o.choices,
                     o.customer_id, o.barista_id, o.created_at, o.updated_at, o.deadline_at,
                     o.cancel_reason"#,
        batch,
    )
    .fetch_all(&mut *tx)
    .await?
    .into_iter()
    .map(Order::from)
    .collect();
    if due.is_empty() {
        return Ok(0);
    }
    let timed_out = due.iter().map(|order| {
        let message = match (order.cancel_reason.as_deref(), order.number) {
            (Some("customer_timeout"), _) => {
                "No drink was chosen in time, so the order was closed. Scan the code again to start over.".to_owned()
            }
            (_, Some(number)) => format!("Sorry: the baristas could not make #{number} in time, so it was closed."),
            _ => "Sorry: the baristas could not make this order in time, so it was closed.".to_owned(),
        };
        NewEvent {
            kind: "order.timed_out",
            shop: &order.shop,
            order_id: uuid::Uuid::parse_str(&order.id).ok(),
            customer_id: uuid::Uuid::parse_str(&order.customer_id).ok(),
            data: snapshot(order),
            message,
        }
    });
    events::append(&mut tx, timed_out).await?;
    sequencer.commit(tx).await?;
    Ok(due.len())
}
