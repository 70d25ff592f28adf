//! The log's numbering: events get their `seq` in the order their transactions commit,
//! so a reader that follows `seq` never skips one that commits late.

use app::{
    model::{Actor, Change, ShopUpdated},
    ssr::events::{self, NewEvent},
};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

use super::{Reader, busy_booth};

/// A change of the demo shop's settings by `who`: its message names them.
fn shop_updated(who: &str) -> NewEvent {
    NewEvent::of_shop(
        "demo",
        Change::ShopUpdated(ShopUpdated {
            actor: Actor::staff(Some(who)),
            name: "Demo".to_owned(),
            settings: None,
            menu: None,
        }),
    )
}

fn message(who: &str) -> String {
    shop_updated(who).change.message(app::i18n::Lang::En)
}

async fn log_after(pool: &sqlx::PgPool, since: i64) -> Vec<(i64, String)> {
    events::after(pool, since, 1000)
        .await
        .expect("the log")
        .events
        .into_iter()
        .map(|stored| (stored.event.seq, stored.event.message))
        .collect()
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn an_event_that_commits_late_comes_after_what_committed_before_it(
    _: PgPoolOptions,
    db: PgConnectOptions,
) {
    let shop = busy_booth(db).await;
    let ada = shop.app.customer_token("ada@example.org").await;
    let mut stream =
        Reader::open(&shop.app, "/api/v1/shops/demo/stream", &shop.display, None).await;

    // A transaction appends first and commits last.
    let mut late = shop.app.pool.begin().await.expect("a transaction");
    events::append(&mut late, &[shop_updated("the late one")])
        .await
        .expect("appended");
    shop.serve(&ada).await;
    let before = log_after(&shop.app.pool, 0).await;
    // The shop's events and the customer's place in the line.
    assert_eq!(before.len(), super::LIFECYCLE.len() + 1, "{before:?}");
    let read_up_to = before.last().expect("events").0;

    shop.app.sequencer.commit(late).await.expect("committed");

    let after = log_after(&shop.app.pool, read_up_to).await;
    assert_eq!(
        after
            .iter()
            .map(|(_, message)| message.clone())
            .collect::<Vec<_>>(),
        [message("the late one")],
        "a reader that had read up to {read_up_to} finds it next"
    );
    // The screen's stream: all but the customer's place in the line, then the late one.
    let frames = stream.drain().await;
    assert_eq!(frames.len(), before.len());
    assert_eq!(frames.last().map(|frame| frame.id), Some(after[0].0));
    assert!(frames.windows(2).all(|pair| pair[0].id < pair[1].id));
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn events_an_instance_left_unnumbered_are_numbered_by_another(
    _: PgPoolOptions,
    db: PgConnectOptions,
) {
    let shop = busy_booth(db).await;
    let mut stream =
        Reader::open(&shop.app, "/api/v1/shops/demo/stream", &shop.display, None).await;

    // Committed without asking a sequencer, as by an instance that died right after.
    let mut orphaned = shop.app.pool.begin().await.expect("a transaction");
    events::append(
        &mut orphaned,
        &[shop_updated("first"), shop_updated("second")],
    )
    .await
    .expect("appended");
    orphaned.commit().await.expect("committed");

    // The running instance's sequencer sweeps the inbox every second.
    let frames = stream.drain().await;
    let messages: Vec<_> = frames
        .iter()
        .map(|frame| frame.data["message"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(messages, [message("first"), message("second")]);
    let left: i64 = sqlx::query_scalar("select count(*) from event_inbox")
        .fetch_one(&shop.app.pool)
        .await
        .expect("the inbox");
    assert_eq!(left, 0);
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn an_order_event_is_dated_when_the_order_changed(_: PgPoolOptions, db: PgConnectOptions) {
    let shop = busy_booth(db).await;
    let ada = shop.app.customer_token("ada@example.org").await;
    shop.serve(&ada).await;

    let log = events::after(&shop.app.pool, 0, 100)
        .await
        .expect("the log")
        .events;
    let order_events: Vec<_> = log
        .iter()
        .map(|stored| &stored.event)
        .filter(|event| event.change.order().is_some())
        .collect();
    assert_eq!(order_events.len(), super::LIFECYCLE.len() - 1);
    for event in order_events {
        let order = event
            .change
            .order()
            .expect("an order event carries its order");
        assert_eq!(
            order.updated_at,
            event.at,
            "{:?}: the event's time is the order's",
            event.kind()
        );
    }
}
