//! Applying a decision: one statement writes the order as decided and appends its event,
//! only if the order is still the version the decision was made on.

use sqlx::PgConnection;

use super::{OrderRow, decide::Next};
use crate::{
    error::AppError,
    model::{Canceller, Order, OrderState, UserId},
    ssr::events::{NewEvent, batch},
};

/// Writes the order as decided over the one read at `version`; `None` when the order changed
/// since (nothing is written: decide again). `timezone` is the shop's, whose day a new
/// number belongs to.
///
/// A numbered write takes the shop's next number: the counter row's lock hands numbers
/// out one by one and is held to the commit, so the order, its number and its event are
/// written in this one statement, and a rolled-back order gives its number back (no
/// gaps). It locks the order before it numbers, so a write that lost the race for the
/// order takes no number; the statement sets the number into the event's order too.
/// Other steps lock nothing but what the update does.
pub async fn apply(
    conn: &mut PgConnection,
    version: i32,
    Next {
        row,
        change,
        numbered,
    }: Next,
    timezone: &str,
) -> Result<Option<Order>, AppError> {
    let customer = UserId(row.customer_id);
    let event = [NewEvent::of_order(
        &row.shop,
        customer,
        row.updated_at,
        change,
    )];
    let events = batch(&event);
    let written = sqlx::query!(
        r#"with current as (
               select id from orders where id = $1 and version = $2 and $6 for no key update
           ),
           numbered as (
               insert into order_numbers (shop, day, last)
               select $3, ($4::timestamptz at time zone $5)::date, 1 from current
               on conflict (shop, day) do update set last = order_numbers.last + 1
               returning day, last
           ),
           changed as (
               update orders o
               set state = $7, drink = $8, choices = $9, barista_id = $10, cancel_reason = $11,
                   cancelled_by = $12, updated_at = $4, deadline_at = $13, queued_at = $14,
                   ready_at = $15, claimed_at = $16, ended_at = $17, picked_up_at = $19,
                   number = coalesce((select last from numbered), o.number),
                   number_day = coalesce((select day from numbered), o.number_day),
                   version = o.version + 1
               where o.id = $1 and o.version = $2
               returning o.number
           ),
           logged as (
               insert into event_inbox (type, shop, order_id, customer_id, at, data)
               select e.* from changed, event_rows(
                   case when $6 then jsonb_set($18, '{0,data,order,number}', to_jsonb(changed.number))
                        else $18 end
               ) as e
           )
           select number from changed"#,
        row.id,
        version,
        row.shop,
        row.updated_at,
        timezone,
        numbered,
        row.state as OrderState,
        row.drink,
        row.choices.as_deref(),
        row.barista_id,
        row.cancel_reason,
        row.cancelled_by as Option<Canceller>,
        row.deadline_at,
        row.queued_at,
        row.ready_at,
        row.claimed_at,
        row.ended_at,
        events as _,
        row.picked_up_at,
    )
    .fetch_optional(&mut *conn)
    .await?;
    Ok(written.map(|written| {
        Order::from(OrderRow {
            number: written.number,
            ..row
        })
    }))
}
