//! Staff accounts from the admin's API: creating, changing, disabling, ending sessions,
//! and accounts kept to some shops.

use app::model::Role;
use reqwest::Method;
use serde_json::{Value, json};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

use crate::{
    helpers::{Auth, TestApp, error_code},
    orders::Booth,
};

const PASSWORD: &str = "a long password";

async fn create(app: &TestApp, admin: &str, body: Value) -> reqwest::Response {
    app.post_json("/api/v1/staff", body, Auth::Bearer(admin))
        .await
}

async fn patch(app: &TestApp, admin: &str, id: &str, body: Value) -> reqwest::Response {
    app.request(
        Method::PATCH,
        &format!("/api/v1/staff/{id}"),
        Auth::Bearer(admin),
    )
    .json(&body)
    .send()
    .await
    .expect("sent")
}

async fn token(app: &TestApp, username: &str) -> String {
    let response = app.login(username, PASSWORD).await;
    assert_eq!(response.status(), 200, "{username} signs in");
    let body: Value = response.json().await.expect("json");
    body["token"].as_str().expect("token").to_owned()
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn an_admin_creates_changes_and_disables_staff(_: PgPoolOptions, db: PgConnectOptions) {
    let booth = Booth::new(db, json!({})).await;
    let app = &booth.app;
    let admin = app.staff_token("boss", Role::Admin).await;

    let created = create(
        app,
        &admin,
        json!({ "username": "Kim", "display_name": "Kim", "role": "barista", "password": PASSWORD, "shops": ["demo"] }),
    )
    .await;
    assert_eq!(created.status(), 201);
    let kim: Value = created.json().await.expect("json");
    assert_eq!(
        (
            &kim["username"],
            &kim["role"],
            &kim["disabled"],
            &kim["shops"]
        ),
        (
            &json!("kim"),
            &json!("barista"),
            &json!(false),
            &json!(["demo"])
        )
    );
    let id = kim["id"].as_str().expect("id").to_owned();
    let listed: Vec<Value> = app
        .get_as("/api/v1/staff", Auth::Bearer(&admin))
        .await
        .json()
        .await
        .expect("json");
    assert!(listed.contains(&kim), "{listed:?}");

    // Mistakes name their field, and change nothing.
    for (body, status, code, field) in [
        (
            json!({ "username": "kim", "role": "barista", "password": PASSWORD }),
            409,
            "username_taken",
            Some("username"),
        ),
        (
            json!({ "username": "omar", "role": "barista", "password": "short" }),
            422,
            "weak_password",
            Some("password"),
        ),
        (
            json!({ "username": "omar", "role": "customer", "password": PASSWORD }),
            422,
            "invalid_role",
            Some("role"),
        ),
        (
            json!({ "username": "omar", "role": "chef", "password": PASSWORD }),
            422,
            "invalid_body",
            Some("role"),
        ),
        (
            json!({ "username": "omar", "role": "barista", "password": PASSWORD, "shops": ["nowhere"] }),
            422,
            "unknown_shop",
            Some("shops"),
        ),
        (
            json!({ "username": "o m a r", "role": "barista", "password": PASSWORD }),
            422,
            "invalid_username",
            Some("username"),
        ),
    ] {
        let response = create(app, &admin, body.clone()).await;
        assert_eq!(response.status(), status, "{body}");
        let error: Value = response.json().await.expect("json");
        assert_eq!(error["error"]["code"], code, "{body}");
        assert_eq!(error["error"]["field"].as_str(), field, "{body}");
    }
    assert_eq!(app.login("omar", PASSWORD).await.status(), 401);

    // A new name keeps the session; new shops end it.
    let session = token(app, "kim").await;
    let renamed: Value = patch(app, &admin, &id, json!({ "display_name": "Kim L." }))
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(renamed["display_name"], "Kim L.");
    assert_eq!(app.me_status(Auth::Bearer(&session)).await, 200);
    let moved = patch(app, &admin, &id, json!({ "shops": [] })).await;
    assert_eq!(moved.status(), 200);
    assert_eq!(app.me_status(Auth::Bearer(&session)).await, 401);

    // Disabled, it cannot sign in; enabled, it can; ending its sessions signs it out.
    let disabled: Value = patch(app, &admin, &id, json!({ "disabled": true }))
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(disabled["disabled"], true);
    assert_eq!(app.login("kim", PASSWORD).await.status(), 401);
    patch(app, &admin, &id, json!({ "disabled": false })).await;
    let session = token(app, "kim").await;
    let ended = app
        .request(
            Method::DELETE,
            &format!("/api/v1/staff/{id}/sessions"),
            Auth::Bearer(&admin),
        )
        .send()
        .await
        .expect("sent");
    assert_eq!(ended.status(), 204);
    assert_eq!(app.me_status(Auth::Bearer(&session)).await, 401);

    // A new password: the old one stops working.
    let reset = patch(app, &admin, &id, json!({ "password": "another long one" })).await;
    assert_eq!(reset.status(), 200);
    assert_eq!(app.login("kim", PASSWORD).await.status(), 401);
    assert_eq!(app.login("kim", "another long one").await.status(), 200);
    let unknown = patch(app, &admin, "not-an-id", json!({ "disabled": true })).await;
    assert_eq!(unknown.status(), 404);
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn staff_kept_to_some_shops_get_403_elsewhere(_: PgPoolOptions, db: PgConnectOptions) {
    let booth = Booth::new(db, json!({})).await;
    let app = &booth.app;
    let admin = app.staff_token("boss", Role::Admin).await;
    let other = app
        .post_json(
            "/api/v1/shops",
            json!({ "slug": "other", "name": "Other booth" }),
            Auth::Bearer(&admin),
        )
        .await;
    assert_eq!(other.status(), 201);
    for (username, role) in [("kim", "barista"), ("tv", "display")] {
        let created = create(
            app,
            &admin,
            json!({ "username": username, "role": role, "password": PASSWORD, "shops": ["other"] }),
        )
        .await;
        assert_eq!(created.status(), 201);
    }
    let (kim, tv) = (token(app, "kim").await, token(app, "tv").await);
    let customer = app.customer_token("ada@example.com").await;
    let order = booth.queued(&customer).await;
    let order = order["id"].as_str().expect("id");

    let calls = [
        (
            &kim,
            Method::GET,
            "/api/v1/shops/demo/orders".to_owned(),
            None,
        ),
        (
            &kim,
            Method::GET,
            "/api/v1/shops/demo/stream".to_owned(),
            None,
        ),
        (
            &kim,
            Method::PUT,
            "/api/v1/shops/demo/open".to_owned(),
            Some(json!({ "open": false })),
        ),
        (
            &kim,
            Method::PATCH,
            "/api/v1/shops/demo/stock".to_owned(),
            Some(json!({ "choices": { "oat": { "available": false } } })),
        ),
        (
            &kim,
            Method::POST,
            format!("/api/v1/orders/{order}/claim"),
            None,
        ),
        (&kim, Method::GET, format!("/api/v1/orders/{order}"), None),
        (&tv, Method::GET, "/api/v1/shops/demo/qr".to_owned(), None),
    ];
    for (who, method, path, body) in calls {
        let mut request = app.request(method.clone(), &path, Auth::Bearer(who));
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.expect("sent");
        assert_eq!(response.status(), 403, "{method} {path}");
        assert_eq!(error_code(response).await, "forbidden", "{method} {path}");
    }
    // At their own shop they work as before.
    let own = app
        .get_as("/api/v1/shops/other/orders", Auth::Bearer(&kim))
        .await;
    assert_eq!(own.status(), 200);
    let code = app
        .get_as("/api/v1/shops/other/qr", Auth::Bearer(&tv))
        .await;
    assert_eq!(code.status(), 200);
    // The order at the shop kim does not work at is untouched.
    assert_eq!(
        booth.step(&booth.barista, order, "claim").await.status(),
        200
    );
}
