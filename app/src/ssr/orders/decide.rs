//! The rules of every step after the order started, as one pure function: what the order
//! becomes when `actor` takes a step at `now`, or why it may not. Who may ask for which
//! step is the policy's; the database write only applies the decision (see [`write`]).
//!
//! [`write`]: super::write

use chrono::{DateTime, Duration, Utc};

use super::{OrderRow, choice::check_choice};
use crate::{
    error::AppError,
    model::{
        Actor, Canceller, Change, Drink, Order, OrderCancelled, OrderQueued, OrderState, OrderStep,
        Role, ShopSettings, Step, User,
    },
};

/// A step as a caller asks for it.
#[derive(Clone, Copy, Debug)]
pub enum Move<'a> {
    Choose {
        menu: &'a [Drink],
        drink: &'a str,
        choices: &'a [String],
    },
    Claim,
    Release,
    Complete,
    Recall,
    PickUp,
    /// Its customer's cancel, or the staff's, by who asks.
    Cancel {
        reason: Option<&'a str>,
    },
}

impl Move<'_> {
    /// The workflow's step this is, when `actor` takes it.
    pub fn step(&self, actor: &User) -> Step {
        match self {
            Self::Choose { .. } => Step::ChooseDrink,
            Self::Claim => Step::Claim,
            Self::Release => Step::Release,
            Self::Complete => Step::Complete,
            Self::Recall => Step::Recall,
            Self::PickUp => Step::PickUp,
            Self::Cancel { .. } if actor.role == Role::Customer => {
                Step::Cancel(Canceller::Customer)
            }
            Self::Cancel { .. } => Step::Cancel(Canceller::Staff),
        }
    }
}

/// What a step does to the order.
#[derive(Clone, Debug, PartialEq)]
pub enum Decision {
    /// Nothing changes: the barista already makes it.
    Unchanged,
    Changed(Box<Next>),
}

/// The order as it becomes and the change's event. When `numbered`, the write gives it
/// the shop's next number, which the event's order then carries too.
#[derive(Clone, Debug, PartialEq)]
pub struct Next {
    pub row: OrderRow,
    pub change: Change,
    pub numbered: bool,
}

/// Why a step may not be taken.
#[derive(Clone, Debug, PartialEq)]
pub enum Refusal {
    /// The step does not lead anywhere from the order's state.
    InvalidState { state: OrderState, step: Step },
    /// Another barista was quicker.
    ClaimedByOther {
        /// "#12": the order, as the refusal names it.
        order: String,
        barista: Option<uuid::Uuid>,
    },
    /// Only the barista making an order, or an admin, releases it.
    NotTheirs,
    /// Ready for longer than the shop's `ready_retention_s`.
    RecallExpired,
    /// Handed over already: it is no longer the counter's.
    PickedUp,
    /// The drink or its options are not on the menu, or break a group's rule.
    Choice(AppError),
}

impl Refusal {
    /// The refusal for a person; `barista` names who was quicker, for that refusal.
    pub fn error(self, barista: Option<&str>) -> AppError {
        match self {
            Self::InvalidState { state, step } => AppError::new(
                409,
                "invalid_state",
                format!(
                    "This order is {}, so it can't be {} now.",
                    state.as_str().replace('_', " "),
                    step.done()
                ),
            ),
            Self::ClaimedByOther { order, .. } => AppError::new(
                409,
                "claimed_by_other",
                format!(
                    "{order} is already being made by {}.",
                    barista.unwrap_or("another barista")
                ),
            ),
            Self::NotTheirs => AppError::forbidden(
                "Only the barista making this order, or an admin, can release it.",
            ),
            Self::RecallExpired => AppError::new(
                409,
                "recall_expired",
                "This order has been ready too long to be recalled.",
            ),
            Self::PickedUp => {
                AppError::new(409, "picked_up", "This order has already been handed over.")
            }
            Self::Choice(err) => err,
        }
    }
}

