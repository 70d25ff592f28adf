//! Shops: reading them, opening and closing, the booth's QR code, and their orders.

use app::{
    error::AppError,
    model::{BoothCode, CounterOrder, Order, OrderState, SetOpen, Shop, StartOrder},
    ssr::usecases::{Ctx, orders, shops},
};
use axum::{
    Json,
    extract::{Path, Query},
    http::{HeaderMap, StatusCode},
};
use serde::Deserialize;

use super::{body::Body, idempotent::idempotency_key, openapi::ApiError};

#[derive(Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    archived: bool,
}

/// Every shop, by name; archived ones too with `?archived=true`.
#[utoipa::path(
    get,
    path = "/shops",
    tag = "shops",
    params(("archived" = Option<bool>, Query, description = "Whether to list archived shops too")),
    responses(
        (status = 200, description = "Every shop", body = Vec<Shop>)
    )
)]
pub async fn list(ctx: Ctx, Query(query): Query<ListQuery>) -> Result<Json<Vec<Shop>>, AppError> {
    shops::list(&ctx, query.archived).await.map(Json)
}

/// One shop, with its menu, settings and typical wait.
#[utoipa::path(
    get,
    path = "/shops/{shop}",
    tag = "shops",
    params(("shop" = String, Path, description = "The shop's slug")),
    responses(
        (status = 200, description = "The shop", body = Shop),
        (status = 404, description = "No such shop or order", body = ApiError)
    )
)]
pub async fn get(ctx: Ctx, Path(shop): Path<String>) -> Result<Json<Shop>, AppError> {
    shops::get(&ctx, &shop).await.map(Json)
}

/// Opens or closes the shop (barista).
#[utoipa::path(
    put,
    path = "/shops/{shop}/open",
    tag = "shops",
    params(("shop" = String, Path, description = "The shop's slug")),
    request_body = SetOpen,
    responses(
        (status = 200, description = "The shop, opened or closed", body = Shop),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Signed in, but not allowed", body = ApiError),
        (status = 404, description = "No such shop or order", body = ApiError)
    )
)]
pub async fn set_open(
    ctx: Ctx,
    Path(shop): Path<String>,
    Body(input): Body<SetOpen>,
) -> Result<Json<Shop>, AppError> {
    shops::set_open(&ctx, &shop, input).await.map(Json)
}

/// The booth screen's current QR code (display).
#[utoipa::path(
    get,
    path = "/shops/{shop}/qr",
    tag = "shops",
    params(("shop" = String, Path, description = "The shop's slug")),
    responses(
        (status = 200, description = "The current code", body = BoothCode),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Signed in, but not allowed", body = ApiError),
        (status = 404, description = "No such shop or order", body = ApiError)
    )
)]
pub async fn qr(ctx: Ctx, Path(shop): Path<String>) -> Result<Json<BoothCode>, AppError> {
    shops::booth_code(&ctx, &shop).await.map(Json)
}

/// Starts an order with the booth screen's QR code (customer).
#[utoipa::path(
    post,
    path = "/shops/{shop}/orders",
    tag = "orders",
    params(("shop" = String, Path, description = "The shop's slug"), ("Idempotency-Key" = Option<String>, Header, description = "A repeat with the same key returns the first response and changes nothing")),
    request_body = StartOrder,
    responses(
        (status = 201, description = "The order, awaiting the drink", body = Order),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Signed in, but not allowed", body = ApiError),
        (status = 404, description = "No such shop or order", body = ApiError),
        (status = 409, description = "`shop_closed`, `at_capacity`, `no_drinks_left`, `daily_limit_reached` or `order_in_progress`", body = ApiError),
        (status = 422, description = "`invalid_token`: unknown or expired code", body = ApiError)
    )
)]
pub async fn start_order(
    ctx: Ctx,
    Path(shop): Path<String>,
    headers: HeaderMap,
    Body(input): Body<StartOrder>,
) -> Result<(StatusCode, Json<Order>), AppError> {
    let order = orders::start(&ctx, &shop, input, idempotency_key(&headers)).await?;
    Ok((StatusCode::CREATED, Json(order)))
}

/// Takes a walk-up visitor's order at the counter (barista).
#[utoipa::path(
    post,
    path = "/shops/{shop}/orders/counter",
    tag = "orders",
    params(("shop" = String, Path, description = "The shop's slug")),
    request_body = CounterOrder,
    responses(
        (status = 201, description = "The order, queued with its number", body = Order),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Signed in, but not allowed", body = ApiError),
        (status = 404, description = "No such shop", body = ApiError),
        (status = 409, description = "`shop_closed`, `shop_archived` or `at_capacity`", body = ApiError),
        (status = 422, description = "A drink or choice not on the menu or sold out, a group's rule broken, or `invalid_name`; `field` names it", body = ApiError)
    )
)]
pub async fn counter_order(
    ctx: Ctx,
    Path(shop): Path<String>,
    Body(input): Body<CounterOrder>,
) -> Result<(StatusCode, Json<Order>), AppError> {
    let order = orders::at_counter(&ctx, &shop, input).await?;
    Ok((StatusCode::CREATED, Json(order)))
}

#[derive(Deserialize)]
pub struct OrdersQuery {
    state: Option<String>,
    #[serde(default)]
    picked_up: bool,
}

/// The shop's orders in the given states (barista, display).
#[utoipa::path(
    get,
    path = "/shops/{shop}/orders",
    tag = "orders",
    params(("shop" = String, Path, description = "The shop's slug"), ("state" = Option<String>, Query, description = "States, comma-separated, e.g. `queued,making`"), ("picked_up" = Option<bool>, Query, description = "Whether orders handed over are listed too (default false)")),
    responses(
        (status = 200, description = "The orders, oldest first", body = Vec<Order>),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Signed in, but not allowed", body = ApiError),
        (status = 404, description = "No such shop or order", body = ApiError),
        (status = 422, description = "Invalid input; `field` names it", body = ApiError)
    )
)]
pub async fn orders(
    ctx: Ctx,
    Path(shop): Path<String>,
    Query(query): Query<OrdersQuery>,
) -> Result<Json<Vec<Order>>, AppError> {
    let states = match query.state.as_deref().filter(|states| !states.is_empty()) {
        None => OrderState::ALL.to_vec(),
        Some(states) => states
            .split(',')
            .map(|name| {
                OrderState::parse(name.trim()).ok_or_else(|| {
                    AppError::invalid(
                        "state",
                        "unknown_state",
                        format!("There is no order state “{name}”."),
                    )
                })
            })
            .collect::<Result<Vec<_>, _>>()?,
    };
    orders::of_shop(&ctx, &shop, &states, query.picked_up)
        .await
        .map(Json)
}
