//! An event's sentence for a person, written from the event alone, in English: an
//! order's as the customer app writes it (`i18n::en`), a shop's here.

use super::Change;
use crate::i18n::Lang;

impl Change {
    /// One sentence for a person: what happened, and why.
    pub fn message(&self) -> String {
        (Lang::En.customer().event)(self)
            .or_else(|| self.shop_message())
            .unwrap_or_default()
    }

    /// A shop's event as a sentence (`None`: an order's).
    fn shop_message(&self) -> Option<String> {
        Some(match self {
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
            _ => return None,
        })
    }
}
