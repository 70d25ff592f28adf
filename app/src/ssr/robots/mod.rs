//! Robots that run a booth on their own: a simulation is a row of `simulations`, its
//! robots are accounts tied to it (`users.simulation_id`), and its orders are theirs.
//! [`run`] plays them.

mod chance;
pub mod run;

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use sqlx::{PgPool, types::Json};
use uuid::Uuid;

use super::events::rfc3339;
use crate::{
    error::AppError,
    model::{Simulation, SimulationOrders, SimulationSettings, SimulationState},
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
    .map_err(
        |err| match err.as_database_error().and_then(|err| err.constraint()) {
            Some("simulations_one_running") => AppError::new(
                409,
                "simulation_running",
                "Robots are running this booth already. Stop them first.",
            ),
            _ => err.into(),
        },
    )?;
    sqlx::query(
        "insert into users (role, robot, simulation_id, display_name, shops)
         select 'barista', true, $1, 'Robot ' || n, array[$2] from generate_series(1, $3) n",
    )
    .bind(id)
    .bind(shop)
    .bind(settings.baristas as i32)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    latest(pool, shop).await
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
}

/// The shop's latest simulation; 404 when none ever ran there.
pub async fn latest(pool: &PgPool, shop: &str) -> Result<Simulation, AppError> {
    let Some(row) = sqlx::query_as::<_, SimulationRow>(
        "select id, settings, started_at, ends_at, ended_at is not null as ended, refused
         from simulations where shop = $1
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
