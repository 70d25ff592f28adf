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

use crate::{
    error::AppError,
    model::{
        Drink, OrderAction, OrderId, OrderState, Role, SimulationSettings, StartOrder, User, UserId,
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
    arrive(state, simulation).await?;
    let settings = &simulation.settings.0;
    let now = simulation.now;
    let shop = shops::get(pool, &simulation.shop).await?;
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
async fn arrive(state: &AppState, simulation: &Held) -> Result<(), AppError> {
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
    let shop = shops::get(pool, &simulation.shop).await?;
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

/// A number in `[0, 1)` that order `id` always draws for `purpose`: the same on every
/// instance and every tick (SplitMix64 over the id).
fn draw(id: Uuid, purpose: u64) -> f64 {
    let (high, low) = id.as_u64_pair();
    let mut z = high ^ low.rotate_left(17) ^ purpose.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 31;
    (z >> 11) as f64 / (1u64 << 53) as f64
}

/// A Poisson-distributed count with mean `mean` (Knuth's method, in steps of 30 so a long
/// pause stays exact without underflowing).
fn poisson(mean: f64, rng: &mut impl Rng) -> u32 {
    let mut left = mean;
    let mut count = 0;
    while left > 0.0 {
        let step = left.min(30.0);
        left -= step;
        let limit = (-step).exp();
        let mut product: f64 = rng.r#gen();
        while product > limit {
            count += 1;
            product *= rng.r#gen::<f64>();
        }
    }
    count
}

/// What the robot of order `id` orders: a drink that can be had, earlier drinks on the
/// menu more often (the first twice as often as the second, …), and in each group the
/// fewest choices it asks for (one more now and then, within its maximum).
fn pick(menu: &[Drink], id: Uuid) -> Option<crate::model::ChooseDrink> {
    let orderable: Vec<(&Drink, Vec<String>)> = menu
        .iter()
        .filter(|drink| drink.available)
        .filter_map(|drink| {
            let mut choices = Vec::new();
            for (at, group) in drink.groups.iter().enumerate() {
                let available: Vec<&str> = group
                    .choices
                    .iter()
                    .filter(|choice| choice.available)
                    .map(|choice| choice.id.as_str())
                    .collect();
                let extra = u32::from(draw(id, 10 + at as u64) < 0.5);
                let wanted = (group.min + extra).min(group.max) as usize;
                if available.len() < group.min as usize {
                    return None;
                }
                let start = (draw(id, 40 + at as u64) * available.len() as f64) as usize;
                choices.extend(
                    available
                        .iter()
                        .cycle()
                        .skip(start)
                        .take(wanted.min(available.len()))
                        .map(|choice| (*choice).to_owned()),
                );
            }
            Some((drink, choices))
        })
        .collect();
    let weights: f64 = (1..=orderable.len()).map(|rank| 1.0 / rank as f64).sum();
    let mut target = draw(id, 4) * weights;
    let chosen = orderable
        .iter()
        .enumerate()
        .find(|(rank, _)| {
            target -= 1.0 / (rank + 1) as f64;
            target < 0.0
        })
        .map(|(_, chosen)| chosen)
        .or(orderable.last())?;
    Some(crate::model::ChooseDrink {
        drink: chosen.0.id.clone(),
        choices: chosen.1.clone(),
    })
}

#[cfg(test)]
mod tests {
    use rand::{SeedableRng, rngs::StdRng};

    use super::*;

    fn menu() -> Vec<Drink> {
        serde_json::from_str(include_str!("../demo_menu.json")).expect("the demo menu")
    }

    #[test]
    fn a_draw_is_the_same_for_the_same_order_and_purpose() {
        let id = Uuid::from_u128(0x0193_a3b0_0000_7000_8000_0000_0000_0001);
        assert_eq!(draw(id, 1), draw(id, 1));
        assert_ne!(draw(id, 1), draw(id, 2));
        let draws: Vec<f64> = (0..10_000u128)
            .map(|n| draw(Uuid::from_u128(n * 7919), 1))
            .collect();
        assert!(draws.iter().all(|draw| (0.0..1.0).contains(draw)));
        let mean = draws.iter().sum::<f64>() / draws.len() as f64;
        assert!((0.48..0.52).contains(&mean), "{mean}");
    }

    #[test]
    fn arrivals_average_their_mean() {
        let mut rng = StdRng::seed_from_u64(7);
        for mean in [0.25, 3.0, 75.0] {
            let total: u32 = (0..4000).map(|_| poisson(mean, &mut rng)).sum();
            let average = f64::from(total) / 4000.0;
            assert!(
                (average - mean).abs() < mean * 0.05 + 0.02,
                "{mean}: {average}"
            );
        }
        assert_eq!(poisson(0.0, &mut rng), 0);
    }

    #[test]
    fn a_robot_orders_what_the_menu_allows() {
        let mut menu = menu();
        for n in 0..500u128 {
            let choice = pick(&menu, Uuid::from_u128(n * 104_729)).expect("a drink");
            let drink = menu
                .iter()
                .find(|drink| drink.id == choice.drink)
                .expect("on the menu");
            for group in &drink.groups {
                let picked = group
                    .choices
                    .iter()
                    .filter(|option| choice.choices.contains(&option.id))
                    .count() as u32;
                assert!(group.accepts(picked), "{choice:?}");
            }
        }
        // Only what can be had: no oat milk, no espresso.
        menu.iter_mut()
            .filter(|drink| drink.id == "espresso")
            .for_each(|drink| drink.available = false);
        for drink in &mut menu {
            for group in &mut drink.groups {
                group
                    .choices
                    .iter_mut()
                    .filter(|option| option.id == "oat")
                    .for_each(|option| option.available = false);
            }
        }
        let picks: Vec<_> = (0..500u128)
            .filter_map(|n| pick(&menu, Uuid::from_u128(n * 104_729)))
            .collect();
        assert_eq!(picks.len(), 500);
        assert!(picks.iter().all(|pick| pick.drink != "espresso"));
        assert!(
            picks
                .iter()
                .all(|pick| !pick.choices.iter().any(|c| c == "oat"))
        );
        // The first drink on the menu is the most asked for.
        let first = picks
            .iter()
            .filter(|pick| pick.drink == "americano")
            .count();
        let last = picks
            .iter()
            .filter(|pick| pick.drink == "iced-latte")
            .count();
        assert!(first > last, "{first} americanos, {last} iced lattes");

        // Nothing to be had: nothing picked.
        menu.iter_mut().for_each(|drink| drink.available = false);
        assert!(pick(&menu, Uuid::from_u128(1)).is_none());
    }
}
