//! Probes for the platform: `/healthz` says the process serves requests, `/readyz` that it can
//! also reach its database, so a load balancer sends it users.

use super::AppState;
use axum::extract::State;
use http::StatusCode;

pub async fn live() -> &'static str {
    "ok"
}

pub async fn ready(State(state): State<AppState>) -> (StatusCode, &'static str) {
    if super::db::is_ready(&state.db).await {
        (StatusCode::OK, "ready")
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
    }
}
