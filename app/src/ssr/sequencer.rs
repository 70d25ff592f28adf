//! The sequencer: numbers committed events and moves them from the inbox into the log.
//!
//! A transaction that changes something appends its events to `event_inbox` (see
//! [`events::append`]) and commits through [`Sequencer::commit`], which returns once its
//! events are in `events` with their `seq`, or after [`WAIT`] with 503 `events_pending`,
//! should the database keep failing the sequencer: the change is committed, and its
//! events follow when the sequencer can. Every server instance runs
//! one sequencer loop; an advisory lock lets one batch run at a time across instances, so
//! numbers are handed out in the order batches commit and a reader following `seq` never
//! skips a row. Writers share no lock (only what they change, such as a shop's counters,
//! is locked), so commits that append events share WAL flushes.
//!
//! [`events::append`]: super::events::append

use std::{
    fmt,
    sync::{
        Arc,
        atomic::{AtomicU64, Ordering},
    },
    time::Duration,
};

use sqlx::{PgPool, Postgres, Transaction};
use tokio::sync::{Notify, watch};

use super::{events::CHANNEL, observe};
use crate::error::{AppError, EVENTS_PENDING};

/// How long a commit waits for its events to be numbered before answering that they are
/// pending (the database is failing; the events stay in the inbox until a sequencer
/// moves them).
pub const WAIT: Duration = Duration::from_secs(10);
/// How often an idle sequencer looks for events left by an instance that died between
/// committing and sequencing.
const SWEEP: Duration = Duration::from_secs(1);
/// The most events one batch moves.
const BATCH: i64 = 1000;
/// How many moved events between two vacuums of the inbox.
const VACUUM_EVERY: i64 = 10_000;

#[derive(Clone)]
pub struct Sequencer {
    inner: Arc<Inner>,
}

struct Inner {
    pool: PgPool,
    /// Tickets handed to commits; a batch that starts after ticket `n` was handed out
    /// sees that commit's events.
    tickets: AtomicU64,
    wake: Notify,
    /// The last ticket whose events are in the log.
    done: watch::Sender<u64>,
}

impl fmt::Debug for Sequencer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Sequencer")
            .field("done", &*self.inner.done.borrow())
            .finish_non_exhaustive()
    }
}

impl Sequencer {
    pub fn new(pool: PgPool) -> Self {
        Self {
            inner: Arc::new(Inner {
                pool,
                tickets: AtomicU64::new(0),
                wake: Notify::new(),
                done: watch::channel(0).0,
            }),
        }
    }

    /// Commits `tx`, which appended events, and returns once they are in the log.
    pub async fn commit(&self, tx: Transaction<'_, Postgres>) -> Result<(), AppError> {
        tx.commit().await?;
        self.sequenced().await
    }

    /// Returns once the events of every statement that committed before this call are in
    /// the log: for a statement that appended events and committed on its own. 503
    /// `events_pending` after [`WAIT`].
    pub async fn sequenced(&self) -> Result<(), AppError> {
        let asked = std::time::Instant::now();
        let ticket = self.inner.tickets.fetch_add(1, Ordering::SeqCst) + 1;
        let mut done = self.inner.done.subscribe();
        self.inner.wake.notify_one();
        match tokio::time::timeout(WAIT, done.wait_for(|done| *done >= ticket)).await {
            Ok(_) => {
                observe::sequenced_after(asked.elapsed());
                Ok(())
            }
            Err(_) => {
                tracing::warn!("events not sequenced in time; they stay in the inbox");
                Err(AppError::new(
                    503,
                    EVENTS_PENDING,
                    "Your change is saved, but the live screens have not heard of it yet. \
                     Please try again in a moment.",
                ))
            }
        }
    }

    /// Runs batches until dropped: when a commit asks, and every [`SWEEP`].
    pub async fn run(self) {
        let mut since_vacuum = 0;
        loop {
            let _ = tokio::time::timeout(SWEEP, self.inner.wake.notified()).await;
            let ticket = self.inner.tickets.load(Ordering::SeqCst);
            match self.drain().await {
                Ok(moved) => {
                    self.inner.done.send_replace(ticket);
                    since_vacuum += moved;
                }
                Err(err) => {
                    tracing::warn!(error = %err, "sequencing events");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
            }
            // The inbox is a queue: every moved event leaves a dead row, which each batch's
            // scan would step over until a vacuum clears them. Autovacuum may be late or
            // off, so the sequencer sees to it.
            // It runs beside the batches, which it does not block.
            if since_vacuum >= VACUUM_EVERY {
                since_vacuum = 0;
                let pool = self.inner.pool.clone();
                tokio::spawn(async move {
                    if let Err(err) = sqlx::query("vacuum event_inbox").execute(&pool).await {
                        tracing::warn!(error = %err, "vacuuming the event inbox");
                    }
                });
            }
        }
    }

    /// Moves everything committed so far, batch by batch; returns how many.
    async fn drain(&self) -> sqlx::Result<i64> {
        let mut moved = 0;
        loop {
            let batch = move_batch(&self.inner.pool).await?;
            moved += batch;
            if batch < BATCH {
                return Ok(moved);
            }
        }
    }
}

/// Moves up to [`BATCH`] committed events from the inbox into the log, oldest first,
/// numbering them, and tells the streams; returns how many it moved.
pub async fn move_batch(pool: &PgPool) -> sqlx::Result<i64> {
    let mut tx = pool.begin().await?;
    // Taken in a statement of its own: the next one's snapshot, taken once the lock is
    // held, sees every batch committed before.
    sqlx::query!("select pg_advisory_xact_lock(hashtext('crema.events'))")
        .execute(&mut *tx)
        .await?;
    // Rows of a shop or an order deleted meanwhile are dropped, as their events would be.
    let batch = sqlx::query!(
        r#"with moved as (
               delete from event_inbox
               where id in (select id from event_inbox order by id limit $1)
               returning *
           ),
           logged as (
               insert into events (seq, type, shop, order_id, customer_id, at, data, message)
               select nextval('events_seq'), type, shop, order_id, customer_id, at, data, message
               from (select * from moved m
                     where exists (select from shops s where s.slug = m.shop)
                       and (m.order_id is null
                            or exists (select from orders o where o.id = m.order_id))
                     order by id) as batch
               returning seq
           )
           select (select count(*) from moved) as "moved!", (select max(seq) from logged) as last"#,
        BATCH,
    )
    .fetch_one(&mut *tx)
    .await?;
    if let Some(last) = batch.last {
        sqlx::query!("select pg_notify($1, $2)", CHANNEL, last.to_string())
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(batch.moved)
}
