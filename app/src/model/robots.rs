//! Robots: a simulation of a booth's customers and baristas, run by the server through
//! the same use cases as people.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// How a simulation runs: robot customers arriving at a rate, some slow or cancelling,
/// and robot baristas making their drinks in about `make_s` seconds each.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SimulationSettings {
    /// Robot customers arriving per minute, on average (1–600).
    #[schema(minimum = 1, maximum = 600, example = 30)]
    pub customers_per_minute: u32,
    /// Robot baristas (1–20).
    #[schema(minimum = 1, maximum = 20, example = 2)]
    pub baristas: u32,
    /// About how long a robot barista takes to make a drink (1–600 s).
    #[schema(minimum = 1, maximum = 600, example = 45)]
    pub make_s: u32,
    /// How long robot customers keep arriving (10–86400 s).
    #[schema(minimum = 10, maximum = 86400, example = 600)]
    pub duration_s: u32,
    /// The share of robot customers who cancel before choosing (0–1).
    #[serde(default)]
    #[schema(minimum = 0, maximum = 1)]
    pub cancel_ratio: f64,
    /// The share who never choose, so their orders time out (0–1).
    #[serde(default)]
    #[schema(minimum = 0, maximum = 1)]
    pub slow_ratio: f64,
}

impl SimulationSettings {
    /// The settings when each is in its range; else 422 `invalid_settings` naming it.
    pub fn checked(self) -> Result<Self, AppError> {
        let whole = [
            ("customers_per_minute", self.customers_per_minute, 1, 600),
            ("baristas", self.baristas, 1, 20),
            ("make_s", self.make_s, 1, 600),
            ("duration_s", self.duration_s, 10, 86_400),
        ];
        for (field, value, min, max) in whole {
            if !(min..=max).contains(&value) {
                return Err(invalid(field, format!("{field} is from {min} to {max}.")));
            }
        }
        for (field, ratio) in [
            ("cancel_ratio", self.cancel_ratio),
            ("slow_ratio", self.slow_ratio),
        ] {
            if !(0.0..=1.0).contains(&ratio) {
                return Err(invalid(field, format!("{field} is from 0 to 1.")));
            }
        }
        if self.cancel_ratio + self.slow_ratio > 1.0 {
            return Err(invalid(
                "cancel_ratio",
                "cancel_ratio and slow_ratio add up to at most 1.".to_owned(),
            ));
        }
        Ok(self)
    }
}

/// How to replay a recorded day: `speed` times as fast (1–60, default 1), with
/// `baristas` robot baristas (1–20; default: as many as the day had).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ReplayQuery {
    #[serde(default)]
    #[param(minimum = 1, maximum = 60)]
    pub speed: Option<u32>,
    #[serde(default)]
    #[param(minimum = 1, maximum = 20)]
    pub baristas: Option<u32>,
}

fn invalid(field: &str, message: String) -> AppError {
    AppError::invalid(field, "invalid_settings", message)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum SimulationState {
    Running,
    /// No robot customer arrives any more and none of their orders is open.
    Ended,
}

/// A shop's simulation, as the API shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Simulation {
    pub id: String,
    pub shop: String,
    pub state: SimulationState,
    pub started_at: String,
    /// When robot customers stop arriving (or stopped, when it was stopped).
    pub ends_at: String,
    pub settings: SimulationSettings,
    pub orders: SimulationOrders,
    /// A replay's own facts; none for robots drawn at random.
    pub replay: Option<Replay>,
    /// How the booth kept up, in moments over the simulation so far.
    pub timeline: Vec<Moment>,
}

/// A replay of a recorded day: how fast it plays, and how many orders the day had.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Replay {
    #[schema(minimum = 1, maximum = 60)]
    pub speed: u32,
    pub orders: u32,
}

/// A moment of a simulation: how many robot orders waited for a barista then, and how
/// long the drinks made since the moment before had waited (queued → ready, the median).
/// A replay's moments are on the recorded day's clock (its times times its speed).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Moment {
    /// Seconds after the start.
    pub at_s: u32,
    pub queued: u32,
    pub wait_s: Option<u32>,
}

/// What became of the robot customers: their orders by state, and the refusals they met
/// by code (`at_capacity`, `no_drinks_left`, …).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct SimulationOrders {
    pub by_state: BTreeMap<String, u32>,
    pub refused: BTreeMap<String, u32>,
}

impl SimulationOrders {
    /// Every robot customer who arrived: an order each, or a refusal.
    pub fn arrivals(&self) -> u32 {
        self.by_state.values().chain(self.refused.values()).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> SimulationSettings {
        SimulationSettings {
            customers_per_minute: 30,
            baristas: 2,
            make_s: 45,
            duration_s: 600,
            cancel_ratio: 0.1,
            slow_ratio: 0.1,
        }
    }

    #[test]
    fn each_setting_keeps_to_its_range() {
        assert!(settings().checked().is_ok());
        let field = |settings: SimulationSettings| settings.checked().unwrap_err().field;
        let named = |name: &str| Some(name.to_owned());
        assert_eq!(
            field(SimulationSettings {
                customers_per_minute: 0,
                ..settings()
            }),
            named("customers_per_minute")
        );
        assert_eq!(
            field(SimulationSettings {
                baristas: 21,
                ..settings()
            }),
            named("baristas")
        );
        assert_eq!(
            field(SimulationSettings {
                make_s: 0,
                ..settings()
            }),
            named("make_s")
        );
        assert_eq!(
            field(SimulationSettings {
                duration_s: 9,
                ..settings()
            }),
            named("duration_s")
        );
        assert_eq!(
            field(SimulationSettings {
                slow_ratio: 1.5,
                ..settings()
            }),
            named("slow_ratio")
        );
        assert_eq!(
            field(SimulationSettings {
                cancel_ratio: 0.6,
                slow_ratio: 0.6,
                ..settings()
            }),
            named("cancel_ratio")
        );
    }
}
