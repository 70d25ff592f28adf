//! Sign-in under abuse: bounded password checking, backoff per username and client, and
//! limits that one client cannot turn against another person.

use std::time::{Duration, Instant};

use app::{model::Role, ssr::auth::AuthSettings};
use serde_json::json;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

use super::ADA;
use crate::helpers::{Auth, STAFF_PASSWORD, TestApp, error_code, spawn_app, spawn_app_with};

/// An app behind a reverse proxy at 127.0.0.1, so that each test request can come from
/// the client it names in `X-Forwarded-For`.
async fn behind_proxy(db: PgConnectOptions) -> TestApp {
    let auth = AuthSettings {
        trusted_proxies: "127.0.0.1".parse().expect("valid"),
        ..AuthSettings::default()
    };
    spawn_app_with(db, true, auth).await
}

async fn post_from(
    app: &TestApp,
    client: &str,
    path: &str,
    body: serde_json::Value,
) -> reqwest::Response {
    app.request(reqwest::Method::POST, path, Auth::None)
        .header("x-forwarded-for", client)
        .json(&body)
        .send()
        .await
        .expect("sent")
}

async fn login_from(
    app: &TestApp,
    client: &str,
    username: &str,
    password: &str,
) -> reqwest::Response {
    let body = json!({ "username": username, "password": password });
    post_from(app, client, "/api/v1/auth/login", body).await
}

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

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn one_mailbox_is_one_customer(_: PgPoolOptions, db: PgConnectOptions) {
    let app = spawn_app(db).await;

    for disguised in [
        "<v@x.io>",
        "a<v@x.io>",
        "b <v@x.io>",
        "\"v\"@x.io",
        "v@x.io\u{0}",
    ] {
        let response = app.request_code(disguised).await;
        assert_eq!(response.status(), 422, "{disguised:?}");
        assert_eq!(error_code(response).await, "invalid_email");
    }
    assert_eq!(app.request_code(" V@X.io ").await.status(), 204);
    assert_eq!(app.api().mailbox("v@x.io").await.expect("mail").len(), 1);
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn another_client_cannot_burn_a_persons_code_or_budget(
    _: PgPoolOptions,
    db: PgConnectOptions,
) {
    let app = behind_proxy(db).await;
    let (ada, mallory) = ("192.0.2.10", "203.0.113.66");
    let ask = |client| post_from(&app, client, "/api/v1/auth/code", json!({ "email": ADA }));
    assert_eq!(ask(ada).await.status(), 204);
    let code = app.latest_code(ADA).await;

    // Mallory asks for Ada's codes until refused, and guesses until burned.
    let mut statuses = Vec::new();
    for _ in 0..6 {
        statuses.push(ask(mallory).await.status().as_u16());
    }
    assert_eq!(statuses, [204, 204, 204, 204, 204, 429]);
    let wrong = if code == "000000" { "000001" } else { "000000" };
    let guess = |client| {
        post_from(
            &app,
            client,
            "/api/v1/auth/verify",
            json!({ "email": ADA, "code": wrong }),
        )
    };
    let mut last = String::new();
    for _ in 0..5 {
        last = error_code(guess(mallory).await).await;
    }
    assert_eq!(last, "code_burned");
    assert_eq!(error_code(guess(mallory).await).await, "code_burned");

    // Ada's own code still works, and her own budget is hers.
    assert_eq!(ask(ada).await.status(), 204, "Ada can still ask");
    let code = app.latest_code(ADA).await;
    let verified = post_from(
        &app,
        ada,
        "/api/v1/auth/verify",
        json!({ "email": ADA, "code": code }),
    )
    .await;
    assert_eq!(verified.status(), 200);
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn wrong_codes_are_limited_per_client(_: PgPoolOptions, db: PgConnectOptions) {
    let auth = AuthSettings {
        codes_per_client: 30,
        trusted_proxies: "127.0.0.1".parse().expect("valid"),
    };
    let app = spawn_app_with(db, true, auth).await;
    let guesser = "198.51.100.7";
    let mut refused = None;
    for n in 0..7 {
        let email = format!("guest{n}@example.org");
        app.request_code(&email).await;
        let code = app.latest_code(&email).await;
        let wrong = if code == "000000" { "000001" } else { "000000" };
        for _ in 0..5 {
            let response = post_from(
                &app,
                guesser,
                "/api/v1/auth/verify",
                json!({ "email": email, "code": wrong }),
            )
            .await;
            if response.status() == 429 {
                refused.get_or_insert(n);
            }
        }
    }

    assert_eq!(refused, Some(6), "after 30 wrong codes");
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn forwarded_for_is_believed_only_from_a_trusted_proxy(
    _: PgPoolOptions,
    db: PgConnectOptions,
) {
    let auth = AuthSettings {
        codes_per_client: 3,
        ..AuthSettings::default()
    };
    let direct = spawn_app_with(db, true, auth).await;
    for n in 0..3 {
        let body = json!({ "email": format!("g{n}@example.org") });
        let response = post_from(&direct, &format!("10.9.0.{n}"), "/api/v1/auth/code", body).await;
        assert_eq!(response.status(), 204);
    }

    let spoofed = post_from(
        &direct,
        "10.9.9.9",
        "/api/v1/auth/code",
        json!({ "email": ADA }),
    )
    .await;
    assert_eq!(spoofed.status(), 429, "one client, whatever it claims");
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn an_ipv6_client_is_its_64(_: PgPoolOptions, db: PgConnectOptions) {
    let auth = AuthSettings {
        codes_per_client: 3,
        trusted_proxies: "127.0.0.1".parse().expect("valid"),
    };
    let app = spawn_app_with(db, true, auth).await;
    for n in 0..3 {
        let body = json!({ "email": format!("g{n}@example.org") });
        let client = format!("2001:db8:7:7:{n}::1");
        assert_eq!(
            post_from(&app, &client, "/api/v1/auth/code", body)
                .await
                .status(),
            204
        );
    }

    let same_block = post_from(
        &app,
        "2001:db8:7:7:ffff::9",
        "/api/v1/auth/code",
        json!({ "email": ADA }),
    )
    .await;
    assert_eq!(same_block.status(), 429);
    let next_block = post_from(
        &app,
        "2001:db8:7:8::1",
        "/api/v1/auth/code",
        json!({ "email": ADA }),
    )
    .await;
    assert_eq!(next_block.status(), 204);
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn sign_in_locks_are_apart_from_every_other_lock(_: PgPoolOptions, db: PgConnectOptions) {
    let app = spawn_app(db).await;
    // Someone holds the one-key lock an address used to hash to.
    let mut holder = app.pool.acquire().await.expect("a connection");
    sqlx::query("select pg_advisory_lock(hashtext($1))")
        .bind(ADA)
        .execute(&mut *holder)
        .await
        .expect("locked");

    let response = tokio::time::timeout(Duration::from_secs(10), app.request_code(ADA)).await;

    assert_eq!(response.expect("not blocked").status(), 204);
}
