use std::time::Duration;

use app::ssr::AppState;
use axum::{Json, extract::State, http::StatusCode, response::IntoResponse};
use serde_json::json;

/// 200 when the server and its database answer, 503 otherwise.
pub async fn healthz(State(state): State<AppState>) -> impl IntoResponse {
    let ping = sqlx::query("select 1").execute(&state.pool);
    match tokio::time::timeout(Duration::from_secs(2), ping).await {
        Ok(Ok(_)) => (StatusCode::OK, Json(json!({ "status": "ok" }))),
        Ok(Err(err)) => {
            tracing::warn!(error = %err, "health check: database error");
            unavailable()
        }
        Err(_) => {
            tracing::warn!("health check: database timed out");
            unavailable()
        }
    }
}

fn unavailable() -> (StatusCode, Json<serde_json::Value>) {
    (
        StatusCode::SERVICE_UNAVAILABLE,
        Json(json!({ "status": "unavailable", "reason": "the database does not answer" })),
    )
}
