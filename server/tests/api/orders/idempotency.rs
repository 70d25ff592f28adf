//! Idempotency keys: a repeat replays the first answer.

use app::model::EventKind;
use futures::future::join_all;
use reqwest::Method;
use serde_json::{Value, json};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

use super::Booth;
use crate::helpers::Auth;

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn twenty_submits_with_one_key_make_one_order(_: PgPoolOptions, db: PgConnectOptions) {
    let booth = Booth::new(db, json!({})).await;
    let ada = booth.app.customer_token("ada@example.org").await;
    let token = booth.qr().await["token"]
        .as_str()
        .expect("token")
        .to_owned();

    let responses = join_all((0..20).map(|_| {
        booth
            .app
            .request(
                Method::POST,
                "/api/v1/shops/demo/orders",
                Auth::Bearer(&ada),
            )
            .header("idempotency-key", "tap-once")
            .json(&json!({ "qr_token": token }))
            .send()
    }))
    .await;

    let mut bodies = Vec::new();
    for response in responses {
        let response = response.expect("sent");
        assert_eq!(response.status(), 201);
        bodies.push(response.json::<Value>().await.expect("json"));
    }
    assert!(
        bodies.iter().all(|body| *body == bodies[0]),
        "the same answer each time"
    );
    let orders: i64 = sqlx::query_scalar("select count(*) from orders")
        .fetch_one(&booth.app.pool)
        .await
        .expect("count");
    assert_eq!(orders, 1);
    assert_eq!(booth.qr().await["remaining"], 9, "one drink used");
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn a_repeated_drink_choice_replays_the_first_answer(_: PgPoolOptions, db: PgConnectOptions) {
    let booth = Booth::new(db, json!({})).await;
    let ada = booth.app.customer_token("ada@example.org").await;
    let id = booth.started(&ada).await;
    let put = |key: &'static str, drink: &'static str| {
        booth
            .app
            .request(
                Method::PUT,
                &format!("/api/v1/orders/{id}/drink"),
                Auth::Bearer(&ada),
            )
            .header("idempotency-key", key)
            .json(&json!({ "drink": drink, "choices": ["oat"] }))
            .send()
    };

    let first: Value = put("k1", "latte")
        .await
        .expect("sent")
        .json()
        .await
        .expect("json");
    let repeat = put("k1", "latte").await.expect("sent");
    assert_eq!(repeat.status(), 200);
    assert_eq!(repeat.json::<Value>().await.expect("json"), first);
    let other_key = put("k2", "latte").await.expect("sent");
    assert_eq!(
        other_key.status(),
        409,
        "a new request, and the order is already queued"
    );

    let refused = put("k3", "mocha").await.expect("sent");
    assert_eq!(refused.status(), 409);
    let too_long = booth
        .app
        .request(
            Method::PUT,
            &format!("/api/v1/orders/{id}/drink"),
            Auth::Bearer(&ada),
        )
        .header("idempotency-key", "k".repeat(201))
        .json(&json!({ "drink": "latte", "choices": ["oat"] }))
        .send()
        .await
        .expect("sent");
    assert_eq!(too_long.status(), 400);
    assert_eq!(
        booth.app.events_of_type(&id, EventKind::OrderQueued).await,
        1
    );
}
