//! Requests for additional information: what the immigration service asks an applicant for
//! after sending (`additional-information-requested`, taken by `server::case_events`), by a
//! date that a `request-deadline-extended` event may move. Each request is kept once per case
//! by the backend's id, and shown on the application's pages as a task with its days left.

pub mod reply;
pub mod web;

use crate::domain::date::Date;
use crate::page_data::RequestView;
use crate::server::case_backend::contract::{InformationRequest, Question};
use crate::server::clock::Clock;
use crate::server::db::{Pool, Tx};
use crate::server::mail::{Kind, Letter};

/// Keeps `request` of the application `application_id`, in `tx` (the event's transaction):
/// true when it is new (not a repeat of one kept before).
pub async fn open(
    tx: &mut Tx,
    clock: &Clock,
    application_id: i64,
    request: &InformationRequest,
) -> anyhow::Result<bool> {
    let public_id = hex::encode(rand::random::<[u8; 10]>());
    let inserted = sqlx::query(
        "INSERT INTO info_requests (public_id, application_id, request_id, due, questions, documents, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (application_id, request_id) DO NOTHING",
    )
    .bind(public_id)
    .bind(application_id)
    .bind(&request.request_id)
    .bind(&request.due)
    .bind(serde_json::to_string(&request.questions)?)
    .bind(serde_json::to_string(&request.attachments)?)
    .bind(clock.now_millis())
    .execute(&mut **tx)
    .await?;
    Ok(inserted.rows_affected() == 1)
}

/// Moves the date of the request `request_id` of the application `application_id` to `due`:
/// true when there is such a request.
pub async fn extend(tx: &mut Tx, application_id: i64, request_id: &str, due: &str) -> anyhow::Result<bool> {
    let moved = sqlx::query("UPDATE info_requests SET due = $3 WHERE application_id = $1 AND request_id = $2")
        .bind(application_id)
        .bind(request_id)
        .bind(due)
        .execute(&mut **tx)
        .await?;
    Ok(moved.rows_affected() == 1)
}

/// The requests made of the application `application_id`, oldest first, as its pages show
/// them on `today`.
pub async fn of_application(pool: &Pool, today: Date, application_id: i64) -> anyhow::Result<Vec<RequestView>> {
    type Row = (String, String, String, String, i64, Option<i64>, i64);
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT public_id, due, questions, documents, created_at, answered_at, own_initiative FROM info_requests
         WHERE application_id = $1 ORDER BY id",
    )
    .bind(application_id)
    .fetch_all(pool)
    .await?;
    let mut requests = Vec::new();
    let day = |millis: i64| Date::from_unix_seconds(millis.div_euclid(1000));
    for (public_id, due, questions, documents, created_at, answered_at, own) in rows {
        let Some(due) = Date::parse_iso(&due) else { continue };
        let questions: Vec<Question> = serde_json::from_str(&questions)?;
        requests.push(RequestView {
            public_id,
            due_on: due.display(),
            days_left: due.days_since_epoch() - today.days_since_epoch(),
            questions: questions.into_iter().map(|question| question.text.into_iter().collect()).collect(),
            documents: serde_json::from_str(&documents)?,
            answered_on: answered_at.map(|at| day(at).display()),
            // What the applicant sends unasked keeps nobody waiting.
            waited_days: match own {
                0 => answered_at.map_or(today, day).days_since_epoch() - day(created_at).days_since_epoch(),
                _ => 0,
            },
            own: own != 0,
        });
    }
    Ok(requests)
}

/// Whether a request asks for a document, and takes files for it now: the upload slots'
/// question (`attachments::slot::RequestSlots`).
pub const REQUEST_SLOTS: crate::server::attachments::slot::RequestSlots =
    |state, application_id, request, document| Box::pin(asks_for(&state.db, application_id, request, document));

async fn asks_for(pool: &Pool, application_id: i64, request: &str, document: &str) -> anyhow::Result<Option<bool>> {
    let row: Option<(String, Option<i64>)> =
        sqlx::query_as("SELECT documents, answered_at FROM info_requests WHERE application_id = $1 AND public_id = $2")
            .bind(application_id)
            .bind(request)
            .fetch_optional(pool)
            .await?;
    let Some((documents, answered_at)) = row else { return Ok(None) };
    let documents: Vec<String> = serde_json::from_str(&documents)?;
    Ok(documents.iter().any(|asked| asked == document).then_some(answered_at.is_none()))
}

/// A request as its reply needs it.
pub struct OpenRequest {
    pub id: i64,
    pub public_id: String,
    pub request_id: String,
    pub due: Date,
    pub answered: bool,
    /// Information sent on the applicant's own initiative, not asked for.
    pub own: bool,
}

/// The request `public_id` of the application `application_id`.
pub async fn find(pool: &Pool, application_id: i64, public_id: &str) -> anyhow::Result<Option<OpenRequest>> {
    let row: Option<(i64, String, String, Option<i64>, i64)> = sqlx::query_as(
        "SELECT id, request_id, due, answered_at, own_initiative FROM info_requests
         WHERE application_id = $1 AND public_id = $2",
    )
    .bind(application_id)
    .bind(public_id)
    .fetch_optional(pool)
    .await?;
    Ok(row.and_then(|(id, request_id, due, answered_at, own)| {
        let public_id = public_id.to_string();
        let due = Date::parse_iso(&due)?;
        Some(OpenRequest { id, public_id, request_id, due, answered: answered_at.is_some(), own: own != 0 })
    }))
}

