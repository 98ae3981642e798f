//! The applicant's reply to a request: kept, the request marked answered and the reply's
//! document queued for the case backend, all in one transaction ([`send`]); the job
//! ([`ReplyJob`]) posts it signed, with the same `Idempotency-Key` on every attempt, until the
//! backend's receipt is recorded.

use super::OpenRequest;
use crate::domain::date::iso_time;
use crate::i18n::Lang;
use crate::server::case_backend::{self, contract};
use crate::server::db;
use crate::server::queue::{self, Job, JobError, JobKind, Limit, Outcome};
use crate::server::AppState;
use std::time::Duration;

/// How long a reply is tried before it is dead-lettered (staff are warned well before).
const GIVE_UP: Duration = Duration::from_secs(72 * 3600);

/// Sends the reply `text` to `request` of the sent application `application` (its row id,
/// public id and case id), written in `lang`: true when sent now, false when the request had
/// been answered already (another tab).
pub async fn send(
    state: &AppState,
    application: (i64, &str, &str),
    request: &OpenRequest,
    text: &str,
    lang: Lang,
) -> anyhow::Result<bool> {
    let (application_id, public_id, case_id) = application;
    let now = state.clock.now();
    let late = !request.own && state.clock.today().days_since_epoch() > request.due.days_since_epoch();
    let reply_id = hex::encode(rand::random::<[u8; 10]>());
    let mut tx = db::begin_write(&state.db).await?;
    // Held while its files are listed: a file's removal holds it too, and so waits, then finds
    // the request answered.
    crate::server::applications::drafts::hold(&mut tx, application_id).await?;
    let answered = sqlx::query("UPDATE info_requests SET answered_at = $2 WHERE id = $1 AND answered_at IS NULL")
        .bind(request.id)
        .bind(state.clock.now_millis())
        .execute(&mut *tx)
        .await?;
    if answered.rows_affected() == 0 {
        return Ok(false);
    }
    sqlx::query(
        "INSERT INTO replies (public_id, application_id, request_id, text, late, sent_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(&reply_id)
    .bind(application_id)
    .bind(request.id)
    .bind(text)
    .bind(i64::from(late))
    .bind(state.clock.now_millis())
    .execute(&mut *tx)
    .await?;
    // The files added for the documents asked for go with it, fetched by the backend like the
    // application's own.
    let prefix = crate::page_data::request_slot(&request.public_id, "");
    let files_base = case_backend::files_base(state);
    let attachments = crate::server::attachments::files::list_in(&mut tx, application_id)
        .await?
        .into_iter()
        .filter(|file| file.requirement.starts_with(&prefix))
        .map(|file| contract::Attachment {
            href: format!("{files_base}/{}", file.public_id),
            id: file.public_id,
            requirement: file.requirement[prefix.len()..].to_string(),
            name: file.display_name,
            content_type: file.content_type,
            size_bytes: file.size_bytes,
            sha256: file.sha256,
        })
        .collect();
    let document = contract::ReplyDocument {
        contract: contract::VERSION,
        id: reply_id.clone(),
        application_id: public_id.to_string(),
        case_id: case_id.to_string(),
        request_id: (!request.own).then(|| request.request_id.clone()),
        sent_at: iso_time(now),
        late,
        language: lang.code().to_string(),
        text: text.to_string(),
        attachments,
    };
    let key = format!("reply:{reply_id}");
    let payload = serde_json::to_string(&document)?;
    queue::enqueue(&mut *tx, &state.clock, ReplyJob::CODE, &key, &payload, Limit::For(GIVE_UP)).await?;
    tx.commit().await?;
    state.queue.ring();
    Ok(true)
}

/// Records the backend's receipt of the reply `reply_id` and, the first time, tells the
/// applicant there is something new (the receipt, on the request's page).
async fn record_receipt(state: &AppState, reply_id: &str) -> anyhow::Result<()> {
    let mut tx = db::begin_write(&state.db).await?;
    let recorded = sqlx::query("UPDATE replies SET received_at = $2 WHERE public_id = $1 AND received_at IS NULL")
        .bind(reply_id)
        .bind(state.clock.now_millis())
        .execute(&mut *tx)
        .await?;
    if recorded.rows_affected() == 0 {
        return Ok(());
    }
    let application_id: i64 = sqlx::query_scalar("SELECT application_id FROM replies WHERE public_id = $1")
        .bind(reply_id)
        .fetch_one(&mut *tx)
        .await?;
    super::tell_owner(state, &mut tx, application_id, crate::server::mail::Kind::News, &[]).await?;
    tx.commit().await?;
    state.queue.ring();
    Ok(())
}

/// The job that forwards a reply to the case backend (its payload the [`contract::ReplyDocument`]).
pub struct ReplyJob;

impl ReplyJob {
    pub const CODE: &'static str = "reply";
}

#[async_trait::async_trait]
impl JobKind for ReplyJob {
    fn code(&self) -> &'static str {
        Self::CODE
    }

    /// A reply fails as a delivery does: the same signed post, the same receipt.
    fn errors(&self) -> &'static [&'static str] {
        case_backend::DeliveryJob.errors()
    }

    fn runs_here(&self, state: &AppState) -> bool {
        state.case_backend.is_some()
    }

    async fn run(&self, state: &AppState, job: &Job) -> Outcome {
        let id: fn(&contract::ReplyDocument) -> &str = |document| document.id.as_str();
        let document = match case_backend::post_queued(state, job, contract::REPLIES_PATH, id).await {
            Ok(document) => document,
            Err(outcome) => return outcome,
        };
        match record_receipt(state, &document.id).await {
            Ok(()) => Outcome::Done,
            Err(error) => {
                tracing::error!(%error, "a reply's receipt could not be recorded");
                Outcome::Retry { error: JobError::new("receipt-not-recorded"), after: None }
            }
        }
    }
}
