//! The case-backend simulator: a small server of the contract in `docs/case-backend.md`, for
//! the local run (`scripts/run.sh` wires the portal to it) and the tests.
//!
//! It does what the real backend must: checks each delivery's signature and timestamp,
//! de-duplicates by `Idempotency-Key`, fetches every attachment through its signed link and
//! checks its SHA-256 and size, stores the case and answers with a receipt. Its page (`/`)
//! lists the cases received; `/cases.json` and `/stats.json` give the same to tests. A fault
//! mode, set at start (`CASE_SIM_FAULT`) or at any time (`POST /control/fault`, form fields
//! `mode` and optionally `rate`), makes deliveries fail the ways a real backend can:
//!
//! - `none`: answers as it should
//! - `error`: 500 · `unavailable`: 503 with `Retry-After: 1` · `redirect`: 307 elsewhere
//! - `slow`: answers after `CASE_SIM_SLOW_SECONDS` (2) · `hang`: never answers
//! - `reset`: resets the connection before reading the request
//! - `partial`: stores the case, then cuts its answer off mid-body (the answer is lost)
//! - `flaky`: a share (`rate`, 0.3) of deliveries fail as error, unavailable, partial or reset,
//!   or are slow
//!
//! As a case handler would, it reports on its cases to the portal: on its page each case has a
//! form to send an event (received, identity visit needed, in processing), and tests post the
//! same form (`POST /control/cases/{case_id}/events`, fields `type` and for a visit optionally
//! `service_point` and `by`), each event signed and sent to the portal's events address; the
//! page and `/events.json` list what was sent and what the portal answered. A decision
//! (`decision-made`, field `text` for its wording) comes with a generated PDF that the portal
//! fetches (`GET /v1/decisions/{id}`, signed); the portal's reports of how it was served
//! (`POST /v1/decision-reports`: first opened, or not opened in 7 days) are listed on the page
//! and in `/decision-reports.json`. An employer's terms of employment (`POST
//! /v1/employment-terms`, contract 2) join the case of the application they name, their files
//! fetched and checked as a delivery's; the page and `/employment-terms.json` list them.
//!
//! Settings: `CASE_SIM_BIND` (127.0.0.1:3400), `CASE_SIM_SECRET` (the portal's
//! `PORTAL_CASE_BACKEND_SECRET`), `CASE_SIM_PORTAL_URL` (where the portal takes events; else the
//! address the case's attachments came from). Listens on loopback unless told otherwise.

use axum::body::{Body, Bytes};
use axum::extract::{Form, Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use portal::server::case_backend::contract::{
    self, ApplicationDocument, DecisionNotice, DecisionReport, Event, EventKind, IdentityVisit, InformationRequest,
    Question, Receipt,
};
use rand::Rng;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::net::{TcpListener, TcpStream};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Fault {
    None,
    Error,
    Unavailable,
    Redirect,
    Slow,
    Hang,
    Reset,
    Partial,
    Flaky,
}

impl Fault {
    fn parse(mode: &str) -> Option<Fault> {
        serde_json::from_value(serde_json::Value::String(mode.to_string())).ok()
    }
}

/// A case as stored: the document, and what the fetch of each attachment found.
#[derive(Clone, Serialize)]
struct Case {
    case_id: String,
    idempotency_key: String,
    received_at: String,
    body_sha256: String,
    /// Per attachment id: the fetched bytes' SHA-256 matched the document's, and the size.
    attachments_verified: HashMap<String, bool>,
    document: ApplicationDocument,
}

#[derive(Default, Serialize)]
struct Stats {
    deliveries: u64,
    stored: u64,
    duplicates: u64,
    refused_signature: u64,
    refused_timestamp: u64,
    refused_document: u64,
    conflicts: u64,
    faults: u64,
    attachments_fetched: u64,
}

/// An event sent to the portal, and its answer.
#[derive(Clone, Serialize)]
struct SentEvent {
    case_id: String,
    event: Event,
    /// The portal's status code; 0 when it could not be reached.
    status: u16,
}

struct Sim {
    secret: String,
    /// Where the portal takes events, when set (`CASE_SIM_PORTAL_URL`).
    portal: Option<String>,
    events: Mutex<Vec<SentEvent>>,
    replies: Mutex<Vec<Reply>>,
    terms: Mutex<Vec<TermsReceived>>,
    /// The decisions' documents by decision id, and the portal's reports of their serving.
    decisions: Mutex<HashMap<String, Vec<u8>>>,
    reports: Mutex<Vec<ReportReceived>>,
    slow: Duration,
    fault: Mutex<(Fault, f64)>,
    cases: Mutex<Vec<Case>>,
    stats: Mutex<Stats>,
    client: reqwest::Client,
}

type Shared = Arc<Sim>;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let env = |name: &str, default: &str| std::env::var(name).unwrap_or_else(|_| default.to_string());
    let bind = env("CASE_SIM_BIND", "127.0.0.1:3400");
    let secret = std::env::var("CASE_SIM_SECRET").map_err(|_| anyhow::anyhow!("CASE_SIM_SECRET must be set"))?;
    let fault =
        Fault::parse(&env("CASE_SIM_FAULT", "none")).ok_or_else(|| anyhow::anyhow!("unknown CASE_SIM_FAULT"))?;
    let slow = Duration::from_secs(env("CASE_SIM_SLOW_SECONDS", "2").parse()?);
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(30))
        .redirect(reqwest::redirect::Policy::none())
        .build()?;
    let portal = std::env::var("CASE_SIM_PORTAL_URL").ok().filter(|url| !url.is_empty());
    let sim = Arc::new(Sim {
        secret,
        portal,
        events: Mutex::default(),
        replies: Mutex::default(),
        terms: Mutex::default(),
        decisions: Mutex::default(),
        reports: Mutex::default(),
        slow,
        fault: Mutex::new((fault, 0.3)),
        cases: Mutex::default(),
        stats: Mutex::default(),
        client,
    });
    let app = Router::new()
        .route("/", get(page))
        .route("/cases.json", get(cases))
        .route("/stats.json", get(stats))
        .route("/control/fault", post(set_fault))
        .route("/control/cases/{case_id}/events", post(send_event))
        .route("/events.json", get(events))
        .route("/replies.json", get(replies))
        .route(contract::REPLIES_PATH, post(take_reply))
        .route(contract::TERMS_PATH, post(take_terms))
        .route("/employment-terms.json", get(terms))
        .route(&format!("{}/{{decision_id}}", contract::DECISIONS_PATH), get(decision_document))
        .route(contract::DECISION_REPORTS_PATH, post(take_report))
        .route("/decision-reports.json", get(reports))
        .route(contract::APPLICATIONS_PATH, post(deliver))
        .with_state(sim.clone());
    let listener = TcpListener::bind(&bind).await?;
    println!("The case-backend simulator is running at http://{}/", listener.local_addr()?);
    axum::serve(Resetting { listener, sim }, app).await?;
    Ok(())
}

