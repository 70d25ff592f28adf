//! The workflow runner: every server instance times out orders whose deadline passed.

use std::time::Duration;

use app::ssr::orders::timeouts;
use sqlx::PgPool;

/// How often the runner looks for due deadlines: a deadline fires at most this late.
const TICK: Duration = Duration::from_millis(250);
const BATCH: i64 = 100;

/// Runs until dropped.
pub async fn run(pool: PgPool) {
    loop {
        match timeouts::fire_due(&pool, BATCH).await {
            // A full batch: there may be more due right now.
            Ok(fired) if fired as i64 == BATCH => continue,
            Ok(_) => {}
            Err(err) => tracing::warn!(error = %err, "timing out due orders"),
        }
        tokio::time::sleep(TICK).await;
    }
}
