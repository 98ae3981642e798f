//! The case backend's events about its cases (`POST /case-backend/v1/events`, [`take`]): each
//! signed like a delivery, taken once by its id however often and on whichever instance it
//! arrives, and kept as the case's timeline ([`of_application`]). An event for a case the
//! portal does not know is refused and recorded; none moves a case back, since a case's stage
//! is its furthest event's ([`contract::EventKind::stage`]). A room of its own above
//! `case_backend` (whose contract it speaks), since what an event does reaches into the
//! features the backend's conversation touches.

pub mod web;

use crate::domain::date::Date;
use crate::page_data::{CaseEventView, IdentityVisitView};
use crate::server::applications::{drafts, links};
use crate::server::case_backend::contract::{self, Addressee, Event, EventKind, IdentityVisit, Refusal};
use crate::server::db::{self, Pool};
use crate::server::{audit, decisions, requests, AppState};
use axum::http::{HeaderMap, StatusCode};

/// What became of an event that was believed.
#[derive(Debug, PartialEq, Eq)]
pub enum Taken {
    Stored,
    /// Taken before (a replay, or a retry after a lost answer): nothing changed.
    AlreadyStored,
}

/// Why an event was refused.
#[derive(Debug, PartialEq, Eq)]
pub enum Refused {
    Signature(Refusal),
    /// No `Idempotency-Key`, or one that is not the event's id.
    Key,
    /// Not an event of this contract's version, or one that lacks what its kind needs.
    NotAnEvent,
    /// No sent application has this id and case.
    UnknownCase,
}

impl Refused {
    pub fn status(&self) -> StatusCode {
        match self {
            Refused::Signature(_) => StatusCode::UNAUTHORIZED,
            Refused::Key => StatusCode::BAD_REQUEST,
            Refused::NotAnEvent => StatusCode::UNPROCESSABLE_ENTITY,
            Refused::UnknownCase => StatusCode::NOT_FOUND,
        }
    }

    /// The audit log's detail and the staff page's count: a fixed word.
    pub fn code(&self) -> &'static str {
        match self {
            Refused::Signature(_) => "bad-signature",
            Refused::Key => "bad-key",
            Refused::NotAnEvent => "not-an-event",
            Refused::UnknownCase => "unknown-case",
        }
    }
}

/// Takes the event in `body`, signed in `headers`: believed, known and stored once.
pub async fn take(state: &AppState, headers: &HeaderMap, body: &[u8]) -> anyhow::Result<Result<Taken, Refused>> {
    let Some(backend) = &state.case_backend else { return Ok(Err(Refused::UnknownCase)) };
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    let signed = contract::verify(
        &backend.settings.secret.0,
        header(contract::TIMESTAMP_HEADER),
        header(contract::SIGNATURE_HEADER),
        body,
        state.clock.now(),
    );
    if let Err(refusal) = signed {
        return Ok(Err(Refused::Signature(refusal)));
    }
    let Some(event) = serde_json::from_slice::<Event>(body).ok().filter(is_whole) else {
        return Ok(Err(Refused::NotAnEvent));
    };
    if header(contract::IDEMPOTENCY_HEADER) != Some(event.event_id.as_str()) {
        return Ok(Err(Refused::Key));
    }
    let Some(occurred_at) = millis_of(&event.occurred_at) else { return Ok(Err(Refused::NotAnEvent)) };
    let Some((application, case_id)) = drafts::sent_case(&state.db, &event.application_id).await? else {
        return Ok(Err(Refused::UnknownCase));
    };
    match case_id {
        Some(known) if known != event.case_id => return Ok(Err(Refused::UnknownCase)),
        Some(_) => {}
        // The backend has it, though its receipt did not reach the portal (yet): the event
        // says so as well as the receipt would have.
        None => drafts::mark_received(&state.db, &state.clock, &event.application_id, &event.case_id).await?,
    }
    // A request for the employer is filed on the employer's part, which must have arrived.
    let for_employer = event.request.as_ref().is_some_and(|request| request.addressee == Addressee::Employer);
    let target = match for_employer {
        true => match links::received_terms(&state.db, application).await? {
            Some(terms) => terms,
            None => return Ok(Err(Refused::NotAnEvent)),
        },
        false => application,
    };
    // The event and what it does, in one transaction: a repeat does nothing again.
    let mut tx = db::begin_write(&state.db).await?;
    let detail = serde_json::to_string(&event.identity_visit)?;
    let inserted = sqlx::query(
        "INSERT INTO case_events (event_id, application_id, kind, occurred_at, received_at, detail)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (event_id) DO NOTHING",
    )
    .bind(&event.event_id)
    .bind(application)
    .bind(event.kind.code())
    .bind(occurred_at)
    .bind(state.clock.now_millis())
    .bind(detail)
    .execute(&mut *tx)
    .await?;
    if inserted.rows_affected() == 0 {
        return Ok(Ok(Taken::AlreadyStored));
    }
    let tell = apply(state, &mut tx, (application, target), &event, occurred_at).await?;
    if tell {
        // "Something new for you in the service": no reference, no link, nothing personal.
        requests::tell_owner(state, &mut tx, target, crate::server::mail::Kind::News, &[]).await?;
    }
    tx.commit().await?;
    if tell {
        state.queue.ring();
    }
    Ok(Ok(Taken::Stored))
}

