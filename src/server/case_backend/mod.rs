//! The case backend's room: the contract ([`contract`]), the delivery of sent applications as a
//! job of the queue ([`DeliveryJob`], signed, with the same `Idempotency-Key` on every
//! attempt, so a retry after a lost answer never makes a second case), the backend's signed
//! fetch of a sent application's files, and the staff's page of the forwarding's state
//! ([`web`]). The backend's receipt marks the application received. Sending itself (what goes,
//! and when) is `server::sending`'s.

pub mod contract;
pub mod web;

use crate::server::applications::drafts;
use crate::server::config::CaseBackendSettings;
use crate::server::db::{self, Pool};
use crate::server::queue::{self, Job, JobError, JobKind, Limit, Outcome};
use crate::server::AppState;
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

/// How long a delivery is tried, and how long it may fail before staff are warned, when no case
/// backend is configured yet (`CaseBackendSettings` has them otherwise).
const DEFAULT_GIVE_UP: Duration = Duration::from_secs(72 * 3600);
const DEFAULT_WARN_AFTER: Duration = Duration::from_secs(3600);

/// The queue's de-duplication keys of deliveries: this, then the application's public id.
const DELIVERY_KEY_PREFIX: &str = "delivery:";

/// Queues the delivery of `document` on `tx`, the transaction that sends its application: the
/// two happen together or not at all. The caller rings the queue's bell after its commit.
pub async fn queue_delivery(state: &AppState, tx: &mut db::Tx, document: &ApplicationDocument) -> anyhow::Result<()> {
    let give_up = state.case_backend.as_ref().map_or(DEFAULT_GIVE_UP, |c| c.settings.give_up);
    let payload = serde_json::to_string(document)?;
    let key = format!("{DELIVERY_KEY_PREFIX}{}", document.id);
    queue::enqueue(&mut **tx, &state.clock, DeliveryJob::CODE, &key, &payload, Limit::For(give_up)).await?;
    Ok(())
}

/// The queue's de-duplication keys of the employer's parts' deliveries: this, then the part's
/// public id.
const TERMS_KEY_PREFIX: &str = "terms-delivery:";

/// Queues the delivery of the employer's part `document` on `tx`, the transaction that sends
/// it. The caller rings the queue's bell after its commit.
pub async fn queue_terms_delivery(
    state: &AppState,
    tx: &mut db::Tx,
    document: &contract::TermsDocument,
) -> anyhow::Result<()> {
    let give_up = state.case_backend.as_ref().map_or(DEFAULT_GIVE_UP, |c| c.settings.give_up);
    let payload = serde_json::to_string(document)?;
    let key = format!("{TERMS_KEY_PREFIX}{}", document.id);
    queue::enqueue(&mut **tx, &state.clock, TermsDeliveryJob::CODE, &key, &payload, Limit::For(give_up)).await?;
    Ok(())
}

/// The job that delivers the employer's part of a sent application: once the application's
/// own receipt gave its case, the part is posted with that case, signed, and its receipt
/// recorded as the part's.
pub struct TermsDeliveryJob;

impl TermsDeliveryJob {
    pub const CODE: &'static str = "terms-delivery";
}

#[async_trait::async_trait]
impl JobKind for TermsDeliveryJob {
    fn code(&self) -> &'static str {
        Self::CODE
    }

    /// A delivery's, and the wait for the application's own receipt.
    fn errors(&self) -> &'static [&'static str] {
        const ERRORS: [&str; 11] = posting_and("application-not-received");
        &ERRORS
    }

    fn runs_here(&self, state: &AppState) -> bool {
        state.case_backend.is_some()
    }

    async fn run(&self, state: &AppState, job: &Job) -> Outcome {
        deliver_terms(state, job).await
    }
}

