//! Concurrent requests that must end one way only.

use app::model::Role;
use futures::future::join_all;
use serde_json::json;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

use super::Booth;
use crate::helpers::error_code;

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn fifty_baristas_claiming_one_order_make_one_winner(_: PgPoolOptions, db: PgConnectOptions) {
    let booth = Booth::new(db, json!({})).await;
    let ada = booth.app.customer_token("ada@example.org").await;
    let id = booth.queued(&ada).await["id"]
        .as_str()
        .expect("id")
        .to_owned();
    let mut baristas = Vec::new();
    for n in 0..50 {
        baristas.push(
            booth
                .app
                .session_for(&format!("barista{n}"), Role::Barista)
                .await,
        );
    }

    let statuses = join_all(baristas.iter().map(|token| booth.step(token, &id, "claim")))
        .await
        .into_iter()
        .map(|response| response.status().as_u16())
        .collect::<Vec<_>>();

    assert_eq!(
        statuses.iter().filter(|status| **status == 200).count(),
        1,
        "{statuses:?}"
    );
    assert_eq!(
        statuses.iter().filter(|status| **status == 409).count(),
        49,
        "{statuses:?}"
    );
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn fifty_redemptions_at_capacity_twenty_admit_exactly_twenty(
    _: PgPoolOptions,
    db: PgConnectOptions,
) {
    let booth = Booth::new(db, json!({ "capacity": 20, "drinks_per_code": 100 })).await;
    let token = booth.qr().await["token"]
        .as_str()
        .expect("token")
        .to_owned();
    let mut customers = Vec::new();
    for n in 0..50 {
        customers.push(
            booth
                .app
                .session_for(&format!("guest{n}@example.org"), Role::Customer)
                .await,
        );
    }

    let responses = join_all(
        customers
            .iter()
            .map(|customer| booth.start(customer, &token)),
    )
    .await;

    let mut codes = Vec::new();
    for response in responses {
        codes.push(if response.status() == 201 {
            "created".to_owned()
        } else {
            error_code(response).await
        });
    }
    assert_eq!(
        codes.iter().filter(|code| *code == "created").count(),
        20,
        "{codes:?}"
    );
    assert_eq!(
        codes.iter().filter(|code| *code == "at_capacity").count(),
        30,
        "{codes:?}"
    );
    assert_eq!(booth.qr().await["remaining"], 80);
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn a_hundred_concurrent_orders_are_numbered_one_to_a_hundred(
    _: PgPoolOptions,
    db: PgConnectOptions,
) {
    let booth = Booth::new(db, json!({ "capacity": 200, "drinks_per_code": 200 })).await;
    let mut customers = Vec::new();
    for n in 0..100 {
        customers.push(
            booth
                .app
                .session_for(&format!("guest{n}@example.org"), Role::Customer)
                .await,
        );
    }

    let orders = join_all(customers.iter().map(|customer| booth.queued(customer))).await;

    let mut numbers: Vec<i64> = orders
        .iter()
        .map(|order| order["number"].as_i64().expect("number"))
        .collect();
    numbers.sort_unstable();
    assert_eq!(numbers, (1..=100).collect::<Vec<_>>());
}
