//! A customer starts an order with the booth's QR code, or a barista for a visitor at the
//! counter.

use sqlx::{PgConnection, types::Json};
use uuid::Uuid;

use super::OrderRow;
use crate::{
    error::AppError,
    model::{Actor, Change, Order, OrderCreated, OrderState, QrRedeemed, ShopSettings, User},
    ssr::{
        events::{NewEvent, batch},
        shops,
    },
};

/// How an order starts: with the token of the booth's QR code, or taken at the counter
/// by a barista for a walk-up visitor (no code, and no daily limit: the barista sees who
/// is there).
#[derive(Clone, Copy, Debug)]
pub enum Via<'a> {
    Code(&'a str),
    Counter { barista: &'a User },
}

/// Why an order may not start, as the statement in [`redeem`] finds it: the rules are
/// checked there, in this order, against what the shop's lock keeps still.
#[derive(Clone, Copy, Debug, PartialEq, Eq, sqlx::Type)]
#[sqlx(type_name = "text", rename_all = "snake_case")]
enum Refusal {
    InvalidToken,
    ShopClosed,
    OrderInProgress,
    DailyLimitReached,
    NoDrinksLeft,
    AtCapacity,
}

impl Refusal {
    fn error(self, shop_name: &str, settings: &ShopSettings, open_order: Option<Uuid>) -> AppError {
        let conflict = |code, message: String| AppError::new(409, code, message);
        match self {
            Self::InvalidToken => AppError::invalid(
                "qr_token",
                "invalid_token",
                "This code has expired. Scan the code on the booth screen again.",
            ),
            Self::ShopClosed => {
                conflict("shop_closed", format!("{shop_name} is closed right now."))
            }
            Self::OrderInProgress => conflict(
                "order_in_progress",
                format!(
                    "You already have an order in progress ({}).",
                    open_order.unwrap_or_default()
                ),
            ),
            Self::DailyLimitReached => conflict(
                "daily_limit_reached",
                format!(
                    "You've had your coffee for today. Your next one is yours from midnight ({} time).",
                    settings.timezone
                ),
            ),
            Self::NoDrinksLeft => conflict(
                "no_drinks_left",
                "This code's drinks are gone. Scan the new code on the booth screen.".to_owned(),
            ),
            Self::AtCapacity => conflict(
                "at_capacity",
                "The baristas have their hands full. Please try again in a few minutes.".to_owned(),
            ),
        }
    }
}

/// Starts an order in `awaiting_drink` for `customer`, when the token is the shop's
/// current one (when it came `via` the code) and every rule of the shop allows it.
/// Writes nothing when it refuses; the caller commits (see `ssr::idempotency`).
///
/// Locking the customer keeps them to one open order across shops; locking the shop
/// serialises its redemptions, so capacity and the code's drinks stay exact. The shop's
/// lock is held to the commit, so only one statement runs under it: it checks the rules
/// on what other redemptions change and, when they allow, spends a drink, creates the
/// order and appends the events.
pub async fn redeem(
    tx: &mut PgConnection,
    customer: &User,
    shop: &str,
    via: Via<'_>,
) -> Result<Order, AppError> {
    let customer_id = customer.id;
    let (token, actor) = match via {
        Via::Code(token) => (Some(token.trim()), Actor::customer_user(customer)),
        Via::Counter { barista } => (None, Actor::staff_user(barista)),
    };
    sqlx::query!(
        "select id from users where id = $1 for no key update",
        customer_id.0
    )
    .fetch_one(&mut *tx)
    .await?;

    // The customer's own orders are read with the customer locked, in the statement that
    // waits for the shop.
    let Some(shop) = sqlx::query!(
        r#"select s.slug, s.name, s.open, s.archived_at is not null as "archived!",
                  s.settings as "settings: Json<ShopSettings>",
                  (select o.id from orders o
                   where o.customer_id = $2 and order_is_open(o.state)
                   limit 1) as open_order,
                  now() as "now!", gen_random_uuid() as "order_id!"
           from shops s where s.slug = $1 for no key update of s"#,
        shop,
        customer_id.0,
    )
    .fetch_optional(&mut *tx)
    .await?
    else {
        return Err(shops::no_such_shop(shop));
    };
    if shop.archived {
        return Err(shops::archived(&shop.name));
    }
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
        customer_id: customer_id.0,
        barista_id: None,
        created_at: shop.now,
        updated_at: shop.now,
        deadline_at: Some(deadline),
        cancel_reason: None,
        cancelled_by: None,
        robot: customer.robot,
        queued_at: None,
        ready_at: None,
        claimed_at: None,
        ended_at: None,
        picked_up_at: None,
        customer_name: customer.display_name.clone(),
    }
    .into();
    // The code's drinks left are the statement's to know: it sets them into the first.
    let redeemed = NewEvent::of_shop(
        &shop.slug,
        Change::QrRedeemed(QrRedeemed {
            actor: actor.clone(),
            remaining: 0,
        }),
    );
    let created = NewEvent::of_order(
        &shop.slug,
        customer_id,
        shop.now,
        Change::OrderCreated(OrderCreated {
            actor,
            order: order.clone(),
            shop_name: shop.name.clone(),
            choose_s: settings.customer_timeout_s,
        }),
    );
    let new_events = match via {
        Via::Code(_) => vec![redeemed, created],
        Via::Counter { .. } => vec![created],
    };
    let events = batch(&new_events);
    let refusal = sqlx::query_scalar!(
        r#"with code as (
               select remaining from qr_codes
               where token = $1 and shop = $2
                 and window_end + make_interval(secs => $13::int) > now()
           ),
           verdict as (
               select case
                   when $1::text is not null and not exists (select from code)
                        then 'invalid_token'
                   when not $3 then 'shop_closed'
                   when $4 then 'order_in_progress'
                   when $1::text is not null and $5::bigint > 0
                        and (select count(*) from orders
                             where customer_id = $6 and shop = $2
                               and state = 'ready'
                               and ready_at >= date_trunc('day', now() at time zone $7) at time zone $7)
                            >= $5 then 'daily_limit_reached'
                   when $1::text is not null and (select remaining from code) <= 0
                        then 'no_drinks_left'
                   when (select count(*) from orders where shop = $2 and order_is_open(state)) >= $8
                        then 'at_capacity'
               end as refusal
           ),
           allowed as (select from verdict where refusal is null),
           spent as (
               update qr_codes set remaining = remaining - 1
               where token = $1 and exists (select from allowed)
               returning remaining
           ),
           created as (
               insert into orders (id, shop, customer_id, created_at, updated_at, deadline_at, robot)
               select $9, $2, $6, $10, $10, $11, $14 from allowed
           ),
           logged as (
               insert into event_inbox (type, shop, order_id, customer_id, at, data)
               select e.* from allowed, event_rows(coalesce(
                   (select jsonb_set($12, '{0,data,remaining}', to_jsonb(remaining)) from spent),
                   $12
               )) as e
           )
           select refusal as "refusal: Refusal" from verdict"#,
        token,
        shop.slug,
        shop.open,
        shop.open_order.is_some(),
        i64::from(settings.daily_limit),
        customer_id.0,
        settings.timezone,
        i64::from(settings.capacity),
        shop.order_id,
        shop.now,
        deadline,
        events as _,
        settings.code_grace_s as i32,
        customer.robot,
    )
    .fetch_one(&mut *tx)
    .await?;
    match refusal {
        None => Ok(order),
        Some(refusal) => Err(refusal.error(&shop.name, &settings, shop.open_order)),
    }
}
