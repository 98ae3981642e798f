//! The case backend's addresses: its signed fetch of a sent application's file, and the
//! staff's re-queue of a dead-lettered job (their page, `/staff/operations`, is `server::staff`'s).

use super::contract;
use crate::server::attachments::files;
use crate::server::error_page::ErrorKind;
use crate::server::web::{Access, Answer, Ctx, Route, SignedIn};
use crate::server::{audit, queue, AppState};
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};

/// The case backend's address here. Its access is "anyone" to the route table; the handler
/// admits only a request signed with the shared secret. The re-queue is for staff only.
pub fn routes() -> Vec<Route> {
    vec![
        Route::action("/case-backend/v1/files/{file}", Access::Anyone, get(fetch_file)),
        Route::action("/staff/operations/jobs/{job}/requeue", Access::Staff, post(requeue)),
    ]
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
