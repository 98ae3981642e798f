//! The application pages' forms and data. An applicant's draft lives in the database; a staff
//! preview keeps its answers in the session, so nothing is stored, paid or forwarded.
//!
//! Every step posts to its own address, is checked and saved, and redirects (to the next step,
//! back to the task list, or back to itself with the problems), so the forms work without
//! JavaScript. The server enforces the state: nothing changes after the declaration, and the
//! declaration needs every step that applies.

use super::drafts::{self, Declared, Draft, Saved, Started};
use super::Owner;
use crate::domain::application_state::ApplicationState as State;
use crate::domain::date::Date;
use crate::forms::answers::Answers;
use crate::forms::definition::{FilledBy, FormDef};
use crate::forms::pre_check;
use crate::forms::validate::{check_step, control, field_name, item_anchor, Submitted};
use crate::i18n::Lang;
use crate::page_data::{
    ApplicationSummary, ApplicationView, ApplyStart, AttachedFile, IdentityVisitPack, KeptStep, MyApplications,
    PaymentView, PreCheckAnswers, SendingView,
};
use crate::server::error_page::ErrorKind;
use crate::server::web::{Access, Answer, Ctx, Failure, Params, Route, SignedIn};
use axum::extract::Path;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::post;
use axum::Form;
use rand::Rng;
use serde::{Deserialize, Serialize};

/// The applications' pages and forms, with who may reach each: applicants their drafts, the
/// users acting for an organisation its employer's parts (both as `Owner::of` finds them),
/// staff the previews and flow maps.
pub fn routes() -> Vec<Route> {
    use Access::{Anyone, Applicant, Customer, Staff};
    vec![
        Route::page(PRE_CHECK_PATH, Anyone),
        Route::page("/pre-check/steps/{step}", Anyone).load(pre_check_page).form(post(save_pre_check_step)),
        Route::page("/pre-check/result", Anyone).load(pre_check_result),
        Route::action("/pre-check/restart", Anyone, post(restart_pre_check)),
        Route::page("/applications", Applicant).load(my_applications),
        Route::page("/apply/{kind}", Applicant).load(apply_start).form(post(start)),
        Route::page("/applications/{id}", Customer).load(draft_page),
        Route::page("/applications/{id}/steps/{step}", Customer).load(draft_page).form(post(save_step)).keeps_typed(),
        Route::page("/applications/{id}/check", Customer).load(draft_page),
        Route::page("/applications/{id}/declaration", Customer).load(draft_page).form(post(declare)),
        Route::page("/applications/{id}/sent", Customer).load(draft_page),
        Route::page("/applications/{id}/identity-visit", Customer).load(identity_visit_pack),
        Route::page("/applications/{id}/delete", Customer).load(draft_page).form(post(delete_draft)),
        Route::action("/applications/{id}/employer-consent", Applicant, post(withdraw_consent)),
        Route::action("/applications/{id}/employer-pays", Applicant, post(ask_employer_to_pay)),
        Route::page("/staff/preview", Staff),
        Route::page("/staff/preview/{kind}", Staff).load(preview_page),
        Route::page("/staff/preview/{kind}/steps/{step}", Staff).load(preview_page).form(post(save_preview_step)),
        Route::page("/staff/preview/{kind}/attachments", Staff).load(preview_page),
        Route::page("/staff/preview/{kind}/check", Staff).load(preview_page),
        Route::page("/staff/preview/{kind}/declaration", Staff).load(preview_page).form(post(declare_preview)),
        Route::page("/staff/preview/{kind}/payment", Staff).load(preview_page),
        Route::action("/staff/preview/{kind}/restart", Staff, post(restart_preview)),
        Route::page("/staff/forms/{kind}", Staff),
    ]
}

fn display_date(unix_seconds: i64) -> String {
    Date::from_unix_seconds(unix_seconds).display()
}

/// Where an application is kept.
enum Store {
    Draft(Box<Draft>),
    Preview,
    /// The pre-check's answers, in the visitor's session.
    PreCheck,
}

/// The pre-check's start page; its steps and result are under it.
const PRE_CHECK_PATH: &str = "/pre-check";
/// The session's key of the pre-check's answers.
const PRE_CHECK_KEY: &str = "pre_check.answers";

/// A staff preview's answers, kept in the session: which version of the form, and the answers.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
struct Preview {
    version: Option<u32>,
    answers: Answers,
}

/// An application loaded for a request.
struct Loaded {
    def: &'static FormDef,
    answers: Answers,
    base: String,
    store: Store,
}

