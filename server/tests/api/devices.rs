//! Screens paired by a code: a screen shows it, the admin pairs it, the screen signs in by
//! itself under its own name, kept to its shop, until it is removed.

use std::time::Duration;

use app::model::Role;
use serde_json::{Value, json};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

use crate::{
    helpers::{Auth, TestApp, error_code, set_cookie, spawn_app},
    streams::reader::Reader,
};

async fn pair(app: &TestApp, admin: &str, body: Value) -> reqwest::Response {
    app.post_json("/api/v1/devices", body, Auth::Bearer(admin))
        .await
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn a_screen_pairs_by_its_code_and_works_its_one_shop(_: PgPoolOptions, db: PgConnectOptions) {
    let app = spawn_app(db).await;
    app.seed_demo_shop().await;
    let admin = app.staff_token("admin", Role::Admin).await;
    app.post_json(
        "/api/v1/shops",
        json!({ "slug": "annex", "name": "Annex" }),
        Auth::Bearer(&admin),
    )
    .await;

    // The screen asks for a code: 8 characters, none that look alike.
    let (code, secret) = app.start_pairing().await;
    assert_eq!(code.len(), 8);
    assert!(
        code.chars()
            .all(|c| "ABCDEFGHJKMNPQRSTUVWXYZ23456789".contains(c)),
        "{code}"
    );
    let waiting = app.pairing_state(&secret).await;
    assert_eq!(waiting.status(), 200);
    assert_eq!(
        waiting.json::<Value>().await.expect("json"),
        json!({ "state": "waiting" })
    );

    // The admin types it as people do, in lower case with a dash.
    let typed = format!("{}-{}", code[..4].to_lowercase(), &code[4..]);
    let response = pair(
        &app,
        &admin,
        json!({ "code": typed, "name": "Screen by the door", "role": "display", "shop": "demo" }),
    )
    .await;
    assert_eq!(response.status(), 201);
    let device: Value = response.json().await.expect("json");
    assert_eq!(device["name"], "Screen by the door");
    assert_eq!(device["role"], "display");
    assert_eq!(device["shop"], "demo");

    // The screen's next look signs it in, once.
    let paired = app.pairing_state(&secret).await;
    assert_eq!(paired.status(), 200);
    let token = set_cookie(&paired, "crema_session").expect("a session cookie");
    assert_eq!(set_cookie(&paired, "crema_pairing").as_deref(), Some(""));
    assert_eq!(
        paired.json::<Value>().await.expect("json"),
        json!({ "state": "paired", "role": "display", "shop": "demo" })
    );
    assert_eq!(app.pairing_state(&secret).await.status(), 404, "used");

    let me: Value = app
        .get_as("/api/v1/me", Auth::Cookie(&token))
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(me["role"], "display");
    assert_eq!(me["display_name"], "Screen by the door");
    assert_eq!(me["device"], true);
    assert_eq!(me["shops"], json!(["demo"]));
    let status = |path: &'static str| {
        let app = &app;
        let token = &token;
        async move { app.get_as(path, Auth::Cookie(token)).await.status() }
    };
    // Each page it loads gives it its cookie again: browsers keep one 400 days at most.
    let page = app.get_as("/display/demo", Auth::Cookie(&token)).await;
    assert_eq!(page.status(), 200);
    assert_eq!(
        set_cookie(&page, "crema_session").as_deref(),
        Some(token.as_str())
    );
    let renewed = page.headers()["set-cookie"].to_str().expect("ascii");
    assert!(renewed.contains("Max-Age=34560000"), "{renewed}");
    assert_eq!(status("/api/v1/shops/demo/qr").await, 200);
    assert_eq!(status("/api/v1/shops/annex/qr").await, 403, "not its shop");
    let settings = app
        .request(
            reqwest::Method::PATCH,
            "/api/v1/shops/demo",
            Auth::Bearer(&token),
        )
        .json(&json!({ "capacity": 5 }))
        .send()
        .await
        .expect("sent");
    assert_eq!(settings.status(), 403, "a screen never changes settings");
    assert_eq!(status("/api/v1/staff").await, 403);
    assert_eq!(status("/api/v1/devices").await, 403);

    // The console lists it, with when it was last seen.
    let mut listed = Value::Null;
    for _ in 0..50 {
        listed = app
            .get_as("/api/v1/devices", Auth::Bearer(&admin))
            .await
            .json()
            .await
            .expect("json");
        if listed[0]["last_seen_at"].is_string() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(listed.as_array().map(Vec::len), Some(1));
    assert_eq!(listed[0]["id"], device["id"]);
    assert!(listed[0]["last_seen_at"].is_string(), "{listed}");
    // Screens are not staff accounts.
    let staff: Value = app
        .get_as("/api/v1/staff", Auth::Bearer(&admin))
        .await
        .json()
        .await
        .expect("json");
    assert!(!staff.to_string().contains("Screen by the door"), "{staff}");
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn a_tablet_acts_under_its_own_name(_: PgPoolOptions, db: PgConnectOptions) {
    let app = spawn_app(db).await;
    app.seed_demo_shop().await;
    let (_, tablet) = app.pair_device("Tablet 2", "barista", "demo").await;

    for (method, path, body) in [
        (
            reqwest::Method::PUT,
            "/api/v1/shops/demo/open",
            json!({ "open": false }),
        ),
        (
            reqwest::Method::PATCH,
            "/api/v1/shops/demo/stock",
            json!({ "choices": { "oat": { "available": false } } }),
        ),
    ] {
        let response = app
            .request(method, path, Auth::Bearer(&tablet))
            .json(&body)
            .send()
            .await
            .expect("sent");
        assert_eq!(response.status(), 200, "{path}");
    }

    let actors: Vec<(String, Value)> =
        sqlx::query_as("select type, data->'actor' from events where shop = 'demo' order by seq")
            .fetch_all(&app.pool)
            .await
            .expect("events");
    let tablet = json!({ "kind": "device", "name": "Tablet 2" });
    assert_eq!(
        actors,
        vec![
            ("shop.closed".to_owned(), tablet.clone()),
            ("stock.changed".to_owned(), tablet)
        ]
    );
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn wrong_expired_and_used_codes_pair_nothing(_: PgPoolOptions, db: PgConnectOptions) {
    let app = spawn_app(db).await;
    app.seed_demo_shop().await;
    let admin = app.staff_token("admin", Role::Admin).await;
    let (code, secret) = app.start_pairing().await;
    let screen =
        |code: &str| json!({ "code": code, "name": "TV", "role": "display", "shop": "demo" });

    let wrong = pair(&app, &admin, screen("ZZZZZZZZ")).await;
    assert_eq!(wrong.status(), 404);
    assert_eq!(error_code(wrong).await, "unknown_pairing_code");

    // Bad input names its field, and uses nothing up.
    for (body, field) in [
        (
            json!({ "code": code, "name": "", "role": "display", "shop": "demo" }),
            "name",
        ),
        (
            json!({ "code": code, "name": "TV", "role": "admin", "shop": "demo" }),
            "role",
        ),
        (
            json!({ "code": code, "name": "TV", "role": "display", "shop": "nowhere" }),
            "shop",
        ),
    ] {
        let response = pair(&app, &admin, body).await;
        assert_eq!(response.status(), 422);
        let error: Value = response.json().await.expect("json");
        assert_eq!(error["error"]["field"], field);
    }
    let barista = app.staff_token("lena", Role::Barista).await;
    assert_eq!(pair(&app, &barista, screen(&code)).await.status(), 403);

    // Ten minutes pass.
    sqlx::query("update device_pairings set expires_at = now() - interval '1 second'")
        .execute(&app.pool)
        .await
        .expect("expired");
    let expired = pair(&app, &admin, screen(&code)).await;
    assert_eq!(expired.status(), 404);
    assert_eq!(app.pairing_state(&secret).await.status(), 404);

    // A code pairs one screen only.
    let (code, _) = app.start_pairing().await;
    assert_eq!(pair(&app, &admin, screen(&code)).await.status(), 201);
    assert_eq!(pair(&app, &admin, screen(&code)).await.status(), 404);
    // A browser without a pairing asks in vain.
    assert_eq!(app.get("/api/v1/devices/pairing").await.status(), 404);
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn removing_a_screen_ends_its_session_on_every_instance(
    _: PgPoolOptions,
    db: PgConnectOptions,
) {
    let one = spawn_app(db.clone()).await;
    let two = spawn_app(db).await;
    one.seed_demo_shop().await;
    let admin = one.staff_token("admin", Role::Admin).await;
    let (id, token) = one.pair_device("Screen", "display", "demo").await;
    // Both instances keep the session; the other holds its stream.
    for app in [&one, &two] {
        assert_eq!(app.me_status(Auth::Bearer(&token)).await, 200);
    }
    let mut stream = Reader::open(&two, "/api/v1/shops/demo/stream", &token, None).await;

    let remove = || async {
        let path = format!("/api/v1/devices/{id}");
        let request = one.request(reqwest::Method::DELETE, &path, Auth::Bearer(&admin));
        request.send().await.expect("sent").status()
    };
    assert_eq!(remove().await, 204);

    assert_eq!(one.me_status(Auth::Bearer(&token)).await, 401);
    assert!(
        stream.ends_within(Duration::from_secs(5)).await,
        "its stream ends"
    );
    // The other instance hears of it within milliseconds.
    let mut there = two.me_status(Auth::Bearer(&token)).await;
    for _ in 0..40 {
        if there == 401 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
        there = two.me_status(Auth::Bearer(&token)).await;
    }
    assert_eq!(there, 401);
    let listed: Value = one
        .get_as("/api/v1/devices", Auth::Bearer(&admin))
        .await
        .json()
        .await
        .expect("json");
    assert_eq!(listed, json!([]));
    assert_eq!(remove().await, 404, "removed already");
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn a_screen_paired_in_its_codes_last_seconds_still_signs_in(
    _: PgPoolOptions,
    db: PgConnectOptions,
) {
    let app = spawn_app(db).await;
    app.seed_demo_shop().await;
    let admin = app.staff_token("admin", Role::Admin).await;
    let (code, secret) = app.start_pairing().await;
    let screen = json!({ "code": code, "name": "TV", "role": "display", "shop": "demo" });
    assert_eq!(pair(&app, &admin, screen).await.status(), 201);

    // The code's ten minutes end before the screen looks again.
    sqlx::query("update device_pairings set expires_at = now() - interval '1 second'")
        .execute(&app.pool)
        .await
        .expect("expired");

    let paired = app.pairing_state(&secret).await;
    assert_eq!(paired.status(), 200);
    assert_eq!(
        paired.headers()["cache-control"],
        "private, no-store",
        "an answer that signs in is never cached"
    );
    let token = set_cookie(&paired, "crema_session").expect("a session cookie");
    assert_eq!(app.me_status(Auth::Bearer(&token)).await, 200);
}
