//! The public JSON API, `/api/v1` (see the contract in the project's API.md). Handlers
//! call the same services as the server functions, and ask the same policy.

mod auth;
mod body;
mod dev;
mod idempotent;
mod orders;
mod shops;
mod streams;

use app::{error::AppError, ssr::AppState};
use axum::{
    Router,
    routing::{get, post, put},
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/auth/code", post(auth::request_code))
        .route("/auth/verify", post(auth::verify_code))
        .route("/auth/login", post(auth::login))
        .route("/auth/logout", post(auth::logout))
        .route("/me", get(auth::me))
        .route("/me/orders", get(orders::mine))
        .route("/me/stream", get(streams::mine))
        .route("/shops/{shop}/stream", get(streams::shop))
        .route("/dev/mailbox", get(dev::mailbox))
        .route("/shops", get(shops::list).post(shops::create))
        .route("/shops/{shop}", get(shops::get).patch(shops::update))
        .route("/shops/{shop}/menu", put(shops::set_menu))
        .route("/shops/{shop}/open", put(shops::set_open))
        .route("/shops/{shop}/qr", get(shops::qr))
        .route(
            "/shops/{shop}/orders",
            get(shops::orders).post(shops::start_order),
        )
        .route("/orders/{id}", get(orders::get))
        .route("/orders/{id}/journey", get(orders::journey))
        .route("/orders/{id}/drink", put(orders::choose_drink))
        .route("/orders/{id}/cancel", post(orders::cancel))
        .route("/orders/{id}/claim", post(orders::claim))
        .route("/orders/{id}/release", post(orders::release))
        .route("/orders/{id}/complete", post(orders::complete))
        .route("/orders/{id}/recall", post(orders::recall))
        .fallback(async || AppError::not_found("There is no such endpoint in the Crema API."))
}