async fn deliver_terms(state: &AppState, job: &Job) -> Outcome {
    let Some(backend) = &state.case_backend else {
        return Outcome::Retry { error: JobError::new("no-backend"), after: None };
    };
    let Ok(mut document) = serde_json::from_str::<contract::TermsDocument>(&job.payload) else {
        return Outcome::Fail(JobError::new("document-unreadable"));
    };
    // The application goes first: its case is what the terms are filed with.
    let case = drafts::sent_case(&state.db, &document.application_id).await;
    let Ok(Some((_, Some(case_id)))) = case else {
        return Outcome::Retry { error: JobError::new("application-not-received"), after: None };
    };
    document.case_id = case_id;
    let Ok(payload) = serde_json::to_string(&document) else {
        return Outcome::Fail(JobError::new("document-unreadable"));
    };
    let receipt = match post_signed(backend, &state.clock, contract::TERMS_PATH, &document.id, &payload).await {
        Ok(receipt) => receipt,
        Err(outcome) => return outcome,
    };
    match drafts::mark_received(&state.db, &state.clock, &document.id, &receipt.case_id).await {
        Ok(()) => Outcome::Done,
        Err(error) => {
            tracing::error!(%error, "a receipt of an employer's part could not be recorded");
            Outcome::Retry { error: JobError::new("receipt-not-recorded"), after: None }
        }
    }
}

/// Where the backend fetches a sent application's files: the address it was given for them,
/// or the portal's own.
pub fn files_base(state: &AppState) -> String {
    let portal = state.case_backend.as_ref().map_or(&state.config.public_url, |c| &c.settings.files_url);
    format!("{portal}{}", contract::FILES_PATH)
}

/// The errors of a signed post of a queued document to the backend ([`post_signed`]), and
/// of reading its payload.
const POSTING: [&str; 10] = [
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
];

/// [`POSTING`]'s errors and one of a kind's own.
const fn posting_and(own: &'static str) -> [&'static str; 11] {
    let mut all = [own; 11];
    let mut at = 0;
    while at < POSTING.len() {
        all[at] = POSTING[at];
        at += 1;
    }
    all[POSTING.len()] = own;
    all
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
        const ERRORS: [&str; 11] = posting_and("payment-record-incomplete");
        &ERRORS
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
    // A payment record without its id or time is not sent with a stand-in: the delivery waits
    // (until its give-up time) and the operations page names the field.
    if let Some(field) = document.payment.missing() {
        return Outcome::Retry { error: JobError::with("payment-record-incomplete", field), after: None };
    }
    let receipt =
        match post_signed(backend, &state.clock, contract::APPLICATIONS_PATH, &document.id, &job.payload).await {
            Ok(receipt) => receipt,
            Err(outcome) => return outcome,
        };
    match drafts::mark_received(&state.db, &state.clock, &document.id, &receipt.case_id).await {
        Ok(()) => Outcome::Done,
        Err(error) => {
            tracing::error!(%error, "a receipt could not be recorded");
            Outcome::Retry { error: JobError::new("receipt-not-recorded"), after: None }
        }
    }
}

/// Posts the queued document of `job` (a `T`, keyed by `id`) to the backend's `path`, signed:
/// the document, once the backend's receipt came; the job's outcome otherwise (no backend yet,
/// a payload that is no `T`, or the post's failure).
pub async fn post_queued<T: serde::de::DeserializeOwned>(
    state: &AppState,
    job: &Job,
    path: &str,
    id: fn(&T) -> &str,
) -> Result<T, Outcome> {
    let Some(backend) = &state.case_backend else {
        return Err(Outcome::Retry { error: JobError::new("no-backend"), after: None });
    };
    let Ok(document) = serde_json::from_str::<T>(&job.payload) else {
        return Err(Outcome::Fail(JobError::new("document-unreadable")));
    };
    post_signed(backend, &state.clock, path, id(&document), &job.payload).await?;
    Ok(document)
}