/// The listener: in `reset` mode (or a flaky draw of it) a delivery's connection is reset
/// before its request is read. It peeks at the request line to tell a delivery from a visit to
/// the page. Every answer closes its connection, so each request comes through here.
struct Resetting {
    listener: TcpListener,
    sim: Shared,
}

impl axum::serve::Listener for Resetting {
    type Io = TcpStream;
    type Addr = std::net::SocketAddr;

    async fn accept(&mut self) -> (TcpStream, std::net::SocketAddr) {
        loop {
            let Ok((stream, addr)) = self.listener.accept().await else { continue };
            let mut start = [0u8; 24];
            let peeked = tokio::time::timeout(Duration::from_secs(1), stream.peek(&mut start)).await;
            let delivery = matches!(peeked, Ok(Ok(n)) if start[..n].starts_with(b"POST /v1/applications"));
            if delivery && self.sim.draw() == Some(Fault::Reset) {
                self.sim.stats.lock().unwrap().faults += 1;
                let _ = stream.set_zero_linger();
                drop(stream);
                continue;
            }
            return (stream, addr);
        }
    }

    fn local_addr(&self) -> std::io::Result<std::net::SocketAddr> {
        self.listener.local_addr()
    }
}

impl Sim {
    /// The fault for this request: the set one, or for `flaky` one drawn at its rate. Reset is
    /// drawn at the listener, the rest in the handler; each draws on its own.
    fn draw(&self) -> Option<Fault> {
        let (fault, rate) = *self.fault.lock().unwrap();
        match fault {
            Fault::None => None,
            Fault::Flaky => {
                let mut rng = rand::rng();
                rng.random_bool(rate.clamp(0.0, 1.0) / 2.0).then(|| {
                    [Fault::Error, Fault::Unavailable, Fault::Partial, Fault::Reset, Fault::Slow]
                        [rng.random_range(0..5)]
                })
            }
            other => Some(other),
        }
    }
}

fn closing(mut response: Response) -> Response {
    response.headers_mut().insert(header::CONNECTION, header::HeaderValue::from_static("close"));
    response
}

async fn deliver(State(sim): State<Shared>, headers: HeaderMap, body: Bytes) -> Response {
    closing(take_delivery(&sim, &headers, &body).await)
}

