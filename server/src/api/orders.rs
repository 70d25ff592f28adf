use app::{
    error::AppError,
    model::{CancelOrder, ChooseDrink, Event, EventWire, Order, OrderAction, OrderId},
    ssr::{
        auth::policy::order_not_found,
        usecases::{Ctx, orders},
    },
};
use axum::{
    Json,
    extract::Path,
    http::{HeaderMap, StatusCode},
};

use super::{
    body::{Body, OptionalBody},
    idempotent::idempotency_key,
    openapi::ApiError,
};

/// An order id from a URL: anything but a UUID names no order.
fn order_id(id: &str) -> Result<OrderId, AppError> {
    id.parse().map_err(|_| order_not_found())
}

/// One order (its customer, staff).
#[utoipa::path(
    get,
    path = "/orders/{id}",
    tag = "orders",
    params(("id" = String, Path, description = "The order's id")),
    responses(
        (status = 200, description = "The order", body = Order),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 404, description = "No such order, or another customer's", body = ApiError)
    )
)]
pub async fn get(ctx: Ctx, Path(id): Path<String>) -> Result<Json<Order>, AppError> {
    orders::get(&ctx, order_id(&id)?).await.map(Json)
}

/// Every event of an order, oldest first.
#[utoipa::path(
    get,
    path = "/orders/{id}/journey",
    tag = "orders",
    params(("id" = String, Path, description = "The order's id")),
    responses(
        (status = 200, description = "The order's events, oldest first", body = Vec<EventWire>),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 404, description = "No such order, or another customer's", body = ApiError)
    )
)]
pub async fn journey(ctx: Ctx, Path(id): Path<String>) -> Result<Json<Vec<Event>>, AppError> {
    orders::journey(&ctx, order_id(&id)?).await.map(Json)
}

/// The caller's orders, newest first (customer).
#[utoipa::path(
    get,
    path = "/me/orders",
    tag = "orders",
    responses(
        (status = 200, description = "The caller's orders, newest first", body = Vec<Order>),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Signed in, but not allowed", body = ApiError)
    )
)]
pub async fn mine(ctx: Ctx) -> Result<Json<Vec<Order>>, AppError> {
    orders::mine(&ctx).await.map(Json)
}

/// Chooses the drink, which queues the order with its number.
#[utoipa::path(
    put,
    path = "/orders/{id}/drink",
    tag = "orders",
    params(("id" = String, Path, description = "The order's id"), ("Idempotency-Key" = Option<String>, Header, description = "A repeat with the same key returns the first response and changes nothing")),
    request_body = ChooseDrink,
    responses(
        (status = 200, description = "The order, queued with its number", body = Order),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 404, description = "No such shop or order", body = ApiError),
        (status = 409, description = "Not awaiting a drink", body = ApiError),
        (status = 422, description = "Invalid input; `field` names it", body = ApiError)
    )
)]
pub async fn choose_drink(
    ctx: Ctx,
    Path(id): Path<String>,
    headers: HeaderMap,
    Body(input): Body<ChooseDrink>,
) -> Result<Json<Order>, AppError> {
    let key = idempotency_key(&headers);
    orders::choose(&ctx, order_id(&id)?, input, key)
        .await
        .map(Json)
}

async fn act(
    ctx: Ctx,
    id: &str,
    action: OrderAction,
    reason: Option<&str>,
) -> Result<Json<Order>, AppError> {
    orders::act(&ctx, order_id(id)?, action, reason)
        .await
        .map(Json)
}

/// Cancels an order: its customer before it is made, a barista any time before it ends.
#[utoipa::path(
    post,
    path = "/orders/{id}/cancel",
    tag = "orders",
    params(("id" = String, Path, description = "The order's id")),
    request_body = CancelOrder,
    responses(
        (status = 200, description = "The cancelled order", body = Order),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Signed in, but not allowed", body = ApiError),
        (status = 404, description = "No such shop or order", body = ApiError),
        (status = 409, description = "Past the point it can be cancelled by this caller", body = ApiError)
    )
)]
pub async fn cancel(
    ctx: Ctx,
    Path(id): Path<String>,
    OptionalBody(input): OptionalBody<CancelOrder>,
) -> Result<Json<Order>, AppError> {
    act(ctx, &id, OrderAction::Cancel, input.reason.as_deref()).await
}

