//! Decisions: the legal end of a case. The backend's `decision-made` event ([`announce`])
//! queues the fetch of the decision's document ([`FetchJob`]: signed, checked against the
//! event's SHA-256 and size and as a PDF, kept in the attachments' storage); the applicant is
//! then told there is something new, and the application's page says a decision was made
//! without showing it. The signed-in applicant's first opening ([`open`]) serves it: recorded
//! (time, account, whether the account signs in with a second step) and reported to the
//! backend through the queue ([`ReportJob`]). One not opened within
//! [`contract::UNOPENED_DAYS`] days is reported `not-opened` ([`report_unopened`]), and the
//! backend posts it, served on that day. The application, its decision and everything of its
//! case go a configurable time after the decision was served ([`remove_served`]).

pub mod web;

use crate::domain::date::{iso_time, Date};
use crate::page_data::DecisionView;
use crate::server::attachments::content::{Refusal, Source};
use crate::server::case_backend::{self, contract};
use crate::server::db::{self, Pool, Tx};
use crate::server::queue::{self, Job, JobError, JobKind, Limit, Outcome};
use crate::server::AppState;
use std::time::Duration;

/// The largest decision document the portal takes: decisions are a few pages.
const DOCUMENT_MAX: usize = 20 * 1024 * 1024;
/// How long a fetch or a report is tried before it is dead-lettered (staff see it failing
/// long before).
const GIVE_UP: Duration = Duration::from_secs(72 * 3600);
const DAY_MILLIS: i64 = 86_400_000;

/// Keeps the decision `notice` of the application `application` (row id, and its public id
/// and case as the event named them), made at `made_at` (Unix milliseconds), on `tx` (the
/// event's transaction), and queues the fetch of its document. A decision kept before is left
/// as it is.
pub async fn announce(
    state: &AppState,
    tx: &mut Tx,
    application: (i64, &str, &str),
    made_at: i64,
    notice: &contract::DecisionNotice,
) -> anyhow::Result<()> {
    let (application_id, application_ref, case_id) = application;
    let public_id = hex::encode(rand::random::<[u8; 10]>());
    let inserted = sqlx::query(
        "INSERT INTO decisions (public_id, application_id, decision_id, application_ref, case_id, sha256,
                                size_bytes, made_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (application_id, decision_id) DO NOTHING",
    )
    .bind(&public_id)
    .bind(application_id)
    .bind(&notice.decision_id)
    .bind(application_ref)
    .bind(case_id)
    .bind(notice.sha256.to_ascii_lowercase())
    .bind(notice.size_bytes)
    .bind(made_at)
    .execute(&mut **tx)
    .await?;
    if inserted.rows_affected() == 1 {
        let key = format!("decision-fetch:{public_id}");
        queue::enqueue(&mut **tx, &state.clock, FetchJob::CODE, &key, &public_id, Limit::For(GIVE_UP)).await?;
    }
    Ok(())
}

/// Whether a `decision-made` event's notice is one the portal can fetch and check.
pub fn is_whole(notice: &contract::DecisionNotice) -> bool {
    let id_ok = !notice.decision_id.is_empty()
        && notice.decision_id.len() <= 100
        && notice.decision_id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    let size_ok = usize::try_from(notice.size_bytes).is_ok_and(|size| size > 0 && size <= DOCUMENT_MAX);
    id_ok && size_ok && notice.sha256.len() == 64 && notice.sha256.bytes().all(|b| b.is_ascii_hexdigit())
}

/// The job that fetches a decision's document (its payload the decision's public id).
pub struct FetchJob;

impl FetchJob {
    pub const CODE: &'static str = "decision-fetch";
}

#[async_trait::async_trait]
impl JobKind for FetchJob {
    fn code(&self) -> &'static str {
        Self::CODE
    }

    fn errors(&self) -> &'static [&'static str] {
        &[
            "no-backend",
            "backend-timeout",
            "backend-unreachable",
            "backend-connection",
            "answer-cut-off",
            "backend-status",
            "backend-redirect",
            "too-large",
            "decision-mismatch",
            "decision-not-a-pdf",
            "decision-busy",
            "decision-not-kept",
        ]
    }

    fn runs_here(&self, state: &AppState) -> bool {
        state.case_backend.is_some()
    }

    async fn run(&self, state: &AppState, job: &Job) -> Outcome {
        match fetch(state, &job.payload).await {
            Ok(outcome) => outcome,
            Err(error) => {
                tracing::error!(%error, "a decision could not be kept");
                Outcome::Retry { error: JobError::new("decision-not-kept"), after: None }
            }
        }
    }
}

