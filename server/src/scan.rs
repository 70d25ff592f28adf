//! A scan in two round trips instead of three (the code's page, the start form it sends,
//! the order's page): posting the booth's code to the address the QR code names starts
//! the order and answers with the order's page, started, its menu ready. The code's page
//! posts its start form there as it arrives; a returning phone's service worker
//! (public/sw.js) posts it there in place of loading the code's page at all.

use app::{
    api::orders::StartOrder as StartForm,
    error::AppError,
    model::StartOrder,
    ssr::{
        AppState,
        document::{ShownAt, shell},
        usecases::{Ctx, orders},
    },
};
use axum::{
    Form,
    body::Body,
    extract::{Path, Query, Request, State},
    http::{
        HeaderMap, HeaderValue, Method,
        header::{ACCEPT, CONTENT_LOCATION, REFERER},
        request::Parts,
    },
    response::{IntoResponse, Redirect, Response},
};
use leptos::{
    prelude::provide_context,
    server_fn::{ServerFn, error::ServerFnUrlError},
};
use serde::Deserialize;

/// The QR code's address: `/order/{shop}?t=<token>`.
#[derive(Deserialize)]
pub struct Scanned {
    t: String,
}

/// The start form's one field read here: its idempotency key.
#[derive(Deserialize)]
pub struct Start {
    key: Option<String>,
}

/// `POST /order/{shop}?t=<token>` with the start form (`key=…`): starts the order as the
/// form's server function does, and answers with the order's page as `GET` renders it,
/// its address in `Content-Location` (the page itself then shows that address).
pub async fn start_and_show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(shop): Path<String>,
    Query(Scanned { t }): Query<Scanned>,
    mut parts: Parts,
    Form(Start { key }): Form<Start>,
) -> Response {
    let input = StartOrder { qr_token: t };
    let order = match orders::start(&ctx, &shop, input, key.as_deref()).await {
        Ok(order) => order,
        Err(error) => return refused(&parts.headers, error),
    };
    let path = format!("/order/{}/{}", order.shop, order.id);
    parts.method = Method::GET;
    parts.uri = match path.parse() {
        Ok(uri) => uri,
        Err(_) => return AppError::internal().into_response(),
    };
    let options = state.leptos_options.clone();
    let shown_at = path.clone();
    let render = leptos_axum::render_app_async_with_context(
        move || {
            provide_context(state.clone());
            provide_context(ShownAt(shown_at.clone()));
        },
        move || shell(options.clone()),
    );
    let mut page = render(Request::from_parts(parts, Body::empty())).await;
    if let Ok(location) = HeaderValue::from_str(&path) {
        page.headers_mut().insert(CONTENT_LOCATION, location);
    }
    page
}

/// A refusal: a browser's form goes back to the code's page, which says why (as a refused
/// start form does); the worker gets the contract's JSON error, and loads the code's page.
fn refused(headers: &HeaderMap, error: AppError) -> Response {
    let header = |name| headers.get(name).and_then(|value| value.to_str().ok());
    let browser = header(ACCEPT).is_some_and(|accept| accept.contains("text/html"));
    let back = header(REFERER).filter(|_| browser).and_then(|referer| {
        let refusal = ServerFnUrlError::new(StartForm::PATH, error.clone());
        refusal.to_url(referer).ok()
    });
    match back {
        Some(back) => Redirect::to(back.as_str()).into_response(),
        None => error.into_response(),
    }
}
