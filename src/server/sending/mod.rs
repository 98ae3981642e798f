//! Sending an application to the immigration service, and delivering it to the case backend.
//!
//! "Send" ([`send`]) checks that the application is declared and paid, freezes the document
//! that is forwarded ([`contract::ApplicationDocument`]) and, in one transaction, moves the
//! application to `sent` and queues its delivery (server::queue): the two happen together or
//! not at all. The worker then delivers it ([`deliver`]) over HTTPS, signed, with the same
//! `Idempotency-Key` on every attempt, so a retry after a lost answer never makes a second case.
//! The backend's receipt marks the application received.

pub mod contract;
pub mod web;

use super::clock::Clock;
use super::config::CaseBackendSettings;
use super::db::{self, Pool};
use super::queue::{self, Job, JobError, JobKind, Limit, Outcome};
use super::AppState;
use crate::domain::application_state::ApplicationState as State;
use crate::forms::answers::Answers;
use crate::i18n::Lang;
use contract::ApplicationDocument;
use std::time::Duration;

/// The case backend's client: its settings and an HTTP client that verifies certificates,
/// follows no redirect (a signed document goes only where it was configured to go) and gives
/// up after the configured time.
pub struct CaseBackend {
    pub settings: CaseBackendSettings,
    client: reqwest::Client,
}

impl CaseBackend {
    pub fn new(settings: CaseBackendSettings) -> anyhow::Result<CaseBackend> {
        let client = reqwest::Client::builder()
            .connect_timeout(settings.timeout.min(Duration::from_secs(5)))
            .timeout(settings.timeout)
            .redirect(reqwest::redirect::Policy::none())
            .build()?;
        Ok(CaseBackend { settings, client })
    }
}

/// What became of "Send".
#[derive(Debug, PartialEq, Eq)]
pub enum Sent {
    /// Sent now: its delivery is queued.
    Now,
    /// It had been sent already (a second click, another tab).
    Already,
    /// It is not declared yet, or no payment counts for it.
    NotReady,
    /// No such application of this applicant.
    NotFound,
}

/// How long a delivery is tried, and how long it may fail before staff are warned, when no case
/// backend is configured yet (`CaseBackendSettings` has them otherwise).
const DEFAULT_GIVE_UP: Duration = Duration::from_secs(72 * 3600);
const DEFAULT_WARN_AFTER: Duration = Duration::from_secs(3600);

type ApplicationRow = (String, String, i64, String, String, Option<String>);
type PaymentRow = (String, Option<String>, String, i64, String, String, Option<i64>, Option<String>);
type FileRow = (String, String, String, String, i64, String);

/// Sends the application `public_id` of `user_id`, written in `lang`: the Send button, for an
/// application declared and paid but not sent (one paid before sending followed payment).
pub async fn send(state: &AppState, user_id: i64, public_id: &str, lang: Lang) -> anyhow::Result<Sent> {
    let mut tx = db::begin_write(&state.db).await?;
    let lock = db::row_lock(db::Dialect::of(&state.db));
    let application: Option<i64> =
        sqlx::query_scalar(&format!("SELECT id FROM applications WHERE public_id = $1 AND user_id = $2{lock}"))
            .bind(public_id)
            .bind(user_id)
            .fetch_optional(&mut *tx)
            .await?;
    let Some(id) = application else { return Ok(Sent::NotFound) };
    let sent = send_locked(state, &mut tx, id, Some(lang)).await?;
    tx.commit().await?;
    if sent == Sent::Now {
        state.queue.ring();
    }
    Ok(sent)
}

/// Sends the application `id` once its fee is paid, on the payment's transaction, which holds
/// the application's row: paid means sent, whichever way the payment was confirmed (the
/// callback, the payer's return or the portal asking). Written in the language the applicant
/// paid in (else their messages' language). The caller rings the queue's bell after its commit.
pub async fn send_paid(state: &AppState, tx: &mut db::Tx, id: i64) -> anyhow::Result<Sent> {
    send_locked(state, tx, id, None).await
}

