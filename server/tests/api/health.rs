use sqlx::{PgPool, postgres::PgPoolOptions};

use crate::helpers::spawn_app;

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn healthz_is_200_with_the_database_up(pool: PgPool) {
    let app = spawn_app(pool).await;

    let response = app.get("/healthz").await;

    assert_eq!(response.status(), 200);
}

#[tokio::test]
async fn healthz_is_503_with_the_database_down() {
    // Nothing listens on port 1: every connection attempt fails.
    let pool = PgPoolOptions::new()
        .acquire_timeout(std::time::Duration::from_millis(500))
        .connect_lazy("postgres://postgres@127.0.0.1:1/crema")
        .expect("a valid URL");
    let app = spawn_app(pool).await;

    let response = app.get("/healthz").await;

    assert_eq!(response.status(), 503);
}
