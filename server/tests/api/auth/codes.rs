//! Customers sign in with a code sent by e-mail.

use app::ssr::auth::AuthSettings;
use serde_json::{Value, json};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

use crate::helpers::{Auth, error_code, spawn_app, spawn_app_with};

use super::ADA;

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn the_right_code_signs_a_customer_in(_: PgPoolOptions, db: PgConnectOptions) {
    let app = spawn_app(db).await;
    assert_eq!(app.request_code("  Ada@Example.org ").await.status(), 204);
    let code = app.latest_code(ADA).await;

    let response = app.verify(ADA, &code).await;

    assert_eq!(response.status(), 200);
    let cookie = response.headers()["set-cookie"]
        .to_str()
        .expect("ascii")
        .to_owned();
    assert!(cookie.starts_with("crema_session="), "{cookie}");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    let body: Value = response.json().await.expect("json");
    assert_eq!(body["user"]["role"], "customer");
    assert_eq!(body["user"]["email"], ADA);
    let token = body["token"].as_str().expect("token");
    let cookie_token = cookie
        .split(';')
        .next()
        .and_then(|pair| pair.split_once('='))
        .map(|(_, value)| value);
    assert_eq!(
        cookie_token,
        Some(token),
        "cookie and token are one session"
    );
    for auth in [Auth::Bearer(token), Auth::Cookie(token)] {
        let me: Value = app
            .get_as("/api/v1/me", auth)
            .await
            .json()
            .await
            .expect("json");
        assert_eq!(me["email"], ADA);
    }
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn signing_in_again_finds_the_same_account(_: PgPoolOptions, db: PgConnectOptions) {
    let app = spawn_app(db).await;

    let first = app.customer_token(ADA).await;
    let second = app.customer_token(ADA).await;

    let id = |token: String| {
        let app = &app;
        async move {
            let me: Value = app
                .get_as("/api/v1/me", Auth::Bearer(&token))
                .await
                .json()
                .await
                .expect("json");
            me["id"].clone()
        }
    };
    assert_eq!(id(first).await, id(second).await);
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn a_wrong_code_is_refused(_: PgPoolOptions, db: PgConnectOptions) {
    let app = spawn_app(db).await;
    app.request_code(ADA).await;
    let code = app.latest_code(ADA).await;
    let wrong = if code == "000000" { "000001" } else { "000000" };

    let response = app.verify(ADA, wrong).await;

    assert_eq!(response.status(), 401);
    assert_eq!(error_code(response).await, "invalid_code");
    assert_eq!(
        app.verify(ADA, &code).await.status(),
        200,
        "the right one still works"
    );
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn an_expired_code_is_refused(_: PgPoolOptions, db: PgConnectOptions) {
    let app = spawn_app(db).await;
    app.request_code(ADA).await;
    let code = app.latest_code(ADA).await;
    sqlx::query("update sign_in_codes set expires_at = now() - interval '1 second'")
        .execute(&app.pool)
        .await
        .expect("expired");

    let response = app.verify(ADA, &code).await;

    assert_eq!(response.status(), 401);
    assert_eq!(error_code(response).await, "code_expired");
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn too_many_wrong_tries_burn_the_code(_: PgPoolOptions, db: PgConnectOptions) {
    let app = spawn_app(db).await;
    app.request_code(ADA).await;
    let code = app.latest_code(ADA).await;
    let wrong = if code == "000000" { "000001" } else { "000000" };

    let mut last = String::new();
    for _ in 0..5 {
        last = error_code(app.verify(ADA, wrong).await).await;
    }

    assert_eq!(last, "code_burned");
    let response = app.verify(ADA, &code).await;
    assert_eq!(
        response.status(),
        401,
        "even the right code no longer works"
    );
    assert_eq!(error_code(response).await, "no_code");
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn a_code_works_once(_: PgPoolOptions, db: PgConnectOptions) {
    let app = spawn_app(db).await;
    app.request_code(ADA).await;
    let code = app.latest_code(ADA).await;
    assert_eq!(app.verify(ADA, &code).await.status(), 200);

    let response = app.verify(ADA, &code).await;

    assert_eq!(response.status(), 401);
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn a_new_code_replaces_the_old_one(_: PgPoolOptions, db: PgConnectOptions) {
    let app = spawn_app(db).await;
    app.request_code(ADA).await;
    let old = app.latest_code(ADA).await;
    app.request_code(ADA).await;
    let new = app.latest_code(ADA).await;

    if old != new {
        assert_eq!(app.verify(ADA, &old).await.status(), 401);
    }
    assert_eq!(app.verify(ADA, &new).await.status(), 200);
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn code_requests_are_rate_limited_per_address(_: PgPoolOptions, db: PgConnectOptions) {
    let app = spawn_app(db).await;
    for _ in 0..5 {
        assert_eq!(app.request_code(ADA).await.status(), 204);
    }

    let response = app.request_code(ADA).await;

    assert_eq!(response.status(), 429);
    assert_eq!(error_code(response).await, "rate_limited");
    assert_eq!(
        app.request_code("grace@example.org").await.status(),
        204,
        "others still can"
    );
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn code_requests_are_rate_limited_per_client(_: PgPoolOptions, db: PgConnectOptions) {
    let auth = AuthSettings {
        codes_per_client: 12,
        ..AuthSettings::default()
    };
    let app = spawn_app_with(db, true, auth).await;
    for n in 0..12 {
        assert_eq!(
            app.request_code(&format!("guest{n}@example.org"))
                .await
                .status(),
            204
        );
    }

    let response = app.request_code("one.more@example.org").await;

    assert_eq!(response.status(), 429);
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn bad_input_gets_a_clear_error(_: PgPoolOptions, db: PgConnectOptions) {
    let app = spawn_app(db).await;

    let response = app.request_code("not an address").await;
    assert_eq!(response.status(), 422);
    let body: Value = response.json().await.expect("json");
    assert_eq!(body["error"]["code"], "invalid_email");
    assert_eq!(body["error"]["field"], "email");
    assert!(
        body["error"]["message"]
            .as_str()
            .is_some_and(|m| !m.is_empty())
    );

    let response = app
        .request(reqwest::Method::POST, "/api/v1/auth/code", Auth::None)
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), 400);
    assert_eq!(error_code(response).await, "malformed");

    let response = app
        .post_json("/api/v1/auth/code", json!({ "mail": ADA }), Auth::None)
        .await;
    assert_eq!(response.status(), 422);
}
