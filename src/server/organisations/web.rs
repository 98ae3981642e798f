//! The employer's start (`/employer`): whom the session acts for, the button that chooses an
//! organisation through e-Authorizations, the way back from it (`/employer/mandate`), and
//! acting as oneself again. Employers only.

use crate::page_data::{EmployerHome, EmployerTask};
use crate::server::applications::links;
use crate::server::audit::{self, Event};
use crate::server::case_backend::contract::EventKind;
use crate::server::identity::{Acting, ACTING_KEY};
use crate::server::web::{Access, Answer, Ctx, Params, Route, SignedIn};
use axum::extract::Query;
use axum::response::{IntoResponse, Redirect};
use serde::{Deserialize, Serialize};

pub fn routes() -> Vec<Route> {
    use axum::routing::{get, post};
    vec![
        Route::page("/employer", Access::Employer).load(employer_home),
        Route::action("/employer/act", Access::Employer, post(choose)),
        Route::action("/employer/mandate", Access::Employer, get(come_back)),
        Route::action("/employer/act-as-self", Access::Employer, post(act_as_self)),
        Route::page("/employer/tasks/{id}", Access::Employer).load(task_page).form(post(start_terms)),
        Route::action("/employer/tasks/{id}/pay", Access::Employer, post(pay_fee)),
        Route::action("/employer/bulk", Access::Employer, post(start_bulk)),
    ]
    .into_iter()
    .chain(super::test_server::routes())
    .collect()
}

/// The e-Authorizations session a choice is under way in, kept in the portal's session.
#[derive(Serialize, Deserialize)]
struct Pending {
    session_id: String,
    /// The OAuth `state`: the way back must bring it.
    state: String,
    /// Unix seconds: a way back later than [`PENDING_SECONDS`] is stale.
    started: i64,
}

const PENDING_KEY: &str = "mandate-pending";
const PENDING_SECONDS: i64 = 10 * 60;

/// The organisation the session acts for.
pub async fn acting(ctx: &Ctx) -> anyhow::Result<Option<Acting>> {
    crate::server::identity::acting(&ctx.session).await
}

async fn employer_home(ctx: Ctx, _: Params) -> anyhow::Result<Option<EmployerHome>> {
    let user = ctx.signed_in()?;
    let identity_known = crate::server::accounts::users::identity_code(&ctx.state.db, user.id).await?.is_some();
    let acting = acting(&ctx).await?;
    let mut tasks = Vec::new();
    if let Some(acting) = &acting {
        for task in links::tasks(&ctx.state.db, acting.business_id).await? {
            tasks.push(task_view(&ctx, acting.business_id, task).await?);
        }
    }
    Ok(Some(EmployerHome {
        acting_name: acting.as_ref().map(|acting| acting.name.clone()),
        acting_business_id: acting.map(|acting| acting.business_id.to_string()),
        identity_known,
        tasks,
    }))
}

/// How long the employer has for the terms of a fast-track application.
const FAST_TRACK_DAYS: i64 = 2;

/// What the organisation's users see of `task`: who, which application, how far the
/// employer's part is, and the application's state (from its case's furthest event).
async fn task_view(
    ctx: &Ctx,
    organisation: crate::domain::business_id::BusinessId,
    task: links::Task,
) -> anyhow::Result<EmployerTask> {
    use crate::domain::application_state::ApplicationState as State;
    use crate::domain::date::Date;
    let case = (ctx.state.application_parts.case)(&ctx.state, task.application_id).await?;
    // The employer learns of the decision only where it may appeal it: not on a specialist's
    // (fast-track) application, whose state stops short of it.
    let seen: Vec<_> = case
        .events
        .into_iter()
        .filter(|event| !(task.fast_track() && event.kind == EventKind::DecisionMade.code()))
        .collect();
    let state = match crate::page_data::furthest(&seen) {
        Some(event) => format!("state-{}", event.kind),
        None => task.state.shown(task.received).to_string(),
    };
    let fee = match task.state {
        State::ReadyToPay => links::payable(&ctx.state.db, organisation, &task.public_id)
            .await?
            .and_then(|draft| crate::server::payments::fee_of(&ctx.state, &draft))
            .map(|price| (price.cents, price.category.to_string())),
        _ => None,
    };
    let terms = match &task.terms {
        _ if task.state == State::ReadyToPay => "after-fee",
        None => "needed",
        Some(terms) if terms.received_at.is_some() => "arrived",
        Some(terms) if terms.state == State::Sent => "given",
        Some(_) => "started",
    };
    let sent_on = Date::from_unix_seconds(task.sent_at / 1000);
    // The requests to the employer are filed on its part, once it has arrived.
    let open_requests = match &task.terms {
        Some(terms) if terms.state == State::Sent => (ctx.state.application_parts.case)(&ctx.state, terms.id)
            .await?
            .requests
            .iter()
            .filter(|request| request.answered_on.is_none() && !request.own)
            .count(),
        _ => 0,
    };
    Ok(EmployerTask {
        href: format!("/employer/tasks/{}", task.public_id),
        name: format!("{} {}", task.surname, task.given_names).trim().to_string(),
        birth_date: Date::parse_iso(&task.birth_date).map(|date| date.display()).unwrap_or_default(),
        reference: task.reference.clone(),
        terms: terms.to_string(),
        fee,
        // Terms given for several employees at once are filled in as their lead.
        terms_href: task
            .terms
            .as_ref()
            .map(|terms| format!("/applications/{}", terms.lead.as_ref().unwrap_or(&terms.public_id))),
        id: task.public_id.clone(),
        due_on: task.fast_track().then(|| sent_on.add_days(FAST_TRACK_DAYS).display()),
        state,
        open_requests,
    })
}

