//! Shops: reading them, opening and closing them.

use leptos::prelude::*;

use crate::{error::AppError, model::Shop};

/// Every shop that is not archived, by name.
#[server(endpoint = "shops", output = crate::api::Answer)]
pub async fn list_shops() -> Result<Vec<Shop>, AppError> {
    use crate::ssr::usecases::{serve, shops};

    serve(|ctx| async move { shops::list(&ctx, false).await }).await
}

/// One shop, by its slug.
#[server(endpoint = "shop", output = crate::api::Answer)]
pub async fn get_shop(slug: String) -> Result<Shop, AppError> {
    use crate::ssr::usecases::{serve, shops};

    serve(|ctx| async move { shops::get(&ctx, &slug).await }).await
}

/// Opens or closes the shop (barista, admin).
#[server(endpoint = "shop/open", output = crate::api::Answer)]
pub async fn set_shop_open(slug: String, open: bool) -> Result<Shop, AppError> {
    use crate::{
        model::SetOpen,
        ssr::usecases::{serve, shops},
    };

    serve(|ctx| async move { shops::set_open(&ctx, &slug, SetOpen { open }).await }).await
}

/// How the shop works, live: today's orders by state and the newest steps (anyone while
/// the shop shows it; its staff always).
#[server(endpoint = "shop/how", output = crate::api::Answer)]
pub async fn get_how(slug: String) -> Result<crate::model::HowView, AppError> {
    use crate::ssr::usecases::{how, serve};

    serve(|ctx| async move { how::view(&ctx, &slug).await }).await
}
