//! Robots: a simulation brings robot customers at its rate and robot baristas make their
//! drinks, through the same rules as people; it ends by itself, can be stopped, goes on
//! when its instance dies, and its orders stay out of the reports.

use std::time::Duration;

use app::model::Role;
use reqwest::Method;
use serde_json::{Value, json};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

use crate::{
    helpers::{Auth, TestApp, database_url, error_code, spawn_app},
    orders::Booth,
};

/// A booth robots cannot overrun: no capacity or code limit gets in the way.
const ROOMY: &str = r#"{ "capacity": 1000, "drinks_per_code": 10000 }"#;

async fn booth(db: PgConnectOptions) -> (Booth, String) {
    let booth = Booth::new(db, serde_json::from_str(ROOMY).expect("json")).await;
    let admin = booth.app.staff_token("ops", Role::Admin).await;
    (booth, admin)
}

async fn simulate(app: &TestApp, admin: &str, settings: Value) -> reqwest::Response {
    app.request(
        Method::POST,
        "/api/v1/shops/demo/simulation",
        Auth::Bearer(admin),
    )
    .json(&settings)
    .send()
    .await
    .expect("sent")
}

async fn stop(app: &TestApp, admin: &str) -> reqwest::Response {
    app.request(
        Method::DELETE,
        "/api/v1/shops/demo/simulation",
        Auth::Bearer(admin),
    )
    .send()
    .await
    .expect("sent")
}

