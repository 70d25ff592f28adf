//! Server-sent event streams: a shop's for its staff, a customer's own, every shop's for
//! the console, and a shop's public one for the picture of how it works.

use std::{
    convert::Infallible,
    sync::{
        Arc,
        atomic::{AtomicU64, Ordering},
    },
    time::Duration,
};

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

/// The shop's events for anyone watching how it works (`/how/{shop}`): its orders' steps
/// and its opening and closing, without customer ids, names or e-mail; while the shop's
/// `how_it_works` is on (its staff always).
#[utoipa::path(
    get,
    path = "/shops/{shop}/public/stream",
    tag = "streams",
    params(("shop" = String, Path, description = "The shop's slug"), ("since" = Option<i64>, Query, description = "Replay the events after this seq first (or send `Last-Event-ID`)")),
    responses(
        (status = 200, description = "Server-sent events of the shop's orders, without who their customers are", content_type = "text/event-stream", body = EventWire),
        (status = 404, description = "No such shop, or it does not show how it works", body = ApiError),
        (status = 429, description = "This client holds its most streams already", body = ApiError)
    )
)]
pub async fn public(
    ctx: Ctx,
    Extension(live): Extension<Live>,
    Path(shop): Path<String>,
    Query(query): Query<StreamQuery>,
    headers: HeaderMap,
) -> Result<Sse<impl Stream<Item = Result<Frame, Infallible>>>, AppError> {
    let audience = streams::public(&ctx, &shop).await?;
    // Anyone's stream: a slot of its own, limited by the client's address alone.
    static ANONYMOUS: AtomicU64 = AtomicU64::new(0);
    let own = ANONYMOUS.fetch_add(1, Ordering::Relaxed);
    let slot = live
        .slots
        .take(format!("public {own}").as_bytes(), &ctx.caller.client)?;
    Ok(follow(
        ctx.state.pool,
        live,
        slot,
        audience,
        since(&headers, &query),
        None,
    )
    .await?)
}

/// A session's stream: it takes one of the session's slots, and ends when the session
/// does.
async fn stream(
    ctx: Ctx,
    live: Live,
    audience: Audience,
    since: Option<i64>,
) -> Result<Sse<impl Stream<Item = Result<Frame, Infallible>>>, AppError> {
    let (Some(user), Some(session)) = (ctx.caller.user, ctx.caller.session) else {
        return Err(AppError::unauthorized());
    };
    let slot = live.slots.take(&session, &ctx.caller.client)?;
    let pool = ctx.state.pool;
    // The session may have ended since the caller was resolved, before this stream heard
    // of changes; and it ends by itself when it expires.
    let Some(expires_at) = sessions::live_until(&pool, &session).await? else {
        return Err(AppError::unauthorized());
    };
    let expires = tokio::time::Instant::now()
        + (expires_at - chrono::Utc::now())
            .to_std()
            .unwrap_or_default();
    let held = Held {
        user: user.id.0,
        session,
        expires,
    };
    Ok(follow(pool, live, slot, audience, since, Some(held)).await?)
}

/// The session a stream belongs to.
struct Held {
    user: uuid::Uuid,
    session: Vec<u8>,
    expires: tokio::time::Instant,
}

/// Replays what the audience may see after `since` (clamped to the log) from the table,
/// then follows the live events; each event once, in order. Without `since`, only what
/// comes next. It holds `slot` while it runs, and ends with its session, if it has one.
///
/// `live` is subscribed before the table is read, which leaves no gap between the two.
async fn follow(
    pool: sqlx::PgPool,
    live: Live,
    slot: crate::slots::Slot,
    mut audience: Audience,
    since: Option<i64>,
    held: Option<Held>,
) -> sqlx::Result<Sse<impl Stream<Item = Result<Frame, Infallible>>>> {
    let closed = live.closed();
    let mut session_changes = live.session_changes();
    let mut events: Receiver<Arc<Stored>> = live.subscribe();
    let newest = events::last_seq(&pool).await?;
    let mut last = since.map_or(newest, |since| since.clamp(0, newest));
    // A stream without a session runs until the server closes or its shop says so.
    let expires = held.as_ref().map_or_else(
        || tokio::time::Instant::now() + Duration::from_secs(365 * 24 * 3600),
        |held| held.expires,
    );
    let frames = async_stream::stream! {
        let _slot = slot;
        let mut closed = std::pin::pin!(closed);
        let mut expired = std::pin::pin!(tokio::time::sleep_until(expires));
        let mut replay = true;
        loop {
            if audience.is_over() {
                return;
            }
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
                    let Some(held) = &held else { continue };
                    let ours = match change {
                        Ok(Some(changed)) => changed == held.user,
                        Ok(None) | Err(RecvError::Lagged(_)) => true,
                        Err(RecvError::Closed) => return,
                    };
                    // Should the database not answer, the stream goes on: a failing
                    // check must not end every stream at once.
                    if ours && matches!(sessions::live_until(&pool, &held.session).await, Ok(None)) {
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
