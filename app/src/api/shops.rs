//! Reading shops.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::{error::AppError, model::Shop};

/// Every shop, by name.
#[server(endpoint = "shops")]
pub async fn list_shops() -> Result<Vec<Shop>, AppError> {
    use crate::ssr::{AppState, respond, shops};

    let state = AppState::current()?;
    respond(shops::list(&state.pool).await.map_err(AppError::from))
}

/// One shop, by its slug.
#[server(endpoint = "shop")]
pub async fn get_shop(slug: String) -> Result<Shop, AppError> {
    use crate::ssr::{AppState, respond, shops};

    let state = AppState::current()?;
    respond(shops::get(&state.pool, &slug).await)
}

/// The code the booth screen shows: where it leads and the SVG that draws it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoothCode {
    pub url: String,
    pub svg: String,
    /// Orders the code can still start.
    pub remaining: i32,
    /// When the code's window ends (RFC 3339): the screen shows the next one then.
    pub window_ends_at: String,
}

/// The booth screen's QR code: the current token's address in the customer app, drawn
/// on the server, and how long and for how many drinks it lasts.
#[server(endpoint = "booth_code")]
pub async fn get_booth_code(slug: String) -> Result<BoothCode, AppError> {
    use crate::ssr::{
        AppState,
        auth::{Action, Caller, authorize},
        qr, respond, shops,
    };

    let state = AppState::current()?;
    respond(
        async {
            authorize(&Caller::current(), Action::RunDisplay)?;
            let shop = shops::get(&state.pool, &slug).await?;
            let code = qr::current(&state.pool, &shop.slug, &shop.settings).await?;
            let url = format!(
                "{}/order/{}?t={}",
                state.public_url_here()?,
                shop.slug,
                code.token
            );
            let svg = qr::svg(&url)?;
            Ok(BoothCode {
                url,
                svg,
                remaining: code.remaining,
                window_ends_at: crate::ssr::events::rfc3339(code.window_ends_at),
            })
        }
        .await,
    )
}

/// Opens or closes the shop (barista, admin).
#[server(endpoint = "shop/open")]
pub async fn set_shop_open(slug: String, open: bool) -> Result<Shop, AppError> {
    use crate::ssr::{
        AppState,
        auth::{Action, Caller, authorize},
        respond, shops,
    };

    let state = AppState::current()?;
    respond(
        async {
            let caller = Caller::current();
            let barista = authorize(&caller, Action::WorkCounter)?;
            shops::set_open(&state.pool, &state.sequencer, &slug, open, barista.label()).await
        }
        .await,
    )
}
