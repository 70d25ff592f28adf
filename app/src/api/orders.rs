//! Orders, for the apps: starting one with the booth's code, choosing the drink,
//! following it, and the baristas' steps. The same services as the JSON API's
//! `/orders` endpoints, under the same policy.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::{
    error::AppError,
    model::{Event, Order, OrderState},
};

/// A barista's step on an order, or anyone's cancel.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderAction {
    Claim,
    Release,
    Complete,
    Recall,
    Cancel,
}

/// Starts an order with the token from the booth screen's QR code (customer).
#[server(endpoint = "orders/start")]
pub async fn start_order(shop: String, token: String) -> Result<Order, AppError> {
    use crate::ssr::{
        AppState,
        auth::{Action, Caller, authorize},
        orders, respond,
    };

    let state = AppState::current()?;
    respond(
        async {
            let caller = Caller::current();
            let customer = authorize(&caller, Action::StartOrder)?;
            let mut tx = state.pool.begin().await?;
            let order = orders::redeem::redeem(&mut tx, customer, &shop, &token).await?;
            state.sequencer.commit(tx).await?;
            Ok(order)
        }
        .await,
    )
}

/// Chooses the order's drink and options, which queues it with its number.
#[server(endpoint = "orders/drink")]
pub async fn choose_drink(
    order: String,
    drink: String,
    choices: Vec<String>,
) -> Result<Order, AppError> {
    use crate::ssr::{
        AppState,
        auth::{Action, Caller, authorize},
        orders, respond,
    };

    let state = AppState::current()?;
    respond(
        async {
            let caller = Caller::current();
            authorize(&caller, Action::ActAsSelf)?;
            let id = orders::parse_id(&order)?;
            let mut tx = state.pool.begin().await?;
            let order = orders::drink::choose(&mut tx, &caller, id, &drink, &choices).await?;
            state.sequencer.commit(tx).await?;
            Ok(order)
        }
        .await,
    )
}

/// Takes a step on the order: a barista's, or cancelling (its customer while it waits,
/// staff any time before it ends).
#[server(endpoint = "orders/act")]
pub async fn act_on_order(
    order: String,
    action: OrderAction,
    reason: Option<String>,
) -> Result<Order, AppError> {
    use crate::{
        model::{Canceller, Step},
        ssr::{
            AppState,
            auth::{Action, Caller, authorize},
            orders, respond,
        },
    };

    let state = AppState::current()?;
    respond(
        async {
            let caller = Caller::current();
            authorize(&caller, Action::ActAsSelf)?;
            let id = orders::parse_id(&order)?;
            let step = match action {
                OrderAction::Claim => Step::Claim,
                OrderAction::Release => Step::Release,
                OrderAction::Complete => Step::Complete,
                OrderAction::Recall => Step::Recall,
                // The service tells a customer's cancel from staff's by the caller.
                OrderAction::Cancel => Step::Cancel(Canceller::Staff),
            };
            let reason = reason.as_deref().map(str::trim).filter(|r| !r.is_empty());
            orders::steps::take(&state.pool, &state.sequencer, &caller, id, step, reason).await
        }
        .await,
    )
}

/// An order and its journey so far: what a page following it starts from. The live
/// stream goes on from the journey's last event.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrderFeed {
    pub order: Order,
    pub journey: Vec<Event>,
    /// The log's last event before the rest was read: the stream goes on from here.
    pub since: i64,
}

/// The order with its journey (its customer, staff).
#[server(endpoint = "orders/follow")]
pub async fn follow_order(order: String) -> Result<OrderFeed, AppError> {
    use crate::ssr::{AppState, auth::Caller, events, orders, respond};

    let state = AppState::current()?;
    respond(
        async {
            let caller = Caller::current();
            let id = orders::parse_id(&orders::readable(&state.pool, &caller, &order).await?.id)?;
            // The log's end first: the journey and the order read after it are at least
            // as new, and the stream replays whatever came between.
            let since = events::last_seq(&state.pool).await?;
            let journey = events::of_order(&state.pool, id).await?;
            let order = orders::get(&state.pool, id).await?;
            Ok(OrderFeed {
                order,
                journey,
                since,
            })
        }
        .await,
    )
}

/// One order (its customer, staff).
#[server(endpoint = "orders/get")]
pub async fn get_order(order: String) -> Result<Order, AppError> {
    use crate::ssr::{AppState, auth::Caller, orders, respond};

    let state = AppState::current()?;
    respond(orders::readable(&state.pool, &Caller::current(), &order).await)
}

/// Every event of the order, oldest first, each with its sentence for a person.
#[server(endpoint = "orders/journey")]
pub async fn order_journey(order: String) -> Result<Vec<Event>, AppError> {
    use crate::ssr::{AppState, auth::Caller, events, orders, respond};

    let state = AppState::current()?;
    respond(
        async {
            let order = orders::readable(&state.pool, &Caller::current(), &order).await?;
            Ok(events::of_order(&state.pool, orders::parse_id(&order.id)?).await?)
        }
        .await,
    )
}

/// The signed-in customer's orders, newest first.
#[server(endpoint = "orders/mine")]
pub async fn my_orders() -> Result<Vec<Order>, AppError> {
    use crate::ssr::{
        AppState,
        auth::{Action, Caller, authorize},
        orders, respond,
        users::user_id,
    };

    let state = AppState::current()?;
    respond(
        async {
            let caller = Caller::current();
            let customer = authorize(&caller, Action::StartOrder)?;
            Ok(orders::of_customer(&state.pool, user_id(customer)?).await?)
        }
        .await,
    )
}

/// A shop's orders in `states`, oldest first (barista, display).
#[server(endpoint = "orders/of_shop")]
pub async fn shop_orders(shop: String, states: Vec<OrderState>) -> Result<Vec<Order>, AppError> {
    use crate::ssr::{
        AppState,
        auth::{Action, Caller, authorize},
        orders, respond, shops,
    };

    let state = AppState::current()?;
    respond(
        async {
            authorize(&Caller::current(), Action::WatchShop)?;
            let shop = shops::get(&state.pool, &shop).await?;
            Ok(orders::of_shop(&state.pool, &shop.slug, &states).await?)
        }
        .await,
    )
}
