//! The public stream behind `/how/{shop}`: anyone's while the shop shows how it works
//! (its staff's always), the orders' steps without who their customers are.

use std::time::Duration;

use app::model::{EventKind::*, Role};
use reqwest::Method;
use serde_json::{Value, json};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

use super::{
    busy_booth,
    reader::{Reader, kinds},
};
use crate::helpers::{Auth, TestApp};

const PUBLIC: &str = "/api/v1/shops/demo/public/stream";

async fn show_how(app: &TestApp, admin: &str, on: bool) {
    let response = app
        .request(Method::PATCH, "/api/v1/shops/demo", Auth::Bearer(admin))
        .json(&json!({ "how_it_works": on }))
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), 200);
    let shop: Value = response.json().await.expect("json");
    assert_eq!(shop["settings"]["how_it_works"], on);
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn the_public_stream_shows_the_steps_not_the_people(_: PgPoolOptions, db: PgConnectOptions) {
    let booth = busy_booth(db).await;
    let app = &booth.app;
    let admin = app.staff_token("boss", Role::Admin).await;

    // Off by default: hidden from anyone but the shop's staff.
    let hidden = app.get_as(PUBLIC, Auth::None).await;
    assert_eq!(hidden.status(), 404);
    let mut staff = Reader::open(app, PUBLIC, &booth.barista, None).await;
    let missing = app
        .get_as("/api/v1/shops/nowhere/public/stream", Auth::None)
        .await;
    assert_eq!(missing.status(), 404);

    show_how(app, &admin, true).await;
    let mut anyone = Reader::open_as(app, PUBLIC, Auth::None, None).await;
    let ada = app.customer_token("ada@example.org").await;
    let renamed = app
        .request(Method::PATCH, "/api/v1/me", Auth::Bearer(&ada))
        .json(&json!({ "display_name": "Ada Lovelace" }))
        .send()
        .await
        .expect("sent");
    assert_eq!(renamed.status(), 200);
    let id = booth.serve(&ada).await;

    let frames = anyone.drain().await;
    assert_eq!(
        kinds(&frames),
        [OrderCreated, OrderQueued, OrderClaimed, OrderReady]
    );
    for frame in &frames {
        assert_eq!(frame.data["order_id"], id.as_str());
        let order = &frame.data["data"]["order"];
        assert_eq!(order["customer_id"], "00000000-0000-0000-0000-000000000000");
        let text = frame.data.to_string();
        assert!(
            !text.contains("Ada") && !text.contains("ada@example.org"),
            "{text}"
        );
    }
    // Barista steps name the barista.
    assert_eq!(frames[2].data["data"]["actor"]["kind"], "staff");
    assert_eq!(kinds(&staff.drain().await).len(), 4);

    // Turned off: anyone's stream ends, the staff's goes on.
    show_how(app, &admin, false).await;
    assert!(anyone.ends_within(Duration::from_secs(5)).await);
    assert!(!staff.ends_within(Duration::from_secs(1)).await);
    assert_eq!(app.get_as(PUBLIC, Auth::None).await.status(), 404);
}
