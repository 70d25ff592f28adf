//! Orders: a customer starts one with the booth's code and chooses the drink; baristas
//! claim, release, complete and recall; its customer or staff cancel; reading them.

use std::time::Instant;

use sqlx::{Connection, PgConnection};

use super::Ctx;
use crate::{
    error::AppError,
    model::{
        Actor, Canceller, Change, ChooseDrink, CounterOrder, Event, NameChange, Order, OrderAction,
        OrderFeed, OrderId, OrderState, Role, StartOrder, Step, StockChanged, User, UserId,
    },
    ssr::{
        auth::{Action, Caller, authorize, authorize_at},
        events::{self, NewEvent},
        idempotency::{self, Key},
        observe,
        orders::{
            self, ATTEMPTS, Current, busy,
            decide::{Decision, Move, Refusal, decide},
            queue,
            redeem::{Via, redeem},
            write,
        },
        shops, stock, users,
    },
};

/// Starts an order at `shop` with the token of the booth's QR code (customer).
pub async fn start(
    ctx: &Ctx,
    shop: &str,
    input: StartOrder,
    key: Option<&str>,
) -> Result<Order, AppError> {
    let customer = authorize(&ctx.caller, Action::StartOrder)?;
    shops::check_slug(shop)?;
    let key = idempotency_key(customer, key, || format!("orders.start {shop}"));
    let begun = idempotency::begin(&ctx.state.pool, key).await?;
    let mut call = match begun.replay(&ctx.state.sequencer).await {
        Ok(first) => return first,
        Err(call) => call,
    };
    let started = Instant::now();
    let result = redeem(call.tx(), customer, shop, Via::Code(&input.qr_token)).await;
    let result = call.finish(&ctx.state.sequencer, result).await;
    observe::step_took("start", started.elapsed());
    if let Ok(order) = &result {
        observe::order_started(&order.shop);
    }
    result
}

/// A walk-up visitor's order, taken at the counter (barista): it starts and is queued
/// with its number at once, in one change, for an account of the visitor's own, called by
/// the name they gave. Capacity and stock apply; no code, nor daily limit.
pub async fn at_counter(ctx: &Ctx, shop: &str, input: CounterOrder) -> Result<Order, AppError> {
    let barista = authorize_at(&ctx.caller, Action::WorkCounter, shop)?;
    shops::check_slug(shop)?;
    // A name left blank is none.
    let display_name = input.name.filter(|name| !name.trim().is_empty());
    let name = NameChange { display_name }.checked()?;
    let started = Instant::now();
    let mut tx = ctx.state.pool.begin().await?;
    let visitor = users::walk_up(&mut tx, name.as_deref()).await?;
    let order = redeem(&mut tx, &visitor, shop, Via::Counter { barista }).await?;
    let choice = ChooseDrink {
        drink: input.drink,
        choices: input.choices,
    };
    // The visitor chooses, through the barista.
    let visitor = Caller {
        user: Some(visitor),
        ..Caller::default()
    };
    let (mut order, before) = take(&mut tx, &visitor, order.id, StepInput::Choose(&choice)).await?;
    ctx.state.sequencer.commit(tx).await?;
    observe::order_started(&order.shop);
    if let Some(before) = before {
        observe::order_stepped(&before.row, &order, before.now);
    }
    line_moved(ctx, &mut order).await;
    observe::step_took("counter", started.elapsed());
    Ok(order)
}

/// Chooses the order's drink and options (its customer), which queues it with its number.
pub async fn choose(
    ctx: &Ctx,
    id: OrderId,
    input: ChooseDrink,
    key: Option<&str>,
) -> Result<Order, AppError> {
    let customer = signed_in(&ctx.caller)?;
    let key = idempotency_key(customer, key, || format!("orders.drink {id}"));
    let begun = idempotency::begin(&ctx.state.pool, key).await?;
    let mut call = match begun.replay(&ctx.state.sequencer).await {
        // The first answer, in the line as it is now.
        Ok(mut first) => {
            if let Ok(order) = &mut first {
                queue::place_all(&ctx.state.pool, std::slice::from_mut(order)).await?;
            }
            return first;
        }
        Err(call) => call,
    };
    let started = Instant::now();
    let result = take(call.tx(), &ctx.caller, id, StepInput::Choose(&input)).await;
    let before = result.as_ref().ok().and_then(|(_, before)| before.clone());
    let mut result = call
        .finish(&ctx.state.sequencer, result.map(|(order, _)| order))
        .await;
    if let (Ok(order), Some(before)) = (&mut result, before) {
        observe::order_stepped(&before.row, order, before.now);
        line_moved(ctx, order).await;
    }
    observe::step_took("choose", started.elapsed());
    result
}

