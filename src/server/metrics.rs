//! Prometheus metrics on a listener of their own (`PORTAL_METRICS_BIND`), never on the public
//! one: the figures of the job queue, which say whether mail and deliveries are flowing. The
//! figures come from the database, so every instance reports the whole queue; a scraper keeps
//! one instance's series (or takes the maximum).

use super::queue;
use super::AppState;
use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use std::fmt::Write;
use std::future::Future;
use std::net::SocketAddr;

/// The metrics listener's limits: a scraper sends its request at once and asks now and then,
/// so a client that dawdles or holds many connections is cut off soon.
pub const LIMITS: super::listen::ConnectionLimits = super::listen::ConnectionLimits {
    header_read: std::time::Duration::from_secs(5),
    request: std::time::Duration::from_secs(10),
    max_connections: 16,
    max_per_client: 8,
    body_idle: std::time::Duration::from_secs(5),
};

/// Binds `bind` now (a taken port stops the start) and returns the server to spawn.
pub async fn serve(state: AppState, bind: SocketAddr) -> anyhow::Result<impl Future<Output = ()>> {
    let listener = tokio::net::TcpListener::bind(bind).await?;
    tracing::info!(%bind, "metrics listening");
    let app = Router::new().route("/metrics", get(metrics)).with_state(state);
    Ok(async move {
        if let Err(error) = super::listen::serve(listener, app, LIMITS, Vec::new(), std::future::pending()).await {
            tracing::error!(%error, "the metrics listener stopped");
        }
    })
}

async fn metrics(State(state): State<AppState>) -> axum::response::Response {
    match render(&state).await {
        Ok(text) => ([(header::CONTENT_TYPE, "text/plain; version=0.0.4")], text).into_response(),
        Err(error) => {
            tracing::error!(%error, "could not gather the metrics");
            axum::http::StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

/// The metrics in Prometheus' text format.
pub async fn render(state: &AppState) -> anyhow::Result<String> {
    let mut stats = Vec::new();
    for kind in state.queue.jobs.codes() {
        stats.push((kind, queue::stats(&state.db, &state.clock, kind).await?));
    }
    let awaiting = crate::server::applications::drafts::awaiting_receipt(&state.db).await?;
    let failing = crate::server::case_backend::failing_deliveries(&state.db).await?;
    let failing_long = crate::server::case_backend::failing_long(state, &failing).len();
    let mut out = String::new();
    let mut family = |name: &str, kind: &str, help: &str, value: &dyn Fn(&queue::KindStats) -> f64| {
        let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} {kind}");
        for (job, figures) in &stats {
            let _ = writeln!(out, "{name}{{kind=\"{job}\"}} {}", value(figures));
        }
    };
    family("portal_jobs_waiting", "gauge", "Jobs queued or running.", &|s| s.waiting as f64);
    family("portal_jobs_oldest_waiting_seconds", "gauge", "Age of the oldest job not done.", &|s| {
        s.oldest_waiting_ms.unwrap_or(0) as f64 / 1000.0
    });
    family("portal_jobs_done_last_hour", "gauge", "Jobs finished in the last hour.", &|s| s.done_last_hour as f64);
    family("portal_jobs_dead", "gauge", "Dead-lettered jobs waiting for staff.", &|s| s.dead as f64);
    let _ = writeln!(
        out,
        "# HELP portal_applications_awaiting_receipt Sent applications the case backend has not confirmed.\n\
         # TYPE portal_applications_awaiting_receipt gauge\nportal_applications_awaiting_receipt {awaiting}"
    );
    let _ = writeln!(
        out,
        "# HELP portal_deliveries_failing_long Deliveries that have kept failing longer than PORTAL_CASE_BACKEND_WARN_MINUTES.\n\
         # TYPE portal_deliveries_failing_long gauge\nportal_deliveries_failing_long {failing_long}"
    );
    Ok(out)
}
