//! The case backend's events address: open to anyone in the route table, believed only when
//! signed with the shared secret (`super::take`).

use crate::server::case_backend::contract;
use crate::server::web::{Access, Ctx, Route};
use axum::body::Bytes;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;

pub fn routes() -> Vec<Route> {
    vec![Route::action(contract::EVENTS_PATH, Access::Anyone, post(take_event))]
}

/// `POST /case-backend/v1/events`: an event of the case backend about a case (signed, at most
/// the forms' body limit, which the gate holds it to): `200` whether it was stored now or
/// before, a refusal's status otherwise (recorded for staff), `503` when the database could
/// not be reached, so that the backend sends it again.
async fn take_event(ctx: Ctx, headers: HeaderMap, body: Bytes) -> Response {
    match super::take(&ctx.state, &headers, &body).await {
        Ok(Ok(taken)) => {
            let stored = taken == super::Taken::Stored;
            axum::Json(serde_json::json!({ "stored": stored })).into_response()
        }
        Ok(Err(refused)) => {
            super::record_refusal(&ctx.state, &refused, ctx.client.as_deref()).await;
            (refused.status(), refused.code()).into_response()
        }
        Err(error) => {
            tracing::error!(%error, "could not take an event of the case backend");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}
