//! What operators and API clients read about the server itself: the OpenAPI document
//! and the metrics.

use serde_json::{Value, json};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

use crate::{
    helpers::{Auth, spawn_app, spawn_app_configured},
    orders::Booth,
};

/// Every endpoint of the contract (API.md), as the document must name it.
const CONTRACT: &[(&str, &str)] = &[
    ("post", "/api/v1/auth/code"),
    ("post", "/api/v1/auth/verify"),
    ("post", "/api/v1/auth/login"),
    ("post", "/api/v1/auth/logout"),
    ("get", "/api/v1/me"),
    ("patch", "/api/v1/me"),
    ("delete", "/api/v1/me"),
    ("get", "/api/v1/dev/mailbox"),
    ("get", "/api/v1/shops"),
    ("post", "/api/v1/shops"),
    ("get", "/api/v1/shops/{shop}"),
    ("patch", "/api/v1/shops/{shop}"),
    ("put", "/api/v1/shops/{shop}/open"),
    ("put", "/api/v1/shops/{shop}/menu"),
    ("get", "/api/v1/shops/{shop}/qr"),
    ("get", "/api/v1/shops/{shop}/stock"),
    ("patch", "/api/v1/shops/{shop}/stock"),
    ("get", "/api/v1/staff"),
    ("post", "/api/v1/staff"),
    ("patch", "/api/v1/staff/{id}"),
    ("delete", "/api/v1/staff/{id}/sessions"),
    ("post", "/api/v1/devices/pairing"),
    ("get", "/api/v1/devices/pairing"),
    ("post", "/api/v1/devices"),
    ("get", "/api/v1/devices"),
    ("delete", "/api/v1/devices/{id}"),
    ("get", "/api/v1/shops/{shop}/orders"),
    ("get", "/api/v1/shops/{shop}/report"),
    ("get", "/api/v1/shops/{shop}/orders.csv"),
    ("post", "/api/v1/shops/{shop}/simulation"),
    ("get", "/api/v1/shops/{shop}/simulation"),
    ("delete", "/api/v1/shops/{shop}/simulation"),
    ("post", "/api/v1/shops/{shop}/replay"),
    ("get", "/api/v1/shops/{shop}/public/stream"),
    ("get", "/api/v1/shops/{shop}/stream"),
    ("post", "/api/v1/shops/{shop}/orders"),
    ("post", "/api/v1/shops/{shop}/orders/counter"),
    ("put", "/api/v1/orders/{id}/drink"),
    ("post", "/api/v1/orders/{id}/cancel"),
    ("post", "/api/v1/orders/{id}/claim"),
    ("post", "/api/v1/orders/{id}/release"),
    ("post", "/api/v1/orders/{id}/complete"),
    ("post", "/api/v1/orders/{id}/recall"),
    ("post", "/api/v1/orders/{id}/pickup"),
    ("get", "/api/v1/orders/{id}"),
    ("get", "/api/v1/orders/{id}/journey"),
    ("get", "/api/v1/me/orders"),
    ("get", "/api/v1/me/stream"),
    ("get", "/api/v1/stream"),
];

