//! Staff sign-in under abuse: bounded password checking, and backoff per username and
//! per client.

use std::time::{Duration, Instant};

use app::model::Role;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

use super::{behind_proxy, login_from};
use crate::helpers::{STAFF_PASSWORD, error_code};

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn a_flood_of_bad_logins_is_bounded_and_the_rest_keeps_answering(
    _: PgPoolOptions,
    db: PgConnectOptions,
) {
    let app = behind_proxy(db).await;
    app.seed_demo_shop().await;
    // The other requests come over a connection of their own, already open, as a phone's
    // would be (300 new connections at once overflow the listen queue: a SYN retry).
    let phone = reqwest::Client::new();
    let get = |path: &str| {
        let request = phone.get(format!("{}{path}", app.address)).send();
        async move { request.await.expect("sent").status() }
    };
    assert_eq!(get("/healthz").await, 200);

    // 300 strangers at once, each from an address of their own.
    let started = Instant::now();
    let flood = futures::future::join_all((0..300).map(|n| {
        let app = &app;
        async move {
            let client = format!("10.1.{}.{}", n / 200, n % 200);
            let response = login_from(app, &client, &format!("guess{n}"), "not the password").await;
            (
                response.status().as_u16(),
                response.headers().get("retry-after").cloned(),
            )
        }
    }));
    let others = async {
        let mut slowest = Duration::ZERO;
        for _ in 0..20 {
            let asked = Instant::now();
            assert_eq!(get("/healthz").await, 200);
            assert_eq!(get("/api/v1/shops/demo").await, 200);
            slowest = slowest.max(asked.elapsed());
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        slowest
    };
    let (answers, slowest) = tokio::join!(flood, others);
    let refused = answers.iter().filter(|(status, _)| *status == 429).count();
    let peak = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|line| line.starts_with("VmHWM"))
                .map(str::to_owned)
        })
        .unwrap_or_default();
    eprintln!(
        "300 bad logins: {:?}; {refused} told to come back; slowest other request {slowest:?}; \
         the test process's peak memory {peak}",
        started.elapsed()
    );

    assert!(
        answers
            .iter()
            .all(|(status, _)| [401, 429].contains(status))
    );
    assert!(
        refused > 0,
        "more logins than the checks that may run at once"
    );
    assert!(
        answers
            .iter()
            .all(|(status, retry)| *status != 429 || retry.is_some())
    );
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn a_username_that_keeps_failing_waits_and_is_told_how_long(
    _: PgPoolOptions,
    db: PgConnectOptions,
) {
    let app = behind_proxy(db).await;
    app.staff_token("lena", Role::Barista).await;
    app.staff_token("omar", Role::Barista).await;

    // Six strangers guess once each: the sixth failure starts the wait.
    for n in 0..6 {
        let response = login_from(&app, &format!("10.2.0.{n}"), "lena", "guess").await;
        assert_eq!(response.status(), 401, "guess {n}");
    }
    let waiting = login_from(&app, "10.3.0.1", "lena", STAFF_PASSWORD).await;
    assert_eq!(waiting.status(), 429, "even the right password waits");
    assert_eq!(waiting.headers()["retry-after"], "1");
    assert_eq!(
        login_from(&app, "10.3.0.1", "omar", STAFF_PASSWORD)
            .await
            .status(),
        200,
        "other accounts sign in"
    );

    tokio::time::sleep(Duration::from_millis(1100)).await;
    assert_eq!(
        login_from(&app, "10.3.0.1", "lena", STAFF_PASSWORD)
            .await
            .status(),
        200
    );
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn guesses_sent_at_once_get_no_more_tries_than_one_by_one(
    _: PgPoolOptions,
    db: PgConnectOptions,
) {
    let app = behind_proxy(db).await;
    app.staff_token("lena", Role::Barista).await;

    let answers = futures::future::join_all((0..50).map(|n| {
        let app = &app;
        async move {
            let client = format!("10.5.0.{n}");
            login_from(app, &client, "lena", "guess")
                .await
                .status()
                .as_u16()
        }
    }))
    .await;

    let checked = answers.iter().filter(|status| **status == 401).count();
    assert!(answers.iter().all(|status| [401, 429].contains(status)));
    assert!(checked <= 10, "{checked} of 50 guesses were checked");
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn a_client_that_keeps_failing_waits(_: PgPoolOptions, db: PgConnectOptions) {
    let app = behind_proxy(db).await;
    app.staff_token("lena", Role::Barista).await;
    for n in 0..21 {
        let response = login_from(&app, "10.4.0.1", &format!("guess{n}"), "guess").await;
        assert_eq!(response.status(), 401, "guess {n}");
    }

    let response = login_from(&app, "10.4.0.1", "lena", STAFF_PASSWORD).await;
    assert_eq!(response.status(), 429);
    assert_eq!(error_code(response).await, "rate_limited");
    assert_eq!(
        login_from(&app, "10.4.0.2", "lena", STAFF_PASSWORD)
            .await
            .status(),
        200,
        "another client"
    );
}
