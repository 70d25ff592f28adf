//! Sessions this instance looked up lately, so that most requests learn their caller
//! without a query.
//!
//! Triggers notify [`CHANNEL`] whenever a session or an account changes (revoked,
//! disabled, a new role or password), and every instance's listener then forgets all it
//! knows. The cache is only used while that listener is connected: notifications missed
//! while it was not can't leave a revoked session usable, and an entry is trusted for
//! [`MAX_AGE`] at most, should the connection die without anyone noticing.

use std::{
    collections::HashMap,
    fmt,
    sync::{Arc, Mutex, MutexGuard},
    time::{Duration, Instant},
};

use chrono::{DateTime, Utc};

use super::sessions::TokenHash;
use crate::model::User;

/// The channel the triggers notify (see the `session_changes` migration).
pub const CHANNEL: &str = "crema_sessions";

/// More sessions than this at once, and the cache starts over.
const CAPACITY: usize = 100_000;
/// How long a looked-up session is trusted without asking the database again.
const MAX_AGE: Duration = Duration::from_secs(30);

#[derive(Clone, Default)]
pub struct SessionCache {
    inner: Arc<Mutex<Inner>>,
}

#[derive(Default)]
struct Inner {
    listening: bool,
    /// Grows with every forgetting: a lookup that started before one is not kept.
    generation: u64,
    sessions: HashMap<TokenHash, Entry>,
}

struct Entry {
    user: User,
    expires_at: DateTime<Utc>,
    looked_up: Instant,
}

/// Where a lookup started, to be handed back to [`SessionCache::keep`].
pub struct Ticket(Option<u64>);

impl fmt::Debug for SessionCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = self.lock();
        f.debug_struct("SessionCache")
            .field("listening", &inner.listening)
            .field("sessions", &inner.sessions.len())
            .finish()
    }
}

impl SessionCache {
    fn lock(&self) -> MutexGuard<'_, Inner> {
        // The data stays consistent whatever panicked while holding the lock.
        self.inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The user of the session, if it is known and has not expired; and a ticket for
    /// keeping what the database says otherwise.
    pub fn get(&self, token_hash: &[u8]) -> Result<User, Ticket> {
        let inner = self.lock();
        if !inner.listening {
            return Err(Ticket(None));
        }
        match inner.sessions.get(token_hash) {
            Some(entry) if entry.expires_at > Utc::now() && entry.looked_up.elapsed() < MAX_AGE => {
                Ok(entry.user.clone())
            }
            _ => Err(Ticket(Some(inner.generation))),
        }
    }

    /// Remembers a live session read from the database, unless something changed since
    /// the lookup started.
    pub fn keep(
        &self,
        ticket: Ticket,
        token_hash: TokenHash,
        user: User,
        expires_at: DateTime<Utc>,
    ) {
        let mut inner = self.lock();
        if ticket.0 != Some(inner.generation) || !inner.listening {
            return;
        }
        if inner.sessions.len() >= CAPACITY {
            inner.sessions.clear();
        }
        inner.sessions.insert(
            token_hash,
            Entry {
                user,
                expires_at,
                looked_up: Instant::now(),
            },
        );
    }

    /// Forgets a session this instance ended, before the notification comes back.
    pub fn forget(&self, token_hash: &[u8]) {
        let mut inner = self.lock();
        inner.generation += 1;
        inner.sessions.remove(token_hash);
    }

    /// Forgets every session: one changed.
    pub fn forget_all(&self) {
        let mut inner = self.lock();
        inner.generation += 1;
        inner.sessions.clear();
    }

    /// Whether changes are being listened for; the cache is empty and unused while not.
    pub fn set_listening(&self, listening: bool) {
        self.lock().listening = listening;
        self.forget_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Role;

    fn ada() -> User {
        User {
            id: crate::model::UserId(uuid::Uuid::from_u128(0xa)),
            role: Role::Customer,
            email: Some("ada@example.org".to_owned()),
            username: None,
            display_name: None,
            shops: Vec::new(),
            device: false,
            robot: false,
        }
    }

    fn later() -> DateTime<Utc> {
        Utc::now() + chrono::Duration::hours(1)
    }

    #[test]
    fn unused_until_listening() {
        let cache = SessionCache::default();
        let ticket = cache.get(&vec![1]).expect_err("empty");
        cache.keep(ticket, vec![1], ada(), later());
        assert!(cache.get(&vec![1]).is_err());

        cache.set_listening(true);
        let ticket = cache.get(&vec![1]).expect_err("still empty");
        cache.keep(ticket, vec![1], ada(), later());
        assert_eq!(cache.get(&vec![1]).ok(), Some(ada()));

        cache.set_listening(false);
        assert!(cache.get(&vec![1]).is_err());
    }

    #[test]
    fn a_change_during_a_lookup_is_not_overwritten() {
        let cache = SessionCache::default();
        cache.set_listening(true);
        let ticket = cache.get(&vec![1]).expect_err("empty");
        // The session is revoked while the database is being read.
        cache.forget_all();
        cache.keep(ticket, vec![1], ada(), later());
        assert!(cache.get(&vec![1]).is_err());
    }

    #[test]
    fn expired_sessions_are_not_given_out() {
        let cache = SessionCache::default();
        cache.set_listening(true);
        let ticket = cache.get(&vec![1]).expect_err("empty");
        cache.keep(
            ticket,
            vec![1],
            ada(),
            Utc::now() - chrono::Duration::seconds(1),
        );
        assert!(cache.get(&vec![1]).is_err());
    }
}