/// Fetches and keeps the document of the decision `public_id`, and tells the applicant.
async fn fetch(state: &AppState, public_id: &str) -> anyhow::Result<Outcome> {
    let Some(backend) = &state.case_backend else {
        return Ok(Outcome::Retry { error: JobError::new("no-backend"), after: None });
    };
    let row: Option<(i64, i64, String, String, i64, Option<String>)> = sqlx::query_as(
        "SELECT id, application_id, decision_id, sha256, size_bytes, storage_key FROM decisions WHERE public_id = $1",
    )
    .bind(public_id)
    .fetch_optional(&state.db)
    .await?;
    // Gone with its application, or kept by an earlier run: nothing to do.
    let Some((id, application_id, decision_id, sha256, size_bytes, None)) = row else { return Ok(Outcome::Done) };
    let path = format!("{}/{decision_id}", contract::DECISIONS_PATH);
    let bytes = match case_backend::get_signed(backend, &state.clock, &path, DOCUMENT_MAX).await {
        Ok(bytes) => bytes,
        Err(outcome) => return Ok(outcome),
    };
    use sha2::Digest;
    if hex::encode(sha2::Sha256::digest(&bytes)) != sha256 || i64::try_from(bytes.len()).ok() != Some(size_bytes) {
        return Ok(Outcome::Retry { error: JobError::new("decision-mismatch"), after: None });
    }
    // Shown to the applicant as a PDF: checked as an uploaded one would be.
    let checked = match state.checks.check(Source::Bytes(bytes)).await? {
        Ok(checked) if checked.content_type == "application/pdf" => checked,
        Ok(_) => return Ok(Outcome::Fail(JobError::new("decision-not-a-pdf"))),
        Err(Refusal::Busy) => return Ok(Outcome::Retry { error: JobError::new("decision-busy"), after: None }),
        Err(refusal) => return Ok(Outcome::Fail(JobError::with("decision-not-a-pdf", refusal.code()))),
    };
    let key = crate::server::attachments::storage::new_key();
    crate::server::attachments::storage::keep(state.storage.as_ref(), &key, &checked.stored).await?;
    let mut tx = db::begin_write(&state.db).await?;
    let kept =
        sqlx::query("UPDATE decisions SET storage_key = $2, fetched_at = $3 WHERE id = $1 AND storage_key IS NULL")
            .bind(id)
            .bind(&key)
            .bind(state.clock.now_millis())
            .execute(&mut *tx)
            .await?;
    if kept.rows_affected() == 1 {
        crate::server::requests::tell_owner(state, &mut tx, application_id, crate::server::mail::Kind::News, &[])
            .await?;
    }
    tx.commit().await?;
    if kept.rows_affected() == 1 {
        state.queue.ring();
    } else {
        // Another run kept it first: this copy is no one's.
        state.storage.delete(&key).await?;
    }
    Ok(Outcome::Done)
}

/// A decision as its pages and its opening need it.
struct Kept {
    id: i64,
    view: DecisionView,
    storage_key: Option<String>,
}

type Row = (i64, i64, Option<String>, Option<i64>, Option<i64>, Option<i64>);
const COLUMNS: &str = "id, made_at, storage_key, fetched_at, opened_at, unopened_at";

/// The decision in `row`, kept `keep_days` from its serving.
fn kept(row: Row, keep_days: i64) -> Kept {
    let (id, made_at, storage_key, fetched_at, opened_at, unopened_at) = row;
    let day = |millis: i64| Date::from_unix_seconds(millis.div_euclid(1000));
    // Served when first opened; else, once reported not opened, by post on the day the
    // report was due (the seventh after it was there to open).
    let served = match (opened_at, unopened_at, fetched_at) {
        (Some(opened), None, _) => Some((day(opened), false)),
        (_, Some(_), Some(fetched)) => Some((day(fetched).add_days(contract::UNOPENED_DAYS), true)),
        _ => None,
    };
    let view = DecisionView {
        made_on: day(made_at).display(),
        available: fetched_at.is_some(),
        opened_on: opened_at.map(|at| day(at).display()),
        served_on: served.map(|(on, _)| on.display()),
        served_by_post: served.is_some_and(|(_, post)| post),
        appeal_until: served.map(|(on, _)| on.add_days(APPEAL_DAYS).display()),
        kept_until: served.map(|(on, _)| on.add_days(keep_days).display()),
    };
    Kept { id, view, storage_key }
}

