//! Server-sent event streams: a shop's for its staff, a customer's own.

use std::{convert::Infallible, sync::Arc, time::Duration};

use app::{
    error::AppError,
    model::EventWire,
    ssr::{
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
use sqlx::PgPool;
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
        (status = 404, description = "No such shop or order", body = ApiError)
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
    Ok(stream(
        ctx.state.pool,
        live,
        audience,
        since(&headers, &query),
    ))
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
        (status = 403, description = "Signed in, but not allowed", body = ApiError)
    )
)]
pub async fn mine(
    ctx: Ctx,
    Extension(live): Extension<Live>,
    Query(query): Query<StreamQuery>,
    headers: HeaderMap,
) -> Result<Sse<impl Stream<Item = Result<Frame, Infallible>>>, AppError> {
    let audience = streams::mine(&ctx).await?;
    Ok(stream(
        ctx.state.pool,
        live,
        audience,
        since(&headers, &query),
    ))
}

/// Replays what the audience may see after `since` from the table, then follows the
/// live events; each event once, in order. Without `since`, only what comes next.
///
/// `live` is subscribed before the table is read, which leaves no gap between the two.
fn stream(
    pool: PgPool,
    live: Live,
    mut audience: Audience,
    since: Option<i64>,
) -> Sse<impl Stream<Item = Result<Frame, Infallible>>> {
    let closed = live.closed();
    let mut live: Receiver<Arc<Stored>> = live.subscribe();
    let frames = async_stream::stream! {
        let mut closed = std::pin::pin!(closed);
        let mut last = match since {
            Some(since) => since,
            None => match events::last_seq(&pool).await {
                Ok(last) => last,
                Err(err) => {
                    tracing::warn!(error = %err, "stream: reading the log");
                    return;
                }
            },
        };
        let mut replay = true;
        loop {
            if replay {
                match events::after(&pool, last, REPLAY_PAGE).await {
                    Ok(page) => {
                        replay = page.full;
                        last = page.last.unwrap_or(last);
                        for stored in page.events {
                            if audience.admits(&stored) {
                                yield Ok(frame(&stored));
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
                next = live.recv() => next,
            };
            match next {
                Ok(stored) if stored.event.seq <= last => {}
                Ok(stored) => {
                    last = stored.event.seq;
                    if audience.admits(&stored) {
                        yield Ok(frame(&stored));
                    }
                }
                // Too slow for the buffer: catch up from the table instead.
                Err(RecvError::Lagged(_)) => replay = true,
                Err(RecvError::Closed) => return,
            }
        }
    };
    Sse::new(frames).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}

fn frame(stored: &Stored) -> Frame {
    let frame = Frame::default()
        .id(stored.event.seq.to_string())
        .event(stored.event.kind().as_str());
    frame
        .json_data(&stored.event)
        .unwrap_or_else(|_| Frame::default().comment("unserializable event"))
}
