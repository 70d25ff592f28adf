//! How it works (`/how/{shop}`): the shop's orders of today by state and its newest steps,
//! for anyone while the shop shows them, for its staff always.

use super::{Ctx, streams};
use crate::{
    error::AppError,
    model::{HowView, OrderState},
    ssr::events,
};

/// The newest steps the page starts with.
const NEWEST: i64 = 20;

pub async fn view(ctx: &Ctx, slug: &str) -> Result<HowView, AppError> {
    let (shop, audience) = streams::public_of(ctx, slug).await?;
    let pool = &ctx.state.pool;
    let since = events::last_seq(pool).await?;
    let counted: Vec<(OrderState, i64)> = sqlx::query_as(
        "select state, count(*) from orders
         where shop = $1
           and created_at >= date_trunc('day', now() at time zone $2) at time zone $2
         group by state",
    )
    .bind(&shop.slug)
    .bind(&shop.settings.timezone)
    .fetch_all(pool)
    .await?;
    let counts = OrderState::ALL
        .into_iter()
        .map(|state| {
            let count = counted
                .iter()
                .find(|(counted, _)| *counted == state)
                .map_or(0, |(_, count)| u32::try_from(*count).unwrap_or(u32::MAX));
            (state, count)
        })
        .collect();
    Ok(HowView {
        events: events::newest_of_shop(pool, &audience, &shop.slug, NEWEST).await?,
        slug: shop.slug,
        name: shop.name,
        counts,
        since,
    })
}
