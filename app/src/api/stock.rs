//! Stock at the counter: sold out, back, and portions left.

use leptos::prelude::*;

use crate::{
    error::AppError,
    model::{Stock, StockPatch},
};

/// Marks drinks and choices sold out or back, and sets or clears their counts (barista,
/// admin): the shop's stock as it became. Sent as JSON: a count may be `null` (not
/// counted), which a form cannot say.
#[server(endpoint = "stock", input = crate::api::Answer, output = crate::api::Answer)]
pub async fn change_stock(slug: String, patch: StockPatch) -> Result<Stock, AppError> {
    use crate::ssr::usecases::{serve, stock};

    serve(|ctx| async move { stock::change(&ctx, &slug, patch).await }).await
}
