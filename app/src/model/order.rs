//! Orders and their workflow: the states, and which step leads from which state where.
//! Pure rules; `ssr::orders` persists them.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::Type, utoipa::ToSchema))]
#[cfg_attr(
    feature = "ssr",
    sqlx(type_name = "order_state", rename_all = "snake_case")
)]
#[serde(rename_all = "snake_case")]
pub enum OrderState {
    /// Started with a QR code; the customer is choosing.
    AwaitingDrink,
    /// Has a drink and a number; waiting for a barista.
    Queued,
    /// A barista is making it.
    Making,
    /// Made: waiting on the counter.
    Ready,
    Cancelled,
    TimedOut,
}

impl OrderState {
    pub const ALL: [Self; 6] = [
        Self::AwaitingDrink,
        Self::Queued,
        Self::Making,
        Self::Ready,
        Self::Cancelled,
        Self::TimedOut,
    ];

    /// Counts against the shop's capacity and the customer's one open order.
    pub fn is_open(self) -> bool {
        matches!(self, Self::AwaitingDrink | Self::Queued | Self::Making)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::AwaitingDrink => "awaiting_drink",
            Self::Queued => "queued",
            Self::Making => "making",
            Self::Ready => "ready",
            Self::Cancelled => "cancelled",
            Self::TimedOut => "timed_out",
        }
    }

    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|state| state.as_str() == name)
    }
}

/// Who cancels: customers may only while the order waits; staff until it ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Canceller {
    Customer,
    Staff,
}

/// A step of the workflow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    ChooseDrink,
    Claim,
    Release,
    Complete,
    Recall,
    Cancel(Canceller),
    TimeOut,
}

impl Step {
    /// The state this step leads to from `from`, or `None` when it cannot be taken there.
    pub fn next(self, from: OrderState) -> Option<OrderState> {
        use OrderState::*;
        match (self, from) {
            (Self::ChooseDrink, AwaitingDrink) => Some(Queued),
            (Self::Claim, Queued) => Some(Making),
            (Self::Release, Making) => Some(Queued),
            (Self::Complete, Queued | Making) => Some(Ready),
            (Self::Recall, Ready) => Some(Making),
            (Self::Cancel(Canceller::Customer), AwaitingDrink | Queued) => Some(Cancelled),
            (Self::Cancel(Canceller::Staff), AwaitingDrink | Queued | Making) => Some(Cancelled),
            (Self::TimeOut, AwaitingDrink | Queued | Making) => Some(TimedOut),
            _ => None,
        }
    }

    /// What the step does, for messages: "claimed", "cancelled".
    pub fn done(self) -> &'static str {
        match self {
            Self::ChooseDrink => "given a drink",
            Self::Claim => "claimed",
            Self::Release => "released",
            Self::Complete => "marked ready",
            Self::Recall => "recalled",
            Self::Cancel(_) => "cancelled",
            Self::TimeOut => "timed out",
        }
    }
}

/// An order, as the API shows it. Times are RFC 3339, UTC.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Order {
    pub id: String,
    pub shop: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<i32>,
    pub state: OrderState,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub drink: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub choices: Option<Vec<String>>,
    pub customer_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub barista_id: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cancel_reason: Option<String>,
}

/// One change, as the log and the live streams carry it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct Event {
    pub seq: i64,
    #[serde(rename = "type")]
    pub kind: String,
    pub shop: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order_id: Option<String>,
    pub at: String,
    pub data: serde_json::Value,
    /// One sentence for a person: what happened, and why.
    pub message: String,
}

#[cfg(test)]
mod tests {
    use super::{Canceller::*, OrderState::*, *};

    /// Every step from every state: where it leads, `None` where it is refused.
    #[test]
    fn the_transition_table() {
        let table: [(Step, [Option<OrderState>; 6]); 8] = [
            // from:            awaiting_drink, queued,          making,          ready,        cancelled, timed_out
            (
                Step::ChooseDrink,
                [Some(Queued), None, None, None, None, None],
            ),
            (Step::Claim, [None, Some(Making), None, None, None, None]),
            (Step::Release, [None, None, Some(Queued), None, None, None]),
            (
                Step::Complete,
                [None, Some(Ready), Some(Ready), None, None, None],
            ),
            (Step::Recall, [None, None, None, Some(Making), None, None]),
            (
                Step::Cancel(Customer),
                [Some(Cancelled), Some(Cancelled), None, None, None, None],
            ),
            (
                Step::Cancel(Staff),
                [
                    Some(Cancelled),
                    Some(Cancelled),
                    Some(Cancelled),
                    None,
                    None,
                    None,
                ],
            ),
            (
                Step::TimeOut,
                [
                    Some(TimedOut),
                    Some(TimedOut),
                    Some(TimedOut),
                    None,
                    None,
                    None,
                ],
            ),
        ];
        for (step, expected) in table {
            for (from, expected) in OrderState::ALL.into_iter().zip(expected) {
                assert_eq!(step.next(from), expected, "{step:?} from {from:?}");
            }
        }
    }

    #[test]
    fn ended_orders_go_nowhere_but_back_from_ready() {
        for from in [Cancelled, TimedOut] {
            for step in [
                Step::ChooseDrink,
                Step::Claim,
                Step::Release,
                Step::Complete,
                Step::Recall,
                Step::TimeOut,
            ] {
                assert_eq!(step.next(from), None);
            }
        }
    }

    #[test]
    fn state_names_round_trip() {
        for state in OrderState::ALL {
            assert_eq!(OrderState::parse(state.as_str()), Some(state));
            assert_eq!(
                serde_json::to_value(state).expect("serializes"),
                state.as_str()
            );
        }
        assert_eq!(OrderState::parse("brewing"), None);
    }
}
