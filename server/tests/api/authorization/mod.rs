//! Every endpoint × every kind of caller → the exact status each gets. Later endpoints
//! add their rows here.

use app::{
    model::Role,
    ssr::auth::{
        sessions,
        throttle::{Backoff, PER_USERNAME, Throttle},
    },
};
use serde_json::{Value, json};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

use self::table::{Call, table};
use crate::helpers::{Auth, TestApp, spawn_app, spawn_app_configured};

mod table;

/// The callers, in the order of each row's statuses.
const CALLERS: [&str; 8] = [
    "anonymous",
    "customer A",
    "customer B",
    "barista",
    "display",
    "admin",
    "barista tablet (paired to demo)",
    "booth screen (paired to demo)",
];

/// Starts an order for customer A, as the display's code allows.
async fn order_of_customer_a(app: &TestApp) -> String {
    let display = app.staff_token("display", Role::Display).await;
    let qr: Value = app
        .get_as("/api/v1/shops/demo/qr", Auth::Bearer(&display))
        .await
        .json()
        .await
        .expect("json");
    forget_codes(app).await;
    let customer = app.customer_token("a@example.org").await;
    let order: Value = app
        .post_json(
            "/api/v1/shops/demo/orders",
            json!({ "qr_token": qr["token"] }),
            Auth::Bearer(&customer),
        )
        .await
        .json()
        .await
        .expect("json");
    order["id"].as_str().expect("an order").to_owned()
}

/// Forgets the sign-in codes asked for so far: the rate limits have tests of their own.
async fn forget_codes(app: &TestApp) {
    sqlx::query("delete from sign_in_codes")
        .execute(&app.pool)
        .await
        .expect("deleted");
}

/// Fresh sessions for the callers (a row may sign them out); `devices` are the ids of
/// the paired barista tablet and booth screen.
async fn sign_in_all(app: &TestApp, devices: &[String; 2]) -> Vec<Option<String>> {
    forget_codes(app).await;
    let mut device_sessions = Vec::new();
    for id in devices {
        let id = id.parse().expect("a device id");
        let session = sessions::start_lasting(&app.pool, id, sessions::DEVICE_SESSION_DAYS)
            .await
            .expect("a session");
        device_sessions.push(Some(session.token));
    }
    let mut callers = vec![
        None,
        Some(app.customer_token("a@example.org").await),
        Some(app.customer_token("b@example.org").await),
        Some(app.staff_token("barista", Role::Barista).await),
        Some(app.staff_token("display", Role::Display).await),
        Some(app.staff_token("admin", Role::Admin).await),
    ];
    callers.extend(device_sessions);
    callers
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn each_caller_gets_exactly_its_status(_: PgPoolOptions, db: PgConnectOptions) {
    // Every caller tries the same unknown username: more than one person's free tries
    // (the limits have tests of their own).
    let app = spawn_app_configured(db, |state| {
        state.passwords.by_username = Throttle::new(Backoff {
            free: 100,
            ..PER_USERNAME
        });
    })
    .await;
    app.seed_demo_shop().await;

    let order = order_of_customer_a(&app).await;
    let devices = [
        app.pair_device("Tablet", "barista", "demo").await.0,
        app.pair_device("Screen", "display", "demo").await.0,
    ];
    let mut failures = Vec::new();
    for (call, expected) in table(&order) {
        let tokens = sign_in_all(&app, &devices).await;
        for ((caller, token), expected) in CALLERS.iter().zip(&tokens).zip(expected) {
            forget_codes(&app).await;
            // Pages and server functions go by cookie, as from a browser; the API by token.
            let (status, label) = match &call {
                Call::Http(method, path, body) => {
                    let auth = match (token, path.starts_with("/api/")) {
                        (None, _) => Auth::None,
                        (Some(token), true) => Auth::Bearer(token),
                        (Some(token), false) => Auth::Cookie(token),
                    };
                    let mut request = app.request(method.clone(), path, auth);
                    if let Some(body) = body {
                        request = request.json(body);
                    }
                    let status = request.send().await.expect("sent").status().as_u16();
                    (status, format!("{method} {path}"))
                }
                Call::ServerFn(endpoint, args) => {
                    let auth = token.as_deref().map_or(Auth::None, Auth::Cookie);
                    let args: Vec<_> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
                    let status = app
                        .server_fn_as(endpoint, &args, auth)
                        .await
                        .status()
                        .as_u16();
                    (status, format!("server fn {endpoint} {args:?}"))
                }
            };
            if status != expected {
                failures.push(format!(
                    "{label} as {caller}: {status}, expected {expected}"
                ));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn a_customer_sees_only_their_own_account(_: PgPoolOptions, db: PgConnectOptions) {
    let app = spawn_app(db).await;
    let a = app.customer_token("a@example.org").await;
    let b = app.customer_token("b@example.org").await;

    let me_a: Value = app
        .get_as("/api/v1/me", Auth::Bearer(&a))
        .await
        .json()
        .await
        .expect("json");
    let me_b: Value = app
        .get_as("/api/v1/me", Auth::Bearer(&b))
        .await
        .json()
        .await
        .expect("json");

    assert_eq!(me_a["email"], "a@example.org");
    assert_eq!(me_b["email"], "b@example.org");
    assert_ne!(me_a["id"], me_b["id"]);
    let html = app
        .get_as("/order/demo", Auth::Cookie(&a))
        .await
        .text()
        .await
        .expect("html");
    assert!(!html.contains("b@example.org"));
}
