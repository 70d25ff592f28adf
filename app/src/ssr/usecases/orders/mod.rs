//! Orders: a customer starts one with the booth's code and chooses the drink; baristas
//! claim, release, complete, recall and hand over; its customer or staff cancel. Each
//! step on an order is taken by [`step`]; reading orders is [`read`].

mod read;
mod step;

use std::time::Instant;

pub use read::{follow, get, journey, mine, of_shop};
use step::{StepInput, take};

use super::Ctx;
use crate::{
    error::AppError,
    model::{ChooseDrink, CounterOrder, NameChange, Order, OrderAction, OrderId, StartOrder, User},
    ssr::{
        auth::{Action, Caller, authorize, authorize_at},
        idempotency::{self, Key},
        observe,
        orders::{
            self, queue, ready_mail,
            redeem::{Via, redeem},
        },
        shops, users,
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
        if action == OrderAction::Complete {
            // Off the step's path: the barista does not wait on a mail server.
            let (pool, mailer) = (ctx.state.pool.clone(), ctx.state.mailer.clone());
            tokio::spawn(async move { ready_mail::send(&pool, &mailer, id).await });
        }
    }
    Ok(order)
}

/// Asks for an e-mail when the order is ready, in the caller's language (its customer,
/// while the drink is still to come; asking again changes nothing).
pub async fn mail_when_ready(ctx: &Ctx, id: OrderId) -> Result<(), AppError> {
    signed_in(&ctx.caller)?;
    let order = orders::get(&ctx.state.pool, id).await?;
    let customer = authorize(
        &ctx.caller,
        Action::ChangeOwnOrder {
            customer_id: order.customer_id,
        },
    )?;
    if customer.email.is_none() {
        return Err(AppError::new(
            409,
            "no_email",
            "Your account has no e-mail address to write to.",
        ));
    }
    if !order.state.is_open() {
        return Err(AppError::new(
            409,
            "invalid_state",
            format!(
                "This order is {} already: there is nothing left to tell you.",
                order.state.as_str().replace('_', " ")
            ),
        ));
    }
    ready_mail::ask(&ctx.state.pool, id, ctx.lang).await?;
    Ok(())
}

/// After a step committed: every step may move the shop's line, or how fast it moves;
/// its customers are told in the background, and `order` gets its place. The step stands
/// even if its place cannot be read.
async fn line_moved(ctx: &Ctx, order: &mut Order) {
    ctx.state.teller.moved(&order.shop);
    if let Err(err) = queue::place_all(&ctx.state.pool, std::slice::from_mut(order)).await {
        tracing::warn!(error = %err, shop = %order.shop, "reading the line");
    }
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
