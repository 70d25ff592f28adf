//! The day in numbers, from SQL: one query per family of figures over a shop's orders
//! created on a range of its days (`shop_day_orders`, which reads the index on the
//! shop's orders by creation), all read in one snapshot; and, in [`csv`], the CSV
//! export, a day at a time.

mod csv;
mod days;

pub use csv::csv_day;
pub use days::Days;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, Utc};
use sqlx::{PgConnection, PgPool};

use super::events::rfc3339;
use crate::model::{
    BaristaCount, ChoiceCount, DrinkCount, HourCount, HourWait, OrderCounts, Quantiles, Report,
    Shop, WaitSpread, choices,
};

/// Today in `timezone`, by the database's clock.
pub async fn today(pool: &PgPool, timezone: &str) -> sqlx::Result<NaiveDate> {
    sqlx::query_scalar!(
        r#"select (now() at time zone $1)::date as "today!""#,
        timezone
    )
    .fetch_one(pool)
    .await
}

/// The shop's report over `days`; robots' orders counted only when `robots`.
pub async fn report(pool: &PgPool, shop: &Shop, days: Days, robots: bool) -> sqlx::Result<Report> {
    let mut tx = pool.begin().await?;
    sqlx::query!("set transaction isolation level repeatable read, read only")
        .execute(&mut *tx)
        .await?;
    let range = Range {
        shop: &shop.slug,
        days,
        timezone: &shop.settings.timezone,
        robots,
    };
    let retention = f64::from(shop.settings.ready_retention_s);
    let (wait_s, choose_s) = range.waits(&mut tx).await?;
    let report = Report {
        shop: shop.slug.clone(),
        from: days.from.to_string(),
        to: days.to.to_string(),
        timezone: shop.settings.timezone.clone(),
        orders: range.counts(&mut tx, retention).await?,
        by_hour: range.by_hour(&mut tx).await?,
        by_drink: range.by_drink(&mut tx, shop).await?,
        by_choice: range.by_choice(&mut tx, shop).await?,
        wait_s,
        choose_s,
        by_barista: range.by_barista(&mut tx).await?,
        wait_by_hour: range.wait_by_hour(&mut tx).await?,
    };
    tx.commit().await?;
    Ok(report)
}

/// The orders a report reads.
struct Range<'a> {
    shop: &'a str,
    days: Days,
    timezone: &'a str,
    robots: bool,
}

/// `sqlx::query!` over the range's orders, its first five parameters the range's: `$1`
/// the shop, `$2` and `$3` the first and last days, `$4` the time zone, `$5` whether
/// robots' orders count; more arguments follow them.
macro_rules! range_query {
    ($range:expr, $sql:literal $(, $arg:expr)*) => {
        sqlx::query!(
            $sql,
            $range.shop,
            $range.days.from,
            $range.days.to,
            $range.timezone,
            $range.robots
            $(, $arg)*
        )
    };
}

