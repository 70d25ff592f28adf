//! Orders, for the apps: starting one with the booth's code, choosing the drink,
//! following it, and the baristas' steps.

use std::collections::BTreeMap;

use leptos::prelude::*;

use crate::{
    error::AppError,
    model::{Order, OrderAction, OrderFeed, OrderId},
};

/// Starts an order with the token from the booth screen's QR code (customer). A repeat
/// with the same `key` returns the first answer. Posted as a form by a browser without
/// the app, it answers with the order's page.
#[server(endpoint = "orders/start", output = crate::api::Answer)]
pub async fn start_order(
    shop: String,
    token: String,
    key: Option<String>,
) -> Result<Order, AppError> {
    use crate::{
        model::StartOrder,
        ssr::{
            forms,
            usecases::{orders, serve},
        },
    };

    let order = serve(|ctx| async move {
        let input = StartOrder { qr_token: token };
        orders::start(&ctx, &shop, input, key.as_deref()).await
    })
    .await?;
    forms::redirect(&format!("/order/{}/{}", order.shop, order.id));
    Ok(order)
}

/// Chooses the order's drink and options, which queues it with its number. A repeat with
/// the same `key` returns the first answer.
///
/// The app sends the drink's `choices`. The menu form, posted by a browser without the
/// app, holds every drink's options as `picks[drink][field] = choice`: the chosen drink's
/// are its choices (an empty one is "None"), the other drinks' are not part of the order.
///
/// With the form's `name`, the customer gives the baristas the name to call out first
/// (an empty one takes it away).
#[server(endpoint = "orders/drink", output = crate::api::Answer)]
pub async fn choose_drink(
    order: OrderId,
    #[server(default)] drink: String,
    #[server(default)] choices: Vec<String>,
    #[server(default)] picks: BTreeMap<String, BTreeMap<String, String>>,
    key: Option<String>,
    name: Option<String>,
) -> Result<Order, AppError> {
    use crate::{
        model::{ChooseDrink, NameChange},
        ssr::usecases::{auth, orders, serve},
    };

    let mut picks = picks;
    let posted = picks
        .remove(&drink)
        .into_iter()
        .flat_map(BTreeMap::into_values);
    let choices = choices
        .into_iter()
        .chain(posted.filter(|choice| !choice.is_empty()))
        .collect();
    serve(|ctx| async move {
        if let Some(name) = name {
            let display_name = Some(name).filter(|name| !name.trim().is_empty());
            auth::rename_me(&ctx, NameChange { display_name }).await?;
        }
        let input = ChooseDrink { drink, choices };
        orders::choose(&ctx, order, input, key.as_deref()).await
    })
    .await
}

/// Takes a walk-up visitor's order at the counter: queued with its number at once
/// (barista).
#[server(endpoint = "orders/counter", output = crate::api::Answer)]
pub async fn order_at_counter(
    shop: String,
    drink: String,
    #[server(default)] choices: Vec<String>,
    name: Option<String>,
) -> Result<Order, AppError> {
    use crate::{
        model::CounterOrder,
        ssr::usecases::{orders, serve},
    };

    serve(|ctx| async move {
        let input = CounterOrder {
            drink,
            choices,
            name,
        };
        orders::at_counter(&ctx, &shop, input).await
    })
    .await
}

/// Asks for an e-mail when the order is ready (its customer).
#[server(endpoint = "orders/ready-mail", output = crate::api::Answer)]
pub async fn mail_when_ready(order: OrderId) -> Result<(), AppError> {
    use crate::ssr::usecases::{orders, serve};

    serve(|ctx| async move { orders::mail_when_ready(&ctx, order).await }).await
}

/// Takes a step on the order: a barista's, or cancelling (its customer while it waits,
/// staff any time before it ends).
#[server(endpoint = "orders/act", output = crate::api::Answer)]
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
#[server(endpoint = "orders/follow", output = crate::api::Answer)]
pub async fn follow_order(order: OrderId) -> Result<OrderFeed, AppError> {
    use crate::ssr::usecases::{orders, serve};

    serve(|ctx| async move { orders::follow(&ctx, order).await }).await
}

/// One order (its customer, staff).
#[server(endpoint = "orders/get", output = crate::api::Answer)]
pub async fn get_order(order: OrderId) -> Result<Order, AppError> {
    use crate::ssr::usecases::{orders, serve};

    serve(|ctx| async move { orders::get(&ctx, order).await }).await
}

/// The signed-in customer's orders, newest first.
#[server(endpoint = "orders/mine", output = crate::api::Answer)]
pub async fn my_orders() -> Result<Vec<Order>, AppError> {
    use crate::ssr::usecases::{orders, serve};

    serve(|ctx| async move { orders::mine(&ctx).await }).await
}
