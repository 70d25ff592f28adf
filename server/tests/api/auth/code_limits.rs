//! Customer sign-in under abuse: one mailbox is one customer, and limits per client that
//! one client cannot turn against another person.

use std::time::Duration;

use app::ssr::auth::AuthSettings;
use serde_json::json;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

use super::{ADA, behind_proxy, post_from};
use crate::helpers::{error_code, spawn_app, spawn_app_with};

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
