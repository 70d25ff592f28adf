//! Stock: whether each drink and each choice id can be ordered, and the portions left
//! where the counter counts them.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{Actor, Menu, choices, choices_mut};
use crate::error::AppError;

/// One drink's or choice's stock.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct StockItem {
    pub available: bool,
    /// Portions left; absent when not counted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remaining: Option<u32>,
}

/// At or under this many portions left, an item shows as low.
pub const LOW_PORTIONS: u32 = 5;

impl StockItem {
    /// Still orderable, with few portions left.
    pub fn is_low(self) -> bool {
        self.orderable() && self.remaining.is_some_and(|left| left <= LOW_PORTIONS)
    }

    /// Whether it can be ordered now.
    pub fn orderable(self) -> bool {
        self.available && self.remaining != Some(0)
    }
}

/// Items by id.
pub type StockItems = BTreeMap<String, StockItem>;

/// A shop's stock: every drink and choice id of its menu.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Stock {
    pub drinks: StockItems,
    pub choices: StockItems,
}

impl Stock {
    /// The items of `menu` only; an item the stock does not know keeps the menu's flag.
    pub fn of_menu(&self, menu: &Menu) -> Self {
        let item = |known: &StockItems, id: &str, available| {
            let item = known.get(id).copied();
            (
                id.to_owned(),
                item.unwrap_or(StockItem {
                    available,
                    remaining: None,
                }),
            )
        };
        Self {
            drinks: menu
                .iter()
                .map(|drink| item(&self.drinks, &drink.id, drink.available))
                .collect(),
            choices: choices(menu)
                .map(|choice| item(&self.choices, &choice.id, choice.available))
                .collect(),
        }
    }

    /// Marks the items of `menu` this stock knows as customers see them: `available`
    /// when they can be ordered now. (A `stock.changed` event's items update an open menu
    /// the same way.)
    pub fn mark_menu(&self, menu: &mut Menu) {
        self.mark(menu, StockItem::orderable);
    }

    /// Marks the items of `menu` this stock knows with their own flag, as the menu
    /// editor shows them: sold out at the counter, not merely counted down to 0.
    pub fn flag_menu(&self, menu: &mut Menu) {
        self.mark(menu, |item| item.available);
    }

    fn mark(&self, menu: &mut Menu, flag: impl Fn(StockItem) -> bool) {
        let mark = |known: &StockItems, id: &str, available: &mut bool| {
            if let Some(item) = known.get(id) {
                *available = flag(*item);
            }
        };
        for drink in menu.iter_mut() {
            mark(&self.drinks, &drink.id, &mut drink.available);
        }
        for choice in choices_mut(menu) {
            mark(&self.choices, &choice.id, &mut choice.available);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.drinks.is_empty() && self.choices.is_empty()
    }

    /// Takes in the items of a `stock.changed` event.
    pub fn merge(&mut self, changed: &Self) {
        self.drinks.extend(changed.drinks.clone());
        self.choices.extend(changed.choices.clone());
    }
}

/// `PATCH …/stock`: changes by drink and choice id.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct StockPatch {
    pub drinks: BTreeMap<String, StockChange>,
    pub choices: BTreeMap<String, StockChange>,
}

/// What changes of one item; what is absent stays.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct StockChange {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub available: Option<bool>,
    /// A count of portions left, or `null` to stop counting.
    #[serde(
        deserialize_with = "super::present",
        skip_serializing_if = "Option::is_none"
    )]
    #[schema(value_type = Option<u32>)]
    pub remaining: Option<Option<i64>>,
}

/// The most portions a count may start from.
pub const MAX_PORTIONS: i64 = 100_000;

