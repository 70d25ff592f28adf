//! The baristas' steps (claim, release, complete, recall) and cancelling.

use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use super::{ATTEMPTS, Current, OrderRow, busy, invalid_state, read, snapshot};
use crate::{
    error::AppError,
    model::{Canceller, Order, OrderState, Role, Step},
    ssr::{
        auth::{Action, Caller, authorize},
        sequencer::Sequencer,
        users::user_id,
    },
};

/// Takes `step` (anything but choosing a drink, or timing out) on the order, as `caller`.
///
/// The step reads the order, decides, then writes the change and appends its event in
/// one statement that applies only if the order's version is still the one read; if
/// another request changed the order meanwhile, the step is decided again on what it
/// became (a second barista's claim then learns who was quicker).
pub async fn take(
    pool: &PgPool,
    sequencer: &Sequencer,
    caller: &Caller,
    id: Uuid,
    step: Step,
    reason: Option<&str>,
) -> Result<Order, AppError> {
    // One connection for reading and writing: sqlx pings each as it goes back to the pool.
    let mut conn = pool.acquire().await?;
    for _ in 0..ATTEMPTS {
        let current = read(&mut *conn, id, false).await?;
        let Some((order, event)) = decide(&mut conn, caller, &current, step, reason).await? else {
            // Nothing changes: the barista already makes it.
            return Ok(current.row.into());
        };
        let written = sqlx::query_scalar!(
            r#"with changed as (
                   update orders
                   set state = $3, barista_id = $4, cancel_reason = $5, updated_at = $6,
                       ready_at = case when $3 = 'ready'::order_state then $6 else ready_at end,
                       deadline_at = $7, version = version + 1
                   where id = $1 and version = $2
                   returning id
               ),
               logged as (
                   insert into event_inbox (type, shop, order_id, customer_id, at, data, message)
                   select $8, $9, $1, $10, $6, $11, $12 from changed
               )
               select exists (select from changed) as "written!""#,
            id,
            current.version,
            order.state as OrderState,
            order.barista_id,
            order.cancel_reason,
            order.updated_at,
            order.deadline_at,
            event.kind,
            order.shop,
            order.customer_id,
            event.data,
            event.message,
        )
        .fetch_one(&mut *conn)
        .await?;
        if written {
            // Back to the pool first: the sequencer may need it.
            drop(conn);
            sequencer.sequenced().await;
            return Ok(order.into());
        }
    }
    Err(busy())
}

/// A step's event; the order as it becomes goes with it.
struct Change {
    kind: &'static str,
    data: serde_json::Value,
    message: String,
}

/// Decides the step on the order as read: refuses it, or gives the order as it becomes
/// and the event; `None` when nothing changes.
async fn decide(
    conn: &mut PgConnection,
    caller: &Caller,
    current: &Current,
    step: Step,
    reason: Option<&str>,
) -> Result<Option<(OrderRow, Change)>, AppError> {
    let Current {
        row,
        settings,
        now,
        queued_at,
        ready_at,
        ..
    } = current;
    let now = *now;
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
                return Ok(None);
            }
            return Err(AppError::new(
                409,
                "claimed_by_other",
                format!(
                    "{} is already being made by {}.",
                    number,
                    barista_name(conn, row.barista_id).await?
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
    let retention = chrono::Duration::seconds(i64::from(settings.ready_retention_s));
    if step == Step::Recall && ready_at.is_none_or(|ready_at| ready_at + retention <= now) {
        return Err(AppError::new(
            409,
            "recall_expired",
            "This order has been ready too long to be recalled.",
        ));
    }

    let reason = reason.map(str::trim).filter(|reason| !reason.is_empty());
    let cancel_reason = match step {
        Step::Cancel(Canceller::Customer) => {
            Some(reason.unwrap_or("cancelled by the customer").to_owned())
        }
        Step::Cancel(Canceller::Staff) => {
            Some(reason.unwrap_or("cancelled by the baristas").to_owned())
        }
        _ => row.cancel_reason.clone(),
    };
    let barista_id = match step {
        Step::Claim => Some(actor_id),
        Step::Release => None,
        Step::Complete => row.barista_id.or(Some(actor_id)),
        Step::Recall => Some(actor_id),
        _ => row.barista_id,
    };
    // The barista's deadline runs from when the order was queued.
    let deadline_at = match next {
        OrderState::Queued | OrderState::Making => queued_at.map(|queued_at| {
            queued_at + chrono::Duration::seconds(i64::from(settings.barista_timeout_s))
        }),
        _ => None,
    };

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
    let changed = OrderRow {
        state: next,
        barista_id,
        cancel_reason,
        updated_at: now,
        deadline_at,
        ..row.clone()
    };
    let data = snapshot(&changed.clone().into());
    Ok(Some((
        changed,
        Change {
            kind,
            data,
            message,
        },
    )))
}

/// On the step's connection: a second one could wait forever on a full pool.
async fn barista_name(conn: &mut PgConnection, id: Option<Uuid>) -> Result<String, AppError> {
    let name = sqlx::query_scalar!(
        "select coalesce(display_name, username) from users where id = $1",
        id
    )
    .fetch_optional(conn)
    .await?
    .flatten();
    Ok(name.unwrap_or_else(|| "another barista".to_owned()))
}
