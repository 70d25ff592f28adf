//! What the server measures as it works, for `/metrics`: every metric's name, kind and
//! labels are here, recorded through the `metrics` facade (the server installs the
//! Prometheus recorder; without one, recording does nothing).

use std::time::Duration;

use chrono::{DateTime, Utc};
use metrics::{counter, describe_counter, describe_gauge, describe_histogram, histogram};

use super::orders::OrderRow;
use crate::model::{Canceller, Order, OrderState, TimeoutCause};

pub const ORDERS: &str = "crema_orders_total";
pub const WAIT: &str = "crema_order_wait_seconds";
pub const CHOOSE: &str = "crema_order_choose_seconds";
pub const STEP: &str = "crema_step_seconds";
pub const SEQUENCER_LAG: &str = "crema_sequencer_lag_seconds";
pub const DEADLINE_LAG: &str = "crema_deadline_lag_seconds";
pub const ORDERS_OPEN: &str = "crema_orders_open";
pub const EVENTS: &str = "crema_events_total";
pub const STREAMS: &str = "crema_stream_clients";
pub const CONNECTIONS: &str = "crema_db_connections";

/// The histograms' buckets, in seconds: from a fast database round trip to a long wait.
pub const STEP_BUCKETS: &[f64] = &[0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5];
pub const WAIT_BUCKETS: &[f64] = &[15.0, 30.0, 60.0, 120.0, 180.0, 300.0, 600.0, 900.0, 1800.0];

/// Names every metric with its help text, for the exporter's `# HELP` lines.
pub fn describe() {
    describe_counter!(
        ORDERS,
        "Orders by shop and outcome: started, queued, ready, cancelled_by_customer, \
         cancelled_by_staff, customer_timeout, barista_timeout."
    );
    describe_histogram!(WAIT, metrics::Unit::Seconds, "Queued to ready, by shop.");
    describe_histogram!(
        CHOOSE,
        metrics::Unit::Seconds,
        "Started to queued, by shop."
    );
    describe_histogram!(
        STEP,
        metrics::Unit::Seconds,
        "How long a workflow step takes to answer, by step."
    );
    describe_histogram!(
        SEQUENCER_LAG,
        metrics::Unit::Seconds,
        "From a change's commit to its events being numbered in the log."
    );
    describe_histogram!(
        DEADLINE_LAG,
        metrics::Unit::Seconds,
        "From an order's deadline to its timeout being written."
    );
    describe_gauge!(
        ORDERS_OPEN,
        "Orders awaiting a drink, queued or being made."
    );
    describe_counter!(
        EVENTS,
        "Events in the log: every change of every order and shop."
    );
    describe_gauge!(STREAMS, "Live streams open on this instance.");
    describe_gauge!(
        CONNECTIONS,
        "This instance's database connections, idle and busy."
    );
}

/// An order was started at `shop`.
pub fn order_started(shop: &str) {
    outcome(shop, "started");
}

/// A step, committed, took the order from `before` to `after` at `now`. An order made
/// again after a recall counts once, as the report counts it.
pub fn order_stepped(before: &OrderRow, after: &Order, now: DateTime<Utc>) {
    let shop = after.shop.clone();
    let seconds = |since: DateTime<Utc>| (now - since).num_milliseconds() as f64 / 1000.0;
    match (before.state, after.state) {
        (OrderState::AwaitingDrink, OrderState::Queued) => {
            outcome(&shop, "queued");
            histogram!(CHOOSE, "shop" => shop).record(seconds(before.created_at));
        }
        (_, OrderState::Ready) if before.ready_at.is_none() => {
            outcome(&shop, "ready");
            if let Some(queued_at) = before.queued_at {
                histogram!(WAIT, "shop" => shop).record(seconds(queued_at));
            }
        }
        // Handed over: made before, and still.
        (OrderState::Ready, OrderState::Ready) => outcome(&shop, "picked_up"),
        (_, OrderState::Cancelled) => outcome(
            &shop,
            match after.cancelled_by {
                Some(Canceller::Customer) => "cancelled_by_customer",
                _ => "cancelled_by_staff",
            },
        ),
        _ => {}
    }
}

/// An order at `shop` timed out, `late` after its deadline.
pub fn order_timed_out(shop: &str, cause: TimeoutCause, late: Duration) {
    outcome(shop, cause.as_str());
    histogram!(DEADLINE_LAG).record(late.as_secs_f64());
}

fn outcome(shop: &str, outcome: &'static str) {
    counter!(ORDERS, "shop" => shop.to_owned(), "outcome" => outcome).increment(1);
}

/// A workflow step (`start`, `choose`, `claim`…) answered after `took`.
pub fn step_took(step: &'static str, took: Duration) {
    histogram!(STEP, "step" => step).record(took.as_secs_f64());
}

/// A change's events were numbered `took` after its commit.
pub fn sequenced_after(took: Duration) {
    histogram!(SEQUENCER_LAG).record(took.as_secs_f64());
}