impl Loaded {
    fn state(&self) -> State {
        match &self.store {
            Store::Draft(draft) => draft.state,
            Store::Preview | Store::PreCheck => State::Draft,
        }
    }

    /// Where the last step leads: the pre-check's result, or an application's task list.
    fn finished(&self) -> String {
        match self.store {
            Store::PreCheck => format!("{}/result", self.base),
            _ => self.base.clone(),
        }
    }

    fn view(
        &self,
        ctx: &Ctx,
        step: Option<&str>,
        kept: Option<KeptStep>,
        files: Vec<AttachedFile>,
        payment: Option<PaymentView>,
        case: super::CaseParts,
    ) -> ApplicationView {
        let (expires_on, reference) = match &self.store {
            Store::Draft(draft) => {
                (draft.state.expires().then(|| display_date(draft.expires_at)), draft.reference.clone())
            }
            Store::Preview | Store::PreCheck => (None, None),
        };
        ApplicationView {
            base: self.base.clone(),
            preview: matches!(self.store, Store::Preview),
            kind: self.def.kind.to_string(),
            version: self.def.version,
            state: self.state(),
            expires_on,
            reference,
            answers: self.answers.clone(),
            today: ctx.state.clock.today(),
            step: step.map(str::to_string),
            kept,
            files,
            file_limit_bytes: ctx.state.config.attachment_file_bytes,
            application_limit_bytes: ctx.state.config.attachment_application_bytes,
            payment,
            employer_payment: None,
            sending: match &self.store {
                Store::Draft(draft) => draft.sent_at.map(|sent_at| SendingView {
                    sent_on: display_date(sent_at / 1000),
                    received_on: draft.received_at.map(|at| display_date(at / 1000)),
                    visit_by: crate::domain::date::Date::from_unix_seconds(sent_at / 1000).add_months(3).display(),
                    case_id: draft.case_id.clone(),
                    events: case.events,
                    requests: case.requests,
                    decision: case.decision,
                    employer: None,
                }),
                Store::Preview | Store::PreCheck => None,
            },
        }
    }
}

fn preview_key(kind: &str) -> String {
    format!("preview.{kind}")
}

/// Where the forms of failed saves wait to be shown again: one session value, the newest
/// last, with at most [`KEPT_MOST`] of them, so that a session holds a bounded amount however
/// many drafts and steps are saved with problems.
const KEPT_KEY: &str = "applications.kept";
const KEPT_MOST: usize = 4;

/// Keeps the form of `step` of the application at `base` to show once.
async fn keep(ctx: &Ctx, base: &str, kept: KeptStep) -> anyhow::Result<()> {
    let mut all = ctx.session.get::<Vec<(String, KeptStep)>>(KEPT_KEY).await?.unwrap_or_default();
    all.retain(|(b, k)| !(b == base && k.step == kept.step));
    all.push((base.to_string(), kept));
    let over = all.len().saturating_sub(KEPT_MOST);
    all.drain(..over);
    ctx.session.insert(KEPT_KEY, all).await?;
    Ok(())
}

/// Takes the kept form of `step` of the application at `base`, if there is one.
async fn take_kept(ctx: &Ctx, base: &str, step: &str) -> anyhow::Result<Option<KeptStep>> {
    let Some(mut all) = ctx.session.get::<Vec<(String, KeptStep)>>(KEPT_KEY).await? else { return Ok(None) };
    let Some(at) = all.iter().position(|(b, k)| b == base && k.step == step) else { return Ok(None) };
    let (_, kept) = all.remove(at);
    if all.is_empty() {
        ctx.session.remove::<Vec<(String, KeptStep)>>(KEPT_KEY).await?;
    } else {
        ctx.session.insert(KEPT_KEY, all).await?;
    }
    Ok(Some(kept))
}

/// The form of `step` as it was posted after the session ended, kept across logging in again
/// (see `web::kept_post`): shown as typed, not yet saved.
async fn resumed_step(ctx: &Ctx, loaded: &Loaded, step_id: &str) -> anyhow::Result<Option<KeptStep>> {
    let Some((_, step)) = loaded.def.step(step_id) else { return Ok(None) };
    let path = format!("{}/steps/{}", loaded.base, step.id);
    let Some(fields) = crate::server::web::kept_post::take(ctx, &path).await? else { return Ok(None) };
    let typed = Submitted::for_step(step, fields);
    let items = typed.item_count().max(1);
    Ok(Some(KeptStep { step: step.id.into(), typed, problems: Vec::new(), items, resumed: true }))
}

