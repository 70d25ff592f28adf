//! Robots (admin): starting a shop's simulation, reading how it goes, stopping it.

use super::Ctx;
use crate::{
    error::AppError,
    model::{Simulation, SimulationSettings},
    ssr::{
        auth::{Action, authorize},
        robots, shops,
    },
};

/// Starts robots at `shop`: customers arriving at the settings' rate and robot baristas
/// for their orders. 409 `simulation_running` while one runs there.
pub async fn start(
    ctx: &Ctx,
    shop: &str,
    settings: SimulationSettings,
) -> Result<Simulation, AppError> {
    authorize(&ctx.caller, Action::ManageShops)?;
    let settings = settings.checked()?;
    let shop = shops::get(&ctx.state.pool, shop).await?;
    robots::start(&ctx.state.pool, &shop.slug, &settings).await
}

/// The shop's latest simulation, with what became of its robot customers.
pub async fn latest(ctx: &Ctx, shop: &str) -> Result<Simulation, AppError> {
    authorize(&ctx.caller, Action::ManageShops)?;
    let shop = shops::get(&ctx.state.pool, shop).await?;
    robots::latest(&ctx.state.pool, &shop.slug).await
}

/// Stops the shop's robots: their open orders are cancelled within a second.
pub async fn stop(ctx: &Ctx, shop: &str) -> Result<(), AppError> {
    authorize(&ctx.caller, Action::ManageShops)?;
    let shop = shops::get(&ctx.state.pool, shop).await?;
    robots::stop(&ctx.state.pool, &shop.slug).await
}
