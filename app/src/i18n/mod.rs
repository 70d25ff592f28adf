//! The languages Crema speaks, and the words it writes in each.
//!
//! Every language is one file (`en.rs`, `de.rs`) that fills the same typed tables
//! ([`Common`], [`Customer`], [`Staff`], [`Server`]): a missing entry does not compile, so it fails
//! the build and the tests, never a page. Words with values in them are functions.
//! Adding a language is its file and its line in `languages!` below.
//!
//! The server picks a page's language (`ssr::language`) and writes it in `<html lang>`;
//! the browser reads it back before hydrating ([`provide`]), so both render the same
//! words. Each app's bundle holds its own tables only: the phones' bundle never carries
//! the staff apps' words.

mod de;
mod en;
mod texts;

pub use texts::{Common, Customer, Server, Staff};

use serde::{Deserialize, Serialize};

/// Declares [`Lang`] from one line per language: its variant, tag, own name and file.
macro_rules! languages {
    ($($variant:ident = $tag:literal, $name:literal, $file:ident;)+) => {
        /// A language Crema has words for, by its BCP 47 primary tag.
        #[derive(
            Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize,
            utoipa::ToSchema,
        )]
        #[serde(rename_all = "lowercase")]
        pub enum Lang {
            #[default]
            $($variant,)+
        }

        impl Lang {
            /// Every language, in the order a person picks from.
            pub const ALL: &[Lang] = &[$(Lang::$variant),+];

            /// Its tag: `<html lang>`, the shop's `language` setting.
            pub fn tag(self) -> &'static str {
                match self { $(Lang::$variant => $tag,)+ }
            }

            /// Its name in itself, as a person looking for their language reads it.
            pub fn own_name(self) -> &'static str {
                match self { $(Lang::$variant => $name,)+ }
            }

            /// The words every app shares.
            pub fn common(self) -> &'static Common {
                match self { $(Lang::$variant => &$file::COMMON,)+ }
            }

            /// The customer app's words.
            pub fn customer(self) -> &'static Customer {
                match self { $(Lang::$variant => &$file::CUSTOMER,)+ }
            }

            /// The staff apps' words.
            pub fn staff(self) -> &'static Staff {
                match self { $(Lang::$variant => &$file::STAFF,)+ }
            }

            /// What only the server writes.
            pub fn server(self) -> &'static Server {
                match self { $(Lang::$variant => &$file::SERVER,)+ }
            }
        }
    };
}

languages! {
    En = "en", "English", en;
    De = "de", "Deutsch", de;
}

impl Lang {
    /// The language of a BCP 47 tag, matched on its primary subtag (`de-AT` is German).
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?;
        Lang::ALL
            .iter()
            .copied()
            .find(|lang| lang.tag().eq_ignore_ascii_case(primary))
    }

    /// The first language of an `Accept-Language` header that Crema speaks, by the
    /// weights the browser gave (`q=0` means "not this one").
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        let mut wanted: Vec<(f32, usize, Lang)> = header
            .split(',')
            .enumerate()
            .filter_map(|(at, item)| {
                let mut parts = item.split(';');
                let lang = Lang::from_tag(parts.next()?)?;
                let weight = parts
                    .find_map(|param| param.trim().strip_prefix("q="))
                    .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())?;
                (weight > 0.0).then_some((weight, at, lang))
            })
            .collect();
        // Heaviest first; among equals, the browser's order.
        wanted.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        wanted.first().map(|&(_, _, lang)| lang)
    }
}

/// Gives the app, in the browser, the language the server wrote in `<html lang>` (on the
/// server, the document around the app gives it: `ssr::document`).
pub fn provide() {
    #[cfg(feature = "hydrate")]
    {
        let lang = leptos::prelude::document()
            .document_element()
            .and_then(|html| html.get_attribute("lang"))
            .and_then(|tag| Lang::from_tag(&tag))
            .unwrap_or_default();
        leptos::prelude::provide_context(lang);
    }
}

/// The page's language. Read it (or its tables) while a component is created: a task
/// that outlives the render has no context to read it from.
pub fn lang() -> Lang {
    leptos::prelude::use_context::<Lang>().unwrap_or_default()
}

/// The page's words every app shares.
pub fn common() -> &'static Common {
    lang().common()
}

/// The page's customer-app words.
pub fn customer() -> &'static Customer {
    lang().customer()
}

/// The page's staff-app words.
pub fn staff() -> &'static Staff {
    lang().staff()
}

/// A stock's items for a sentence, each by its id and `state`'s words for what can be
/// ordered of it: `None` for nothing, else the portions left when counted.
fn stock_items(
    stock: &crate::model::Stock,
    state: impl Fn(Option<Option<u32>>) -> String,
) -> String {
    stock
        .drinks
        .iter()
        .chain(&stock.choices)
        .map(|(id, item)| {
            let left = item.orderable().then_some(item.remaining);
            format!("{id} {}", state(left))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

impl Customer {
    /// An order's event in this language, written from the typed event; the server's
    /// sentence for any other.
    pub fn event_text(&self, event: &crate::model::Event) -> String {
        (self.event)(&event.change).unwrap_or_else(|| event.message.clone())
    }
}

impl Common {
    /// An error in this language: the server's own sentence when it is the language the
    /// server writes (English), the table's for the error's code otherwise.
    pub fn error_text(&self, error: &crate::error::AppError) -> String {
        (self.error)(&error.code).map_or_else(|| error.message.clone(), str::to_owned)
    }
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
    fn every_language_round_trips_through_its_tag() {
        for &lang in Lang::ALL {
            assert_eq!(Lang::from_tag(lang.tag()), Some(lang));
            assert_eq!(serde_json::to_value(lang).expect("serializes"), lang.tag());
        }
    }

    #[test]
    fn accept_language_takes_the_heaviest_language_crema_speaks() {
        let cases = [
            ("de-DE,de;q=0.9,en;q=0.8", Some(Lang::De)),
            ("fr-FR,fr;q=0.9,de;q=0.7,en;q=0.8", Some(Lang::En)),
            ("en;q=0.5, de", Some(Lang::De)),
            ("de;q=0, en;q=0.1", Some(Lang::En)),
            ("fr, it", None),
            ("*", None),
            ("", None),
            ("de;q=abc, en", Some(Lang::En)),
        ];
        for (header, expected) in cases {
            assert_eq!(Lang::from_accept_language(header), expected, "{header}");
        }
    }

    /// Every language has words of its own: a table copied from English and left
    /// untranslated shows here, where the compiler cannot see it.
    #[test]
    fn every_language_but_english_translates_the_sentences() {
        for &lang in &Lang::ALL[1..] {
            let (en, other) = (Lang::En.customer(), lang.customer());
            assert_ne!(en.sign_in_title, other.sign_in_title, "{lang:?}");
            assert_ne!(en.start_my_order, other.start_my_order, "{lang:?}");
            assert_ne!(en.ready_title, other.ready_title, "{lang:?}");
            assert_ne!(Lang::En.staff().make, lang.staff().make, "{lang:?}");
            assert_ne!(Lang::En.common().loading, lang.common().loading, "{lang:?}");
            assert!((lang.common().error)("sold_out").is_some(), "{lang:?}");
        }
    }
}