impl Range<'_> {
    async fn counts(&self, db: &mut PgConnection, retention_s: f64) -> sqlx::Result<OrderCounts> {
        let row = range_query!(
            self,
            r#"select count(*) as "started!",
                      count(*) filter (where queued_at is not null) as "queued!",
                      count(*) filter (where state = 'ready') as "ready!",
                      count(*) filter (where state = 'cancelled' and cancelled_by = 'customer')
                          as "cancelled_by_customer!",
                      count(*) filter (where state = 'cancelled' and cancelled_by = 'staff')
                          as "cancelled_by_staff!",
                      count(*) filter (where state = 'timed_out' and cancel_reason = 'customer_timeout')
                          as "customer_timeout!",
                      count(*) filter (where state = 'timed_out' and cancel_reason = 'barista_timeout')
                          as "barista_timeout!",
                      count(*) filter (where state = 'ready' and picked_up_at is not null)
                          as "picked_up!",
                      count(*) filter (where state = 'ready' and picked_up_at is null
                                         and ready_at + make_interval(secs => $6) <= now())
                          as "uncollected!"
               from shop_day_orders($1, $2, $3, $4, $5)"#,
            retention_s
        )
        .fetch_one(db)
        .await?;
        Ok(OrderCounts {
            started: count(row.started),
            queued: count(row.queued),
            ready: count(row.ready),
            cancelled_by_customer: count(row.cancelled_by_customer),
            cancelled_by_staff: count(row.cancelled_by_staff),
            customer_timeout: count(row.customer_timeout),
            barista_timeout: count(row.barista_timeout),
            picked_up: count(row.picked_up),
            uncollected: count(row.uncollected),
        })
    }

    /// Orders queued and made per shop-local hour, by when each happened, over the hours
    /// of the range that had an order created, queued or made.
    async fn by_hour(&self, db: &mut PgConnection) -> sqlx::Result<Vec<HourCount>> {
        let rows = range_query!(
            self,
            r#"with o as (select * from shop_day_orders($1, $2, $3, $4, $5)),
               happened as (
                   select date_trunc('hour', created_at at time zone $4) as hour, 0 as queued, 0 as ready
                   from o
                   union all
                   select date_trunc('hour', queued_at at time zone $4), 1, 0
                   from o where queued_at is not null
                   union all
                   select date_trunc('hour', ready_at at time zone $4), 0, 1
                   from o where state = 'ready'
               )
               select hour as "hour!", hour at time zone $4 as "start!",
                      sum(queued) as "queued!", sum(ready) as "ready!"
               from happened
               where hour >= $2::date and hour < $3::date + 1
               group by hour
               order by hour"#
        )
        .fetch_all(db)
        .await?;
        Ok(rows
            .into_iter()
            .map(|row| HourCount {
                hour: local_hour(row.hour, row.start),
                queued: count(row.queued),
                ready: count(row.ready),
            })
            .collect())
    }

    async fn by_drink(&self, db: &mut PgConnection, shop: &Shop) -> sqlx::Result<Vec<DrinkCount>> {
        let rows = range_query!(
            self,
            r#"select drink as "drink!", count(*) as "count!"
               from shop_day_orders($1, $2, $3, $4, $5)
               where state = 'ready' and drink is not null
               group by drink
               order by count(*) desc, drink"#
        )
        .fetch_all(db)
        .await?;
        let name = |id: &str| {
            shop.menu
                .iter()
                .find(|drink| drink.id == id)
                .map_or_else(|| id.to_owned(), |drink| drink.name.clone())
        };
        Ok(rows
            .into_iter()
            .map(|row| DrinkCount {
                name: name(&row.drink),
                drink: row.drink,
                count: count(row.count),
            })
            .collect())
    }

    async fn by_choice(
        &self,
        db: &mut PgConnection,
        shop: &Shop,
    ) -> sqlx::Result<Vec<ChoiceCount>> {
        let rows = range_query!(
            self,
            r#"select choice as "choice!", count(*) as "count!"
               from shop_day_orders($1, $2, $3, $4, $5) as o, unnest(o.choices) as choice
               where o.state = 'ready'
               group by choice
               order by count(*) desc, choice"#
        )
        .fetch_all(db)
        .await?;
        let name = |id: &str| {
            choices(&shop.menu)
                .find(|choice| choice.id == id)
                .map_or_else(|| id.to_owned(), |choice| choice.name.clone())
        };
        Ok(rows
            .into_iter()
            .map(|row| ChoiceCount {
                name: name(&row.choice),
                choice: row.choice,
                count: count(row.count),
            })
            .collect())
    }

    /// The wait (queued → ready) of the orders made, and the time to choose (created →
    /// queued) of the orders queued.
    async fn waits(&self, db: &mut PgConnection) -> sqlx::Result<(WaitSpread, Quantiles)> {
        let row = range_query!(
            self,
            r#"select percentile_cont(0.5) within group (order by extract(epoch from ready_at - queued_at))
                          filter (where state = 'ready') as wait_p50,
                      percentile_cont(0.9) within group (order by extract(epoch from ready_at - queued_at))
                          filter (where state = 'ready') as wait_p90,
                      max(extract(epoch from ready_at - queued_at)::float8)
                          filter (where state = 'ready') as wait_max,
                      percentile_cont(0.5) within group (order by extract(epoch from queued_at - created_at))
                          as choose_p50,
                      percentile_cont(0.9) within group (order by extract(epoch from queued_at - created_at))
                          as choose_p90
               from shop_day_orders($1, $2, $3, $4, $5)"#
        )
        .fetch_one(db)
        .await?;
        Ok((
            WaitSpread {
                p50: seconds(row.wait_p50),
                p90: seconds(row.wait_p90),
                max: seconds(row.wait_max),
            },
            Quantiles {
                p50: seconds(row.choose_p50),
                p90: seconds(row.choose_p90),
            },
        ))
    }

    async fn by_barista(&self, db: &mut PgConnection) -> sqlx::Result<Vec<BaristaCount>> {
        let rows = range_query!(
            self,
            r#"select coalesce(u.display_name, u.username, 'Staff') as "barista!", count(*) as "made!"
               from shop_day_orders($1, $2, $3, $4, $5) as o join users u on u.id = o.barista_id
               where o.state = 'ready'
               group by u.id
               order by count(*) desc, 1"#
        )
        .fetch_all(db)
        .await?;
        Ok(rows
            .into_iter()
            .map(|row| BaristaCount {
                barista: row.barista,
                made: count(row.made),
            })
            .collect())
    }

    /// The wait of the orders made, per shop-local hour they were made in.
    async fn wait_by_hour(&self, db: &mut PgConnection) -> sqlx::Result<Vec<HourWait>> {
        let rows = range_query!(
            self,
            r#"select date_trunc('hour', ready_at at time zone $4) as "hour!",
                      date_trunc('hour', ready_at at time zone $4) at time zone $4 as "start!",
                      percentile_cont(0.5) within group (order by extract(epoch from ready_at - queued_at))
                          as "p50!",
                      percentile_cont(0.9) within group (order by extract(epoch from ready_at - queued_at))
                          as "p90!"
               from shop_day_orders($1, $2, $3, $4, $5)
               where state = 'ready'
               group by 1
               order by 1"#
        )
        .fetch_all(db)
        .await?;
        Ok(rows
            .into_iter()
            .map(|row| HourWait {
                hour: local_hour(row.hour, row.start),
                p50: seconds(Some(row.p50)),
                p90: seconds(Some(row.p90)),
            })
            .collect())
    }
}

/// A count from SQL.
fn count(n: i64) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Whole seconds; none is zero.
fn seconds(value: Option<f64>) -> u32 {
    value.map_or(0, |s| s.round().clamp(0.0, f64::from(u32::MAX)) as u32)
}

/// A shop-local hour `local`, which starts at `start`, in RFC 3339 with its offset.
fn local_hour(local: NaiveDateTime, start: DateTime<Utc>) -> String {
    let offset = (local - start.naive_utc()).num_seconds();
    i32::try_from(offset)
        .ok()
        .and_then(FixedOffset::east_opt)
        .map_or_else(
            || rfc3339(start),
            |offset| start.with_timezone(&offset).to_rfc3339(),
        )
}
