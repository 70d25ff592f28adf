//! What admins send to set up a shop: its slug, name, menu and settings. Each body parses
//! once, and the same struct documents it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize, de::IgnoredAny};

use super::{Menu, SettingsPatch};
use crate::error::AppError;

/// A new shop: its slug and name, and any settings (the rest take their defaults).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct NewShop {
    pub slug: String,
    pub name: String,
    #[serde(default)]
    pub open: bool,
    #[serde(default)]
    pub menu: Menu,
    #[serde(flatten)]
    pub settings: SettingsPatch,
    /// Anything else is a mistake, refused by [`NewShop::check`].
    #[serde(flatten, skip_serializing)]
    #[schema(ignore)]
    pub unknown: BTreeMap<String, IgnoredAny>,
}

/// Any of a shop's settings, its name, and whether it is archived.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct ShopChanges {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// `true` archives the shop (its event has ended), `false` brings it back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archived: Option<bool>,
    #[serde(flatten)]
    pub settings: SettingsPatch,
    /// Anything else is a mistake, refused by [`ShopChanges::check`].
    #[serde(flatten, skip_serializing)]
    #[schema(ignore)]
    pub unknown: BTreeMap<String, IgnoredAny>,
}

impl NewShop {
    /// The shop's slug, name and menu as given, or the first fault, by its field.
    pub fn check(&self) -> Result<(), AppError> {
        refuse_unknown(&self.unknown)?;
        check_slug(self.slug.trim())?;
        check_name(&self.name)?;
        check_menu(&self.menu)
    }
}

impl ShopChanges {
    pub fn check(&self) -> Result<(), AppError> {
        refuse_unknown(&self.unknown)?;
        self.name.as_deref().map_or(Ok(()), check_name)
    }
}

fn refuse_unknown(unknown: &BTreeMap<String, IgnoredAny>) -> Result<(), AppError> {
    match unknown.keys().next() {
        None => Ok(()),
        Some(field) => Err(AppError::invalid(
            field,
            "invalid_settings",
            format!("A shop has no setting called “{field}”."),
        )),
    }
}

fn check_name(name: &str) -> Result<(), AppError> {
    if (1..=120).contains(&name.trim().chars().count()) {
        Ok(())
    } else {
        Err(AppError::invalid(
            "name",
            "invalid_name",
            "A shop's name has 1 to 120 characters.",
        ))
    }
}

/// Whether `slug` is a slug a shop can have: lowercase letters and digits in words
/// joined by dashes, at most 64 characters.
pub fn is_slug(slug: &str) -> bool {
    (1..=64).contains(&slug.len())
        && slug.split('-').all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

fn check_slug(slug: &str) -> Result<(), AppError> {
    if is_slug(slug) {
        Ok(())
    } else {
        Err(AppError::invalid(
            "slug",
            "invalid_slug",
            "A slug is lowercase letters and digits in words joined by dashes, like reinvent-2026.",
        ))
    }
}

/// The most characters of a drink's, group's or choice's name.
pub const MAX_MENU_NAME: usize = 60;

/// A name of 1 to [`MAX_MENU_NAME`] characters at `field`.
fn check_menu_name(name: &str, field: &str) -> Result<(), AppError> {
    if (1..=MAX_MENU_NAME).contains(&name.trim().chars().count()) {
        Ok(())
    } else {
        Err(AppError::invalid(
            &format!("{field}.name"),
            "invalid_menu",
            format!("A name on the menu has 1 to {MAX_MENU_NAME} characters."),
        ))
    }
}

/// Names of 1 to 60 characters, unique ids, one name and one flag per choice id (one
/// ingredient across the menu), and groups whose `min` ≤ `max` ≤ their choices.
pub fn check_menu(menu: &Menu) -> Result<(), AppError> {
    let mut seen = std::collections::HashMap::new();
    for (d, drink) in menu.iter().enumerate() {
        if drink.id.trim().is_empty() || menu[..d].iter().any(|other| other.id == drink.id) {
            return Err(AppError::invalid(
                &format!("menu[{d}].id"),
                "invalid_menu",
                "Each drink needs its own id.",
            ));
        }
        check_menu_name(&drink.name, &format!("menu[{d}]"))?;
        for (g, group) in drink.groups.iter().enumerate() {
            let field = format!("menu[{d}].groups[{g}]");
            check_menu_name(&group.name, &field)?;
            if group.min > group.max || group.max as usize > group.choices.len() {
                return Err(AppError::invalid(
                    &format!("{field}.max"),
                    "invalid_menu",
                    format!("{}: min ≤ max ≤ the number of choices.", group.name),
                ));
            }
            for (c, choice) in group.choices.iter().enumerate() {
                check_menu_name(&choice.name, &format!("{field}.choices[{c}]"))?;
                // One id is one ingredient across the menu: one name, one flag.
                match seen.insert(&choice.id, choice) {
                    Some(other)
                        if (&other.name, other.available) != (&choice.name, choice.available) =>
                    {
                        return Err(AppError::invalid(
                            &format!("{field}.choices[{c}]"),
                            "invalid_menu",
                            format!(
                                "The choice “{}” appears twice with a different name or availability.",
                                choice.id
                            ),
                        ));
                    }
                    _ => {}
                }
                if choice.id.trim().is_empty()
                    || group.choices[..c].iter().any(|other| other.id == choice.id)
                {
                    return Err(AppError::invalid(
                        &format!("{field}.choices[{c}].id"),
                        "invalid_menu",
                        "Each choice needs its own id.",
                    ));
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::model::ShopSettings;

    #[test]
    fn a_new_shop_takes_the_defaults_and_names_what_is_wrong() {
        let shop: NewShop =
            serde_json::from_value(json!({ "slug": "annex", "name": "Annex", "capacity": 5 }))
                .expect("parses");
        assert_eq!(shop.check(), Ok(()));
        let settings = shop.settings.apply(ShopSettings::default()).expect("valid");
        assert_eq!((settings.capacity, settings.code_window_s), (5, 300));

        let typo: NewShop =
            serde_json::from_value(json!({ "slug": "annex", "name": "Annex", "capacty": 5 }))
                .expect("parses");
        assert_eq!(
            typo.check().map_err(|err| err.field),
            Err(Some("capacty".to_owned()))
        );
    }
}
