use app::model::Role;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

use crate::helpers::{Auth, spawn_app};

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn each_app_renders_the_shop_on_the_server(_: PgPoolOptions, db: PgConnectOptions) {
    let app = spawn_app(db).await;
    app.seed_demo_shop().await;
    let admin = app.staff_token("boss", Role::Admin).await;

    for path in ["/", "/order/demo", "/barista/demo", "/display/demo"] {
        let response = app.get_as(path, Auth::Cookie(&admin)).await;

        assert_eq!(response.status(), 200, "{path}");
        let html = response.text().await.expect("html");
        assert!(html.contains("Crema demo booth"), "{path}: {html}");
        assert!(html.contains("Open"), "{path}");
    }
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn the_staff_apps_show_a_sign_in_form_to_strangers(_: PgPoolOptions, db: PgConnectOptions) {
    let app = spawn_app(db).await;
    app.seed_demo_shop().await;

    for (path, title) in [
        ("/barista/demo", "Barista sign-in"),
        ("/display/demo", "Booth screen sign-in"),
    ] {
        let response = app.get(path).await;

        assert_eq!(response.status(), 401, "{path}");
        let html = response.text().await.expect("html");
        assert!(html.contains(title), "{path}: {html}");
        assert!(html.contains(r#"name="password""#), "{path}");
    }
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn an_unknown_shop_is_a_404_page(_: PgPoolOptions, db: PgConnectOptions) {
    let app = spawn_app(db).await;

    let response = app.get("/order/nowhere").await;

    assert_eq!(response.status(), 404);
    let html = response.text().await.expect("html");
    assert!(html.contains("There is no shop called"), "{html}");
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn an_unknown_address_is_a_404_page(_: PgPoolOptions, db: PgConnectOptions) {
    let app = spawn_app(db).await;

    let response = app.get("/no/such/page").await;

    assert_eq!(response.status(), 404);
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn the_staff_apps_render_a_busy_board_on_the_server(_: PgPoolOptions, db: PgConnectOptions) {
    let booth = crate::orders::Booth::new(db, serde_json::json!({})).await;
    let ada = booth.app.customer_token("ada@example.org").await;
    let bo = booth.app.customer_token("bo@example.org").await;
    booth.serve(&ada).await;
    booth.queued(&bo).await;

    for (path, token) in [
        ("/barista/demo", &booth.barista),
        ("/display/demo", &booth.display),
    ] {
        let response = booth.app.get_as(path, Auth::Cookie(token)).await;

        assert_eq!(response.status(), 200, "{path}");
        let html = response.text().await.expect("html");
        for number in ["#1", "#2"] {
            assert!(html.contains(number), "{path} shows {number}: {html}");
        }
    }
}
