//! Reads server-sent events from an open stream.

use std::time::Duration;

use app::model::EventKind;
use serde_json::Value;

use crate::helpers::{Auth, TestApp};

/// One server-sent event.
#[derive(Debug)]
pub struct Frame {
    pub id: i64,
    pub kind: String,
    pub data: Value,
}

/// The kinds of `frames`, by their names on the wire (a name no kind has fails).
pub fn kinds(frames: &[Frame]) -> Vec<EventKind> {
    frames
        .iter()
        .map(|frame| {
            serde_json::from_value(Value::String(frame.kind.clone())).expect("a known event type")
        })
        .collect()
}

/// Reads frames from an open stream.
pub struct Reader {
    response: reqwest::Response,
    buffer: String,
}

impl Reader {
    pub async fn open(app: &TestApp, path: &str, token: &str, last_event_id: Option<i64>) -> Self {
        Self::open_as(app, path, Auth::Bearer(token), last_event_id).await
    }

    pub async fn open_as(
        app: &TestApp,
        path: &str,
        auth: Auth<'_>,
        last_event_id: Option<i64>,
    ) -> Self {
        let mut request = app.request(reqwest::Method::GET, path, auth);
        if let Some(id) = last_event_id {
            request = request.header("last-event-id", id.to_string());
        }
        // Streams outlive the client's default timeout.
        let response = request
            .timeout(Duration::from_secs(3600))
            .send()
            .await
            .expect("stream");
        assert_eq!(response.status(), 200, "{path}");
        assert_eq!(response.headers()["content-type"], "text/event-stream");
        Self {
            response,
            buffer: String::new(),
        }
    }

    /// The next frame, skipping keep-alive comments; `None` after two quiet seconds.
    pub async fn next(&mut self) -> Option<Frame> {
        loop {
            if let Some(end) = self.buffer.find("\n\n") {
                let block: String = self.buffer.drain(..end + 2).collect();
                let field = |name: &str| {
                    block.lines().find_map(|line| {
                        line.strip_prefix(name).map(|value| value.trim().to_owned())
                    })
                };
                if let (Some(id), Some(kind), Some(data)) =
                    (field("id:"), field("event:"), field("data:"))
                {
                    return Some(Frame {
                        id: id.parse().expect("numeric id"),
                        kind,
                        data: serde_json::from_str(&data).expect("json data"),
                    });
                }
                continue;
            }
            let chunk = tokio::time::timeout(Duration::from_secs(2), self.response.chunk()).await;
            match chunk {
                Ok(Ok(Some(bytes))) => self.buffer.push_str(&String::from_utf8_lossy(&bytes)),
                _ => return None,
            }
        }
    }

    /// Whether the server ends the stream within `within` (frames meanwhile are skipped);
    /// false when it is still open then.
    pub async fn ends_within(&mut self, within: Duration) -> bool {
        let deadline = tokio::time::Instant::now() + within;
        loop {
            match tokio::time::timeout_at(deadline, self.response.chunk()).await {
                Ok(Ok(Some(_))) => {}
                Ok(Ok(None) | Err(_)) => return true,
                Err(_) => return false,
            }
        }
    }

    /// Every frame until the stream has been quiet for two seconds.
    pub async fn drain(&mut self) -> Vec<Frame> {
        let mut frames = Vec::new();
        while let Some(frame) = self.next().await {
            frames.push(frame);
        }
        frames
    }
}
