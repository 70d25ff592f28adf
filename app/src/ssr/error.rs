use axum::http::StatusCode;
use leptos::prelude::*;
use leptos_axum::ResponseOptions;

use crate::error::AppError;

impl From<sqlx::Error> for AppError {
    /// Logs the cause; the person sees a generic message.
    fn from(err: sqlx::Error) -> Self {
        match err {
            sqlx::Error::PoolTimedOut | sqlx::Error::Io(_) => {
                tracing::warn!(error = %err, "database unreachable");
                Self::unavailable()
            }
            err => {
                tracing::error!(error = ?err, "database error");
                Self::internal()
            }
        }
    }
}

/// Gives the response the status of the error, if any: the page's status when a server
/// function runs while a page renders, the call's when it is called over HTTP.
pub fn respond<T>(result: Result<T, AppError>) -> Result<T, AppError> {
    if let (Err(err), Some(response)) = (&result, use_context::<ResponseOptions>()) {
        response.set_status(
            StatusCode::from_u16(err.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
        );
    }
    result
}
