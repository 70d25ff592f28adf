//! Stock at the counter: sold out, back, and portions left.

use app::{
    error::AppError,
    model::{Stock, StockPatch},
    ssr::usecases::{Ctx, stock},
};
use axum::{Json, extract::Path};

use super::{body::Body, openapi::ApiError};

/// Every drink and choice id of the shop's menu: whether it is available, and the
/// portions left where they are counted.
#[utoipa::path(
    get,
    path = "/shops/{shop}/stock",
    tag = "stock",
    params(("shop" = String, Path, description = "The shop's slug")),
    responses(
        (status = 200, description = "The shop's stock", body = Stock),
        (status = 404, description = "No such shop or order", body = ApiError)
    )
)]
pub async fn get(ctx: Ctx, Path(shop): Path<String>) -> Result<Json<Stock>, AppError> {
    stock::get(&ctx, &shop).await.map(Json)
}

/// Marks drinks and choices sold out or back, and sets a count of portions left (or
/// `null` to stop counting) (barista). An order that is queued takes a portion; at 0 the
/// item is sold out until the count is raised or an order gives its portion back.
#[utoipa::path(
    patch,
    path = "/shops/{shop}/stock",
    tag = "stock",
    params(("shop" = String, Path, description = "The shop's slug")),
    request_body = StockPatch,
    responses(
        (status = 200, description = "The shop's stock, as it became", body = Stock),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Signed in, but not allowed", body = ApiError),
        (status = 404, description = "No such shop or order", body = ApiError),
        (status = 422, description = "An id not on the menu, or a bad count; `field` names it", body = ApiError)
    )
)]
pub async fn change(
    ctx: Ctx,
    Path(shop): Path<String>,
    Body(patch): Body<StockPatch>,
) -> Result<Json<Stock>, AppError> {
    stock::change(&ctx, &shop, patch).await.map(Json)
}
