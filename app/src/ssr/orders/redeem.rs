//! A customer starts an order with the booth's QR code.

use sqlx::{PgConnection, types::Json};
use uuid::Uuid;

use super::{OrderRow, snapshot};
use crate::{
    error::AppError,
    model::{Order, OrderState, ShopSettings, User},
    ssr::{events::NewEvent, users::user_id},
};

fn conflict(code: &str, message: impl Into<String>) -> AppError {
    AppError::new(409, code, message)
}

/// What the rules are checked against.
struct Load {
    /// Drinks left on the code; none when it is not the shop's current one.
    remaining: Option<i32>,
    shop_open: bool,
    open_order: Option<Uuid>,
    ready_today: i64,
    open_orders: i64,
}

/// Why the order may not start, in the order the rules are checked; `None` when it may.
/// The statement in [`redeem`] writes under the same rules.
fn refusal(load: &Load, shop_name: &str, settings: &ShopSettings) -> Option<AppError> {
    if load.remaining.is_none() {
        return Some(AppError::invalid(
            "qr_token",
            "invalid_token",
            "This code has expired. Scan the code on the booth screen again.",
        ));
    }
    if !load.shop_open {
        return Some(conflict(
            "shop_closed",
            format!("{shop_name} is closed right now."),
        ));
    }
    if let Some(open_order) = load.open_order {
        return Some(conflict(
            "order_in_progress",
            format!("You already have an order in progress ({open_order})."),
        ));
    }
    if settings.daily_limit > 0 && load.ready_today >= i64::from(settings.daily_limit) {
        return Some(conflict(
            "daily_limit_reached",
            format!(
                "You've had your coffee for today. Your next one is yours from midnight ({} time).",
                settings.timezone
            ),
        ));
    }
    if load.remaining.is_some_and(|remaining| remaining <= 0) {
        return Some(conflict(
            "no_drinks_left",
            "This code's drinks are gone. Scan the new code on the booth screen.",
        ));
    }
    if load.open_orders >= i64::from(settings.capacity) {
        return Some(conflict(
            "at_capacity",
            "The baristas have their hands full. Please try again in a few minutes.",
        ));
    }
    None
}

/// Starts an order in `awaiting_drink` for `customer`, when the token is the shop's
/// current one and every rule of the shop allows it. Writes nothing when it refuses;
/// the caller commits (see `ssr::idempotency`).
///
/// Locking the customer keeps them to one open order across shops; locking the shop
/// serialises its redemptions, so capacity and the code's drinks stay exact. The shop's
/// lock is held to the commit, so only one statement runs under it: it reads what other
/// redemptions change and, when the rules allow, spends a drink, creates the order and
/// appends the events.
pub async fn redeem(
    tx: &mut PgConnection,
    customer: &User,
    shop: &str,
    token: &str,
) -> Result<Order, AppError> {
    let customer_id = user_id(customer)?;
    let token = token.trim();
    sqlx::query!(
        "select id from users where id = $1 for no key update",
        customer_id
    )
    .fetch_one(&mut *tx)
    .await?;

    // The customer's own orders are read with the customer locked, in the statement that
    // waits for the shop.
    let Some(shop) = sqlx::query!(
        r#"select s.slug, s.name, s.open, s.settings as "settings: Json<ShopSettings>",
                  (select o.id from orders o
                   where o.customer_id = $2 and o.state in ('awaiting_drink', 'queued', 'making')
                   limit 1) as open_order,
                  now() as "now!", gen_random_uuid() as "order_id!"
           from shops s where s.slug = $1 for no key update of s"#,
        shop,
        customer_id,
    )
    .fetch_optional(&mut *tx)
    .await?
    else {
        return Err(AppError::not_found(format!(
            "There is no shop called “{shop}”."
        )));
    };
    let settings = shop.settings.0;

    // The order as it starts, should the rules allow it; `now()` is the transaction's.
    let deadline = shop.now + chrono::Duration::seconds(i64::from(settings.customer_timeout_s));
    let order: Order = OrderRow {
        id: shop.order_id,
        shop: shop.slug.clone(),
        number: None,
        state: OrderState::AwaitingDrink,
        drink: None,
        choices: None,
        customer_id,
        barista_id: None,
        created_at: shop.now,
        updated_at: shop.now,
        deadline_at: Some(deadline),
        cancel_reason: None,
    }
    .into();
    let created = NewEvent {
        kind: "order.created",
        shop: &shop.slug,
        order_id: Some(shop.order_id),
        customer_id: Some(customer_id),
        data: snapshot(&order),
        message: format!(
            "The order was started at {}; the customer has {} minutes to choose a drink.",
            shop.name,
            settings.customer_timeout_s.div_ceil(60)
        ),
    };
    let eligible = shop.open && shop.open_order.is_none();
    let checked = sqlx::query!(
        r#"with code as (
               select remaining from qr_codes
               where token = $1 and shop = $2 and window_end > now()
           ),
           load as (
               select count(*) as open from orders
               where shop = $2 and state in ('awaiting_drink', 'queued', 'making')
           ),
           today as (
               select count(*) as ready from orders
               where $3::bigint > 0 and customer_id = $4 and shop = $2
                 and ready_at >= date_trunc('day', now() at time zone $5) at time zone $5
           ),
           allowed as (
               select from code, load, today
               where $6 and ($3 = 0 or today.ready < $3) and code.remaining > 0
                 and load.open < $7
           ),
           spent as (
               update qr_codes set remaining = remaining - 1
               where token = $1 and exists (select from allowed)
               returning remaining
           ),
           created as (
               insert into orders (id, shop, customer_id, created_at, updated_at, deadline_at)
               select $8, $2, $4, $9, $9, $10 from allowed
           ),
           logged as (
               insert into event_inbox (type, shop, order_id, customer_id, data, message)
               select 'qr.redeemed', $2, null, null, jsonb_build_object('remaining', remaining),
                      format('Someone scanned the booth''s code: %s drinks left on it.', remaining)
               from spent
               union all
               select $11, $2, $8, $4, $12, $13 from allowed
           )
           select (select remaining from code) as remaining,
                  (select open from load) as "open!",
                  (select ready from today) as "ready_today!",
                  exists (select from allowed) as "allowed!""#,
        token,
        shop.slug,
        i64::from(settings.daily_limit),
        customer_id,
        settings.timezone,
        eligible,
        i64::from(settings.capacity),
        created.order_id,
        shop.now,
        deadline,
        created.kind,
        created.data,
        created.message,
    )
    .fetch_one(&mut *tx)
    .await?;

    let load = Load {
        remaining: checked.remaining,
        shop_open: shop.open,
        open_order: shop.open_order,
        ready_today: checked.ready_today,
        open_orders: checked.open,
    };
    match (refusal(&load, &shop.name, &settings), checked.allowed) {
        (None, true) => Ok(order),
        (Some(refused), false) => Err(refused),
        // The statement and `refusal` disagree: write nothing.
        (refused, _) => {
            tracing::error!(?refused, "the redemption's rules disagree");
            Err(AppError::internal())
        }
    }
}
