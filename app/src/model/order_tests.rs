use super::{Canceller::*, OrderState::*, *};

/// Every step from every state: where it leads, `None` where it is refused.
#[test]
fn the_transition_table() {
    let table: [(Step, [Option<OrderState>; 6]); 9] = [
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
        (Step::PickUp, [None, None, None, Some(Ready), None, None]),
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
            Step::PickUp,
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

#[test]
fn open_states_are_those_a_deadline_times_out() {
    for state in OrderState::ALL {
        assert_eq!(
            state.is_open(),
            Step::TimeOut.next(state).is_some(),
            "{state:?}"
        );
    }
}

#[test]
fn timeout_causes_round_trip() {
    for cause in [TimeoutCause::CustomerTimeout, TimeoutCause::BaristaTimeout] {
        assert_eq!(TimeoutCause::parse(cause.as_str()), Some(cause));
        assert_eq!(
            serde_json::to_value(cause).expect("serializes"),
            cause.as_str()
        );
    }
    assert_eq!(
        TimeoutCause::of(AwaitingDrink),
        TimeoutCause::CustomerTimeout
    );
    assert_eq!(TimeoutCause::of(Making), TimeoutCause::BaristaTimeout);
}
