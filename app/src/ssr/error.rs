use axum::{
    Json,
    http::StatusCode,
    response::{IntoResponse, Response},
};
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
        response.set_status(err.status_code());
    }
    result
}

impl AppError {
    pub fn status_code(&self) -> StatusCode {
        StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }

    /// The JSON API's error body: `{"error": {"code", "message", "field"?}}`.
    pub fn json_body(&self) -> serde_json::Value {
        let mut body = serde_json::json!({ "code": self.code, "message": self.message });
        if let Some(field) = &self.field {
            body["field"] = field.clone().into();
        }
        serde_json::json!({ "error": body })
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        (self.status_code(), Json(self.json_body())).into_response()
    }
}
