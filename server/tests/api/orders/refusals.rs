//! Every rule that refuses a step, with its code.

use serde_json::{Value, json};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

use super::Booth;
use crate::helpers::{Auth, error_code};

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn starting_an_order_is_refused_for_each_rule(_: PgPoolOptions, db: PgConnectOptions) {
    let booth = Booth::new(db, json!({ "drinks_per_code": 2, "capacity": 2 })).await;
    let customers = [
        booth.app.customer_token("a@example.org").await,
        booth.app.customer_token("b@example.org").await,
        booth.app.customer_token("c@example.org").await,
    ];
    let token = booth.qr().await["token"]
        .as_str()
        .expect("token")
        .to_owned();

    let refusal = |response: reqwest::Response| async move {
        (response.status().as_u16(), error_code(response).await)
    };
    assert_eq!(
        refusal(booth.start(&customers[0], "guessed-token").await).await,
        (422, "invalid_token".into())
    );
    booth.set_open(false).await;
    assert_eq!(
        refusal(booth.start(&customers[0], &token).await).await,
        (409, "shop_closed".into())
    );
    booth.set_open(true).await;

    assert_eq!(booth.start(&customers[0], &token).await.status(), 201);
    assert_eq!(
        refusal(booth.start(&customers[0], &token).await).await,
        (409, "order_in_progress".into())
    );
    assert_eq!(booth.start(&customers[1], &token).await.status(), 201);
    assert_eq!(
        refusal(booth.start(&customers[2], &token).await).await,
        (409, "no_drinks_left".into())
    );

    // A fresh code, but two orders are open and the capacity is two.
    sqlx::query("update qr_codes set remaining = 5")
        .execute(&booth.app.pool)
        .await
        .expect("refilled");
    assert_eq!(
        refusal(booth.start(&customers[2], &token).await).await,
        (409, "at_capacity".into())
    );

    // A token whose window ended longer ago than the shop's grace is refused.
    sqlx::query("update qr_codes set window_end = now() - interval '121 seconds'")
        .execute(&booth.app.pool)
        .await
        .expect("expired");
    assert_eq!(
        refusal(booth.start(&customers[2], &token).await).await,
        (422, "invalid_token".into())
    );
    assert_eq!(
        refusal(
            booth
                .app
                .post_json(
                    "/api/v1/shops/demo/orders",
                    json!({ "qr_token": token }),
                    Auth::Bearer(&booth.barista)
                )
                .await
        )
        .await
        .0,
        403
    );
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn the_daily_limit_counts_orders_that_reached_ready(_: PgPoolOptions, db: PgConnectOptions) {
    let booth = Booth::new(db, json!({ "daily_limit": 1 })).await;
    let ada = booth.app.customer_token("ada@example.org").await;
    let cancelled = booth.queued(&ada).await;
    booth
        .step(&ada, cancelled["id"].as_str().expect("id"), "cancel")
        .await;
    let served = booth.queued(&ada).await;
    booth
        .step(
            &booth.barista,
            served["id"].as_str().expect("id"),
            "complete",
        )
        .await;

    let token = booth.qr().await["token"]
        .as_str()
        .expect("token")
        .to_owned();
    let response = booth.start(&ada, &token).await;

    assert_eq!(response.status(), 409);
    assert_eq!(error_code(response).await, "daily_limit_reached");
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn a_code_scanned_late_still_starts_an_order_within_its_grace(
    _: PgPoolOptions,
    db: PgConnectOptions,
) {
    let booth = Booth::new(db, json!({ "drinks_per_code": 2, "code_grace_s": 60 })).await;
    let token = booth.qr().await["token"]
        .as_str()
        .expect("token")
        .to_owned();
    // The screen moved on to the next window 50 s ago, whose code is another.
    sqlx::query(
        "update qr_codes set window_start = window_start - interval '1 hour',
                             window_end = now() - interval '50 seconds'",
    )
    .execute(&booth.app.pool)
    .await
    .expect("window ended");
    let next = booth.qr().await["token"]
        .as_str()
        .expect("token")
        .to_owned();
    assert_ne!(next, token);

    for (n, email) in ["a@example.org", "b@example.org"].into_iter().enumerate() {
        let customer = booth.app.customer_token(email).await;
        let response = booth.start(&customer, &token).await;
        assert_eq!(response.status(), 201, "late customer {n}");
    }
    // Against its own window's drinks: two, both spent.
    let third = booth.app.customer_token("c@example.org").await;
    let response = booth.start(&third, &token).await;
    assert_eq!(error_code(response).await, "no_drinks_left");
    let remaining: i32 = sqlx::query_scalar("select remaining from qr_codes where token = $1")
        .bind(&next)
        .fetch_one(&booth.app.pool)
        .await
        .expect("the new window's code");
    assert_eq!(remaining, 2, "the new window's drinks are untouched");
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn an_order_recalled_then_cancelled_does_not_count_toward_the_daily_limit(
    _: PgPoolOptions,
    db: PgConnectOptions,
) {
    let booth = Booth::new(db, json!({ "daily_limit": 1 })).await;
    let ada = booth.app.customer_token("ada@example.org").await;
    let id = booth.serve(&ada).await;
    assert_eq!(
        booth.step(&booth.barista, &id, "recall").await.status(),
        200
    );
    assert_eq!(
        booth.step(&booth.barista, &id, "cancel").await.status(),
        200
    );

    let again = booth.started(&ada).await;
    assert_ne!(again, id);
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn choosing_a_drink_is_checked_against_the_menu(_: PgPoolOptions, db: PgConnectOptions) {
    let booth = Booth::new(db, json!({})).await;
    let ada = booth.app.customer_token("ada@example.org").await;
    let id = booth.started(&ada).await;

    let response = booth.choose(&ada, &id, "latte", &["soy"]).await;
    assert_eq!(response.status(), 422);
    let body: Value = response.json().await.expect("json");
    assert_eq!(body["error"]["code"], "sold_out");
    assert_eq!(body["error"]["field"], "choices[0]");
    assert_eq!(
        error_code(booth.choose(&ada, &id, "mocha", &[]).await).await,
        "unknown_drink"
    );
    assert_eq!(
        booth
            .choose(&booth.barista, &id, "latte", &["oat"])
            .await
            .status(),
        403
    );

    assert_eq!(
        booth.choose(&ada, &id, "latte", &["oat"]).await.status(),
        200
    );
    let again = booth.choose(&ada, &id, "latte", &["oat"]).await;
    assert_eq!(again.status(), 409);
    assert_eq!(error_code(again).await, "invalid_state");
}
