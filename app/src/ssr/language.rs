//! Which language a page speaks ("Languages" in the API's contract): the customer app the
//! first of the browser's `Accept-Language` that Crema speaks, else the shop's; the
//! barista board and the booth screen the shop's. The pages not translated yet (the
//! console, the home page, the dev mailbox) say English, as they are. The JSON API's
//! errors about a shop, or one of its orders, speak the shop's language.

use axum::{
    body::Body,
    extract::{Request, State},
    http::{
        HeaderMap, HeaderValue,
        header::{ACCEPT_LANGUAGE, CONTENT_LENGTH, VARY},
        request::Parts,
    },
    middleware::Next,
    response::Response,
};
use leptos::prelude::use_context;
use sqlx::PgPool;
use uuid::Uuid;

use crate::{error::AppError, i18n::Lang, ssr::AppState};

/// A page that speaks a shop's language: whose, and for whom.
#[derive(Debug, PartialEq, Eq)]
enum Page<'a> {
    /// The customer app: the browser's language comes first.
    Customer(&'a str),
    /// A staff app or the booth screen: the shop's.
    Booth(&'a str),
    /// A JSON API call about a shop: its errors speak the shop's language.
    ApiShop(&'a str),
    /// A JSON API call about an order: its errors speak its shop's language.
    ApiOrder(Uuid),
}

impl<'a> Page<'a> {
    fn of(path: &'a str) -> Option<Self> {
        let (path, api) = match path.strip_prefix("/api/v1") {
            Some(rest) => (rest, true),
            None => (path, false),
        };
        let mut segments = path.trim_start_matches('/').split('/');
        let (kind, name) = (segments.next()?, segments.next()?);
        if name.is_empty() {
            return None;
        }
        match (api, kind) {
            (false, "order") => Some(Self::Customer(name)),
            (false, "barista" | "display") => Some(Self::Booth(name)),
            (true, "shops") => Some(Self::ApiShop(name)),
            (true, "orders") => name.parse().ok().map(Self::ApiOrder),
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
        // Looked up only when the call fails (below).
        Some(Page::ApiShop(_) | Page::ApiOrder(_)) => None,
    };
    if let Some(lang) = lang {
        request.extensions_mut().insert(lang);
    }
    let mut response = next.run(request).await;
    match page {
        Some(Page::Customer(_)) => {
            response
                .headers_mut()
                .append(VARY, HeaderValue::from_static("accept-language"));
        }
        Some(Page::ApiShop(shop)) if response.extensions().get::<AppError>().is_some() => {
            let lang = shop_language(&state.pool, shop).await;
            response = in_language(response, lang);
        }
        Some(Page::ApiOrder(order)) if response.extensions().get::<AppError>().is_some() => {
            let shop: Option<String> = sqlx::query_scalar("select shop from orders where id = $1")
                .bind(order)
                .fetch_optional(&state.pool)
                .await
                .ok()
                .flatten();
            if let Some(shop) = shop {
                let lang = shop_language(&state.pool, &shop).await;
                response = in_language(response, lang);
            }
        }
        _ => {}
    }
    response
}

/// An API error's answer with its `message` in `lang`, when `lang` has a sentence for
/// its code (English keeps the server's own).
fn in_language(response: Response, lang: Lang) -> Response {
    let Some(error) = response.extensions().get::<AppError>() else {
        return response;
    };
    let Some(message) = (lang.common().error)(&error.code) else {
        return response;
    };
    let translated = AppError {
        message: message.to_owned(),
        ..error.clone()
    };
    let (mut parts, _) = response.into_parts();
    parts.headers.remove(CONTENT_LENGTH);
    Response::from_parts(parts, Body::from(translated.json_body().to_string()))
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
            ("/api/v1/shops/demo/orders", Some(Page::ApiShop("demo"))),
            (
                "/api/v1/orders/0193f1e2-7b1c-7d3e-9a40-5b6c7d8e9f00/claim",
                Some(Page::ApiOrder(
                    "0193f1e2-7b1c-7d3e-9a40-5b6c7d8e9f00"
                        .parse()
                        .expect("uuid"),
                )),
            ),
            ("/api/v1/orders/mine", None),
            ("/api/v1/me", None),
            ("/api/auth/code", None),
        ];
        for (path, expected) in cases {
            assert_eq!(Page::of(path), expected, "{path}");
        }
    }
}
