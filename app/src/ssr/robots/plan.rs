//! What a robot order's customer and barista do, and when: drawn from the order's id for
//! robots, read from the recorded order (at the replay's speed) for a replay.

use uuid::Uuid;

use super::chance::{draw, pick};
use crate::model::{ChooseDrink, Drink, SimulationSettings};

/// How long a robot customer looks at the menu: between this and twice as long.
const THINK_S: f64 = 2.0;

#[derive(Clone, Debug, PartialEq)]
pub(super) struct Plan {
    /// What the customer chooses, and how long after starting.
    pub choice: Option<(ChooseDrink, f64)>,
    /// How long after its start the order ends unmade: the customer cancels while
    /// choosing, a barista once it is queued. None: it is made, or (a slow customer who
    /// never chooses) it times out.
    pub cancel_s: Option<f64>,
    /// How long its barista takes once claimed.
    pub make_s: f64,
}

/// A replay's recorded order, in the recorded day's seconds (none of it for a robot's
/// order drawn at random).
#[derive(Clone, Debug, sqlx::FromRow)]
pub(super) struct Recording {
    pub drink: Option<String>,
    pub choices: Option<Vec<String>>,
    pub choose_s: Option<f64>,
    pub make_s: Option<f64>,
    pub cancel_s: Option<f64>,
}

impl Plan {
    /// A robot's plan, the same on every instance: it thinks a moment, then cancels,
    /// dawdles or chooses by the settings' ratios, and its drink takes about `make_s`
    /// (between half and one and a half times it).
    pub fn drawn(settings: &SimulationSettings, menu: &[Drink], id: Uuid) -> Self {
        let think = THINK_S * (1.0 + draw(id, 1));
        let make_s = f64::from(settings.make_s) * (0.5 + draw(id, 3));
        let mood = draw(id, 2);
        let leaves = Self {
            choice: None,
            cancel_s: Some(think),
            make_s,
        };
        if mood < settings.cancel_ratio {
            leaves
        } else if mood < settings.cancel_ratio + settings.slow_ratio {
            Self {
                cancel_s: None,
                ..leaves
            }
        } else {
            match pick(menu, id) {
                Some(choice) => Self {
                    choice: Some((choice, think)),
                    cancel_s: None,
                    make_s,
                },
                // Nothing on the menu can be had: the robot leaves.
                None => leaves,
            }
        }
    }

    /// What the recorded order's people did, `speed` times as fast.
    pub fn recorded(recording: Recording, speed: f64) -> Self {
        let Recording {
            drink,
            choices,
            choose_s,
            make_s,
            cancel_s,
        } = recording;
        Self {
            choice: drink.map(|drink| {
                (
                    ChooseDrink {
                        drink,
                        choices: choices.unwrap_or_default(),
                    },
                    choose_s.unwrap_or_default() / speed,
                )
            }),
            cancel_s: cancel_s.map(|s| s / speed),
            make_s: make_s.unwrap_or_default() / speed,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_recording_plays_faster_by_its_speed() {
        let plan = Plan::recorded(
            Recording {
                drink: Some("latte".to_owned()),
                choices: Some(vec!["oat".to_owned()]),
                choose_s: Some(30.0),
                make_s: Some(90.0),
                cancel_s: None,
            },
            10.0,
        );
        let (choice, after) = plan.choice.expect("a choice");
        assert_eq!((choice.drink.as_str(), after), ("latte", 3.0));
        assert_eq!(plan.make_s, 9.0);
        assert_eq!(plan.cancel_s, None);
    }

    #[test]
    fn robots_cancel_dawdle_and_choose_by_their_ratios() {
        let menu: Vec<Drink> =
            serde_json::from_str(include_str!("../demo_menu.json")).expect("the demo menu");
        let settings = SimulationSettings {
            customers_per_minute: 30,
            baristas: 1,
            make_s: 40,
            duration_s: 60,
            cancel_ratio: 0.2,
            slow_ratio: 0.3,
        };
        let plans: Vec<Plan> = (0..2000u128)
            .map(|n| Plan::drawn(&settings, &menu, Uuid::from_u128(n * 7919)))
            .collect();
        let share = |keep: fn(&Plan) -> bool| {
            plans.iter().filter(|plan| keep(plan)).count() as f64 / plans.len() as f64
        };
        assert!((0.17..0.23).contains(&share(|plan| plan.cancel_s.is_some())));
        assert!((0.27..0.33).contains(&share(
            |plan| plan.choice.is_none() && plan.cancel_s.is_none()
        )));
        assert!(plans.iter().all(|plan| (20.0..60.0).contains(&plan.make_s)));
    }
}
