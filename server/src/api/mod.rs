//! The public JSON API, `/api/v1` (see the contract in the project's API.md). Handlers
//! call the same services as the server functions, and ask the same policy. Each
//! handler states its OpenAPI operation beside its code; the router collects them into
//! the document served at `/api/v1/openapi.json`.

mod auth;
mod body;
mod dev;
mod devices;
pub(crate) mod idempotent;
mod openapi;
mod orders;
pub mod rejections;
mod reports;
mod robots;
mod shop_admin;
mod shops;
mod staff;
mod stock;
mod streams;

use std::sync::Arc;

use app::{error::AppError, ssr::AppState};
use axum::{Json, Router, routing::get};
use utoipa::{Modify, OpenApi};
use utoipa_axum::{router::OpenApiRouter, routes};

/// The largest request body taken, anywhere: a big menu is a few kilobytes.
pub const MAX_BODY: usize = 256 * 1024;

/// The API's routes, and the OpenAPI operations of their handlers (paths relative to
/// `/api/v1`).
fn routes() -> (Router<AppState>, utoipa::openapi::OpenApi) {
    OpenApiRouter::new()
        .routes(routes!(auth::request_code))
        .routes(routes!(auth::verify_code))
        .routes(routes!(auth::login))
        .routes(routes!(auth::logout))
        .routes(routes!(auth::me, auth::rename_me, auth::erase_me))
        .routes(routes!(orders::mine))
        .routes(routes!(streams::mine))
        .routes(routes!(streams::shop))
        .routes(routes!(streams::every))
        .routes(routes!(streams::public))
        .routes(routes!(dev::mailbox))
        .routes(routes!(shops::list, shop_admin::create))
        .routes(routes!(shops::get, shop_admin::update))
        .routes(routes!(shop_admin::set_menu))
        .routes(routes!(shops::set_open))
        .routes(routes!(shops::qr))
        .routes(routes!(stock::get, stock::change))
        .routes(routes!(staff::list, staff::create))
        .routes(routes!(staff::update))
        .routes(routes!(staff::end_sessions))
        .routes(routes!(devices::start_pairing, devices::pairing_state))
        .routes(routes!(devices::pair, devices::list))
        .routes(routes!(devices::remove))
        .routes(routes!(shops::orders, shops::start_order))
        .routes(routes!(shops::counter_order))
        .routes(routes!(reports::report))
        .routes(routes!(reports::orders_csv))
        .routes(routes!(robots::start, robots::latest, robots::stop))
        .routes(routes!(robots::replay))
        .routes(routes!(orders::get))
        .routes(routes!(orders::journey))
        .routes(routes!(orders::choose_drink))
        .routes(routes!(orders::cancel))
        .routes(routes!(orders::claim))
        .routes(routes!(orders::release))
        .routes(routes!(orders::complete))
        .routes(routes!(orders::recall))
        .routes(routes!(orders::pickup))
        .routes(routes!(orders::ready_mail))
        .split_for_parts()
}

/// `/api/v1`: every endpoint, its OpenAPI document, and a JSON 404 for the rest (the
/// server's [`rejections::json_errors`] makes every other error JSON too).
pub fn router() -> Router<AppState> {
    let (router, doc) = routes();
    let mut doc = openapi::ApiDoc::openapi().nest("/api/v1", doc);
    openapi::EveryAnswer.modify(&mut doc);
    let doc = Arc::new(doc);
    router
        .route("/openapi.json", get(move || async move { Json(doc) }))
        .fallback(async || AppError::not_found("There is no such endpoint in the Crema API."))
}
