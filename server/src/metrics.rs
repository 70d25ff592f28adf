//! `GET /metrics`: what an operator graphs, in Prometheus' text format, by the
//! `metrics` facade and its Prometheus exporter. Counters and histograms are recorded as
//! the server works (`app::ssr::observe`); gauges are read when scraped.

use std::sync::OnceLock;

use app::error::AppError;
use app::ssr::{AppState, events, observe, orders};
use axum::{
    Extension,
    extract::State,
    http::{
        HeaderMap,
        header::{AUTHORIZATION, CONTENT_TYPE},
    },
    response::IntoResponse,
};
use metrics::{counter, gauge};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};

use crate::live::Live;

/// The process's recorder, installed once (every server in a test process shares it).
pub fn recorder() -> &'static PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE.get_or_init(|| {
        let buckets =
            |name: &str, buckets: &[f64]| (Matcher::Full(name.to_owned()), buckets.to_vec());
        let recorder = [
            buckets(observe::STEP, observe::STEP_BUCKETS),
            buckets(observe::SEQUENCER_LAG, observe::STEP_BUCKETS),
            buckets(observe::DEADLINE_LAG, observe::STEP_BUCKETS),
            buckets(observe::WAIT, observe::WAIT_BUCKETS),
            buckets(observe::CHOOSE, observe::WAIT_BUCKETS),
        ]
        .into_iter()
        .try_fold(PrometheusBuilder::new(), |builder, (matcher, buckets)| {
            builder.set_buckets_for_metric(matcher, &buckets)
        })
        .expect("the buckets are not empty")
        .build_recorder();
        let handle = recorder.handle();
        // Another recorder can only be there if this process installed one itself.
        let _ = metrics::set_global_recorder(recorder);
        observe::describe();
        // Histograms keep their samples until drained: drained here between scrapes too.
        if let Ok(runtime) = tokio::runtime::Handle::try_current() {
            let upkeep = handle.clone();
            runtime.spawn(async move {
                let mut every = tokio::time::interval(UPKEEP);
                loop {
                    every.tick().await;
                    upkeep.run_upkeep();
                }
            });
        }
        handle
    })
}

/// How often the recorder folds its histograms' samples into their buckets.
const UPKEEP: std::time::Duration = std::time::Duration::from_secs(5);

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
    for (shop, order_state, count) in orders::open_counts(&state.pool).await? {
        gauge!(observe::ORDERS_OPEN, "shop" => shop, "state" => order_state.as_str())
            .set(count as f64);
    }
    let last_seq = events::last_seq(&state.pool).await?;
    counter!(observe::EVENTS).absolute(u64::try_from(last_seq).unwrap_or_default());
    gauge!(observe::STREAMS).set(live.clients() as f64);
    let idle = state.pool.num_idle();
    let all = state.pool.size() as usize;
    gauge!(observe::CONNECTIONS, "state" => "idle").set(idle as f64);
    gauge!(observe::CONNECTIONS, "state" => "busy").set(all.saturating_sub(idle) as f64);
    Ok((
        [(CONTENT_TYPE, "text/plain; version=0.0.4")],
        recorder().render(),
    ))
}
