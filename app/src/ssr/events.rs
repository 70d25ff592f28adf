//! The event log: every change, appended in the transaction that makes it, through one
//! path: a batch of [`NewEvent`]s, whose rows the database's `event_rows` makes.

use std::{borrow::Cow, collections::HashMap};

use chrono::{DateTime, SecondsFormat, Utc};
use serde::Serialize;
use serde_json::Value;
use sqlx::{PgConnection, PgPool, types::Json};
use uuid::Uuid;

use crate::{
    error::AppError,
    i18n::Lang,
    model::{Change, Event, EventKind, OrderId, ShopUpdated, UserId},
};

/// The channel that tells every server instance new events are in the log.
pub const CHANNEL: &str = "crema_events";

/// An event about to be written.
#[derive(Clone, Debug)]
pub struct NewEvent {
    pub shop: String,
    /// When it happened; the commit's time when `None`.
    pub at: Option<DateTime<Utc>>,
    /// The customer whose order it is: their stream shows it.
    pub customer_id: Option<UserId>,
    pub change: Change,
}

impl NewEvent {
    /// An event about the shop as a whole.
    pub fn of_shop(shop: &str, change: Change) -> Self {
        Self {
            shop: shop.to_owned(),
            at: None,
            customer_id: None,
            change: unnamed(change),
        }
    }

    /// An event of an order of `customer` at `shop`, which changed `at`: their stream
    /// shows it.
    pub fn of_order(shop: &str, customer: UserId, at: DateTime<Utc>, change: Change) -> Self {
        Self {
            shop: shop.to_owned(),
            at: Some(at),
            customer_id: Some(customer),
            change: unnamed(change),
        }
    }
}

/// The change without its customer's name: the log never holds it (the customer's name
/// is read from them, and erased with them).
fn unnamed(mut change: Change) -> Change {
    change.forget_name();
    change
}

/// A row of `event_rows`' batch.
#[derive(Serialize)]
pub struct Row<'a> {
    #[serde(rename = "type")]
    kind: EventKind,
    shop: &'a str,
    order_id: Option<OrderId>,
    customer_id: Option<UserId>,
    at: Option<DateTime<Utc>>,
    data: &'a Change,
}

/// The events as the batch `event_rows` takes, in order: bound as JSON, written straight
/// from the typed changes.
pub fn batch(events: &[NewEvent]) -> Json<Vec<Row<'_>>> {
    Json(
        events
            .iter()
            .map(|event| Row {
                kind: event.change.kind(),
                shop: &event.shop,
                order_id: event.change.order_id(),
                customer_id: event.customer_id,
                at: event.at,
                data: &event.change,
            })
            .collect(),
    )
}

