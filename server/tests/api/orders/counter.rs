//! Walk-up orders: a visitor without a phone orders at the counter; the barista's order
//! takes its number like any other, with no code nor daily limit, but capacity and stock.

use serde_json::{Value, json};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

use super::Booth;
use crate::helpers::{Auth, error_code};

async fn at_counter(booth: &Booth, token: &str, body: Value) -> reqwest::Response {
    booth
        .app
        .post_json(
            "/api/v1/shops/demo/orders/counter",
            body,
            Auth::Bearer(token),
        )
        .await
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn a_barista_queues_a_walk_up_order_with_its_number(_: PgPoolOptions, db: PgConnectOptions) {
    let booth = Booth::new(db, json!({ "capacity": 3 })).await;
    let ada = booth.app.customer_token("ada@example.org").await;
    let first = booth.queued(&ada).await;

    let response = at_counter(
        &booth,
        &booth.barista,
        json!({ "drink": "latte", "choices": ["oat"], "name": " Bo " }),
    )
    .await;
    assert_eq!(response.status(), 201);
    let order: Value = response.json().await.expect("json");
    assert_eq!(order["state"], "queued");
    assert_eq!(
        order["number"],
        first["number"].as_i64().expect("number") + 1
    );
    assert_eq!(order["customer_name"], "Bo");
    assert_eq!(
        (&order["queue_position"], &order["drink"]),
        (&json!(2), &json!("latte"))
    );
    // No code was spent; the board lists it like any other.
    assert_eq!(booth.qr().await["remaining"], 9);
    let id = order["id"].as_str().expect("id");
    assert_eq!(
        booth.step(&booth.barista, id, "complete").await.status(),
        200
    );
    let journey: Vec<Value> = booth
        .app
        .get_as(
            &format!("/api/v1/orders/{id}/journey"),
            Auth::Bearer(&booth.barista),
        )
        .await
        .json()
        .await
        .expect("json");
    let kinds: Vec<_> = journey.iter().map(|event| event["type"].clone()).collect();
    assert_eq!(kinds, ["order.created", "order.queued", "order.ready"]);
    assert_eq!(journey[0]["data"]["actor"]["kind"], "staff");

    // Nameless, again and again: no daily limit; then capacity applies.
    let again = at_counter(
        &booth,
        &booth.barista,
        json!({ "drink": "espresso", "choices": ["single"] }),
    )
    .await;
    assert_eq!(again.status(), 201);
    let again: Value = again.json().await.expect("json");
    assert!(again.get("customer_name").is_none());
    let blank = at_counter(
        &booth,
        &booth.barista,
        json!({ "drink": "espresso", "choices": ["single"], "name": "" }),
    )
    .await;
    assert_eq!(blank.status(), 201);
    let full = at_counter(
        &booth,
        &booth.barista,
        json!({ "drink": "espresso", "choices": ["single"] }),
    )
    .await;
    assert_eq!(full.status(), 409);
    assert_eq!(error_code(full).await, "at_capacity");
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn a_walk_up_order_keeps_to_the_menu_the_stock_and_the_counter(
    _: PgPoolOptions,
    db: PgConnectOptions,
) {
    let booth = Booth::new(db, json!({})).await;
    let refused = |body: Value, token: &'static str| {
        let booth = &booth;
        async move {
            let token = if token == "barista" {
                &booth.barista
            } else {
                &booth.display
            };
            let response = at_counter(booth, token, body).await;
            let status = response.status().as_u16();
            (status, error_code(response).await)
        }
    };
    assert_eq!(
        refused(json!({ "drink": "latte", "choices": [] }), "barista").await,
        (422, "invalid_choices".to_owned())
    );
    assert_eq!(
        refused(json!({ "drink": "tea", "choices": [] }), "barista").await,
        (422, "unknown_drink".to_owned())
    );
    assert_eq!(
        refused(
            json!({ "drink": "latte", "choices": ["oat"], "name": "x".repeat(41) }),
            "barista"
        )
        .await,
        (422, "invalid_name".to_owned())
    );
    assert_eq!(
        refused(json!({ "drink": "latte", "choices": ["oat"] }), "display").await,
        (403, "forbidden".to_owned())
    );
    let ada = booth.app.customer_token("ada@example.org").await;
    let by_customer = at_counter(
        &booth,
        &ada,
        json!({ "drink": "latte", "choices": ["oat"] }),
    )
    .await;
    assert_eq!(by_customer.status(), 403);

    // Sold out at the counter: refused, and nothing was written.
    let sold_out = booth
        .app
        .request(
            reqwest::Method::PATCH,
            "/api/v1/shops/demo/stock",
            Auth::Bearer(&booth.barista),
        )
        .json(&json!({ "choices": { "oat": { "available": false } } }))
        .send()
        .await
        .expect("sent");
    assert_eq!(sold_out.status(), 200);
    assert_eq!(
        refused(json!({ "drink": "latte", "choices": ["oat"] }), "barista").await,
        (422, "sold_out".to_owned())
    );
    booth.set_open(false).await;
    assert_eq!(
        refused(json!({ "drink": "latte", "choices": ["whole"] }), "barista").await,
        (409, "shop_closed".to_owned())
    );
    let written: i64 = sqlx::query_scalar("select count(*) from orders")
        .fetch_one(&booth.app.pool)
        .await
        .expect("count");
    assert_eq!(written, 0);
    let walk_ups: i64 = sqlx::query_scalar("select count(*) from users where walk_up")
        .fetch_one(&booth.app.pool)
        .await
        .expect("count");
    assert_eq!(walk_ups, 0);
}