async fn take_delivery(sim: &Sim, headers: &HeaderMap, body: &Bytes) -> Response {
    sim.stats.lock().unwrap().deliveries += 1;
    let fault = sim.draw().filter(|fault| *fault != Fault::Reset);
    if fault.is_some() {
        sim.stats.lock().unwrap().faults += 1;
    }
    match fault {
        Some(Fault::Error) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        Some(Fault::Unavailable) => {
            return (StatusCode::SERVICE_UNAVAILABLE, [(header::RETRY_AFTER, "1")]).into_response();
        }
        Some(Fault::Redirect) => {
            return (StatusCode::TEMPORARY_REDIRECT, [(header::LOCATION, "http://127.0.0.1:9/v1/applications")])
                .into_response();
        }
        Some(Fault::Hang) => {
            tokio::time::sleep(Duration::from_secs(3600)).await;
        }
        Some(Fault::Slow) => tokio::time::sleep(sim.slow).await,
        _ => {}
    }
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
    let key = match signed_key(sim, headers, body, now) {
        Ok(key) => key,
        Err(refusal) => return refusal.into_response(),
    };
    let document = match serde_json::from_slice::<ApplicationDocument>(body) {
        Ok(document) if document.payment.missing().is_none() => document,
        Ok(document) => {
            sim.stats.lock().unwrap().refused_document += 1;
            let field = document.payment.missing().unwrap_or_default();
            return (StatusCode::UNPROCESSABLE_ENTITY, format!("the payment record has no {field}")).into_response();
        }
        Err(error) => {
            sim.stats.lock().unwrap().refused_document += 1;
            return (StatusCode::UNPROCESSABLE_ENTITY, format!("not an application document: {error}")).into_response();
        }
    };
    let body_sha256 = hex::encode(Sha256::digest(body));
    if let Some(seen) = sim.cases.lock().unwrap().iter().find(|case| case.idempotency_key == key) {
        if seen.body_sha256 != body_sha256 {
            sim.stats.lock().unwrap().conflicts += 1;
            return (StatusCode::CONFLICT, "the key was used with another document").into_response();
        }
        sim.stats.lock().unwrap().duplicates += 1;
        return Json(Receipt { case_id: seen.case_id.clone(), received_at: seen.received_at.clone() }).into_response();
    }
    let mut verified = HashMap::new();
    for attachment in &document.attachments {
        match fetch(sim, &attachment.href, now).await {
            Ok(bytes) => {
                sim.stats.lock().unwrap().attachments_fetched += 1;
                let matches = hex::encode(Sha256::digest(&bytes)) == attachment.sha256
                    && i64::try_from(bytes.len()).ok() == Some(attachment.size_bytes);
                verified.insert(attachment.id.clone(), matches);
            }
            // The case is not taken without its files: the portal is to try again.
            Err(_) => return (StatusCode::SERVICE_UNAVAILABLE, [(header::RETRY_AFTER, "2")]).into_response(),
        }
    }
    let receipt = {
        let mut cases = sim.cases.lock().unwrap();
        // Two deliveries of one key at once: the first stored wins, the other is a duplicate.
        if let Some(seen) = cases.iter().find(|case| case.idempotency_key == key) {
            Receipt { case_id: seen.case_id.clone(), received_at: seen.received_at.clone() }
        } else {
            let receipt = Receipt {
                case_id: format!("SIM-{:06}", cases.len() + 1),
                received_at: portal::server::payments::provider::iso_time(now),
            };
            cases.push(Case {
                case_id: receipt.case_id.clone(),
                idempotency_key: key,
                received_at: receipt.received_at.clone(),
                body_sha256,
                attachments_verified: verified,
                document,
            });
            sim.stats.lock().unwrap().stored += 1;
            receipt
        }
    };
    let answer = serde_json::to_vec(&receipt).expect("a receipt serialises");
    if fault == Some(Fault::Partial) {
        // Stored, then the answer is cut: the portal must retry, and the retry is a duplicate.
        use futures::StreamExt;
        let half = Bytes::copy_from_slice(&answer[..answer.len() / 2]);
        let chunks =
            futures::stream::once(async { Ok::<_, std::io::Error>(half) }).chain(futures::stream::once(async {
                // Long enough for the status and the first half to be on their way.
                tokio::time::sleep(Duration::from_millis(100)).await;
                Err(std::io::Error::new(std::io::ErrorKind::ConnectionReset, "cut off"))
            }));
        return Response::builder()
            .status(StatusCode::CREATED)
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::CONTENT_LENGTH, answer.len())
            .body(Body::from_stream(chunks))
            .expect("a response");
    }
    (StatusCode::CREATED, [(header::CONTENT_TYPE, "application/json")], answer).into_response()
}

/// The `Idempotency-Key` of a request signed with the shared secret within the tolerance; the
/// refusal (counted) otherwise.
fn signed_key(sim: &Sim, headers: &HeaderMap, body: &[u8], now: i64) -> Result<String, (StatusCode, &'static str)> {
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    let signed = contract::verify(
        &sim.secret,
        header(contract::TIMESTAMP_HEADER),
        header(contract::SIGNATURE_HEADER),
        body,
        now,
    );
    match signed {
        Ok(()) => {}
        Err(contract::Refusal::OutsideTolerance | contract::Refusal::BadTimestamp) => {
            sim.stats.lock().unwrap().refused_timestamp += 1;
            return Err((StatusCode::UNAUTHORIZED, "timestamp outside tolerance"));
        }
        Err(_) => {
            sim.stats.lock().unwrap().refused_signature += 1;
            return Err((StatusCode::UNAUTHORIZED, "bad signature"));
        }
    }
    let Some(key) = header(contract::IDEMPOTENCY_HEADER).filter(|k| !k.is_empty()) else {
        sim.stats.lock().unwrap().refused_document += 1;
        return Err((StatusCode::BAD_REQUEST, "no Idempotency-Key"));
    };
    Ok(key.to_string())
}

