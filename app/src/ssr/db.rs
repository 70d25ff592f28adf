//! The connection pool and the schema.

use std::{str::FromStr, time::Duration};

use sqlx::{
    PgPool,
    migrate::Migrator,
    postgres::{PgConnectOptions, PgPoolOptions},
};

/// The schema, embedded in the binary from `app/migrations`.
pub static MIGRATOR: Migrator = sqlx::migrate!("./migrations");

/// A pool on the database at `url`; see [`pool_with`].
pub fn pool(url: &str, max_connections: u32) -> Result<PgPool, sqlx::Error> {
    Ok(pool_with(PgConnectOptions::from_str(url)?, max_connections))
}

/// A pool that connects on first use, so the server starts (and `/healthz` reports 503)
/// while the database is still down.
///
/// Connections are neither timed out when idle nor retired by age: either would start
/// sqlx 0.8's background maintenance task, whose accounting race (sqlx issue #3645, fixed
/// only in 0.9) can leave the pool unable to hand out a connection.
///
/// sqlx pings every connection as it goes back to the pool and drops a broken one; it is
/// not pinged again when handed out (a round trip per request, 8% of the lifecycle
/// benchmark's throughput), so a connection that broke while idle, as when the database
/// restarts, fails the one request that gets it and is then replaced.
pub fn pool_with(options: PgConnectOptions, max_connections: u32) -> PgPool {
    PgPoolOptions::new()
        .max_connections(max_connections)
        .test_before_acquire(false)
        .acquire_timeout(Duration::from_secs(3))
        .idle_timeout(None)
        .max_lifetime(None)
        .connect_lazy_with(options)
}

/// Brings the schema up to date; applied migrations are skipped.
pub async fn migrate(pool: &PgPool) -> Result<(), sqlx::migrate::MigrateError> {
    MIGRATOR.run(pool).await
}
