//! A request's page under its application (`/applications/{id}/requests/{request}`): what is
//! asked and by when, and the reply form; its post sends the reply. Only the application's
//! owner reaches it: anyone else gets 404.

use super::reply;
use crate::page_data::RequestPage;
use crate::server::applications::{drafts, Owner};
use crate::server::error_page::ErrorKind;
use crate::server::web::{Access, Answer, Ctx, Params, Route, SignedIn};
use axum::extract::Path;
use axum::response::IntoResponse;
use axum::Form;
use std::collections::HashMap;

/// The longest reply, in characters: several pages of text.
pub const REPLY_MAX: usize = 10_000;

pub fn routes() -> Vec<Route> {
    use axum::routing::post;
    vec![
        // The applicant's requests, and the employer's on the employer's part.
        Route::page("/applications/{id}/requests/{request}", Access::Customer)
            .load(request_page)
            .form(post(send_reply))
            .keeps_typed(),
        Route::action("/applications/{id}/more", Access::Applicant, post(send_more)),
    ]
}

/// `POST /applications/{id}/more`: the applicant sends information on their own initiative:
/// on to its page (the one being written, or a new one), a request's page without a question.
/// The application must have reached the case backend (its case is what the information joins).
async fn send_more(ctx: Ctx, SignedIn(user): SignedIn, Path(id): Path<String>) -> Answer {
    let Some(draft) = drafts::find(&ctx.state.readers, Owner::from(&user), &id).await? else {
        return Ok(ctx.error_page(ErrorKind::NotFound));
    };
    let Some((_, Some(_))) = drafts::sent_case(&ctx.state.db, &draft.public_id).await? else {
        return Ok(ctx.error_page(ErrorKind::NotFound));
    };
    let own = super::own_initiative(&ctx.state, draft.id).await?;
    Ok(axum::response::Redirect::to(&format!("/applications/{id}/requests/{own}")).into_response())
}

/// The application (row id, public id, case id) and the request, when `user` owns them.
async fn owned(
    ctx: &Ctx,
    owner: Owner,
    application: &str,
    request: &str,
) -> anyhow::Result<Option<(crate::server::applications::drafts::Draft, String, super::OpenRequest)>> {
    let Some(draft) = drafts::find(&ctx.state.readers, owner, application).await? else { return Ok(None) };
    let Some((_, Some(case_id))) = drafts::sent_case(&ctx.state.db, &draft.public_id).await? else { return Ok(None) };
    let Some(found) = super::find(&ctx.state.db, draft.id, request).await? else { return Ok(None) };
    Ok(Some((draft, case_id, found)))
}

/// The request page's data.
async fn request_page(ctx: Ctx, params: Params) -> anyhow::Result<Option<RequestPage>> {
    let Some(owner) = Owner::of(&ctx).await? else { return Ok(None) };
    let Some((draft, _, found)) = owned(&ctx, owner, params.get("id"), params.get("request")).await? else {
        return Ok(None);
    };
    let today = ctx.state.clock.today();
    let views = super::of_application(&ctx.state.db, today, draft.id).await?;
    let Some(request) = views.into_iter().find(|view| view.public_id == params.get("request")) else {
        return Ok(None);
    };
    let (reply, reply_received_on) = match found.answered {
        true => super::reply_of(&ctx.state.db, found.id).await?.map_or((None, None), |(text, on)| (Some(text), on)),
        false => (None, None),
    };
    // A reply posted after the session ended, kept while its author logged in again.
    let path = format!("/applications/{}/requests/{}", draft.public_id, params.get("request"));
    let kept = crate::server::web::kept_post::take(&ctx, &path).await?;
    let typed = kept.and_then(|fields| fields.into_iter().find(|(name, _)| name == "reply").map(|(_, text)| text));
    let prefix = crate::page_data::request_slot(&found.public_id, "");
    let files = (ctx.state.application_parts.files)(&ctx.state, draft.id).await?;
    let files = files.into_iter().filter(|file| file.requirement.starts_with(&prefix)).collect();
    Ok(Some(RequestPage {
        files,
        typed,
        base: format!("/applications/{}", draft.public_id),
        kind: draft.kind,
        reference: draft.reference,
        request,
        reply,
        reply_received_on,
        reply_max: REPLY_MAX,
    }))
}

/// `POST …/requests/{request}`: sends the reply typed (not empty, at most [`REPLY_MAX`]
/// characters), late or not, once; then back to the request's page, which shows it sent.
async fn send_reply(
    ctx: Ctx,
    _: SignedIn,
    Path((id, request)): Path<(String, String)>,
    Form(form): Form<HashMap<String, String>>,
) -> Answer {
    let Some(owner) = Owner::of(&ctx).await? else { return Ok(ctx.error_page(ErrorKind::NotFound)) };
    let Some((draft, case_id, found)) = owned(&ctx, owner, &id, &request).await? else {
        return Ok(ctx.error_page(ErrorKind::NotFound));
    };
    let page = format!("/applications/{id}/requests/{request}");
    let text = form.get("reply").map(|text| text.trim()).unwrap_or_default();
    if text.is_empty() {
        return ctx.refuse(&page, &[], "reply", "request-reply-empty").await;
    }
    if text.chars().count() > REPLY_MAX {
        return ctx.refuse(&page, &[("reply", text)], "reply", "request-reply-too-long").await;
    }
    if !reply::send(&ctx.state, (draft.id, &draft.public_id, &case_id), &found, text, ctx.lang).await? {
        return ctx.inform(&page, "request-already-answered").await;
    }
    ctx.done(&page, if found.own { "more-sent" } else { "request-reply-sent" }).await
}
