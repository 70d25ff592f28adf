//! Streams under abuse: replays read only the caller's events, a session holds a few
//! streams at most, and a stream ends with its session, on every instance.

use std::time::{Duration, Instant};

use app::{
    model::{EventKind::*, Role},
    ssr::auth::passwords,
};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

use super::{Reader, busy_booth, kinds};
use crate::helpers::{Auth, error_code, spawn_app};

/// Events of other shops, numbered before anything the test does.
async fn other_shops_events(pool: &sqlx::PgPool, count: i32) {
    sqlx::query(
        "insert into shops (slug, name) select 'other-' || n, 'Other' from generate_series(0, 9) n",
    )
    .execute(pool)
    .await
    .expect("other shops");
    sqlx::query(
        r#"insert into events (seq, type, shop, at, data)
           select nextval('events_seq'), 'shop.updated', 'other-' || (n % 10), now(),
                  '{"actor": {"kind": "staff", "name": "Someone"}, "shop": {}}'
           from generate_series(1, $1) n"#,
    )
    .bind(count)
    .execute(pool)
    .await
    .expect("other shops' events");
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn replays_from_zero_read_only_the_callers_events(_: PgPoolOptions, db: PgConnectOptions) {
    let booth = busy_booth(db).await;
    other_shops_events(&booth.app.pool, 200_000).await;
    let ada = booth.app.customer_token("ada@example.org").await;
    booth.serve(&ada).await;
    let mut strangers = Vec::new();
    for n in 0..19 {
        let email = format!("s{n}@example.org");
        strangers.push(booth.app.session_for(&email, Role::Customer).await);
    }

    // Twenty replays from 0 at once, one of them Ada's; the server answers others meanwhile.
    let started = Instant::now();
    let replays =
        futures::future::join_all(std::iter::once(&ada).chain(&strangers).map(|token| async {
            let mut stream = Reader::open(&booth.app, "/api/v1/me/stream", token, Some(0)).await;
            stream.drain().await
        }));
    let others = async {
        let mut slowest = Duration::ZERO;
        for _ in 0..10 {
            let asked = Instant::now();
            assert_eq!(booth.app.get("/healthz").await.status(), 200);
            assert_eq!(booth.app.get("/api/v1/shops/demo").await.status(), 200);
            slowest = slowest.max(asked.elapsed());
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        slowest
    };
    let (frames, slowest) = tokio::join!(replays, others);
    eprintln!(
        "20 replays over 200,000 other events: {:?} in all (with 2 s of quiet each); \
         slowest other request {slowest:?}",
        started.elapsed()
    );

    // Her place in the line is told in the background, if before she is served.
    let steps: Vec<_> = kinds(&frames[0])
        .into_iter()
        .filter(|kind| *kind != OrderPosition)
        .collect();
    assert_eq!(steps, [OrderCreated, OrderQueued, OrderClaimed, OrderReady]);
    assert!(
        frames[1..].iter().all(Vec::is_empty),
        "strangers see nothing"
    );

    // Below zero is zero.
    let mut below = Reader::open(&booth.app, "/api/v1/me/stream?since=-5", &ada, None).await;
    assert_eq!(below.drain().await.len(), frames[0].len());
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn a_session_holds_at_most_eight_streams(_: PgPoolOptions, db: PgConnectOptions) {
    let booth = busy_booth(db).await;
    let mut open = Vec::new();
    for _ in 0..8 {
        open.push(
            Reader::open(
                &booth.app,
                "/api/v1/shops/demo/stream",
                &booth.barista,
                None,
            )
            .await,
        );
    }

    let ninth = booth
        .app
        .get_as("/api/v1/shops/demo/stream", Auth::Bearer(&booth.barista))
        .await;

    assert_eq!(ninth.status(), 429);
    assert!(ninth.headers().contains_key("retry-after"));
    assert_eq!(error_code(ninth).await, "too_many_streams");
    let other = booth
        .app
        .get_as("/api/v1/shops/demo/stream", Auth::Bearer(&booth.display))
        .await;
    assert_eq!(other.status(), 200, "another session's streams are its own");
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn a_stream_ends_with_its_session_on_every_instance(_: PgPoolOptions, db: PgConnectOptions) {
    let booth = busy_booth(db.clone()).await;
    let other_instance = spawn_app(db).await;
    let soon = Duration::from_secs(5);
    let lena = booth.barista.clone();
    let omar = booth.app.staff_token("omar", Role::Barista).await;
    let ada = booth.app.customer_token("ada@example.org").await;

    // Disabled: her streams on both instances end; the display's goes on.
    let mut here = Reader::open(&booth.app, "/api/v1/shops/demo/stream", &lena, None).await;
    let mut there = Reader::open(&other_instance, "/api/v1/shops/demo/stream", &lena, None).await;
    let mut display = Reader::open(
        &booth.app,
        "/api/v1/shops/demo/stream",
        &booth.display,
        None,
    )
    .await;
    passwords::set_disabled(&booth.app.pool, "lena", true)
        .await
        .expect("disabled");
    assert!(here.ends_within(soon).await, "disabled: this instance");
    assert!(
        there.ends_within(soon).await,
        "disabled: the other instance"
    );
    assert!(!display.ends_within(Duration::from_secs(1)).await);

    // A new password ends the old sessions.
    let mut stream = Reader::open(&other_instance, "/api/v1/shops/demo/stream", &omar, None).await;
    passwords::reset_password(&booth.app.pool, "omar", "a new password")
        .await
        .expect("reset");
    assert!(stream.ends_within(soon).await, "password reset");

    // Signing out ends the customer's stream.
    let mut stream = Reader::open(&other_instance, "/api/v1/me/stream", &ada, None).await;
    let signed_out = booth
        .app
        .request(
            reqwest::Method::POST,
            "/api/v1/auth/logout",
            Auth::Bearer(&ada),
        )
        .send()
        .await
        .expect("sent");
    assert_eq!(signed_out.status(), 204);
    assert!(stream.ends_within(soon).await, "signed out");
    assert_eq!(
        other_instance
            .get_as("/api/v1/me/stream", Auth::Bearer(&ada))
            .await
            .status(),
        401,
        "and it cannot come back"
    );
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn a_stream_ends_when_its_session_expires(_: PgPoolOptions, db: PgConnectOptions) {
    let booth = busy_booth(db).await;
    sqlx::query("update sessions set expires_at = now() + interval '2 seconds'")
        .execute(&booth.app.pool)
        .await
        .expect("expiring");

    let mut stream = Reader::open(
        &booth.app,
        "/api/v1/shops/demo/stream",
        &booth.barista,
        None,
    )
    .await;

    assert!(stream.ends_within(Duration::from_secs(6)).await);
}