/// Sends the application `id`, whose row `tx` holds: freezes its document, moves it to sent
/// and queues its delivery and the applicant's message, when it is declared and a payment
/// counts for it. The document is in `lang`, or else the language its fee was paid in.
async fn send_locked(state: &AppState, tx: &mut db::Tx, id: i64, lang: Option<Lang>) -> anyhow::Result<Sent> {
    let application: ApplicationRow = sqlx::query_as(
        "SELECT public_id, kind, version, state, CAST(answers AS TEXT), reference FROM applications WHERE id = $1",
    )
    .bind(id)
    .fetch_one(&mut **tx)
    .await?;
    let (public_id, kind, version, current, answers, reference) = application;
    let current = State::from_code(&current).unwrap_or(State::Draft);
    if current == State::Sent {
        return Ok(Sent::Already);
    }
    let (Some(reference), true) = (reference, current.can_move_to(State::Sent)) else { return Ok(Sent::NotReady) };
    let payment: Option<PaymentRow> = sqlx::query_as(
        "SELECT provider, transaction_id, reference, amount_cents, currency, fee_category, paid_at, payer_organisation
         FROM payments WHERE application_id = $1 AND state = 'paid' AND refund_due = 0",
    )
    .bind(id)
    .fetch_optional(&mut **tx)
    .await?;
    let Some(payment) = payment else { return Ok(Sent::NotReady) };
    // The owner: the message goes to them, in the language of their messages.
    let (email, language, paid_in): (String, String, Option<String>) = sqlx::query_as(
        "SELECT u.email, u.language,
             (SELECT p.language FROM payments p WHERE p.application_id = a.id AND p.state = 'paid' AND p.refund_due = 0)
         FROM users u JOIN applications a ON a.user_id = u.id WHERE a.id = $1",
    )
    .bind(id)
    .fetch_one(&mut **tx)
    .await?;
    let language = Lang::from_code(&language).unwrap_or_default();
    let lang = lang.or_else(|| paid_in.as_deref().and_then(Lang::from_code)).unwrap_or(language);
    let files: Vec<FileRow> = sqlx::query_as(
        "SELECT public_id, requirement, display_name, content_type, size_bytes, sha256
         FROM attachment_files WHERE application_id = $1 ORDER BY id",
    )
    .bind(id)
    .fetch_all(&mut **tx)
    .await?;
    let Some(def) = state.catalogue.form(&kind, u32::try_from(version)?) else {
        anyhow::bail!("application {id} names a form that is not in the catalogue");
    };
    let now = state.clock.now();
    let parts =
        Parts { public_id: &public_id, reference: &reference, lang, answers: serde_json::from_str(&answers)?, now };
    let document = document(state, def, parts, payment, files);
    let changed = sqlx::query(
        "UPDATE applications SET state = $1, sent_at = $2, updated_at = $3, revision = revision + 1
         WHERE id = $4 AND state = $5",
    )
    .bind(State::Sent.code())
    .bind(state.clock.now_millis())
    .bind(now)
    .bind(id)
    .bind(current.code())
    .execute(&mut **tx)
    .await?;
    anyhow::ensure!(changed.rows_affected() == 1, "the locked application {id} did not change");
    let give_up = state.case_backend.as_ref().map_or(DEFAULT_GIVE_UP, |c| c.settings.give_up);
    let payload = serde_json::to_string(&document)?;
    let key = delivery_key(&public_id);
    queue::enqueue(&mut **tx, &state.clock, DeliveryJob::CODE, &key, &payload, Limit::For(give_up)).await?;
    // The applicant's mailbox confirms it too: no reference, name or link in it, as in every
    // message of the portal; what was sent is in the service.
    let day = crate::domain::date::Date::from_unix_seconds(now).display();
    let mail = crate::server::mail::Outgoing::translated(&email, language, "mail-sent", &[("date", &day)]);
    crate::server::mail::queue_on(&mut **tx, state, mail).await?;
    tracing::info!(application = id, "an application was sent; its delivery and the applicant's message are queued");
    Ok(Sent::Now)
}

/// The queue's de-duplication key of an application's delivery.
fn delivery_key(public_id: &str) -> String {
    format!("delivery:{public_id}")
}

/// What the document is made of besides the rows.
struct Parts<'a> {
    public_id: &'a str,
    reference: &'a str,
    lang: Lang,
    answers: Answers,
    /// Unix seconds of the sending.
    now: i64,
}