/// The simulation once it has ended; fails after `within`.
async fn ended(app: &TestApp, admin: &str, within: Duration) -> Value {
    let deadline = tokio::time::Instant::now() + within;
    loop {
        let simulation = app
            .get_json("/api/v1/shops/demo/simulation", Auth::Bearer(admin))
            .await;
        if simulation["state"] == "ended" {
            return simulation;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "still running: {simulation}"
        );
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
}

fn count(orders: &Value, part: &str) -> u64 {
    orders[part]
        .as_object()
        .map_or(0, |counts| counts.values().filter_map(Value::as_u64).sum())
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn robots_arrive_at_their_rate_and_every_order_ends(_: PgPoolOptions, db: PgConnectOptions) {
    let (booth, admin) = booth(db).await;
    let app = &booth.app;
    // A person's order, which no robot touches.
    let ada = app.customer_token("ada@example.org").await;
    let person = booth.queued(&ada).await;

    let response = simulate(
        app,
        &admin,
        json!({ "customers_per_minute": 60, "baristas": 3, "make_s": 1, "duration_s": 60 }),
    )
    .await;
    assert_eq!(response.status(), 201);
    let started: Value = response.json().await.expect("json");
    assert_eq!(started["state"], "running");
    assert_eq!(started["settings"]["baristas"], 3);
    let again = simulate(
        app,
        &admin,
        json!({ "customers_per_minute": 1, "baristas": 1, "make_s": 1, "duration_s": 10 }),
    )
    .await;
    assert_eq!(again.status(), 409);
    assert_eq!(error_code(again).await, "simulation_running");

    let simulation = ended(app, &admin, Duration::from_secs(120)).await;
    // 60 a minute for 60 s: 60 expected; a Poisson count lands in 30..=95 but for one
    // time in some hundred thousand.
    let orders = &simulation["orders"];
    let arrivals = count(orders, "by_state") + count(orders, "refused");
    assert!((30..=95).contains(&arrivals), "{simulation}");
    let states: Vec<&String> = orders["by_state"]
        .as_object()
        .expect("states")
        .keys()
        .collect();
    assert!(
        states
            .iter()
            .all(|state| ["ready", "cancelled", "timed_out"].contains(&state.as_str())),
        "{simulation}"
    );

    // Robot orders say so, and made by robots.
    let listed = app
        .get_json(
            "/api/v1/shops/demo/orders?state=ready&picked_up=true",
            Auth::Bearer(&booth.barista),
        )
        .await;
    let listed = listed.as_array().expect("orders");
    assert!(!listed.is_empty());
    assert!(
        listed.iter().all(|order| order["robot"] == true),
        "{listed:?}"
    );
    let person = app
        .get_json(
            &format!("/api/v1/orders/{}", person["id"].as_str().expect("id")),
            Auth::Bearer(&ada),
        )
        .await;
    assert_eq!(
        (&person["state"], &person["robot"]),
        (&json!("queued"), &json!(false))
    );

    // Reports leave robots out unless asked.
    let report = app
        .get_json("/api/v1/shops/demo/report", Auth::Bearer(&admin))
        .await;
    assert_eq!(report["orders"]["started"], 1, "{report}");
    let with_robots = app
        .get_json(
            "/api/v1/shops/demo/report?robots=true",
            Auth::Bearer(&admin),
        )
        .await;
    assert_eq!(
        with_robots["orders"]["started"].as_u64(),
        Some(count(orders, "by_state") + 1),
        "{with_robots}"
    );
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn a_stopped_simulation_cancels_its_open_orders(_: PgPoolOptions, db: PgConnectOptions) {
    let (booth, admin) = booth(db).await;
    let app = &booth.app;
    // Slow baristas: orders pile up.
    let response = simulate(
        app,
        &admin,
        json!({ "customers_per_minute": 600, "baristas": 1, "make_s": 600, "duration_s": 600 }),
    )
    .await;
    assert_eq!(response.status(), 201);
    tokio::time::sleep(Duration::from_secs(3)).await;

    let stop = stop(app, &admin).await;
    assert_eq!(stop.status(), 204);
    let simulation = ended(app, &admin, Duration::from_secs(5)).await;
    let by_state = &simulation["orders"]["by_state"];
    assert!(
        by_state["cancelled"].as_u64().unwrap_or(0) > 0,
        "{simulation}"
    );
    for open in ["awaiting_drink", "queued", "making"] {
        assert!(by_state.get(open).is_none(), "{simulation}");
    }
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn a_simulation_goes_on_when_its_instance_dies(_: PgPoolOptions, db: PgConnectOptions) {
    let (booth, admin) = booth(db.clone()).await;
    let response = simulate(
        &booth.app,
        &admin,
        json!({ "customers_per_minute": 120, "baristas": 2, "make_s": 1, "duration_s": 10 }),
    )
    .await;
    assert_eq!(response.status(), 201);
    tokio::time::sleep(Duration::from_secs(2)).await;
    // The instance dies holding it; another comes up on the same database.
    drop(booth);
    let other = spawn_app(db).await;
    let admin = other.staff_token("ops", Role::Admin).await;
    let simulation = ended(&other, &admin, Duration::from_secs(60)).await;
    assert!(count(&simulation["orders"], "by_state") > 0, "{simulation}");
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn robots_are_for_admins_and_their_settings_are_checked(
    _: PgPoolOptions,
    db: PgConnectOptions,
) {
    let (booth, admin) = booth(db).await;
    let app = &booth.app;
    let settings =
        json!({ "customers_per_minute": 10, "baristas": 1, "make_s": 30, "duration_s": 60 });
    assert_eq!(
        simulate(app, &booth.barista, settings.clone())
            .await
            .status(),
        403
    );
    let none = app
        .get_as("/api/v1/shops/demo/simulation", Auth::Bearer(&admin))
        .await;
    assert_eq!(none.status(), 404);
    for (field, value) in [
        ("customers_per_minute", json!(0)),
        ("baristas", json!(21)),
        ("make_s", json!(601)),
        ("duration_s", json!(5)),
        ("slow_ratio", json!(1.5)),
    ] {
        let mut wrong = settings.clone();
        wrong[field] = value;
        let response = simulate(app, &admin, wrong).await;
        assert_eq!(response.status(), 422, "{field}");
        let error: Value = response.json().await.expect("json");
        assert_eq!(error["error"]["field"], field, "{error}");
    }
    let stop = stop(app, &admin).await;
    assert_eq!(stop.status(), 404);
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn replaying_an_exported_day_reproduces_its_drink_counts(
    _: PgPoolOptions,
    db: PgConnectOptions,
) {
    let (booth, admin) = booth(db).await;
    let app = &booth.app;
    // A recorded day: drinks made, a customer who left, an order the baristas cancelled.
    let made: [(&str, &[&str]); 4] = [
        ("latte", &["oat", "vanilla"]),
        ("espresso", &["double"]),
        ("latte", &["whole"]),
        ("americano", &["single", "oat"]),
    ];
    for (n, (drink, choices)) in made.iter().enumerate() {
        let customer = app.customer_token(&format!("day{n}@example.org")).await;
        let id = booth.started(&customer).await;
        assert_eq!(
            booth.choose(&customer, &id, drink, choices).await.status(),
            200
        );
        for step in ["claim", "complete"] {
            assert_eq!(booth.step(&booth.barista, &id, step).await.status(), 200);
        }
    }
    let leaver = app.customer_token("leaver@example.org").await;
    let left = booth.started(&leaver).await;
    assert_eq!(booth.step(&leaver, &left, "cancel").await.status(), 200);
    let refused = app.customer_token("refused@example.org").await;
    let refused = booth.queued(&refused).await["id"]
        .as_str()
        .expect("id")
        .to_owned();
    assert_eq!(
        booth
            .step(&booth.barista, &refused, "cancel")
            .await
            .status(),
        200
    );
    let day = app
        .get_json("/api/v1/shops/demo/report", Auth::Bearer(&admin))
        .await;

    let export = app
        .get_as("/api/v1/shops/demo/orders.csv", Auth::Bearer(&admin))
        .await;
    assert_eq!(export.status(), 200);
    let csv = export.text().await.expect("csv");

    // Not an export: refused by line, nothing started.
    let replay = |body: String, query: &'static str| {
        app.request(
            Method::POST,
            &format!("/api/v1/shops/demo/replay{query}"),
            Auth::Bearer(&admin),
        )
        .header("content-type", "text/csv")
        .body(body)
        .send()
    };
    let broken = csv.replacen(",ready,", ",lost,", 1);
    let response = replay(broken, "?speed=60").await.expect("sent");
    assert_eq!(response.status(), 422);
    let error: Value = response.json().await.expect("json");
    assert_eq!(error["error"]["code"], "invalid_csv", "{error}");
    assert!(
        error["error"]["message"]
            .as_str()
            .expect("message")
            .starts_with("Line ")
    );
    let fast = replay(csv.clone(), "?speed=61").await.expect("sent");
    assert_eq!(fast.status(), 422);

    // Played back at 60×, the robots make the same drinks with the same choices.
    let response = replay(csv, "?speed=60").await.expect("sent");
    assert_eq!(response.status(), 201);
    let started: Value = response.json().await.expect("json");
    assert_eq!(started["replay"]["speed"], 60, "{started}");
    assert_eq!(started["replay"]["orders"], 6, "{started}");
    let simulation = ended(app, &admin, Duration::from_secs(60)).await;
    assert_eq!(simulation["orders"]["by_state"]["ready"], 4, "{simulation}");
    assert_eq!(
        simulation["orders"]["by_state"]["cancelled"], 2,
        "{simulation}"
    );
    assert!(
        !simulation["timeline"]
            .as_array()
            .expect("timeline")
            .is_empty()
    );

    let people = app
        .get_json("/api/v1/shops/demo/report", Auth::Bearer(&admin))
        .await;
    assert_eq!(people["by_drink"], day["by_drink"], "robots stay out");
    let both = app
        .get_json(
            "/api/v1/shops/demo/report?robots=true",
            Auth::Bearer(&admin),
        )
        .await;
    let doubled = |counts: &Value| -> Vec<(String, u64)> {
        let mut counts: Vec<(String, u64)> = counts
            .as_array()
            .expect("counts")
            .iter()
            .map(|count| {
                let key = count.get("drink").or(count.get("choice")).expect("a key");
                (key.to_string(), count["count"].as_u64().expect("count"))
            })
            .collect();
        counts.sort();
        counts
    };
    for part in ["by_drink", "by_choice"] {
        let twice: Vec<(String, u64)> = doubled(&day[part])
            .into_iter()
            .map(|(key, count)| (key, count * 2))
            .collect();
        assert_eq!(doubled(&both[part]), twice, "{part}: {both}");
    }
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn crema_simulate_runs_the_robots_without_a_server(_: PgPoolOptions, db: PgConnectOptions) {
    let run = |args: &[&str]| {
        tokio::process::Command::new(env!("CARGO_BIN_EXE_crema"))
            .arg("simulate")
            .args(args)
            .env("DATABASE_URL", database_url(&db))
            .env("CREMA__DEV_MODE", "true")
            .env("RUST_LOG", "warn")
            .kill_on_drop(true)
            .output()
    };
    let refused = run(&["demo", "--customers-per-minute", "0"])
        .await
        .expect("ran");
    assert!(!refused.status.success());
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("customers_per_minute is from 1 to 600"),
        "{refused:?}"
    );

    let args = [
        "demo",
        "--customers-per-minute",
        "120",
        "--baristas",
        "2",
        "--make-s",
        "1",
        "--duration-s",
        "10",
        // None lets its order wait out the customer's deadline.
        "--slow-ratio",
        "0",
    ];
    let ran = tokio::time::timeout(Duration::from_secs(90), run(&args))
        .await
        .expect("ends by itself")
        .expect("ran");
    let out = String::from_utf8_lossy(&ran.stdout);
    assert!(ran.status.success(), "{ran:?}");
    assert!(
        out.contains("robots at demo") && out.contains("Ended"),
        "{out}"
    );
    let pool = app::ssr::db::pool_with(db, 1);
    let (ended, made): (bool, i64) = sqlx::query_as(
        "select s.ended_at is not null,
                (select count(*) from orders o join users u on u.id = o.customer_id
                 where u.simulation_id = s.id and o.state = 'ready')
         from simulations s where s.shop = 'demo'",
    )
    .fetch_one(&pool)
    .await
    .expect("the simulation");
    assert!(ended && made > 0, "{out}");
}
