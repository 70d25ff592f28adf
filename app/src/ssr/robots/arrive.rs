//! Robot customers arriving: at the simulation's rate, as a Poisson process, or at a
//! replay's recorded times; each starts an order with the booth's current code, and a
//! refusal is counted by its code.

use sqlx::PgPool;
use uuid::Uuid;

use super::{
    chance::poisson,
    run::{Held, robot},
};
use crate::{
    error::AppError,
    model::{Role, Shop, StartOrder},
    ssr::{
        AppState, qr,
        usecases::{Ctx, orders},
    },
};

/// The robot customers who arrived since the last tick, each starting an order with the
/// booth's code; a refusal is counted by its code.
pub(super) async fn at_rate(
    state: &AppState,
    simulation: &Held,
    shop: &Shop,
) -> Result<(), AppError> {
    let until = simulation.now.min(simulation.ends_at);
    let elapsed = (until - simulation.arrived_until).num_milliseconds().max(0) as f64 / 1000.0;
    if elapsed <= 0.0 {
        return Ok(());
    }
    let pool = &state.pool;
    let rate = f64::from(simulation.settings.0.customers_per_minute) / 60.0;
    let arrivals = poisson(rate * elapsed, &mut rand::thread_rng());
    sqlx::query("update simulations set arrived_until = $2 where id = $1")
        .bind(simulation.id)
        .bind(until)
        .execute(pool)
        .await?;
    for _ in 0..arrivals {
        arrive_one(state, simulation.id, shop, None).await?;
    }
    Ok(())
}

/// The recorded orders whose time came, at the replay's speed.
pub(super) async fn recorded(
    state: &AppState,
    simulation: &Held,
    shop: &Shop,
) -> Result<(), AppError> {
    let speed = f64::from(simulation.speed.unwrap_or(1));
    let elapsed = (simulation.now - simulation.started_at).num_milliseconds() as f64 / 1000.0;
    let due: Vec<i32> = sqlx::query_scalar(
        "select row from replay_orders
         where simulation_id = $1 and row >= $2 and at_s <= $3 order by row",
    )
    .bind(simulation.id)
    .bind(simulation.replay_next)
    .bind(elapsed * speed)
    .fetch_all(&state.pool)
    .await?;
    sqlx::query("update simulations set replay_next = $2, arrived_until = $3 where id = $1")
        .bind(simulation.id)
        .bind(due.last().map_or(simulation.replay_next, |last| last + 1))
        .bind(simulation.now.min(simulation.ends_at))
        .execute(&state.pool)
        .await?;
    for row in due {
        arrive_one(state, simulation.id, shop, Some(row)).await?;
    }
    Ok(())
}

/// A robot customer, of the recorded order `replay_row` in a replay, starts an order with
/// the booth's current code; a refusal is counted by its code.
async fn arrive_one(
    state: &AppState,
    simulation: Uuid,
    shop: &Shop,
    replay_row: Option<i32>,
) -> Result<(), AppError> {
    let pool = &state.pool;
    let customer: Uuid = sqlx::query_scalar(
        "insert into users (role, robot, simulation_id, replay_row)
         values ('customer', true, $1, $2)
         returning id",
    )
    .bind(simulation)
    .bind(replay_row)
    .fetch_one(pool)
    .await?;
    let token = qr::current(pool, &shop.slug, &shop.settings).await?.token;
    let ctx = Ctx::robot(state.clone(), robot(customer, Role::Customer, None, None));
    match orders::start(&ctx, &shop.slug, StartOrder { qr_token: token }, None).await {
        Err(refusal) if refusal.status < 500 => count_refusal(pool, simulation, &refusal).await,
        result => result.map(drop),
    }
}

/// A refusal a robot met, counted by its code.
pub(super) async fn count_refusal(
    pool: &PgPool,
    simulation: Uuid,
    refusal: &AppError,
) -> Result<(), AppError> {
    sqlx::query(
        "update simulations
         set refused = jsonb_set(refused, array[$2],
                                 to_jsonb(coalesce((refused ->> $2)::int, 0) + 1))
         where id = $1",
    )
    .bind(simulation)
    .bind(&refusal.code)
    .execute(pool)
    .await?;
    Ok(())
}