/// Where a request's application lives: an applicant's draft, by its public id, or a staff
/// preview, by the form's kind.
#[derive(Clone, Copy)]
enum Area {
    Drafts,
    Previews,
    PreCheck,
}

/// The application at `/applications/{id}` of the signed-in user, or the preview at
/// `/staff/preview/{kind}` (the route table lets only staff there), with the version of its
/// form it was started on.
async fn load(ctx: &Ctx, area: Area, key: &str) -> anyhow::Result<Option<Loaded>> {
    let catalogue = &ctx.state.catalogue;
    match area {
        Area::Drafts => {
            let Some(owner) = Owner::of(ctx).await? else { return Ok(None) };
            let Some(draft) = drafts::find(&ctx.state.readers, owner, key).await? else { return Ok(None) };
            let version = u32::try_from(draft.version)?;
            let def = catalogue
                .form(&draft.kind, version)
                .ok_or_else(|| anyhow::anyhow!("draft {} names a form version the catalogue lacks", draft.id))?;
            Ok(Some(Loaded {
                def,
                answers: draft.answers.clone(),
                base: format!("/applications/{}", draft.public_id),
                store: Store::Draft(Box::new(draft)),
            }))
        }
        Area::Previews => {
            let Some(latest) = catalogue.latest(key) else { return Ok(None) };
            let preview = ctx.session.get::<Preview>(&preview_key(latest.kind)).await?.unwrap_or_default();
            let def = preview.version.and_then(|version| catalogue.form(latest.kind, version)).unwrap_or(latest);
            Ok(Some(Loaded {
                def,
                answers: preview.answers,
                base: format!("/staff/preview/{}", def.kind),
                store: Store::Preview,
            }))
        }
        Area::PreCheck => {
            let Some(def) = catalogue.latest(pre_check::KIND) else { return Ok(None) };
            let answers = ctx.session.get::<Answers>(PRE_CHECK_KEY).await?.unwrap_or_default();
            Ok(Some(Loaded { def, answers, base: PRE_CHECK_PATH.to_string(), store: Store::PreCheck }))
        }
    }
}

/// Stores the answers where the application lives.
async fn store(ctx: &Ctx, loaded: &Loaded, answers: &Answers) -> anyhow::Result<Saved> {
    match &loaded.store {
        Store::Draft(draft) => drafts::save(&ctx.state.db, &ctx.state.clock, draft, answers).await,
        Store::Preview => {
            let preview = Preview { version: Some(loaded.def.version), answers: answers.clone() };
            ctx.session.insert(&preview_key(loaded.def.kind), preview).await?;
            Ok(Saved::Written)
        }
        Store::PreCheck => {
            ctx.session.insert(PRE_CHECK_KEY, answers).await?;
            Ok(Saved::Written)
        }
    }
}

/// The `/applications` page's data: the applicant's applications.
async fn my_applications(ctx: Ctx, _: Params) -> anyhow::Result<Option<MyApplications>> {
    let user = ctx.signed_in()?;
    let mut items = Vec::new();
    for draft in drafts::list(&ctx.state.db, Owner::from(user)).await? {
        let case = match draft.state {
            State::Sent => (ctx.state.application_parts.case)(&ctx.state, draft.id).await?,
            _ => super::CaseParts::default(),
        };
        let stage = crate::page_data::furthest(&case.events).map(|event| event.kind.clone());
        let open_requests =
            case.requests.iter().filter(|request| request.answered_on.is_none() && !request.own).count();
        // A decision not opened yet is the applicant's task, like a request.
        let decision_waiting = case.decision.as_ref().is_some_and(|decision| decision.waiting());
        items.push(ApplicationSummary { stage, open_requests, decision_waiting, ..summary(draft) });
    }
    Ok(Some(MyApplications { items }))
}

/// The data of an applicant's application page.
pub async fn draft_page(ctx: Ctx, params: Params) -> anyhow::Result<Option<ApplicationView>> {
    application_page(&ctx, Area::Drafts, params.get("id"), &params, false).await
}

/// The data of the identity-visit pack: as [`draft_page`], with the reference as a QR code once
/// the application was sent.
async fn identity_visit_pack(ctx: Ctx, params: Params) -> anyhow::Result<Option<IdentityVisitPack>> {
    let Some(view) = application_page(&ctx, Area::Drafts, params.get("id"), &params, false).await? else {
        return Ok(None);
    };
    let qr_svg = match (&view.reference, &view.sending) {
        (Some(reference), Some(_)) => crate::server::qr::svg(reference, 160)?,
        _ => String::new(),
    };
    Ok(Some(IdentityVisitPack { view, qr_svg }))
}