fn document(
    state: &AppState,
    def: &crate::forms::definition::FormDef,
    parts: Parts,
    payment: PaymentRow,
    files: Vec<FileRow>,
) -> ApplicationDocument {
    let (provider, transaction_id, payment_reference, amount_cents, currency, fee_category, paid_at, organisation) =
        payment;
    let today = crate::domain::date::Date::from_unix_seconds(parts.now);
    let answer = |question: &str| parts.answers.get(question).unwrap_or_default().to_string();
    let iso = super::payments::provider::iso_time;
    let portal = state.case_backend.as_ref().map_or(&state.config.public_url, |c| &c.settings.files_url);
    let files_base = format!("{portal}{}", contract::FILES_PATH);
    ApplicationDocument {
        contract: contract::VERSION,
        id: parts.public_id.to_string(),
        reference: parts.reference.to_string(),
        kind: def.kind.to_string(),
        form: contract::FormVersion { kind: def.kind.to_string(), version: def.version },
        language: parts.lang.code().to_string(),
        sent_at: iso(parts.now),
        applicant: contract::Applicant {
            surname: answer("surname"),
            given_names: answer("given-names"),
            birth_date: answer("birth-date"),
            citizenship: answer("citizenship"),
            identity_code: parts.answers.get("identity-code").map(str::to_string),
            email: answer("email"),
            service_point: answer("service-point"),
        },
        sections: crate::forms::derive::document(def, &parts.answers, today).sections,
        fee: contract::Fee { category: fee_category, amount_cents, currency },
        payment: contract::PaymentRecord {
            provider,
            transaction_id: transaction_id.unwrap_or_default(),
            reference: payment_reference,
            amount_cents,
            paid_at: iso(paid_at.unwrap_or(parts.now)),
            payer: if organisation.is_some() { "organisation" } else { "applicant" }.to_string(),
            organisation,
        },
        attachments: files
            .into_iter()
            .map(|(id, requirement, name, content_type, size_bytes, sha256)| contract::Attachment {
                href: format!("{files_base}/{id}"),
                id,
                requirement,
                name,
                content_type,
                size_bytes,
                sha256,
            })
            .collect(),
    }
}

/// The job that delivers a sent application's document to the case backend.
pub struct DeliveryJob;

impl DeliveryJob {
    pub const CODE: &'static str = "delivery";
}

#[async_trait::async_trait]
impl JobKind for DeliveryJob {
    fn code(&self) -> &'static str {
        Self::CODE
    }

    fn errors(&self) -> &'static [&'static str] {
        &[
            "no-backend",
            "document-unreadable",
            "backend-timeout",
            "backend-unreachable",
            "backend-connection",
            "answer-cut-off",
            "not-a-receipt",
            "receipt-not-recorded",
            "backend-status",
            "backend-redirect",
        ]
    }

    fn runs_here(&self, state: &AppState) -> bool {
        state.case_backend.is_some()
    }

    async fn run(&self, state: &AppState, job: &Job) -> Outcome {
        deliver(state, job).await
    }
}

/// Delivers a queued document to the case backend. Every answer but a well-formed receipt is a
/// failure: a redirect (not followed), a time-out, a cut or malformed body; a refusal that no
/// retry can mend (a 4xx other than 408, 425 and 429) is dead-lettered at once.
async fn deliver(state: &AppState, job: &Job) -> Outcome {
    let Some(backend) = &state.case_backend else {
        return Outcome::Retry { error: JobError::new("no-backend"), after: None };
    };
    let Ok(document) = serde_json::from_str::<ApplicationDocument>(&job.payload) else {
        return Outcome::Fail(JobError::new("document-unreadable"));
    };
    let now = state.clock.now();
    let url = format!("{}{}", backend.settings.url, contract::APPLICATIONS_PATH);
    let request = backend
        .client
        .post(url)
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .header(contract::IDEMPOTENCY_HEADER, &document.id)
        .header(contract::TIMESTAMP_HEADER, now.to_string())
        .header(contract::SIGNATURE_HEADER, contract::sign(&backend.settings.secret.0, now, job.payload.as_bytes()))
        .body(job.payload.clone());
    let response = match request.send().await {
        Ok(response) => response,
        Err(error) => return Outcome::Retry { error: transport_error(&error), after: None },
    };
    let status = response.status();
    if status.is_success() {
        let receipt = match response.bytes().await {
            Ok(body) => serde_json::from_slice::<contract::Receipt>(&body).ok().filter(|r| !r.case_id.is_empty()),
            Err(error) if error.is_timeout() => return Outcome::Retry { error: transport_error(&error), after: None },
            Err(_) => return Outcome::Retry { error: JobError::new("answer-cut-off"), after: None },
        };
        let Some(receipt) = receipt else {
            return Outcome::Retry { error: JobError::with("not-a-receipt", status.as_u16()), after: None };
        };
        return match mark_received(&state.db, &state.clock, &document.id, &receipt.case_id).await {
            Ok(()) => Outcome::Done,
            Err(error) => {
                tracing::error!(%error, "a receipt could not be recorded");
                Outcome::Retry { error: JobError::new("receipt-not-recorded"), after: None }
            }
        };
    }
    let code = status.as_u16();
    match code {
        300..=399 => Outcome::Retry { error: JobError::with("backend-redirect", code), after: None },
        408 | 425 | 429 | 500..=599 => {
            Outcome::Retry { after: retry_after(response.headers()), error: JobError::with("backend-status", code) }
        }
        _ => Outcome::Fail(JobError::with("backend-status", code)),
    }
}

