//! Where each queued order stands: its place in the line (1 = next) and the shop's
//! estimate of the seconds until it is ready, from how long its baristas took lately to
//! make each drink. Read with the orders; told to each customer as an `order.position`
//! event whenever either changes (see [`super::teller`]).

use std::collections::HashMap;

use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use crate::{
    model::{Actor, Change, Order, OrderId, OrderPosition, OrderState, UserId},
    ssr::events::NewEvent,
};

/// A drink not made lately is guessed to take this long.
const GUESS_S: f64 = 90.0;

/// Estimates move in steps of this many seconds, so a customer is not told of every
/// second the average moved.
const STEP_S: f64 = 30.0;

/// A queued order, first in line first.
#[derive(Clone, Debug, PartialEq)]
struct InLine {
    id: Uuid,
    customer_id: Uuid,
    drink: Option<String>,
    /// What its customer was last told.
    announced: Option<Place>,
}

/// An order's place in the line and the estimate of the seconds until it is ready.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Place {
    pub position: u32,
    pub eta_s: u32,
}

/// A shop's line of queued orders and how fast it moves lately.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Queue {
    line: Vec<InLine>,
    /// The median seconds from taken on to ready over the past hour, per drink.
    make_s: HashMap<String, f64>,
    /// Baristas who made or make a drink in the past 15 minutes.
    baristas: u32,
}

impl Queue {
    /// The shop's line as it is now.
    pub async fn of_shop(db: &mut PgConnection, shop: &str) -> sqlx::Result<Self> {
        let line = sqlx::query_as::<_, (Uuid, Uuid, Option<String>, Option<i32>, Option<i32>)>(
            "select o.id, o.customer_id, o.drink, a.position, a.eta_s
             from orders o left join order_announcements a on a.order_id = o.id
             where o.shop = $1 and o.state = 'queued'
             order by o.queued_at, o.id",
        )
        .bind(shop)
        .fetch_all(&mut *db)
        .await?
        .into_iter()
        .map(|(id, customer_id, drink, position, eta_s)| InLine {
            id,
            customer_id,
            drink,
            announced: position.zip(eta_s).map(|(position, eta_s)| Place {
                position: position.max(0) as u32,
                eta_s: eta_s.max(0) as u32,
            }),
        })
        .collect();
        let make_s = sqlx::query_as::<_, (String, f64)>(
            "select drink, percentile_cont(0.5) within group (
                       order by extract(epoch from ready_at - claimed_at))
             from orders
             where shop = $1 and state = 'ready' and drink is not null
               and claimed_at is not null and ready_at > now() - interval '1 hour'
             group by drink",
        )
        .bind(shop)
        .fetch_all(&mut *db)
        .await?
        .into_iter()
        .collect();
        let baristas: i64 = sqlx::query_scalar(
            "select count(distinct barista_id) from orders
             where shop = $1 and barista_id is not null
               and (state = 'making' or ready_at > now() - interval '15 minutes')",
        )
        .bind(shop)
        .fetch_one(&mut *db)
        .await?;
        Ok(Self {
            line,
            make_s,
            baristas: u32::try_from(baristas).unwrap_or(u32::MAX),
        })
    }

    /// Where every queued order stands, first in line first: the drinks before it and
    /// its own, made by the baristas at work (one at least) side by side.
    fn places(&self) -> impl Iterator<Item = (&InLine, Place)> {
        let typical = median(self.make_s.values().copied()).unwrap_or(GUESS_S);
        let baristas = f64::from(self.baristas.max(1));
        let mut work_s = 0.0;
        self.line.iter().zip(1..).map(move |(order, position)| {
            work_s += order
                .drink
                .as_ref()
                .and_then(|drink| self.make_s.get(drink))
                .copied()
                .unwrap_or(typical);
            let eta_s = ((work_s / baristas / STEP_S).ceil() * STEP_S) as u32;
            (order, Place { position, eta_s })
        })
    }

    /// Fills in `order`'s place while it is queued.
    pub fn place(&self, order: &mut Order) {
        let place = self
            .places()
            .find(|(queued, _)| queued.id == order.id.0)
            .map(|(_, place)| place);
        order.queue_position = place.map(|place| place.position);
        order.eta_s = place.map(|place| place.eta_s);
    }

    /// The `order.position` events of the queued orders whose place or estimate moved
    /// since their customers were last told.
    pub(super) fn moved(&self, shop: &str) -> Vec<(Uuid, Place, NewEvent)> {
        self.places()
            .filter(|(order, place)| order.announced != Some(*place))
            .map(|(order, place)| {
                let change = Change::OrderPosition(OrderPosition {
                    actor: Actor::system(),
                    order_id: OrderId(order.id),
                    queue_position: place.position,
                    eta_s: place.eta_s,
                });
                let event = NewEvent {
                    shop: shop.to_owned(),
                    at: None,
                    customer_id: Some(UserId(order.customer_id)),
                    change,
                };
                (order.id, place, event)
            })
            .collect()
    }
}

