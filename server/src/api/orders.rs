use app::{
    error::AppError,
    model::{Canceller, Event, Order, Step},
    ssr::{
        AppState,
        auth::{Action, Caller, authorize},
        events, idempotency, orders,
        users::user_id,
    },
};
use axum::{
    Json,
    extract::{Path, State},
    http::HeaderMap,
    response::Response,
};
use serde::Deserialize;
use utoipa::ToSchema;

use super::{
    body::{Body, OptionalBody},
    idempotent::{idempotency_key, respond},
    openapi::ApiError,
};

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
pub async fn get(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Order>, AppError> {
    Ok(Json(orders::readable(&state.pool, &caller, &id).await?))
}

/// Every event of an order, oldest first.
#[utoipa::path(
    get,
    path = "/orders/{id}/journey",
    tag = "orders",
    params(("id" = String, Path, description = "The order's id")),
    responses(
        (status = 200, description = "The order's events, oldest first", body = Vec<Event>),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 404, description = "No such order, or another customer's", body = ApiError)
    )
)]
pub async fn journey(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Vec<Event>>, AppError> {
    let order = orders::readable(&state.pool, &caller, &id).await?;
    Ok(Json(
        events::of_order(&state.pool, orders::parse_id(&order.id)?).await?,
    ))
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
pub async fn mine(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Json<Vec<Order>>, AppError> {
    let customer = authorize(&caller, Action::StartOrder)?;
    Ok(Json(
        orders::of_customer(&state.pool, user_id(customer)?).await?,
    ))
}

#[derive(Deserialize, ToSchema)]
pub struct DrinkRequest {
    drink: String,
    #[serde(default)]
    choices: Vec<String>,
}

/// Chooses the drink, which queues the order with its number.
#[utoipa::path(
    put,
    path = "/orders/{id}/drink",
    tag = "orders",
    params(("id" = String, Path, description = "The order's id"), ("Idempotency-Key" = Option<String>, Header, description = "A repeat with the same key returns the first response and changes nothing")),
    request_body = DrinkRequest,
    responses(
        (status = 200, description = "The order, queued with its number", body = Order),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 404, description = "No such shop or order", body = ApiError),
        (status = 409, description = "Not awaiting a drink", body = ApiError),
        (status = 422, description = "Invalid input; `field` names it", body = ApiError)
    )
)]
pub async fn choose_drink(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    headers: HeaderMap,
    Body(request): Body<DrinkRequest>,
) -> Result<Response, AppError> {
    let user = authorize(&caller, Action::ActAsSelf)?;
    let request_line = format!("PUT /api/v1/orders/{id}/drink");
    let key = idempotency_key(&headers)
        .map(|key| Ok::<_, AppError>((user_id(user)?, request_line.as_str(), key)))
        .transpose()?;
    let id = orders::parse_id(&id)?;
    let mut call = idempotency::begin(&state.pool, key).await?;
    let answer = match call.replay() {
        Some(first) => first,
        None => {
            let result =
                orders::drink::choose(call.tx(), &caller, id, &request.drink, &request.choices)
                    .await;
            call.finish(&state.sequencer, 200, result).await?
        }
    };
    Ok(respond(answer))
}

#[derive(Default, Deserialize, ToSchema)]
pub struct StepRequest {
    reason: Option<String>,
}

async fn step(
    state: &AppState,
    caller: &Caller,
    id: &str,
    step: Step,
    reason: Option<&str>,
) -> Result<Json<Order>, AppError> {
    authorize(caller, Action::ActAsSelf)?;
    let id = orders::parse_id(id)?;
    Ok(Json(
        orders::steps::take(&state.pool, &state.sequencer, caller, id, step, reason).await?,
    ))
}

/// Cancels an order: its customer before it is made, a barista any time before it ends.
#[utoipa::path(
    post,
    path = "/orders/{id}/cancel",
    tag = "orders",
    params(("id" = String, Path, description = "The order's id")),
    request_body = StepRequest,
    responses(
        (status = 200, description = "The cancelled order", body = Order),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Signed in, but not allowed", body = ApiError),
        (status = 404, description = "No such shop or order", body = ApiError),
        (status = 409, description = "Past the point it can be cancelled by this caller", body = ApiError)
    )
)]
pub async fn cancel(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    OptionalBody(request): OptionalBody<StepRequest>,
) -> Result<Json<Order>, AppError> {
    step(
        &state,
        &caller,
        &id,
        Step::Cancel(Canceller::Staff),
        request.reason.as_deref(),
    )
    .await
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
pub async fn claim(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Order>, AppError> {
    step(&state, &caller, &id, Step::Claim, None).await
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
pub async fn release(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Order>, AppError> {
    step(&state, &caller, &id, Step::Release, None).await
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
pub async fn complete(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Order>, AppError> {
    step(&state, &caller, &id, Step::Complete, None).await
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
pub async fn recall(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Order>, AppError> {
    step(&state, &caller, &id, Step::Recall, None).await
}