/// Appends `events`, in order, to the inbox, in the transaction that makes the change;
/// commit it with [`Sequencer::commit`], which numbers the events and publishes them.
///
/// [`Sequencer::commit`]: super::sequencer::Sequencer::commit
pub async fn append(tx: &mut PgConnection, events: &[NewEvent]) -> Result<(), AppError> {
    let batch = batch(events);
    sqlx::query!(
        "insert into event_inbox (type, shop, order_id, customer_id, at, data)
         select * from event_rows($1)",
        batch as _
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
    /// With its customer's name, when they gave one.
    pub event: Event,
    /// The customer whose order it is.
    pub customer_id: Option<Uuid>,
    /// Whether its shop's booth screens show customers' names.
    pub names_on_board: bool,
}

/// Who a live stream is for, and so which events it carries.
#[derive(Clone, Debug)]
pub enum Audience {
    /// A shop's staff: every event of the shop. A booth screen sees customers' names only
    /// when the shop shows them.
    Shop { slug: String, screen: bool },
    /// The operator's console: every event of every shop.
    Every,
    /// A customer: their own orders' events, and the status of the shops they ordered
    /// from. Never another customer's order, nor the QR code's.
    Customer { id: Uuid, shops: Vec<String> },
    /// Anyone watching how the shop works (`/how/{shop}`): its orders' steps and its
    /// opening and closing, without who the customers are; for anyone but its `staff`,
    /// over (`off`) once the shop stops showing it.
    Public {
        slug: String,
        staff: bool,
        off: bool,
    },
}

impl Audience {
    /// Whether the stream should end: the shop stopped showing how it works.
    pub fn is_over(&self) -> bool {
        matches!(self, Self::Public { off: true, .. })
    }

    pub async fn customer(pool: &PgPool, id: UserId) -> sqlx::Result<Self> {
        let shops = sqlx::query_scalar!(
            "select distinct shop from orders where customer_id = $1",
            id.0
        )
        .fetch_all(pool)
        .await?;
        Ok(Self::Customer { id: id.0, shops })
    }

    /// Whether this audience sees `stored`; a customer's first order at a shop also
    /// starts them following that shop's status.
    pub fn admits(&mut self, stored: &Stored) -> bool {
        match self {
            // A customer's place in the line is theirs alone.
            _ if stored.event.kind() == EventKind::OrderPosition
                && !matches!(self, Self::Customer { .. }) =>
            {
                false
            }
            Self::Shop { slug, .. } => stored.event.shop == *slug,
            Self::Public { slug, staff, off } => {
                if stored.event.shop != *slug {
                    return false;
                }
                if let Change::ShopUpdated(ShopUpdated {
                    settings: Some(settings),
                    ..
                }) = &stored.event.change
                {
                    *off = !settings.how_it_works && !*staff;
                }
                stored.event.change.order().is_some()
                    || matches!(
                        stored.event.kind(),
                        EventKind::ShopOpened | EventKind::ShopClosed
                    )
            }
            Self::Every => true,
            Self::Customer { id, shops } => {
                if stored.customer_id == Some(*id) {
                    if !shops.contains(&stored.event.shop) {
                        shops.push(stored.event.shop.clone());
                    }
                    true
                } else {
                    stored.event.change.is_shop_status() && shops.contains(&stored.event.shop)
                }
            }
        }
    }
}

impl Audience {
    /// `stored`'s event as this audience sees it: without the customer's name on a
    /// screen whose shop keeps names off the board.
    pub fn sees<'a>(&self, stored: &'a Stored) -> Cow<'a, Event> {
        if let Self::Public { .. } = self {
            let mut event = stored.event.clone();
            event.change.forget_name();
            if let Some(order) = event.change.order_mut() {
                order.customer_id = UserId(Uuid::nil());
            }
            return Cow::Owned(event);
        }
        let hidden = matches!(self, Self::Shop { screen: true, .. }) && !stored.names_on_board;
        let named = stored
            .event
            .change
            .order()
            .is_some_and(|order| order.customer_name.is_some());
        if hidden && named {
            let mut event = stored.event.clone();
            event.change = unnamed(event.change);
            Cow::Owned(event)
        } else {
            Cow::Borrowed(&stored.event)
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
    message: Option<String>,
}

impl EventRow {
    /// The typed event, with its customer's `name`; its sentence written from it in its
    /// shop's language, unless it was stored with one. A row that is not an event of this
    /// version's kinds is logged and left out.
    fn into_stored(self, shop: ShopWords, name: Option<&String>) -> Option<Stored> {
        let change = serde_json::from_value(Value::String(self.kind))
            .and_then(|kind| Change::from_parts(kind, self.data));
        match change {
            Ok(mut change) => Some(Stored {
                event: Event {
                    seq: self.seq,
                    shop: self.shop,
                    order_id: self.order_id.map(OrderId),
                    at: rfc3339(self.at),
                    message: self.message.unwrap_or_else(|| change.message(shop.lang)),
                    change: {
                        if let Some(order) = change.order_mut() {
                            order.customer_name = name.cloned();
                        }
                        change
                    },
                },
                customer_id: self.customer_id,
                names_on_board: shop.names_on_board,
            }),
            Err(err) => {
                tracing::error!(seq = self.seq, error = %err, "an event this version cannot read");
                None
            }
        }
    }
}

/// A page of the log.
pub struct Page {
    /// Oldest first.
    pub events: Vec<Stored>,
    /// The last seq read (a reader goes on after it, whether or not its event read).
    pub last: Option<i64>,
    /// Whether the page was full: more may follow.
    pub full: bool,
}

impl Page {
    async fn of(pool: &PgPool, rows: Vec<EventRow>, limit: i64) -> sqlx::Result<Self> {
        Ok(Self {
            last: rows.last().map(|row| row.seq),
            full: rows.len() as i64 == limit,
            events: typed(pool, rows).await?,
        })
    }
}

/// What an event's shop decides about how it reads.
#[derive(Clone, Copy, Default)]
struct ShopWords {
    /// Its sentences' (the API's `message` speaks the shop's language).
    lang: Lang,
    names_on_board: bool,
}

/// The rows' typed events, each sentence in its shop's language, each order with its
/// customer's name as it is now (one query for the page's shops, one for its customers).
async fn typed(pool: &PgPool, rows: Vec<EventRow>) -> sqlx::Result<Vec<Stored>> {
    let mut shops: Vec<&str> = rows.iter().map(|row| row.shop.as_str()).collect();
    shops.sort_unstable();
    shops.dedup();
    let mut customers: Vec<Uuid> = rows.iter().filter_map(|row| row.customer_id).collect();
    customers.sort_unstable();
    customers.dedup();
    let words: HashMap<String, ShopWords> = if shops.is_empty() {
        HashMap::new()
    } else {
        sqlx::query_as::<_, (String, Option<String>, Option<bool>)>(
            "select slug, settings ->> 'language', (settings ->> 'names_on_board')::boolean
             from shops where slug = any($1)",
        )
        .bind(&shops)
        .fetch_all(pool)
        .await?
        .into_iter()
        .map(|(slug, tag, names)| {
            let lang = tag.as_deref().and_then(Lang::from_tag).unwrap_or_default();
            let names_on_board = names.unwrap_or_default();
            (
                slug,
                ShopWords {
                    lang,
                    names_on_board,
                },
            )
        })
        .collect()
    };
    let names: HashMap<Uuid, String> = if customers.is_empty() {
        HashMap::new()
    } else {
        sqlx::query_as::<_, (Uuid, String)>(
            "select id, display_name from users
             where id = any($1) and display_name is not null",
        )
        .bind(&customers)
        .fetch_all(pool)
        .await?
        .into_iter()
        .collect()
    };
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            let shop = words.get(&row.shop).copied().unwrap_or_default();
            let name = row.customer_id.and_then(|id| names.get(&id));
            row.into_stored(shop, name)
        })
        .collect())
}

