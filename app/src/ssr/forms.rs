//! Server functions posted as plain forms, by a browser without the app (no JavaScript,
//! or the wasm still on its way): where the browser goes next.
//!
//! Such a post asks for a page (`Accept: text/html`); after it, server functions send the
//! browser back to the page it came from (`Referer`; the error, if any, in the address,
//! which the page's `ServerAction` shows), so its answer is that redirect, an error's too.
//! These say where else to go. The app's own calls are left alone: they get their answer
//! and move on by themselves.

use axum::http::{
    Method,
    header::{ACCEPT, REFERER},
    request::Parts,
};
use leptos::prelude::with_context;

/// Sends a plain form's browser to `path`.
pub fn redirect(path: &str) {
    if is_plain_form() {
        leptos_axum::redirect(path);
    }
}

/// Sends a plain form's browser back to the page it came from with `name=value` in the
/// address (replacing any `name` there).
pub fn back_with(name: &str, value: &str) {
    back(name, Some(value));
}

/// Sends a plain form's browser back to the page it came from, without `name` in the
/// address.
pub fn back_without(name: &str) {
    back(name, None);
}

fn back(name: &str, value: Option<&str>) {
    let page = with_context::<Parts, _>(|parts| {
        let referer = parts.headers.get(REFERER)?.to_str().ok()?;
        plain_form(parts).then(|| with_query(referer, name, value))
    });
    if let Some(page) = page.flatten() {
        leptos_axum::redirect(&page);
    }
}

/// `page` with `name=value` in its query in place of any `name` there (or without `name`),
/// and without a previous post's error.
fn with_query(page: &str, name: &str, value: Option<&str>) -> String {
    let (path, query) = page.split_once('?').unwrap_or((page, ""));
    let kept = form_urlencoded::parse(query.as_bytes())
        .filter(|(key, _)| ![name, "__path", "__err"].contains(&key.as_ref()));
    let mut query = form_urlencoded::Serializer::new(String::new());
    query.extend_pairs(kept);
    if let Some(value) = value {
        query.append_pair(name, value);
    }
    match query.finish() {
        query if query.is_empty() => path.to_owned(),
        query => format!("{path}?{query}"),
    }
}

/// Whether the request being handled is a form posted without the app.
pub fn is_plain_form() -> bool {
    with_context::<Parts, _>(plain_form).unwrap_or(false)
}

/// Whether `request` is a form posted without the app.
fn plain_form(request: &Parts) -> bool {
    let page = request
        .headers
        .get(ACCEPT)
        .and_then(|accept| accept.to_str().ok())
        .is_some_and(|accept| accept.contains("text/html"));
    request.method == Method::POST && page
}

#[cfg(test)]
mod tests {
    use super::with_query;

    #[test]
    fn the_param_joins_or_replaces_the_query() {
        let page = "http://booth/order/demo";
        assert_eq!(
            with_query(page, "email", Some("a@b.org")),
            format!("{page}?email=a%40b.org")
        );
        assert_eq!(
            with_query(
                &format!("{page}?t=abc&email=old%40b.org&__path=%2Fapi&__err=e30"),
                "email",
                Some("new@b.org")
            ),
            format!("{page}?t=abc&email=new%40b.org")
        );
        assert_eq!(
            with_query(&format!("{page}?t=abc&email=a%40b.org"), "email", None),
            format!("{page}?t=abc")
        );
        assert_eq!(
            with_query(&format!("{page}?email=a%40b.org"), "email", None),
            page
        );
    }
}
