//! A server killed with orders in flight and deadlines pending loses nothing: after a
//! restart every order is there and every deadline fires, once.

use std::{process::Stdio, time::Duration};

use app::{
    model::{ChooseDrink, EventKind},
    ssr::db,
};
use server::client::Client;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use tokio::process::{Child, Command};

/// The real binary, in dev mode (demo shop and staff), on `port`.
async fn start(db: &PgConnectOptions, port: u16) -> Child {
    let child = Command::new(env!("CARGO_BIN_EXE_crema"))
        .env("DATABASE_URL", crate::helpers::database_url(db))
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
    let api = Client::new(reqwest::Client::new(), &base);
    let display = api.login("display", "crema-demo").await.expect("signed in");
    let display = api.signed_in(&display.token);
    let mut ids = Vec::new();
    for (n, choose) in [true, true, false].into_iter().enumerate() {
        let email = format!("guest{n}@example.org");
        let customer = api.sign_in_customer(&email).await.expect("signed in");
        let customer = api.signed_in(&customer.token);
        let code = display.booth_code("demo").await.expect("the code");
        let order = customer
            .start_order("demo", &code.token, None)
            .await
            .expect("started");
        if choose {
            let latte = ChooseDrink {
                drink: "latte".to_owned(),
                choices: vec!["oat".to_owned()],
            };
            customer
                .choose(order.id, &latte, None)
                .await
                .expect("chosen");
        }
        ids.push(order.id.to_string());
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
                                        where e.order_id = o.id and e.type = $2)
                 from orders o where o.id = $1::uuid",
            )
            .bind(id)
            .bind(EventKind::OrderTimedOut.as_str())
            .fetch_one(&pool)
        };
        let mut outcome = ended().await.expect("the order");
        // The state commits a moment before the sequencer numbers its event.
        for _ in 0..50 {
            if outcome.0 == "timed_out" && outcome.1 > 0 {
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
