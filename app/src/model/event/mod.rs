//! Events: every change, typed. [`EventKind`] names the contract's event types; a
//! [`Change`] is one kind with its payload, which holds who acted and every value the
//! event's sentence is made of, so the sentence can be written again from the event
//! alone (in another language, or for the live picture of the workflow).
//!
//! On the wire an event is `{seq, type, shop, order_id?, at, data, message}`: `type` is
//! the kind's name and `data` its payload.

mod message;
mod payload;

use serde::{Deserialize, Deserializer, Serialize, Serializer, ser::SerializeStruct};
use serde_json::{Value, value::RawValue};

pub use self::payload::{
    Actor, ActorKind, OrderCancelled, OrderCreated, OrderPosition, OrderQueued, OrderStep,
    OrderTimedOut, QrRedeemed, ShopArchived, ShopStatus, ShopUpdated,
};
use super::{Order, OrderId, StockChanged};

/// Declares the kinds once: each with its contract name and the type of its payload.
macro_rules! kinds {
    ($($(#[$doc:meta])* $kind:ident($payload:ty) = $name:literal,)*) => {
        /// The type of an event, as the contract names it.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[derive(utoipa::ToSchema)]
        pub enum EventKind {
            $($(#[$doc])* #[serde(rename = $name)] $kind,)*
        }

        impl EventKind {
            /// Every kind: what a browser's `EventSource` listens for.
            pub const ALL: &'static [Self] = &[$(Self::$kind),*];

            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Self::$kind => $name,)*
                }
            }
        }

        /// What happened: an event's kind with its payload.
        #[derive(Clone, Debug, PartialEq)]
        pub enum Change {
            $($(#[$doc])* $kind($payload),)*
        }

        /// A change serializes as its payload: the event's `data`.
        impl Serialize for Change {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                match self {
                    $(Self::$kind(payload) => payload.serialize(serializer),)*
                }
            }
        }

        impl Change {
            pub fn kind(&self) -> EventKind {
                match self {
                    $(Self::$kind(_) => EventKind::$kind,)*
                }
            }

            /// Who acted.
            pub fn actor(&self) -> &Actor {
                match self {
                    $(Self::$kind(payload) => &payload.actor,)*
                }
            }

            /// The payload as the event's `data`.
            pub fn data(&self) -> serde_json::Result<Value> {
                serde_json::to_value(self)
            }

            /// The change an event of `kind` with `data` describes, read straight into
            /// the kind's payload (the log's JSON on the server, a frame's text in the
            /// browser).
            pub fn from_parts<'de, D: Deserializer<'de>>(
                kind: EventKind,
                data: D,
            ) -> Result<Self, D::Error> {
                match kind {
                    $(EventKind::$kind => <$payload>::deserialize(data).map(Self::$kind),)*
                }
            }
        }
    };
}

/// The order a change carries, by reference, or (`mut`) to change.
macro_rules! carried_order {
    ($change:expr $(, $mut:tt)?) => {
        match $change {
            Self::OrderCreated(e) => Some(&$($mut)? e.order),
            Self::OrderQueued(e) => Some(&$($mut)? e.order),
            Self::OrderClaimed(e)
            | Self::OrderReleased(e)
            | Self::OrderReady(e)
            | Self::OrderRecalled(e)
            | Self::OrderPickedUp(e) => Some(&$($mut)? e.order),
            Self::OrderCancelled(e) => Some(&$($mut)? e.order),
            Self::OrderTimedOut(e) => Some(&$($mut)? e.order),
            Self::OrderPosition(_)
            | Self::ShopOpened(_)
            | Self::ShopClosed(_)
            | Self::ShopUpdated(_)
            | Self::ShopArchived(_)
            | Self::QrRedeemed(_)
            | Self::StockChanged(_) => None,
        }
    };
}

kinds! {
    /// A customer started an order with the booth's code.
    OrderCreated(OrderCreated) = "order.created",
    /// The customer chose: the order has its number and waits for a barista.
    OrderQueued(OrderQueued) = "order.queued",
    OrderClaimed(OrderStep) = "order.claimed",
    OrderReleased(OrderStep) = "order.released",
    OrderReady(OrderStep) = "order.ready",
    OrderRecalled(OrderStep) = "order.recalled",
    OrderCancelled(OrderCancelled) = "order.cancelled",
    OrderTimedOut(OrderTimedOut) = "order.timed_out",
    /// A ready order was handed over: it leaves the boards.
    OrderPickedUp(OrderStep) = "order.picked_up",
    /// A queued order moved in the line: for its customer alone.
    OrderPosition(OrderPosition) = "order.position",
    ShopOpened(ShopStatus) = "shop.opened",
    ShopClosed(ShopStatus) = "shop.closed",
    /// The shop's name, settings or menu changed.
    ShopUpdated(ShopUpdated) = "shop.updated",
    /// The shop's event ended (it takes no more orders), or it came back.
    ShopArchived(ShopArchived) = "shop.archived",
    /// Someone started an order with the booth's code: it has fewer drinks left.
    QrRedeemed(QrRedeemed) = "qr.redeemed",
    /// Drinks or choices sold out, back, or counted: the items as they became.
    StockChanged(StockChanged) = "stock.changed",
}

impl Change {
    /// The order as the change left it, for the kinds that change one.
    pub fn order(&self) -> Option<&Order> {
        carried_order!(self)
    }

    /// The order it is about, if any.
    pub fn order_id(&self) -> Option<OrderId> {
        match self {
            Self::OrderPosition(e) => Some(e.order_id),
            _ => self.order().map(|order| order.id),
        }
    }

    /// The order the change left, to fill in what is not logged (the customer's name).
    pub fn order_mut(&mut self) -> Option<&mut Order> {
        carried_order!(self, mut)
    }

    /// Leaves the customer's name out of the order it carries.
    pub fn forget_name(&mut self) {
        if let Some(order) = self.order_mut() {
            order.customer_name = None;
        }
    }

    /// Whether it is about the shop rather than one order: what customers who ordered
    /// there follow too.
    pub fn is_shop_status(&self) -> bool {
        self.kind().is_shop_status()
    }
}

impl EventKind {
    /// See [`Change::is_shop_status`]; the database's `event_is_shop_status` says the same.
    pub fn is_shop_status(self) -> bool {
        matches!(
            self,
            Self::ShopOpened
                | Self::ShopClosed
                | Self::ShopUpdated
                | Self::ShopArchived
                | Self::StockChanged
        )
    }
}

/// One change, as the log and the live streams carry it.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(try_from = "EventWire")]
pub struct Event {
    /// Only grows, in commit order: the SSE `id`.
    pub seq: i64,
    pub shop: String,
    pub order_id: Option<OrderId>,
    /// RFC 3339, UTC.
    pub at: String,
    pub change: Change,
    /// One sentence for a person: what happened, and why.
    pub message: String,
}

impl Event {
    pub fn kind(&self) -> EventKind {
        self.change.kind()
    }
}

/// An event as JSON has it.
#[derive(Deserialize, utoipa::ToSchema)]
#[schema(as = Event)]
pub struct EventWire {
    seq: i64,
    #[serde(rename = "type")]
    kind: EventKind,
    shop: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    order_id: Option<OrderId>,
    at: String,
    /// The kind's payload; it always names who acted (`actor`). Kept as text until
    /// `type` says what it is, so it is read once, into its type.
    #[schema(value_type = Object)]
    data: Box<RawValue>,
    message: String,
}

impl TryFrom<EventWire> for Event {
    type Error = serde_json::Error;

    fn try_from(wire: EventWire) -> Result<Self, Self::Error> {
        Ok(Self {
            seq: wire.seq,
            shop: wire.shop,
            order_id: wire.order_id,
            at: wire.at,
            change: Change::from_parts(
                wire.kind,
                &mut serde_json::Deserializer::from_str(wire.data.get()),
            )?,
            message: wire.message,
        })
    }
}

/// As [`EventWire`] reads, written straight from the typed change (every frame of a
/// stream is one).
impl Serialize for Event {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut event = serializer.serialize_struct("Event", 7)?;
        event.serialize_field("seq", &self.seq)?;
        event.serialize_field("type", &self.kind())?;
        event.serialize_field("shop", &self.shop)?;
        match &self.order_id {
            Some(id) => event.serialize_field("order_id", id)?,
            None => event.skip_field("order_id")?,
        }
        event.serialize_field("at", &self.at)?;
        event.serialize_field("data", &self.change)?;
        event.serialize_field("message", &self.message)?;
        event.end()
    }
}

#[cfg(test)]
mod tests;
