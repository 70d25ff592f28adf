//! A returning phone's scan in one round trip. Without help, a scan takes three: the
//! code's page, the start form it sends at once, the order's page. A phone whose service
//! worker is installed (public/sw.js) posts the booth's code to the address the QR code
//! names instead, and gets the order's page back: started, its menu ready.

use app::{
    error::AppError,
    model::StartOrder,
    ssr::{
        AppState,
        document::shell,
        usecases::{Ctx, orders},
    },
};
use axum::{
    body::Body,
    extract::{Path, Query, Request, State},
    http::{HeaderValue, Method, header::CONTENT_LOCATION},
    response::{IntoResponse, Response},
};
use leptos::prelude::provide_context;
use serde::Deserialize;

use crate::api::idempotent::idempotency_key;

/// The QR code's address: `/order/{shop}?t=<token>`.
#[derive(Deserialize)]
pub struct Scanned {
    t: String,
}

/// `POST /order/{shop}?t=<token>`, with an `Idempotency-Key`: starts the order as the
/// code's start form does, and answers with the order's page as `GET` renders it, its
/// address in `Content-Location`. A refusal answers with its JSON error: the worker then
/// loads the code's page, which says why.
pub async fn start_and_show(
    State(state): State<AppState>,
    ctx: Ctx,
    Path(shop): Path<String>,
    Query(Scanned { t }): Query<Scanned>,
    request: Request,
) -> Response {
    let key = idempotency_key(request.headers()).map(str::to_owned);
    let input = StartOrder { qr_token: t };
    let order = match orders::start(&ctx, &shop, input, key.as_deref()).await {
        Ok(order) => order,
        Err(error) => return error.into_response(),
    };
    let path = format!("/order/{}/{}", order.shop, order.id);
    let (mut parts, _) = request.into_parts();
    parts.method = Method::GET;
    parts.uri = match path.parse() {
        Ok(uri) => uri,
        Err(_) => return AppError::internal().into_response(),
    };
    let options = state.leptos_options.clone();
    let render = leptos_axum::render_app_async_with_context(
        move || provide_context(state.clone()),
        move || shell(options.clone()),
    );
    let mut page = render(Request::from_parts(parts, Body::empty())).await;
    if let Ok(location) = HeaderValue::from_str(&path) {
        page.headers_mut().insert(CONTENT_LOCATION, location);
    }
    page
}
