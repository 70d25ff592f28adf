//! Running simulations: every instance looks for simulations nobody holds (or whose
//! holder stopped renewing its lease) every [`TICK`], takes them, and plays their robots:
//! customers arriving as a Poisson process, choosing, cancelling or dawdling; baristas
//! claiming, completing and handing over their orders. Everything a robot does goes
//! through the use cases, as a person's would. What a robot does comes from its order's
//! id, or from its recorded order in a replay (see [`Plan`]), so whichever instance takes
//! over plays on as the first would have.

use std::time::Duration;

use chrono::{DateTime, Utc};
use rand::Rng;
use sqlx::{PgPool, types::Json};
use uuid::Uuid;

use super::{
    arrive,
    plan::{Plan, Recording},
};
use crate::{
    error::AppError,
    model::{Drink, OrderAction, OrderId, OrderState, Role, SimulationSettings, User, UserId},
    ssr::{
        AppState, shops,
        usecases::{Ctx, orders},
    },
};

/// How often the robots act.
const TICK: Duration = Duration::from_millis(250);
/// How long an instance holds a simulation without renewing: another takes over after.
const LEASE_S: f64 = 5.0;
/// How long a ready drink waits on the counter before its robot barista hands it over.
const HAND_OVER_S: f64 = 3.0;

/// A simulation this instance holds, as of this tick.
#[derive(sqlx::FromRow)]
pub(super) struct Held {
    pub(super) id: Uuid,
    pub(super) shop: String,
    pub(super) settings: Json<SimulationSettings>,
    pub(super) started_at: DateTime<Utc>,
    pub(super) ends_at: DateTime<Utc>,
    pub(super) arrived_until: DateTime<Utc>,
    /// A replay's speed, and its next recorded order.
    pub(super) speed: Option<i32>,
    pub(super) replay_next: i32,
    pub(super) stop_asked: bool,
    pub(super) now: DateTime<Utc>,
}

/// A robot customer's order that is open, or ready and not handed over.
#[derive(sqlx::FromRow)]
struct RobotOrder {
    id: Uuid,
    customer_id: Uuid,
    state: OrderState,
    barista_id: Option<Uuid>,
    created_at: DateTime<Utc>,
    claimed_at: Option<DateTime<Utc>>,
    ready_at: Option<DateTime<Utc>>,
    /// In a replay, its recorded order's row, and what its people did.
    replay_row: Option<i32>,
    #[sqlx(flatten)]
    recording: Recording,
}

impl RobotOrder {
    fn plan(&self, simulation: &Held, menu: &[Drink]) -> Plan {
        match (simulation.speed, self.replay_row) {
            (Some(speed), Some(_)) => Plan::recorded(self.recording.clone(), f64::from(speed)),
            _ => Plan::drawn(&simulation.settings.0, menu, self.id),
        }
    }
}

