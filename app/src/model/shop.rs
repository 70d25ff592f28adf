//! A shop: one coffee booth at one event, with its menu and settings.

use serde::{Deserialize, Serialize};

use crate::i18n::Lang;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Shop {
    /// The shop's address in URLs, like `reinvent-2026`.
    pub slug: String,
    pub name: String,
    /// Whether the booth takes orders right now.
    pub open: bool,
    /// Whether its event has ended: it is off the list of shops and takes no orders.
    #[serde(default)]
    pub archived: bool,
    pub menu: Vec<Drink>,
    pub settings: ShopSettings,
    /// The typical wait lately, from ordering to pickup (the median of the shop's
    /// recent orders); absent until some were made in the past hour.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wait_estimate_s: Option<u32>,
}

/// The drinks a shop offers.
pub type Menu = Vec<Drink>;

/// Every choice of every drink's groups, in the menu's order (an id may come more than
/// once: one ingredient in several groups).
pub fn choices(menu: &[Drink]) -> impl Iterator<Item = &Choice> {
    menu.iter()
        .flat_map(|drink| &drink.groups)
        .flat_map(|group| &group.choices)
}

/// As [`choices`], to change them.
pub fn choices_mut(menu: &mut [Drink]) -> impl Iterator<Item = &mut Choice> {
    menu.iter_mut()
        .flat_map(|drink| &mut drink.groups)
        .flat_map(|group| &mut group.choices)
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Drink {
    pub id: String,
    pub name: String,
    pub available: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub icon: Option<String>,
    #[serde(default)]
    pub groups: Vec<ModifierGroup>,
}

impl Drink {
    /// What can be chosen with it, for a menu line: "Milk · Syrup".
    pub fn group_names(&self) -> String {
        self.groups
            .iter()
            .map(|group| group.name.as_str())
            .collect::<Vec<_>>()
            .join(" · ")
    }
}

/// A question about a drink ("Milk?"), answered with between `min` and `max` choices.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ModifierGroup {
    pub id: String,
    pub name: String,
    pub min: u32,
    pub max: u32,
    pub choices: Vec<Choice>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub id: String,
    pub name: String,
    pub available: bool,
}

/// How a shop runs. Every field has the default of the API contract, so a shop stores
/// only what it changes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(default, deny_unknown_fields)]
pub struct ShopSettings {
    /// Seconds a customer has to choose a drink.
    pub customer_timeout_s: u32,
    /// Seconds the baristas have to make a queued order.
    pub barista_timeout_s: u32,
    /// Most orders in `awaiting_drink`, `queued` and `making` at once.
    pub capacity: u32,
    /// Orders one QR code can start.
    pub drinks_per_code: u32,
    /// Seconds a QR code is shown for.
    pub code_window_s: u32,
    /// Seconds after its window a QR code still starts orders (against its own window's
    /// drinks), so that a visitor who scanned it late can sign in first.
    pub code_grace_s: u32,
    /// Orders per customer per day that reached `ready`; 0 is unlimited.
    pub daily_limit: u32,
    /// Seconds a ready order stays on the boards.
    pub ready_retention_s: u32,
    /// The IANA time zone whose midnight starts the shop's day.
    pub timezone: String,
    /// The booth's language: its staff apps' and screen's, and the customer app's for a
    /// browser that asks for none Crema speaks.
    pub language: Lang,
    /// Whether the booth screen's Ready board shows the customers' names beside their
    /// numbers.
    pub names_on_board: bool,
    /// Whether `/how/{shop}`, the live picture of the workflow, is public (staff always
    /// see it).
    pub how_it_works: bool,
}

impl Shop {
    pub fn drink(&self, id: &str) -> Option<&Drink> {
        self.menu.iter().find(|drink| drink.id == id)
    }

    /// "Latte · Oat · Vanilla": the order's drink and choices by name, as the menu
    /// calls them (the ids, for what the menu no longer has).
    pub fn describe(&self, drink: &str, choices: &[String]) -> String {
        let Some(found) = self.drink(drink) else {
            return drink.to_owned();
        };
        std::iter::once(found.name.clone())
            .chain(choices.iter().map(|id| {
                found
                    .groups
                    .iter()
                    .flat_map(|group| &group.choices)
                    .find(|choice| &choice.id == id)
                    .map_or_else(|| id.clone(), |choice| choice.name.clone())
            }))
            .collect::<Vec<_>>()
            .join(" · ")
    }
}

impl ModifierGroup {
    /// Whether `count` choices satisfy the group.
    pub fn accepts(&self, count: u32) -> bool {
        (self.min..=self.max).contains(&count)
    }

    /// The group's rule for a person: "choose 1", "up to 2", "choose 1 to 3".
    pub fn rule(&self, lang: crate::i18n::Lang) -> String {
        (lang.customer().rule)(self.min, self.max)
    }
}

impl Default for ShopSettings {
    fn default() -> Self {
        Self {
            customer_timeout_s: 300,
            barista_timeout_s: 900,
            capacity: 20,
            drinks_per_code: 10,
            code_window_s: 300,
            code_grace_s: 120,
            daily_limit: 1,
            ready_retention_s: 600,
            timezone: "UTC".to_owned(),
            language: Lang::En,
            names_on_board: false,
            how_it_works: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_fill_missing_fields_with_the_contract_defaults() {
        let settings: ShopSettings =
            serde_json::from_str(r#"{"capacity": 5}"#).expect("valid settings");

        assert_eq!(settings.capacity, 5);
        assert_eq!(settings.customer_timeout_s, 300);
        assert_eq!(settings.timezone, "UTC");
    }

    #[test]
    fn settings_refuse_unknown_fields() {
        let err = serde_json::from_str::<ShopSettings>(r#"{"capacit": 5}"#)
            .expect_err("a misspelt setting is an error");

        assert!(err.to_string().contains("capacit"), "{err}");
    }
}
