use app::ssr::seed;
use sqlx::PgPool;

use crate::helpers::spawn_app;

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn each_app_renders_the_shop_on_the_server(pool: PgPool) {
    seed::demo_shop(&pool).await.expect("seeded");
    let app = spawn_app(pool).await;

    for path in ["/", "/order/demo", "/barista/demo", "/display/demo"] {
        let response = app.get(path).await;

        assert_eq!(response.status(), 200, "{path}");
        let html = response.text().await.expect("html");
        assert!(html.contains("Crema demo booth"), "{path}: {html}");
        assert!(html.contains("Open"), "{path}");
    }
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn an_unknown_shop_is_a_404_page(pool: PgPool) {
    let app = spawn_app(pool).await;

    let response = app.get("/order/nowhere").await;

    assert_eq!(response.status(), 404);
    let html = response.text().await.expect("html");
    assert!(html.contains("There is no shop called"), "{html}");
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn an_unknown_address_is_a_404_page(pool: PgPool) {
    let app = spawn_app(pool).await;

    let response = app.get("/no/such/page").await;

    assert_eq!(response.status(), 404);
}
