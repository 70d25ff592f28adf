use app::{
    error::AppError,
    model::{Order, OrderState, Shop},
    ssr::{
        AppState,
        auth::{Action, Caller, authorize},
        idempotency, orders, qr, shop_admin, shops,
        users::user_id,
    },
};
use axum::{
    Json,
    extract::{Path, Query, State},
    http::{HeaderMap, StatusCode},
    response::Response,
};
use serde::{Deserialize, Serialize};

use super::{
    body::Body,
    idempotent::{idempotency_key, respond},
};

pub async fn list(State(state): State<AppState>) -> Result<Json<Vec<Shop>>, AppError> {
    Ok(Json(shops::list(&state.pool).await?))
}

pub async fn get(
    State(state): State<AppState>,
    Path(shop): Path<String>,
) -> Result<Json<Shop>, AppError> {
    Ok(Json(shops::get(&state.pool, &shop).await?))
}

#[derive(Deserialize)]
pub struct OpenRequest {
    open: bool,
}

pub async fn set_open(
    State(state): State<AppState>,
    caller: Caller,
    Path(shop): Path<String>,
    Body(request): Body<OpenRequest>,
) -> Result<Json<Shop>, AppError> {
    let barista = authorize(&caller, Action::WorkCounter)?;
    Ok(Json(
        shops::set_open(&state.pool, &shop, request.open, barista.label()).await?,
    ))
}

#[derive(Serialize)]
pub struct QrResponse {
    token: String,
    url: String,
    window_ends_at: String,
    remaining: i32,
}

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

#[derive(Deserialize)]
pub struct StartRequest {
    qr_token: String,
}

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
            call.finish(201, result).await?
        }
    };
    Ok(respond(answer))
}

#[derive(Deserialize)]
pub struct OrdersQuery {
    state: Option<String>,
}

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

pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    Body(fields): Body<shop_admin::Fields>,
) -> Result<(StatusCode, Json<Shop>), AppError> {
    authorize(&caller, Action::ManageShops)?;
    Ok((
        StatusCode::CREATED,
        Json(shop_admin::create(&state.pool, fields).await?),
    ))
}

pub async fn update(
    State(state): State<AppState>,
    caller: Caller,
    Path(shop): Path<String>,
    Body(fields): Body<shop_admin::Fields>,
) -> Result<Json<Shop>, AppError> {
    let admin = authorize(&caller, Action::ManageShops)?;
    Ok(Json(
        shop_admin::update(&state.pool, &shop, fields, admin.label()).await?,
    ))
}

pub async fn set_menu(
    State(state): State<AppState>,
    caller: Caller,
    Path(shop): Path<String>,
    Body(menu): Body<serde_json::Value>,
) -> Result<Json<Shop>, AppError> {
    let admin = authorize(&caller, Action::ManageShops)?;
    Ok(Json(
        shop_admin::set_menu(&state.pool, &shop, menu, admin.label()).await?,
    ))
}
