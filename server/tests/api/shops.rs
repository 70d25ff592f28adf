use app::{
    model::Shop,
    ssr::seed::{self, DEMO_SHOP},
};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};

use crate::helpers::spawn_app;

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn get_shop_reads_the_seeded_shop(_: PgPoolOptions, db: PgConnectOptions) {
    let app = spawn_app(db).await;
    app.seed_demo_shop().await;

    let response = app.server_fn("shop", &[("slug", DEMO_SHOP)]).await;

    assert_eq!(response.status(), 200);
    let shop: Shop = response.json().await.expect("a shop");
    assert_eq!(shop.slug, DEMO_SHOP);
    assert!(shop.open);
    assert_eq!(shop.menu, seed::demo_menu());
    assert_eq!(shop.settings, Default::default());
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn get_shop_is_404_for_an_unknown_shop(_: PgPoolOptions, db: PgConnectOptions) {
    let app = spawn_app(db).await;

    let response = app.server_fn("shop", &[("slug", "nowhere")]).await;

    assert_eq!(response.status(), 404);
    let body = response.text().await.expect("a body");
    assert!(body.contains("not_found"), "{body}");
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn list_shops_lists_every_shop(_: PgPoolOptions, db: PgConnectOptions) {
    let app = spawn_app(db).await;
    app.seed_demo_shop().await;
    sqlx::query("insert into shops (slug, name) values ('annex', 'Annex cart')")
        .execute(&app.pool)
        .await
        .expect("inserted");

    let response = app.server_fn("shops", &[]).await;

    assert_eq!(response.status(), 200);
    let shops: Vec<Shop> = response.json().await.expect("shops");
    let slugs: Vec<_> = shops.iter().map(|shop| shop.slug.as_str()).collect();
    assert_eq!(slugs, ["annex", DEMO_SHOP]);
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn seeding_twice_keeps_the_shop_as_it_was(_: PgPoolOptions, db: PgConnectOptions) {
    let pool = app::ssr::db::pool_with(db, 2);
    seed::demo_shop(&pool).await.expect("seeded");
    sqlx::query("update shops set open = false where slug = $1")
        .bind(DEMO_SHOP)
        .execute(&pool)
        .await
        .expect("closed");

    seed::demo_shop(&pool).await.expect("seeded again");

    let open: bool = sqlx::query_scalar("select open from shops where slug = $1")
        .bind(DEMO_SHOP)
        .fetch_one(&pool)
        .await
        .expect("one shop");
    assert!(!open);
    pool.close().await;
}
