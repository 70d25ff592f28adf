//! What a robot draws: its order's fixed numbers, the arrivals of a moment, and what it
//! orders from the menu.

use rand::Rng;
use uuid::Uuid;

use crate::model::{ChooseDrink, Drink};

/// A number in `[0, 1)` that order `id` always draws for `purpose`: the same on every
/// instance and every tick (SplitMix64 over the id).
pub(super) fn draw(id: Uuid, purpose: u64) -> f64 {
    let (high, low) = id.as_u64_pair();
    let mut z = high ^ low.rotate_left(17) ^ purpose.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^= z >> 31;
    (z >> 11) as f64 / (1u64 << 53) as f64
}

/// A Poisson-distributed count with mean `mean` (Knuth's method, in steps of 30 so a long
/// pause stays exact without underflowing).
pub(super) fn poisson(mean: f64, rng: &mut impl Rng) -> u32 {
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
pub(super) fn pick(menu: &[Drink], id: Uuid) -> Option<ChooseDrink> {
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
    Some(ChooseDrink {
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
