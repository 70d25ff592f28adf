use app::{
    model::{EventKind, OrderState},
    ssr::db,
};
use sqlx::{
    PgPool,
    postgres::{PgConnectOptions, PgPoolOptions},
};

/// The schema as Postgres describes it: every column of every table we own.
async fn schema(pool: &PgPool) -> Vec<(String, String, String)> {
    sqlx::query_as(
        "select table_name::text, column_name::text, data_type::text
         from information_schema.columns
         where table_schema = 'public'
         order by table_name, column_name",
    )
    .fetch_all(pool)
    .await
    .expect("schema readable")
}

async fn applied(pool: &PgPool) -> i64 {
    sqlx::query_scalar("select count(*) from _sqlx_migrations")
        .fetch_one(pool)
        .await
        .expect("migrations recorded")
}

#[sqlx::test(migrations = false)]
async fn migrations_applied_twice_are_a_no_op(_: PgPoolOptions, db: PgConnectOptions) {
    let pool = db::pool_with(db, 2);
    db::migrate(&pool).await.expect("first run applies");
    let applied_once = applied(&pool).await;
    let before = schema(&pool).await;

    db::migrate(&pool).await.expect("second run succeeds");

    assert_eq!(applied(&pool).await, applied_once);
    assert_eq!(applied_once, db::MIGRATOR.iter().count() as i64);
    assert_eq!(schema(&pool).await, before);
    pool.close().await;
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn the_database_counts_the_same_states_open_as_the_rules(
    _: PgPoolOptions,
    db: PgConnectOptions,
) {
    let pool = db::pool_with(db, 2);

    let open: Vec<(OrderState, bool)> = sqlx::query_as(
        "select state, order_is_open(state) from unnest(enum_range(null::order_state)) as state",
    )
    .fetch_all(&pool)
    .await
    .expect("every state");

    assert_eq!(open.len(), OrderState::ALL.len());
    for (state, is_open) in open {
        assert_eq!(is_open, state.is_open(), "{state:?}");
    }
    pool.close().await;
}

#[sqlx::test(migrator = "app::ssr::db::MIGRATOR")]
async fn the_database_tells_shop_status_events_as_the_model_does(
    _: PgPoolOptions,
    db: PgConnectOptions,
) {
    let pool = db::pool_with(db, 2);
    for kind in EventKind::ALL {
        let is_status: bool = sqlx::query_scalar("select event_is_shop_status($1)")
            .bind(kind.as_str())
            .fetch_one(&pool)
            .await
            .expect("asked");
        assert_eq!(is_status, kind.is_shop_status(), "{kind:?}");
    }
    pool.close().await;
}
