//! Live events: one Postgres `LISTEN` connection per server instance, fanned out in
//! process to every open stream. It also hears of changed sessions, for the instance's
//! session cache and for the streams, which end with their session.

use std::{sync::Arc, time::Duration};

use app::ssr::{
    auth::session_cache::{self, SessionCache},
    events::{self, CHANNEL, Stored},
};
use sqlx::{PgPool, postgres::PgListener};
use tokio::sync::{broadcast, watch};
use uuid::Uuid;

use crate::slots::StreamSlots;

/// Events kept for streams that fall behind; a stream further behind replays from the
/// table instead, so a slow client costs no memory here.
const BUFFER: usize = 1024;
const PAGE: i64 = 500;

/// A session or an account changed: whose, or `None` when it may have been anyone's
/// (notifications may have been missed while the listener reconnected).
pub type SessionChange = Option<Uuid>;

/// The in-process fan-out of committed events, in `seq` order.
#[derive(Clone)]
pub struct Live {
    sender: broadcast::Sender<Arc<Stored>>,
    session_changes: broadcast::Sender<SessionChange>,
    /// Set when the server shuts down: streams end, so that it can.
    closing: watch::Sender<bool>,
    /// The streams open on this instance, per session and client.
    pub slots: StreamSlots,
}

impl Default for Live {
    fn default() -> Self {
        Self {
            sender: broadcast::channel(BUFFER).0,
            session_changes: broadcast::channel(BUFFER).0,
            closing: watch::channel(false).0,
            slots: StreamSlots::default(),
        }
    }
}

impl Live {
    /// Streams following the live events right now.
    pub fn clients(&self) -> usize {
        self.sender.receiver_count()
    }

    /// Ends every stream: the server is shutting down (clients reconnect, to it or to
    /// another instance, and replay what they missed).
    pub fn close(&self) {
        self.closing.send_replace(true);
    }

    /// Completes once [`Live::close`] was called.
    pub fn closed(&self) -> impl Future<Output = ()> + Send + use<> {
        let mut closing = self.closing.subscribe();
        async move {
            let _ = closing.wait_for(|closing| *closing).await;
        }
    }

    pub fn subscribe(&self) -> broadcast::Receiver<Arc<Stored>> {
        self.sender.subscribe()
    }

    pub fn session_changes(&self) -> broadcast::Receiver<SessionChange> {
        self.session_changes.subscribe()
    }

    /// Follows the log until dropped: every notification (and every reconnection, which
    /// may have missed some) reads what committed since the last event published. The
    /// same connection hears of changed sessions, which `sessions` then forgets; it is
    /// used only while the connection is up.
    pub async fn listen(self, pool: PgPool, sessions: SessionCache) {
        let mut last = loop {
            match events::last_seq(&pool).await {
                Ok(last) => break last,
                Err(err) => {
                    tracing::warn!(error = %err, "live events: reading the log");
                    tokio::time::sleep(Duration::from_secs(1)).await;
                }
            }
        };
        loop {
            let mut listener = match PgListener::connect_with(&pool).await {
                Ok(listener) => listener,
                Err(err) => {
                    tracing::warn!(error = %err, "live events: connecting the listener");
                    tokio::time::sleep(Duration::from_secs(1)).await;
                    continue;
                }
            };
            if let Err(err) = listener.listen_all([CHANNEL, session_cache::CHANNEL]).await {
                tracing::warn!(error = %err, "live events: LISTEN");
                tokio::time::sleep(Duration::from_secs(1)).await;
                continue;
            }
            sessions.set_listening(true);
            // Whatever changed while not listening went unheard.
            let _ = self.session_changes.send(None);
            // Catch up first: events may have committed while not listening.
            let mut new_events = true;
            loop {
                if new_events {
                    last = self.publish_after(&pool, last).await;
                }
                let mut next = match listener.try_recv().await {
                    Ok(Some(notification)) => Some(notification),
                    Ok(None) => {
                        tracing::warn!("live events: the listener's connection dropped");
                        break;
                    }
                    Err(err) => {
                        tracing::warn!(error = %err, "live events: the listener failed");
                        break;
                    }
                };
                // One read serves every notification that has already arrived.
                new_events = false;
                while let Some(notification) = next {
                    if notification.channel() == session_cache::CHANNEL {
                        sessions.forget_all();
                        let _ = self
                            .session_changes
                            .send(notification.payload().parse().ok());
                    } else {
                        new_events = true;
                    }
                    next = listener.next_buffered();
                }
            }
            sessions.set_listening(false);
        }
    }

    /// Publishes every event after `last`; returns the last one published.
    async fn publish_after(&self, pool: &PgPool, mut last: i64) -> i64 {
        loop {
            match events::after(pool, last, PAGE).await {
                Ok(page) => {
                    for stored in page.events {
                        // No subscribers is fine.
                        let _ = self.sender.send(Arc::new(stored));
                    }
                    last = page.last.unwrap_or(last);
                    if !page.full {
                        return last;
                    }
                }
                Err(err) => {
                    tracing::warn!(error = %err, "live events: reading new events");
                    return last;
                }
            }
        }
    }
}