/// Posts `payload` to the backend's `path`, signed, with `key` as its `Idempotency-Key`: the
/// backend's receipt, or the job's outcome when there is none. Every answer but a well-formed
/// receipt is a failure: a redirect (not followed), a time-out, a cut or malformed body; a
/// refusal that no retry can mend (a 4xx other than 408, 425 and 429) is final.
pub async fn post_signed(
    backend: &CaseBackend,
    clock: &crate::server::clock::Clock,
    path: &str,
    key: &str,
    payload: &str,
) -> Result<contract::Receipt, Outcome> {
    let now = clock.now();
    let request = backend
        .client
        .post(format!("{}{path}", backend.settings.url))
        .header(reqwest::header::CONTENT_TYPE, "application/json")
        .header(contract::IDEMPOTENCY_HEADER, key)
        .header(contract::TIMESTAMP_HEADER, now.to_string())
        .header(contract::SIGNATURE_HEADER, contract::sign(&backend.settings.secret.0, now, payload.as_bytes()))
        .body(payload.to_string());
    let response = match request.send().await {
        Ok(response) => response,
        Err(error) => return Err(Outcome::Retry { error: transport_error(&error), after: None }),
    };
    let status = response.status();
    if status.is_success() {
        let receipt = match response.bytes().await {
            Ok(body) => serde_json::from_slice::<contract::Receipt>(&body).ok().filter(|r| !r.case_id.is_empty()),
            Err(error) if error.is_timeout() => {
                return Err(Outcome::Retry { error: transport_error(&error), after: None })
            }
            Err(_) => return Err(Outcome::Retry { error: JobError::new("answer-cut-off"), after: None }),
        };
        return receipt
            .ok_or_else(|| Outcome::Retry { error: JobError::with("not-a-receipt", status.as_u16()), after: None });
    }
    Err(refused(&response))
}

/// The outcome of an answer that is not a success: a redirect (not followed), a status worth
/// trying again (408, 425, 429, 5xx, after its `Retry-After`), or a refusal no retry mends.
fn refused(response: &reqwest::Response) -> Outcome {
    let code = response.status().as_u16();
    match code {
        300..=399 => Outcome::Retry { error: JobError::with("backend-redirect", code), after: None },
        408 | 425 | 429 | 500..=599 => {
            Outcome::Retry { after: retry_after(response.headers()), error: JobError::with("backend-status", code) }
        }
        _ => Outcome::Fail(JobError::with("backend-status", code)),
    }
}

/// Fetches the backend's `path`, signed as a fetch of a file is (`GET {path}`, the path as the
/// backend sees it): its body, cut off as `too-large` past `max` bytes, or the job's outcome
/// when there is none. The errors are [`DeliveryJob`]'s, and `too-large`.
pub async fn get_signed(
    backend: &CaseBackend,
    clock: &crate::server::clock::Clock,
    path: &str,
    max: usize,
) -> Result<Vec<u8>, Outcome> {
    let address = format!("{}{path}", backend.settings.url);
    let signed_path = url::Url::parse(&address).map(|url| url.path().to_string()).unwrap_or_else(|_| path.into());
    let now = clock.now();
    let request = backend.client.get(&address).header(contract::TIMESTAMP_HEADER, now.to_string()).header(
        contract::SIGNATURE_HEADER,
        contract::sign(&backend.settings.secret.0, now, &contract::fetch_message(&signed_path)),
    );
    let mut response = match request.send().await {
        Ok(response) if response.status().is_success() => response,
        Ok(response) => return Err(refused(&response)),
        Err(error) => return Err(Outcome::Retry { error: transport_error(&error), after: None }),
    };
    let mut body = Vec::new();
    loop {
        match response.chunk().await {
            Ok(Some(chunk)) if body.len() + chunk.len() > max => {
                return Err(Outcome::Retry { error: JobError::new("too-large"), after: None })
            }
            Ok(Some(chunk)) => body.extend_from_slice(&chunk),
            Ok(None) => return Ok(body),
            Err(error) if error.is_timeout() => {
                return Err(Outcome::Retry { error: transport_error(&error), after: None })
            }
            Err(_) => return Err(Outcome::Retry { error: JobError::new("answer-cut-off"), after: None }),
        }
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
    let failing = queue::failing(pool, DeliveryJob::CODE).await?;
    let applications: Vec<String> =
        failing.iter().filter_map(|job| job.dedup_key.strip_prefix(DELIVERY_KEY_PREFIX).map(str::to_string)).collect();
    let references = drafts::references(pool, &applications).await?;
    Ok(failing
        .into_iter()
        .map(|job| FailingDelivery {
            job_id: job.id,
            reference: job
                .dedup_key
                .strip_prefix(DELIVERY_KEY_PREFIX)
                .and_then(|application| references.get(application).cloned())
                .unwrap_or_default(),
            queued_at: job.created_at,
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