/// The task `{id}` of the organisation acted for; nobody else's (404).
async fn acting_task(
    ctx: &Ctx,
    id: &str,
) -> anyhow::Result<Option<(crate::domain::business_id::BusinessId, links::Task)>> {
    let Some(acting) = acting(ctx).await? else { return Ok(None) };
    Ok(links::task(&ctx.state.db, acting.business_id, id).await?.map(|task| (acting.business_id, task)))
}

/// `/employer/tasks/{id}`: one employee's application as the organisation sees it.
async fn task_page(ctx: Ctx, params: Params) -> anyhow::Result<Option<EmployerTask>> {
    let Some((organisation, task)) = acting_task(&ctx, params.get("id")).await? else { return Ok(None) };
    Ok(Some(task_view(&ctx, organisation, task).await?))
}

/// `POST /employer/bulk`: one set of terms for the employees chosen (`task`, at least two, each
/// needing terms): the first one's terms are filled in, and sent for each of them as its own
/// document.
async fn start_bulk(ctx: Ctx, _: SignedIn, axum::Form(pairs): axum::Form<Vec<(String, String)>>) -> Answer {
    let Some(acting) = acting(&ctx).await? else {
        return Ok(ctx.error_page(crate::server::error_page::ErrorKind::NotFound));
    };
    let chosen: Vec<&str> = pairs.iter().filter(|(name, _)| name == "task").map(|(_, id)| id.as_str()).collect();
    let mut tasks = Vec::new();
    for id in &chosen {
        match links::task(&ctx.state.db, acting.business_id, id).await? {
            Some(task)
                if task.terms.is_none() && task.state == crate::domain::application_state::ApplicationState::Sent =>
            {
                tasks.push(task)
            }
            _ => {}
        }
    }
    if tasks.len() < 2 {
        let kept: Vec<(&str, &str)> = chosen.iter().map(|id| ("task", *id)).collect();
        return ctx.refuse("/employer", &kept, "task", "employer-bulk-too-few").await;
    }
    let Some(def) = ctx.state.catalogue.latest(crate::forms::link::TERMS) else {
        return Err(anyhow::anyhow!("the catalogue has no employer's form").into());
    };
    // The kind of permit is the first employee's; the employer checks it for all.
    let seeded = crate::forms::link::seeded_terms(&tasks[0].work_type);
    let lead = links::start_bulk(&ctx.state.db, &ctx.state.clock, acting.business_id, &tasks, def, &seeded).await?;
    Ok(Redirect::to(&format!("/applications/{lead}")).into_response())
}

/// `POST /employer/tasks/{id}/pay`: pays the fee the applicant asked the organisation to pay,
/// with the payment flow applicants use; the organisation's Business ID is recorded as the
/// payer, and the paid fee sends the application.
async fn pay_fee(ctx: Ctx, SignedIn(user): SignedIn, axum::extract::Path(id): axum::extract::Path<String>) -> Answer {
    use crate::server::payments::{self, Payer, Started};
    let Some(acting) = acting(&ctx).await? else {
        return Ok(ctx.error_page(crate::server::error_page::ErrorKind::NotFound));
    };
    let Some(draft) = links::payable(&ctx.state.db, acting.business_id, &id).await? else {
        return Ok(ctx.error_page(crate::server::error_page::ErrorKind::NotFound));
    };
    let page = format!("/employer/tasks/{id}");
    let payer = Payer { user: &user, organisation: Some(acting.business_id) };
    match payments::start(&ctx.state, &draft, payer, ctx.lang, false).await? {
        Started::Pay(href) => Ok(Redirect::to(&href).into_response()),
        Started::AlreadyPaid => ctx.done(&page, "payment-paid").await,
        Started::NotPayable => ctx.inform(&page, "application-locked").await,
        Started::Unavailable => ctx.inform(&page, "payment-unavailable").await,
    }
}