/// A reply as received: the document and what the fetch of each attachment found.
#[derive(Clone, Serialize)]
struct Reply {
    received_at: String,
    /// Per attachment id: fetched, and its SHA-256 and size matched.
    attachments_verified: HashMap<String, bool>,
    document: contract::ReplyDocument,
}

/// `POST /v1/replies`: an applicant's reply, signed; each attachment fetched and checked;
/// stored once per key, and answered with a receipt naming the case.
async fn take_reply(State(sim): State<Shared>, headers: HeaderMap, body: Bytes) -> Response {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
    let key = match signed_key(&sim, &headers, &body, now) {
        Ok(key) => key,
        Err(refusal) => return closing(refusal.into_response()),
    };
    let Ok(document) = serde_json::from_slice::<contract::ReplyDocument>(&body) else {
        sim.stats.lock().unwrap().refused_document += 1;
        return closing((StatusCode::UNPROCESSABLE_ENTITY, "not a reply").into_response());
    };
    if document.id != key || !sim.cases.lock().unwrap().iter().any(|case| case.case_id == document.case_id) {
        sim.stats.lock().unwrap().refused_document += 1;
        return closing((StatusCode::UNPROCESSABLE_ENTITY, "not a reply to a case here").into_response());
    }
    let verified = match verify_attachments(&sim, &document.attachments, now).await {
        Ok(verified) => verified,
        Err(unavailable) => return unavailable,
    };
    let receipt =
        Receipt { case_id: document.case_id.clone(), received_at: portal::server::payments::provider::iso_time(now) };
    let mut replies = sim.replies.lock().unwrap();
    if !replies.iter().any(|reply| reply.document.id == document.id) {
        replies.push(Reply { received_at: receipt.received_at.clone(), attachments_verified: verified, document });
    }
    closing((StatusCode::CREATED, Json(receipt)).into_response())
}

async fn replies(State(sim): State<Shared>) -> Response {
    closing(Json(sim.replies.lock().unwrap().clone()).into_response())
}

/// Fetches each attachment through its signed link: per attachment id, whether its SHA-256
/// and size matched; a closing 503 when one could not be fetched (nothing is taken without
/// its files: the portal is to try again).
async fn verify_attachments(
    sim: &Sim,
    attachments: &[contract::Attachment],
    now: i64,
) -> Result<HashMap<String, bool>, Response> {
    let mut verified = HashMap::new();
    for attachment in attachments {
        match fetch(sim, &attachment.href, now).await {
            Ok(bytes) => {
                let matches = hex::encode(Sha256::digest(&bytes)) == attachment.sha256
                    && i64::try_from(bytes.len()).ok() == Some(attachment.size_bytes);
                verified.insert(attachment.id.clone(), matches);
            }
            Err(_) => {
                return Err(closing((StatusCode::SERVICE_UNAVAILABLE, [(header::RETRY_AFTER, "2")]).into_response()))
            }
        }
    }
    Ok(verified)
}

/// The employer's part of an application as received: the document, the case it joined and
/// what the fetch of each attachment found.
#[derive(Clone, Serialize)]
struct TermsReceived {
    received_at: String,
    attachments_verified: HashMap<String, bool>,
    document: contract::TermsDocument,
}

/// `POST /v1/employment-terms`: the employer's part of an application, signed; taken only for
/// a case here whose application it names (id and reference); each attachment fetched and
/// checked; stored once per key, and answered with a receipt naming the case.
async fn take_terms(State(sim): State<Shared>, headers: HeaderMap, body: Bytes) -> Response {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
    let key = match signed_key(&sim, &headers, &body, now) {
        Ok(key) => key,
        Err(refusal) => return closing(refusal.into_response()),
    };
    let Ok(document) = serde_json::from_slice::<contract::TermsDocument>(&body) else {
        sim.stats.lock().unwrap().refused_document += 1;
        return closing((StatusCode::UNPROCESSABLE_ENTITY, "not the terms of employment").into_response());
    };
    let joins = sim.cases.lock().unwrap().iter().any(|case| {
        case.case_id == document.case_id
            && case.document.id == document.application_id
            && case.document.reference == document.application_reference
    });
    if document.id != key || !joins {
        sim.stats.lock().unwrap().refused_document += 1;
        return closing((StatusCode::UNPROCESSABLE_ENTITY, "not the terms of an application here").into_response());
    }
    let verified = match verify_attachments(&sim, &document.attachments, now).await {
        Ok(verified) => verified,
        Err(unavailable) => return unavailable,
    };
    let receipt =
        Receipt { case_id: document.case_id.clone(), received_at: portal::server::payments::provider::iso_time(now) };
    let mut terms = sim.terms.lock().unwrap();
    if !terms.iter().any(|kept| kept.document.id == document.id) {
        terms.push(TermsReceived {
            received_at: receipt.received_at.clone(),
            attachments_verified: verified,
            document,
        });
    }
    closing((StatusCode::CREATED, Json(receipt)).into_response())
}