/// Plays every simulation this instance holds, until dropped.
pub async fn run(state: AppState) {
    let me = Uuid::from_u128(rand::thread_rng().r#gen());
    loop {
        match hold(&state.pool, me).await {
            Ok(held) => {
                for simulation in held {
                    if let Err(err) = tick(&state, &simulation).await {
                        tracing::warn!(error = %err.message, shop = %simulation.shop, "running robots");
                    }
                }
            }
            Err(err) => tracing::warn!(error = %err, "holding simulations"),
        }
        tokio::time::sleep(TICK).await;
    }
}

/// Renews this instance's leases and takes the simulations nobody holds.
async fn hold(pool: &PgPool, me: Uuid) -> sqlx::Result<Vec<Held>> {
    sqlx::query_as(
        "update simulations
         set holder = $1, held_until = now() + make_interval(secs => $2)
         where ended_at is null
           and (holder = $1 or held_until is null or held_until < now())
         returning id, shop, settings, started_at, ends_at, arrived_until, speed, replay_next,
                   stop_asked, now() as now",
    )
    .bind(me)
    .bind(LEASE_S)
    .fetch_all(pool)
    .await
}

async fn tick(state: &AppState, simulation: &Held) -> Result<(), AppError> {
    let pool = &state.pool;
    let baristas = baristas(pool, simulation).await?;
    let open = robot_orders(pool, simulation.id).await?;
    if simulation.stop_asked {
        return stop(state, simulation, &baristas, &open).await;
    }
    let shop = shops::get(pool, &simulation.shop).await?;
    if simulation.speed.is_some() {
        arrive::recorded(state, simulation, &shop).await?;
    } else {
        arrive::at_rate(state, simulation, &shop).await?;
    }
    let now = simulation.now;
    let after = |at: DateTime<Utc>, s: f64| at + seconds(s) <= now;
    let mut free: Vec<&User> = baristas
        .iter()
        .filter(|barista| {
            !open.iter().any(|order| {
                order.state == OrderState::Making && order.barista_id == Some(barista.id.0)
            })
        })
        .collect();
    for order in &open {
        let plan = order.plan(simulation, &shop.menu);
        let ends_unmade = plan.cancel_s.is_some_and(|s| after(order.created_at, s));
        let step = match order.state {
            OrderState::AwaitingDrink => {
                choose_or_not(state, simulation.id, order, plan, ends_unmade, now).await?;
                continue;
            }
            OrderState::Queued | OrderState::Making if ends_unmade => order
                .barista_id
                .and_then(|id| by(&baristas, Some(id)))
                .or(baristas.first())
                .map(|barista| (barista, OrderAction::Cancel)),
            OrderState::Queued => free.pop().map(|barista| (barista, OrderAction::Claim)),
            OrderState::Making => order
                .claimed_at
                .filter(|claimed| plan.cancel_s.is_none() && after(*claimed, plan.make_s))
                .and_then(|_| by(&baristas, order.barista_id))
                .map(|barista| (barista, OrderAction::Complete)),
            OrderState::Ready => order
                .ready_at
                .filter(|ready| after(*ready, HAND_OVER_S))
                .and_then(|_| by(&baristas, order.barista_id))
                .map(|barista| (barista, OrderAction::Pickup)),
            _ => None,
        };
        if let Some((barista, action)) = step {
            take(state, barista, order.id, action).await;
        }
    }
    // Ended once every arrival (the last one's the tick before) is served.
    let still_open = open.iter().any(|order| order.state.is_open());
    if simulation.arrived_until >= simulation.ends_at && !still_open {
        end(pool, simulation.id).await?;
    }
    Ok(())
}

/// A robot customer chooses once the plan says so, or cancels; a slow one lets the order
/// time out. A choice the booth refuses (a recorded drink it does not have) is counted,
/// and the robot leaves.
async fn choose_or_not(
    state: &AppState,
    simulation: Uuid,
    order: &RobotOrder,
    plan: Plan,
    ends_unmade: bool,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let ctx = Ctx::robot(
        state.clone(),
        robot(order.customer_id, Role::Customer, None, None),
    );
    let cancel = || orders::act(&ctx, OrderId(order.id), OrderAction::Cancel, None);
    let result = match plan.choice {
        _ if ends_unmade => cancel().await,
        Some((choice, after)) if order.created_at + seconds(after) <= now => {
            match orders::choose(&ctx, OrderId(order.id), choice, None).await {
                Err(refusal) if refusal.status == 422 => {
                    arrive::count_refusal(&state.pool, simulation, &refusal).await?;
                    cancel().await
                }
                result => result,
            }
        }
        _ => return Ok(()),
    };
    if let Err(err) = result {
        tracing::debug!(error = %err.message, order = %order.id, "a robot customer's step");
    }
    Ok(())
}

/// Stopped: every open robot order is cancelled by a robot barista, and it has ended.
async fn stop(
    state: &AppState,
    simulation: &Held,
    baristas: &[User],
    open: &[RobotOrder],
) -> Result<(), AppError> {
    if let Some(barista) = baristas.first() {
        for order in open.iter().filter(|order| order.state.is_open()) {
            take(state, barista, order.id, OrderAction::Cancel).await;
        }
    }
    end(&state.pool, simulation.id).await
}

async fn end(pool: &PgPool, id: Uuid) -> Result<(), AppError> {
    sqlx::query("update simulations set ended_at = now(), holder = null where id = $1")
        .bind(id)
        .execute(pool)
        .await?;
    Ok(())
}

/// A robot barista's step; one refused (a deadline came first) is left.
async fn take(state: &AppState, barista: &User, order: Uuid, action: OrderAction) {
    let ctx = Ctx::robot(state.clone(), barista.clone());
    let reason = (action == OrderAction::Cancel).then_some("The simulation was stopped.");
    if let Err(err) = orders::act(&ctx, OrderId(order), action, reason).await {
        tracing::debug!(error = %err.message, %order, "a robot barista's step");
    }
}

async fn baristas(pool: &PgPool, simulation: &Held) -> sqlx::Result<Vec<User>> {
    let rows: Vec<(Uuid, Option<String>)> = sqlx::query_as(
        "select id, display_name from users
         where simulation_id = $1 and role = 'barista' order by display_name",
    )
    .bind(simulation.id)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name)| robot(id, Role::Barista, name, Some(&simulation.shop)))
        .collect())
}

async fn robot_orders(pool: &PgPool, simulation: Uuid) -> sqlx::Result<Vec<RobotOrder>> {
    sqlx::query_as(
        "select o.id, o.customer_id, o.state, o.barista_id, o.created_at, o.claimed_at,
                o.ready_at, u.replay_row, r.drink, r.choices, r.choose_s, r.make_s, r.cancel_s
         from orders o join users u on u.id = o.customer_id
              left join replay_orders r
                on r.simulation_id = u.simulation_id and r.row = u.replay_row
         where u.simulation_id = $1
           and (order_is_open(o.state) or (o.state = 'ready' and o.picked_up_at is null))
         order by o.queued_at nulls last, o.created_at, o.id",
    )
    .bind(simulation)
    .fetch_all(pool)
    .await
}

fn by(baristas: &[User], id: Option<Uuid>) -> Option<&User> {
    baristas.iter().find(|barista| Some(barista.id.0) == id)
}

/// A robot's account, as the use cases see it.
pub(super) fn robot(id: Uuid, role: Role, name: Option<String>, shop: Option<&str>) -> User {
    User {
        id: UserId(id),
        role,
        email: None,
        username: None,
        display_name: name,
        shops: shop.map(str::to_owned).into_iter().collect(),
        device: false,
        robot: true,
    }
}

fn seconds(s: f64) -> chrono::Duration {
    chrono::Duration::milliseconds((s * 1000.0) as i64)
}