/// The data of the payment page: as [`draft_page`], with the payment's true state (an open
/// attempt is asked of the provider: the payer may have paid and closed the tab).
pub async fn payment_page(ctx: Ctx, params: Params) -> anyhow::Result<Option<ApplicationView>> {
    application_page(&ctx, Area::Drafts, params.get("id"), &params, true).await
}

/// The data of a staff preview's page.
async fn preview_page(ctx: Ctx, params: Params) -> anyhow::Result<Option<ApplicationView>> {
    application_page(&ctx, Area::Previews, params.get("kind"), &params, false).await
}

async fn application_page(
    ctx: &Ctx,
    area: Area,
    key: &str,
    params: &Params,
    refresh_payment: bool,
) -> anyhow::Result<Option<ApplicationView>> {
    let Some(mut loaded) = load(ctx, area, key).await? else { return Ok(None) };
    let step = Some(params.get("step")).filter(|step| !step.is_empty());
    let kept = match step {
        Some(step) => match take_kept(ctx, &loaded.base, step).await? {
            Some(kept) => Some(kept),
            None => resumed_step(ctx, &loaded, step).await?,
        },
        None => None,
    };
    // A step's page shows no attachments: the question pages, the busiest, skip the query.
    let files = match (&loaded.store, step) {
        (Store::Draft(draft), None) => (ctx.state.application_parts.files)(&ctx.state, draft.id).await?,
        _ => Vec::new(),
    };
    let payment = match (&loaded.store, step) {
        (Store::Draft(draft), None) => {
            (ctx.state.application_parts.payment)(&ctx.state, draft.id, refresh_payment).await?
        }
        _ => None,
    };
    // Asking the provider may have found the fee paid, and so the application sent: the page
    // shows it as it is now.
    let just_paid =
        payment.as_ref().is_some_and(|payment| payment.state == crate::domain::payment_state::PaymentState::Paid);
    if refresh_payment && just_paid && loaded.state() == State::ReadyToPay {
        loaded = load(ctx, area, key).await?.unwrap_or(loaded);
    }
    let case = match (&loaded.store, step) {
        (Store::Draft(draft), None) if draft.state == State::Sent => {
            (ctx.state.application_parts.case)(&ctx.state, draft.id).await?
        }
        _ => super::CaseParts::default(),
    };
    let employer = match (&loaded.store, step) {
        (Store::Draft(draft), None) if draft.state == State::Sent => {
            super::links::employer_part(&ctx.state.db, draft.id).await?.map(|(business_id, terms)| {
                crate::page_data::EmployerPartView {
                    business_id,
                    started: terms.is_some(),
                    arrived_on: terms.and_then(|terms| terms.received_at).map(|at| display_date(at / 1000)),
                }
            })
        }
        _ => None,
    };
    // On the payment page of a declared application shared with the employer: whether the
    // employer can be asked to pay, or was.
    let employer_payment = match &loaded.store {
        Store::Draft(draft) if refresh_payment && draft.state == State::ReadyToPay => {
            super::links::employer_payment(&ctx.state.db, draft.id).await?.map(|(business_id, asked)| {
                let work_type = draft.answers.get("work-type").unwrap_or_default();
                crate::page_data::EmployerPaymentView {
                    business_id,
                    asked,
                    fast_track: crate::forms::link::on_fast_track(work_type),
                }
            })
        }
        _ => None,
    };
    let mut view = loaded.view(ctx, step, kept, files, payment, case);
    view.employer_payment = employer_payment;
    if let Some(sending) = view.sending.as_mut() {
        sending.employer = employer;
    }
    Ok(Some(view))
}

fn summary(draft: Draft) -> ApplicationSummary {
    ApplicationSummary {
        base: format!("/applications/{}", draft.public_id),
        kind: draft.kind,
        state: draft.state,
        updated_on: display_date(draft.updated_at),
        expires_on: display_date(draft.expires_at),
        reference: draft.reference,
        received: draft.received_at.is_some(),
        stage: None,
        open_requests: 0,
        decision_waiting: false,
    }
}

fn not_found(ctx: &Ctx) -> Response {
    ctx.error_page(ErrorKind::NotFound)
}

/// The data of `/apply/{kind}`: the applicant's draft of that kind, if there is one.
async fn apply_start(ctx: Ctx, params: Params) -> anyhow::Result<Option<ApplyStart>> {
    let user = ctx.signed_in()?;
    let draft = drafts::open_draft(&ctx.state.db, Owner::from(user), params.get("kind")).await?;
    Ok(Some(ApplyStart { draft: draft.map(summary), today: ctx.state.clock.today() }))
}