impl StockPatch {
    /// Every id on `menu`, and every count from 0 to [`MAX_PORTIONS`]; the error names
    /// the field (`drinks.oat.remaining`).
    pub fn check(&self, menu: &Menu) -> Result<(), AppError> {
        let known = Stock::default().of_menu(menu);
        for (kind, changes, ids) in [
            ("drinks", &self.drinks, &known.drinks),
            ("choices", &self.choices, &known.choices),
        ] {
            for (id, change) in changes {
                if !ids.contains_key(id) {
                    return Err(AppError::invalid(
                        &format!("{kind}.{id}"),
                        "unknown_item",
                        format!("“{id}” is not on the menu."),
                    ));
                }
                if let Some(Some(count)) = change.remaining
                    && !(0..=MAX_PORTIONS).contains(&count)
                {
                    return Err(AppError::invalid(
                        &format!("{kind}.{id}.remaining"),
                        "invalid_count",
                        format!("A count of portions is between 0 and {MAX_PORTIONS}."),
                    ));
                }
            }
        }
        Ok(())
    }

    pub fn is_empty(&self) -> bool {
        self.drinks.is_empty() && self.choices.is_empty()
    }
}

/// The `stock.changed` event: the items as they became.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(from = "StockChangedWire")]
pub struct StockChanged {
    pub actor: Actor,
    #[serde(flatten)]
    pub stock: Stock,
}

/// [`StockChanged`] as read, its stock's fields spelled out: read through
/// `#[serde(flatten)]`, every payload would be buffered first, and the phones' bundle
/// would carry serde's code for it.
#[derive(Deserialize)]
struct StockChangedWire {
    #[serde(default)]
    actor: Actor,
    drinks: StockItems,
    choices: StockItems,
}

impl From<StockChangedWire> for StockChanged {
    fn from(wire: StockChangedWire) -> Self {
        Self {
            actor: wire.actor,
            stock: Stock {
                drinks: wire.drinks,
                choices: wire.choices,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::ssr::seed::demo_menu;

    fn item(available: bool, remaining: Option<u32>) -> StockItem {
        StockItem {
            available,
            remaining,
        }
    }

    #[test]
    fn a_count_at_zero_sells_out_and_the_menu_shows_it() {
        let mut stock = Stock::default();
        stock.choices.insert("oat".into(), item(true, Some(0)));
        stock.drinks.insert("latte".into(), item(true, Some(3)));
        stock
            .drinks
            .insert("mocha-not-on-menu".into(), item(true, None));
        let mut menu = demo_menu();
        stock.mark_menu(&mut menu);

        let latte = menu.iter().find(|d| d.id == "latte").expect("latte");
        assert!(latte.available);
        let oat = latte
            .groups
            .iter()
            .flat_map(|g| &g.choices)
            .find(|c| c.id == "oat");
        assert_eq!(oat.map(|c| c.available), Some(false));

        let shown = stock.of_menu(&demo_menu());
        assert!(!shown.drinks.contains_key("mocha-not-on-menu"));
        assert_eq!(shown.drinks["latte"], item(true, Some(3)));
        // Not known to the stock: the menu's own flag.
        assert_eq!(shown.drinks["iced-latte"], item(false, None));
    }

    #[test]
    fn a_patch_names_an_unknown_id_or_a_bad_count() {
        let patch = |value| serde_json::from_value::<StockPatch>(value).expect("parses");
        let field = |value| patch(value).check(&demo_menu()).map_err(|err| err.field);

        assert_eq!(
            field(json!({ "choices": { "oat": { "remaining": 24 } } })),
            Ok(())
        );
        assert_eq!(
            field(json!({ "choices": { "oat": { "remaining": null } } })),
            Ok(())
        );
        assert_eq!(
            field(json!({ "choices": { "rum": { "available": false } } })),
            Err(Some("choices.rum".into()))
        );
        assert_eq!(
            field(json!({ "drinks": { "latte": { "remaining": -1 } } })),
            Err(Some("drinks.latte.remaining".into()))
        );
        assert_eq!(
            patch(json!({ "choices": { "oat": { "remaining": null } } })).choices["oat"].remaining,
            Some(None)
        );
        assert_eq!(
            patch(json!({ "choices": { "oat": {} } })).choices["oat"].remaining,
            None
        );
    }
}
