use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

use crate::helpers::spawn_app;

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn healthz_is_200_with_the_database_up(_: PgPoolOptions, db: PgConnectOptions) {
    let app = spawn_app(db).await;

    let response = app.get("/healthz").await;

    assert_eq!(response.status(), 200);
}

#[tokio::test]
async fn healthz_is_503_with_the_database_down() {
    // Nothing listens on port 1: every connection attempt fails.
    let nowhere: PgConnectOptions = "postgres://postgres@127.0.0.1:1/crema"
        .parse()
        .expect("a valid URL");
    let app = spawn_app(nowhere).await;

    let response = app.get("/healthz").await;

    assert_eq!(response.status(), 503);
}