/// `POST /apply/{kind}`: starts a draft on the form's latest version and opens its first step;
/// with a draft of that kind already there, goes on with that one instead.
async fn start(ctx: Ctx, SignedIn(user): SignedIn, Path(kind): Path<String>) -> Answer {
    // The employer's part is started from an organisation's task, never here.
    let Some(def) = ctx.state.catalogue.latest(&kind).filter(|def| def.filled_by == FilledBy::Applicant) else {
        return Ok(not_found(&ctx));
    };
    // Answers the visitor gave the pre-check before signing in are filled in, to be checked.
    let checked = ctx.session.get::<Answers>(PRE_CHECK_KEY).await?.unwrap_or_default();
    let given = pre_check::carried(def, &checked);
    match drafts::start(&ctx.state.db, &ctx.state.clock, Owner::from(&user), def, &given).await? {
        Started::New(public_id) => {
            let first = def.steps().next().map(|(_, step)| step.id).expect("a form has steps");
            Ok(Redirect::to(&format!("/applications/{public_id}/steps/{first}")).into_response())
        }
        Started::Existing(public_id) => {
            ctx.inform(&format!("/applications/{public_id}"), "application-draft-exists").await
        }
    }
}

/// `POST /applications/{id}/employer-consent`: the applicant withdraws the consent to share the
/// sent application with the employer, while the employer has not started its part: the
/// organisation's task goes.
async fn withdraw_consent(ctx: Ctx, SignedIn(user): SignedIn, Path(id): Path<String>) -> Answer {
    let sent = format!("/applications/{id}/sent");
    match super::links::withdraw_consent(&ctx.state.db, Owner::from(&user), &id).await? {
        super::links::Withdrawn::Done => ctx.done(&sent, "employer-consent-withdrawn").await,
        super::links::Withdrawn::Started => ctx.inform(&sent, "employer-consent-too-late").await,
        super::links::Withdrawn::NotShared => Ok(not_found(&ctx)),
    }
}

/// `POST /applications/{id}/employer-pays`: the applicant asks the employer the application is
/// shared with to pay its fee; the organisation's users then see it waiting for the fee. Not
/// on the fast track, where the employer cannot pay.
async fn ask_employer_to_pay(ctx: Ctx, SignedIn(user): SignedIn, Path(id): Path<String>) -> Answer {
    let payment = format!("/applications/{id}/payment");
    let Some(draft) = drafts::find(&ctx.state.readers, Owner::from(&user), &id).await? else {
        return Ok(not_found(&ctx));
    };
    if crate::forms::link::on_fast_track(draft.answers.get("work-type").unwrap_or_default()) {
        return ctx.inform(&payment, "employer-pays-fast-track").await;
    }
    if super::links::ask_employer_to_pay(&ctx.state.db, Owner::from(&user), &id).await? {
        return ctx.done(&payment, "employer-pays-asked").await;
    }
    ctx.inform(&payment, "application-locked").await
}

/// `POST /applications/{id}/delete`: deletes the draft, after the page asked to be sure. A
/// confirmed application is not deleted.
async fn delete_draft(ctx: Ctx, _: SignedIn, Path(id): Path<String>) -> Answer {
    let Some(owner) = Owner::of(&ctx).await? else { return Ok(not_found(&ctx)) };
    if drafts::delete_draft(&ctx.state.db, owner, &id).await? {
        let home = if matches!(owner, Owner::Organisation(_)) { "/employer" } else { "/applications" };
        return ctx.done(home, "application-draft-deleted").await;
    }
    match drafts::find(&ctx.state.readers, owner, &id).await? {
        Some(_) => ctx.inform(&format!("/applications/{id}"), "application-locked").await,
        None => Ok(not_found(&ctx)),
    }
}

#[derive(Deserialize)]
struct RestartForm {
    /// The version of the form to preview; the latest when not given.
    #[serde(default)]
    version: Option<u32>,
}

/// `POST /staff/preview/{kind}/restart`: forgets the preview's answers, and starts again on the
/// version asked for.
async fn restart_preview(ctx: Ctx, _: SignedIn, Path(kind): Path<String>, Form(form): Form<RestartForm>) -> Answer {
    let catalogue = &ctx.state.catalogue;
    let def = match form.version {
        Some(version) => catalogue.form(&kind, version),
        None => catalogue.latest(&kind),
    };
    let Some(def) = def else { return Ok(not_found(&ctx)) };
    let preview = Preview { version: Some(def.version), answers: Answers::default() };
    ctx.session.insert(&preview_key(def.kind), preview).await?;
    let first = def.steps().next().map(|(_, step)| step.id).expect("a form has steps");
    Ok(Redirect::to(&format!("/staff/preview/{kind}/steps/{first}")).into_response())
}

