use app::{
    error::AppError,
    model::DevMail,
    ssr::usecases::{Ctx, auth},
};
use axum::{Json, extract::Query};
use serde::Deserialize;

use super::openapi::ApiError;

#[derive(Deserialize)]
pub struct MailboxQuery {
    email: Option<String>,
}

/// Dev mode only (404 otherwise): the mail "sent" to one address, newest first.
#[utoipa::path(
    get,
    path = "/dev/mailbox",
    tag = "dev",
    params(("email" = String, Query, description = "Whose mail")),
    responses(
        (status = 200, description = "The mail, newest first", body = Vec<DevMail>),
        (status = 404, description = "Dev mode is off", body = ApiError),
        (status = 422, description = "No address, or not a plain e-mail address", body = ApiError)
    )
)]
pub async fn mailbox(
    ctx: Ctx,
    Query(query): Query<MailboxQuery>,
) -> Result<Json<Vec<DevMail>>, AppError> {
    auth::dev_mailbox(&ctx, query.email.as_deref())
        .await
        .map(Json)
}
