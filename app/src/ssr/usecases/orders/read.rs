//! Reading orders: one, with its journey, a customer's own, a shop's; each queued one
//! with its place in the line, and names only where the reader may see them.

use super::{Ctx, signed_in};
use crate::{
    error::AppError,
    model::{Event, Order, OrderFeed, OrderId, OrderState},
    ssr::{
        auth::{Action, authorize, authorize_at},
        events,
        orders::{self, queue},
        shops,
    },
};

/// The order (its customer, staff; another customer's is a 404, as if it did not exist).
pub async fn get(ctx: &Ctx, id: OrderId) -> Result<Order, AppError> {
    // Who asks is checked before whether the order exists.
    signed_in(&ctx.caller)?;
    let mut order = orders::get(&ctx.state.pool, id).await?;
    authorize_at(
        &ctx.caller,
        Action::ReadOrder {
            customer_id: order.customer_id,
        },
        &order.shop,
    )?;
    if ctx.is_screen() && !names_on_board(ctx, &order.shop).await? {
        order.customer_name = None;
    }
    queue::place_all(&ctx.state.pool, std::slice::from_mut(&mut order)).await?;
    Ok(order)
}

/// Whether the shop `slug` shows customers' names on its board.
async fn names_on_board(ctx: &Ctx, slug: &str) -> Result<bool, AppError> {
    Ok(shops::get(&ctx.state.pool, slug)
        .await?
        .settings
        .names_on_board)
}

/// Every event of the order, oldest first, each with its sentence for a person.
pub async fn journey(ctx: &Ctx, id: OrderId) -> Result<Vec<Event>, AppError> {
    let order = get(ctx, id).await?;
    let mut journey = events::of_order(&ctx.state.pool, id).await?;
    if order.customer_name.is_none() {
        journey
            .iter_mut()
            .for_each(|event| event.change.forget_name());
    }
    Ok(journey)
}

/// The order with its journey: what a page following it starts from.
pub async fn follow(ctx: &Ctx, id: OrderId) -> Result<OrderFeed, AppError> {
    let named = get(ctx, id).await?.customer_name.is_some();
    // The log's end first: the journey and the order read after it are at least as new,
    // and the stream replays whatever came between.
    let since = events::last_seq(&ctx.state.pool).await?;
    let mut journey = events::of_order(&ctx.state.pool, id).await?;
    let mut order = orders::get(&ctx.state.pool, id).await?;
    if !named {
        order.customer_name = None;
        journey
            .iter_mut()
            .for_each(|event| event.change.forget_name());
    }
    queue::place_all(&ctx.state.pool, std::slice::from_mut(&mut order)).await?;
    Ok(OrderFeed {
        order,
        journey,
        since,
    })
}

/// The caller's orders, newest first (customer).
pub async fn mine(ctx: &Ctx) -> Result<Vec<Order>, AppError> {
    let customer = authorize(&ctx.caller, Action::StartOrder)?;
    let mut orders = orders::of_customer(&ctx.state.pool, customer.id).await?;
    queue::place_all(&ctx.state.pool, &mut orders).await?;
    Ok(orders)
}

/// A shop's orders in `states`, oldest first; those handed over only when
/// `with_picked_up` (barista, display).
pub async fn of_shop(
    ctx: &Ctx,
    shop: &str,
    states: &[OrderState],
    with_picked_up: bool,
) -> Result<Vec<Order>, AppError> {
    authorize_at(&ctx.caller, Action::WatchShop, shop)?;
    let shop = shops::get(&ctx.state.pool, shop).await?;
    let mut orders = orders::of_shop(&ctx.state.pool, &shop.slug, states, with_picked_up).await?;
    if !ctx.sees_names(&shop.settings) {
        orders
            .iter_mut()
            .for_each(|order| order.customer_name = None);
    }
    queue::place_all(&ctx.state.pool, &mut orders).await?;
    Ok(orders)
}
