//! Telling customers where their orders stand, off the steps' path: a step that committed
//! marks its shop's line as moved ([`Teller::moved`]) and returns; the teller tells each
//! marked shop's customers in the background, at most once per [`PAUSE`], so a burst of
//! steps at a busy shop costs one telling, not one each.

use std::{
    collections::BTreeSet,
    fmt,
    sync::{Arc, Mutex, MutexGuard},
    time::Duration,
};

use sqlx::PgPool;
use tokio::sync::Notify;
use uuid::Uuid;

use super::queue::Queue;
use crate::{
    error::AppError,
    ssr::{
        events::{self, NewEvent},
        sequencer::Sequencer,
    },
};

/// The least time between two tellings: the steps that commit meanwhile wait for the
/// next one together. A customer hears of their place at most this much later, and of
/// at most one move of it in this time.
const PAUSE: Duration = Duration::from_secs(1);

/// Tells the customers of the shops whose line moved; clones share one.
#[derive(Clone)]
pub struct Teller {
    inner: Arc<Inner>,
}

struct Inner {
    pool: PgPool,
    sequencer: Sequencer,
    /// The shops whose line moved since their last telling.
    due: Mutex<BTreeSet<String>>,
    wake: Notify,
}

impl fmt::Debug for Teller {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Teller")
            .field("due", &*self.due())
            .finish_non_exhaustive()
    }
}

impl Teller {
    pub fn new(pool: PgPool, sequencer: Sequencer) -> Self {
        Self {
            inner: Arc::new(Inner {
                pool,
                sequencer,
                due: Mutex::default(),
                wake: Notify::new(),
            }),
        }
    }

    /// A step committed at `shop`: its line may have moved, or how fast it moves.
    pub fn moved(&self, shop: &str) {
        self.due().insert(shop.to_owned());
        self.inner.wake.notify_one();
    }

    /// Tells the shops marked as moved until dropped. A telling that failed is tried
    /// again after the pause.
    pub async fn run(self) {
        loop {
            self.inner.wake.notified().await;
            let due = std::mem::take(&mut *self.due());
            for shop in due {
                if let Err(err) = tell(&self.inner.pool, &self.inner.sequencer, &shop).await {
                    tracing::warn!(error = %err.message, shop, "telling the line");
                    self.moved(&shop);
                }
            }
            tokio::time::sleep(PAUSE).await;
        }
    }

    fn due(&self) -> MutexGuard<'_, BTreeSet<String>> {
        // The set stays whole whatever panicked while holding it.
        self.inner
            .due
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Tells each customer at `shop` whose order's place or estimate moved since they were
/// last told. One shop's telling at a time across instances (a transaction lock per
/// shop), so each compares with what the last one told; it touches no order, so it never
/// waits on a step.
pub async fn tell(pool: &PgPool, sequencer: &Sequencer, shop: &str) -> Result<(), AppError> {
    let mut tx = pool.begin().await?;
    sqlx::query("select pg_advisory_xact_lock(hashtext('crema.queue.' || $1))")
        .bind(shop)
        .execute(&mut *tx)
        .await?;
    let moved = Queue::of_shop(&mut tx, shop).await?.moved(shop);
    if moved.is_empty() {
        tx.commit().await?;
        return Ok(());
    }
    let (ids, (positions, etas)): (Vec<Uuid>, (Vec<i32>, Vec<i32>)) = moved
        .iter()
        .map(|(id, place, _)| (*id, (place.position as i32, place.eta_s as i32)))
        .unzip();
    sqlx::query(
        "insert into order_announcements (order_id, position, eta_s)
         select * from unnest($1::uuid[], $2::int[], $3::int[])
         on conflict (order_id) do update
         set position = excluded.position, eta_s = excluded.eta_s",
    )
    .bind(&ids)
    .bind(&positions)
    .bind(&etas)
    .execute(&mut *tx)
    .await?;
    let events: Vec<NewEvent> = moved.into_iter().map(|(.., event)| event).collect();
    events::append(&mut tx, &events).await?;
    sequencer.commit(tx).await
}
