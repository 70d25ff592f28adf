//! Admins set up shops: create, change settings, replace menus, archive.

use app::model::{EventKind, Role};
use reqwest::Method;
use serde_json::{Value, json};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

use crate::{
    helpers::{Auth, error_code, spawn_app},
    orders::Booth,
};

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
    assert_eq!(shop["settings"]["language"], "en");
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
        json!({ "capacity": 12, "name": "Booth 7", "language": "de-DE" }),
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
    assert_eq!(patched["settings"]["language"], "de", "by its primary tag");
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
    assert_eq!(
        refusal(json!({ "slug": "ok", "name": "Ok", "language": "tlh" })).await,
        (422, "invalid_settings".into(), "language".into())
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

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn an_archived_shop_leaves_the_list_takes_no_orders_and_keeps_its_data(
    _: PgPoolOptions,
    db: PgConnectOptions,
) {
    let booth = Booth::new(db, json!({})).await;
    let app = &booth.app;
    let admin = app.staff_token("boss", Role::Admin).await;
    let customer = app.customer_token("ada@example.com").await;
    let served = booth.queued(&customer).await;
    let token = booth.qr().await["token"]
        .as_str()
        .expect("token")
        .to_owned();
    let archive = |archived: bool| {
        app.request(Method::PATCH, "/api/v1/shops/demo", Auth::Bearer(&admin))
            .json(&json!({ "archived": archived }))
            .send()
    };
    let slugs = |path: &'static str| async move {
        let shops: Vec<Value> = app.get(path).await.json().await.expect("json");
        shops
            .iter()
            .map(|shop| shop["slug"].as_str().expect("slug").to_owned())
            .collect::<Vec<_>>()
    };

    let archived: Value = archive(true)
        .await
        .expect("sent")
        .json()
        .await
        .expect("json");
    assert_eq!(
        (archived["archived"].as_bool(), archived["open"].as_bool()),
        (Some(true), Some(false))
    );
    assert_eq!(slugs("/api/v1/shops").await, Vec::<String>::new());
    assert_eq!(slugs("/api/v1/shops?archived=true").await, ["demo"]);

    let other = app.customer_token("bo@example.com").await;
    let refused = booth.start(&other, &token).await;
    assert_eq!(refused.status(), 409);
    assert_eq!(error_code(refused).await, "shop_archived");
    let reopen = app
        .request(
            Method::PUT,
            "/api/v1/shops/demo/open",
            Auth::Bearer(&booth.barista),
        )
        .json(&json!({ "open": true }))
        .send()
        .await
        .expect("sent");
    assert_eq!(reopen.status(), 409);
    assert_eq!(error_code(reopen).await, "shop_archived");

    // Its orders stay: the one queued before can still be made.
    let id = served["id"].as_str().expect("id");
    assert_eq!(booth.step(&booth.barista, id, "claim").await.status(), 200);
    let events: Vec<(String, Value)> =
        sqlx::query_as("select type, data from events where type like 'shop.%' order by seq")
            .fetch_all(&app.pool)
            .await
            .expect("events");
    assert_eq!(
        events.len(),
        1,
        "archiving alone changes no settings: {events:?}"
    );
    assert_eq!(events[0].0, EventKind::ShopArchived.as_str());
    assert_eq!(events[0].1["archived"], true);

    // Back from the archive, it is listed again and can be opened.
    let back: Value = archive(false)
        .await
        .expect("sent")
        .json()
        .await
        .expect("json");
    assert_eq!(back["archived"], false);
    assert_eq!(slugs("/api/v1/shops").await, ["demo"]);
}
