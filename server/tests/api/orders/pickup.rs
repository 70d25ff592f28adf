//! Handed over: a ready order picked up at the counter leaves the boards, once, and the
//! report counts it apart from those nobody came for.

use app::model::{EventKind, Role};
use serde_json::{Value, json};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

use super::Booth;
use crate::helpers::{Auth, error_code};

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn only_a_ready_order_is_handed_over_and_only_once(_: PgPoolOptions, db: PgConnectOptions) {
    let booth = Booth::new(db, json!({})).await;
    let ada = booth.app.customer_token("ada@example.org").await;
    let queued = booth.queued(&ada).await;
    let id = queued["id"].as_str().expect("id");

    let early = booth.step(&booth.barista, id, "pickup").await;
    assert_eq!(early.status(), 409);
    assert_eq!(error_code(early).await, "invalid_state");
    assert_eq!(
        booth.step(&booth.barista, id, "complete").await.status(),
        200
    );
    assert_eq!(booth.step(&ada, id, "pickup").await.status(), 403);
    assert_eq!(booth.step(&booth.display, id, "pickup").await.status(), 403);

    let response = booth.step(&booth.barista, id, "pickup").await;
    assert_eq!(response.status(), 200);
    let handed: Value = response.json().await.expect("json");
    assert_eq!(handed["state"], "ready");
    assert!(handed["picked_up_at"].is_string(), "{handed}");
    assert!(handed.get("deadline_at").is_none());

    // Done with: not twice, not recalled, not cancelled.
    for step in ["pickup", "recall"] {
        let again = booth.step(&booth.barista, id, step).await;
        assert_eq!(again.status(), 409, "{step}");
        assert_eq!(error_code(again).await, "picked_up", "{step}");
    }
    assert_eq!(booth.step(&booth.barista, id, "cancel").await.status(), 409);

    // The customer's journey ends with it, in a sentence.
    let journey = booth
        .app
        .get_json(&format!("/api/v1/orders/{id}/journey"), Auth::Bearer(&ada))
        .await;
    let last = journey
        .as_array()
        .and_then(|events| events.last())
        .expect("events");
    assert_eq!(last["type"], EventKind::OrderPickedUp.as_str());
    assert_eq!(last["data"]["actor"]["kind"], "staff");
    assert!(last["data"]["order"]["picked_up_at"].is_string());
    let number = queued["number"].as_i64().expect("number");
    assert_eq!(
        last["message"],
        format!("The staff handed #{number} over. Enjoy!")
    );
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn handed_over_orders_leave_the_boards(_: PgPoolOptions, db: PgConnectOptions) {
    let booth = Booth::new(db, json!({ "daily_limit": 0 })).await;
    let ada = booth.app.customer_token("ada@example.org").await;
    let handed = booth.serve(&ada).await;
    let waiting = booth.serve(&ada).await;
    assert_eq!(
        booth.step(&booth.barista, &handed, "pickup").await.status(),
        200
    );

    let listed = |query: &'static str| {
        let booth = &booth;
        async move {
            let path = format!("/api/v1/shops/demo/orders?{query}");
            let orders = booth
                .app
                .get_json(&path, Auth::Bearer(&booth.display))
                .await;
            orders
                .as_array()
                .expect("orders")
                .iter()
                .map(|order| order["id"].as_str().expect("id").to_owned())
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(listed("state=ready").await, std::slice::from_ref(&waiting));
    assert_eq!(
        listed("state=ready&picked_up=true").await,
        [handed, waiting]
    );
    let bad = booth
        .app
        .get_as(
            "/api/v1/shops/demo/orders?picked_up=maybe",
            Auth::Bearer(&booth.display),
        )
        .await;
    assert_eq!(bad.status(), 400);
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn the_report_counts_handed_over_and_uncollected(_: PgPoolOptions, db: PgConnectOptions) {
    let booth = Booth::new(db, json!({ "daily_limit": 0, "ready_retention_s": 60 })).await;
    let ada = booth.app.customer_token("ada@example.org").await;
    let handed = booth.serve(&ada).await;
    let forgotten = booth.serve(&ada).await;
    // Still on the counter: neither yet.
    booth.serve(&ada).await;
    assert_eq!(
        booth.step(&booth.barista, &handed, "pickup").await.status(),
        200
    );
    sqlx::query("update orders set ready_at = ready_at - interval '2 minutes' where id = $1")
        .bind(uuid::Uuid::parse_str(&forgotten).expect("uuid"))
        .execute(&booth.app.pool)
        .await
        .expect("aged");

    let admin = booth.app.staff_token("boss", Role::Admin).await;
    let report = booth
        .app
        .get_json("/api/v1/shops/demo/report", Auth::Bearer(&admin))
        .await;
    assert_eq!(report["orders"]["ready"], 3);
    assert_eq!(report["orders"]["picked_up"], 1);
    assert_eq!(report["orders"]["uncollected"], 1);
}