async fn terms(State(sim): State<Shared>) -> Response {
    closing(Json(sim.terms.lock().unwrap().clone()).into_response())
}

/// Fetches an attachment through its signed link.
async fn fetch(sim: &Sim, href: &str, now: i64) -> anyhow::Result<Bytes> {
    let path = reqwest::Url::parse(href)?.path().to_string();
    let response = sim
        .client
        .get(href)
        .header(contract::TIMESTAMP_HEADER, now.to_string())
        .header(contract::SIGNATURE_HEADER, contract::sign(&sim.secret, now, &contract::fetch_message(&path)))
        .send()
        .await?
        .error_for_status()?;
    Ok(response.bytes().await?)
}

#[derive(Deserialize)]
struct FaultForm {
    mode: String,
    rate: Option<f64>,
}

async fn set_fault(State(sim): State<Shared>, headers: HeaderMap, Form(form): Form<FaultForm>) -> Response {
    if cross_site(&headers) {
        return closing((StatusCode::FORBIDDEN, "cross-site posts are refused").into_response());
    }
    let Some(fault) = Fault::parse(&form.mode) else {
        return (StatusCode::BAD_REQUEST, "unknown mode").into_response();
    };
    let mut set = sim.fault.lock().unwrap();
    *set = (fault, form.rate.unwrap_or(set.1));
    closing((StatusCode::SEE_OTHER, [(header::LOCATION, "/")]).into_response())
}

/// Whether a browser says the post came from another site (`Sec-Fetch-Site`), or names an
/// origin other than this host: a page elsewhere must not switch the simulator's faults on. A
/// client that is not a browser (a test's curl) sends neither and is let through.
fn cross_site(headers: &HeaderMap) -> bool {
    let text = |name: header::HeaderName| headers.get(name).and_then(|value| value.to_str().ok());
    if text(header::HeaderName::from_static("sec-fetch-site"))
        .is_some_and(|site| site != "same-origin" && site != "none")
    {
        return true;
    }
    match (text(header::ORIGIN), text(header::HOST)) {
        (Some(origin), Some(host)) => origin.split_once("://").map(|(_, authority)| authority) != Some(host),
        (Some(_), None) => true,
        (None, _) => false,
    }
}

#[derive(Deserialize)]
struct EventForm {
    #[serde(rename = "type")]
    kind: String,
    service_point: Option<String>,
    /// `YYYY-MM-DD`; 30 days from today when not given.
    by: Option<String>,
    /// A request's text (in the application's language), its documents (attachment ids,
    /// separated by commas) and its last day (`YYYY-MM-DD`; 14 days from today when not given).
    text: Option<String>,
    documents: Option<String>,
    due: Option<String>,
    /// `employer` for a request to the employer; the applicant otherwise.
    addressee: Option<String>,
}

/// Sends an event about the case `case_id` to the portal, signed, and keeps it with the
/// portal's answer. A browser's post goes back to the page; any other client gets the answer.
async fn send_event(
    State(sim): State<Shared>,
    Path(case_id): Path<String>,
    headers: HeaderMap,
    Form(form): Form<EventForm>,
) -> Response {
    if cross_site(&headers) {
        return closing((StatusCode::FORBIDDEN, "cross-site posts are refused").into_response());
    }
    let Some(kind) = EventKind::from_code(&form.kind) else {
        return closing((StatusCode::BAD_REQUEST, "unknown event type").into_response());
    };
    let case = sim.cases.lock().unwrap().iter().find(|case| case.case_id == case_id).cloned();
    let Some(case) = case else { return closing((StatusCode::NOT_FOUND, "no such case").into_response()) };
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
    let service_point = |case: &Case| {
        let personal = case.document.applicant.service_point.clone();
        form.service_point.clone().filter(|point| !point.is_empty()).unwrap_or(personal)
    };
    let thirty_days = portal::domain::date::Date::from_unix_seconds(now).add_days(30).iso();
    let identity_visit = (kind == EventKind::IdentityVisitNeeded).then(|| IdentityVisit {
        service_point: service_point(&case),
        by: form.by.clone().filter(|by| !by.is_empty()).unwrap_or(thirty_days),
    });
    let request = request_of(&sim, &case, kind, &form, now);
    let decision = (kind == EventKind::DecisionMade).then(|| make_decision(&sim, &case, &form, now));
    let event = Event {
        contract: contract::VERSION,
        event_id: format!("EV-{}", hex::encode(rand::random::<[u8; 8]>())),
        application_id: case.document.id.clone(),
        case_id: case.case_id.clone(),
        kind,
        occurred_at: portal::server::payments::provider::iso_time(now),
        identity_visit,
        request,
        decision,
    };
    let status = match events_url(&sim, &case) {
        Some(url) => post_event(&sim, &url, &event, now).await,
        None => 0,
    };
    sim.events.lock().unwrap().push(SentEvent { case_id, event: event.clone(), status });
    if headers.get("sec-fetch-mode").is_some_and(|mode| mode == "navigate") {
        return closing((StatusCode::SEE_OTHER, [(header::LOCATION, "/")]).into_response());
    }
    closing(Json(serde_json::json!({ "status": status, "event": event })).into_response())
}

