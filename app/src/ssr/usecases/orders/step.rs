//! Taking a step on an order: read it, ask the policy, decide, and write the decision
//! with its event if the order is still the version read.

use sqlx::{Connection, PgConnection};

use super::signed_in;
use crate::{
    error::AppError,
    model::{
        Actor, Canceller, Change, ChooseDrink, Order, OrderAction, OrderId, OrderState, Role, Step,
        StockChanged, User, UserId,
    },
    ssr::{
        auth::{Action, Caller, authorize_at},
        events::{self, NewEvent},
        orders::{
            self, ATTEMPTS, Current, busy,
            decide::{Decision, Move, Refusal, decide},
            write,
        },
        stock, users,
    },
};

/// A step's input, before the order it is decided on is read.
#[derive(Clone, Copy)]
pub(super) enum StepInput<'a> {
    Choose(&'a ChooseDrink),
    /// A barista's step, or a cancel with its reason.
    Act(OrderAction, Option<&'a str>),
}

impl<'a> StepInput<'a> {
    fn on(self, current: &'a Current) -> Move<'a> {
        match self {
            Self::Choose(input) => Move::Choose {
                menu: current.menu.as_deref().unwrap_or_default(),
                drink: &input.drink,
                choices: &input.choices,
            },
            Self::Act(OrderAction::Claim, _) => Move::Claim,
            Self::Act(OrderAction::Release, _) => Move::Release,
            Self::Act(OrderAction::Complete, _) => Move::Complete,
            Self::Act(OrderAction::Recall, _) => Move::Recall,
            Self::Act(OrderAction::Pickup, _) => Move::PickUp,
            Self::Act(OrderAction::Cancel, reason) => Move::Cancel { reason },
        }
    }
}

/// Reads the order, asks the policy, decides, and writes the change with its event only
/// if the order is still the version read; when another request changed it meanwhile,
/// the step is decided again on what it became (a second barista's claim then learns who
/// was quicker). The stock follows in the same transaction (see [`follow_stock`]). With
/// the order, the order as read before the change, when it changed.
pub(super) async fn take(
    conn: &mut PgConnection,
    caller: &Caller,
    id: OrderId,
    input: StepInput<'_>,
) -> Result<(Order, Option<Current>), AppError> {
    let user = signed_in(caller)?;
    let with_menu = matches!(input, StepInput::Choose(_));
    for _ in 0..ATTEMPTS {
        let current = orders::read(&mut *conn, id, with_menu).await?;
        let step = input.on(&current);
        let owner = UserId(current.row.customer_id);
        authorize_at(
            caller,
            policy_action(step.step(user), owner),
            &current.row.shop,
        )?;
        match decide(&current.row, user, step, current.now, &current.settings) {
            Ok(Decision::Unchanged) => return Ok((current.row.into(), None)),
            Ok(Decision::Changed(next)) => {
                let timezone = &current.settings.timezone;
                let mut step = conn.begin().await?;
                if let Some(order) =
                    write::apply(&mut step, current.version, *next, timezone).await?
                {
                    return match follow_stock(&mut step, &current, &order, user).await {
                        Ok(()) => {
                            step.commit().await?;
                            Ok((order, Some(current)))
                        }
                        Err(refusal) => {
                            step.rollback().await?;
                            Err(refusal)
                        }
                    };
                }
                step.rollback().await?;
            }
            Err(refusal) => return Err(explain(conn, refusal).await?),
        }
    }
    Err(busy())
}

/// What a step written on the order (`current` before) does to the stock: a drink chosen
/// takes its portions, or is refused `sold_out` (and the step is undone); a drink started
/// used them; an order ended before that gives them back. Changed counts are a
/// `stock.changed` event.
async fn follow_stock(
    tx: &mut PgConnection,
    current: &Current,
    order: &Order,
    user: &User,
) -> Result<(), AppError> {
    let changed =
        if current.row.state == OrderState::AwaitingDrink && order.state == OrderState::Queued {
            let menu = current.menu.as_deref().unwrap_or_default();
            let drink = menu
                .iter()
                .find(|drink| order.drink.as_ref() == Some(&drink.id))
                .ok_or_else(AppError::internal)?;
            stock::take(tx, order, drink).await?
        } else {
            stock::after_step(tx, order).await?
        };
    if changed.is_empty() {
        return Ok(());
    }
    let actor = match user.role {
        Role::Customer => Actor::customer_user(user),
        _ => Actor::staff_user(user),
    };
    let change = Change::StockChanged(StockChanged {
        actor,
        stock: changed,
    });
    events::append(tx, &[NewEvent::of_shop(&order.shop, change)]).await
}

/// What the policy is asked for a step: a customer's choice or cancel is a change to
/// their own order; every other step is the counter's.
fn policy_action(step: Step, owner: UserId) -> Action {
    match step {
        Step::ChooseDrink | Step::Cancel(Canceller::Customer) => {
            Action::ChangeOwnOrder { customer_id: owner }
        }
        _ => Action::WorkCounter,
    }
}

/// The refusal as a person reads it; a barista who was too late learns who was quicker
/// (read on the step's connection: a second one could wait forever on a full pool).
async fn explain(conn: &mut PgConnection, refusal: Refusal) -> Result<AppError, AppError> {
    let name = match &refusal {
        Refusal::ClaimedByOther {
            barista: Some(barista),
            ..
        } => users::name(conn, UserId(*barista)).await?,
        _ => None,
    };
    Ok(refusal.error(name.as_deref()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_customers_choice_or_cancel_is_a_change_to_their_own_order() {
        let owner = UserId(uuid::Uuid::from_u128(1));
        let own = Action::ChangeOwnOrder { customer_id: owner };

        assert_eq!(policy_action(Step::ChooseDrink, owner), own);
        assert_eq!(policy_action(Step::Cancel(Canceller::Customer), owner), own);
        for step in [
            Step::Claim,
            Step::Release,
            Step::Complete,
            Step::Recall,
            Step::PickUp,
            Step::Cancel(Canceller::Staff),
        ] {
            assert_eq!(policy_action(step, owner), Action::WorkCounter, "{step:?}");
        }
    }
}
