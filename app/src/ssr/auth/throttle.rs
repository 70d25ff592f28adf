//! Bounded work for password sign-ins: a cap on the Argon2 checks running at once, and
//! backoff for a username or a client that keeps failing.
//!
//! Each check takes 19 MiB and a core for a moment, so a flood of bad logins would take
//! the memory and every core from the pages, the streams and the sequencer. At most
//! [`PasswordGate::permits`] checks run at once (the cores less one, at least one), a
//! login that cannot get a turn within [`TURN_WAIT`] is told to come back, and after a
//! few failures a username or a client waits longer before each try. The counts live in
//! this instance's memory, bounded by [`CAPACITY`] keys.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex, MutexGuard},
    time::{Duration, Instant},
};

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::error::AppError;

/// How long a login waits for a turn to check its password.
pub const TURN_WAIT: Duration = Duration::from_secs(2);
/// Keys remembered at most; beyond, the quiet ones are forgotten first.
const CAPACITY: usize = 50_000;

/// Backoff for one kind of key: `free` failures, then a wait that doubles from `base`
/// with each further failure, up to `max`; forgotten after `max` without a failure.
#[derive(Clone, Copy, Debug)]
pub struct Backoff {
    pub free: u32,
    pub base: Duration,
    pub max: Duration,
}

/// A username: a few tries, then up to a minute between them, so that strangers cannot
/// keep its owner out for long.
pub const PER_USERNAME: Backoff = Backoff {
    free: 5,
    base: Duration::from_secs(1),
    max: Duration::from_secs(60),
};

/// A client (network address), which may be a whole conference behind one address.
pub const PER_CLIENT: Backoff = Backoff {
    free: 20,
    base: Duration::from_secs(1),
    max: Duration::from_secs(15 * 60),
};

/// Failures per key, and when the last one was.
#[derive(Clone, Debug)]
pub struct Throttle {
    backoff: Backoff,
    failures: Arc<Mutex<HashMap<String, Strikes>>>,
}

#[derive(Clone, Copy, Debug)]
struct Strikes {
    count: u32,
    last: Instant,
}

impl Throttle {
    pub fn new(backoff: Backoff) -> Self {
        Self {
            backoff,
            failures: Arc::default(),
        }
    }

    fn lock(&self) -> MutexGuard<'_, HashMap<String, Strikes>> {
        self.failures
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// How long `key` must wait before its next try, if at all.
    pub fn wait(&self, key: &str) -> Option<Duration> {
        let strikes = *self.lock().get(key)?;
        let over = strikes.count.checked_sub(self.backoff.free)?;
        if over == 0 {
            return None;
        }
        let delay = self
            .backoff
            .base
            .saturating_mul(1 << (over - 1).min(20))
            .min(self.backoff.max);
        delay.checked_sub(strikes.last.elapsed())
    }

    pub fn fail(&self, key: &str) {
        let mut failures = self.lock();
        if failures.len() >= CAPACITY && !failures.contains_key(key) {
            let max = self.backoff.max;
            failures.retain(|_, strikes| strikes.last.elapsed() < max);
            if failures.len() >= CAPACITY {
                failures.clear();
            }
        }
        let strikes = failures.entry(key.to_owned()).or_insert(Strikes {
            count: 0,
            last: Instant::now(),
        });
        if strikes.last.elapsed() >= self.backoff.max {
            strikes.count = 0;
        }
        strikes.count = strikes.count.saturating_add(1);
        strikes.last = Instant::now();
    }

    pub fn clear(&self, key: &str) {
        self.lock().remove(key);
    }
}

/// What every password check goes through.
#[derive(Clone, Debug)]
pub struct PasswordGate {
    turns: Arc<Semaphore>,
    pub by_username: Throttle,
    pub by_client: Throttle,
}

impl Default for PasswordGate {
    fn default() -> Self {
        Self::new(Self::permits())
    }
}

impl PasswordGate {
    pub fn new(permits: usize) -> Self {
        Self {
            turns: Arc::new(Semaphore::new(permits)),
            by_username: Throttle::new(PER_USERNAME),
            by_client: Throttle::new(PER_CLIENT),
        }
    }

    /// The checks that may run at once here: the cores less one, at least one.
    pub fn permits() -> usize {
        std::thread::available_parallelism()
            .map_or(1, |cores| cores.get().saturating_sub(1))
            .max(1)
    }

    /// 429 while the username or the client must wait.
    pub fn admit(&self, username: &str, client: &str) -> Result<(), AppError> {
        let wait = self
            .by_username
            .wait(username)
            .max(self.by_client.wait(client));
        match wait {
            None => Ok(()),
            Some(wait) => Err(AppError::rate_limited(
                wait.as_secs_f64().ceil() as u64,
                "Too many failed sign-ins. Please wait a moment and try again.",
            )),
        }
    }

    /// A turn to check a password; 429 when none comes free in [`TURN_WAIT`].
    pub async fn turn(&self) -> Result<OwnedSemaphorePermit, AppError> {
        let busy = || {
            AppError::rate_limited(
                1,
                "Many people are signing in right now. Please try again in a moment.",
            )
        };
        match tokio::time::timeout(TURN_WAIT, self.turns.clone().acquire_owned()).await {
            Ok(Ok(permit)) => Ok(permit),
            Ok(Err(_)) | Err(_) => Err(busy()),
        }
    }

    /// Counts a sign-in's outcome: a failure against both, a success clears the username.
    pub fn record(&self, username: &str, client: &str, succeeded: bool) {
        if succeeded {
            self.by_username.clear(username);
        } else {
            self.by_username.fail(username);
            self.by_client.fail(client);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const QUICK: Backoff = Backoff {
        free: 2,
        base: Duration::from_secs(10),
        max: Duration::from_secs(40),
    };

    #[test]
    fn free_failures_then_a_doubling_wait() {
        let throttle = Throttle::new(QUICK);
        let waits = (0..6)
            .map(|_| {
                throttle.fail("ada");
                throttle
                    .wait("ada")
                    .map(|wait| wait.as_secs().div_ceil(10) * 10)
            })
            .collect::<Vec<_>>();

        let s = |secs| Some(secs);
        assert_eq!(waits, [None, None, s(10), s(20), s(40), s(40)]);
        assert_eq!(throttle.wait("bob"), None, "per key");
        throttle.clear("ada");
        assert_eq!(throttle.wait("ada"), None);
    }

    #[tokio::test]
    async fn turns_are_capped() {
        let gate = PasswordGate::new(1);
        let first = gate.turn().await.expect("a turn");
        let second = tokio::time::timeout(Duration::from_millis(50), gate.turns.acquire()).await;
        assert!(second.is_err(), "no second turn while the first runs");
        drop(first);
        assert!(gate.turn().await.is_ok());
    }

    #[test]
    fn a_throttled_login_says_when_to_come_back() {
        let gate = PasswordGate::new(1);
        for _ in 0..=PER_USERNAME.free {
            gate.record("barista", "10.0.0.1", false);
        }

        let err = gate.admit("barista", "10.0.0.2").expect_err("throttled");
        assert_eq!((err.status, err.retry_after_s), (429, Some(1)));
        assert!(gate.admit("admin", "10.0.0.2").is_ok(), "other usernames");
    }
}
