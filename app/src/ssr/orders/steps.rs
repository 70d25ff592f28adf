//! The baristas' steps (claim, release, complete, recall) and cancelling.

use serde_json::json;
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use super::{OrderRow, invalid_state, lock};
use crate::{
    error::AppError,
    model::{Canceller, Order, OrderState, Role, Step},
    ssr::{
        auth::{Action, Caller, authorize},
        events::{self, NewEvent},
        sequencer::Sequencer,
        users::user_id,
    },
};

/// Takes `step` (anything but choosing a drink, or timing out) on the order, as `caller`.
pub async fn take(
    pool: &PgPool,
    sequencer: &Sequencer,
    caller: &Caller,
    id: Uuid,
    step: Step,
    reason: Option<&str>,
) -> Result<Order, AppError> {
    let mut tx = pool.begin().await?;
    let (row, settings, _) = lock(&mut tx, id, false).await?;
    let owner = row.customer_id.to_string();
    let step = match step {
        Step::Cancel(_)
            if caller
                .user
                .as_ref()
                .is_some_and(|user| user.role == Role::Customer) =>
        {
            Step::Cancel(Canceller::Customer)
        }
        Step::Cancel(_) => Step::Cancel(Canceller::Staff),
        step => step,
    };
    let actor = match step {
        Step::Cancel(Canceller::Customer) => authorize(
            caller,
            Action::ChangeOwnOrder {
                customer_id: &owner,
            },
        )?,
        _ => authorize(caller, Action::WorkCounter)?,
    };
    let actor_id = user_id(actor)?;
    let number = row
        .number
        .map_or_else(|| "The order".to_owned(), |n| format!("#{n}"));

    let Some(next) = step.next(row.state) else {
        // A barista claiming what they already make gets it back; one who is too late
        // learns who was quicker.
        if step == Step::Claim && row.state == OrderState::Making {
            if row.barista_id == Some(actor_id) {
                return Ok(row.into());
            }
            return Err(AppError::new(
                409,
                "claimed_by_other",
                format!(
                    "{} is already being made by {}.",
                    number,
                    barista_name(&mut tx, row.barista_id).await?
                ),
            ));
        }
        return Err(invalid_state(row.state, step.done()));
    };
    if step == Step::Release && row.barista_id != Some(actor_id) && actor.role != Role::Admin {
        return Err(AppError::forbidden(
            "Only the barista making this order, or an admin, can release it.",
        ));
    }
    if step == Step::Recall {
        let recallable = sqlx::query_scalar!(
            r#"select ready_at + make_interval(secs => $2::int) > now() as "recallable!"
               from orders where id = $1"#,
            id,
            settings.ready_retention_s as i32,
        )
        .fetch_one(&mut *tx)
        .await?;
        if !recallable {
            return Err(AppError::new(
                409,
                "recall_expired",
                "This order has been ready too long to be recalled.",
            ));
        }
    }

    let reason = reason.map(str::trim).filter(|reason| !reason.is_empty());
    let cancel_reason = match step {
        Step::Cancel(Canceller::Customer) => {
            Some(reason.unwrap_or("cancelled by the customer").to_owned())
        }
        Step::Cancel(Canceller::Staff) => {
            Some(reason.unwrap_or("cancelled by the baristas").to_owned())
        }
        _ => None,
    };
    let barista = match step {
        Step::Claim => Some(actor_id),
        Step::Release => None,
        Step::Complete => row.barista_id.or(Some(actor_id)),
        Step::Recall => Some(actor_id),
        _ => row.barista_id,
    };
    let order: Order = sqlx::query_as!(
        OrderRow,
        r#"update orders
           set state = $2, barista_id = $3, cancel_reason = coalesce($4, cancel_reason),
               updated_at = now(),
               ready_at = case when $2 = 'ready'::order_state then now() else ready_at end,
               deadline_at = case
                   when $2 in ('queued'::order_state, 'making'::order_state)
                       then queued_at + make_interval(secs => $5::int)
                   else null end
           where id = $1
           returning id, shop, number, state as "state: OrderState", drink, choices, customer_id,
                     barista_id, created_at, updated_at, deadline_at, cancel_reason"#,
        id,
        next as OrderState,
        barista,
        cancel_reason,
        settings.barista_timeout_s as i32,
    )
    .fetch_one(&mut *tx)
    .await?
    .into();

    let who = actor.label().to_owned();
    let (kind, message) = match step {
        Step::Claim => ("order.claimed", format!("{who} started making {number}.")),
        Step::Release => (
            "order.released",
            format!("{who} put {number} back in the queue."),
        ),
        Step::Complete => (
            "order.ready",
            format!("{number} is ready: pick it up at the counter."),
        ),
        Step::Recall => (
            "order.recalled",
            format!("{who} took {number} back to finish it."),
        ),
        Step::Cancel(Canceller::Customer) => (
            "order.cancelled",
            format!("The customer cancelled {number}."),
        ),
        Step::Cancel(Canceller::Staff) => (
            "order.cancelled",
            format!(
                "The baristas cancelled {number}: {}.",
                cancel_reason.as_deref().unwrap_or_default()
            ),
        ),
        Step::ChooseDrink | Step::TimeOut => return Err(AppError::internal()),
    };
    events::append(
        &mut tx,
        [NewEvent {
            kind,
            shop: &row.shop,
            order_id: Some(id),
            customer_id: Some(row.customer_id),
            data: json!({ "order": order }),
            message,
        }],
    )
    .await?;
    sequencer.commit(tx).await?;
    Ok(order)
}

/// Inside the transaction: a second connection could wait forever on a full pool.
async fn barista_name(tx: &mut PgConnection, id: Option<Uuid>) -> Result<String, AppError> {
    let name = sqlx::query_scalar!(
        "select coalesce(display_name, username) from users where id = $1",
        id
    )
    .fetch_optional(&mut *tx)
    .await?
    .flatten();
    Ok(name.unwrap_or_else(|| "another barista".to_owned()))
}
