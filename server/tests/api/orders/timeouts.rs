//! Deadlines: durable, and fired exactly once.

use app::model::EventKind;
use serde_json::json;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

use super::Booth;
use crate::helpers::error_code;

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn an_order_without_a_drink_times_out(_: PgPoolOptions, db: PgConnectOptions) {
    let booth = Booth::new(db, json!({ "customer_timeout_s": 1 })).await;
    let ada = booth.app.customer_token("ada@example.org").await;
    let id = booth.started(&ada).await;

    let order = booth.app.wait_for_state(&ada, &id, "timed_out").await;

    assert_eq!(order["cancel_reason"], "customer_timeout");
    assert_eq!(
        booth.choose(&ada, &id, "latte", &["oat"]).await.status(),
        409
    );
    assert_eq!(
        booth
            .app
            .events_of_type(&id, EventKind::OrderTimedOut)
            .await,
        1
    );
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn an_order_the_baristas_miss_times_out(_: PgPoolOptions, db: PgConnectOptions) {
    let booth = Booth::new(db, json!({ "barista_timeout_s": 1 })).await;
    let ada = booth.app.customer_token("ada@example.org").await;
    let id = booth.queued(&ada).await["id"]
        .as_str()
        .expect("id")
        .to_owned();
    booth.step(&booth.barista, &id, "claim").await;

    let order = booth.app.wait_for_state(&ada, &id, "timed_out").await;

    assert_eq!(order["cancel_reason"], "barista_timeout");
    assert_eq!(
        booth.step(&booth.barista, &id, "complete").await.status(),
        409
    );
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn a_timeout_racing_completion_ends_the_order_once(_: PgPoolOptions, db: PgConnectOptions) {
    let booth = Booth::new(db, json!({})).await;
    let ada = booth.app.customer_token("ada@example.org").await;
    for _ in 0..10 {
        let id = booth.queued(&ada).await["id"]
            .as_str()
            .expect("id")
            .to_owned();
        sqlx::query("update orders set deadline_at = now() where id = $1::uuid")
            .bind(&id)
            .execute(&booth.app.pool)
            .await
            .expect("due");

        let (completed, fired) = tokio::join!(
            booth.step(&booth.barista, &id, "complete"),
            app::ssr::orders::timeouts::fire_due(
                &booth.app.pool,
                &booth.app.sequencer,
                &booth.app.teller,
                100
            ),
        );

        // Under load either may answer before its events are numbered (503
        // `events_pending`): what is asserted on is waited for.
        let fired = fired.map_err(|err| err.code);
        assert!(
            fired.is_ok() || fired == Err("events_pending".into()),
            "{fired:?}"
        );
        let state = booth.app.order_state(&id).await;
        let ended = booth.app.events_of_type(&id, EventKind::OrderReady).await
            + booth
                .app
                .events_of_type(&id, EventKind::OrderTimedOut)
                .await;
        assert_eq!(ended, 1, "exactly one outcome");
        match completed.status().as_u16() {
            200 => assert_eq!(state, "ready"),
            409 => assert_eq!(state, "timed_out"),
            503 => assert_eq!(error_code(completed).await, "events_pending"),
            other => panic!("complete answered {other}"),
        }
        if state == "ready" {
            // Today's coffee is served; reset the limit for the next round.
            sqlx::query("update orders set ready_at = null where id = $1::uuid")
                .bind(&id)
                .execute(&booth.app.pool)
                .await
                .expect("reset");
        }
    }
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn two_runners_fire_each_deadline_once(_: PgPoolOptions, db: PgConnectOptions) {
    let booth = Booth::new(db, json!({ "capacity": 100, "drinks_per_code": 100 })).await;
    let mut ids = Vec::new();
    for n in 0..40 {
        let customer = booth
            .app
            .session_for(&format!("guest{n}@example.org"), app::model::Role::Customer)
            .await;
        ids.push(booth.started(&customer).await);
    }
    sqlx::query("update orders set deadline_at = now()")
        .execute(&booth.app.pool)
        .await
        .expect("due");

    let (a, b) = tokio::join!(
        app::ssr::orders::timeouts::fire_due(
            &booth.app.pool,
            &booth.app.sequencer,
            &booth.app.teller,
            25
        ),
        app::ssr::orders::timeouts::fire_due(
            &booth.app.pool,
            &booth.app.sequencer,
            &booth.app.teller,
            25
        ),
    );
    a.expect("a runner");
    b.expect("another runner");
    app::ssr::orders::timeouts::fire_due(
        &booth.app.pool,
        &booth.app.sequencer,
        &booth.app.teller,
        100,
    )
    .await
    .expect("the rest");

    // The app's own runner ran meanwhile too: still, each order timed out once.
    for id in &ids {
        assert_eq!(booth.app.order_state(id).await, "timed_out");
        assert_eq!(
            booth.app.events_of_type(id, EventKind::OrderTimedOut).await,
            1,
            "{id}"
        );
    }
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn a_recall_gives_the_baristas_a_fresh_deadline(_: PgPoolOptions, db: PgConnectOptions) {
    let booth = Booth::new(db, json!({ "barista_timeout_s": 60 })).await;
    let ada = booth.app.customer_token("ada@example.org").await;
    let id = booth.serve(&ada).await;
    // Queued longer ago than the baristas' timeout.
    sqlx::query("update orders set queued_at = now() - interval '2 minutes' where id = $1::uuid")
        .bind(&id)
        .execute(&booth.app.pool)
        .await
        .expect("queued long ago");

    let recalled: serde_json::Value = booth
        .step(&booth.barista, &id, "recall")
        .await
        .json()
        .await
        .expect("json");

    let left: f64 = sqlx::query_scalar(
        "select extract(epoch from deadline_at - now())::float8 from orders where id = $1::uuid",
    )
    .bind(&id)
    .fetch_one(&booth.app.pool)
    .await
    .expect("deadline");
    assert_eq!(recalled["state"], "making");
    assert!((50.0..=60.0).contains(&left), "{left} s left");
    app::ssr::orders::timeouts::fire_due(
        &booth.app.pool,
        &booth.app.sequencer,
        &booth.app.teller,
        100,
    )
    .await
    .expect("runner ran");
    assert_eq!(booth.app.order_state(&id).await, "making");
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn a_change_whose_events_wait_answers_events_pending_and_its_key_the_result(
    _: PgPoolOptions,
    db: PgConnectOptions,
) {
    let booth = Booth::new(db, json!({})).await;
    let ada = booth.app.customer_token("ada@example.org").await;
    let id = booth.started(&ada).await;
    // The sequencers of every instance wait for this lock.
    let mut blocker = booth.app.pool.acquire().await.expect("a connection");
    sqlx::query("select pg_advisory_lock(hashtext('crema.events'))")
        .execute(&mut *blocker)
        .await
        .expect("locked");

    let choose = || {
        booth
            .app
            .request(
                reqwest::Method::PUT,
                &format!("/api/v1/orders/{id}/drink"),
                crate::helpers::Auth::Bearer(&ada),
            )
            .header("idempotency-key", "choose-once")
            .json(&json!({ "drink": "latte", "choices": ["oat"] }))
    };
    let pending = choose().send().await.expect("sent");
    assert_eq!(pending.status(), 503);
    assert_eq!(error_code(pending).await, "events_pending");
    assert_eq!(booth.app.order_state(&id).await, "queued", "committed");
    let still = choose().send().await.expect("sent");
    assert_eq!(
        error_code(still).await,
        "events_pending",
        "a repeat answers once the events are numbered too"
    );

    sqlx::query("select pg_advisory_unlock(hashtext('crema.events'))")
        .execute(&mut *blocker)
        .await
        .expect("unlocked");
    drop(blocker);
    assert_eq!(
        booth.app.events_of_type(&id, EventKind::OrderQueued).await,
        1
    );
    let repeat = choose().send().await.expect("sent");
    assert_eq!(repeat.status(), 200, "the committed result");
    let order: serde_json::Value = repeat.json().await.expect("json");
    assert_eq!(order["state"], "queued");
}
