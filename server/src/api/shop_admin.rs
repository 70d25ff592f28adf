//! Shops, for admins: creating them, changing their settings and their menus.

use app::{
    error::AppError,
    model::{Drink, NewShop, Shop, ShopChanges},
    ssr::usecases::{Ctx, shops},
};
use axum::{Json, extract::Path, http::StatusCode};

use super::{body::Body, openapi::ApiError};

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
    ctx: Ctx,
    Body(input): Body<NewShop>,
) -> Result<(StatusCode, Json<Shop>), AppError> {
    let shop = shops::create(&ctx, input).await?;
    Ok((StatusCode::CREATED, Json(shop)))
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
    ctx: Ctx,
    Path(shop): Path<String>,
    Body(input): Body<ShopChanges>,
) -> Result<Json<Shop>, AppError> {
    shops::update(&ctx, &shop, input).await.map(Json)
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
    ctx: Ctx,
    Path(shop): Path<String>,
    Body(menu): Body<Vec<Drink>>,
) -> Result<Json<Shop>, AppError> {
    shops::set_menu(&ctx, &shop, menu).await.map(Json)
}