/// The most characters of a cancel's reason.
pub const MAX_REASON: usize = 200;

/// Takes a barista's step on the order, or cancels it: its customer while it waits, staff
/// any time before it ends.
pub async fn act(
    ctx: &Ctx,
    id: OrderId,
    action: OrderAction,
    reason: Option<&str>,
) -> Result<Order, AppError> {
    signed_in(&ctx.caller)?;
    if reason.is_some_and(|reason| reason.chars().count() > MAX_REASON) {
        return Err(AppError::invalid(
            "reason",
            "invalid_reason",
            format!("A reason has at most {MAX_REASON} characters."),
        ));
    }
    let started = Instant::now();
    let result = act_on(ctx, id, action, reason).await;
    observe::step_took(action.as_str(), started.elapsed());
    result
}

async fn act_on(
    ctx: &Ctx,
    id: OrderId,
    action: OrderAction,
    reason: Option<&str>,
) -> Result<Order, AppError> {
    // One connection for reading and writing: sqlx pings each as it goes back to the pool.
    let mut conn = ctx.state.pool.acquire().await?;
    let (mut order, before) =
        take(&mut conn, &ctx.caller, id, StepInput::Act(action, reason)).await?;
    if let Some(before) = before {
        // Back to the pool first: the sequencer may need it.
        drop(conn);
        observe::order_stepped(&before.row, &order, before.now);
        ctx.state.sequencer.sequenced().await?;
        line_moved(ctx, &mut order).await;
    }
    Ok(order)
}

/// After a step committed: every step may move the shop's line, or how fast it moves;
/// its customers are told, and `order` gets its place. The step stands either way: a
/// telling that failed is caught up by the next step's.
async fn line_moved(ctx: &Ctx, order: &mut Order) {
    match queue::tell(&ctx.state.pool, &ctx.state.sequencer, &order.shop).await {
        Ok(queue) => queue.place(order),
        Err(err) => tracing::warn!(error = %err.message, shop = %order.shop, "telling the line"),
    }
}

