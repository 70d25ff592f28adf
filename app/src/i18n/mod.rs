//! The languages Crema speaks.

use serde::{Deserialize, Serialize};

/// A language Crema has translations for, by its BCP 47 primary tag.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    De,
}

impl Lang {
    /// Every language, in the order a person picks from.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::De];

    /// Its tag: `<html lang>`, the shop's `language` setting.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::De => "de",
        }
    }

    /// Its name in itself, as a person looking for their language reads it.
    pub fn own_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::De => "Deutsch",
        }
    }

    /// The language of a BCP 47 tag, matched on its primary subtag (`de-AT` is German).
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?;
        Lang::ALL
            .into_iter()
            .find(|lang| lang.tag().eq_ignore_ascii_case(primary))
    }

    /// The language a browser prefers most among those Crema speaks, from its
    /// `Accept-Language` header (by quality, then by order); none when it asks for none
    /// of them.
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        let mut wanted: Vec<(u16, usize, Lang)> = header
            .split(',')
            .enumerate()
            .filter_map(|(at, range)| {
                let mut parts = range.split(';');
                let lang = Lang::from_tag(parts.next()?)?;
                let quality = parts
                    .find_map(|param| param.trim().strip_prefix("q="))
                    .map_or(Some(1000), quality)?;
                (quality > 0).then_some((quality, at, lang))
            })
            .collect();
        wanted.sort_by_key(|&(quality, at, _)| (std::cmp::Reverse(quality), at));
        wanted.first().map(|&(.., lang)| lang)
    }
}

/// A quality value (`0.8`) in thousandths; none when it is not one.
fn quality(text: &str) -> Option<u16> {
    let value: f32 = text.trim().parse().ok()?;
    (0.0..=1.0)
        .contains(&value)
        .then(|| (value * 1000.0).round() as u16)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tag_is_matched_on_its_primary_subtag() {
        assert_eq!(Lang::from_tag("de"), Some(Lang::De));
        assert_eq!(Lang::from_tag("de-AT"), Some(Lang::De));
        assert_eq!(Lang::from_tag("EN_gb"), Some(Lang::En));
        assert_eq!(Lang::from_tag("fr"), None);
        assert_eq!(Lang::from_tag(""), None);
    }

    #[test]
    fn the_browsers_first_language_that_crema_speaks_wins() {
        let lang = Lang::from_accept_language;
        assert_eq!(lang("de-DE,de;q=0.9,en;q=0.8"), Some(Lang::De));
        assert_eq!(lang("fr-FR, fr;q=0.9, de;q=0.5, en;q=0.3"), Some(Lang::De));
        assert_eq!(lang("en;q=0.4, de;q=0.7"), Some(Lang::De));
        assert_eq!(lang("de;q=0, en"), Some(Lang::En));
        assert_eq!(lang("*"), None);
        assert_eq!(lang("fr, it;q=0.5"), None);
        assert_eq!(lang("de;q=banana"), None);
        assert_eq!(lang(""), None);
    }

    #[test]
    fn every_language_round_trips_through_its_tag() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_tag(lang.tag()), Some(lang));
            assert_eq!(serde_json::to_value(lang).expect("serializes"), lang.tag());
        }
    }
}