/// What a request's change to an application came to.
enum Attempt {
    Done(Response),
    /// Another request saved the application between this one reading and writing it.
    Clashed,
}

/// Runs a change to a draft again when another request saved the draft between this one
/// reading and writing it (the applicant has two tabs open): the change then applies to the
/// newer answers, and neither request loses what it saved. Requests that clashed wait a
/// random, growing moment before trying again, so that they do not clash again in step.
async fn again_if_changed<F, Fut>(mut change: F) -> Answer
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<Attempt, Failure>>,
{
    const TRIES: u32 = 8;
    for attempt in 1..=TRIES {
        if let Attempt::Done(response) = change().await? {
            return Ok(response);
        }
        if attempt == TRIES {
            break;
        }
        let most = 1u64 << attempt.min(6);
        let wait = rand::rng().random_range(0..=most);
        tokio::time::sleep(std::time::Duration::from_millis(wait)).await;
    }
    Err(anyhow::anyhow!("an application was saved by other requests {TRIES} times while this one tried").into())
}

/// `POST /applications/{id}/steps/{step}`.
async fn save_step(
    ctx: Ctx,
    _: SignedIn,
    Path((id, step)): Path<(String, String)>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Answer {
    again_if_changed(|| handle_step(&ctx, Area::Drafts, &id, &step, pairs.clone())).await
}

/// `POST /pre-check/steps/{step}`.
async fn save_pre_check_step(ctx: Ctx, Path(step): Path<String>, Form(pairs): Form<Vec<(String, String)>>) -> Answer {
    again_if_changed(|| handle_step(&ctx, Area::PreCheck, "", &step, pairs.clone())).await
}

/// The data of a pre-check step's page.
async fn pre_check_page(ctx: Ctx, params: Params) -> anyhow::Result<Option<ApplicationView>> {
    application_page(&ctx, Area::PreCheck, "", &params, false).await
}

/// The pre-check's result page's data: the answers given, and the day (the offers and their
/// fees follow from them, `forms::pre_check::offers`).
async fn pre_check_result(ctx: Ctx, _: Params) -> anyhow::Result<Option<PreCheckAnswers>> {
    let answers = ctx.session.get::<Answers>(PRE_CHECK_KEY).await?.unwrap_or_default();
    Ok(Some(PreCheckAnswers { answers, today: ctx.state.clock.today() }))
}

/// `POST /pre-check/restart`: forgets the pre-check's answers and starts it again.
async fn restart_pre_check(ctx: Ctx) -> Answer {
    ctx.session.remove::<Answers>(PRE_CHECK_KEY).await?;
    let first = crate::forms::catalogue::PRE_CHECK.steps().next().map(|(_, step)| step.id).expect("a form has steps");
    Ok(Redirect::to(&format!("{PRE_CHECK_PATH}/steps/{first}")).into_response())
}

/// `POST /staff/preview/{kind}/steps/{step}`.
async fn save_preview_step(
    ctx: Ctx,
    _: SignedIn,
    Path((kind, step)): Path<(String, String)>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Answer {
    again_if_changed(|| handle_step(&ctx, Area::Previews, &kind, &step, pairs.clone())).await
}

async fn handle_step(
    ctx: &Ctx,
    area: Area,
    key: &str,
    step_id: &str,
    pairs: Vec<(String, String)>,
) -> Result<Attempt, Failure> {
    let Some(loaded) = load(ctx, area, key).await? else { return Ok(Attempt::Done(not_found(ctx))) };
    let today = ctx.state.clock.today();
    let Some((_, step)) = loaded.def.step(step_id).filter(|(_, step)| !step.exit) else {
        return Ok(Attempt::Done(not_found(ctx)));
    };
    let overview = loaded.base.clone();
    if !loaded.state().is_editable() {
        return ctx.inform(&overview, "application-locked").await.map(Attempt::Done);
    }
    if !loaded.answers.applies(step, today) {
        return Ok(Attempt::Done(Redirect::to(&overview).into_response()));
    }
    let value = |name: &str| pairs.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone());
    let action = value(control::ACTION).unwrap_or_default();
    let back_to_check = value(control::RETURN).as_deref() == Some("check");
    let remove = value(control::REMOVE).and_then(|i| i.parse::<usize>().ok());
    let language = value(control::SWITCH_LANGUAGE).and_then(|code| Lang::from_code(&code));
    // Only the step's own fields, items and lengths go further (see `Submitted::for_step`).
    let submitted = Submitted::for_step(step, pairs);
    let here = format!("{}/steps/{}", loaded.base, step.id);
    let here_again = if back_to_check { format!("{here}?return=check") } else { here.clone() };

    // The language switch sends the form: what is typed is kept, unsaved and unchecked, and
    // shown again in the language asked for.
    if let Some(language) = language {
        let items = submitted.item_count().max(1);
        keep(
            ctx,
            &loaded.base,
            KeptStep { step: step.id.into(), typed: submitted, problems: Vec::new(), items, resumed: false },
        )
        .await?;
        let next: String = form_urlencoded::byte_serialize(here_again.as_bytes()).collect();
        return Ok(Attempt::Done(Redirect::to(&format!("/lang/{}?next={next}", language.code())).into_response()));
    }

    // Adding or removing an item of a repeating step only changes the form shown. The page
    // comes back at the item added, or the one now where the removed one was, so that focus
    // stays where the user acted.
    if let Some(max) = step.repeat {
        let items = submitted.item_count().max(1);
        let changed = match (action.as_str(), remove) {
            ("add", _) => {
                let count = (items + 1).min(max.into());
                Some((submitted.clone(), count, count - 1))
            }
            (_, Some(index)) if index < items => {
                let count = items.saturating_sub(1).max(1);
                let typed = without_item(&submitted, step.questions.iter().map(|q| q.id), index);
                Some((typed, count, index.min(count - 1)))
            }
            _ => None,
        };
        if let Some((typed, items, focus)) = changed {
            keep(
                ctx,
                &loaded.base,
                KeptStep { step: step.id.into(), typed, problems: Vec::new(), items, resumed: false },
            )
            .await?;
            let at_item = format!("{here_again}#{}", item_anchor(focus));
            return Ok(Attempt::Done(Redirect::to(&at_item).into_response()));
        }
    }

    let checked = check_step(step, &submitted, &loaded.answers, today);
    let mut answers = loaded.answers.clone();
    for question in step.questions {
        answers.values.remove(question.id);
    }
    if step.repeat.is_some() {
        answers.items.insert(step.id.to_string(), checked.items.clone());
    } else {
        answers.values.extend(checked.values.clone());
    }
    let complete = checked.problems.is_empty();
    if complete {
        answers.done.insert(step.id.to_string());
    } else {
        answers.done.remove(step.id);
    }
    let later = action == "later";
    // A step with problems keeps what passed only when the user chose to come back later.
    if complete || later {
        match store(ctx, &loaded, &answers).await? {
            Saved::Written => {}
            Saved::Locked => return ctx.inform(&overview, "application-locked").await.map(Attempt::Done),
            Saved::Changed => return Ok(Attempt::Clashed),
        }
    }
    if later {
        return ctx.done(&overview, "application-saved").await.map(Attempt::Done);
    }
    if !complete {
        let items = submitted.item_count().max(1);
        let kept =
            KeptStep { step: step.id.into(), typed: submitted, problems: checked.problems, items, resumed: false };
        keep(ctx, &loaded.base, kept).await?;
        return Ok(Attempt::Done(Redirect::to(&here_again).into_response()));
    }
    let next = match answers.next_after(loaded.def, step.id, today) {
        Some(next) if next.exit => format!("{}/steps/{}", loaded.base, next.id),
        _ if back_to_check => format!("{}/check", loaded.base),
        Some(next) => format!("{}/steps/{}", loaded.base, next.id),
        None => loaded.finished(),
    };
    Ok(Attempt::Done(Redirect::to(&next).into_response()))
}

/// The typed values without item `index` of a repeating step; later items move up one.
fn without_item<'a>(
    submitted: &Submitted,
    questions: impl Iterator<Item = &'a str> + Clone,
    index: usize,
) -> Submitted {
    let renamed = submitted.0.iter().filter_map(|(name, value)| {
        for question in questions.clone() {
            let prefix = format!("{question}--");
            if let Some(rest) = name.strip_prefix(&prefix) {
                let (number, suffix) = rest.split_once('-').map_or((rest, ""), |(n, s)| (n, s));
                let Ok(item) = number.parse::<usize>() else { continue };
                let suffix = if suffix.is_empty() { String::new() } else { format!("-{suffix}") };
                return match item.cmp(&index) {
                    std::cmp::Ordering::Less => Some((name.clone(), value.clone())),
                    std::cmp::Ordering::Equal => None,
                    std::cmp::Ordering::Greater => {
                        Some((format!("{}{suffix}", field_name(question, Some(item - 1))), value.clone()))
                    }
                };
            }
        }
        Some((name.clone(), value.clone()))
    });
    Submitted(renamed.collect())
}