/// `POST /employer/tasks/{id}`: starts the employer's part of the task (or goes on with the
/// one started): the terms of employment, which begin with the kind of permit applied for.
async fn start_terms(ctx: Ctx, _: SignedIn, axum::extract::Path(id): axum::extract::Path<String>) -> Answer {
    let Some((organisation, task)) = acting_task(&ctx, &id).await? else {
        return Ok(ctx.error_page(crate::server::error_page::ErrorKind::NotFound));
    };
    let Some(def) = ctx.state.catalogue.latest(crate::forms::link::TERMS) else {
        return Err(anyhow::anyhow!("the catalogue has no employer's form").into());
    };
    let seeded = crate::forms::link::seeded_terms(&task.work_type);
    let terms = links::start_terms(&ctx.state.db, &ctx.state.clock, organisation, &task, def, &seeded).await?;
    Ok(Redirect::to(&format!("/applications/{terms}")).into_response())
}

/// Where e-Authorizations sends the browser back.
fn return_address(ctx: &Ctx) -> String {
    format!("{}/employer/mandate", ctx.state.config.public_url)
}

/// `POST /employer/act`: on to e-Authorizations, to choose the organisation.
async fn choose(ctx: Ctx, SignedIn(user): SignedIn) -> Answer {
    let Some(identity_code) = crate::server::accounts::users::identity_code(&ctx.state.db, user.id).await? else {
        return ctx.inform("/employer", "employer-no-identity").await;
    };
    let registered = match ctx.state.mandates.register(&identity_code).await {
        Ok(registered) => registered,
        Err(problem) => {
            tracing::warn!(problem = problem.0, "e-Authorizations could not start a session");
            return ctx.inform("/employer", "mandate-unavailable").await;
        }
    };
    let state = hex::encode(rand::random::<[u8; 16]>());
    let pending = Pending { session_id: registered.session_id, state: state.clone(), started: ctx.state.clock.now() };
    ctx.session.insert(PENDING_KEY, pending).await?;
    let to = ctx.state.mandates.authorize_url(&registered.user_id, &return_address(&ctx), &state, ctx.lang.code());
    Ok(Redirect::to(&to).into_response())
}

#[derive(Deserialize)]
struct Back {
    #[serde(default)]
    code: String,
    #[serde(default)]
    state: String,
}

/// `GET /employer/mandate`: back from e-Authorizations. The session acts for the organisation
/// chosen only when the way back is this session's (its `state`), recent, and the service
/// answers `ALLOWED` for it; a Business ID that fails its check digit is no organisation.
async fn come_back(ctx: Ctx, SignedIn(user): SignedIn, Query(back): Query<Back>) -> Answer {
    let pending = ctx.take::<Pending>(PENDING_KEY).await?;
    let recent = |pending: &Pending| ctx.state.clock.now() - pending.started <= PENDING_SECONDS;
    let Some(pending) = pending.filter(|pending| protocol_same(&pending.state, &back.state) && recent(pending)) else {
        record(&ctx, user.id, Event::MandateRefused, "refused").await?;
        return ctx.inform("/employer", "mandate-refused").await;
    };
    let mandates = &ctx.state.mandates;
    let checked = async {
        let token = mandates.token(&back.code, &return_address(&ctx)).await?;
        let roles = mandates.organization_roles(&pending.session_id, &token).await?;
        let chosen = roles.into_iter().find_map(|role| {
            let business_id = crate::domain::business_id::BusinessId::parse(&role.identifier)?;
            Some(Acting { business_id, name: role.name })
        });
        let Some(chosen) = chosen else { return Ok(None) };
        let allowed = mandates.allowed(&pending.session_id, &token, chosen.business_id.as_str()).await?;
        Ok::<_, super::client::Unavailable>(allowed.then_some(chosen))
    };
    match checked.await {
        Ok(Some(acting)) => {
            record(&ctx, user.id, Event::ActingForOrganisation, acting.business_id.as_str()).await?;
            super::acted(&ctx.state.db, &ctx.state.clock, acting.business_id, user.id).await?;
            ctx.session.insert(ACTING_KEY, acting).await?;
            ctx.done("/employer", "employer-acting-now").await
        }
        Ok(None) => {
            record(&ctx, user.id, Event::MandateRefused, "disallowed").await?;
            ctx.inform("/employer", "mandate-disallowed").await
        }
        Err(problem) => {
            tracing::warn!(problem = problem.0, "e-Authorizations could not answer");
            record(&ctx, user.id, Event::MandateRefused, "unavailable").await?;
            ctx.inform("/employer", "mandate-unavailable").await
        }
    }
}

/// Writes `event` of the employer `user_id` to the audit log, with its fixed `detail`.
async fn record(ctx: &Ctx, user_id: i64, event: Event, detail: &str) -> anyhow::Result<()> {
    audit::record_with(&ctx.state.db, event, Some(user_id), ctx.client.as_deref(), Some(detail)).await
}

fn protocol_same(kept: &str, given: &str) -> bool {
    super::protocol::same(kept.as_bytes(), given.as_bytes())
}

/// `POST /employer/act-as-self`: the session acts for no organisation any more.
async fn act_as_self(ctx: Ctx, SignedIn(_): SignedIn) -> Answer {
    ctx.session.remove::<Acting>(ACTING_KEY).await?;
    ctx.done("/employer", "employer-acting-self").await
}
