//! What a decision writes: the fields a step sets beside the state.

use super::*;

fn changed(result: Result<Decision, Refusal>) -> (OrderRow, Change, bool) {
    match result {
        Ok(Decision::Changed(next)) => (next.row, next.change, next.numbered),
        other => panic!("a change, not {other:?}"),
    }
}

#[test]
fn choosing_queues_the_order_for_a_number_with_the_baristas_deadline() {
    let menu = demo_menu();
    let choices = ["oat".to_owned(), "vanilla".to_owned()];
    let settings = ShopSettings::default();
    let step = Move::Choose {
        menu: &menu,
        drink: "latte",
        choices: &choices,
    };

    let (row, change, numbered) = changed(decide(
        &order(OrderState::AwaitingDrink, None),
        &customer(),
        step,
        now(),
        &settings,
    ));

    assert!(numbered);
    assert_eq!(row.drink.as_deref(), Some("latte"));
    assert_eq!(row.choices.as_deref(), Some(&choices[..]));
    assert_eq!(row.queued_at, Some(now()));
    assert_eq!(row.deadline_at, Some(now() + Duration::seconds(900)));
    assert_eq!(change.kind(), EventKind::OrderQueued);
    let Change::OrderQueued(queued) = change else {
        unreachable!()
    };
    assert_eq!(
        (queued.drink_name.as_str(), queued.actor),
        ("Latte", Actor::customer())
    );
}

#[test]
fn baristas_steps_set_who_makes_it_and_the_deadline() {
    let settings = ShopSettings::default();
    let queued_at = now() - Duration::minutes(10);

    let (claimed, change, numbered) = changed(decide(
        &order(OrderState::Queued, None),
        &lena(),
        Move::Claim,
        now(),
        &settings,
    ));
    assert!(!numbered);
    assert_eq!(claimed.barista_id, Some(Uuid::from_u128(LENA)));
    assert_eq!(
        claimed.deadline_at,
        Some(queued_at + Duration::seconds(900))
    );
    assert_eq!(
        change.message(crate::i18n::Lang::En),
        "Lena started making #7."
    );

    let (released, ..) = changed(decide(
        &order(OrderState::Making, Some(LENA)),
        &boss(),
        Move::Release,
        now(),
        &settings,
    ));
    assert_eq!(released.barista_id, None);

    let (ready, change, _) = changed(decide(
        &order(OrderState::Making, Some(OMAR)),
        &lena(),
        Move::Complete,
        now(),
        &settings,
    ));
    assert_eq!(
        (ready.barista_id, ready.ready_at, ready.deadline_at),
        (Some(Uuid::from_u128(OMAR)), Some(now()), None)
    );
    assert_eq!(change.kind(), EventKind::OrderReady);
}

#[test]
fn a_recall_gives_the_baristas_a_fresh_deadline_which_a_release_keeps() {
    let settings = ShopSettings::default();
    let fresh = Some(now() + Duration::seconds(900));

    let (recalled, ..) = changed(decide(
        &order(OrderState::Ready, Some(LENA)),
        &lena(),
        Move::Recall,
        now(),
        &settings,
    ));
    assert_eq!(
        (recalled.state, recalled.deadline_at),
        (OrderState::Making, fresh)
    );

    let later = now() + Duration::minutes(1);
    let (released, ..) = changed(decide(&recalled, &lena(), Move::Release, later, &settings));
    assert_eq!(
        (released.state, released.deadline_at),
        (OrderState::Queued, fresh)
    );
}

#[test]
fn a_cancel_keeps_who_cancelled_apart_from_their_words() {
    let settings = ShopSettings::default();
    let with = |actor: &User, reason| {
        changed(decide(
            &order(OrderState::Queued, None),
            actor,
            Move::Cancel { reason },
            now(),
            &settings,
        ))
    };

    let (by_customer, change, _) = with(&customer(), None);
    assert_eq!(
        (
            by_customer.cancelled_by,
            by_customer.cancel_reason.as_deref()
        ),
        (Some(Canceller::Customer), Some("cancelled by the customer"))
    );
    assert_eq!(
        change.message(crate::i18n::Lang::En),
        "The customer cancelled #7."
    );

    let (by_staff, change, _) = with(&lena(), Some("  out of oat milk "));
    assert_eq!(
        (by_staff.cancelled_by, by_staff.cancel_reason.as_deref()),
        (Some(Canceller::Staff), Some("out of oat milk"))
    );
    assert_eq!(
        change.message(crate::i18n::Lang::En),
        "The baristas cancelled #7: out of oat milk."
    );
    assert_eq!(by_staff.deadline_at, None);
}

#[test]
fn steps_note_when_the_order_was_taken_on_and_when_it_ended() {
    let settings = ShopSettings::default();
    let decided = |state, barista, actor: &User, step| {
        changed(decide(
            &order(state, barista),
            actor,
            step,
            now(),
            &settings,
        ))
        .0
    };

    let claimed = decided(OrderState::Queued, None, &lena(), Move::Claim);
    assert_eq!((claimed.claimed_at, claimed.ended_at), (Some(now()), None));
    let released = decided(OrderState::Making, Some(LENA), &lena(), Move::Release);
    assert_eq!(released.claimed_at, None);
    // Made straight from the queue: taken on as it was made.
    let made = decided(OrderState::Queued, None, &omar(), Move::Complete);
    assert_eq!((made.claimed_at, made.ended_at), (Some(now()), Some(now())));
    // Made after a claim: the claim's time stays.
    let made = decided(OrderState::Making, Some(LENA), &lena(), Move::Complete);
    assert_eq!(made.claimed_at, Some(now() - Duration::minutes(8)));
    assert_eq!(made.ended_at, Some(now()));
    // Recalled, it is no longer ended.
    let recalled = decided(OrderState::Ready, Some(LENA), &lena(), Move::Recall);
    assert_eq!(
        (recalled.claimed_at, recalled.ended_at),
        (Some(now()), None)
    );
    let cancelled = decided(
        OrderState::Queued,
        None,
        &boss(),
        Move::Cancel { reason: None },
    );
    assert_eq!(cancelled.ended_at, Some(now()));
}

#[test]
fn handed_over_it_stays_made_and_is_done_with() {
    let settings = ShopSettings::default();
    let ready = order(OrderState::Ready, Some(LENA));
    let (row, change, numbered) = changed(decide(&ready, &omar(), Move::PickUp, now(), &settings));
    assert_eq!(row.state, OrderState::Ready);
    assert_eq!(row.picked_up_at, Some(now()));
    assert_eq!(
        (row.ready_at, row.ended_at),
        (ready.ready_at, ready.ended_at)
    );
    assert_eq!((row.barista_id, row.deadline_at), (ready.barista_id, None));
    assert!(!numbered);
    assert_eq!(
        change.message(crate::i18n::Lang::En),
        "Omar handed #7 over. Enjoy!"
    );

    // Once handed over, neither handed over again nor recalled.
    for step in [Move::PickUp, Move::Recall] {
        let refusal = decide(&row, &lena(), step, now(), &settings).expect_err("refused");
        assert_eq!(refusal.error(None).code, "picked_up", "{step:?}");
    }
}
