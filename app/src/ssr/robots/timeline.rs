//! How a simulated booth kept up: its queue and its waits over time.

use sqlx::PgPool;
use uuid::Uuid;

use crate::model::Moment;

/// The moments a timeline has, evenly over the simulation so far.
const MOMENTS: i32 = 24;

/// The simulation's moments; a replay's on the recorded clock (`speed` times its own).
pub async fn read(pool: &PgPool, simulation: Uuid, speed: i32) -> sqlx::Result<Vec<Moment>> {
    let rows: Vec<(f64, i64, Option<f64>)> = sqlx::query_as(
        "with span as (
             select started_at,
                    greatest(extract(epoch from coalesce(ended_at, now()) - started_at), 1)
                      as total
             from simulations where id = $1
         ), robot as (
             select o.queued_at, o.claimed_at, o.ready_at, o.ended_at
             from orders o join users u on u.id = o.customer_id
             where u.simulation_id = $1 and o.queued_at is not null
         ), moments as (
             select (s.total * g / $2)::float8 as at_s,
                    s.started_at + make_interval(secs => s.total * g / $2) as t,
                    make_interval(secs => s.total / $2) as width
             from span s, generate_series(1, $2) g
         )
         select m.at_s,
                (select count(*) from robot r
                 where r.queued_at <= m.t
                   and coalesce(r.claimed_at, r.ended_at, 'infinity') > m.t),
                (select percentile_cont(0.5) within group (
                          order by extract(epoch from r.ready_at - r.queued_at))
                 from robot r where r.ready_at > m.t - m.width and r.ready_at <= m.t)
         from moments m order by m.at_s",
    )
    .bind(simulation)
    .bind(MOMENTS)
    .fetch_all(pool)
    .await?;
    let speed = f64::from(speed);
    Ok(rows
        .into_iter()
        .map(|(at_s, queued, wait_s)| Moment {
            at_s: (at_s * speed).round() as u32,
            queued: u32::try_from(queued).unwrap_or(u32::MAX),
            wait_s: wait_s.map(|wait| (wait * speed).round() as u32),
        })
        .collect())
}