/// The days of the appeal period, counted from the day after the decision was served.
const APPEAL_DAYS: i64 = 30;

/// The newest decision on the application `application_id`, kept `keep_days` from its serving.
async fn newest(pool: &Pool, application_id: i64, keep_days: i64) -> anyhow::Result<Option<Kept>> {
    let row: Option<Row> =
        sqlx::query_as(&format!("SELECT {COLUMNS} FROM decisions WHERE application_id = $1 ORDER BY id DESC LIMIT 1"))
            .bind(application_id)
            .fetch_optional(pool)
            .await?;
    Ok(row.map(|row| kept(row, keep_days)))
}

/// The newest decision on the application `application_id`, as its pages show it.
pub async fn of_application(state: &AppState, application_id: i64) -> anyhow::Result<Option<DecisionView>> {
    Ok(newest(&state.db, application_id, state.config.decision_keep_days).await?.map(|kept| kept.view))
}

/// Opens the newest decision on the sent application `application_id` for the signed-in
/// `user` (its owner): the first opening is recorded and, unless the decision was already
/// served by post, reported to the backend as serving it. The decision as it is now; `None`
/// when there is none to open yet.
pub async fn open(
    state: &AppState,
    application_id: i64,
    user: &crate::server::identity::User,
) -> anyhow::Result<Option<DecisionView>> {
    let Some(decision) = newest(&state.db, application_id, state.config.decision_keep_days).await? else {
        return Ok(None);
    };
    if !decision.view.available {
        return Ok(None);
    }
    if decision.view.opened_on.is_some() {
        return Ok(Some(decision.view));
    }
    let now = state.clock.now_millis();
    let mut tx = db::begin_write(&state.db).await?;
    // The account's second step: logging in to it asks for an authenticator's code as well.
    let opened = sqlx::query(
        "UPDATE decisions SET opened_at = $2, opened_by = $3, opened_second_step = $4
         WHERE id = $1 AND opened_at IS NULL",
    )
    .bind(decision.id)
    .bind(now)
    .bind(user.id)
    .bind(i64::from(user.two_factor))
    .execute(&mut *tx)
    .await?;
    let report = opened.rows_affected() == 1 && decision.view.served_on.is_none();
    if report {
        queue_report(state, &mut tx, decision.id, contract::ServiceOutcome::Served, now, Some(user.two_factor)).await?;
    }
    tx.commit().await?;
    if report {
        state.queue.ring();
    }
    Ok(newest(&state.db, application_id, state.config.decision_keep_days).await?.map(|kept| kept.view))
}

/// The document of the newest decision on `application_id`, once opened: its bytes.
pub async fn document(state: &AppState, application_id: i64) -> anyhow::Result<Option<Vec<u8>>> {
    let Some(decision) = newest(&state.db, application_id, state.config.decision_keep_days).await? else {
        return Ok(None);
    };
    match (decision.view.opened_on, decision.storage_key) {
        (Some(_), Some(key)) => Ok(Some(state.storage.get(&key).await?)),
        _ => Ok(None),
    }
}

/// Queues, on `tx`, the report that the decision `id` was served (`outcome`) at `at` (Unix
/// milliseconds).
async fn queue_report(
    state: &AppState,
    tx: &mut Tx,
    id: i64,
    outcome: contract::ServiceOutcome,
    at: i64,
    second_step: Option<bool>,
) -> anyhow::Result<()> {
    let (application_id, case_id, decision_id): (String, String, String) =
        sqlx::query_as("SELECT application_ref, case_id, decision_id FROM decisions WHERE id = $1")
            .bind(id)
            .fetch_one(&mut **tx)
            .await?;
    let report = contract::DecisionReport {
        contract: contract::VERSION,
        id: hex::encode(rand::random::<[u8; 10]>()),
        application_id,
        case_id,
        decision_id,
        outcome,
        at: iso_time(at.div_euclid(1000)),
        second_step,
    };
    // One report of each outcome per decision, however often this runs.
    let key = format!("decision-report:{id}:{}", serde_json::to_value(outcome)?.as_str().unwrap_or_default());
    let payload = serde_json::to_string(&report)?;
    queue::enqueue(&mut **tx, &state.clock, ReportJob::CODE, &key, &payload, Limit::For(GIVE_UP)).await?;
    Ok(())
}

