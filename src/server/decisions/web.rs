//! A decision's page under its application (`/applications/{id}/decision`): that a decision
//! was made, and the button that opens it; once opened, when it was served, until when it can
//! be appealed, and its document (`…/decision/document`). Only the application's owner reaches
//! them: anyone else gets 404.

use crate::page_data::DecisionPage;
use crate::server::applications::{drafts, Owner};
use crate::server::error_page::ErrorKind;
use crate::server::web::{Access, Answer, Ctx, Params, Route, SignedIn};
use axum::extract::Path;
use axum::response::IntoResponse;
use http::{header, HeaderValue};

pub fn routes() -> Vec<Route> {
    use axum::routing::{get, post};
    vec![
        Route::page("/applications/{id}/decision", Access::Applicant).load(decision_page).form(post(open_decision)),
        Route::action("/applications/{id}/decision/document", Access::Applicant, get(document)),
    ]
}

/// The signed-in owner's sent application `id`.
async fn owned(ctx: &Ctx, user: &crate::server::identity::User, id: &str) -> anyhow::Result<Option<drafts::Draft>> {
    let draft = drafts::find(&ctx.state.readers, Owner::from(user), id).await?;
    Ok(draft.filter(|draft| draft.state == crate::domain::application_state::ApplicationState::Sent))
}

/// The decision page's data: only when a decision is there to open.
async fn decision_page(ctx: Ctx, params: Params) -> anyhow::Result<Option<DecisionPage>> {
    let user = ctx.signed_in()?;
    let Some(draft) = owned(&ctx, user, params.get("id")).await? else { return Ok(None) };
    let decision = super::of_application(&ctx.state, draft.id).await?;
    let Some(decision) = decision.filter(|decision| decision.available) else { return Ok(None) };
    Ok(Some(DecisionPage {
        base: format!("/applications/{}", draft.public_id),
        kind: draft.kind,
        reference: draft.reference,
        case_id: draft.case_id,
        decision,
    }))
}

/// `POST …/decision`: the applicant opens the decision (the first time, it is served); then
/// back to its page, which now shows it.
async fn open_decision(ctx: Ctx, SignedIn(user): SignedIn, Path(id): Path<String>) -> Answer {
    let Some(draft) = owned(&ctx, &user, &id).await? else { return Ok(ctx.error_page(ErrorKind::NotFound)) };
    if super::open(&ctx.state, draft.id, &user).await?.is_none() {
        return Ok(ctx.error_page(ErrorKind::NotFound));
    }
    Ok(axum::response::Redirect::to(&format!("/applications/{id}/decision")).into_response())
}

/// `GET …/decision/document`: the decision's PDF, once opened, to save (sandboxed, never
/// cached).
async fn document(ctx: Ctx, SignedIn(user): SignedIn, Path(id): Path<String>) -> Answer {
    let Some(draft) = owned(&ctx, &user, &id).await? else { return Ok(ctx.error_page(ErrorKind::NotFound)) };
    let Some(bytes) = super::document(&ctx.state, draft.id).await? else {
        return Ok(ctx.error_page(ErrorKind::NotFound));
    };
    let name = format!("{}.pdf", ctx.lang.find("decision-file-name").unwrap_or_else(|| "decision".into()));
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/pdf"));
    let disposition = crate::server::attachments::web::content_disposition("attachment", &name);
    headers.insert(header::CONTENT_DISPOSITION, HeaderValue::from_str(&disposition)?);
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static("sandbox"));
    Ok(response)
}
