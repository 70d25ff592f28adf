//! `GET /metrics`: what an operator graphs, in Prometheus' text format.

use std::fmt::Write;

use app::error::AppError;
use app::ssr::{AppState, events, orders};
use axum::{
    Extension,
    extract::State,
    http::{
        HeaderMap,
        header::{AUTHORIZATION, CONTENT_TYPE},
    },
    response::IntoResponse,
};

use crate::live::Live;

/// The metrics; 401 without the bearer token when `CREMA__METRICS__TOKEN` is set.
pub async fn metrics(
    State(state): State<AppState>,
    Extension(live): Extension<Live>,
    headers: HeaderMap,
) -> Result<impl IntoResponse, AppError> {
    let authorization = headers
        .get(AUTHORIZATION)
        .and_then(|value| value.to_str().ok());
    if !state.may_read_metrics(authorization) {
        return Err(AppError::new(
            401,
            "unauthorized",
            "The metrics need `Authorization: Bearer` with the metrics token.",
        ));
    }
    let open = orders::open_counts(&state.pool).await?;
    let last_seq = events::last_seq(&state.pool).await?;
    let mut text = String::new();
    metric(
        &mut text,
        "crema_orders_open",
        "gauge",
        "Orders awaiting a drink, queued or being made.",
    );
    for (shop, order_state, count) in open {
        let _ = writeln!(
            text,
            "crema_orders_open{{shop=\"{}\",state=\"{}\"}} {count}",
            escape(&shop),
            order_state.as_str()
        );
    }
    metric(
        &mut text,
        "crema_events_total",
        "counter",
        "Events in the log: every change of every order and shop.",
    );
    let _ = writeln!(text, "crema_events_total {last_seq}");
    metric(
        &mut text,
        "crema_stream_clients",
        "gauge",
        "Live streams open on this instance.",
    );
    let _ = writeln!(text, "crema_stream_clients {}", live.clients());
    metric(
        &mut text,
        "crema_db_connections",
        "gauge",
        "This instance's database connections.",
    );
    let idle = state.pool.num_idle();
    let all = state.pool.size() as usize;
    let _ = writeln!(text, "crema_db_connections{{state=\"idle\"}} {idle}");
    let _ = writeln!(
        text,
        "crema_db_connections{{state=\"busy\"}} {}",
        all.saturating_sub(idle)
    );
    Ok(([(CONTENT_TYPE, "text/plain; version=0.0.4")], text))
}

fn metric(text: &mut String, name: &str, kind: &str, help: &str) {
    let _ = writeln!(text, "# HELP {name} {help}\n# TYPE {name} {kind}");
}

/// A label value with `\`, `"` and newlines escaped.
fn escape(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}