/// Decides `step` on `order` (as read at `now`) for `actor`, whom the policy allowed to
/// ask for it.
pub fn decide(
    order: &OrderRow,
    actor: &User,
    step: Move<'_>,
    now: DateTime<Utc>,
    settings: &ShopSettings,
) -> Result<Decision, Refusal> {
    let kind = step.step(actor);
    let actor_id = actor.id;
    let Some(next) = kind.next(order.state) else {
        // A barista claiming what they already make gets it back; one who is too late
        // learns who was quicker.
        return match (kind, order.state) {
            (Step::Claim, OrderState::Making) if order.barista_id == Some(actor_id.0) => {
                Ok(Decision::Unchanged)
            }
            (Step::Claim, OrderState::Making) => Err(Refusal::ClaimedByOther {
                order: Order::from(order.clone()).label(),
                barista: order.barista_id,
            }),
            _ => Err(Refusal::InvalidState {
                state: order.state,
                step: kind,
            }),
        };
    };
    // Handed over, it is done with: not handed over twice, nor recalled.
    if order.picked_up_at.is_some() {
        return Err(Refusal::PickedUp);
    }
    if kind == Step::Release && order.barista_id != Some(actor_id.0) && actor.role != Role::Admin {
        return Err(Refusal::NotTheirs);
    }
    let retention = Duration::seconds(i64::from(settings.ready_retention_s));
    if kind == Step::Recall
        && order
            .ready_at
            .is_none_or(|ready_at| ready_at + retention <= now)
    {
        return Err(Refusal::RecallExpired);
    }
    let barista_timeout = Duration::seconds(i64::from(settings.barista_timeout_s));

    let mut row = OrderRow {
        state: next,
        updated_at: now,
        ..order.clone()
    };
    let mut drink_name = String::new();
    match step {
        Move::Choose {
            menu,
            drink,
            choices,
        } => {
            let drink = check_choice(menu, drink, choices).map_err(Refusal::Choice)?;
            drink_name.clone_from(&drink.name);
            row.drink = Some(drink.id.clone());
            row.choices = Some(choices.to_vec());
            row.queued_at = Some(now);
        }
        Move::Claim | Move::Recall => {
            row.barista_id = Some(actor_id.0);
            row.claimed_at = Some(now);
        }
        Move::Release => {
            row.barista_id = None;
            row.claimed_at = None;
        }
        Move::PickUp => row.picked_up_at = Some(now),
        // Made straight from the queue, it was taken on as it was made.
        Move::Complete => {
            row.barista_id = order.barista_id.or(Some(actor_id.0));
            row.claimed_at = order.claimed_at.or(Some(now));
        }
        Move::Cancel { reason } => {
            let reason = reason.map(str::trim).filter(|reason| !reason.is_empty());
            let (by, default) = match kind {
                Step::Cancel(Canceller::Customer) => {
                    (Canceller::Customer, "cancelled by the customer")
                }
                _ => (Canceller::Staff, "cancelled by the baristas"),
            };
            row.cancel_reason = Some(reason.unwrap_or(default).to_owned());
            row.cancelled_by = Some(by);
        }
    }
    // Handed over, it stays made when it was made.
    if kind != Step::PickUp {
        if next == OrderState::Ready {
            row.ready_at = Some(now);
        }
        row.ended_at = (!next.is_open()).then_some(now);
    }
    // The baristas' deadline starts when the order is queued, and again when it is
    // recalled; claiming and releasing keep it.
    row.deadline_at = match (kind, next) {
        (Step::ChooseDrink | Step::Recall, _) => Some(now + barista_timeout),
        (_, OrderState::Queued | OrderState::Making) => order.deadline_at,
        _ => None,
    };

    let order: Order = row.clone().into();
    let by = match kind {
        Step::Cancel(Canceller::Customer) | Step::ChooseDrink => Actor::customer_user(actor),
        _ => Actor::staff_user(actor),
    };
    let step_event = |order| OrderStep {
        actor: by.clone(),
        order,
    };
    let change = match kind {
        Step::ChooseDrink => Change::OrderQueued(OrderQueued {
            actor: by.clone(),
            order,
            drink_name,
        }),
        Step::Claim => Change::OrderClaimed(step_event(order)),
        Step::Release => Change::OrderReleased(step_event(order)),
        Step::Complete => Change::OrderReady(step_event(order)),
        Step::Recall => Change::OrderRecalled(step_event(order)),
        Step::PickUp => Change::OrderPickedUp(step_event(order)),
        Step::Cancel(canceller) => Change::OrderCancelled(OrderCancelled {
            actor: by.clone(),
            by: canceller,
            order,
        }),
        // Deadlines time orders out (`timeouts`); no caller's move is that step.
        Step::TimeOut => {
            return Err(Refusal::InvalidState {
                state: order.state,
                step: kind,
            });
        }
    };
    Ok(Decision::Changed(Box::new(Next {
        numbered: kind == Step::ChooseDrink,
        row,
        change,
    })))
}

#[cfg(test)]
#[path = "decide_tests/mod.rs"]
mod tests;
