//! The public JSON API, `/api/v1` (see the contract in the project's API.md). Handlers
//! call the same services as the server functions, and ask the same policy.

mod auth;
mod body;
mod dev;

use app::{error::AppError, ssr::AppState};
use axum::{
    Router,
    routing::{get, post},
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/auth/code", post(auth::request_code))
        .route("/auth/verify", post(auth::verify_code))
        .route("/auth/login", post(auth::login))
        .route("/auth/logout", post(auth::logout))
        .route("/me", get(auth::me))
        .route("/dev/mailbox", get(dev::mailbox))
        .fallback(async || AppError::not_found("There is no such endpoint in the Crema API."))
}
