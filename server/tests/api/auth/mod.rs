//! Signing in: customers by e-mail code, staff by password; sessions and the
//! cross-site check; the dev mailbox.

mod code_limits;
mod codes;
mod login_limits;
mod privacy;
mod sessions;

use app::ssr::auth::AuthSettings;
use serde_json::json;
use sqlx::postgres::PgConnectOptions;

use crate::helpers::{Auth, TestApp, spawn_app_with};

const ADA: &str = "ada@example.org";

/// An app behind a reverse proxy at 127.0.0.1, so that each test request can come from
/// the client it names in `X-Forwarded-For`.
pub async fn behind_proxy(db: PgConnectOptions) -> TestApp {
    let auth = AuthSettings {
        trusted_proxies: "127.0.0.1".parse().expect("valid"),
        ..AuthSettings::default()
    };
    spawn_app_with(db, true, auth).await
}

pub async fn post_from(
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

pub async fn login_from(
    app: &TestApp,
    client: &str,
    username: &str,
    password: &str,
) -> reqwest::Response {
    let body = json!({ "username": username, "password": password });
    post_from(app, client, "/api/v1/auth/login", body).await
}
