//! Durable timers: an order's deadline is a column, so it survives restarts; whichever
//! server instance finds it due first times the order out, exactly once.

use std::time::Duration;

use sqlx::PgPool;
use uuid::Uuid;

use super::{OrderRow, teller::Teller};
use crate::{
    error::AppError,
    model::{
        Actor, Canceller, Change, Order, OrderState, OrderTimedOut, Step, StockChanged,
        TimeoutCause, UserId,
    },
    ssr::{
        events::{self, NewEvent},
        observe,
        sequencer::Sequencer,
        stock,
    },
};

/// Times out up to `batch` orders whose deadline has passed; returns how many.
///
/// Due rows are claimed `for no key update skip locked`, so rows another instance is
/// timing out are left to it, and each timeout bumps the order's version, so a barista's
/// step decided on the order as it was does not apply (see `write::apply`): each order
/// ends exactly once.
pub async fn fire_due(
    pool: &PgPool,
    sequencer: &Sequencer,
    teller: &Teller,
    batch: i64,
) -> Result<usize, AppError> {
    let mut tx = pool.begin().await?;
    let due = sqlx::query!(
        r#"select id, state as "state: OrderState",
                  extract(epoch from now() - deadline_at)::float8 as "late!"
           from orders
           where deadline_at <= now() and order_is_open(state)
           order by deadline_at
           limit $1
           for no key update skip locked"#,
        batch,
    )
    .fetch_all(&mut *tx)
    .await?;
    if due.is_empty() {
        return Ok(0);
    }
    // Every open state times out, and the query reads no other.
    let decided = due.iter().filter_map(|order| {
        let next = Step::TimeOut.next(order.state)?;
        Some((order.id, next, TimeoutCause::of(order.state).as_str()))
    });
    let (ids, (states, codes)): (Vec<Uuid>, (Vec<OrderState>, Vec<&str>)) =
        decided.map(|(id, next, code)| (id, (next, code))).unzip();
    let timed_out = sqlx::query_as!(
        OrderRow,
        r#"update orders o
           set state = t.state, cancel_reason = t.cause, deadline_at = null, updated_at = now(),
               ended_at = now(), version = o.version + 1
           from unnest($1::uuid[], $2::order_state[], $3::text[]) as t (id, state, cause)
           where o.id = t.id
           returning o.id, o.shop, o.number, o.state as "state: OrderState", o.drink, o.choices,
                     o.customer_id, o.barista_id, o.created_at, o.updated_at, o.deadline_at,
                     o.cancel_reason, o.cancelled_by as "cancelled_by: Canceller",
                     o.queued_at, o.ready_at, o.claimed_at, o.ended_at, o.picked_up_at,
                     o.robot, customer_name(o.customer_id)"#,
        &ids as &[Uuid],
        &states as &[OrderState],
        &codes as &[&str],
    )
    .fetch_all(&mut *tx)
    .await?;
    let mut ended = Vec::with_capacity(timed_out.len());
    let mut events: Vec<NewEvent> = timed_out
        .into_iter()
        .map(|row| {
            let (shop, customer, at) = (row.shop.clone(), UserId(row.customer_id), row.updated_at);
            let order = Order::from(row);
            // As written just now, from the state it timed out in.
            let cause = order
                .timeout_cause()
                .unwrap_or(TimeoutCause::BaristaTimeout);
            let late = due
                .iter()
                .find(|due| due.id == order.id.0)
                .map_or(0.0, |due| due.late);
            ended.push((shop.clone(), cause, late));
            let change = Change::OrderTimedOut(OrderTimedOut {
                actor: Actor::system(),
                cause,
                order,
            });
            NewEvent::of_order(&shop, customer, at, change)
        })
        .collect();
    let fired = events.len();
    // Orders that time out before they are made give their portions back.
    let given_back = stock::give_back(&mut tx, &ids).await?;
    events.extend(given_back.into_iter().map(|(shop, changed)| {
        let change = Change::StockChanged(StockChanged {
            actor: Actor::system(),
            stock: changed,
        });
        NewEvent::of_shop(&shop, change)
    }));
    events::append(&mut tx, &events).await?;
    sequencer.commit(tx).await?;
    for (shop, cause, late) in ended {
        // The line moved for those still queued behind.
        teller.moved(&shop);
        observe::order_timed_out(&shop, cause, Duration::from_secs_f64(late.max(0.0)));
    }
    Ok(fired)
}
