//! The event log: every change, appended in the transaction that makes it.

use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::Value;
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use crate::model::Event;

/// The channel that tells every server instance a new event committed.
pub const CHANNEL: &str = "crema_events";

/// An event about to be written.
pub struct NewEvent<'a> {
    pub kind: &'static str,
    pub shop: &'a str,
    pub order_id: Option<Uuid>,
    /// The customer whose order it is: their stream shows it.
    pub customer_id: Option<Uuid>,
    pub data: Value,
    pub message: String,
}

/// Appends `event`. Call it last in the transaction, just before committing: it takes
/// the log's lock until commit, so sequence numbers are handed out in commit order.
///
/// Rows a transaction locks before appending must be locked `for no key update`, never
/// `for update`: the event's foreign keys take key-share locks on its shop and order,
/// and a `for update` lock held by a transaction queued for the log's lock would
/// deadlock with the appender.
pub async fn append(tx: &mut PgConnection, event: NewEvent<'_>) -> sqlx::Result<i64> {
    sqlx::query!("select pg_advisory_xact_lock(hashtext('crema.events'))")
        .execute(&mut *tx)
        .await?;
    let seq = sqlx::query_scalar!(
        "insert into events (seq, type, shop, order_id, customer_id, data, message)
         values (nextval('events_seq'), $1, $2, $3, $4, $5, $6)
         returning seq",
        event.kind,
        event.shop,
        event.order_id,
        event.customer_id,
        event.data,
        event.message,
    )
    .fetch_one(&mut *tx)
    .await?;
    sqlx::query!("select pg_notify($1, $2)", CHANNEL, seq.to_string())
        .execute(&mut *tx)
        .await?;
    Ok(seq)
}

pub fn rfc3339(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// An order's events, oldest first.
pub async fn of_order(pool: &PgPool, order_id: Uuid) -> sqlx::Result<Vec<Event>> {
    let rows = sqlx::query!(
        r#"select seq, type as kind, shop, order_id, at, data, message
           from events where order_id = $1 order by seq"#,
        order_id
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| Event {
            seq: row.seq,
            kind: row.kind,
            shop: row.shop,
            order_id: row.order_id.map(|id| id.to_string()),
            at: rfc3339(row.at),
            data: row.data,
            message: row.message,
        })
        .collect())
}