/// Fills in where each of `orders` that is queued stands (one read of each shop's line).
pub async fn place_all(pool: &PgPool, orders: &mut [Order]) -> sqlx::Result<()> {
    let mut shops: Vec<String> = orders
        .iter()
        .filter(|order| order.state == OrderState::Queued)
        .map(|order| order.shop.clone())
        .collect();
    shops.sort_unstable();
    shops.dedup();
    if shops.is_empty() {
        return Ok(());
    }
    let mut conn = pool.acquire().await?;
    for shop in shops {
        let queue = Queue::of_shop(&mut conn, &shop).await?;
        orders
            .iter_mut()
            .filter(|order| order.shop == shop)
            .for_each(|order| queue.place(order));
    }
    Ok(())
}

fn median(values: impl Iterator<Item = f64>) -> Option<f64> {
    let mut values: Vec<f64> = values.collect();
    values.sort_by(f64::total_cmp);
    let middle = values.len() / 2;
    match values.len() {
        0 => None,
        n if n % 2 == 1 => Some(values[middle]),
        _ => Some((values[middle - 1] + values[middle]) / 2.0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn queued(n: u128, drink: &str) -> InLine {
        InLine {
            id: Uuid::from_u128(n),
            customer_id: Uuid::from_u128(100 + n),
            drink: Some(drink.to_owned()),
            announced: None,
        }
    }

    fn places(queue: &Queue) -> Vec<(u32, u32)> {
        queue
            .places()
            .map(|(_, place)| (place.position, place.eta_s))
            .collect()
    }

    #[test]
    fn each_order_waits_for_the_drinks_before_it_and_its_own() {
        let mut queue = Queue {
            line: vec![
                queued(1, "latte"),
                queued(2, "espresso"),
                queued(3, "latte"),
                queued(4, "tea"),
            ],
            make_s: [("latte".to_owned(), 100.0), ("espresso".to_owned(), 40.0)].into(),
            baristas: 1,
        };
        // Tea was not made lately: the middle of the drinks that were (70 s).
        assert_eq!(places(&queue), [(1, 120), (2, 150), (3, 240), (4, 330)]);

        // Two baristas make two drinks at once.
        queue.baristas = 2;
        assert_eq!(places(&queue), [(1, 60), (2, 90), (3, 120), (4, 180)]);

        // Nothing made lately: a guess, and at least one barista.
        queue.make_s.clear();
        queue.baristas = 0;
        assert_eq!(places(&queue)[..2], [(1, 90), (2, 180)]);
    }

    #[test]
    fn only_those_whose_place_moved_are_told() {
        let mut first = queued(1, "latte");
        first.announced = Some(Place {
            position: 1,
            eta_s: 90,
        });
        let mut second = queued(2, "latte");
        second.announced = Some(Place {
            position: 3,
            eta_s: 270,
        });
        let queue = Queue {
            line: vec![first, second, queued(3, "latte")],
            make_s: HashMap::new(),
            baristas: 1,
        };

        let moved: Vec<_> = queue
            .moved("demo")
            .into_iter()
            .map(|(id, place, event)| {
                assert_eq!(
                    event.customer_id,
                    Some(UserId(Uuid::from_u128(100 + id.as_u128())))
                );
                (id.as_u128(), place.position, place.eta_s)
            })
            .collect();
        assert_eq!(moved, [(2, 2, 180), (3, 3, 270)]);
    }

    #[test]
    fn the_median_of_even_and_odd_counts() {
        assert_eq!(median([3.0, 1.0, 2.0].into_iter()), Some(2.0));
        assert_eq!(median([4.0, 1.0].into_iter()), Some(2.5));
        assert_eq!(median(std::iter::empty()), None);
    }
}
