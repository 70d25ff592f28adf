//! How many live streams a session and a client hold open on this instance: each holds
//! a connection, a subscription and a task, so nobody gets to open them without end.

use std::{
    collections::HashMap,
    hash::Hash,
    sync::{Arc, Mutex, MutexGuard},
};

use app::error::AppError;

/// Streams one session may hold at once: a phone's tab or two, a tablet's apps.
pub const PER_SESSION: usize = 8;
/// Streams from one client address at once: generous, since a conference's Wi-Fi puts
/// thousands of phones behind one address.
pub const PER_CLIENT: usize = 5000;

#[derive(Clone, Debug, Default)]
pub struct StreamSlots {
    held: Arc<Mutex<Held>>,
}

#[derive(Debug, Default)]
struct Held {
    by_session: HashMap<Vec<u8>, usize>,
    by_client: HashMap<String, usize>,
}

/// One open stream's place; given back when dropped, as the stream ends.
#[derive(Debug)]
pub struct Slot {
    held: Arc<Mutex<Held>>,
    session: Vec<u8>,
    client: String,
}

fn lock(held: &Mutex<Held>) -> MutexGuard<'_, Held> {
    held.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl StreamSlots {
    /// A place for one more stream of `session` from `client`; 429 when either holds
    /// its most already.
    pub fn take(&self, session: &[u8], client: &str) -> Result<Slot, AppError> {
        let mut held = lock(&self.held);
        let of_session = held.by_session.get(session).copied().unwrap_or(0);
        let of_client = held.by_client.get(client).copied().unwrap_or(0);
        if of_session >= PER_SESSION || of_client >= PER_CLIENT {
            return Err(AppError::rate_limited(
                5,
                "Too many live streams are open. Close another tab or app, then try again.",
            )
            .with_code("too_many_streams"));
        }
        *held.by_session.entry(session.to_vec()).or_default() += 1;
        *held.by_client.entry(client.to_owned()).or_default() += 1;
        Ok(Slot {
            held: self.held.clone(),
            session: session.to_vec(),
            client: client.to_owned(),
        })
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut held = lock(&self.held);
        let Held {
            by_session,
            by_client,
        } = &mut *held;
        give_back(by_session, &self.session);
        give_back(by_client, &self.client);
    }
}

fn give_back<K: Hash + Eq>(counts: &mut HashMap<K, usize>, key: &K) {
    if let Some(count) = counts.get_mut(key) {
        *count -= 1;
        if *count == 0 {
            counts.remove(key);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_session_holds_eight_streams_and_gets_them_back() {
        let slots = StreamSlots::default();
        let mut open = (0..PER_SESSION)
            .map(|_| slots.take(b"tablet", "10.0.0.1").expect("a slot"))
            .collect::<Vec<_>>();

        let err = slots.take(b"tablet", "10.0.0.1").expect_err("the ninth");
        assert_eq!((err.status, err.code.as_str()), (429, "too_many_streams"));
        assert!(slots.take(b"phone", "10.0.0.1").is_ok(), "another session");

        open.pop();
        assert!(slots.take(b"tablet", "10.0.0.1").is_ok());
        drop(open);
        let held = lock(&slots.held);
        assert!(held.by_session.is_empty() && held.by_client.is_empty());
    }
}