/// The request an event of `kind` carries: a new one (its text in the application's language,
/// the documents asked for, the last day), or for an extension the case's newest request with
/// its new last day.
fn request_of(sim: &Sim, case: &Case, kind: EventKind, form: &EventForm, now: i64) -> Option<InformationRequest> {
    let given = |value: &Option<String>| value.clone().filter(|value| !value.trim().is_empty());
    let day_in = |days: i64| portal::domain::date::Date::from_unix_seconds(now).add_days(days).iso();
    match kind {
        EventKind::InformationRequested => {
            let text = given(&form.text).unwrap_or_else(|| "Please send the documents asked for.".into());
            let documents = given(&form.documents).unwrap_or_default();
            Some(InformationRequest {
                request_id: format!("RQ-{}", hex::encode(rand::random::<[u8; 4]>())),
                due: given(&form.due).unwrap_or_else(|| day_in(14)),
                questions: vec![Question {
                    id: "q1".into(),
                    text: [(case.document.language.clone(), text)].into_iter().collect(),
                }],
                attachments: documents.split(',').map(str::trim).filter(|d| !d.is_empty()).map(String::from).collect(),
                addressee: match form.addressee.as_deref() {
                    Some("employer") => contract::Addressee::Employer,
                    _ => contract::Addressee::Applicant,
                },
            })
        }
        EventKind::RequestDeadlineExtended => {
            let events = sim.events.lock().unwrap();
            let newest = events.iter().rev().filter(|sent| sent.case_id == case.case_id).find_map(|sent| {
                sent.event.request.as_ref().filter(|_| sent.event.kind == EventKind::InformationRequested)
            })?;
            Some(InformationRequest {
                request_id: newest.request_id.clone(),
                due: given(&form.due).unwrap_or_else(|| day_in(28)),
                questions: Vec::new(),
                attachments: Vec::new(),
                addressee: newest.addressee,
            })
        }
        _ => None,
    }
}

/// A decision on `case`: its document, a one-page PDF with the decision's wording (the form's
/// `text`, or a permit granted), kept for the portal to fetch.
fn make_decision(sim: &Sim, case: &Case, form: &EventForm, now: i64) -> DecisionNotice {
    let decision_id = format!("DC-{}", hex::encode(rand::random::<[u8; 6]>()));
    let wording = form.text.clone().filter(|text| !text.trim().is_empty());
    let lines = [
        "Finnish Immigration Service: decision".to_string(),
        format!("Case {} (application {})", case.case_id, case.document.reference),
        format!("Decision {decision_id}, made {}", portal::server::payments::provider::iso_time(now)),
        wording.unwrap_or_else(|| "The permit applied for is granted.".into()),
    ];
    let document = text_pdf(&lines);
    let notice = DecisionNotice {
        decision_id: decision_id.clone(),
        sha256: hex::encode(Sha256::digest(&document)),
        size_bytes: document.len() as i64,
    };
    sim.decisions.lock().unwrap().insert(decision_id, document);
    notice
}

/// A one-page PDF showing `lines` in Helvetica (ASCII; other characters as `?`).
fn text_pdf(lines: &[String]) -> Vec<u8> {
    let escaped = |line: &str| -> String {
        line.chars()
            .map(|c| match c {
                '(' | ')' | '\\' => format!("\\{c}"),
                ' '..='~' => c.to_string(),
                _ => "?".into(),
            })
            .collect()
    };
    let shown: String = lines.iter().map(|line| format!("({}) Tj 0 -20 Td ", escaped(line))).collect();
    let content = format!("BT /F1 12 Tf 72 760 Td {shown}ET");
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>"
            .to_string(),
        format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_string(),
    ];
    let mut pdf = b"%PDF-1.4\n".to_vec();
    let mut starts = Vec::with_capacity(objects.len());
    for (number, object) in (1..).zip(&objects) {
        starts.push(pdf.len());
        pdf.extend_from_slice(format!("{number} 0 obj\n{object}\nendobj\n").as_bytes());
    }
    let table = pdf.len();
    let size = objects.len() + 1;
    let mut xref = format!("xref\n0 {size}\n0000000000 65535 f \n");
    xref.extend(starts.iter().map(|start| format!("{start:010} 00000 n \n")));
    pdf.extend_from_slice(xref.as_bytes());
    pdf.extend_from_slice(format!("trailer\n<< /Size {size} /Root 1 0 R >>\nstartxref\n{table}\n%%EOF\n").as_bytes());
    pdf
}

