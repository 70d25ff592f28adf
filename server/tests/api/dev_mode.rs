//! Dev mode seeds demo data without ever changing what exists.

use app::{model::Role, ssr::seed};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

use crate::helpers::{Auth, STAFF_PASSWORD, spawn_app};

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn seeding_never_changes_an_existing_account_or_shop(_: PgPoolOptions, db: PgConnectOptions) {
    let app = spawn_app(db).await;
    app.seed_demo_shop().await;
    // A booth that started in dev mode once: its barista chose a password and signed in,
    // the shop was renamed.
    let barista = app.staff_token("barista", Role::Barista).await;
    sqlx::query("update shops set name = 'Our booth' where slug = 'demo'")
        .execute(&app.pool)
        .await
        .expect("renamed");

    seed::demo_shop(&app.pool).await.expect("seeded");
    seed::demo_staff(&app.pool, "crema-demo")
        .await
        .expect("seeded");

    assert_eq!(
        app.me_status(Auth::Bearer(&barista)).await,
        200,
        "still signed in"
    );
    assert_eq!(app.login("barista", STAFF_PASSWORD).await.status(), 200);
    assert_eq!(app.login("barista", "crema-demo").await.status(), 401);
    assert_eq!(
        app.login("admin", "crema-demo").await.status(),
        200,
        "created"
    );
    let name: String = sqlx::query_scalar("select name from shops where slug = 'demo'")
        .fetch_one(&app.pool)
        .await
        .expect("the shop");
    assert_eq!(name, "Our booth");
}
