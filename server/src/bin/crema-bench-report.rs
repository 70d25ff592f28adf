//! The report's benchmark: a shop with `--days` busy days of `--orders` orders each (a
//! mix of drinks and outcomes, three baristas) in a fresh database, then the time the
//! report of the last day takes, and its CSV export, read as the server reads them.
//!
//!   DATABASE_URL=postgres://… crema-bench-report --orders 10000 --days 7
//!
//! `scripts/bench-report` runs it on a fresh database. See the README's "Benchmarks".

use std::time::{Duration, Instant};

use anyhow::Context;
use app::{
    model::Role,
    ssr::{
        auth::passwords,
        db,
        reports::{self, Days},
        seed, shops,
    },
};
use chrono::{Days as Span, NaiveDate, Utc};
use clap::Parser;
use sqlx::PgPool;

#[derive(Parser)]
#[command(about = "Times a day's report over many orders")]
struct Args {
    /// Orders per day.
    #[arg(long, default_value_t = 10_000)]
    orders: u32,
    /// Days of orders, the last one yesterday: the report reads one of them, the index
    /// keeps the others out of its way.
    #[arg(long, default_value_t = 7)]
    days: u32,
    /// Times each figure is read.
    #[arg(long, default_value_t = 20)]
    runs: usize,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let url = std::env::var("DATABASE_URL").context("DATABASE_URL")?;
    let pool = PgPool::connect(&url).await?;
    db::MIGRATOR.run(&pool).await?;
    seed::demo_shop(&pool).await?;
    for barista in ["ana", "ben", "cleo"] {
        passwords::create_staff_unless_exists(&pool, barista, Role::Barista, "bench password")
            .await?;
    }
    let yesterday = Utc::now().date_naive() - Span::new(1);
    let first = yesterday - Span::new(u64::from(args.days.saturating_sub(1)));
    let seeding = Instant::now();
    let mut day = first;
    while day <= yesterday {
        seed_day(&pool, day, args.orders).await?;
        day = day + Span::new(1);
    }
    sqlx::query("analyze orders").execute(&pool).await?;
    println!(
        "seeded {} days of {} orders in {:.1} s",
        args.days,
        args.orders,
        seeding.elapsed().as_secs_f64()
    );

    let shop = shops::get(&pool, "demo").await?;
    let days = Days {
        from: yesterday,
        to: yesterday,
    };
    let mut report_times = Vec::with_capacity(args.runs);
    let mut report = None;
    for _ in 0..args.runs {
        let started = Instant::now();
        report = Some(reports::report(&pool, &shop, days, false).await?);
        report_times.push(started.elapsed());
    }
    let report = report.context("no runs")?;
    println!(
        "report of {yesterday}: {} started, {} made, {} hours, {} drinks, {} choices",
        report.orders.started,
        report.orders.ready,
        report.by_hour.len(),
        report.by_drink.len(),
        report.by_choice.len()
    );
    println!(
        "  report (every figure, one snapshot): {}",
        spread(&mut report_times)
    );

    let mut csv_times = Vec::with_capacity(args.runs);
    let mut bytes = 0;
    for _ in 0..args.runs {
        let started = Instant::now();
        bytes = reports::csv_day(&pool, &shop, yesterday, false, true)
            .await?
            .len();
        csv_times.push(started.elapsed());
    }
    println!(
        "  CSV export of the day ({bytes} bytes): {}",
        spread(&mut csv_times)
    );
    Ok(())
}

/// Seeds `count` orders created on `day` (UTC, the demo shop's zone) between 08:00 and
/// 18:00: 85 % made, then cancellations and timeouts of each kind.
async fn seed_day(pool: &PgPool, day: NaiveDate, count: u32) -> anyhow::Result<()> {
    sqlx::query(
        r#"with customers as (
               insert into users (role, email)
               select 'customer', 'bench-' || $1::date || '-' || n || '@example.org'
               from generate_series(1, 200) as n
               returning id
           ),
           people as (select array_agg(id) as ids from customers),
           baristas as (
               select array_agg(id) as ids from users where username in ('ana', 'ben', 'cleo')
           ),
           drawn as (
               select n, random() as outcome, random() as pick,
                      $1::date + time '08:00' + random() * interval '10 hours' as created_at,
                      5 + random() * 120 as choose_s, 30 + random() * 600 as wait_s
               from generate_series(1, $2) as n
           )
           insert into orders (shop, customer_id, state, number, number_day, drink, choices,
                               barista_id, cancel_reason, cancelled_by, created_at, updated_at,
                               queued_at, claimed_at, ready_at, ended_at)
           select 'demo', people.ids[1 + n % 200],
                  case when outcome < 0.85 then 'ready'
                       when outcome < 0.93 then 'cancelled'
                       else 'timed_out' end::order_state,
                  case when outcome < 0.96 or outcome >= 0.97 then n end,
                  case when outcome < 0.96 or outcome >= 0.97 then $1::date end,
                  (array['latte', 'cappuccino', 'espresso', 'americano'])[1 + floor(pick * 4)::int],
                  case when pick < 0.5 then array['oat'] else array['whole'] end,
                  case when outcome < 0.85 then baristas.ids[1 + n % 3] end,
                  case when outcome >= 0.85 and outcome < 0.90 then 'cancelled by the customer'
                       when outcome >= 0.90 and outcome < 0.93 then 'cancelled by the baristas'
                       when outcome >= 0.93 and outcome < 0.96 then 'barista_timeout'
                       when outcome >= 0.96 and outcome < 0.97 then 'customer_timeout'
                       when outcome >= 0.97 then 'barista_timeout' end,
                  case when outcome >= 0.85 and outcome < 0.90 then 'customer'
                       when outcome >= 0.90 and outcome < 0.93 then 'staff' end::canceller,
                  created_at, created_at + make_interval(secs => choose_s + wait_s),
                  case when outcome < 0.96 or outcome >= 0.97
                       then created_at + make_interval(secs => choose_s) end,
                  case when outcome < 0.85
                       then created_at + make_interval(secs => choose_s + wait_s / 2) end,
                  case when outcome < 0.85
                       then created_at + make_interval(secs => choose_s + wait_s) end,
                  created_at + make_interval(secs => choose_s + wait_s)
           from drawn, people, baristas"#,
    )
    .bind(day)
    .bind(i32::try_from(count)?)
    .execute(pool)
    .await?;
    Ok(())
}

/// "median 12.3 ms, max 15.0 ms" of `times`.
fn spread(times: &mut [Duration]) -> String {
    times.sort();
    let ms = |time: Duration| time.as_secs_f64() * 1000.0;
    let median = times.get(times.len() / 2).copied().unwrap_or_default();
    let max = times.last().copied().unwrap_or_default();
    format!("median {:.1} ms, max {:.1} ms", ms(median), ms(max))
}
