//! Every endpoint × every kind of caller → the exact status each gets. Later endpoints
//! add their rows here.

use app::model::Role;
use reqwest::Method;
use serde_json::{Value, json};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

use crate::helpers::{Auth, TestApp, spawn_app};

/// The callers, in the order of each row's statuses.
const CALLERS: [&str; 6] = [
    "anonymous",
    "customer A",
    "customer B",
    "barista",
    "display",
    "admin",
];

enum Call {
    /// A JSON API or page request.
    Http(Method, String, Option<Value>),
    /// A server function, form-encoded.
    ServerFn(&'static str, Vec<(&'static str, String)>),
}

/// `order` is an order of customer A's, in `awaiting_drink`.
fn table(order: &str) -> Vec<(Call, [u16; 6])> {
    use Call::*;
    let id = order;
    let order = |path: &str| path.replace("{order}", id);
    let args = |args: &[(&'static str, &str)]| {
        args.iter()
            .map(|(name, value)| (*name, value.replace("{order}", id)))
            .collect::<Vec<_>>()
    };
    vec![
        (
            Http(Method::GET, order("/api/v1/me"), None),
            [401, 200, 200, 200, 200, 200],
        ),
        (
            Http(Method::POST, order("/api/v1/auth/logout"), Some(json!({}))),
            [401, 204, 204, 204, 204, 204],
        ),
        (
            Http(
                Method::POST,
                order("/api/v1/auth/code"),
                Some(json!({ "email": "new@example.org" })),
            ),
            [204; 6],
        ),
        (
            Http(
                Method::POST,
                order("/api/v1/auth/verify"),
                Some(json!({ "email": "nobody@example.org", "code": "123456" })),
            ),
            [401; 6],
        ),
        (
            Http(
                Method::POST,
                order("/api/v1/auth/login"),
                Some(json!({ "username": "nobody", "password": "nothing!" })),
            ),
            [401; 6],
        ),
        (
            Http(Method::GET, order("/api/v1/dev/mailbox"), None),
            [200; 6],
        ),
        (
            Http(Method::GET, order("/api/v1/nothing-here"), None),
            [404; 6],
        ),
        (Http(Method::GET, order("/"), None), [200; 6]),
        (Http(Method::GET, order("/order/demo"), None), [200; 6]),
        (
            Http(Method::GET, order("/barista/demo"), None),
            [401, 403, 403, 200, 403, 200],
        ),
        (
            Http(Method::GET, order("/display/demo"), None),
            [401, 403, 403, 403, 200, 200],
        ),
        (Http(Method::GET, order("/dev/mailbox"), None), [200; 6]),
        (Http(Method::GET, order("/api/v1/shops"), None), [200; 6]),
        (
            Http(Method::GET, order("/api/v1/shops/demo"), None),
            [200; 6],
        ),
        (
            Http(
                Method::PUT,
                order("/api/v1/shops/demo/open"),
                Some(json!({ "open": true })),
            ),
            [401, 403, 403, 200, 403, 200],
        ),
        (
            Http(Method::GET, order("/api/v1/shops/demo/qr"), None),
            [401, 403, 403, 403, 200, 200],
        ),
        (
            Http(Method::GET, order("/api/v1/shops/demo/orders"), None),
            [401, 403, 403, 200, 200, 200],
        ),
        (
            Http(
                Method::POST,
                order("/api/v1/shops/demo/orders"),
                Some(json!({ "qr_token": "guessed" })),
            ),
            [401, 422, 422, 403, 403, 403],
        ),
        (
            Http(Method::GET, order("/api/v1/me/orders"), None),
            [401, 200, 200, 403, 403, 403],
        ),
        (
            Http(Method::GET, order("/api/v1/orders/{order}"), None),
            [401, 200, 404, 200, 200, 200],
        ),
        (
            Http(Method::GET, order("/api/v1/orders/{order}/journey"), None),
            [401, 200, 404, 200, 200, 200],
        ),
        (
            Http(
                Method::PUT,
                order("/api/v1/orders/{order}/drink"),
                Some(json!({ "drink": "mocha" })),
            ),
            [401, 422, 404, 403, 403, 403],
        ),
        (
            Http(
                Method::POST,
                order("/api/v1/shops"),
                Some(json!({ "slug": "annex", "name": "Annex" })),
            ),
            [401, 403, 403, 403, 403, 201],
        ),
        (
            Http(
                Method::PATCH,
                order("/api/v1/shops/demo"),
                Some(json!({ "capacity": 20 })),
            ),
            [401, 403, 403, 403, 403, 200],
        ),
        (
            Http(
                Method::PUT,
                order("/api/v1/shops/demo/menu"),
                Some(json!([])),
            ),
            [401, 403, 403, 403, 403, 200],
        ),
        (ServerFn("shops", args(&[])), [200; 6]),
        (ServerFn("shop", args(&[("slug", "demo")])), [200; 6]),
        (
            ServerFn("booth_code", args(&[("slug", "demo")])),
            [401, 403, 403, 403, 200, 200],
        ),
        (ServerFn("auth/me", args(&[])), [200; 6]),
        (
            ServerFn("auth/app", args(&[("app", "barista")])),
            [401, 403, 403, 200, 403, 200],
        ),
        (
            ServerFn("auth/app", args(&[("app", "display")])),
            [401, 403, 403, 403, 200, 200],
        ),
        (
            ServerFn("auth/logout", args(&[])),
            [401, 200, 200, 200, 200, 200],
        ),
        (ServerFn("dev/mailbox", args(&[])), [200; 6]),
        (
            ServerFn("shop/open", args(&[("slug", "demo"), ("open", "true")])),
            [401, 403, 403, 200, 403, 200],
        ),
        (
            ServerFn(
                "orders/start",
                args(&[("shop", "demo"), ("token", "guessed")]),
            ),
            [401, 422, 422, 403, 403, 403],
        ),
        (
            ServerFn(
                "orders/drink",
                args(&[
                    ("order", "{order}"),
                    ("drink", "mocha"),
                    ("choices[0]", "oat"),
                ]),
            ),
            [401, 422, 404, 403, 403, 403],
        ),
        (
            // Claiming an order still awaiting its drink: staff learn it is too early.
            ServerFn(
                "orders/act",
                args(&[("order", "{order}"), ("action", "claim")]),
            ),
            [401, 403, 403, 409, 403, 409],
        ),
        (
            ServerFn("orders/get", args(&[("order", "{order}")])),
            [401, 200, 404, 200, 200, 200],
        ),
        (
            // Gone: no page read an order's journey apart from the order (the JSON API's
            // journey stays).
            ServerFn("orders/journey", args(&[("order", "{order}")])),
            [404; 6],
        ),
        (
            ServerFn("orders/mine", args(&[])),
            [401, 200, 200, 403, 403, 403],
        ),
        (
            ServerFn("orders/follow", args(&[("order", "{order}")])),
            [401, 200, 404, 200, 200, 200],
        ),
        (
            ServerFn("board", args(&[("slug", "demo")])),
            [401, 403, 403, 200, 200, 200],
        ),
        (
            // Gone: the boards start from `board` (the JSON API's orders stay).
            ServerFn(
                "orders/of_shop",
                args(&[("shop", "demo"), ("states[0]", "queued")]),
            ),
            [404; 6],
        ),
    ]
}

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

/// Fresh sessions for the six callers (a row may sign them out).
async fn sign_in_all(app: &TestApp) -> Vec<Option<String>> {
    forget_codes(app).await;
    vec![
        None,
        Some(app.customer_token("a@example.org").await),
        Some(app.customer_token("b@example.org").await),
        Some(app.staff_token("barista", Role::Barista).await),
        Some(app.staff_token("display", Role::Display).await),
        Some(app.staff_token("admin", Role::Admin).await),
    ]
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn each_caller_gets_exactly_its_status(_: PgPoolOptions, db: PgConnectOptions) {
    let app = spawn_app(db).await;
    app.seed_demo_shop().await;

    let order = order_of_customer_a(&app).await;
    let mut failures = Vec::new();
    for (call, expected) in table(&order) {
        let tokens = sign_in_all(&app).await;
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
