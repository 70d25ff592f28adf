//! The baristas' board: everything it starts from in one call; the shop's stream keeps
//! it current from there.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::{
    error::AppError,
    model::{Order, Shop},
};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Board {
    pub shop: Shop,
    /// Open orders (choosing, queued, being made) and those ready within the shop's
    /// `ready_retention_s`, oldest first.
    pub orders: Vec<Order>,
    /// Staff ids and names: who is making what.
    pub staff: Vec<(String, String)>,
    /// Orders the booth's current QR code can still start.
    pub code_remaining: i32,
    /// The log's last event before the rest was read: the stream goes on from here.
    pub since: i64,
}

/// The board of the shop (barista, display, admin).
#[server(endpoint = "board")]
pub async fn get_board(slug: String) -> Result<Board, AppError> {
    use chrono::{DateTime, Duration, Utc};

    use crate::{
        model::OrderState,
        ssr::{
            AppState,
            auth::{Action, Caller, authorize},
            events, orders, qr, respond, shops, users,
        },
    };

    let state = AppState::current()?;
    respond(
        async {
            authorize(&Caller::current(), Action::WatchShop)?;
            // First: whatever commits after this, the stream replays.
            let since = events::last_seq(&state.pool).await?;
            let shop = shops::get(&state.pool, &slug).await?;
            let retention = Duration::seconds(i64::from(shop.settings.ready_retention_s));
            let recent = |order: &Order| {
                order.state != OrderState::Ready
                    || DateTime::parse_from_rfc3339(&order.updated_at)
                        .is_ok_and(|at| Utc::now() - at.with_timezone(&Utc) < retention)
            };
            let orders = orders::of_shop(
                &state.pool,
                &shop.slug,
                &[
                    OrderState::AwaitingDrink,
                    OrderState::Queued,
                    OrderState::Making,
                    OrderState::Ready,
                ],
            )
            .await?
            .into_iter()
            .filter(recent)
            .collect();
            let code_remaining = qr::current(&state.pool, &shop.slug, &shop.settings)
                .await?
                .remaining;
            Ok(Board {
                staff: users::staff_names(&state.pool).await?,
                shop,
                orders,
                code_remaining,
                since,
            })
        }
        .await,
    )
}
