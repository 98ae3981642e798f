//! The trust pages' routes: "Is this message from us?" and "Report a suspicious message or
//! call", open to everyone, and the staff's page of reports.

use super::reports::{self, Filed, Token, TokenRefused};
use crate::domain::message_code;
use crate::page_data::{FormState, MessageCheckAnswer, ReportToken, ScamReport, ScamReports};
use crate::server::audit;
use crate::server::error_page::ErrorKind;
use crate::server::web::{Access, Answer, Ctx, Params, Route, SignedIn};
use axum::extract::Path;
use axum::response::{IntoResponse, Redirect};
use axum::routing::post;
use axum::Form;
use serde::Deserialize;
use std::time::Instant;

pub const CHECK_PATH: &str = "/check-message";
pub const REPORT_PATH: &str = "/report-suspicious";
pub const REPORT_SENT_PATH: &str = "/report-suspicious/sent";
pub const STAFF_PATH: &str = "/staff/reports";

/// The report form's field that people never see (hidden by the stylesheet, and from assistive
/// technology): only a robot fills it in.
pub const HONEYPOT: &str = "website";

/// The session's key of a check's answer, shown once.
const ANSWER_KEY: &str = "trust.check_answer";

pub fn routes() -> Vec<Route> {
    vec![
        Route::page(CHECK_PATH, Access::Anyone).load(check_answer).form(post(check)),
        Route::page(REPORT_PATH, Access::Anyone).load(report_token).form(post(report)),
        Route::page(REPORT_SENT_PATH, Access::Anyone),
        Route::page(STAFF_PATH, Access::Staff).load(staff_reports),
        Route::action("/staff/reports/{report}/handled", Access::Staff, post(mark_handled)),
    ]
}

/// The answer of the check just made, once.
async fn check_answer(ctx: Ctx, _: Params) -> anyhow::Result<Option<MessageCheckAnswer>> {
    ctx.take(ANSWER_KEY).await
}

#[derive(Deserialize)]
pub struct CheckForm {
    #[serde(default)]
    code: String,
}

/// `POST /check-message`: checks a message's code, within the limits per client and for
/// everyone, in the same time found or not (super::ANSWER_TIME), and shows the answer.
async fn check(ctx: Ctx, Form(form): Form<CheckForm>) -> Answer {
    let began = Instant::now();
    let state = &ctx.state;
    let counted = state.limits.public_form("message-check", ctx.client.as_deref(), state.config.message_checks).await;
    if let Some(refusal) = ctx.limited(counted)? {
        return Ok(refusal);
    }
    let Some(code) = message_code::parse(&form.code) else {
        return ctx.refuse(CHECK_PATH, &[("code", &form.code)], "code", "message-check-code-format").await;
    };
    let answer = super::check_message(state, &code).await?;
    ctx.session.insert(ANSWER_KEY, answer).await?;
    // All that differs between a code found and one not is done: the answer waits for its time.
    super::answer_time_from(began).await;
    Ok(Redirect::to(&format!("{CHECK_PATH}#answer")).into_response())
}

/// A fresh token for the report form, each time it is shown.
async fn report_token(ctx: Ctx, _: Params) -> anyhow::Result<Option<ReportToken>> {
    Ok(Some(ReportToken(Token::issue(&ctx.state.secrets, &ctx.state.clock))))
}

/// `POST /report-suspicious`: keeps a report for staff. Within the limits per client and for
/// everyone; a filled-in hidden field is answered as if the report were kept, and nothing is;
/// a token missing, forged, expired or used already, and anything wrong with the report, bring
/// the form back with everything as typed (and a new token).
async fn report(ctx: Ctx, Form(fields): Form<Vec<(String, String)>>) -> Answer {
    let state = &ctx.state;
    let counted = state.limits.public_form("scam-report", ctx.client.as_deref(), state.config.scam_reports).await;
    if let Some(refusal) = ctx.limited(counted)? {
        return Ok(refusal);
    }
    let field = |name: &str| fields.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone()).unwrap_or_default();
    if !field(HONEYPOT).is_empty() {
        tracing::info!("a report with the hidden field filled in was dropped");
        return Ok(Redirect::to(REPORT_SENT_PATH).into_response());
    }
    let report = ScamReport {
        happened: field("happened"),
        channel: field("channel"),
        asked: fields.iter().filter(|(name, _)| name == "asked").map(|(_, value)| value.clone()).collect(),
        language: field("language"),
        claimed_name: field("claimed_name"),
        claimed_organisation: field("claimed_organisation"),
        came_from: field("came_from"),
        details: field("details"),
        contact: field("contact"),
    };
    let token = field("token");
    let mut problems = report.problems();
    match Token::verify(&state.secrets, &state.clock, &token) {
        Ok(()) => {}
        Err(TokenRefused::Invalid) => problems.push(("send", "report-token-invalid")),
        Err(TokenRefused::Expired) => problems.push(("send", "report-token-expired")),
    }
    if problems.is_empty()
        && reports::file(&state.db, &state.secrets, &state.clock, &token, &report).await? == Filed::TokenUsed
    {
        problems.push(("send", "report-token-used"));
    }
    if !problems.is_empty() {
        // Every field as typed (the form's body is bounded, so the session is too).
        let values: Vec<(String, String)> =
            fields.into_iter().filter(|(name, _)| name != "token" && name != HONEYPOT).collect();
        let errors = problems.iter().map(|(field, id)| (field.to_string(), id.to_string())).collect();
        return ctx.back_to_form(REPORT_PATH, FormState { values, errors }).await;
    }
    tracing::info!("a report of a suspicious message or call was kept");
    Ok(Redirect::to(REPORT_SENT_PATH).into_response())
}

/// The `/staff/reports` page's data.
async fn staff_reports(ctx: Ctx, _: Params) -> anyhow::Result<Option<ScamReports>> {
    Ok(Some(reports::overview(&ctx.state.db, &ctx.state.secrets, &ctx.state.clock).await?))
}

/// `POST /staff/reports/{report}/handled`: marks a report handled; audited with its number.
async fn mark_handled(ctx: Ctx, SignedIn(user): SignedIn, Path(report): Path<String>) -> Answer {
    let Ok(id) = report.parse::<i64>() else { return Ok(ctx.error_page(ErrorKind::NotFound)) };
    if !reports::mark_handled(&ctx.state.db, &ctx.state.clock, id, user.id).await? {
        return ctx.inform(STAFF_PATH, "reports-not-open").await;
    }
    let event = audit::Event::ScamReportHandled;
    audit::record_with(&ctx.state.db, event, Some(user.id), ctx.client.as_deref(), Some(&report)).await?;
    ctx.done(STAFF_PATH, "reports-marked-handled").await
}
