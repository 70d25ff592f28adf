use app::{
    error::AppError,
    model::DevMail,
    ssr::{AppState, mail},
};
use axum::{
    Json,
    extract::{Query, State},
};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct MailboxQuery {
    email: Option<String>,
}

/// Dev mode only (404 otherwise): the mail "sent", newest first.
pub async fn mailbox(
    State(state): State<AppState>,
    Query(query): Query<MailboxQuery>,
) -> Result<Json<Vec<DevMail>>, AppError> {
    state.require_dev_mode()?;
    Ok(Json(
        mail::dev_mailbox(&state.pool, query.email.as_deref()).await?,
    ))
}
