//! Reports: a shop's day in numbers, and its orders as CSV (admin).

use app::{
    error::AppError,
    model::{Report, ReportQuery},
    ssr::usecases::{Ctx, reports},
};
use axum::{
    Json,
    body::Body,
    extract::{Path, Query},
    http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE},
    response::IntoResponse,
};
use futures::TryStreamExt;

use super::openapi::ApiError;

/// The shop's orders over its days `from`..`to` (its time zone; today by default): how
/// they ended, per hour, drinks and choices made, the wait, and per barista. Robots'
/// orders only with `?robots=true`.
#[utoipa::path(
    get,
    path = "/shops/{shop}/report",
    tag = "reports",
    params(("shop" = String, Path, description = "The shop's slug"), ReportQuery),
    responses(
        (status = 200, description = "The report", body = Report),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Signed in, but not allowed", body = ApiError),
        (status = 404, description = "No such shop or order", body = ApiError),
        (status = 422, description = "A date that is not `YYYY-MM-DD`, or a range backwards or over 366 days; `field` names it", body = ApiError)
    )
)]
pub async fn report(
    ctx: Ctx,
    Path(shop): Path<String>,
    Query(query): Query<ReportQuery>,
) -> Result<Json<Report>, AppError> {
    reports::report(&ctx, &shop, query).await.map(Json)
}

/// The same orders as CSV, one row per order, a header row first: `id, number, day,
/// state, drink, choices, customer_id, barista, created_at, queued_at, claimed_at,
/// ready_at, ended_at, cancel_reason` (`choices` joined by `;`, `barista` a display
/// name, times RFC 3339 in UTC).
#[utoipa::path(
    get,
    path = "/shops/{shop}/orders.csv",
    tag = "reports",
    params(("shop" = String, Path, description = "The shop's slug"), ReportQuery),
    responses(
        (status = 200, description = "The orders", content_type = "text/csv", body = String),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Signed in, but not allowed", body = ApiError),
        (status = 404, description = "No such shop or order", body = ApiError),
        (status = 422, description = "A date that is not `YYYY-MM-DD`, or a range backwards or over 366 days; `field` names it", body = ApiError)
    )
)]
pub async fn orders_csv(
    ctx: Ctx,
    Path(shop): Path<String>,
    Query(query): Query<ReportQuery>,
) -> Result<impl IntoResponse, AppError> {
    let (name, rows) = reports::orders_csv(&ctx, &shop, query).await?;
    Ok((
        [
            (CONTENT_TYPE, "text/csv; charset=utf-8".to_owned()),
            (
                CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
            (CACHE_CONTROL, "private, no-store".to_owned()),
        ],
        Body::from_stream(rows.map_err(|err| std::io::Error::other(err.to_string()))),
    ))
}
