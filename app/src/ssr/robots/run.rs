//! Running simulations: every instance looks for simulations nobody holds (or whose
//! holder stopped renewing its lease) every [`TICK`], takes them, and plays their robots:
//! customers arriving as a Poisson process, choosing, cancelling or dawdling; baristas
//! claiming, completing and handing over their orders. Everything a robot does goes
//! through the use cases, as a person's would. A robot's choices come from its order's id
//! (see [`draw`]), so whichever instance takes over plays on as the first would have.

use std::time::Duration;

use chrono::{DateTime, Utc};
use rand::Rng;
use sqlx::{PgPool, types::Json};
use uuid::Uuid;

use super::chance::{draw, pick, poisson};
use crate::{
    error::AppError,
    model::{
        Drink, OrderAction, OrderId, OrderState, Role, Shop, SimulationSettings, StartOrder, User,
        UserId,
    },
    ssr::{
        AppState, qr, shops,
        usecases::{Ctx, orders},
    },
};

/// How often the robots act.
const TICK: Duration = Duration::from_millis(250);
/// How long an instance holds a simulation without renewing: another takes over after.
const LEASE_S: f64 = 5.0;
/// How long a robot customer looks at the menu: between this and twice as long.
const THINK_S: f64 = 2.0;
/// How long a ready drink waits on the counter before its robot barista hands it over.
const HAND_OVER_S: f64 = 3.0;

/// A simulation this instance holds, as of this tick.
#[derive(sqlx::FromRow)]
struct Held {
    id: Uuid,
    shop: String,
    settings: Json<SimulationSettings>,
    ends_at: DateTime<Utc>,
    arrived_until: DateTime<Utc>,
    stop_asked: bool,
    now: DateTime<Utc>,
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
         returning id, shop, settings, ends_at, arrived_until, stop_asked, now() as now",
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
    arrive(state, simulation, &shop).await?;
    let settings = &simulation.settings.0;
    let now = simulation.now;
    let mut free: Vec<&User> = baristas
        .iter()
        .filter(|barista| {
            !open.iter().any(|order| {
                order.state == OrderState::Making && order.barista_id == Some(barista.id.0)
            })
        })
        .collect();
    for order in &open {
        let step = match order.state {
            OrderState::AwaitingDrink => {
                choose_or_not(state, settings, &shop.menu, order, now).await;
                continue;
            }
            OrderState::Queued => free.pop().map(|barista| (barista, OrderAction::Claim)),
            OrderState::Making => order
                .claimed_at
                .filter(|claimed| *claimed + seconds(make_s(settings, order.id)) <= now)
                .and_then(|_| by(&baristas, order.barista_id))
                .map(|barista| (barista, OrderAction::Complete)),
            OrderState::Ready => order
                .ready_at
                .filter(|ready| *ready + seconds(HAND_OVER_S) <= now)
                .and_then(|_| by(&baristas, order.barista_id))
                .map(|barista| (barista, OrderAction::Pickup)),
            _ => None,
        };
        if let Some((barista, action)) = step {
            take(state, barista, order.id, action).await;
        }
    }
    let still_open = open.iter().any(|order| order.state.is_open());
    if now >= simulation.ends_at && !still_open {
        end(pool, simulation.id).await?;
    }
    Ok(())
}

/// The robot customers who arrived since the last tick, each starting an order with the
/// booth's code; a refusal is counted by its code.
async fn arrive(state: &AppState, simulation: &Held, shop: &Shop) -> Result<(), AppError> {
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
    if arrivals == 0 {
        return Ok(());
    }
    for _ in 0..arrivals {
        let customer: Uuid = sqlx::query_scalar(
            "insert into users (role, robot, simulation_id) values ('customer', true, $1)
             returning id",
        )
        .bind(simulation.id)
        .fetch_one(pool)
        .await?;
        let token = qr::current(pool, &shop.slug, &shop.settings).await?.token;
        let ctx = Ctx::robot(state.clone(), robot(customer, Role::Customer, None, None));
        match orders::start(&ctx, &shop.slug, StartOrder { qr_token: token }, None).await {
            Ok(_) => {}
            Err(refusal) if refusal.status < 500 => {
                sqlx::query(
                    "update simulations
                     set refused = jsonb_set(refused, array[$2],
                                             to_jsonb(coalesce((refused ->> $2)::int, 0) + 1))
                     where id = $1",
                )
                .bind(simulation.id)
                .bind(&refusal.code)
                .execute(pool)
                .await?;
            }
            Err(err) => return Err(err),
        }
    }
    Ok(())
}

/// A robot customer who looked at the menu long enough chooses, cancels, or (a slow one)
/// lets the order time out.
async fn choose_or_not(
    state: &AppState,
    settings: &SimulationSettings,
    menu: &[Drink],
    order: &RobotOrder,
    now: DateTime<Utc>,
) {
    let think = THINK_S * (1.0 + draw(order.id, 1));
    if order.created_at + seconds(think) > now {
        return;
    }
    let customer = robot(order.customer_id, Role::Customer, None, None);
    let ctx = Ctx::robot(state.clone(), customer);
    let mood = draw(order.id, 2);
    let result = if mood < settings.cancel_ratio {
        orders::act(&ctx, OrderId(order.id), OrderAction::Cancel, None).await
    } else if mood < settings.cancel_ratio + settings.slow_ratio {
        return;
    } else if let Some(choice) = pick(menu, order.id) {
        orders::choose(&ctx, OrderId(order.id), choice, None).await
    } else {
        // Nothing on the menu can be had: the robot leaves.
        orders::act(&ctx, OrderId(order.id), OrderAction::Cancel, None).await
    };
    if let Err(err) = result {
        tracing::debug!(error = %err.message, order = %order.id, "a robot customer's step");
    }
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
                o.ready_at
         from orders o join users u on u.id = o.customer_id
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
fn robot(id: Uuid, role: Role, name: Option<String>, shop: Option<&str>) -> User {
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

/// About `make_s`: between half and one and a half times it, by the order.
fn make_s(settings: &SimulationSettings, order: Uuid) -> f64 {
    f64::from(settings.make_s) * (0.5 + draw(order, 3))
}

fn seconds(s: f64) -> chrono::Duration {
    chrono::Duration::milliseconds((s * 1000.0) as i64)
}
