//! A server killed with orders in flight and deadlines pending loses nothing: after a
//! restart every order is there and every deadline fires, once.

use std::{process::Stdio, time::Duration};

use reqwest::Method;
use serde_json::{Value, json};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use tokio::process::{Child, Command};

use app::ssr::db;

use crate::helpers::customer_token_at;

/// The real binary, in dev mode (demo shop and staff), on `port`.
async fn start(db: &PgConnectOptions, port: u16) -> Child {
    let url = format!(
        "postgres://{}@{}:{}/{}",
        db.get_username(),
        db.get_host(),
        db.get_port(),
        db.get_database().expect("a database"),
    );
    let child = Command::new(env!("CARGO_BIN_EXE_crema"))
        .env("DATABASE_URL", url)
        .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
        .env("CREMA__DEV_MODE", "true")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .expect("the server starts");
    let client = reqwest::Client::new();
    for _ in 0..100 {
        if client
            .get(format!("http://127.0.0.1:{port}/healthz"))
            .send()
            .await
            .is_ok_and(|response| response.status() == 200)
        {
            return child;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the server did not come up");
}

async fn call(base: &str, method: Method, path: &str, token: Option<&str>, body: Value) -> Value {
    let mut request = reqwest::Client::new()
        .request(method, format!("{base}/api/v1{path}"))
        .json(&body);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.expect("sent");
    assert!(
        response.status().is_success(),
        "{path}: {}",
        response.status()
    );
    response.json().await.unwrap_or(Value::Null)
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn a_killed_server_loses_no_order_and_fires_each_deadline_once(
    _: PgPoolOptions,
    db: PgConnectOptions,
) {
    // A free port for the child, and a pool of our own to look into the database (no
    // server here: only the child's runner may fire the deadlines).
    let pool = db::pool_with(db.clone(), 2);
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a port");
        listener.local_addr().expect("bound").port()
    };
    let base = format!("http://127.0.0.1:{port}");
    let mut server = start(&db, port).await;
    let login = |username: &'static str| {
        let base = base.clone();
        async move {
            let body = call(
                &base,
                Method::POST,
                "/auth/login",
                None,
                json!({ "username": username, "password": "crema-demo" }),
            )
            .await;
            body["token"].as_str().expect("token").to_owned()
        }
    };
    let display = login("display").await;
    let mut ids = Vec::new();
    for (n, choose) in [true, true, false].into_iter().enumerate() {
        let email = format!("guest{n}@example.org");
        let customer = customer_token_at(&reqwest::Client::new(), &base, &email).await;
        let qr = call(
            &base,
            Method::GET,
            "/shops/demo/qr",
            Some(&display),
            json!(null),
        )
        .await;
        let order = call(
            &base,
            Method::POST,
            "/shops/demo/orders",
            Some(&customer),
            json!({ "qr_token": qr["token"] }),
        )
        .await;
        let id = order["id"].as_str().expect("id").to_owned();
        if choose {
            call(
                &base,
                Method::PUT,
                &format!("/orders/{id}/drink"),
                Some(&customer),
                json!({ "drink": "latte", "choices": ["oat"] }),
            )
            .await;
        }
        ids.push(id);
    }
    // Every deadline falls due a moment after the crash.
    sqlx::query("update orders set deadline_at = now() + interval '1 second'")
        .execute(&pool)
        .await
        .expect("deadlines");

    server.start_kill().expect("SIGKILL");
    server.wait().await.expect("killed");
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let restarted = start(&db, port).await;

    for id in &ids {
        let ended = || {
            sqlx::query_as::<_, (String, i64)>(
                "select o.state::text, (select count(*) from events e
                                        where e.order_id = o.id and e.type = 'order.timed_out')
                 from orders o where o.id = $1::uuid",
            )
            .bind(id)
            .fetch_one(&pool)
        };
        let mut outcome = ended().await.expect("the order");
        for _ in 0..50 {
            if outcome.0 == "timed_out" {
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
            outcome = ended().await.expect("the order");
        }
        assert_eq!(
            outcome,
            ("timed_out".to_owned(), 1),
            "{id}: timed out, once"
        );
    }
    let orders: i64 = sqlx::query_scalar("select count(*) from orders")
        .fetch_one(&pool)
        .await
        .expect("count");
    assert_eq!(orders, 3, "no order lost");
    drop(restarted);
    pool.close().await;
}
