//! Orders and their workflow: the states, and which step leads from which state where.
//! Pure rules; `ssr::orders` decides each step with them and persists the result.

use serde::{Deserialize, Serialize};

use super::{OrderId, UserId};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
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

    /// The states that count against the shop's capacity and the customer's one open
    /// order, and that a deadline can time out. (The database's `order_is_open` says the
    /// same; a test holds the two together.)
    pub const OPEN: [Self; 3] = [Self::AwaitingDrink, Self::Queued, Self::Making];

    pub fn is_open(self) -> bool {
        Self::OPEN.contains(&self)
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Canceller {
    Customer,
    Staff,
}

impl Canceller {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Customer => "customer",
            Self::Staff => "staff",
        }
    }
}

/// Why a deadline ended an order: the customer did not choose in time, or the baristas
/// did not make it in time. The order's `cancel_reason` is this code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimeoutCause {
    CustomerTimeout,
    BaristaTimeout,
}

impl TimeoutCause {
    /// The deadline an order in `state` waits on: the customer's while they choose, the
    /// baristas' after.
    pub fn of(state: OrderState) -> Self {
        if state == OrderState::AwaitingDrink {
            Self::CustomerTimeout
        } else {
            Self::BaristaTimeout
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::CustomerTimeout => "customer_timeout",
            Self::BaristaTimeout => "barista_timeout",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        [Self::CustomerTimeout, Self::BaristaTimeout]
            .into_iter()
            .find(|cause| cause.as_str() == code)
    }
}

/// A step of the workflow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    ChooseDrink,
    Claim,
    Release,
    Complete,
    Recall,
    /// Handed over: the order stays `ready`, with the time it was picked up.
    PickUp,
    Cancel(Canceller),
    TimeOut,
}

impl Step {
    /// Every step: with [`Step::next`], the workflow's transition table.
    pub const ALL: [Self; 9] = [
        Self::ChooseDrink,
        Self::Claim,
        Self::Release,
        Self::Complete,
        Self::Recall,
        Self::PickUp,
        Self::Cancel(Canceller::Customer),
        Self::Cancel(Canceller::Staff),
        Self::TimeOut,
    ];

    /// The step an event of `kind` records, for the kinds that step an order.
    pub fn of(change: &super::Change) -> Option<Self> {
        use super::Change::*;
        Some(match change {
            OrderQueued(_) => Self::ChooseDrink,
            OrderClaimed(_) => Self::Claim,
            OrderReleased(_) => Self::Release,
            OrderReady(_) => Self::Complete,
            OrderRecalled(_) => Self::Recall,
            OrderPickedUp(_) => Self::PickUp,
            OrderCancelled(e) => Self::Cancel(e.order.cancelled_by.unwrap_or(Canceller::Staff)),
            OrderTimedOut(_) => Self::TimeOut,
            _ => return None,
        })
    }

    /// The state this step leads to from `from`, or `None` when it cannot be taken there.
    pub fn next(self, from: OrderState) -> Option<OrderState> {
        use OrderState::*;
        match (self, from) {
            (Self::ChooseDrink, AwaitingDrink) => Some(Queued),
            (Self::Claim, Queued) => Some(Making),
            (Self::Release, Making) => Some(Queued),
            (Self::Complete, Queued | Making) => Some(Ready),
            (Self::Recall, Ready) => Some(Making),
            (Self::PickUp, Ready) => Some(Ready),
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
            Self::PickUp => "handed over",
            Self::Cancel(_) => "cancelled",
            Self::TimeOut => "timed out",
        }
    }
}

/// An order, as the API shows it. Times are RFC 3339 in UTC with milliseconds, all
/// written alike, so their text sorts as the times do.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Order {
    pub id: OrderId,
    pub shop: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<i32>,
    pub state: OrderState,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub drink: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub choices: Option<Vec<String>>,
    pub customer_id: UserId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub barista_id: Option<UserId>,
    pub created_at: String,
    pub updated_at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline_at: Option<String>,
    /// On a cancelled order, the person's words (or the words for none given); on a
    /// timed-out one, the [`TimeoutCause`] code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cancel_reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cancelled_by: Option<Canceller>,
    /// Whether a robot customer of a simulation ordered it.
    #[serde(default)]
    pub robot: bool,
    /// When a ready order was handed over: it has left the boards.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub picked_up_at: Option<String>,
    /// The name the customer gave, for the baristas to call out (a booth screen gets it
    /// only when its shop's `names_on_board` is on).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_name: Option<String>,
    /// While queued: its place in the line (1 = next)…
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub queue_position: Option<u32>,
    /// …and the shop's estimate of the seconds until it is ready.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eta_s: Option<u32>,
}

impl Order {
    /// "#12", or "The order" before it has a number: how messages name it.
    pub fn label(&self) -> String {
        self.number
            .map_or_else(|| "The order".to_owned(), |n| format!("#{n}"))
    }

    /// Whether it is ready on the counter: made, and not yet handed over.
    pub fn waiting_on_counter(&self) -> bool {
        self.state == OrderState::Ready && self.picked_up_at.is_none()
    }

    /// Why a deadline ended it, when one did.
    pub fn timeout_cause(&self) -> Option<TimeoutCause> {
        (self.state == OrderState::TimedOut)
            .then(|| self.cancel_reason.as_deref().and_then(TimeoutCause::parse))
            .flatten()
    }
}

#[cfg(test)]
impl Order {
    /// An order for tests: #`number` at the demo shop, a latte with oat milk, queued.
    pub(crate) fn sample(number: Option<i32>) -> Self {
        Self {
            id: OrderId(uuid::Uuid::from_u128(1)),
            shop: "demo".to_owned(),
            number,
            state: OrderState::Queued,
            drink: Some("latte".to_owned()),
            choices: Some(vec!["oat".to_owned()]),
            customer_id: UserId(uuid::Uuid::from_u128(2)),
            barista_id: None,
            created_at: "2026-12-01T09:00:00.000Z".to_owned(),
            updated_at: "2026-12-01T09:01:00.000Z".to_owned(),
            deadline_at: None,
            cancel_reason: None,
            cancelled_by: None,
            picked_up_at: None,
            robot: false,
            customer_name: None,
            queue_position: None,
            eta_s: None,
        }
    }
}

#[cfg(test)]
#[path = "order_tests.rs"]
mod tests;
