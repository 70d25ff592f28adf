//! The order workflow over the public API: the lifecycle, every refusal, and races.

use app::model::Role;
use futures::future::join_all;
use reqwest::Method;
use serde_json::{Value, json};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

use crate::helpers::{Auth, TestApp, error_code, spawn_app};

/// A shop with the demo menu, open, with `settings` over the defaults, and a display's
/// and a barista's sessions.
struct Booth {
    app: TestApp,
    display: String,
    barista: String,
}

impl Booth {
    async fn new(db: PgConnectOptions, settings: Value) -> Self {
        let app = spawn_app(db).await;
        app.seed_demo_shop().await;
        sqlx::query("update shops set settings = settings || $1 where slug = 'demo'")
            .bind(settings)
            .execute(&app.pool)
            .await
            .expect("settings");
        let display = app.staff_token("screen", Role::Display).await;
        let barista = app.staff_token("lena", Role::Barista).await;
        Self {
            app,
            display,
            barista,
        }
    }

    async fn qr(&self) -> Value {
        let response = self
            .app
            .get_as("/api/v1/shops/demo/qr", Auth::Bearer(&self.display))
            .await;
        assert_eq!(response.status(), 200);
        response.json().await.expect("json")
    }

    async fn start(&self, customer: &str, token: &str) -> reqwest::Response {
        self.app
            .post_json(
                "/api/v1/shops/demo/orders",
                json!({ "qr_token": token }),
                Auth::Bearer(customer),
            )
            .await
    }

    /// Starts an order with the current code; returns its id.
    async fn started(&self, customer: &str) -> String {
        let token = self.qr().await["token"].as_str().expect("token").to_owned();
        let response = self.start(customer, &token).await;
        assert_eq!(response.status(), 201);
        let order: Value = response.json().await.expect("json");
        order["id"].as_str().expect("id").to_owned()
    }

    async fn choose(
        &self,
        customer: &str,
        id: &str,
        drink: &str,
        choices: &[&str],
    ) -> reqwest::Response {
        self.app
            .request(
                Method::PUT,
                &format!("/api/v1/orders/{id}/drink"),
                Auth::Bearer(customer),
            )
            .json(&json!({ "drink": drink, "choices": choices }))
            .send()
            .await
            .expect("sent")
    }

    /// Starts an order and chooses a latte; returns the order.
    async fn queued(&self, customer: &str) -> Value {
        let id = self.started(customer).await;
        let response = self.choose(customer, &id, "latte", &["oat"]).await;
        let status = response.status();
        let body: Value = response.json().await.expect("json");
        assert_eq!(status, 200, "{body}");
        body
    }

    async fn step(&self, who: &str, id: &str, step: &str) -> reqwest::Response {
        self.app
            .request(
                Method::POST,
                &format!("/api/v1/orders/{id}/{step}"),
                Auth::Bearer(who),
            )
            .send()
            .await
            .expect("sent")
    }

    async fn set_open(&self, open: bool) {
        let response = self
            .app
            .request(
                Method::PUT,
                "/api/v1/shops/demo/open",
                Auth::Bearer(&self.barista),
            )
            .json(&json!({ "open": open }))
            .send()
            .await
            .expect("sent");
        assert_eq!(response.status(), 200);
    }
}

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
    let kinds: Vec<_> = journey
        .iter()
        .map(|event| event["type"].as_str().expect("type"))
        .collect();
    assert_eq!(
        kinds,
        [
            "order.created",
            "order.queued",
            "order.claimed",
            "order.ready"
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

    for path in [
        format!("/api/v1/orders/{id}"),
        format!("/api/v1/orders/{id}/journey"),
    ] {
        assert_eq!(
            booth.app.get_as(&path, Auth::Bearer(&bob)).await.status(),
            404,
            "{path}"
        );
        assert_eq!(
            booth.app.get_as(&path, Auth::Bearer(&ada)).await.status(),
            200,
            "{path}"
        );
        assert_eq!(
            booth
                .app
                .get_as(&path, Auth::Bearer(&booth.barista))
                .await
                .status(),
            200,
            "{path}"
        );
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
    assert_eq!(
        booth
            .app
            .get_as("/api/v1/orders/not-a-uuid", Auth::Bearer(&ada))
            .await
            .status(),
        404
    );
}

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

    // An expired window's token is refused.
    sqlx::query("update qr_codes set window_end = now() - interval '1 second'")
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
async fn choosing_a_drink_is_checked_against_the_menu(_: PgPoolOptions, db: PgConnectOptions) {
    let booth = Booth::new(db, json!({})).await;
    let ada = booth.app.customer_token("ada@example.org").await;
    let id = booth.started(&ada).await;

    let response = booth.choose(&ada, &id, "latte", &["soy"]).await;
    assert_eq!(response.status(), 422);
    let body: Value = response.json().await.expect("json");
    assert_eq!(body["error"]["code"], "choice_unavailable");
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
    assert_eq!(booth.app.events_of_type(&id, "order.timed_out").await, 1);
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
            app::ssr::orders::timeouts::fire_due(&booth.app.pool, 100),
        );

        fired.expect("runner ran");
        let state = booth.app.order_state(&id).await;
        let ended = booth.app.events_of_type(&id, "order.ready").await
            + booth.app.events_of_type(&id, "order.timed_out").await;
        assert_eq!(ended, 1, "exactly one outcome");
        match completed.status().as_u16() {
            200 => assert_eq!(state, "ready"),
            409 => assert_eq!(state, "timed_out"),
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
        app::ssr::orders::timeouts::fire_due(&booth.app.pool, 25),
        app::ssr::orders::timeouts::fire_due(&booth.app.pool, 25),
    );
    a.expect("a runner");
    b.expect("another runner");
    app::ssr::orders::timeouts::fire_due(&booth.app.pool, 100)
        .await
        .expect("the rest");

    // The app's own runner ran meanwhile too: still, each order timed out once.
    for id in &ids {
        assert_eq!(booth.app.order_state(id).await, "timed_out");
        assert_eq!(
            booth.app.events_of_type(id, "order.timed_out").await,
            1,
            "{id}"
        );
    }
}

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
    assert_eq!(booth.app.events_of_type(&id, "order.queued").await, 1);
}
