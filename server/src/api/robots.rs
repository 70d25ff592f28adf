//! Robots (admin): a simulation of a shop's customers and baristas.

use app::{
    error::AppError,
    model::{ReplayQuery, Simulation, SimulationSettings},
    ssr::usecases::{Ctx, robots},
};
use axum::{
    Json,
    extract::{Path, Query},
    http::StatusCode,
};

use super::{body::Body, openapi::ApiError};

/// Starts robots at the shop: customers arriving as a Poisson process at
/// `customers_per_minute`, some cancelling (`cancel_ratio`) or never choosing
/// (`slow_ratio`), and `baristas` robot baristas making their drinks in about `make_s`
/// each, for `duration_s`. Robots serve robots' orders only.
#[utoipa::path(
    post,
    path = "/shops/{shop}/simulation",
    tag = "robots",
    params(("shop" = String, Path, description = "The shop's slug")),
    request_body = SimulationSettings,
    responses(
        (status = 201, description = "The simulation, running", body = Simulation),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Signed in, but not an admin", body = ApiError),
        (status = 404, description = "No such shop", body = ApiError),
        (status = 409, description = "Robots run there already", body = ApiError),
        (status = 422, description = "A setting out of its range; `field` names it", body = ApiError)
    )
)]
pub async fn start(
    ctx: Ctx,
    Path(shop): Path<String>,
    Body(settings): Body<SimulationSettings>,
) -> Result<(StatusCode, Json<Simulation>), AppError> {
    let simulation = robots::start(&ctx, &shop, settings).await?;
    Ok((StatusCode::CREATED, Json(simulation)))
}

/// The shop's latest simulation: running or ended, its orders by state and the refusals
/// its robot customers met, by code.
#[utoipa::path(
    get,
    path = "/shops/{shop}/simulation",
    tag = "robots",
    params(("shop" = String, Path, description = "The shop's slug")),
    responses(
        (status = 200, description = "The simulation", body = Simulation),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Signed in, but not an admin", body = ApiError),
        (status = 404, description = "No such shop, or no robots ever ran there", body = ApiError)
    )
)]
pub async fn latest(ctx: Ctx, Path(shop): Path<String>) -> Result<Json<Simulation>, AppError> {
    robots::latest(&ctx, &shop).await.map(Json)
}

/// Stops the shop's robots: within a second their open orders are cancelled and the
/// simulation has ended.
#[utoipa::path(
    delete,
    path = "/shops/{shop}/simulation",
    tag = "robots",
    params(("shop" = String, Path, description = "The shop's slug")),
    responses(
        (status = 204, description = "Stopping"),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Signed in, but not an admin", body = ApiError),
        (status = 404, description = "No such shop, or no robots running there", body = ApiError)
    )
)]
pub async fn stop(ctx: Ctx, Path(shop): Path<String>) -> Result<StatusCode, AppError> {
    robots::stop(&ctx, &shop).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Replays a recorded day at the shop (a sandbox, best): the body is an `orders.csv`
/// export, any day's; robots arrive, choose and make as its orders did, `speed` times as
/// fast, under the shop's own settings. The simulation's `timeline` shows whether they
/// kept up.
#[utoipa::path(
    post,
    path = "/shops/{shop}/replay",
    tag = "robots",
    params(("shop" = String, Path, description = "The shop's slug"), ReplayQuery),
    request_body(content = String, content_type = "text/csv", description = "An orders.csv export"),
    responses(
        (status = 201, description = "The replay, running", body = Simulation),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Signed in, but not an admin", body = ApiError),
        (status = 404, description = "No such shop", body = ApiError),
        (status = 409, description = "Robots run there already", body = ApiError),
        (status = 422, description = "Not an orders.csv export (`invalid_csv`, the message names the line), or a speed out of its range", body = ApiError)
    )
)]
pub async fn replay(
    ctx: Ctx,
    Path(shop): Path<String>,
    Query(query): Query<ReplayQuery>,
    csv: String,
) -> Result<(StatusCode, Json<Simulation>), AppError> {
    let speed = query.speed.unwrap_or(1);
    let simulation = robots::replay(&ctx, &shop, &csv, speed, query.baristas).await?;
    Ok((StatusCode::CREATED, Json(simulation)))
}
