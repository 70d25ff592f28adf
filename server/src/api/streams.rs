//! Server-sent event streams: a shop's for its staff, a customer's own, every shop's for
//! the console.

use std::{convert::Infallible, sync::Arc, time::Duration};

use app::{
    error::AppError,
    model::{Event, EventWire},
    ssr::{
        auth::sessions,
        events::{self, Audience, Stored},
        usecases::{Ctx, streams},
    },
};
use axum::{
    Extension,
    extract::{Path, Query},
    http::HeaderMap,
    response::sse::{Event as Frame, KeepAlive, Sse},
};
use futures::Stream;
use serde::Deserialize;
use tokio::sync::broadcast::{Receiver, error::RecvError};

use super::openapi::ApiError;
use crate::live::Live;

const REPLAY_PAGE: i64 = 500;

#[derive(Deserialize)]
pub struct StreamQuery {
    since: Option<i64>,
}

/// Where a reconnecting client left off: `Last-Event-ID`, else `?since=`.
fn since(headers: &HeaderMap, query: &StreamQuery) -> Option<i64> {
    headers
        .get("last-event-id")
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.trim().parse().ok())
        .or(query.since)
}

/// The shop's live events (barista, display).
#[utoipa::path(
    get,
    path = "/shops/{shop}/stream",
    tag = "streams",
    params(("shop" = String, Path, description = "The shop's slug"), ("since" = Option<i64>, Query, description = "Replay the events after this seq first (or send `Last-Event-ID`)")),
    responses(
        (status = 200, description = "Server-sent events: `id: <seq>`, `event: <type>`, `data: <event JSON>`", content_type = "text/event-stream", body = EventWire),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Signed in, but not allowed", body = ApiError),
        (status = 404, description = "No such shop or order", body = ApiError),
        (status = 429, description = "The session holds its most streams already", body = ApiError)
    )
)]
pub async fn shop(
    ctx: Ctx,
    Extension(live): Extension<Live>,
    Path(shop): Path<String>,
    Query(query): Query<StreamQuery>,
    headers: HeaderMap,
) -> Result<Sse<impl Stream<Item = Result<Frame, Infallible>>>, AppError> {
    let audience = streams::shop(&ctx, &shop).await?;
    stream(ctx, live, audience, since(&headers, &query)).await
}

/// Every shop's live events, for the operator's console (admin).
#[utoipa::path(
    get,
    path = "/stream",
    tag = "streams",
    params(("since" = Option<i64>, Query, description = "Replay the events after this seq first (or send `Last-Event-ID`)")),
    responses(
        (status = 200, description = "Server-sent events of every shop", content_type = "text/event-stream", body = EventWire),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Signed in, but not allowed", body = ApiError),
        (status = 429, description = "The session holds its most streams already", body = ApiError)
    )
)]
pub async fn every(
    ctx: Ctx,
    Extension(live): Extension<Live>,
    Query(query): Query<StreamQuery>,
    headers: HeaderMap,
) -> Result<Sse<impl Stream<Item = Result<Frame, Infallible>>>, AppError> {
    let audience = streams::every(&ctx)?;
    stream(ctx, live, audience, since(&headers, &query)).await
}

/// The caller's live events: their orders and their shops' status (customer).
#[utoipa::path(
    get,
    path = "/me/stream",
    tag = "streams",
    params(("since" = Option<i64>, Query, description = "Replay the events after this seq first (or send `Last-Event-ID`)")),
    responses(
        (status = 200, description = "Server-sent events of the caller's orders and their shops' status", content_type = "text/event-stream", body = EventWire),
        (status = 401, description = "Not signed in", body = ApiError),
        (status = 403, description = "Signed in, but not allowed", body = ApiError),
        (status = 429, description = "The session holds its most streams already", body = ApiError)
    )
)]
pub async fn mine(
    ctx: Ctx,
    Extension(live): Extension<Live>,
    Query(query): Query<StreamQuery>,
    headers: HeaderMap,
) -> Result<Sse<impl Stream<Item = Result<Frame, Infallible>>>, AppError> {
    let audience = streams::mine(&ctx).await?;
    stream(ctx, live, audience, since(&headers, &query)).await
}

/// Replays what the audience may see after `since` (clamped to the log) from the table,
/// then follows the live events; each event once, in order. Without `since`, only what
/// comes next. The stream takes one of its session's slots, and ends when the session
/// does.
///
/// `live` is subscribed before the table is read, which leaves no gap between the two.
async fn stream(
    ctx: Ctx,
    live: Live,
    mut audience: Audience,
    since: Option<i64>,
) -> Result<Sse<impl Stream<Item = Result<Frame, Infallible>>>, AppError> {
    let (Some(user), Some(session)) = (ctx.caller.user, ctx.caller.session) else {
        return Err(AppError::unauthorized());
    };
    let slot = live.slots.take(&session, &ctx.caller.client)?;
    let pool = ctx.state.pool;
    let closed = live.closed();
    let mut session_changes = live.session_changes();
    // The session may have ended since the caller was resolved, before this stream heard
    // of changes; and it ends by itself when it expires.
    let Some(expires_at) = sessions::live_until(&pool, &session).await? else {
        return Err(AppError::unauthorized());
    };
    let expires = tokio::time::Instant::now()
        + (expires_at - chrono::Utc::now())
            .to_std()
            .unwrap_or_default();
    let mut events: Receiver<Arc<Stored>> = live.subscribe();
    let newest = events::last_seq(&pool).await?;
    let mut last = since.map_or(newest, |since| since.clamp(0, newest));
    let frames = async_stream::stream! {
        let _slot = slot;
        let mut closed = std::pin::pin!(closed);
        let mut expired = std::pin::pin!(tokio::time::sleep_until(expires));
        let mut replay = true;
        loop {
            if replay {
                match events::replay(&pool, &audience, last, REPLAY_PAGE).await {
                    Ok(page) => {
                        replay = page.full;
                        last = page.last.unwrap_or(last);
                        for stored in page.events {
                            if audience.admits(&stored) {
                                yield Ok(frame(&audience.sees(&stored)));
                            }
                        }
                    }
                    Err(err) => {
                        tracing::warn!(error = %err, "stream: replaying");
                        return;
                    }
                }
                continue;
            }
            let next = tokio::select! {
                () = &mut closed => return,
                () = &mut expired => return,
                change = session_changes.recv() => {
                    let ours = match change {
                        Ok(Some(changed)) => changed == user.id.0,
                        Ok(None) | Err(RecvError::Lagged(_)) => true,
                        Err(RecvError::Closed) => return,
                    };
                    // Should the database not answer, the stream goes on: a failing
                    // check must not end every stream at once.
                    if ours && matches!(sessions::live_until(&pool, &session).await, Ok(None)) {
                        return;
                    }
                    continue;
                }
                next = events.recv() => next,
            };
            match next {
                Ok(stored) if stored.event.seq <= last => {}
                Ok(stored) => {
                    last = stored.event.seq;
                    if audience.admits(&stored) {
                        yield Ok(frame(&audience.sees(&stored)));
                    }
                }
                // Too slow for the buffer: catch up from the table instead.
                Err(RecvError::Lagged(_)) => replay = true,
                Err(RecvError::Closed) => return,
            }
        }
    };
    Ok(Sse::new(frames).keep_alive(KeepAlive::new().interval(Duration::from_secs(15))))
}

fn frame(event: &Event) -> Frame {
    let frame = Frame::default()
        .id(event.seq.to_string())
        .event(event.kind().as_str());
    frame
        .json_data(event)
        .unwrap_or_else(|_| Frame::default().comment("unserializable event"))
}
