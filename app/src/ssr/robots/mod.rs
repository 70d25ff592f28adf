//! Robots that run a booth on their own: a simulation is a row of `simulations`, its
//! robots are accounts tied to it (`users.simulation_id`), and its orders are theirs.
//! [`run`] plays them.

mod arrive;
mod chance;
mod plan;
pub mod replay;
pub mod run;
mod timeline;

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use sqlx::{PgPool, types::Json};
use uuid::Uuid;

use super::events::rfc3339;
use crate::{
    error::AppError,
    model::{Replay, Simulation, SimulationOrders, SimulationSettings, SimulationState},
};

/// Starts a simulation at `shop` with its robot baristas; 409 `simulation_running` when
/// one runs there.
pub async fn start(
    pool: &PgPool,
    shop: &str,
    settings: &SimulationSettings,
) -> Result<Simulation, AppError> {
    let mut tx = pool.begin().await?;
    let id: Uuid = sqlx::query_scalar(
        "insert into simulations (shop, settings, ends_at)
         values ($1, $2, now() + make_interval(secs => $3))
         returning id",
    )
    .bind(shop)
    .bind(Json(settings))
    .bind(f64::from(settings.duration_s))
    .fetch_one(&mut *tx)
    .await
    .map_err(start_error)?;
    hire_baristas(&mut tx, id, shop, settings.baristas).await?;
    tx.commit().await?;
    latest(pool, shop).await
}

/// Starts the replay of an `orders.csv` export at `shop`, at `speed` times the recorded
/// pace, with `baristas` robot baristas (as many as the day had when none). 422
/// `invalid_csv` naming the line that is not an export's, 409 `simulation_running`.
pub async fn start_replay(
    pool: &PgPool,
    shop: &str,
    csv_text: &str,
    speed: u32,
    baristas: Option<u32>,
) -> Result<Simulation, AppError> {
    if !replay::SPEEDS.contains(&speed) {
        return Err(AppError::invalid(
            "speed",
            "invalid_settings",
            "speed is from 1 to 60.",
        ));
    }
    if baristas.is_some_and(|n| !(1..=20).contains(&n)) {
        return Err(AppError::invalid(
            "baristas",
            "invalid_settings",
            "baristas is from 1 to 20.",
        ));
    }
    let recorded = replay::read(csv_text)?;
    replay::start(pool, shop, &recorded, speed, baristas).await?;
    latest(pool, shop).await
}

/// The refusal of a second simulation at a shop, or the database's error.
fn start_error(err: sqlx::Error) -> AppError {
    match err.as_database_error().and_then(|err| err.constraint()) {
        Some("simulations_one_running") => AppError::new(
            409,
            "simulation_running",
            "Robots are running this booth already. Stop them first.",
        ),
        _ => err.into(),
    }
}

/// The simulation's robot baristas, `Robot 1` to `Robot n`.
async fn hire_baristas(
    tx: &mut sqlx::PgConnection,
    simulation: Uuid,
    shop: &str,
    baristas: u32,
) -> sqlx::Result<()> {
    sqlx::query(
        "insert into users (role, robot, simulation_id, display_name, shops)
         select 'barista', true, $1, 'Robot ' || n, array[$2] from generate_series(1, $3) n",
    )
    .bind(simulation)
    .bind(shop)
    .bind(baristas as i32)
    .execute(tx)
    .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
struct SimulationRow {
    id: Uuid,
    settings: Json<SimulationSettings>,
    started_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    ended: bool,
    /// Refusals by code.
    refused: Json<BTreeMap<String, u32>>,
    /// A replay's speed.
    speed: Option<i32>,
    /// A replay's recorded orders.
    recorded: i64,
}

/// The shop's latest simulation; 404 when none ever ran there.
pub async fn latest(pool: &PgPool, shop: &str) -> Result<Simulation, AppError> {
    let Some(row) = sqlx::query_as::<_, SimulationRow>(
        "select id, settings, started_at, ends_at, ended_at is not null as ended, refused,
                speed, (select count(*) from replay_orders r where r.simulation_id = s.id)
                  as recorded
         from simulations s where shop = $1
         order by started_at desc limit 1",
    )
    .bind(shop)
    .fetch_optional(pool)
    .await?
    else {
        return Err(AppError::not_found("No robots ever ran this booth."));
    };
    let SimulationRow {
        id,
        settings,
        started_at,
        ends_at,
        ended,
        refused,
        speed,
        recorded,
    } = row;
    let by_state: Vec<(String, i64)> = sqlx::query_as(
        "select o.state::text, count(*) from orders o join users u on u.id = o.customer_id
         where u.simulation_id = $1 group by o.state",
    )
    .bind(id)
    .fetch_all(pool)
    .await?;
    Ok(Simulation {
        id: id.to_string(),
        shop: shop.to_owned(),
        state: if ended {
            SimulationState::Ended
        } else {
            SimulationState::Running
        },
        started_at: rfc3339(started_at),
        ends_at: rfc3339(ends_at),
        settings: settings.0,
        orders: SimulationOrders {
            by_state: by_state
                .into_iter()
                .map(|(state, count)| (state, u32::try_from(count).unwrap_or(u32::MAX)))
                .collect(),
            refused: refused.0,
        },
        replay: speed.map(|speed| Replay {
            speed: speed as u32,
            orders: u32::try_from(recorded).unwrap_or(u32::MAX),
        }),
        timeline: timeline::read(pool, id, speed.unwrap_or(1)).await?,
    })
}

/// Asks the shop's running simulation to stop: its holder cancels the robots' open
/// orders at its next tick. 404 when none runs.
pub async fn stop(pool: &PgPool, shop: &str) -> Result<(), AppError> {
    let stopped = sqlx::query(
        "update simulations set stop_asked = true, ends_at = least(ends_at, now())
         where shop = $1 and ended_at is null",
    )
    .bind(shop)
    .execute(pool)
    .await?;
    if stopped.rows_affected() == 0 {
        return Err(AppError::not_found("No robots are running this booth."));
    }
    Ok(())
}
