//! Admins set up shops: create, change settings, replace menus.

use app::model::{EventKind, Role};
use reqwest::Method;
use serde_json::{Value, json};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

use crate::helpers::{Auth, spawn_app};

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn an_admin_sets_up_a_shop(_: PgPoolOptions, db: PgConnectOptions) {
    let app = spawn_app(db).await;
    let admin = app.staff_token("boss", Role::Admin).await;
    let barista = app.staff_token("lena", Role::Barista).await;

    let created = app
        .post_json(
            "/api/v1/shops",
            json!({ "slug": "reinvent-2026", "name": "re:Invent booth", "capacity": 8, "timezone": "America/Los_Angeles" }),
            Auth::Bearer(&admin),
        )
        .await;
    assert_eq!(created.status(), 201);
    let shop: Value = created.json().await.expect("json");
    assert_eq!(shop["settings"]["capacity"], 8);
    assert_eq!(shop["settings"]["customer_timeout_s"], 300);
    assert_eq!(shop["open"], false);

    let patch = |auth, body| {
        app.request(Method::PATCH, "/api/v1/shops/reinvent-2026", auth)
            .json(&body)
            .send()
    };
    assert_eq!(
        patch(Auth::Bearer(&barista), json!({ "capacity": 9 }))
            .await
            .expect("sent")
            .status(),
        403
    );
    let patched: Value = patch(
        Auth::Bearer(&admin),
        json!({ "capacity": 12, "name": "Booth 7" }),
    )
    .await
    .expect("sent")
    .json()
    .await
    .expect("json");
    assert_eq!(
        (
            patched["settings"]["capacity"].as_i64(),
            patched["name"].as_str()
        ),
        (Some(12), Some("Booth 7"))
    );
    assert_eq!(
        patched["settings"]["timezone"], "America/Los_Angeles",
        "the rest stays"
    );
    let updates: i64 = sqlx::query_scalar("select count(*) from events where type = $1")
        .bind(EventKind::ShopUpdated.as_str())
        .fetch_one(&app.pool)
        .await
        .expect("count");
    assert_eq!(updates, 1);
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn bad_shops_are_refused_with_the_field_at_fault(_: PgPoolOptions, db: PgConnectOptions) {
    let app = spawn_app(db).await;
    app.seed_demo_shop().await;
    let admin = app.staff_token("boss", Role::Admin).await;
    let refusal = |body: Value| {
        let app = &app;
        let admin = &admin;
        async move {
            let response = app
                .post_json("/api/v1/shops", body, Auth::Bearer(admin))
                .await;
            let status = response.status().as_u16();
            let body: Value = response.json().await.expect("json");
            (
                status,
                body["error"]["code"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
                body["error"]["field"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned(),
            )
        }
    };

    assert_eq!(
        refusal(json!({ "slug": "Bad Slug", "name": "x" })).await,
        (422, "invalid_slug".into(), "slug".into())
    );
    assert_eq!(
        refusal(json!({ "slug": "demo", "name": "Again" })).await,
        (409, "slug_taken".into(), "slug".into())
    );
    assert_eq!(
        refusal(json!({ "slug": "ok", "name": "" })).await,
        (422, "invalid_name".into(), "name".into())
    );
    assert_eq!(
        refusal(json!({ "slug": "ok", "name": "Ok", "capacty": 3 }))
            .await
            .0,
        422
    );
    assert_eq!(
        refusal(json!({ "slug": "ok", "name": "Ok", "capacity": 0 })).await,
        (422, "invalid_settings".into(), "capacity".into())
    );
    assert_eq!(
        refusal(json!({ "slug": "ok", "name": "Ok", "timezone": "Mars/Olympus" })).await,
        (422, "invalid_timezone".into(), "timezone".into())
    );

    let menu = json!([{ "id": "tea", "name": "Tea", "available": true,
        "groups": [{ "id": "milk", "name": "Milk", "min": 2, "max": 1, "choices": [] }] }]);
    let response = app
        .request(Method::PUT, "/api/v1/shops/demo/menu", Auth::Bearer(&admin))
        .json(&menu)
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), 422);
    let body: Value = response.json().await.expect("json");
    assert_eq!(body["error"]["field"], "menu[0].groups[0].max");
}