/// A step's input, before the order it is decided on is read.
#[derive(Clone, Copy)]
enum StepInput<'a> {
    Choose(&'a ChooseDrink),
    /// A barista's step, or a cancel with its reason.
    Act(OrderAction, Option<&'a str>),
}

impl<'a> StepInput<'a> {
    fn on(self, current: &'a Current) -> Move<'a> {
        match self {
            Self::Choose(input) => Move::Choose {
                menu: current.menu.as_deref().unwrap_or_default(),
                drink: &input.drink,
                choices: &input.choices,
            },
            Self::Act(OrderAction::Claim, _) => Move::Claim,
            Self::Act(OrderAction::Release, _) => Move::Release,
            Self::Act(OrderAction::Complete, _) => Move::Complete,
            Self::Act(OrderAction::Recall, _) => Move::Recall,
            Self::Act(OrderAction::Pickup, _) => Move::PickUp,
            Self::Act(OrderAction::Cancel, reason) => Move::Cancel { reason },
        }
    }
}

/// Reads the order, asks the policy, decides, and writes the change with its event only
/// if the order is still the version read; when another request changed it meanwhile,
/// the step is decided again on what it became (a second barista's claim then learns who
/// was quicker). The stock follows in the same transaction (see [`follow_stock`]). With
/// the order, the order as read before the change, when it changed.
async fn take(
    conn: &mut PgConnection,
    caller: &Caller,
    id: OrderId,
    input: StepInput<'_>,
) -> Result<(Order, Option<Current>), AppError> {
    let user = signed_in(caller)?;
    let with_menu = matches!(input, StepInput::Choose(_));
    for _ in 0..ATTEMPTS {
        let current = orders::read(&mut *conn, id, with_menu).await?;
        let step = input.on(&current);
        let owner = UserId(current.row.customer_id);
        authorize_at(
            caller,
            policy_action(step.step(user), owner),
            &current.row.shop,
        )?;
        match decide(&current.row, user, step, current.now, &current.settings) {
            Ok(Decision::Unchanged) => return Ok((current.row.into(), None)),
            Ok(Decision::Changed(next)) => {
                let timezone = &current.settings.timezone;
                let mut step = conn.begin().await?;
                if let Some(order) =
                    write::apply(&mut step, current.version, *next, timezone).await?
                {
                    return match follow_stock(&mut step, &current, &order, user).await {
                        Ok(()) => {
                            step.commit().await?;
                            Ok((order, Some(current)))
                        }
                        Err(refusal) => {
                            step.rollback().await?;
                            Err(refusal)
                        }
                    };
                }
                step.rollback().await?;
            }
            Err(refusal) => return Err(explain(conn, refusal).await?),
        }
    }
    Err(busy())
}

/// What a step written on the order (`current` before) does to the stock: a drink chosen
/// takes its portions, or is refused `sold_out` (and the step is undone); a drink started
/// used them; an order ended before that gives them back. Changed counts are a
/// `stock.changed` event.
async fn follow_stock(
    tx: &mut PgConnection,
    current: &Current,
    order: &Order,
    user: &User,
) -> Result<(), AppError> {
    let changed =
        if current.row.state == OrderState::AwaitingDrink && order.state == OrderState::Queued {
            let menu = current.menu.as_deref().unwrap_or_default();
            let drink = menu
                .iter()
                .find(|drink| order.drink.as_ref() == Some(&drink.id))
                .ok_or_else(AppError::internal)?;
            stock::take(tx, order, drink).await?
        } else {
            stock::after_step(tx, order).await?
        };
    if changed.is_empty() {
        return Ok(());
    }
    let actor = match user.role {
        Role::Customer => Actor::customer(),
        _ => Actor::staff_user(user),
    };
    let change = Change::StockChanged(StockChanged {
        actor,
        stock: changed,
    });
    events::append(tx, &[NewEvent::of_shop(&order.shop, change)]).await
}

/// What the policy is asked for a step: a customer's choice or cancel is a change to
/// their own order; every other step is the counter's.
fn policy_action(step: Step, owner: UserId) -> Action {
    match step {
        Step::ChooseDrink | Step::Cancel(Canceller::Customer) => {
            Action::ChangeOwnOrder { customer_id: owner }
        }
        _ => Action::WorkCounter,
    }
}

/// The refusal as a person reads it; a barista who was too late learns who was quicker
/// (read on the step's connection: a second one could wait forever on a full pool).
async fn explain(conn: &mut PgConnection, refusal: Refusal) -> Result<AppError, AppError> {
    let name = match &refusal {
        Refusal::ClaimedByOther {
            barista: Some(barista),
            ..
        } => users::name(conn, UserId(*barista)).await?,
        _ => None,
    };
    Ok(refusal.error(name.as_deref()))
}

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

fn signed_in(caller: &Caller) -> Result<&User, AppError> {
    authorize(caller, Action::ActAsSelf)
}

/// The caller's key for `request`, when they sent one.
fn idempotency_key<'k>(
    user: &User,
    key: Option<&'k str>,
    request: impl FnOnce() -> String,
) -> Option<Key<'k>> {
    key.map(|key| Key {
        user: user.id,
        request: request(),
        key,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_customers_choice_or_cancel_is_a_change_to_their_own_order() {
        let owner = UserId(uuid::Uuid::from_u128(1));
        let own = Action::ChangeOwnOrder { customer_id: owner };

        assert_eq!(policy_action(Step::ChooseDrink, owner), own);
        assert_eq!(policy_action(Step::Cancel(Canceller::Customer), owner), own);
        for step in [
            Step::Claim,
            Step::Release,
            Step::Complete,
            Step::Recall,
            Step::PickUp,
            Step::Cancel(Canceller::Staff),
        ] {
            assert_eq!(policy_action(step, owner), Action::WorkCounter, "{step:?}");
        }
    }
}