/// `GET /v1/decisions/{id}`: a decision's document, to the portal's signed fetch.
async fn decision_document(State(sim): State<Shared>, Path(decision_id): Path<String>, headers: HeaderMap) -> Response {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    let path = format!("{}/{decision_id}", contract::DECISIONS_PATH);
    let signed = contract::verify(
        &sim.secret,
        header(contract::TIMESTAMP_HEADER),
        header(contract::SIGNATURE_HEADER),
        &contract::fetch_message(&path),
        now,
    );
    if signed.is_err() {
        sim.stats.lock().unwrap().refused_signature += 1;
        return closing((StatusCode::UNAUTHORIZED, "bad signature").into_response());
    }
    match sim.decisions.lock().unwrap().get(&decision_id) {
        Some(document) => closing(([(header::CONTENT_TYPE, "application/pdf")], document.clone()).into_response()),
        None => closing((StatusCode::NOT_FOUND, "no such decision").into_response()),
    }
}

/// A report of a decision's serving, as received.
#[derive(Clone, Serialize)]
struct ReportReceived {
    received_at: String,
    report: DecisionReport,
}

/// `POST /v1/decision-reports`: the portal's report of how a decision was served, signed;
/// stored once per key, and answered with a receipt naming the case.
async fn take_report(State(sim): State<Shared>, headers: HeaderMap, body: Bytes) -> Response {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
    let key = match signed_key(&sim, &headers, &body, now) {
        Ok(key) => key,
        Err(refusal) => return closing(refusal.into_response()),
    };
    let report = serde_json::from_slice::<DecisionReport>(&body)
        .ok()
        .filter(|report| report.id == key && sim.decisions.lock().unwrap().contains_key(&report.decision_id));
    let Some(report) = report else {
        sim.stats.lock().unwrap().refused_document += 1;
        return closing((StatusCode::UNPROCESSABLE_ENTITY, "not a report of a decision here").into_response());
    };
    let received_at = portal::server::payments::provider::iso_time(now);
    let receipt = Receipt { case_id: report.case_id.clone(), received_at: received_at.clone() };
    let mut reports = sim.reports.lock().unwrap();
    if !reports.iter().any(|kept| kept.report.id == report.id) {
        reports.push(ReportReceived { received_at, report });
    }
    closing((StatusCode::CREATED, Json(receipt)).into_response())
}

async fn reports(State(sim): State<Shared>) -> Response {
    closing(Json(sim.reports.lock().unwrap().clone()).into_response())
}

/// The portal's events address: the one configured, or that of the site the case's
/// attachments came from.
fn events_url(sim: &Sim, case: &Case) -> Option<String> {
    let portal = sim.portal.clone().or_else(|| {
        let href = &case.document.attachments.first()?.href;
        Some(href[..href.find(contract::FILES_PATH)?].to_string())
    })?;
    Some(format!("{}{}", portal.trim_end_matches('/'), contract::EVENTS_PATH))
}

/// Posts `event`, signed, to `url`: the portal's status code, or 0 when it was not reached.
async fn post_event(sim: &Sim, url: &str, event: &Event, now: i64) -> u16 {
    let body = serde_json::to_vec(event).expect("an event serialises");
    let sent = sim
        .client
        .post(url)
        .header(header::CONTENT_TYPE, "application/json")
        .header(contract::IDEMPOTENCY_HEADER, &event.event_id)
        .header(contract::TIMESTAMP_HEADER, now.to_string())
        .header(contract::SIGNATURE_HEADER, contract::sign(&sim.secret, now, &body))
        .body(body)
        .send()
        .await;
    sent.map_or(0, |response| response.status().as_u16())
}

async fn events(State(sim): State<Shared>) -> Response {
    closing(Json(sim.events.lock().unwrap().clone()).into_response())
}

async fn cases(State(sim): State<Shared>) -> Response {
    closing(Json(sim.cases.lock().unwrap().clone()).into_response())
}