/// A transport failure, naming no address or data.
fn transport_error(error: &reqwest::Error) -> JobError {
    JobError::new(if error.is_timeout() {
        "backend-timeout"
    } else if error.is_connect() {
        "backend-unreachable"
    } else {
        "backend-connection"
    })
}

/// A `Retry-After` of whole seconds (the form the contract uses).
fn retry_after(headers: &reqwest::header::HeaderMap) -> Option<Duration> {
    let seconds: u64 = headers.get(reqwest::header::RETRY_AFTER)?.to_str().ok()?.trim().parse().ok()?;
    Some(Duration::from_secs(seconds))
}

/// Records the backend's receipt of the application `public_id`, once.
async fn mark_received(pool: &Pool, clock: &Clock, public_id: &str, case_id: &str) -> anyhow::Result<()> {
    sqlx::query("UPDATE applications SET received_at = $2, case_id = $3 WHERE public_id = $1 AND received_at IS NULL")
        .bind(public_id)
        .bind(clock.now_millis())
        .bind(case_id)
        .execute(pool)
        .await?;
    Ok(())
}

/// Retention, part one: a sent application's files go from the portal once the case backend
/// fetched them and `grace` has passed (the rows go here; the scheduled cleanup then removes
/// the stored files no row names). How many rows went.
pub async fn forget_fetched_files(pool: &Pool, clock: &Clock, grace: Duration) -> anyhow::Result<u64> {
    let cutoff = clock.now_millis() - i64::try_from(grace.as_millis()).unwrap_or(i64::MAX / 2);
    let gone = sqlx::query(
        "DELETE FROM attachment_files WHERE fetched_at IS NOT NULL AND fetched_at <= $1
         AND application_id IN (SELECT id FROM applications WHERE state = $2)",
    )
    .bind(cutoff)
    .bind(State::Sent.code())
    .execute(pool)
    .await?;
    Ok(gone.rows_affected())
}

/// Retention, part two: the answers of a sent application are kept `days` after the case
/// backend received it (which holds the case from then on); then only what the applicant's
/// list shows stays (type, reference, dates). How many were cleared.
pub async fn forget_received_answers(pool: &Pool, clock: &Clock, days: i64) -> anyhow::Result<u64> {
    let now = clock.now();
    let cleared = sqlx::query(&format!(
        "UPDATE applications SET answers = {}, updated_at = $2
         WHERE state = $4 AND received_at <= $3 AND updated_at * 1000 <= received_at",
        db::json_param(db::Dialect::of(pool), "$1")
    ))
    .bind(serde_json::to_string(&Answers::default())?)
    .bind(now)
    .bind((now - days * 86_400) * 1000)
    .bind(State::Sent.code())
    .execute(pool)
    .await?;
    Ok(cleared.rows_affected())
}

/// A delivery that has failed at least once and is not done.
pub struct FailingDelivery {
    pub job_id: i64,
    /// The application's reference, which staff and the applicant quote.
    pub reference: String,
    /// When it was queued (the application sent), Unix milliseconds.
    pub queued_at: i64,
}

/// The deliveries that have failed and are not done, oldest first.
pub async fn failing_deliveries(pool: &Pool) -> anyhow::Result<Vec<FailingDelivery>> {
    let rows: Vec<(i64, Option<String>, i64)> = sqlx::query_as(
        "SELECT j.id, a.reference, j.created_at FROM job_queue j
         JOIN applications a ON j.dedup_key = 'delivery:' || a.public_id
         WHERE j.kind = 'delivery' AND j.state <> 'done' AND j.last_error IS NOT NULL
         ORDER BY j.created_at",
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(job_id, reference, queued_at)| FailingDelivery {
            job_id,
            reference: reference.unwrap_or_default(),
            queued_at,
        })
        .collect())
}

/// How long a delivery may keep failing before staff are warned.
pub fn warn_after(state: &AppState) -> Duration {
    state.case_backend.as_ref().map_or(DEFAULT_WARN_AFTER, |backend| backend.settings.warn_after)
}

/// The references of the deliveries among `failing` that have kept failing longer than
/// [`warn_after`].
pub fn failing_long(state: &AppState, failing: &[FailingDelivery]) -> Vec<String> {
    let since = state.clock.now_millis() - i64::try_from(warn_after(state).as_millis()).unwrap_or(i64::MAX / 2);
    failing.iter().filter(|delivery| delivery.queued_at <= since).map(|delivery| delivery.reference.clone()).collect()
}

/// How many sent applications the case backend has not confirmed yet.
pub async fn awaiting_receipt(pool: &Pool) -> anyhow::Result<i64> {
    let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM applications WHERE state = $1 AND received_at IS NULL")
        .bind(State::Sent.code())
        .fetch_one(pool)
        .await?;
    Ok(count)
}
