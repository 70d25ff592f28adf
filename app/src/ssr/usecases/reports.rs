//! A shop's day in numbers (admins): the report, the console's view of it with its
//! charts, and the CSV export of its orders.

use chrono::NaiveDate;
use futures::{Stream, StreamExt, stream};

use super::Ctx;
use crate::{
    error::AppError,
    model::{Report, ReportQuery, ReportView, Shop},
    ssr::{
        auth::{Action, authorize_at},
        charts, events,
        reports::{self, Days},
        shops,
    },
};

/// What a report is asked for, once the caller may read it.
struct Asked {
    shop: Shop,
    days: Days,
    /// Today, in the shop's time zone.
    today: NaiveDate,
    robots: bool,
}

async fn asked(ctx: &Ctx, slug: &str, query: &ReportQuery) -> Result<Asked, AppError> {
    authorize_at(&ctx.caller, Action::ReadReports, slug)?;
    let shop = shops::get(&ctx.state.pool, slug).await?;
    let today = reports::today(&ctx.state.pool, &shop.settings.timezone).await?;
    let days = Days::parse(query.from.as_deref(), query.to.as_deref(), today)?;
    Ok(Asked {
        shop,
        days,
        today,
        robots: query.robots.unwrap_or(false),
    })
}

/// The shop's report over the days asked for (today by default).
pub async fn report(ctx: &Ctx, slug: &str, query: ReportQuery) -> Result<Report, AppError> {
    let asked = asked(ctx, slug, &query).await?;
    Ok(reports::report(&ctx.state.pool, &asked.shop, asked.days, asked.robots).await?)
}

/// The report with its charts, as the console shows it; `live` when it is today's.
pub async fn view(ctx: &Ctx, slug: &str, query: ReportQuery) -> Result<ReportView, AppError> {
    let Asked {
        shop,
        days,
        today,
        robots,
    } = asked(ctx, slug, &query).await?;
    let since = events::last_seq(&ctx.state.pool).await?;
    let report = reports::report(&ctx.state.pool, &shop, days, robots).await?;
    Ok(ReportView {
        name: shop.name,
        charts: charts::draw(&report),
        live: days.from == today && days.to == today,
        since,
        report,
    })
}

/// The shop's orders over the days asked for as CSV, a header row first: a file name,
/// and the file, written a day at a time as it is sent.
pub async fn orders_csv(
    ctx: &Ctx,
    slug: &str,
    query: ReportQuery,
) -> Result<
    (
        String,
        impl Stream<Item = Result<Vec<u8>, AppError>> + use<>,
    ),
    AppError,
> {
    let Asked {
        shop, days, robots, ..
    } = asked(ctx, slug, &query).await?;
    let name = if days.from == days.to {
        format!("{}-{}.csv", shop.slug, days.from)
    } else {
        format!("{}-{}-to-{}.csv", shop.slug, days.from, days.to)
    };
    let pool = ctx.state.pool.clone();
    let rows = stream::unfold(Some(days.from), move |day| {
        let (pool, shop) = (pool.clone(), shop.clone());
        async move {
            let day = day?;
            let rows = reports::csv_day(&pool, &shop, day, robots, day == days.from).await;
            // After an error the stream ends: the download breaks off rather than lies.
            let next = day
                .succ_opt()
                .filter(|next| *next <= days.to && rows.is_ok());
            Some((rows, next))
        }
    });
    // Ended for good: a body may be asked for more once the stream said it was done.
    Ok((name, rows.fuse()))
}