/// The job that reports how a decision was served (its payload the [`contract::DecisionReport`]).
pub struct ReportJob;

impl ReportJob {
    pub const CODE: &'static str = "decision-report";
}

#[async_trait::async_trait]
impl JobKind for ReportJob {
    fn code(&self) -> &'static str {
        Self::CODE
    }

    /// A report fails as a delivery does: the same signed post, the same receipt.
    fn errors(&self) -> &'static [&'static str] {
        case_backend::DeliveryJob.errors()
    }

    fn runs_here(&self, state: &AppState) -> bool {
        state.case_backend.is_some()
    }

    async fn run(&self, state: &AppState, job: &Job) -> Outcome {
        let id: fn(&contract::DecisionReport) -> &str = |report| report.id.as_str();
        match case_backend::post_queued(state, job, contract::DECISION_REPORTS_PATH, id).await {
            Ok(_) => Outcome::Done,
            Err(outcome) => outcome,
        }
    }
}

/// Reports each decision there to open for [`contract::UNOPENED_DAYS`] days and not opened
/// (the scheduled job `report-unopened-decisions`), once: the backend posts it. How many.
pub async fn report_unopened(state: &AppState) -> anyhow::Result<u64> {
    let now = state.clock.now_millis();
    let waiting: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM decisions WHERE opened_at IS NULL AND unopened_at IS NULL AND fetched_at <= $1",
    )
    .bind(now - contract::UNOPENED_DAYS * DAY_MILLIS)
    .fetch_all(&state.db)
    .await?;
    let mut reported = 0;
    for id in waiting {
        let mut tx = db::begin_write(&state.db).await?;
        // Marked in the transaction that queues the report: another instance's run finds it
        // marked, and an opening since wins.
        let marked = sqlx::query(
            "UPDATE decisions SET unopened_at = $2 WHERE id = $1 AND opened_at IS NULL AND unopened_at IS NULL",
        )
        .bind(id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        if marked.rows_affected() == 0 {
            continue;
        }
        queue_report(state, &mut tx, id, contract::ServiceOutcome::NotOpened, now, None).await?;
        tx.commit().await?;
        reported += 1;
    }
    if reported > 0 {
        state.queue.ring();
    }
    Ok(reported)
}

/// Removes, with everything of their case, the applications whose decision was served at
/// least `days` days ago (the scheduled job `remove-served-decisions`): first opened then, or
/// served by post. Their documents' files go too. How many applications went.
pub async fn remove_served(state: &AppState, days: i64) -> anyhow::Result<u64> {
    let cutoff = state.clock.now_millis() - days * DAY_MILLIS;
    let served: Vec<(i64, Option<String>)> = sqlx::query_as(
        "SELECT application_id, storage_key FROM decisions
         WHERE (opened_at IS NOT NULL AND unopened_at IS NULL AND opened_at <= $1)
            OR (unopened_at IS NOT NULL AND fetched_at <= $2)",
    )
    .bind(cutoff)
    .bind(cutoff - contract::UNOPENED_DAYS * DAY_MILLIS)
    .fetch_all(&state.db)
    .await?;
    let mut removed = 0;
    for (application_id, storage_key) in served {
        // The row first: a file left by a stop in between is removed as no row's.
        if crate::server::applications::drafts::remove_sent(&state.db, application_id).await? {
            removed += 1;
        }
        if let Some(key) = storage_key {
            state.storage.delete(&key).await?;
        }
    }
    Ok(removed)
}

/// Whether a decision names the storage key `key` (the storage's cleanup spares it).
pub const KEY_IN_USE: crate::server::attachments::storage::KeyInUse = |pool, key| {
    Box::pin(async move {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM decisions WHERE storage_key = $1")
            .bind(key)
            .fetch_one(pool)
            .await?;
        Ok(n > 0)
    })
};

/// How many decisions are still not opened after [`contract::UNOPENED_DAYS`] days (reported,
/// and posted), for staff.
pub async fn unopened(pool: &Pool) -> anyhow::Result<i64> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM decisions WHERE unopened_at IS NOT NULL AND opened_at IS NULL")
        .fetch_one(pool)
        .await?)
}