/// Every endpoint beyond the contract, which the README describes.
const ADDITIONS: &[(&str, &str)] = &[("put", "/api/v1/orders/{id}/ready-mail")];

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn the_openapi_document_describes_every_endpoint(_: PgPoolOptions, db: PgConnectOptions) {
    let app = spawn_app(db).await;

    let response = app.get("/api/v1/openapi.json").await;

    assert_eq!(response.status(), 200);
    let doc: Value = response.json().await.expect("json");
    assert!(doc["openapi"].as_str().expect("version").starts_with("3."));
    let missing: Vec<_> = CONTRACT
        .iter()
        .chain(ADDITIONS)
        .filter(|(method, path)| doc["paths"][path][method].is_null())
        .collect();
    assert!(missing.is_empty(), "not in the document: {missing:?}");
    let paths = doc["paths"].as_object().expect("paths");
    let documented = paths
        .values()
        .map(|item| item.as_object().map_or(0, |ops| ops.len()));
    assert_eq!(
        documented.sum::<usize>(),
        CONTRACT.len() + ADDITIONS.len(),
        "an endpoint neither in the contract nor among the additions"
    );
    // Bodies are described by their schemas, errors included.
    let schemas = &doc["components"]["schemas"];
    for name in [
        "Order",
        "Shop",
        "Event",
        "User",
        "Staff",
        "NewStaff",
        "StaffChanges",
        "ApiError",
        "ShopSettings",
        "Drink",
        "Stock",
        "StockPatch",
    ] {
        assert!(schemas[name].is_object(), "no schema {name}");
    }
    let claim = &doc["paths"]["/api/v1/orders/{id}/claim"]["post"];
    assert_eq!(
        claim["responses"]["409"]["content"]["application/json"]["schema"]["$ref"],
        json!("#/components/schemas/ApiError")
    );
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn metrics_count_open_orders_and_events(_: PgPoolOptions, db: PgConnectOptions) {
    let booth = Booth::new(db, json!({})).await;
    let ada = booth.app.customer_token("ada@example.org").await;
    booth.queued(&ada).await;
    let bo = booth.app.customer_token("bo@example.org").await;
    booth.serve(&bo).await;

    let response = booth.app.get("/metrics").await;

    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .expect("ascii")
            .starts_with("text/plain")
    );
    let text = response.text().await.expect("text");
    assert!(
        text.contains("crema_orders_open{shop=\"demo\",state=\"queued\"} 1\n"),
        "{text}"
    );
    assert!(
        text.contains("# TYPE crema_events_total counter\n"),
        "{text}"
    );
    let events = text
        .lines()
        .find_map(|line| line.strip_prefix("crema_events_total "))
        .and_then(|n| n.parse::<i64>().ok())
        .expect("crema_events_total");
    assert!(events >= 3, "created, redeemed, queued: {events}");
    // Recorded as the orders went; the process's other tests may have added theirs.
    let at_least_one = |prefix: &str| {
        let value = text
            .lines()
            .find_map(|line| line.strip_prefix(prefix))
            .and_then(|n| n.trim().parse::<f64>().ok());
        assert!(value.is_some_and(|n| n >= 1.0), "{prefix}: {text}");
    };
    at_least_one("crema_orders_total{shop=\"demo\",outcome=\"started\"} ");
    at_least_one("crema_orders_total{shop=\"demo\",outcome=\"ready\"} ");
    at_least_one("crema_order_wait_seconds_count{shop=\"demo\"} ");
    at_least_one("crema_order_choose_seconds_count{shop=\"demo\"} ");
    at_least_one("crema_step_seconds_count{step=\"claim\"} ");
    at_least_one("crema_sequencer_lag_seconds_count ");
    at_least_one("crema_db_connections{state=\"idle\"} ");
    assert!(
        text.contains("crema_orders_open{shop=\"demo\",state=\"making\"} 0\n"),
        "every open state, zeros too: {text}"
    );
    assert!(
        text.contains("crema_step_seconds_bucket{step=\"claim\",le=\"0.005\"} "),
        "{text}"
    );
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn metrics_need_the_token_when_one_is_set(_: PgPoolOptions, db: PgConnectOptions) {
    let app = spawn_app_configured(db, |state| {
        state.metrics_token = Some("s3cret-metrics".into());
    })
    .await;
    let with = |token: &'static str| {
        app.request(reqwest::Method::GET, "/metrics", Auth::None)
            .bearer_auth(token)
            .send()
    };

    assert_eq!(app.get("/metrics").await.status(), 401);
    assert_eq!(with("guess").await.expect("sent").status(), 401);
    assert_eq!(with("s3cret-metrics").await.expect("sent").status(), 200);
}
