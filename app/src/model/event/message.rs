//! An event's sentence for a person, written from the event alone.

use super::Change;
use crate::model::{Canceller, TimeoutCause};

impl Change {
    /// One sentence for a person: what happened, and why.
    pub fn message(&self) -> String {
        match self {
            Self::OrderCreated(e) => format!(
                "The order was started at {}; the customer has {} minutes to choose a drink.",
                e.shop_name,
                e.choose_s.div_ceil(60)
            ),
            Self::OrderQueued(e) => format!(
                "{} ordered: number {} is in the queue.",
                e.drink_name,
                e.order.number.unwrap_or_default()
            ),
            Self::OrderClaimed(e) => {
                format!("{} started making {}.", e.actor.label(), e.order.label())
            }
            Self::OrderReleased(e) => format!(
                "{} put {} back in the queue.",
                e.actor.label(),
                e.order.label()
            ),
            Self::OrderReady(e) => {
                format!("{} is ready: pick it up at the counter.", e.order.label())
            }
            Self::OrderRecalled(e) => format!(
                "{} took {} back to finish it.",
                e.actor.label(),
                e.order.label()
            ),
            Self::OrderCancelled(e) => match e.by {
                Canceller::Customer => format!("The customer cancelled {}.", e.order.label()),
                Canceller::Staff => format!(
                    "The baristas cancelled {}: {}.",
                    e.order.label(),
                    e.order.cancel_reason.as_deref().unwrap_or_default()
                ),
            },
            Self::OrderTimedOut(e) => match (e.cause, e.order.number) {
                (TimeoutCause::CustomerTimeout, _) => "No drink was chosen in time, so the \
                    order was closed. Scan the code again to start over."
                    .to_owned(),
                (TimeoutCause::BaristaTimeout, Some(number)) => format!(
                    "Sorry: the baristas could not make #{number} in time, so it was closed."
                ),
                (TimeoutCause::BaristaTimeout, None) => "Sorry: the baristas could not make \
                    this order in time, so it was closed."
                    .to_owned(),
            },
            Self::ShopOpened(e) => format!(
                "{} opened {}: orders are welcome.",
                e.actor.label(),
                e.shop_name
            ),
            Self::ShopClosed(e) => format!(
                "{} closed {}: no new orders for now.",
                e.actor.label(),
                e.shop_name
            ),
            Self::ShopUpdated(e) => {
                let what = if e.menu.is_some() { "menu" } else { "settings" };
                format!("{} changed the {what} of {}.", e.actor.label(), e.name)
            }
            Self::ShopArchived(e) if e.archived => format!(
                "{} archived {}: its event has ended.",
                e.actor.label(),
                e.shop_name
            ),
            Self::ShopArchived(e) => format!(
                "{} brought {} back from the archive.",
                e.actor.label(),
                e.shop_name
            ),
            Self::QrRedeemed(e) => format!(
                "Someone scanned the booth's code: {} drinks left on it.",
                e.remaining
            ),
            Self::StockChanged(e) => {
                let stock = &e.stock;
                let items: Vec<String> = stock
                    .drinks
                    .iter()
                    .chain(&stock.choices)
                    .map(|(id, item)| match (item.orderable(), item.remaining) {
                        (false, _) => format!("{id} sold out"),
                        (true, Some(left)) => format!("{id} {left} left"),
                        (true, None) => format!("{id} available"),
                    })
                    .collect();
                format!("Stock: {}.", items.join(", "))
            }
        }
    }
}
