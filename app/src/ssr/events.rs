//! The event log: every change, appended in the transaction that makes it.

use chrono::{DateTime, SecondsFormat, Utc};
use serde_json::Value;
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use crate::model::Event;

/// The channel that tells every server instance new events are in the log.
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

/// Appends `events`, in order, to the inbox, in the transaction that makes the change;
/// commit it with [`Sequencer::commit`], which numbers the events and publishes them.
///
/// [`Sequencer::commit`]: super::sequencer::Sequencer::commit
pub async fn append<'a>(
    tx: &mut PgConnection,
    events: impl IntoIterator<Item = NewEvent<'a>>,
) -> sqlx::Result<()> {
    let (mut kinds, mut shops, mut orders, mut customers, mut data, mut messages) =
        (vec![], vec![], vec![], vec![], vec![], vec![]);
    for event in events {
        kinds.push(event.kind);
        shops.push(event.shop);
        orders.push(event.order_id);
        customers.push(event.customer_id);
        data.push(event.data);
        messages.push(event.message);
    }
    // One round trip for them all; `unnest` keeps their order, and so do the inbox's ids.
    sqlx::query!(
        "insert into event_inbox (type, shop, order_id, customer_id, data, message)
         select * from unnest($1::text[], $2::text[], $3::uuid[], $4::uuid[], $5::jsonb[], $6::text[])",
        &kinds as &[&str],
        &shops as &[&str],
        &orders as &[Option<Uuid>],
        &customers as &[Option<Uuid>],
        &data,
        &messages,
    )
    .execute(&mut *tx)
    .await?;
    Ok(())
}

pub fn rfc3339(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// An event with what decides who may see it.
#[derive(Clone, Debug)]
pub struct Stored {
    pub event: Event,
    /// The customer whose order it is.
    pub customer_id: Option<Uuid>,
}

/// Who a live stream is for, and so which events it carries.
#[derive(Clone, Debug)]
pub enum Audience {
    /// A shop's staff: every event of the shop.
    Shop(String),
    /// A customer: their own orders' events, and the status of the shops they ordered
    /// from. Never another customer's order, nor the QR code's.
    Customer { id: Uuid, shops: Vec<String> },
}

impl Audience {
    pub async fn customer(pool: &PgPool, id: Uuid) -> sqlx::Result<Self> {
        let shops = sqlx::query_scalar!(
            "select distinct shop from orders where customer_id = $1",
            id
        )
        .fetch_all(pool)
        .await?;
        Ok(Self::Customer { id, shops })
    }

    /// Whether this audience sees `stored`; a customer's first order at a shop also
    /// starts them following that shop's status.
    pub fn admits(&mut self, stored: &Stored) -> bool {
        match self {
            Self::Shop(shop) => stored.event.shop == *shop,
            Self::Customer { id, shops } => {
                if stored.customer_id == Some(*id) {
                    if !shops.contains(&stored.event.shop) {
                        shops.push(stored.event.shop.clone());
                    }
                    true
                } else {
                    stored.event.kind.starts_with("shop.") && shops.contains(&stored.event.shop)
                }
            }
        }
    }
}

/// An `events` row as the queries select it.
struct EventRow {
    seq: i64,
    kind: String,
    shop: String,
    order_id: Option<Uuid>,
    customer_id: Option<Uuid>,
    at: DateTime<Utc>,
    data: Value,
    message: String,
}

impl From<EventRow> for Stored {
    fn from(row: EventRow) -> Self {
        Self {
            event: Event {
                seq: row.seq,
                kind: row.kind,
                shop: row.shop,
                order_id: row.order_id.map(|id| id.to_string()),
                at: rfc3339(row.at),
                data: row.data,
                message: row.message,
            },
            customer_id: row.customer_id,
        }
    }
}

/// Events after `since`, oldest first, at most `limit`; the caller filters by audience.
pub async fn after(pool: &PgPool, since: i64, limit: i64) -> sqlx::Result<Vec<Stored>> {
    let rows = sqlx::query_as!(
        EventRow,
        r#"select seq, type as kind, shop, order_id, customer_id, at, data, message
           from events where seq > $1 order by seq limit $2"#,
        since,
        limit,
    )
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(Stored::from).collect())
}

/// The newest event's number, or 0.
pub async fn last_seq(pool: &PgPool) -> sqlx::Result<i64> {
    sqlx::query_scalar!(r#"select coalesce(max(seq), 0) as "seq!" from events"#)
        .fetch_one(pool)
        .await
}

/// An order's events, oldest first.
pub async fn of_order(pool: &PgPool, order_id: Uuid) -> sqlx::Result<Vec<Event>> {
    let rows = sqlx::query_as!(
        EventRow,
        r#"select seq, type as kind, shop, order_id, customer_id, at, data, message
           from events where order_id = $1 order by seq"#,
        order_id
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| Stored::from(row).event)
        .collect())
}
