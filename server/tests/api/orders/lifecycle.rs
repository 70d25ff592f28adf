//! From the QR code to the counter, and who sees an order.

use app::model::{EventKind, Role};
use serde_json::{Value, json};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

use super::Booth;
use crate::helpers::{Auth, error_code};

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn an_order_goes_from_the_qr_code_to_the_counter(_: PgPoolOptions, db: PgConnectOptions) {
    let booth = Booth::new(db, json!({})).await;
    let ada = booth.app.customer_token("ada@example.org").await;

    let qr = booth.qr().await;
    assert!(qr["url"].as_str().expect("url").ends_with(&format!(
        "/order/demo?t={}",
        qr["token"].as_str().expect("token")
    )));
    assert_eq!(qr["remaining"], 10);
    let response = booth
        .start(&ada, qr["token"].as_str().expect("token"))
        .await;
    assert_eq!(response.status(), 201);
    let order: Value = response.json().await.expect("json");
    assert_eq!(order["state"], "awaiting_drink");
    assert!(order["deadline_at"].is_string());
    assert!(order.get("number").is_none());
    let id = order["id"].as_str().expect("id");
    assert_eq!(booth.qr().await["remaining"], 9);

    let queued: Value = booth
        .choose(&ada, id, "latte", &["oat", "vanilla"])
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(
        (queued["state"].as_str(), queued["number"].as_i64()),
        (Some("queued"), Some(1))
    );
    assert_eq!(queued["choices"], json!(["oat", "vanilla"]));

    let making: Value = booth
        .step(&booth.barista, id, "claim")
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(making["state"], "making");
    assert!(making["barista_id"].is_string());
    let ready: Value = booth
        .step(&booth.barista, id, "complete")
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(ready["state"], "ready");
    assert!(ready.get("deadline_at").is_none());

    let mine: Value = booth
        .app
        .get_as("/api/v1/me/orders", Auth::Bearer(&ada))
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(mine[0]["id"], id);
    let journey: Vec<Value> = booth
        .app
        .get_as(&format!("/api/v1/orders/{id}/journey"), Auth::Bearer(&ada))
        .await
        .json()
        .await
        .expect("json");
    let kinds: Vec<EventKind> = journey
        .iter()
        .map(|event| serde_json::from_value(event["type"].clone()).expect("a known type"))
        .collect();
    assert_eq!(
        kinds,
        [
            EventKind::OrderCreated,
            EventKind::OrderQueued,
            EventKind::OrderClaimed,
            EventKind::OrderReady
        ]
    );
    assert!(
        journey
            .windows(2)
            .all(|pair| pair[0]["seq"].as_i64() < pair[1]["seq"].as_i64())
    );
    assert!(
        journey
            .iter()
            .all(|event| event["message"].as_str().is_some_and(|m| m.ends_with('.')))
    );
    let board: Vec<Value> = booth
        .app
        .get_as(
            "/api/v1/shops/demo/orders?state=ready",
            Auth::Bearer(&booth.barista),
        )
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(board.len(), 1);
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn another_customer_cannot_see_an_order(_: PgPoolOptions, db: PgConnectOptions) {
    let booth = Booth::new(db, json!({})).await;
    let ada = booth.app.customer_token("ada@example.org").await;
    let bob = booth.app.customer_token("bob@example.org").await;
    let order = booth.queued(&ada).await;
    let id = order["id"].as_str().expect("id");

    let status = async |path: &str, token: &str| {
        let response = booth.app.get_as(path, Auth::Bearer(token)).await;
        response.status().as_u16()
    };
    for path in [
        format!("/api/v1/orders/{id}"),
        format!("/api/v1/orders/{id}/journey"),
    ] {
        assert_eq!(status(&path, &bob).await, 404, "{path}");
        assert_eq!(status(&path, &ada).await, 200, "{path}");
        assert_eq!(status(&path, &booth.barista).await, 200, "{path}");
    }
    assert_eq!(booth.step(&bob, id, "cancel").await.status(), 404);
    let mine: Vec<Value> = booth
        .app
        .get_as("/api/v1/me/orders", Auth::Bearer(&bob))
        .await
        .json()
        .await
        .expect("json");
    assert!(mine.is_empty());
    assert_eq!(status("/api/v1/orders/not-a-uuid", &ada).await, 404);
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn baristas_steps_follow_the_workflow(_: PgPoolOptions, db: PgConnectOptions) {
    let booth = Booth::new(db, json!({})).await;
    let ada = booth.app.customer_token("ada@example.org").await;
    let kai = booth.app.staff_token("kai", Role::Barista).await;
    let id = booth.queued(&ada).await["id"]
        .as_str()
        .expect("id")
        .to_owned();

    assert_eq!(booth.step(&ada, &id, "claim").await.status(), 403);
    assert_eq!(
        booth.step(&booth.barista, &id, "recall").await.status(),
        409
    );
    assert_eq!(booth.step(&booth.barista, &id, "claim").await.status(), 200);
    assert_eq!(
        booth.step(&booth.barista, &id, "claim").await.status(),
        200,
        "claiming again is harmless"
    );
    let taken = booth.step(&kai, &id, "claim").await;
    assert_eq!(taken.status(), 409);
    let body: Value = taken.json().await.expect("json");
    assert_eq!(body["error"]["code"], "claimed_by_other");
    assert!(
        body["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("lena"))
    );
    assert_eq!(booth.step(&kai, &id, "release").await.status(), 403);
    assert_eq!(
        booth.step(&ada, &id, "cancel").await.status(),
        409,
        "too late for the customer"
    );

    let released: Value = booth
        .step(&booth.barista, &id, "release")
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(released["state"], "queued");
    assert!(released.get("barista_id").is_none());
    assert_eq!(booth.step(&kai, &id, "complete").await.status(), 200);
    let recalled: Value = booth
        .step(&kai, &id, "recall")
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(recalled["state"], "making");
    assert_eq!(booth.step(&kai, &id, "complete").await.status(), 200);

    sqlx::query("update orders set ready_at = now() - interval '1 hour'")
        .execute(&booth.app.pool)
        .await
        .expect("aged");
    let late = booth.step(&kai, &id, "recall").await;
    assert_eq!(late.status(), 409);
    assert_eq!(error_code(late).await, "recall_expired");
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn cancelling_says_who_and_why(_: PgPoolOptions, db: PgConnectOptions) {
    let booth = Booth::new(db, json!({})).await;
    let ada = booth.app.customer_token("ada@example.org").await;
    let mine = booth.queued(&ada).await["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let cancelled: Value = booth
        .step(&ada, &mine, "cancel")
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(cancelled["state"], "cancelled");
    assert_eq!(cancelled["cancel_reason"], "cancelled by the customer");

    let theirs = booth.queued(&ada).await["id"]
        .as_str()
        .expect("id")
        .to_owned();
    booth.step(&booth.barista, &theirs, "claim").await;
    let response = booth
        .app
        .post_json(
            &format!("/api/v1/orders/{theirs}/cancel"),
            json!({ "reason": "out of oat milk" }),
            Auth::Bearer(&booth.barista),
        )
        .await;
    let cancelled: Value = response.json().await.expect("json");
    assert_eq!(cancelled["cancel_reason"], "out of oat milk");
    assert_eq!(
        booth.step(&booth.barista, &theirs, "cancel").await.status(),
        409,
        "already ended"
    );
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn the_shop_tells_the_typical_wait_of_its_recent_orders(
    _: PgPoolOptions,
    db: PgConnectOptions,
) {
    let booth = Booth::new(db, json!({ "daily_limit": 0 })).await;
    let ada = booth.app.customer_token("ada@example.org").await;
    let shop = || async {
        let shop: Value = booth
            .app
            .get("/api/v1/shops/demo")
            .await
            .json()
            .await
            .expect("json");
        shop["wait_estimate_s"].clone()
    };
    assert_eq!(
        shop().await,
        Value::Null,
        "no estimate before any order was made"
    );

    // Three orders that took 2, 3 and 10 minutes from queue to counter: the median is 3.
    for minutes in [2, 3, 10] {
        let id = booth.serve(&ada).await;
        sqlx::query(
            "update orders set queued_at = ready_at - make_interval(mins => $2) where id = $1::uuid",
        )
        .bind(&id)
        .bind(minutes)
        .execute(&booth.app.pool)
        .await
        .expect("backdated");
    }

    assert_eq!(shop().await, json!(180));
}
