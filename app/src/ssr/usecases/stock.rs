//! Stock at the counter: what can be ordered, and the portions left.

use super::Ctx;
use crate::{
    error::AppError,
    model::{Actor, Change, Stock, StockChanged, StockPatch},
    ssr::{
        auth::{Action, authorize_at},
        events::{self, NewEvent},
        shops, stock,
    },
};

/// The stock of every drink and choice on the shop's menu (anyone).
pub async fn get(ctx: &Ctx, slug: &str) -> Result<Stock, AppError> {
    let shop = shops::get(&ctx.state.pool, slug).await?;
    let stock = stock::of_shop(&ctx.state.pool, &shop.slug).await?;
    Ok(stock.of_menu(&shop.menu))
}

/// Marks drinks and choices sold out or back, and sets or clears their counts (barista,
/// admin); open menus follow by the `stock.changed` event.
pub async fn change(ctx: &Ctx, slug: &str, patch: StockPatch) -> Result<Stock, AppError> {
    let barista = authorize_at(&ctx.caller, Action::WorkCounter, slug)?;
    let shop = shops::get(&ctx.state.pool, slug).await?;
    patch.check(&shop.menu)?;
    if !patch.is_empty() {
        let mut tx = ctx.state.pool.begin().await?;
        let changed = stock::change(&mut tx, &shop.slug, &patch).await?;
        let change = Change::StockChanged(StockChanged {
            actor: Actor::staff_user(barista),
            stock: changed,
        });
        events::append(&mut tx, &[NewEvent::of_shop(&shop.slug, change)]).await?;
        ctx.state.sequencer.commit(tx).await?;
    }
    get(ctx, slug).await
}
