use chrono::{DateTime, Duration, TimeZone, Utc};
use uuid::Uuid;

mod changes;

use super::*;
use crate::{
    model::{EventKind, UserId},
    ssr::seed::demo_menu,
};

const CUSTOMER: u128 = 1;
const LENA: u128 = 10;
const OMAR: u128 = 11;
const BOSS: u128 = 12;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, 9, 30, 0)
        .single()
        .expect("a time")
}

fn user(role: Role, id: u128, name: &str) -> User {
    User {
        id: UserId(Uuid::from_u128(id)),
        role,
        email: None,
        username: Some(name.to_lowercase()),
        display_name: Some(name.to_owned()),
        shops: Vec::new(),
        device: false,
        robot: false,
    }
}

fn customer() -> User {
    user(Role::Customer, CUSTOMER, "ada")
}
fn lena() -> User {
    user(Role::Barista, LENA, "Lena")
}
fn omar() -> User {
    user(Role::Barista, OMAR, "Omar")
}
fn boss() -> User {
    user(Role::Admin, BOSS, "Boss")
}

/// An order in `state`, queued 10 minutes ago, made by `barista`, ready 5 minutes ago
/// when it is ready.
fn order(state: OrderState, barista: Option<u128>) -> OrderRow {
    let queued = state != OrderState::AwaitingDrink;
    OrderRow {
        id: Uuid::from_u128(100),
        shop: "demo".to_owned(),
        number: queued.then_some(7),
        state,
        drink: queued.then(|| "latte".to_owned()),
        choices: queued.then(|| vec!["oat".to_owned()]),
        customer_id: Uuid::from_u128(CUSTOMER),
        barista_id: barista.map(Uuid::from_u128),
        created_at: now() - Duration::minutes(11),
        updated_at: now() - Duration::minutes(5),
        deadline_at: matches!(state, OrderState::Queued | OrderState::Making)
            .then(|| now() - Duration::minutes(10) + Duration::seconds(900)),
        cancel_reason: None,
        cancelled_by: None,
        robot: false,
        queued_at: queued.then(|| now() - Duration::minutes(10)),
        ready_at: (state == OrderState::Ready).then(|| now() - Duration::minutes(5)),
        claimed_at: barista.map(|_| now() - Duration::minutes(8)),
        ended_at: (state == OrderState::Ready).then(|| now() - Duration::minutes(5)),
        picked_up_at: None,
        customer_name: None,
    }
}

/// What a decision comes to: the state it leads to, no change, or a refusal's code.
#[derive(Debug, PartialEq)]
enum Outcome {
    To(OrderState),
    Same,
    Refused(String),
}

fn no(code: &str) -> Outcome {
    Outcome::Refused(code.to_owned())
}

fn outcome(result: Result<Decision, Refusal>) -> Outcome {
    match result {
        Ok(Decision::Changed(next)) => Outcome::To(next.row.state),
        Ok(Decision::Unchanged) => Outcome::Same,
        Err(refusal) => Outcome::Refused(refusal.error(None).code),
    }
}

#[test]
fn each_step_from_each_state_as_each_actor() {
    use OrderState::*;
    use Outcome::{Same, To};
    let menu = demo_menu();
    let choices = ["oat".to_owned()];
    let latte = Move::Choose {
        menu: &menu,
        drink: "latte",
        choices: &choices,
    };
    let mocha = Move::Choose {
        menu: &menu,
        drink: "mocha",
        choices: &[],
    };
    let cancel = Move::Cancel { reason: None };
    let mut settings = ShopSettings::default();
    let (ada, lena, omar, boss) = (customer(), lena(), omar(), boss());
    let table: Vec<(OrderState, Option<u128>, &User, Move, Outcome)> = vec![
        (AwaitingDrink, None, &ada, latte, To(Queued)),
        (AwaitingDrink, None, &ada, mocha, no("unknown_drink")),
        (Queued, None, &ada, latte, no("invalid_state")),
        (AwaitingDrink, None, &lena, Move::Claim, no("invalid_state")),
        (Queued, None, &lena, Move::Claim, To(Making)),
        (Making, Some(LENA), &lena, Move::Claim, Same),
        (
            Making,
            Some(OMAR),
            &lena,
            Move::Claim,
            no("claimed_by_other"),
        ),
        (Making, Some(LENA), &lena, Move::Release, To(Queued)),
        (Making, Some(LENA), &omar, Move::Release, no("forbidden")),
        (Making, Some(LENA), &boss, Move::Release, To(Queued)),
        (Queued, None, &lena, Move::Release, no("invalid_state")),
        (Queued, None, &lena, Move::Complete, To(Ready)),
        (Making, Some(OMAR), &lena, Move::Complete, To(Ready)),
        (
            Ready,
            Some(LENA),
            &lena,
            Move::Complete,
            no("invalid_state"),
        ),
        (Ready, Some(LENA), &omar, Move::Recall, To(Making)),
        (Making, Some(LENA), &lena, Move::Recall, no("invalid_state")),
        (Ready, Some(LENA), &omar, Move::PickUp, To(Ready)),
        (Making, Some(LENA), &lena, Move::PickUp, no("invalid_state")),
        (AwaitingDrink, None, &ada, cancel, To(Cancelled)),
        (Queued, None, &ada, cancel, To(Cancelled)),
        (Making, Some(LENA), &ada, cancel, no("invalid_state")),
        (Making, Some(LENA), &lena, cancel, To(Cancelled)),
        (Ready, Some(LENA), &lena, cancel, no("invalid_state")),
        (Cancelled, None, &lena, Move::Claim, no("invalid_state")),
        (TimedOut, None, &boss, cancel, no("invalid_state")),
    ];
    for (state, barista, actor, step, expected) in table {
        let got = outcome(decide(
            &order(state, barista),
            &actor,
            step,
            now(),
            &settings,
        ));
        assert_eq!(
            got, expected,
            "{step:?} by {:?} from {state:?}",
            actor.username
        );
    }

    settings.ready_retention_s = 300;
    assert_eq!(
        outcome(decide(
            &order(Ready, Some(LENA)),
            &lena,
            Move::Recall,
            now(),
            &settings
        )),
        no("recall_expired"),
        "ready exactly as long as the retention"
    );
}
