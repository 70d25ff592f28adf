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

/// Replays a recorded day (an `orders.csv` export) at `shop`, `speed` (1–60) times as
/// fast, with `baristas` robot baristas or as many as the day had. 409
/// `simulation_running` while robots run there; 422 `invalid_csv` or `invalid_settings`.
pub async fn replay(
    ctx: &Ctx,
    shop: &str,
    csv_text: &str,
    speed: u32,
    baristas: Option<u32>,
) -> Result<Simulation, AppError> {
    authorize(&ctx.caller, Action::ManageShops)?;
    let shop = shops::get(&ctx.state.pool, shop).await?;
    robots::start_replay(&ctx.state.pool, &shop.slug, csv_text, speed, baristas).await
}
