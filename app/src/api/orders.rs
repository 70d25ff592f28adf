//! Orders, for the apps: starting one with the booth's code, choosing the drink,
//! following it, and the baristas' steps.

use leptos::prelude::*;

use crate::{
    error::AppError,
    model::{Order, OrderAction, OrderFeed, OrderId},
};

/// Starts an order with the token from the booth screen's QR code (customer). A repeat
/// with the same `key` returns the first answer.
#[server(endpoint = "orders/start")]
pub async fn start_order(
    shop: String,
    token: String,
    key: Option<String>,
) -> Result<Order, AppError> {
    use crate::{
        model::StartOrder,
        ssr::usecases::{orders, serve},
    };

    serve(|ctx| async move {
        let input = StartOrder { qr_token: token };
        orders::start(&ctx, &shop, input, key.as_deref()).await
    })
    .await
}

/// Chooses the order's drink and options, which queues it with its number. A repeat with
/// the same `key` returns the first answer.
#[server(endpoint = "orders/drink")]
pub async fn choose_drink(
    order: OrderId,
    drink: String,
    choices: Vec<String>,
    key: Option<String>,
) -> Result<Order, AppError> {
    use crate::{
        model::ChooseDrink,
        ssr::usecases::{orders, serve},
    };

    serve(|ctx| async move {
        let input = ChooseDrink { drink, choices };
        orders::choose(&ctx, order, input, key.as_deref()).await
    })
    .await
}

/// Takes a step on the order: a barista's, or cancelling (its customer while it waits,
/// staff any time before it ends).
#[server(endpoint = "orders/act")]
pub async fn act_on_order(
    order: OrderId,
    action: OrderAction,
    reason: Option<String>,
) -> Result<Order, AppError> {
    use crate::ssr::usecases::{orders, serve};

    serve(|ctx| async move { orders::act(&ctx, order, action, reason.as_deref()).await }).await
}

/// The order with its journey (its customer, staff): what a page following it starts
/// from; the live stream goes on from the journey's last event.
#[server(endpoint = "orders/follow")]
pub async fn follow_order(order: OrderId) -> Result<OrderFeed, AppError> {
    use crate::ssr::usecases::{orders, serve};

    serve(|ctx| async move { orders::follow(&ctx, order).await }).await
}

/// One order (its customer, staff).
#[server(endpoint = "orders/get")]
pub async fn get_order(order: OrderId) -> Result<Order, AppError> {
    use crate::ssr::usecases::{orders, serve};

    serve(|ctx| async move { orders::get(&ctx, order).await }).await
}

/// The signed-in customer's orders, newest first.
#[server(endpoint = "orders/mine")]
pub async fn my_orders() -> Result<Vec<Order>, AppError> {
    use crate::ssr::usecases::{orders, serve};

    serve(|ctx| async move { orders::mine(&ctx).await }).await
}
