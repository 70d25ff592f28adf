//! Staff passwords, sessions and their end, the cross-site check, the dev mailbox.

use app::{
    model::Role,
    ssr::auth::{AuthSettings, passwords},
};
use serde_json::{Value, json};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

use crate::helpers::{Auth, STAFF_PASSWORD, TestApp, error_code, spawn_app, spawn_app_with};

use super::ADA;

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn staff_sign_in_with_the_right_password_only(_: PgPoolOptions, db: PgConnectOptions) {
    let app = spawn_app(db).await;
    passwords::create_staff(
        &app.pool,
        "Lena",
        Role::Barista,
        STAFF_PASSWORD,
        Some("Lena"),
    )
    .await
    .expect("created");

    let body: Value = app
        .login("lena", STAFF_PASSWORD)
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(body["user"]["role"], "barista");
    assert_eq!(body["user"]["username"], "lena");
    assert_eq!(body["user"]["display_name"], "Lena");

    for (username, password) in [
        ("lena", "wrong password"),
        ("nobody", STAFF_PASSWORD),
        ("lena", ""),
    ] {
        let response = app.login(username, password).await;
        assert_eq!(response.status(), 401, "{username}/{password}");
        assert_eq!(error_code(response).await, "invalid_credentials");
    }
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn a_disabled_account_cannot_sign_in_and_loses_its_sessions(
    _: PgPoolOptions,
    db: PgConnectOptions,
) {
    let app = spawn_app(db).await;
    let token = app.staff_token("lena", Role::Barista).await;

    passwords::set_disabled(&app.pool, "lena", true)
        .await
        .expect("disabled");

    assert_eq!(app.me_status(Auth::Bearer(&token)).await, 401);
    assert_eq!(app.login("lena", STAFF_PASSWORD).await.status(), 401);
    passwords::set_disabled(&app.pool, "lena", false)
        .await
        .expect("enabled");
    assert_eq!(app.login("lena", STAFF_PASSWORD).await.status(), 200);
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn logout_revokes_the_token(_: PgPoolOptions, db: PgConnectOptions) {
    let app = spawn_app(db).await;
    let token = app.customer_token(ADA).await;

    let response = app
        .post_json("/api/v1/auth/logout", json!({}), Auth::Bearer(&token))
        .await;

    assert_eq!(response.status(), 204);
    assert_eq!(app.me_status(Auth::Bearer(&token)).await, 401);
    assert_eq!(app.me_status(Auth::Cookie(&token)).await, 401);
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn logout_by_cookie_revokes_and_clears_the_cookie(_: PgPoolOptions, db: PgConnectOptions) {
    let app = spawn_app(db).await;
    let token = app.staff_token("lena", Role::Barista).await;

    let response = app
        .post_json("/api/v1/auth/logout", json!({}), Auth::Cookie(&token))
        .await;

    assert_eq!(response.status(), 204);
    let cookie = response.headers()["set-cookie"].to_str().expect("ascii");
    assert!(
        cookie.starts_with("crema_session=;") && cookie.contains("Max-Age=0"),
        "{cookie}"
    );
    assert_eq!(app.me_status(Auth::Cookie(&token)).await, 401);
    assert_eq!(app.me_status(Auth::Bearer(&token)).await, 401);
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn signing_out_in_the_app_revokes_the_session(_: PgPoolOptions, db: PgConnectOptions) {
    let app = spawn_app(db).await;
    let token = app.customer_token(ADA).await;

    let response = app
        .server_fn_as("auth/logout", &[], Auth::Cookie(&token))
        .await;

    assert_eq!(response.status(), 200);
    assert_eq!(app.me_status(Auth::Bearer(&token)).await, 401);
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn cross_site_requests_riding_on_the_cookie_are_refused(
    _: PgPoolOptions,
    db: PgConnectOptions,
) {
    let app = spawn_app(db).await;
    let token = app.customer_token(ADA).await;

    let response = app
        .request(
            reqwest::Method::POST,
            "/api/v1/auth/logout",
            Auth::Cookie(&token),
        )
        .header("origin", "https://evil.example")
        .send()
        .await
        .expect("sent");

    assert_eq!(response.status(), 403);
    assert_eq!(error_code(response).await, "cross_site");
    assert_eq!(
        app.me_status(Auth::Cookie(&token)).await,
        200,
        "still signed in"
    );
    let same_site = app
        .request(
            reqwest::Method::POST,
            "/api/v1/auth/logout",
            Auth::Cookie(&token),
        )
        .header("origin", app.address.as_str())
        .send()
        .await
        .expect("sent");
    assert_eq!(same_site.status(), 204);
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn the_dev_mailbox_exists_in_dev_mode_only(_: PgPoolOptions, db: PgConnectOptions) {
    let app = spawn_app_with(db, false, AuthSettings::default()).await;

    assert_eq!(app.get("/api/v1/dev/mailbox").await.status(), 404);
    assert_eq!(app.get("/dev/mailbox").await.status(), 404);
    let response = app.request_code(ADA).await;
    assert_eq!(response.status(), 503, "no way to send mail");
    assert_eq!(error_code(response).await, "mail_unavailable");
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn the_dev_mailbox_lists_one_address_newest_first(_: PgPoolOptions, db: PgConnectOptions) {
    let app = spawn_app(db).await;
    app.request_code(ADA).await;
    app.request_code("grace@example.org").await;
    app.request_code(ADA).await;

    let everyone = app.get("/api/v1/dev/mailbox").await;
    assert_eq!(everyone.status(), 422, "nobody lists everyone's codes");
    assert_eq!(error_code(everyone).await, "email_required");
    let mine: Vec<Value> = app
        .get(&format!("/api/v1/dev/mailbox?email={}", ADA.to_uppercase()))
        .await
        .json()
        .await
        .expect("json");

    assert_eq!(mine.len(), 2);
    assert!(mine.iter().all(|mail| mail["to"] == ADA));
    assert!(mine[0]["sent_at"].as_str() >= mine[1]["sent_at"].as_str());
    let code = mine[0]["code"].as_str().expect("code");
    assert_eq!(code.len(), 6);
    assert!(
        mine[0]["body"]
            .as_str()
            .is_some_and(|body| body.contains(code))
    );
    assert!(mine[0]["subject"].is_string() && mine[0]["sent_at"].is_string());
}

/// The status `/me` answers, once it is `expected` (instances hear of changed sessions
/// within milliseconds), or what it still answers after two seconds.
async fn me_status_becomes(app: &TestApp, token: &str, expected: u16) -> u16 {
    let mut status = app.me_status(Auth::Bearer(token)).await;
    for _ in 0..40 {
        if status == expected {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        status = app.me_status(Auth::Bearer(token)).await;
    }
    status
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn sessions_ended_anywhere_end_on_every_instance(_: PgPoolOptions, db: PgConnectOptions) {
    let one = spawn_app(db.clone()).await;
    let two = spawn_app(db).await;
    let ada = one.customer_token(ADA).await;
    let lena = one.staff_token("lena", Role::Barista).await;
    // Both instances have looked both sessions up, and keep them.
    for app in [&one, &two] {
        for token in [&ada, &lena] {
            assert_eq!(app.me_status(Auth::Bearer(token)).await, 200);
            assert_eq!(app.me_status(Auth::Bearer(token)).await, 200);
        }
    }

    // Signed out on one instance: refused there at once, and soon on the other.
    let response = one
        .post_json("/api/v1/auth/logout", json!({}), Auth::Bearer(&ada))
        .await;
    assert_eq!(response.status(), 204);
    assert_eq!(one.me_status(Auth::Bearer(&ada)).await, 401);
    assert_eq!(me_status_becomes(&two, &ada, 401).await, 401);

    // Disabled from the command line, another process: refused by both.
    passwords::set_disabled(&one.pool, "lena", true)
        .await
        .expect("disabled");
    assert_eq!(me_status_becomes(&one, &lena, 401).await, 401);
    assert_eq!(me_status_becomes(&two, &lena, 401).await, 401);
}
