//! What admins send to set up a shop: its slug, name, menu and settings. Each body parses
//! once, and the same struct documents it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize, de::IgnoredAny};

use super::{Menu, ShopSettings};
use crate::error::AppError;

/// A new shop: its slug and name, and any settings (the rest take their defaults).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
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
    #[cfg_attr(feature = "ssr", schema(ignore))]
    pub unknown: BTreeMap<String, IgnoredAny>,
}

/// Any of a shop's settings, and its name.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct ShopChanges {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(flatten)]
    pub settings: SettingsPatch,
    /// Anything else is a mistake, refused by [`ShopChanges::check`].
    #[serde(flatten, skip_serializing)]
    #[cfg_attr(feature = "ssr", schema(ignore))]
    pub unknown: BTreeMap<String, IgnoredAny>,
}

/// Some of a shop's settings; what is left out stays as it is. The fields are those of
/// [`ShopSettings`] (a test holds the two together); flattened into a body, the body's
/// `unknown` refuses any other.
/// Numbers are read as any integer and then held to their range, so that an error names
/// the setting (a flattened field's type error could not).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct SettingsPatch {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ssr", schema(minimum = 5, maximum = 3600))]
    pub customer_timeout_s: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ssr", schema(minimum = 5, maximum = 86400))]
    pub barista_timeout_s: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ssr", schema(minimum = 1, maximum = 1000))]
    pub capacity: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ssr", schema(minimum = 1, maximum = 10000))]
    pub drinks_per_code: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ssr", schema(minimum = 20, maximum = 3600))]
    pub code_window_s: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ssr", schema(minimum = 0, maximum = 600))]
    pub code_grace_s: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ssr", schema(minimum = 0, maximum = 100))]
    pub daily_limit: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ssr", schema(minimum = 5, maximum = 86400))]
    pub ready_retention_s: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
}

/// The contract's range of each numeric setting.
const RANGES: [(&str, u32, u32); 8] = [
    ("customer_timeout_s", 5, 3600),
    ("barista_timeout_s", 5, 86_400),
    ("capacity", 1, 1000),
    ("drinks_per_code", 1, 10_000),
    ("code_window_s", 20, 3600),
    ("code_grace_s", 0, 600),
    ("daily_limit", 0, 100),
    ("ready_retention_s", 5, 86_400),
];

impl SettingsPatch {
    /// `settings` with this patch's changes, each checked against its range (the time
    /// zone is the database's to know); a setting the patch leaves out is not checked,
    /// so a shop saved before the ranges existed can still be changed.
    pub fn apply(self, settings: ShopSettings) -> Result<ShopSettings, AppError> {
        let values = [
            (self.customer_timeout_s, settings.customer_timeout_s),
            (self.barista_timeout_s, settings.barista_timeout_s),
            (self.capacity, settings.capacity),
            (self.drinks_per_code, settings.drinks_per_code),
            (self.code_window_s, settings.code_window_s),
            (self.code_grace_s, settings.code_grace_s),
            (self.daily_limit, settings.daily_limit),
            (self.ready_retention_s, settings.ready_retention_s),
        ];
        // What the patch sets is held to its range; the rest stays as it was.
        let mut checked = [0_u32; RANGES.len()];
        for (((field, min, max), (new, old)), checked) in
            RANGES.iter().zip(values).zip(&mut checked)
        {
            let Some(value) = new else {
                *checked = old;
                continue;
            };
            *checked = u32::try_from(value)
                .ok()
                .filter(|value| (*min..=*max).contains(value))
                .ok_or_else(|| {
                    AppError::invalid(
                        field,
                        "invalid_settings",
                        format!("{field} must be between {min} and {max}."),
                    )
                })?;
        }
        let [
            customer_timeout_s,
            barista_timeout_s,
            capacity,
            drinks_per_code,
            code_window_s,
            code_grace_s,
            daily_limit,
            ready_retention_s,
        ] = checked;
        Ok(ShopSettings {
            customer_timeout_s,
            barista_timeout_s,
            capacity,
            drinks_per_code,
            code_window_s,
            code_grace_s,
            daily_limit,
            ready_retention_s,
            timezone: self
                .timezone
                .map_or(settings.timezone, |zone| zone.trim().to_owned()),
        })
    }
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

/// Names of 1 to 60 characters, unique ids, and groups whose `min` ≤ `max` ≤ their
/// choices.
pub fn check_menu(menu: &Menu) -> Result<(), AppError> {
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

    #[test]
    fn a_patch_names_every_setting() {
        // Every setting other than its default: one the patch lacks would stay default.
        let other = ShopSettings {
            customer_timeout_s: 60,
            barista_timeout_s: 600,
            capacity: 5,
            drinks_per_code: 3,
            code_window_s: 120,
            code_grace_s: 30,
            daily_limit: 2,
            ready_retention_s: 300,
            timezone: "Europe/Berlin".to_owned(),
        };
        let every = serde_json::to_value(&other).expect("serializes");

        let patch: SettingsPatch = serde_json::from_value(every).expect("every setting");

        assert_eq!(patch.apply(ShopSettings::default()), Ok(other));
    }

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

    #[cfg(feature = "ssr")]
    #[test]
    fn the_document_states_each_settings_range() {
        let schema = serde_json::to_value(<SettingsPatch as utoipa::PartialSchema>::schema())
            .expect("serializes");
        for (field, min, max) in RANGES {
            let property = &schema["properties"][field];
            assert_eq!(
                (&property["minimum"], &property["maximum"]),
                (&json!(min), &json!(max)),
                "{field}"
            );
        }
    }

    #[test]
    fn each_setting_keeps_to_its_range() {
        let field_of = |patch: serde_json::Value| {
            serde_json::from_value::<SettingsPatch>(patch)
                .expect("parses")
                .apply(ShopSettings::default())
                .map(|_| ())
                .map_err(|err| err.field.unwrap_or_default())
        };
        for (field, min, max) in RANGES {
            assert_eq!(field_of(json!({ field: min })), Ok(()), "{field} {min}");
            assert_eq!(field_of(json!({ field: max })), Ok(()), "{field} {max}");
            assert_eq!(field_of(json!({ field: max + 1 })), Err(field.to_owned()));
            assert_eq!(
                field_of(json!({ field: i64::from(min) - 1 })),
                Err(field.to_owned())
            );
            assert_eq!(
                field_of(json!({ field: 1_u64 << 40 })),
                Err(field.to_owned())
            );
        }
    }
}