/// Every event after `since`, oldest first, at most `limit`: what each instance fans out.
pub async fn after(pool: &PgPool, since: i64, limit: i64) -> sqlx::Result<Page> {
    let rows = sqlx::query_as!(
        EventRow,
        r#"select seq, type as kind, shop, order_id, customer_id, at, data, message
           from events where seq > $1 order by seq limit $2"#,
        since,
        limit,
    )
    .fetch_all(pool)
    .await?;
    Page::of(pool, rows, limit).await
}

/// The events after `since` that `audience` may see, oldest first, at most `limit`:
/// read on the indexes of the audience's own events, never over the rest of the log.
pub async fn replay(
    pool: &PgPool,
    audience: &Audience,
    since: i64,
    limit: i64,
) -> sqlx::Result<Page> {
    let rows = match audience {
        Audience::Every => return after(pool, since, limit).await,
        Audience::Shop { slug: shop, .. } | Audience::Public { slug: shop, .. } => {
            sqlx::query_as!(
                EventRow,
                r#"select seq, type as kind, shop, order_id, customer_id, at, data, message
                   from events where shop = $1 and seq > $2 order by seq limit $3"#,
                shop,
                since,
                limit,
            )
            .fetch_all(pool)
            .await?
        }
        // Their orders' events, and the status of their shops: two index scans, merged.
        Audience::Customer { id, shops } => {
            sqlx::query_as!(
                EventRow,
                r#"select seq as "seq!", kind as "kind!", shop as "shop!", order_id,
                          customer_id, at as "at!", data as "data!", message
                   from (
                       (select seq, type as kind, shop, order_id, customer_id, at, data, message
                        from events where customer_id = $1 and seq > $3
                        order by seq limit $4)
                       union all
                       (select seq, type, shop, order_id, customer_id, at, data, message
                        from events
                        where event_is_shop_status(type) and shop = any($2) and seq > $3
                        order by seq limit $4)
                   ) mine
                   order by seq limit $4"#,
                id,
                shops,
                since,
                limit,
            )
            .fetch_all(pool)
            .await?
        }
    };
    Page::of(pool, rows, limit).await
}

/// The shop's newest order events (none of them a customer's place in the line), oldest
/// first, at most `limit`, as `audience` sees them.
pub async fn newest_of_shop(
    pool: &PgPool,
    audience: &Audience,
    shop: &str,
    limit: i64,
) -> sqlx::Result<Vec<Event>> {
    let mut rows = sqlx::query_as!(
        EventRow,
        r#"select seq, type as kind, shop, order_id, customer_id, at, data, message
           from events
           where shop = $1 and order_id is not null and type <> 'order.position'
           order by seq desc limit $2"#,
        shop,
        limit,
    )
    .fetch_all(pool)
    .await?;
    rows.reverse();
    Ok(typed(pool, rows)
        .await?
        .iter()
        .map(|stored| audience.sees(stored).into_owned())
        .collect())
}

/// The newest event's number, or 0.
pub async fn last_seq(pool: &PgPool) -> sqlx::Result<i64> {
    sqlx::query_scalar!(r#"select coalesce(max(seq), 0) as "seq!" from events"#)
        .fetch_one(pool)
        .await
}

/// An order's events, oldest first.
pub async fn of_order(pool: &PgPool, order_id: OrderId) -> sqlx::Result<Vec<Event>> {
    let rows = sqlx::query_as!(
        EventRow,
        r#"select seq, type as kind, shop, order_id, customer_id, at, data, message
           from events where order_id = $1 and type <> 'order.position' order by seq"#,
        order_id.0
    )
    .fetch_all(pool)
    .await?;
    Ok(typed(pool, rows)
        .await?
        .into_iter()
        .map(|stored| stored.event)
        .collect())
}
