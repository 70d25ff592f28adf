//! Which language a page speaks ("Languages" in the API's contract): the customer app the
//! first of the browser's `Accept-Language` that Crema speaks, else the shop's; the
//! barista board and the booth screen the shop's. The pages not translated yet (the
//! console, the home page, the dev mailbox) say English, as they are.

use axum::{
    extract::{Request, State},
    http::{
        HeaderMap, HeaderValue,
        header::{ACCEPT_LANGUAGE, VARY},
        request::Parts,
    },
    middleware::Next,
    response::Response,
};
use leptos::prelude::use_context;
use sqlx::PgPool;

use crate::{i18n::Lang, ssr::AppState};

/// A page that speaks a shop's language: whose, and for whom.
#[derive(Debug, PartialEq, Eq)]
enum Page<'a> {
    /// The customer app: the browser's language comes first.
    Customer(&'a str),
    /// A staff app or the booth screen: the shop's.
    Booth(&'a str),
}

impl<'a> Page<'a> {
    fn of(path: &'a str) -> Option<Self> {
        let mut segments = path.trim_start_matches('/').split('/');
        let (app, shop) = (segments.next()?, segments.next()?);
        if shop.is_empty() {
            return None;
        }
        match app {
            "order" => Some(Self::Customer(shop)),
            "barista" | "display" => Some(Self::Booth(shop)),
            _ => None,
        }
    }
}

/// Middleware on every page: gives a shop's page its language (see [`of_request`]). A
/// customer's page varies by `Accept-Language`, and says so.
pub async fn choose(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let page = Page::of(&path);
    let lang = match &page {
        None => None,
        Some(Page::Customer(shop)) => Some(match browser_language(request.headers()) {
            Some(lang) => lang,
            None => shop_language(&state.pool, shop).await,
        }),
        Some(Page::Booth(shop)) => Some(shop_language(&state.pool, shop).await),
    };
    if let Some(lang) = lang {
        request.extensions_mut().insert(lang);
    }
    let mut response = next.run(request).await;
    if matches!(page, Some(Page::Customer(_))) {
        response
            .headers_mut()
            .append(VARY, HeaderValue::from_static("accept-language"));
    }
    response
}

/// The shop's language; English when there is no such shop (its page says so, in
/// English) or the database cannot say.
async fn shop_language(pool: &PgPool, shop: &str) -> Lang {
    let tag: Option<String> =
        sqlx::query_scalar("select settings ->> 'language' from shops where slug = $1")
            .bind(shop)
            .fetch_optional(pool)
            .await
            .ok()
            .flatten()
            .flatten();
    tag.as_deref().and_then(Lang::from_tag).unwrap_or_default()
}

/// The first language of the browser's that Crema speaks.
fn browser_language(headers: &HeaderMap) -> Option<Lang> {
    headers
        .get(ACCEPT_LANGUAGE)
        .and_then(|header| header.to_str().ok())
        .and_then(Lang::from_accept_language)
}

/// The language of a request: its page's, the browser's otherwise (a server function's
/// call, the JSON API's), else English.
pub fn of_parts(parts: &Parts) -> Lang {
    parts
        .extensions
        .get::<Lang>()
        .copied()
        .or_else(|| browser_language(&parts.headers))
        .unwrap_or_default()
}

/// The language the server picked for the page being rendered: the pages the server
/// does not pick one for (the console's, the home page) say English, as they are.
pub fn of_request() -> Lang {
    use_context::<Parts>()
        .and_then(|parts| parts.extensions.get::<Lang>().copied())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_path_says_whose_language_a_page_speaks() {
        let cases = [
            ("/order/demo", Some(Page::Customer("demo"))),
            ("/order/demo/0193", Some(Page::Customer("demo"))),
            ("/barista/demo", Some(Page::Booth("demo"))),
            ("/display/demo", Some(Page::Booth("demo"))),
            ("/order/", None),
            ("/admin/demo/report", None),
            ("/", None),
            ("/dev/mailbox", None),
        ];
        for (path, expected) in cases {
            assert_eq!(Page::of(path), expected, "{path}");
        }
    }
}
