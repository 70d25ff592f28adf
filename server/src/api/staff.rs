//! Staff accounts: the admin lists, creates and changes them, and ends their sessions.

use app::{
    error::AppError,
    model::{NewStaff, Staff, StaffChanges},
    ssr::usecases::{Ctx, staff},
};
use axum::{Json, extract::Path, http::StatusCode};

use super::{body::Body, openapi::ApiError};

/// Every staff account, by username (admin).
#[utoipa::path(
    get,
    path = "/staff",
    tag = "staff",
    responses(
        (status = 200, description = "Every staff account", body = Vec<Staff>),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Signed in, but not allowed", body = ApiError)
    )
)]
pub async fn list(ctx: Ctx) -> Result<Json<Vec<Staff>>, AppError> {
    staff::list(&ctx).await.map(Json)
}

/// A new staff account (admin); `shops` keeps a barista or display account to those
/// shops.
#[utoipa::path(
    post,
    path = "/staff",
    tag = "staff",
    request_body = NewStaff,
    responses(
        (status = 201, description = "The new account", body = Staff),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Signed in, but not allowed", body = ApiError),
        (status = 409, description = "The username is taken", body = ApiError),
        (status = 422, description = "Invalid input; `field` names it", body = ApiError)
    )
)]
pub async fn create(
    ctx: Ctx,
    Body(input): Body<NewStaff>,
) -> Result<(StatusCode, Json<Staff>), AppError> {
    let staff = staff::create(&ctx, input).await?;
    Ok((StatusCode::CREATED, Json(staff)))
}

/// Changes a staff account (admin): disabling it, a new password, role or shops end its
/// sessions.
#[utoipa::path(
    patch,
    path = "/staff/{id}",
    tag = "staff",
    params(("id" = String, Path, description = "The account's id")),
    request_body = StaffChanges,
    responses(
        (status = 200, description = "The account, as it became", body = Staff),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Signed in, but not allowed", body = ApiError),
        (status = 404, description = "No such staff account", body = ApiError),
        (status = 422, description = "Invalid input; `field` names it", body = ApiError)
    )
)]
pub async fn update(
    ctx: Ctx,
    Path(id): Path<String>,
    Body(changes): Body<StaffChanges>,
) -> Result<Json<Staff>, AppError> {
    staff::update(&ctx, &id, changes).await.map(Json)
}

/// Ends every session of a staff account, and the live streams they hold (admin).
#[utoipa::path(
    delete,
    path = "/staff/{id}/sessions",
    tag = "staff",
    params(("id" = String, Path, description = "The account's id")),
    responses(
        (status = 204, description = "Its sessions ended"),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Signed in, but not allowed", body = ApiError),
        (status = 404, description = "No such staff account", body = ApiError)
    )
)]
pub async fn end_sessions(ctx: Ctx, Path(id): Path<String>) -> Result<StatusCode, AppError> {
    staff::end_sessions(&ctx, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}