async fn stats(State(sim): State<Shared>) -> Response {
    let stats = serde_json::to_value(&*sim.stats.lock().unwrap()).expect("stats serialise");
    let (fault, rate) = *sim.fault.lock().unwrap();
    closing(Json(serde_json::json!({ "fault": fault, "rate": rate, "counts": stats })).into_response())
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The page: the cases received, newest first (type, reference, attachments checked), each
/// with a form to send an event about it, the events sent, the counts, and the fault switch.
/// No applicant's name or answers are shown. It does not reload itself: a form being filled
/// in would be lost.
async fn page(State(sim): State<Shared>) -> Response {
    let rows: String = sim
        .cases
        .lock()
        .unwrap()
        .iter()
        .rev()
        .map(|case| {
            let verified = case.attachments_verified.values().filter(|ok| **ok).count();
            let id = escape(&case.case_id);
            let kinds: String = EventKind::ALL
                .iter()
                .map(|kind| format!("<option value=\"{0}\">{0}</option>", kind.code()))
                .collect();
            format!(
                "<tr><td>{id}</td><td>{}</td><td>{}</td><td>{}</td><td>{}/{} fetched, SHA-256 matching</td>\
                 <td><form method=\"post\" action=\"/control/cases/{id}/events\"><label for=\"type-{id}\">Event</label> \
                 <select id=\"type-{id}\" name=\"type\">{kinds}</select> \
                 <label for=\"text-{id}\">Request's or decision's text</label> <input id=\"text-{id}\" name=\"text\"> \
                 <label for=\"documents-{id}\">Documents (ids, commas)</label> <input id=\"documents-{id}\" name=\"documents\"> \
                 <label for=\"due-{id}\">Last day (YYYY-MM-DD)</label> <input id=\"due-{id}\" name=\"due\"> \
                 <label for=\"addressee-{id}\">Request to</label> <select id=\"addressee-{id}\" name=\"addressee\">\
                 <option>applicant</option><option>employer</option></select> \
                 <button>Send to the portal</button></form></td></tr>",
                escape(&case.received_at),
                escape(&case.document.kind),
                escape(&case.document.reference),
                verified,
                case.document.attachments.len()
            )
        })
        .collect();
    let sent: String = sim
        .events
        .lock()
        .unwrap()
        .iter()
        .rev()
        .map(|sent| {
            format!(
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                escape(&sent.case_id),
                escape(sent.event.kind.code()),
                escape(&sent.event.occurred_at),
                if sent.status == 0 { "not reached".to_string() } else { sent.status.to_string() }
            )
        })
        .collect();
    let replies: String = sim
        .replies
        .lock()
        .unwrap()
        .iter()
        .rev()
        .map(|reply| {
            let verified = reply.attachments_verified.values().filter(|ok| **ok).count();
            format!(
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}/{} fetched, SHA-256 matching</td></tr>",
                escape(&reply.document.case_id),
                escape(reply.document.request_id.as_deref().unwrap_or("own initiative")),
                escape(&reply.received_at),
                if reply.document.late { "late" } else { "in time" },
                verified,
                reply.document.attachments.len()
            )
        })
        .collect();
    let terms: String = sim
        .terms
        .lock()
        .unwrap()
        .iter()
        .rev()
        .map(|kept| {
            let verified = kept.attachments_verified.values().filter(|ok| **ok).count();
            format!(
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}/{} fetched, SHA-256 matching</td></tr>",
                escape(&kept.document.case_id),
                escape(&kept.document.application_reference),
                escape(&kept.document.organisation),
                escape(&kept.received_at),
                verified,
                kept.document.attachments.len()
            )
        })
        .collect();
    let reports: String = sim
        .reports
        .lock()
        .unwrap()
        .iter()
        .rev()
        .map(|kept| {
            let outcome = match kept.report.outcome {
                contract::ServiceOutcome::Served => "decision served (opened in the portal)",
                contract::ServiceOutcome::NotOpened => "not opened in 7 days: to be posted",
            };
            let second_step = match kept.report.second_step {
                Some(true) => "yes",
                Some(false) => "no",
                None => "",
            };
            format!(
                "<tr><td>{}</td><td>{}</td><td>{outcome}</td><td>{}</td><td>{second_step}</td></tr>",
                escape(&kept.report.case_id),
                escape(&kept.report.decision_id),
                escape(&kept.report.at),
            )
        })
        .collect();
    let counts = serde_json::to_string_pretty(&*sim.stats.lock().unwrap()).unwrap_or_default();
    let (fault, _) = *sim.fault.lock().unwrap();
    let options: String = ["none", "error", "unavailable", "redirect", "slow", "hang", "reset", "partial", "flaky"]
        .iter()
        .map(|mode| {
            let selected = if Fault::parse(mode) == Some(fault) { " selected" } else { "" };
            format!("<option{selected}>{mode}</option>")
        })
        .collect();
    closing(
        Html(format!(
            "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Case-backend simulator</title>\
             </head><body><main><h1>Case-backend simulator</h1>\
             <p>Contract version {}. Cases received (newest first; <a href=\"/\">reload</a> to see new ones):</p><table><thead><tr><th>Case</th><th>Received</th>\
             <th>Type</th><th>Reference</th><th>Attachments</th><th>Report</th></tr></thead><tbody>{rows}</tbody></table>\
             <h2>Events sent to the portal</h2><table><thead><tr><th>Case</th><th>Event</th><th>Occurred</th>\
             <th>Portal's answer</th></tr></thead><tbody>{sent}</tbody></table>\
             <h2>Replies received</h2><table><thead><tr><th>Case</th><th>Request</th><th>Received</th>\
             <th>In time</th><th>Attachments</th></tr></thead><tbody>{replies}</tbody></table>\
             <h2>Employers' terms of employment received</h2><table id=\"terms\"><thead><tr><th>Case</th>\
             <th>Application</th><th>Employer</th><th>Received</th><th>Attachments</th></tr></thead>\
             <tbody>{terms}</tbody></table>\
             <h2>Decisions' serving reported</h2><table id=\"reports\"><thead><tr><th>Case</th><th>Decision</th>\
             <th>Report</th><th>At</th><th>Second step</th></tr></thead><tbody>{reports}</tbody></table>\
             <h2>Counts</h2><pre>{}</pre><h2>Fault mode</h2><form method=\"post\" action=\"/control/fault\">\
             <label for=\"mode\">Mode</label> <select id=\"mode\" name=\"mode\">{options}</select> \
             <button>Set</button></form></main></body></html>",
            contract::VERSION,
            escape(&counts)
        ))
        .into_response(),
    )
}
