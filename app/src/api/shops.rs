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
}

/// The QR code of a shop's customer app, drawn on the server. For the booth screen.
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
            let url = format!("{}/order/{}", state.public_url()?, shop.slug);
            let svg = qr::svg(&url)?;
            Ok(BoothCode { url, svg })
        }
        .await,
    )
}
