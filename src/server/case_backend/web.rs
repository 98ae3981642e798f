//! The case backend's addresses: its signed fetch of a sent application's file, its signed
//! events about its cases, and the staff's operations page (the state of the queue, of the
//! forwarding and of the events) with its re-queue action.

use super::contract;
use crate::page_data::{FailureReason, JobFailure, Operations, QueueFigures};
use crate::server::attachments::files;
use crate::server::error_page::ErrorKind;
use crate::server::web::{Access, Answer, Ctx, Params, Route, SignedIn};
use crate::server::{audit, queue, AppState};
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};

/// The case backend's address here. Its access is "anyone" to the route table; the handler
/// admits only a request signed with the shared secret.
/// The staff's operations page and its re-queue action are for staff only.
pub fn routes() -> Vec<Route> {
    vec![
        Route::action("/case-backend/v1/files/{file}", Access::Anyone, get(fetch_file)),
        Route::action(contract::EVENTS_PATH, Access::Anyone, post(take_event)),
        Route::page("/staff/operations", Access::Staff).load(operations),
        Route::action("/staff/operations/jobs/{job}/requeue", Access::Staff, post(requeue)),
    ]
}

/// The data of `/staff/operations`.
async fn operations(ctx: Ctx, _: Params) -> anyhow::Result<Option<Operations>> {
    let state = &ctx.state;
    let mut kinds = Vec::new();
    for kind in state.queue.jobs.codes() {
        let figures = queue::stats(&state.db, &state.clock, kind).await?;
        kinds.push(QueueFigures {
            kind: kind.to_string(),
            waiting: figures.waiting,
            oldest_minutes: figures.oldest_waiting_ms.map(|ms| ms / 60_000),
            done_last_hour: figures.done_last_hour,
            dead: figures.dead,
        });
    }
    let failing = super::failing_deliveries(&state.db).await?;
    let references: std::collections::HashMap<i64, &str> =
        failing.iter().map(|delivery| (delivery.job_id, delivery.reference.as_str())).collect();
    let failures = queue::failures(&state.db, 50)
        .await?
        .into_iter()
        .map(|failure| JobFailure {
            id: failure.id,
            reference: references.get(&failure.id).map(|reference| reference.to_string()),
            kind: failure.kind,
            dead: failure.state == "dead",
            attempts: failure.attempts,
            error: match state.queue.jobs.read_error(&failure.error) {
                Some(error) => FailureReason::Message {
                    id: format!("job-error-{}", error.code),
                    detail: error.detail.unwrap_or_default(),
                },
                None => FailureReason::Stored(failure.error),
            },
            at: display_time(failure.at),
        })
        .collect();
    let awaiting_receipt = crate::server::applications::drafts::awaiting_receipt(&state.db).await?;
    let events_taken = super::events::taken_since(&state.db, state.clock.now_millis() - 86_400_000).await?;
    let refused_since = state.clock.now() - 3600;
    let events_refused = audit::counts_since(&state.db, audit::Event::CaseEventRefused, refused_since).await?;
    Ok(Some(Operations {
        kinds,
        failures,
        awaiting_receipt,
        backend_configured: state.case_backend.is_some(),
        failing_long: super::failing_long(state, &failing),
        warn_minutes: i64::try_from(super::warn_after(state).as_secs() / 60)?,
        events_taken,
        events_refused,
    }))
}

/// A time in milliseconds since the epoch as Finland writes it, in UTC (`5.2.2026 14.03 UTC`).
fn display_time(millis: i64) -> String {
    let seconds = millis.div_euclid(1000);
    let day = crate::domain::date::Date::from_unix_seconds(seconds).display();
    let time = seconds.rem_euclid(86_400);
    format!("{day} {:02}.{:02} UTC", time / 3600, time % 3600 / 60)
}

/// `POST /staff/operations/jobs/{job}/requeue`: a dead-lettered job goes back in the queue,
/// its attempts counted anew; audited with the job's id.
async fn requeue(ctx: Ctx, SignedIn(user): SignedIn, Path(job): Path<String>) -> Answer {
    let Ok(id) = job.parse::<i64>() else { return Ok(ctx.error_page(ErrorKind::NotFound)) };
    if !queue::requeue(&ctx.state.db, &ctx.state.clock, id).await? {
        return ctx.inform("/staff/operations", "operations-not-dead").await;
    }
    audit::record_with(&ctx.state.db, audit::Event::JobRequeued, Some(user.id), ctx.client.as_deref(), Some(&job))
        .await?;
    ctx.state.queue.ring();
    ctx.done("/staff/operations", "operations-requeued").await
}

/// `POST /case-backend/v1/events`: an event of the case backend about a case (signed, at most
/// the forms' body limit, which the gate holds it to): `200` whether it was stored now or
/// before, a refusal's status otherwise (recorded for staff), `503` when the database could
/// not be reached, so that the backend sends it again.
async fn take_event(ctx: Ctx, headers: HeaderMap, body: axum::body::Bytes) -> Response {
    match super::events::take(&ctx.state, &headers, &body).await {
        Ok(Ok(taken)) => {
            let stored = taken == super::events::Taken::Stored;
            axum::Json(serde_json::json!({ "stored": stored })).into_response()
        }
        Ok(Err(refused)) => {
            super::events::record_refusal(&ctx.state, &refused, ctx.client.as_deref()).await;
            (refused.status(), refused.code()).into_response()
        }
        Err(error) => {
            tracing::error!(%error, "could not take an event of the case backend");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

/// `GET /case-backend/v1/files/{file}`: a sent application's file, to the case backend only
/// (a request signed with the shared secret). Records that it was fetched, which starts the
/// file's grace period here (`attachments::files::forget_fetched`).
pub async fn fetch_file(
    State(state): State<AppState>,
    Path(file): Path<String>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    let Some(backend) = &state.case_backend else { return StatusCode::NOT_FOUND.into_response() };
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    let signed = contract::verify(
        &backend.settings.secret.0,
        header(contract::TIMESTAMP_HEADER),
        header(contract::SIGNATURE_HEADER),
        &contract::fetch_message(uri.path()),
        state.clock.now(),
    );
    if let Err(refusal) = signed {
        tracing::warn!(reason = refusal.as_str(), "refused a fetch of a sent file");
        return StatusCode::UNAUTHORIZED.into_response();
    }
    let result = async {
        let Some(found) = files::of_sent(&state.db, &file).await? else {
            return Ok(StatusCode::NOT_FOUND.into_response());
        };
        let bytes = state.storage.get(&found.storage_key).await?;
        files::mark_fetched(&state.db, &state.clock, found.id).await?;
        let mut response = bytes.into_response();
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_str(&found.content_type)?);
        headers.insert("x-content-sha256", HeaderValue::from_str(&found.sha256)?);
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        anyhow::Ok(response)
    };
    result.await.unwrap_or_else(|error| {
        tracing::error!(%error, "could not serve a sent file to the case backend");
        StatusCode::SERVICE_UNAVAILABLE.into_response()
    })
}
