//! A change to some of a shop's settings, as admins send it, each setting held to the
//! contract's range.

use serde::{Deserialize, Serialize};

use super::ShopSettings;
use crate::{error::AppError, i18n::Lang};

/// Some of a shop's settings; what is left out stays as it is. The fields are those of
/// [`ShopSettings`] (a test holds the two together); flattened into a body, the body's
/// `unknown` refuses any other.
/// Numbers are read as any integer and then held to their range, so that an error names
/// the setting (a flattened field's type error could not).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct SettingsPatch {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(minimum = 5, maximum = 3600)]
    pub customer_timeout_s: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(minimum = 5, maximum = 86400)]
    pub barista_timeout_s: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(minimum = 1, maximum = 1000)]
    pub capacity: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(minimum = 1, maximum = 10000)]
    pub drinks_per_code: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(minimum = 20, maximum = 3600)]
    pub code_window_s: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(minimum = 0, maximum = 600)]
    pub code_grace_s: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(minimum = 0, maximum = 100)]
    pub daily_limit: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(minimum = 5, maximum = 86400)]
    pub ready_retention_s: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
    /// A BCP 47 tag Crema has translations for ("de-AT" is "de").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(example = "de")]
    pub language: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub names_on_board: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub how_it_works: Option<bool>,
}

/// The contract's range of each numeric setting.
pub const SETTING_RANGES: [(&str, u32, u32); 8] = [
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
    /// `settings` with this patch's changes, each held to its range (the time zone is the
    /// database's to know); a setting the patch leaves out is not checked, so a shop
    /// saved before the ranges existed can still be changed.
    pub fn apply(self, settings: ShopSettings) -> Result<ShopSettings, AppError> {
        let set = |field: &str, new: Option<i64>, old: u32| {
            let Some(value) = new else {
                return Ok(old);
            };
            let (_, min, max) = SETTING_RANGES
                .into_iter()
                .find(|(name, ..)| *name == field)
                .unwrap_or((field, 0, u32::MAX));
            u32::try_from(value)
                .ok()
                .filter(|value| (min..=max).contains(value))
                .ok_or_else(|| {
                    AppError::invalid(
                        field,
                        "invalid_settings",
                        format!("{field} must be between {min} and {max}."),
                    )
                })
        };
        Ok(ShopSettings {
            customer_timeout_s: set(
                "customer_timeout_s",
                self.customer_timeout_s,
                settings.customer_timeout_s,
            )?,
            barista_timeout_s: set(
                "barista_timeout_s",
                self.barista_timeout_s,
                settings.barista_timeout_s,
            )?,
            capacity: set("capacity", self.capacity, settings.capacity)?,
            drinks_per_code: set(
                "drinks_per_code",
                self.drinks_per_code,
                settings.drinks_per_code,
            )?,
            code_window_s: set("code_window_s", self.code_window_s, settings.code_window_s)?,
            code_grace_s: set("code_grace_s", self.code_grace_s, settings.code_grace_s)?,
            daily_limit: set("daily_limit", self.daily_limit, settings.daily_limit)?,
            ready_retention_s: set(
                "ready_retention_s",
                self.ready_retention_s,
                settings.ready_retention_s,
            )?,
            timezone: self
                .timezone
                .map_or(settings.timezone, |zone| zone.trim().to_owned()),
            language: match self.language {
                None => settings.language,
                Some(tag) => Lang::from_tag(&tag).ok_or_else(|| {
                    let known: Vec<_> = Lang::ALL.iter().map(|lang| lang.tag()).collect();
                    AppError::invalid(
                        "language",
                        "invalid_settings",
                        format!("language must be one of {}.", known.join(", ")),
                    )
                })?,
            },
            names_on_board: self.names_on_board.unwrap_or(settings.names_on_board),
            how_it_works: self.how_it_works.unwrap_or(settings.how_it_works),
        })
    }
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
            language: Lang::De,
            names_on_board: true,
            how_it_works: true,
        };
        let every = serde_json::to_value(&other).expect("serializes");

        let patch: SettingsPatch = serde_json::from_value(every).expect("every setting");

        assert_eq!(patch.apply(ShopSettings::default()), Ok(other));
    }

    #[test]
    fn the_document_states_each_settings_range() {
        let schema = serde_json::to_value(<SettingsPatch as utoipa::PartialSchema>::schema())
            .expect("serializes");
        for (field, min, max) in SETTING_RANGES {
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
        for (field, min, max) in SETTING_RANGES {
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

    #[test]
    fn the_language_is_one_crema_speaks() {
        let language = |tag: &str| {
            SettingsPatch {
                language: Some(tag.to_owned()),
                ..SettingsPatch::default()
            }
            .apply(ShopSettings::default())
            .map(|settings| settings.language)
            .map_err(|err| err.field.unwrap_or_default())
        };
        assert_eq!(language("de"), Ok(Lang::De));
        assert_eq!(language("de-AT"), Ok(Lang::De));
        assert_eq!(language("fr"), Err("language".to_owned()));
        assert_eq!(language(""), Err("language".to_owned()));
    }
}
