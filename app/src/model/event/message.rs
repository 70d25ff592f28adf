//! An event's sentence for a person, written from the event alone in a language: an
//! order's as the customer app writes it, a shop's as only the server does (`i18n`).

use super::Change;
use crate::i18n::Lang;

impl Change {
    /// One sentence for a person in `lang`: what happened, and why.
    pub fn message(&self, lang: Lang) -> String {
        (lang.customer().event)(self)
            .or_else(|| (lang.server().shop_event)(self))
            .unwrap_or_default()
    }
}
