//! The staff boards: everything the barista app and the booth screen start from.

use leptos::prelude::*;

use crate::{
    error::AppError,
    model::{Board, BoothCode},
};

/// The board of the shop (barista, display, admin).
#[server(endpoint = "board", output = crate::api::Answer)]
pub async fn get_board(slug: String) -> Result<Board, AppError> {
    use crate::ssr::usecases::{serve, shops};

    serve(|ctx| async move { shops::board(&ctx, &slug).await }).await
}

/// The booth screen's QR code: the current token's address in the customer app, drawn
/// on the server, and how long and for how many drinks it lasts (display, admin).
#[server(endpoint = "booth_code", output = crate::api::Answer)]
pub async fn get_booth_code(slug: String) -> Result<BoothCode, AppError> {
    use crate::ssr::usecases::{serve, shops};

    serve(|ctx| async move { shops::booth_screen(&ctx, &slug).await }).await
}