/// What `event` does besides being kept (in `tx`): a request opened or its date moved (on
/// `target`: the application, or the employer's part for a request to the employer), a
/// decision's fetch queued. True when the target's owner is to be told there is something new
/// now (of a decision, once it is fetched).
async fn apply(
    state: &AppState,
    tx: &mut db::Tx,
    (application, target): (i64, i64),
    event: &Event,
    occurred_at: i64,
) -> anyhow::Result<bool> {
    if let (EventKind::DecisionMade, Some(notice)) = (event.kind, &event.decision) {
        let case = (application, event.application_id.as_str(), event.case_id.as_str());
        decisions::announce(state, tx, case, occurred_at, notice).await?;
        return Ok(false);
    }
    let Some(request) = &event.request else { return Ok(false) };
    match event.kind {
        EventKind::InformationRequested => requests::open(tx, &state.clock, target, request).await,
        EventKind::RequestDeadlineExtended => {
            requests::extend(tx, target, &request.request_id, &request.due).await?;
            Ok(false)
        }
        _ => Ok(false),
    }
}

/// Whether `event` is of this contract and carries what its kind needs.
fn is_whole(event: &Event) -> bool {
    let fields_ok = match event.kind {
        EventKind::IdentityVisitNeeded => event
            .identity_visit
            .as_ref()
            .is_some_and(|visit| Date::parse_iso(&visit.by).is_some() && !visit.service_point.trim().is_empty()),
        EventKind::InformationRequested | EventKind::RequestDeadlineExtended => event
            .request
            .as_ref()
            // Each document asked for is one the portal can name (an attachment of its forms).
            .is_some_and(|request| {
                let known = |id: &String| crate::i18n::Lang::En.find(&format!("attachment-{id}")).is_some();
                Date::parse_iso(&request.due).is_some()
                    && !request.request_id.trim().is_empty()
                    && request.attachments.iter().all(known)
            }),
        EventKind::DecisionMade => event.decision.as_ref().is_some_and(decisions::is_whole),
        EventKind::Received | EventKind::InProcessing => true,
    };
    (1..=contract::VERSION).contains(&event.contract) && !event.event_id.trim().is_empty() && fields_ok
}

/// Unix milliseconds of an RFC 3339 time.
fn millis_of(time: &str) -> Option<i64> {
    time.parse::<jiff::Timestamp>().ok().map(|at| at.as_millisecond())
}

/// Records a refused event: the reason only (the body may not even be ours to read).
pub async fn record_refusal(state: &AppState, refused: &Refused, client: Option<&str>) {
    tracing::warn!(reason = refused.code(), "refused an event of the case backend");
    let recorded =
        state.audit_throttle.record(&state.db, audit::Event::CaseEventRefused, None, client, refused.code()).await;
    if let Err(error) = recorded {
        tracing::error!(%error, "could not write a refused event to the audit log");
    }
}

/// The events of the application `application_id`, as its page shows them: in the order they
/// happened.
pub async fn of_application(pool: &Pool, application_id: i64) -> anyhow::Result<Vec<CaseEventView>> {
    let rows: Vec<(String, i64, String)> = sqlx::query_as(
        "SELECT kind, occurred_at, detail FROM case_events WHERE application_id = $1 ORDER BY occurred_at, id",
    )
    .bind(application_id)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(kind, occurred_at, detail)| {
            let kind = EventKind::from_code(&kind)?;
            let visit = serde_json::from_str::<Option<IdentityVisit>>(&detail).ok().flatten().and_then(|visit| {
                Some(IdentityVisitView { place: visit.service_point, by: Date::parse_iso(&visit.by)?.display() })
            });
            let date = Date::from_unix_seconds(occurred_at.div_euclid(1000));
            Some(CaseEventView { kind: kind.code().to_string(), stage: kind.stage(), on: date.display(), date, visit })
        })
        .collect())
}

/// A sent application's events and requests, for its pages (`applications::Parts`).
pub const CASE_PART: crate::server::applications::CasePart = |state, application_id| {
    Box::pin(async move {
        Ok(crate::server::applications::CaseParts {
            events: of_application(&state.db, application_id).await?,
            requests: requests::of_application(&state.db, state.clock.today(), application_id).await?,
            decision: decisions::of_application(state, application_id).await?,
        })
    })
};

/// How many events of each kind were taken since `since` (Unix milliseconds), for staff.
pub async fn taken_since(pool: &Pool, since: i64) -> anyhow::Result<Vec<(String, i64)>> {
    Ok(sqlx::query_as("SELECT kind, COUNT(*) FROM case_events WHERE received_at >= $1 GROUP BY kind ORDER BY kind")
        .bind(since)
        .fetch_all(pool)
        .await?)
}