/// `POST /applications/{id}/declaration`: with the box ticked and every step done, the
/// application is ready to pay and gets its reference.
async fn declare(ctx: Ctx, _: SignedIn, Path(id): Path<String>, Form(pairs): Form<Vec<(String, String)>>) -> Answer {
    again_if_changed(|| handle_declaration(&ctx, Area::Drafts, &id, pairs.clone())).await
}

/// `POST /staff/preview/{kind}/declaration`: the same checks; nothing is stored.
async fn declare_preview(
    ctx: Ctx,
    _: SignedIn,
    Path(kind): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Answer {
    again_if_changed(|| handle_declaration(&ctx, Area::Previews, &kind, pairs.clone())).await
}

async fn handle_declaration(
    ctx: &Ctx,
    area: Area,
    key: &str,
    pairs: Vec<(String, String)>,
) -> Result<Attempt, Failure> {
    let Some(loaded) = load(ctx, area, key).await? else { return Ok(Attempt::Done(not_found(ctx))) };
    let declaration = format!("{}/declaration", loaded.base);
    let response = if !loaded.state().can_move_to(State::ReadyToPay) {
        ctx.inform(&loaded.base, "application-locked").await
    } else if !loaded.answers.is_complete(loaded.def, ctx.state.clock.today()) {
        ctx.inform(&loaded.base, "application-incomplete").await
    } else if !attachments_added(ctx, &loaded).await? {
        ctx.inform(&format!("{}/attachments", loaded.base), "attachments-missing").await
    } else if !pairs.iter().any(|(name, value)| name == "confirm" && value == "yes") {
        ctx.refuse(&declaration, &[], "confirm", "declaration-missing").await
    } else {
        let declared = match &loaded.store {
            Store::Draft(draft) => {
                let employer = crate::forms::link::employer(loaded.def, &loaded.answers);
                drafts::declare(&ctx.state.db, &ctx.state.clock, draft, employer).await?
            }
            // A preview stores nothing: it only goes on to the next page.
            Store::Preview | Store::PreCheck => Declared::Ready(String::new()),
        };
        match declared {
            // Without a fee (the employer's part) it is sent at once.
            Declared::Ready(_) if loaded.def.fees.is_empty() => {
                if let Store::Draft(draft) = &loaded.store {
                    (ctx.state.application_parts.send)(&ctx.state, draft.id, ctx.lang).await?;
                    return Ok(Attempt::Done(Redirect::to(&format!("{}/sent", loaded.base)).into_response()));
                }
                Ok(Redirect::to(&format!("{}/payment", loaded.base)).into_response())
            }
            Declared::Ready(_) => Ok(Redirect::to(&format!("{}/payment", loaded.base)).into_response()),
            Declared::Locked => ctx.inform(&loaded.base, "application-locked").await,
            Declared::Changed => return Ok(Attempt::Clashed),
        }
    };
    response.map(Attempt::Done)
}

/// Whether every attachment the answers call for has a file (a preview stores none).
async fn attachments_added(ctx: &Ctx, loaded: &Loaded) -> anyhow::Result<bool> {
    let Store::Draft(draft) = &loaded.store else { return Ok(true) };
    let files = (ctx.state.application_parts.files)(&ctx.state, draft.id).await?;
    let needed = crate::forms::derive::attachments(loaded.def, &loaded.answers, ctx.state.clock.today());
    Ok(needed.iter().all(|id| files.iter().any(|file| file.requirement == *id)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removing_an_item_moves_the_later_ones_up() {
        let typed = Submitted(
            [("a--0", "x"), ("a--1", "y"), ("b--1-day", "5"), ("a--2", "z"), ("b--2-day", "6"), ("other", "k")]
                .iter()
                .map(|(n, v)| (n.to_string(), v.to_string()))
                .collect(),
        );
        let left = without_item(&typed, ["a", "b"].into_iter(), 1);
        let pairs: Vec<(&str, &str)> = left.0.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
        assert_eq!(pairs, [("a--0", "x"), ("a--1", "z"), ("b--1-day", "6"), ("other", "k")]);
    }
}
