//! Paired screens: a new screen asks for a code and waits; the admin pairs it by that
//! code, lists the screens and removes them.

use app::{
    error::AppError,
    model::{Device, NewDevice, Pairing, PairingState},
    ssr::usecases::{Ctx, devices},
};
use axum::{
    Json,
    extract::Path,
    http::{StatusCode, header::SET_COOKIE},
    response::{IntoResponse, Response},
};

use super::{body::Body, openapi::ApiError};

/// A code for a new screen to show for 10 minutes; the answer sets the pairing cookie
/// this browser waits with.
#[utoipa::path(
    post,
    path = "/devices/pairing",
    tag = "devices",
    responses(
        (status = 201, description = "The code to show; the pairing cookie is set", body = Pairing),
        (status = 429, description = "Too many codes from this client", body = ApiError)
    )
)]
pub async fn start_pairing(ctx: Ctx) -> Result<Response, AppError> {
    let (pairing, cookie) = devices::start_pairing(&ctx).await?;
    Ok((StatusCode::CREATED, [(SET_COOKIE, cookie)], Json(pairing)).into_response())
}

/// Whether this browser's screen has been paired; once it has, the answer also sets
/// its session cookie (the browser holding the pairing cookie).
#[utoipa::path(
    get,
    path = "/devices/pairing",
    tag = "devices",
    responses(
        (status = 200, description = "Waiting, or paired and signed in", body = PairingState),
        (status = 404, description = "No pairing waits for this browser: none asked, expired, or used", body = ApiError)
    )
)]
pub async fn pairing_state(ctx: Ctx) -> Result<Response, AppError> {
    let (state, cookies) = devices::pairing_state(&ctx).await?;
    let mut response = Json(state).into_response();
    for cookie in cookies {
        response.headers_mut().append(SET_COOKIE, cookie);
    }
    Ok(response)
}

/// Pairs the screen showing `code` as a barista tablet or booth screen of one shop
/// (admin).
#[utoipa::path(
    post,
    path = "/devices",
    tag = "devices",
    request_body = NewDevice,
    responses(
        (status = 201, description = "The paired screen; it signs in by itself", body = Device),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Signed in, but not allowed", body = ApiError),
        (status = 404, description = "No screen shows this code (unknown, expired or used)", body = ApiError),
        (status = 422, description = "Invalid input; `field` names it", body = ApiError)
    )
)]
pub async fn pair(
    ctx: Ctx,
    Body(input): Body<NewDevice>,
) -> Result<(StatusCode, Json<Device>), AppError> {
    let device = devices::pair(&ctx, input).await?;
    Ok((StatusCode::CREATED, Json(device)))
}

/// The paired screens (admin).
#[utoipa::path(
    get,
    path = "/devices",
    tag = "devices",
    responses(
        (status = 200, description = "Every paired screen", body = Vec<Device>),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Signed in, but not allowed", body = ApiError)
    )
)]
pub async fn list(ctx: Ctx) -> Result<Json<Vec<Device>>, AppError> {
    devices::list(&ctx).await.map(Json)
}

/// Removes a paired screen: its session and its live streams end at once, on every
/// instance (admin).
#[utoipa::path(
    delete,
    path = "/devices/{id}",
    tag = "devices",
    params(("id" = String, Path, description = "The screen's id")),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Signed in, but not allowed", body = ApiError),
        (status = 404, description = "No such screen", body = ApiError)
    )
)]
pub async fn remove(ctx: Ctx, Path(id): Path<String>) -> Result<StatusCode, AppError> {
    devices::remove(&ctx, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}