/// The document slot of information sent on the applicant's own initiative.
pub const OWN_DOCUMENT: &str = "additional-document";

/// The applicant's own-initiative information for the application `application_id` being
/// written: the one not sent yet, or a new one. Its public id (its page's address).
pub async fn own_initiative(state: &crate::server::AppState, application_id: i64) -> anyhow::Result<String> {
    let mut tx = crate::server::db::begin_write(&state.db).await?;
    let open: Option<String> = sqlx::query_scalar(
        "SELECT public_id FROM info_requests WHERE application_id = $1 AND own_initiative = 1 AND answered_at IS NULL",
    )
    .bind(application_id)
    .fetch_optional(&mut *tx)
    .await?;
    if let Some(public_id) = open {
        return Ok(public_id);
    }
    let public_id = hex::encode(rand::random::<[u8; 10]>());
    // No last day: the row's is today's, never shown nor used.
    sqlx::query(
        "INSERT INTO info_requests (public_id, application_id, request_id, due, questions, documents, created_at,
                                    own_initiative)
         VALUES ($1, $2, $3, $4, '[]', $5, $6, 1)",
    )
    .bind(&public_id)
    .bind(application_id)
    .bind(format!("own-{public_id}"))
    .bind(state.clock.today().iso())
    .bind(serde_json::to_string(&[OWN_DOCUMENT])?)
    .bind(state.clock.now_millis())
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(public_id)
}

/// The text of the reply to the request `request` (its row id), once sent, and the day the
/// case backend confirmed it received it.
pub async fn reply_of(pool: &Pool, request: i64) -> anyhow::Result<Option<(String, Option<String>)>> {
    let row: Option<(String, Option<i64>)> =
        sqlx::query_as("SELECT text, received_at FROM replies WHERE request_id = $1 ORDER BY id DESC LIMIT 1")
            .bind(request)
            .fetch_optional(pool)
            .await?;
    Ok(row.map(|(text, received_at)| {
        (text, received_at.map(|at| Date::from_unix_seconds(at.div_euclid(1000)).display()))
    }))
}

/// Queues the message `kind` (news, or a request's reminder with its last day in `values`) to
/// the owner of the application `application_id` — its applicant, or for an employer's part
/// the users who have acted for the organisation, in their words — each in their language, on
/// `tx`. The caller rings the queue's bell after its commit.
pub async fn tell_owner(
    state: &crate::server::AppState,
    tx: &mut Tx,
    application_id: i64,
    kind: Kind,
    values: &[(&'static str, &str)],
) -> anyhow::Result<()> {
    let (users, kind) = match crate::server::applications::drafts::owner_of(tx, application_id).await? {
        Some(user) => (vec![user], kind),
        None => match crate::server::applications::links::organisation_of(tx, application_id).await? {
            Some(organisation) => (crate::server::organisations::users_of(tx, organisation).await?, to_employer(kind)),
            None => (Vec::new(), kind),
        },
    };
    for user in users {
        let (email, language) = crate::server::accounts::users::contact(tx, user).await?;
        crate::server::mail::queue_on(tx, state, Letter::new(&email, language, kind, values)).await?;
    }
    Ok(())
}

/// The message `kind` as an organisation's users read it: about an employee's application.
fn to_employer(kind: Kind) -> Kind {
    match kind {
        Kind::News => Kind::EmployerNews,
        Kind::RequestReminder => Kind::EmployerRequestReminder,
        other => other,
    }
}

/// Reminds, once, the applicant of each request not answered whose last day is at most `days`
/// days away on the portal's clock (the scheduled job `remind-requests`): "something new for
/// you", with the last day, and nothing personal. How many were reminded.
pub async fn remind(state: &crate::server::AppState, days: i64) -> anyhow::Result<u64> {
    let horizon = state.clock.today().add_days(days).iso();
    let due: Vec<(i64, i64, String)> = sqlx::query_as(
        "SELECT id, application_id, due FROM info_requests
         WHERE answered_at IS NULL AND reminded_at IS NULL AND own_initiative = 0 AND due <= $1 AND due >= $2",
    )
    .bind(&horizon)
    .bind(state.clock.today().iso())
    .fetch_all(&state.db)
    .await?;
    let mut reminded = 0;
    for (id, application_id, due) in due {
        let mut tx = crate::server::db::begin_write(&state.db).await?;
        // Marked in the transaction that queues the message: another instance's run finds it
        // marked, and the message goes once.
        let marked = sqlx::query("UPDATE info_requests SET reminded_at = $2 WHERE id = $1 AND reminded_at IS NULL")
            .bind(id)
            .bind(state.clock.now_millis())
            .execute(&mut *tx)
            .await?;
        if marked.rows_affected() == 0 {
            continue;
        }
        let day = Date::parse_iso(&due).map(|day| day.display()).unwrap_or(due);
        tell_owner(state, &mut tx, application_id, Kind::RequestReminder, &[("date", &day)]).await?;
        tx.commit().await?;
        reminded += 1;
    }
    if reminded > 0 {
        state.queue.ring();
    }
    Ok(reminded)
}
