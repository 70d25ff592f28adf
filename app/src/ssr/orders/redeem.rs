//! A customer starts an order with the booth's QR code.

use serde_json::json;
use sqlx::{PgConnection, types::Json};
use uuid::Uuid;

use super::{OrderRow, snapshot};
use crate::{
    error::AppError,
    model::{Order, OrderState, ShopSettings, User},
    ssr::{
        events::{self, NewEvent},
        users::user_id,
    },
};

fn conflict(code: &str, message: impl Into<String>) -> AppError {
    AppError::new(409, code, message)
}

/// Starts an order in `awaiting_drink` for `customer`, when the token is the shop's
/// current one and every rule of the shop allows it. Writes nothing when it refuses;
/// the caller commits (see `ssr::idempotency`).
///
/// Locking the customer keeps them to one open order across shops; locking the shop
/// serialises its redemptions, so capacity and the code's drinks stay exact. The shop's
/// lock is held to the commit, so as little as possible happens under it.
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
                   limit 1) as open_order
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
    // With the shop locked: what its other redemptions change, and the drinks the
    // customer had there today (when there is a limit).
    let load = sqlx::query!(
        r#"select
             (select remaining from qr_codes
              where token = $1 and shop = $2 and window_end > now()) as remaining,
             (select count(*) from orders
              where shop = $2 and state in ('awaiting_drink', 'queued', 'making')
             ) as "open!",
             case when $4 then
                 (select count(*) from orders
                  where customer_id = $3 and shop = $2
                    and ready_at >= date_trunc('day', now() at time zone $5) at time zone $5)
             else 0 end as "ready_today!""#,
        token,
        shop.slug,
        customer_id,
        settings.daily_limit > 0,
        settings.timezone,
    )
    .fetch_one(&mut *tx)
    .await?;

    let Some(remaining) = load.remaining else {
        return Err(AppError::invalid(
            "qr_token",
            "invalid_token",
            "This code has expired. Scan the code on the booth screen again.",
        ));
    };
    if !shop.open {
        return Err(conflict(
            "shop_closed",
            format!("{} is closed right now.", shop.name),
        ));
    }
    if let Some(open_order) = shop.open_order {
        return Err(conflict(
            "order_in_progress",
            format!("You already have an order in progress ({open_order})."),
        ));
    }
    if settings.daily_limit > 0 && load.ready_today >= i64::from(settings.daily_limit) {
        return Err(conflict(
            "daily_limit_reached",
            format!(
                "You've had your coffee for today. Your next one is yours from midnight ({} time).",
                settings.timezone
            ),
        ));
    }
    if remaining <= 0 {
        return Err(conflict(
            "no_drinks_left",
            "This code's drinks are gone. Scan the new code on the booth screen.",
        ));
    }
    if load.open >= i64::from(settings.capacity) {
        return Err(conflict(
            "at_capacity",
            "The baristas have their hands full. Please try again in a few minutes.",
        ));
    }

    let order: Order = sqlx::query_as!(
        OrderRow,
        r#"with spent as (update qr_codes set remaining = remaining - 1 where token = $4)
           insert into orders (shop, customer_id, deadline_at)
           values ($1, $2, now() + make_interval(secs => $3::int))
           returning id, shop, number, state as "state: OrderState", drink, choices, customer_id,
                     barista_id, created_at, updated_at, deadline_at, cancel_reason"#,
        shop.slug,
        customer_id,
        settings.customer_timeout_s as i32,
        token,
    )
    .fetch_one(&mut *tx)
    .await?
    .into();
    // No one else spends the code's drinks while the shop is locked.
    let remaining = remaining - 1;
    let order_id = Uuid::parse_str(&order.id).ok();
    events::append(
        &mut *tx,
        [
            NewEvent {
                kind: "qr.redeemed",
                shop: &shop.slug,
                order_id: None,
                customer_id: None,
                data: json!({ "remaining": remaining }),
                message: format!(
                    "Someone scanned the booth's code: {remaining} drinks left on it."
                ),
            },
            NewEvent {
                kind: "order.created",
                shop: &shop.slug,
                order_id,
                customer_id: Some(customer_id),
                data: snapshot(&order),
                message: format!(
                    "The order was started at {}; the customer has {} minutes to choose a drink.",
                    shop.name,
                    settings.customer_timeout_s.div_ceil(60)
                ),
            },
        ],
    )
    .await?;
    Ok(order)
}
