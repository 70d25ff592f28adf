use axum::{
    Json,
    http::{HeaderValue, StatusCode, header::RETRY_AFTER},
    response::{IntoResponse, Response},
};
use leptos::prelude::*;
use leptos_axum::ResponseOptions;

use crate::error::AppError;

/// The SQLSTATEs of text Postgres cannot store (a NUL byte, in text or in JSON): the
/// client's mistake, whichever input it came in.
const UNSTORABLE_TEXT: [&str; 2] = ["22021", "22P05"];

impl From<sqlx::Error> for AppError {
    /// Logs the cause; the person sees a generic message.
    fn from(err: sqlx::Error) -> Self {
        match err {
            sqlx::Error::Database(db)
                if db
                    .code()
                    .is_some_and(|code| UNSTORABLE_TEXT.contains(&&*code)) =>
            {
                Self::new(
                    400,
                    "malformed",
                    "The request holds a character Crema cannot store (a NUL byte).",
                )
            }
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
    if let Err(err) = &result {
        set_status(err);
    }
    result
}

/// Answers the request being handled with `err`'s status (and `Retry-After`); a form
/// posted without the app is answered with a redirect instead (see `forms`).
pub fn set_status(err: &AppError) {
    if super::forms::is_plain_form() {
        return;
    }
    if let Some(response) = use_context::<ResponseOptions>() {
        response.set_status(err.status_code());
        if let Some(retry_after) = err.retry_after() {
            response.insert_header(RETRY_AFTER, retry_after);
        }
    }
}

impl AppError {
    pub fn status_code(&self) -> StatusCode {
        StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }

    /// The `Retry-After` header's value, for an error that has one.
    fn retry_after(&self) -> Option<HeaderValue> {
        self.retry_after_s.map(HeaderValue::from)
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

impl AppError {
    /// The error a [`json_body`](Self::json_body) was made from, answered with `status`.
    pub fn from_json_body(status: u16, body: &serde_json::Value) -> Self {
        let error = &body["error"];
        let text = |name: &str| error[name].as_str().map(str::to_owned);
        Self {
            status,
            code: text("code").unwrap_or_else(|| "internal".to_owned()),
            message: text("message").unwrap_or_default(),
            field: text("field"),
            retry_after_s: None,
        }
    }
}

impl IntoResponse for AppError {
    /// The JSON API's answer; the error rides along, so that the answer can be told in
    /// the shop's language (`ssr::language`).
    fn into_response(self) -> Response {
        let mut response = (self.status_code(), Json(self.json_body())).into_response();
        if let Some(retry_after) = self.retry_after() {
            response.headers_mut().insert(RETRY_AFTER, retry_after);
        }
        response.extensions_mut().insert(self);
        response
    }
}
