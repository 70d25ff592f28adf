//! The workflow runner: every server instance times out orders whose deadline passed,
//! and now and then forgets old idempotency keys.

use std::time::{Duration, Instant};

use app::ssr::{idempotency, orders::timeouts, sequencer::Sequencer};
use sqlx::PgPool;

/// How often the runner looks for due deadlines: a deadline fires at most this late.
const TICK: Duration = Duration::from_millis(250);
const BATCH: i64 = 100;

/// How often remembered idempotency keys older than a day are forgotten.
const CLEANUP: Duration = Duration::from_secs(3600);

/// Runs until dropped.
pub async fn run(pool: PgPool, sequencer: Sequencer) {
    let mut cleaned = Instant::now();
    loop {
        if cleaned.elapsed() > CLEANUP {
            cleaned = Instant::now();
            if let Err(err) = idempotency::forget_old(&pool).await {
                tracing::warn!(error = %err, "forgetting old idempotency keys");
            }
        }
        match timeouts::fire_due(&pool, &sequencer, BATCH).await {
            // A full batch: there may be more due right now.
            Ok(fired) if fired as i64 == BATCH => continue,
            Ok(_) => {}
            Err(err) => tracing::warn!(error = %err, "timing out due orders"),
        }
        tokio::time::sleep(TICK).await;
    }
}
