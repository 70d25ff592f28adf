use serde_json::json;

use super::*;
use crate::i18n::Lang;
use crate::model::{Canceller, ShopSettings, Stock, StockItem, TimeoutCause};

fn order(number: Option<i32>) -> Order {
    Order::sample(number)
}

fn counted(remaining: u32) -> StockItem {
    StockItem {
        available: true,
        remaining: Some(remaining),
    }
}

fn step(actor: Actor) -> OrderStep {
    OrderStep {
        actor,
        order: order(Some(7)),
    }
}

/// One change of every kind.
fn every_kind() -> Vec<Change> {
    let lena = || Actor::staff(Some("Lena"));
    let status = |open| ShopStatus {
        actor: lena(),
        shop_name: "Demo".to_owned(),
        open,
    };
    vec![
        Change::OrderCreated(OrderCreated {
            actor: Actor::customer(),
            order: order(None),
            shop_name: "Demo".to_owned(),
            choose_s: 300,
        }),
        Change::OrderQueued(OrderQueued {
            actor: Actor::customer(),
            order: order(Some(7)),
            drink_name: "Latte".to_owned(),
        }),
        Change::OrderClaimed(step(lena())),
        Change::OrderReleased(step(lena())),
        Change::OrderReady(step(lena())),
        Change::OrderRecalled(step(lena())),
        Change::OrderCancelled(OrderCancelled {
            actor: lena(),
            order: Order {
                cancel_reason: Some("out of oat milk".to_owned()),
                ..order(Some(7))
            },
            by: Canceller::Staff,
        }),
        Change::OrderTimedOut(OrderTimedOut {
            actor: Actor::system(),
            order: order(Some(7)),
            cause: TimeoutCause::BaristaTimeout,
        }),
        Change::OrderPickedUp(step(lena())),
        Change::OrderPosition(OrderPosition {
            actor: Actor::system(),
            order_id: OrderId(uuid::Uuid::from_u128(1)),
            queue_position: 3,
            eta_s: 200,
        }),
        Change::ShopOpened(status(true)),
        Change::ShopClosed(status(false)),
        Change::ShopUpdated(ShopUpdated {
            actor: lena(),
            name: "Demo".to_owned(),
            settings: Some(ShopSettings::default()),
            menu: None,
        }),
        Change::ShopArchived(ShopArchived {
            actor: lena(),
            shop_name: "Demo".to_owned(),
            archived: true,
        }),
        Change::QrRedeemed(QrRedeemed {
            actor: Actor::customer(),
            remaining: 9,
        }),
        Change::StockChanged(StockChanged {
            actor: lena(),
            stock: Stock {
                drinks: [("latte".to_owned(), counted(3))].into(),
                choices: [
                    ("oat".to_owned(), counted(0)),
                    (
                        "soy".to_owned(),
                        StockItem {
                            available: true,
                            remaining: None,
                        },
                    ),
                ]
                .into(),
            },
        }),
    ]
}

#[test]
fn the_kinds_are_the_contracts_types() {
    let names: Vec<_> = EventKind::ALL.iter().map(|kind| kind.as_str()).collect();

    assert_eq!(
        names,
        [
            "order.created",
            "order.queued",
            "order.claimed",
            "order.released",
            "order.ready",
            "order.recalled",
            "order.cancelled",
            "order.timed_out",
            "order.picked_up",
            "order.position",
            "shop.opened",
            "shop.closed",
            "shop.updated",
            "shop.archived",
            "qr.redeemed",
            "stock.changed",
        ]
    );
    for kind in EventKind::ALL {
        assert_eq!(
            serde_json::to_value(kind).expect("serializes"),
            kind.as_str()
        );
    }
}

#[test]
fn every_kind_goes_over_the_wire_and_back() {
    let changes = every_kind();
    assert_eq!(changes.len(), EventKind::ALL.len(), "one of each kind");
    for change in changes {
        let event = Event {
            seq: 3,
            shop: "demo".to_owned(),
            order_id: change.order().map(|order| order.id),
            at: "2026-12-01T09:01:00.000Z".to_owned(),
            message: change.message(Lang::En),
            change,
        };

        let wire = serde_json::to_value(&event).expect("serializes");

        assert_eq!(wire["type"], event.kind().as_str());
        assert!(wire["data"]["actor"]["kind"].is_string(), "{wire}");
        assert_eq!(
            serde_json::from_str::<Event>(&wire.to_string()).expect("parses"),
            event
        );
    }
}

#[test]
fn a_message_is_made_of_the_events_own_values() {
    let messages: Vec<_> = every_kind()
        .iter()
        .map(|change| change.message(Lang::En))
        .collect();

    assert_eq!(
        messages,
        [
            "The order was started at Demo; the customer has 5 minutes to choose a drink.",
            "Latte ordered: number 7 is in the queue.",
            "Lena started making #7.",
            "Lena put #7 back in the queue.",
            "#7 is ready: pick it up at the counter.",
            "Lena took #7 back to finish it.",
            "The baristas cancelled #7: out of oat milk.",
            "Sorry: the baristas could not make #7 in time, so it was closed.",
            "Lena handed #7 over. Enjoy!",
            "2 ahead of you: about 4 min.",
            "Lena opened Demo: orders are welcome.",
            "Lena closed Demo: no new orders for now.",
            "Lena changed the settings of Demo.",
            "Lena archived Demo: its event has ended.",
            "Someone scanned the booth's code: 9 drinks left on it.",
            "Stock: latte 3 left, oat sold out, soy available.",
        ]
    );
}

#[test]
fn every_event_has_a_sentence_in_every_language() {
    for &lang in Lang::ALL {
        for change in every_kind() {
            let message = change.message(lang);
            assert!(!message.is_empty(), "{lang:?}: {:?}", change.kind());
            if lang != Lang::En {
                assert_ne!(message, change.message(Lang::En), "{lang:?}");
            }
        }
    }
    assert_eq!(
        every_kind()[2].message(Lang::De),
        "Lena bereitet #7 zu.",
        "made of the event's own values"
    );
}

#[test]
fn events_written_before_actors_still_read() {
    let wire = json!({
        "seq": 1, "type": "shop.opened", "shop": "demo", "at": "2026-11-27T09:00:00.000Z",
        "data": { "open": true }, "message": "barista opened Demo: orders are welcome."
    });

    let event: Event = serde_json::from_str(&wire.to_string()).expect("parses");

    assert_eq!(event.kind(), EventKind::ShopOpened);
    assert_eq!(event.message, "barista opened Demo: orders are welcome.");
}

#[test]
fn an_unknown_type_or_a_payload_of_the_wrong_shape_is_refused() {
    let event = |kind: &str, data| {
        let wire = json!({
            "seq": 1, "type": kind, "shop": "demo", "at": "2026-11-27T09:00:00.000Z",
            "data": data, "message": "."
        });
        serde_json::from_str::<Event>(&wire.to_string())
    };

    assert!(event("order.brewed", json!({})).is_err());
    assert!(event("order.claimed", json!({ "open": true })).is_err());
}