/// Claims a queued order to make it (barista).
#[utoipa::path(
    post,
    path = "/orders/{id}/claim",
    tag = "orders",
    params(("id" = String, Path, description = "The order's id")),
    responses(
        (status = 200, description = "The order, being made by the caller", body = Order),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Signed in, but not allowed", body = ApiError),
        (status = 404, description = "No such shop or order", body = ApiError),
        (status = 409, description = "Another barista has it, or it is not queued", body = ApiError)
    )
)]
pub async fn claim(ctx: Ctx, Path(id): Path<String>) -> Result<Json<Order>, AppError> {
    act(ctx, &id, OrderAction::Claim, None).await
}

/// Puts an order being made back in the queue.
#[utoipa::path(
    post,
    path = "/orders/{id}/release",
    tag = "orders",
    params(("id" = String, Path, description = "The order's id")),
    responses(
        (status = 200, description = "The order, back in the queue", body = Order),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Signed in, but not allowed", body = ApiError),
        (status = 404, description = "No such shop or order", body = ApiError),
        (status = 409, description = "Not being made", body = ApiError)
    )
)]
pub async fn release(ctx: Ctx, Path(id): Path<String>) -> Result<Json<Order>, AppError> {
    act(ctx, &id, OrderAction::Release, None).await
}

/// Marks an order ready for pickup (barista).
#[utoipa::path(
    post,
    path = "/orders/{id}/complete",
    tag = "orders",
    params(("id" = String, Path, description = "The order's id")),
    responses(
        (status = 200, description = "The order, ready for pickup", body = Order),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Signed in, but not allowed", body = ApiError),
        (status = 404, description = "No such shop or order", body = ApiError),
        (status = 409, description = "Not being made", body = ApiError)
    )
)]
pub async fn complete(ctx: Ctx, Path(id): Path<String>) -> Result<Json<Order>, AppError> {
    act(ctx, &id, OrderAction::Complete, None).await
}

/// Takes a ready order back to making (barista).
#[utoipa::path(
    post,
    path = "/orders/{id}/recall",
    tag = "orders",
    params(("id" = String, Path, description = "The order's id")),
    responses(
        (status = 200, description = "The order, being made again", body = Order),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Signed in, but not allowed", body = ApiError),
        (status = 404, description = "No such shop or order", body = ApiError),
        (status = 409, description = "Not ready, or ready too long ago", body = ApiError)
    )
)]
pub async fn recall(ctx: Ctx, Path(id): Path<String>) -> Result<Json<Order>, AppError> {
    act(ctx, &id, OrderAction::Recall, None).await
}

/// Hands a ready order over: it leaves the boards at once (barista).
#[utoipa::path(
    post,
    path = "/orders/{id}/pickup",
    tag = "orders",
    params(("id" = String, Path, description = "The order's id")),
    responses(
        (status = 200, description = "The order, still ready, with `picked_up_at`", body = Order),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Signed in, but not allowed", body = ApiError),
        (status = 404, description = "No such shop or order", body = ApiError),
        (status = 409, description = "Not ready, or handed over already", body = ApiError)
    )
)]
pub async fn pickup(ctx: Ctx, Path(id): Path<String>) -> Result<Json<Order>, AppError> {
    act(ctx, &id, OrderAction::Pickup, None).await
}

/// Asks for an e-mail when the order is ready (its customer, while the drink is still to
/// come): one mail, in the language of the request, once a barista marks it ready.
#[utoipa::path(
    put,
    path = "/orders/{id}/ready-mail",
    tag = "orders",
    params(("id" = String, Path, description = "The order's id")),
    responses(
        (status = 204, description = "The mail will go out when the order is ready"),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 404, description = "No such order, or another customer's", body = ApiError),
        (status = 409, description = "The order has ended, or the account has no e-mail address", body = ApiError)
    )
)]
pub async fn ready_mail(ctx: Ctx, Path(id): Path<String>) -> Result<StatusCode, AppError> {
    orders::mail_when_ready(&ctx, order_id(&id)?).await?;
    Ok(StatusCode::NO_CONTENT)
}
