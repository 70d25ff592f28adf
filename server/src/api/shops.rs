//! Shops: reading them, opening and closing, the booth's QR code, and their orders.

use app::{
    error::AppError,
    model::{Order, OrderState, Shop},
    ssr::{
        AppState,
        auth::{Action, Caller, authorize},
        idempotency, orders, qr, shops,
        users::user_id,
    },
};
use axum::{
    Json,
    extract::{Path, Query, State},
    http::HeaderMap,
    response::Response,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{
    body::Body,
    idempotent::{idempotency_key, respond},
    openapi::ApiError,
};

/// Every shop, by name.
#[utoipa::path(
    get,
    path = "/shops",
    tag = "shops",
    responses(
        (status = 200, description = "Every shop", body = Vec<Shop>)
    )
)]
pub async fn list(State(state): State<AppState>) -> Result<Json<Vec<Shop>>, AppError> {
    Ok(Json(shops::list(&state.pool).await?))
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
pub async fn get(
    State(state): State<AppState>,
    Path(shop): Path<String>,
) -> Result<Json<Shop>, AppError> {
    Ok(Json(shops::get(&state.pool, &shop).await?))
}

#[derive(Deserialize, ToSchema)]
pub struct OpenRequest {
    open: bool,
}

/// Opens or closes the shop (barista).
#[utoipa::path(
    put,
    path = "/shops/{shop}/open",
    tag = "shops",
    params(("shop" = String, Path, description = "The shop's slug")),
    request_body = OpenRequest,
    responses(
        (status = 200, description = "The shop, opened or closed", body = Shop),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Signed in, but not allowed", body = ApiError),
        (status = 404, description = "No such shop or order", body = ApiError)
    )
)]
pub async fn set_open(
    State(state): State<AppState>,
    caller: Caller,
    Path(shop): Path<String>,
    Body(request): Body<OpenRequest>,
) -> Result<Json<Shop>, AppError> {
    let barista = authorize(&caller, Action::WorkCounter)?;
    Ok(Json(
        shops::set_open(
            &state.pool,
            &state.sequencer,
            &shop,
            request.open,
            barista.label(),
        )
        .await?,
    ))
}

#[derive(Serialize, ToSchema)]
pub struct QrResponse {
    token: String,
    url: String,
    window_ends_at: String,
    remaining: i32,
}

/// The booth screen's current QR code (display).
#[utoipa::path(
    get,
    path = "/shops/{shop}/qr",
    tag = "shops",
    params(("shop" = String, Path, description = "The shop's slug")),
    responses(
        (status = 200, description = "The current code", body = QrResponse),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Signed in, but not allowed", body = ApiError),
        (status = 404, description = "No such shop or order", body = ApiError)
    )
)]
pub async fn qr(
    State(state): State<AppState>,
    caller: Caller,
    Path(shop): Path<String>,
    headers: HeaderMap,
) -> Result<Json<QrResponse>, AppError> {
    authorize(&caller, Action::RunDisplay)?;
    let shop = shops::get(&state.pool, &shop).await?;
    let code = qr::current(&state.pool, &shop.slug, &shop.settings).await?;
    Ok(Json(QrResponse {
        url: format!(
            "{}/order/{}?t={}",
            state.public_url(&headers)?,
            shop.slug,
            code.token
        ),
        token: code.token,
        window_ends_at: app::ssr::events::rfc3339(code.window_ends_at),
        remaining: code.remaining,
    }))
}

#[derive(Deserialize, ToSchema)]
pub struct StartRequest {
    qr_token: String,
}

/// Starts an order with the booth screen's QR code (customer).
#[utoipa::path(
    post,
    path = "/shops/{shop}/orders",
    tag = "orders",
    params(("shop" = String, Path, description = "The shop's slug"), ("Idempotency-Key" = Option<String>, Header, description = "A repeat with the same key returns the first response and changes nothing")),
    request_body = StartRequest,
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
    State(state): State<AppState>,
    caller: Caller,
    Path(shop): Path<String>,
    headers: HeaderMap,
    Body(request): Body<StartRequest>,
) -> Result<Response, AppError> {
    let customer = authorize(&caller, Action::StartOrder)?;
    let request_line = format!("POST /api/v1/shops/{shop}/orders");
    let key = idempotency_key(&headers)
        .map(|key| Ok::<_, AppError>((user_id(customer)?, request_line.as_str(), key)))
        .transpose()?;
    let mut call = idempotency::begin(&state.pool, key).await?;
    let answer = match call.replay() {
        Some(first) => first,
        None => {
            let result =
                orders::redeem::redeem(call.tx(), customer, &shop, &request.qr_token).await;
            call.finish(&state.sequencer, 201, result).await?
        }
    };
    Ok(respond(answer))
}

#[derive(Deserialize)]
pub struct OrdersQuery {
    state: Option<String>,
}

/// The shop's orders in the given states (barista, display).
#[utoipa::path(
    get,
    path = "/shops/{shop}/orders",
    tag = "orders",
    params(("shop" = String, Path, description = "The shop's slug"), ("state" = Option<String>, Query, description = "States, comma-separated, e.g. `queued,making`")),
    responses(
        (status = 200, description = "The orders, oldest first", body = Vec<Order>),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Signed in, but not allowed", body = ApiError),
        (status = 404, description = "No such shop or order", body = ApiError),
        (status = 422, description = "Invalid input; `field` names it", body = ApiError)
    )
)]
pub async fn orders(
    State(state): State<AppState>,
    caller: Caller,
    Path(shop): Path<String>,
    Query(query): Query<OrdersQuery>,
) -> Result<Json<Vec<Order>>, AppError> {
    authorize(&caller, Action::WatchShop)?;
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
            .collect::<Result<_, _>>()?,
    };
    let shop = shops::get(&state.pool, &shop).await?;
    Ok(Json(
        orders::of_shop(&state.pool, &shop.slug, &states).await?,
    ))
}
