//! The workflow runner: every server instance times out orders whose deadline passed,
//! and now and then prunes what no rule reads any more (see `app::ssr::prune`).

use std::time::{Duration, Instant};

use app::ssr::{
    orders::{teller::Teller, timeouts},
    prune,
    sequencer::Sequencer,
};
use sqlx::PgPool;

/// How often the runner looks for due deadlines: a deadline fires at most this late.
const TICK: Duration = Duration::from_millis(250);
const BATCH: i64 = 100;

/// How often old rows are pruned.
const PRUNE: Duration = Duration::from_secs(600);

/// Runs until dropped.
pub async fn run(pool: PgPool, sequencer: Sequencer, teller: Teller) {
    let mut pruned = Instant::now();
    loop {
        if pruned.elapsed() > PRUNE {
            pruned = Instant::now();
            match prune::prune(&pool).await {
                Ok(done) => tracing::debug!(?done, "pruned old rows"),
                Err(err) => tracing::warn!(error = %err, "pruning old rows"),
            }
        }
        match timeouts::fire_due(&pool, &sequencer, &teller, BATCH).await {
            // A full batch: there may be more due right now.
            Ok(fired) if fired as i64 == BATCH => continue,
            Ok(_) => {}
            Err(err) => tracing::warn!(error = %err, "timing out due orders"),
        }
        tokio::time::sleep(TICK).await;
    }
}
