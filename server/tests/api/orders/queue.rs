//! The line: each queued order's place and estimate, in every read of it, and an
//! `order.position` event to its customer alone whenever either moves.

use serde_json::{Value, json};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

use super::Booth;
use crate::{
    helpers::Auth,
    streams::reader::{Frame, Reader},
};

/// The `(queue_position, eta_s)` of each order `token` lists at the demo shop.
async fn places(booth: &Booth, token: &str) -> Vec<(Option<i64>, Option<i64>)> {
    booth
        .listed(token)
        .await
        .iter()
        .map(|order| (order["queue_position"].as_i64(), order["eta_s"].as_i64()))
        .collect()
}

fn place(frame: &Frame) -> Option<(i64, i64)> {
    let data = &frame.data["data"];
    (frame.kind == "order.position").then(|| {
        (
            data["queue_position"].as_i64().expect("position"),
            data["eta_s"].as_i64().expect("eta"),
        )
    })
}

fn positions(frames: &[Frame]) -> Vec<(i64, i64)> {
    frames.iter().filter_map(place).collect()
}

/// The next place `stream` is told, after what else comes first.
async fn next_place(stream: &mut Reader) -> (i64, i64) {
    loop {
        let frame = stream.next().await.expect("a place told");
        if let Some(place) = place(&frame) {
            return place;
        }
    }
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn each_queued_order_knows_its_place_and_its_customer_is_told_as_it_moves(
    _: PgPoolOptions,
    db: PgConnectOptions,
) {
    let booth = Booth::new(db, json!({})).await;
    let app = &booth.app;
    let customers = [
        app.customer_token("ada@example.org").await,
        app.customer_token("bo@example.org").await,
        app.customer_token("cy@example.org").await,
    ];
    let mut shop_stream =
        Reader::open(app, "/api/v1/shops/demo/stream", &booth.barista, None).await;
    let mut cy_stream = Reader::open(app, "/api/v1/me/stream", &customers[2], None).await;
    let mut ids = Vec::new();
    for customer in &customers {
        let order = booth.queued(customer).await;
        ids.push(order["id"].as_str().expect("id").to_owned());
    }
    // Nothing made yet: every drink is guessed at 90 s, one barista.
    assert_eq!(
        places(&booth, &booth.barista).await,
        [
            (Some(1), Some(90)),
            (Some(2), Some(180)),
            (Some(3), Some(270))
        ]
    );
    let cy: Value = app
        .get_as(
            &format!("/api/v1/orders/{}", ids[2]),
            Auth::Bearer(&customers[2]),
        )
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(
        (&cy["queue_position"], &cy["eta_s"]),
        (&json!(3), &json!(270))
    );
    // Told in the background, soon after.
    assert_eq!(next_place(&mut cy_stream).await, (3, 270));

    // The first is made: the others move up; the one being made has no place.
    let claimed: Value = booth
        .step(&booth.barista, &ids[0], "claim")
        .await
        .json()
        .await
        .expect("json");
    assert!(claimed.get("queue_position").is_none(), "{claimed}");
    assert_eq!(
        places(&booth, &booth.barista).await,
        [(None, None), (Some(1), Some(90)), (Some(2), Some(180))]
    );
    assert_eq!(positions(&cy_stream.drain().await), [(2, 180)]);
    // Cancelled in front of it: one more step up.
    assert_eq!(
        booth.step(&customers[1], &ids[1], "cancel").await.status(),
        200
    );
    assert_eq!(positions(&cy_stream.drain().await), [(1, 90)]);
    let mine = app
        .get_json("/api/v1/me/orders", Auth::Bearer(&customers[2]))
        .await;
    assert_eq!(mine[0]["queue_position"], 1);

    // The staff's stream carries nobody's place; the customer's journey neither.
    assert!(positions(&shop_stream.drain().await).is_empty());
    let journey: Vec<Value> = app
        .get_as(
            &format!("/api/v1/orders/{}/journey", ids[2]),
            Auth::Bearer(&customers[2]),
        )
        .await
        .json()
        .await
        .expect("json");
    assert!(
        journey
            .iter()
            .all(|event| event["type"] != "order.position")
    );
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn the_estimate_follows_how_long_drinks_took_lately(_: PgPoolOptions, db: PgConnectOptions) {
    let booth = Booth::new(db, json!({ "daily_limit": 0 })).await;
    let app = &booth.app;
    let ada = app.customer_token("ada@example.org").await;
    let made = booth.serve(&ada).await;
    // That latte took 4 minutes from claim to ready.
    sqlx::query("update orders set claimed_at = ready_at - interval '240 seconds' where id = $1")
        .bind(uuid::Uuid::parse_str(&made).expect("uuid"))
        .execute(&app.pool)
        .await
        .expect("timed");
    booth.queued(&ada).await;
    assert_eq!(
        places(&booth, &booth.barista).await[1],
        (Some(1), Some(240))
    );
}
