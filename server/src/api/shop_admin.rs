//! Shops, for admins: creating them, changing their settings and their menus.

use app::{
    error::AppError,
    model::{Drink, Shop},
    ssr::{
        AppState,
        auth::{Action, Caller, authorize},
        shop_admin,
    },
};
use axum::{
    Json,
    extract::{Path, State},
    http::StatusCode,
};

use super::{
    body::Body,
    openapi::{ApiError, NewShop, ShopChanges},
};

/// Creates a shop (admin).
#[utoipa::path(
    post,
    path = "/shops",
    tag = "shops",
    request_body = NewShop,
    responses(
        (status = 201, description = "The new shop", body = Shop),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Signed in, but not allowed", body = ApiError),
        (status = 409, description = "The slug is taken", body = ApiError),
        (status = 422, description = "Invalid input; `field` names it", body = ApiError)
    )
)]
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

/// Changes a shop's name or settings (admin).
#[utoipa::path(
    patch,
    path = "/shops/{shop}",
    tag = "shops",
    params(("shop" = String, Path, description = "The shop's slug")),
    request_body = ShopChanges,
    responses(
        (status = 200, description = "The changed shop", body = Shop),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Signed in, but not allowed", body = ApiError),
        (status = 404, description = "No such shop or order", body = ApiError),
        (status = 422, description = "Invalid input; `field` names it", body = ApiError)
    )
)]
pub async fn update(
    State(state): State<AppState>,
    caller: Caller,
    Path(shop): Path<String>,
    Body(fields): Body<shop_admin::Fields>,
) -> Result<Json<Shop>, AppError> {
    let admin = authorize(&caller, Action::ManageShops)?;
    Ok(Json(
        shop_admin::update(&state.pool, &state.sequencer, &shop, fields, admin.label()).await?,
    ))
}

/// Replaces a shop's menu (admin).
#[utoipa::path(
    put,
    path = "/shops/{shop}/menu",
    tag = "shops",
    params(("shop" = String, Path, description = "The shop's slug")),
    request_body(content = Vec<Drink>, description = "The whole menu"),
    responses(
        (status = 200, description = "The shop with its new menu", body = Shop),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Signed in, but not allowed", body = ApiError),
        (status = 404, description = "No such shop or order", body = ApiError),
        (status = 422, description = "Invalid input; `field` names it", body = ApiError)
    )
)]
pub async fn set_menu(
    State(state): State<AppState>,
    caller: Caller,
    Path(shop): Path<String>,
    Body(menu): Body<serde_json::Value>,
) -> Result<Json<Shop>, AppError> {
    let admin = authorize(&caller, Action::ManageShops)?;
    Ok(Json(
        shop_admin::set_menu(&state.pool, &state.sequencer, &shop, menu, admin.label()).await?,
    ))
}
