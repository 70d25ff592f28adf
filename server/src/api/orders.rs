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

use super::{
    body::{Body, OptionalBody},
    idempotent::{idempotency_key, respond},
};

/// The order, when the caller may see it (another customer's is a 404).
async fn readable(state: &AppState, caller: &Caller, id: &str) -> Result<Order, AppError> {
    // Who asks is checked before whether the order exists.
    authorize(caller, Action::ActAsSelf)?;
    let order = orders::get(&state.pool, orders::parse_id(id)?).await?;
    authorize(
        caller,
        Action::ReadOrder {
            customer_id: &order.customer_id,
        },
    )?;
    Ok(order)
}

pub async fn get(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Order>, AppError> {
    Ok(Json(readable(&state, &caller, &id).await?))
}

pub async fn journey(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Vec<Event>>, AppError> {
    let order = readable(&state, &caller, &id).await?;
    Ok(Json(
        events::of_order(&state.pool, orders::parse_id(&order.id)?).await?,
    ))
}

pub async fn mine(
    State(state): State<AppState>,
    caller: Caller,
) -> Result<Json<Vec<Order>>, AppError> {
    let customer = authorize(&caller, Action::StartOrder)?;
    Ok(Json(
        orders::of_customer(&state.pool, user_id(customer)?).await?,
    ))
}

#[derive(Deserialize)]
pub struct DrinkRequest {
    drink: String,
    #[serde(default)]
    choices: Vec<String>,
}

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
            call.finish(200, result).await?
        }
    };
    Ok(respond(answer))
}

#[derive(Default, Deserialize)]
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
        orders::steps::take(&state.pool, caller, id, step, reason).await?,
    ))
}

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

pub async fn claim(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Order>, AppError> {
    step(&state, &caller, &id, Step::Claim, None).await
}

pub async fn release(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Order>, AppError> {
    step(&state, &caller, &id, Step::Release, None).await
}

pub async fn complete(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Order>, AppError> {
    step(&state, &caller, &id, Step::Complete, None).await
}

pub async fn recall(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Order>, AppError> {
    step(&state, &caller, &id, Step::Recall, None).await
}
