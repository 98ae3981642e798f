//! The link between an applicant's sent application and the employer's part of it, kept in
//! the applications table: the applicant's row names the employer (`employer`, set at the
//! declaration when the applicant consented, `forms::link::employer`); the employer's part is
//! an application owned by the organisation (`organisation`) that links to it (`links_to`),
//! one per application. What an organisation may know of a linked application is a [`Task`]:
//! the applicant's name and date of birth, the reference and the states — never the answers.

use super::Owner;
use crate::domain::application_state::ApplicationState as State;
use crate::domain::business_id::BusinessId;
use crate::forms::answers::Answers;
use crate::forms::definition::FormDef;
use crate::server::clock::Clock;
use crate::server::db::{self, Dialect, Pool};

/// An application linked to an organisation, as its users may see it: sent, or declared and
/// waiting for the fee the applicant asked the organisation to pay.
#[derive(Clone, Debug)]
pub struct Task {
    pub application_id: i64,
    pub public_id: String,
    pub state: State,
    pub reference: String,
    /// The organisation it is linked to.
    pub organisation: BusinessId,
    /// From the applicant's answers; empty once the answers are cleared after keeping.
    pub surname: String,
    pub given_names: String,
    pub birth_date: String,
    /// The kind of work applied for (`employed`, `specialist`): a specialist's application is
    /// on the fast track.
    pub work_type: String,
    /// Unix milliseconds.
    pub sent_at: i64,
    /// Whether the case backend confirmed it received the application.
    pub received: bool,
    /// The employer's part, once started.
    pub terms: Option<Terms>,
}

/// The employer's part of a linked application.
#[derive(Clone, Debug)]
pub struct Terms {
    pub id: i64,
    pub public_id: String,
    pub state: State,
    /// Of terms given for several employees at once: the terms filled in for all of them.
    pub lead: Option<String>,
    /// Unix milliseconds: when it was sent, and when the case backend confirmed it.
    pub sent_at: Option<i64>,
    pub received_at: Option<i64>,
}

impl Task {
    /// Specialists' applications are on the fast track: their terms are due in 2 days and
    /// the employer cannot pay their fee.
    pub fn fast_track(&self) -> bool {
        crate::forms::link::on_fast_track(&self.work_type)
    }
}

/// The employer's part's columns of a query that joins it (`t`): public id, state, sent and
/// received; all NULL when there is none.
type TermsRow = (Option<i64>, Option<String>, Option<String>, Option<i64>, Option<i64>, Option<String>);

fn terms_from((id, public_id, state, sent_at, received_at, lead): TermsRow) -> Option<Terms> {
    match (id, public_id, state.as_deref().and_then(State::from_code)) {
        (Some(id), Some(public_id), Some(state)) => Some(Terms { id, public_id, state, lead, sent_at, received_at }),
        _ => None,
    }
}

type TaskRow = (
    i64,
    String,
    String,
    String,
    String,
    String,
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<String>,
    Option<String>,
    Option<i64>,
    Option<i64>,
    Option<String>,
);

const TASK_COLUMNS: &str = "a.id, a.public_id, a.state, a.reference, a.employer, CAST(a.answers AS TEXT), a.sent_at,
    a.received_at, t.id, t.public_id, t.state, t.sent_at, t.received_at, l.public_id";

/// The applications with their employer's part (`t`) and its lead (`l`), if any.
const TASKS_FROM: &str = "applications a LEFT JOIN applications t ON t.links_to = a.id
    LEFT JOIN applications l ON l.id = t.lead";

/// The applications an organisation sees (`$2`, `$3`: sent, ready to pay): its employees'
/// sent ones, and those whose fee they asked it to pay.
const LINKED: &str = "a.employer = $1 AND (a.state = $2 OR (a.state = $3 AND a.employer_pays = 1))";

fn task_from(
    (
        id,
        public_id,
        state,
        reference,
        employer,
        answers,
        sent_at,
        received_at,
        terms_row,
        terms_id,
        terms_state,
        terms_sent,
        terms_received,
        lead,
    ): TaskRow,
) -> anyhow::Result<Task> {
    let answers: Answers = serde_json::from_str(&answers)?;
    let answer = |question: &str| answers.get(question).unwrap_or_default().to_string();
    let terms = terms_from((terms_row, terms_id, terms_state, terms_sent, terms_received, lead));
    Ok(Task {
        application_id: id,
        public_id,
        state: State::from_code(&state).ok_or_else(|| anyhow::anyhow!("unknown application state {state:?}"))?,
        reference,
        organisation: BusinessId::parse(&employer)
            .ok_or_else(|| anyhow::anyhow!("application {id} names no valid Business ID"))?,
        surname: answer("surname"),
        given_names: answer("given-names"),
        birth_date: answer("birth-date"),
        work_type: answer("work-type"),
        sent_at: sent_at.unwrap_or_default(),
        received: received_at.is_some(),
        terms,
    })
}

/// The applications linked to `organisation`, the oldest first.
pub async fn tasks(pool: &Pool, organisation: BusinessId) -> anyhow::Result<Vec<Task>> {
    let rows: Vec<TaskRow> =
        sqlx::query_as(&format!("SELECT {TASK_COLUMNS} FROM {TASKS_FROM} WHERE {LINKED} ORDER BY a.sent_at, a.id"))
            .bind(organisation.as_str())
            .bind(State::Sent.code())
            .bind(State::ReadyToPay.code())
            .fetch_all(pool)
            .await?;
    rows.into_iter().map(task_from).collect()
}

/// The application `public_id` if it is linked to `organisation`; nobody else's.
pub async fn task(pool: &Pool, organisation: BusinessId, public_id: &str) -> anyhow::Result<Option<Task>> {
    let row: Option<TaskRow> =
        sqlx::query_as(&format!("SELECT {TASK_COLUMNS} FROM {TASKS_FROM} WHERE {LINKED} AND a.public_id = $4"))
            .bind(organisation.as_str())
            .bind(State::Sent.code())
            .bind(State::ReadyToPay.code())
            .bind(public_id)
            .fetch_optional(pool)
            .await?;
    row.map(task_from).transpose()
}

/// Starts the employer's part (`def`, with `answers`) of the task `task` for
/// `organisation`, unless it was started already: the public id of the part either way. One
/// statement, so that two users of the organisation starting at once make one.
pub async fn start_terms(
    pool: &Pool,
    clock: &Clock,
    organisation: BusinessId,
    task: &Task,
    def: &FormDef,
    answers: &Answers,
) -> anyhow::Result<String> {
    start_following(pool, clock, organisation, task, def, answers, None).await
}

/// Starts one employer's part for the tasks `tasks` of `organisation` (at least one, none
/// started): the first task's is the one filled in (the lead); the others' follow it, sent
/// with its answers and files when it is sent, each as its own document. The lead's public id.
pub async fn start_bulk(
    pool: &Pool,
    clock: &Clock,
    organisation: BusinessId,
    tasks: &[Task],
    def: &FormDef,
    answers: &Answers,
) -> anyhow::Result<String> {
    let (first, others) = tasks.split_first().ok_or_else(|| anyhow::anyhow!("no task for bulk terms"))?;
    let lead = start_terms(pool, clock, organisation, first, def, answers).await?;
    let lead_id: i64 =
        sqlx::query_scalar("SELECT id FROM applications WHERE public_id = $1").bind(&lead).fetch_one(pool).await?;
    for task in others {
        start_following(pool, clock, organisation, task, def, answers, Some(lead_id)).await?;
    }
    Ok(lead)
}

/// [`start_terms`], following the terms `lead` if given.
async fn start_following(
    pool: &Pool,
    clock: &Clock,
    organisation: BusinessId,
    task: &Task,
    def: &FormDef,
    answers: &Answers,
    lead: Option<i64>,
) -> anyhow::Result<String> {
    let now = clock.now();
    sqlx::query(&format!(
        "INSERT INTO applications (public_id, organisation, links_to, kind, version, answers, created_at, updated_at,
           expires_at, lead)
         SELECT $1, $2, a.id, $3, $4, {}, $6, $6, $7, $10 FROM applications a
         WHERE a.id = $8 AND a.employer = $2 AND a.state = $9
         ON CONFLICT DO NOTHING",
        db::json_param(Dialect::of(pool), "$5")
    ))
    .bind(super::drafts::new_public_id())
    .bind(organisation.as_str())
    .bind(def.kind)
    .bind(i64::from(def.version))
    .bind(serde_json::to_string(answers)?)
    .bind(now)
    .bind(super::drafts::expiry(now))
    .bind(task.application_id)
    .bind(State::Sent.code())
    .bind(lead)
    .execute(pool)
    .await?;
    let started: Option<String> =
        sqlx::query_scalar("SELECT public_id FROM applications WHERE links_to = $1 AND organisation = $2")
            .bind(task.application_id)
            .bind(organisation.as_str())
            .fetch_optional(pool)
            .await?;
    started.ok_or_else(|| anyhow::anyhow!("the employer's part of application {} was not made", task.application_id))
}

/// The sent applications whose terms have not been sent and
/// whose organisation was not reminded of them, sent at or before `sent_before` (Unix
/// milliseconds).
pub async fn awaiting_terms(pool: &Pool, sent_before: i64) -> anyhow::Result<Vec<Task>> {
    let rows: Vec<TaskRow> = sqlx::query_as(&format!(
        "SELECT {TASK_COLUMNS} FROM {TASKS_FROM}
         WHERE a.employer IS NOT NULL AND a.state = $1 AND a.employer_reminded_at IS NULL AND a.sent_at <= $2
           AND (t.id IS NULL OR t.state <> $1)
         ORDER BY a.sent_at, a.id"
    ))
    .bind(State::Sent.code())
    .bind(sent_before)
    .fetch_all(pool)
    .await?;
    rows.into_iter().map(task_from).collect()
}

/// Records in `tx` that the organisation of the application `id` was reminded of its terms,
/// once: whether this was the first time (another instance's run may have been first).
pub async fn mark_reminded(tx: &mut db::Tx, clock: &Clock, id: i64) -> anyhow::Result<bool> {
    let marked =
        sqlx::query("UPDATE applications SET employer_reminded_at = $2 WHERE id = $1 AND employer_reminded_at IS NULL")
            .bind(id)
            .bind(clock.now_millis())
            .execute(&mut **tx)
            .await?;
    Ok(marked.rows_affected() == 1)
}

/// Marks `owner`'s declared application `public_id`, shared with its employer, as to be paid
/// by the employer (the caller has checked it is not on the fast track). Whether it was one.
pub async fn ask_employer_to_pay(pool: &Pool, owner: Owner, public_id: &str) -> anyhow::Result<bool> {
    let asked = sqlx::query(&format!(
        "UPDATE applications SET employer_pays = 1
         WHERE public_id = $1 AND {} AND state = $4 AND employer IS NOT NULL",
        super::owned_by(2)
    ))
    .bind(public_id)
    .bind(owner.person())
    .bind(owner.organisation())
    .bind(State::ReadyToPay.code())
    .execute(pool)
    .await?;
    Ok(asked.rows_affected() == 1)
}

/// The application `public_id` whose fee its applicant asked `organisation` to pay, while it
/// waits for it: what paying needs of it (its form, answers and reference). The caller shows
/// none of the answers.
pub async fn payable(
    pool: &Pool,
    organisation: BusinessId,
    public_id: &str,
) -> anyhow::Result<Option<super::drafts::Draft>> {
    let row: Option<super::drafts::Row> = sqlx::query_as(&format!(
        "SELECT {} FROM applications WHERE public_id = $1 AND employer = $2 AND employer_pays = 1 AND state = $3",
        super::drafts::COLUMNS
    ))
    .bind(public_id)
    .bind(organisation.as_str())
    .bind(State::ReadyToPay.code())
    .fetch_optional(pool)
    .await?;
    row.map(super::drafts::from_row).transpose()
}

/// Whom the application `id` is shared with, and whether its applicant asked the employer to
/// pay the fee. None when it is not shared.
pub async fn employer_payment(pool: &Pool, id: i64) -> anyhow::Result<Option<(String, bool)>> {
    let row: Option<(Option<String>, i64)> =
        sqlx::query_as("SELECT employer, employer_pays FROM applications WHERE id = $1")
            .bind(id)
            .fetch_optional(pool)
            .await?;
    Ok(row.and_then(|(employer, pays)| employer.map(|employer| (employer, pays == 1))))
}

/// What withdrawing the consent to share an application with the employer came to.
#[derive(Debug, PartialEq, Eq)]
pub enum Withdrawn {
    /// The employer no longer sees it.
    Done,
    /// The employer has started its part: too late to withdraw here.
    Started,
    /// It was not shared (or is not the owner's).
    NotShared,
}

/// Withdraws `owner`'s consent to share the application `public_id` with its employer, while
/// the employer has not started its part.
pub async fn withdraw_consent(pool: &Pool, owner: Owner, public_id: &str) -> anyhow::Result<Withdrawn> {
    let done = sqlx::query(&format!(
        "UPDATE applications SET employer = NULL
         WHERE public_id = $1 AND {} AND employer IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM applications t WHERE t.links_to = applications.id)",
        super::owned_by(2)
    ))
    .bind(public_id)
    .bind(owner.person())
    .bind(owner.organisation())
    .execute(pool)
    .await?;
    if done.rows_affected() == 1 {
        return Ok(Withdrawn::Done);
    }
    let shared: Option<Option<String>> = sqlx::query_scalar(&format!(
        "SELECT employer FROM applications WHERE public_id = $1 AND {}",
        super::owned_by(2)
    ))
    .bind(public_id)
    .bind(owner.person())
    .bind(owner.organisation())
    .fetch_optional(pool)
    .await?;
    Ok(if shared.flatten().is_some() { Withdrawn::Started } else { Withdrawn::NotShared })
}

/// The employer's part of the application `id` as its applicant follows it: whom it is shared
/// with and how far the employer is. None when it is not shared.
pub async fn employer_part(pool: &Pool, id: i64) -> anyhow::Result<Option<(String, Option<Terms>)>> {
    type EmployerRow = (Option<String>, Option<i64>, Option<String>, Option<String>, Option<i64>, Option<i64>);
    let row: Option<EmployerRow> = sqlx::query_as(
        "SELECT a.employer, t.id, t.public_id, t.state, t.sent_at, t.received_at
         FROM applications a LEFT JOIN applications t ON t.links_to = a.id WHERE a.id = $1",
    )
    .bind(id)
    .fetch_optional(pool)
    .await?;
    let Some((Some(employer), terms_row, terms_id, terms_state, sent_at, received_at)) = row else { return Ok(None) };
    Ok(Some((employer, terms_from((terms_row, terms_id, terms_state, sent_at, received_at, None)))))
}

/// The parts that follow the employer's part `lead` and are not sent yet, in `tx`.
pub async fn followers(tx: &mut db::Tx, lead: i64) -> anyhow::Result<Vec<i64>> {
    Ok(sqlx::query_scalar("SELECT id FROM applications WHERE lead = $1 AND state = $2 ORDER BY id")
        .bind(lead)
        .bind(State::Draft.code())
        .fetch_all(&mut **tx)
        .await?)
}

/// Gives the part `id` that follows a lead the lead's `answers` and a reference of its own,
/// declared with the lead's declaration (ready to be sent with it), in `tx`. Whether it was
/// still a draft.
pub async fn follow_lead(tx: &mut db::Tx, clock: &Clock, id: i64, answers: &Answers) -> anyhow::Result<bool> {
    let numbers: [u32; 10] = rand::random();
    let followed = sqlx::query(&format!(
        "UPDATE applications SET answers = {}, reference = $2, state = $3, updated_at = $4, revision = revision + 1
         WHERE id = $5 AND state = $6 AND lead IS NOT NULL",
        db::json_param(Dialect::of_tx(tx), "$1")
    ))
    .bind(serde_json::to_string(answers)?)
    .bind(crate::domain::reference::from_numbers(numbers))
    .bind(State::ReadyToPay.code())
    .bind(clock.now())
    .bind(id)
    .bind(State::Draft.code())
    .execute(&mut **tx)
    .await?;
    Ok(followed.rows_affected() == 1)
}

/// The employer's part of the sent application `application`, once the case backend received
/// it: where the requests addressed to the employer are filed.
pub async fn received_terms(pool: &Pool, application: i64) -> anyhow::Result<Option<i64>> {
    Ok(sqlx::query_scalar("SELECT id FROM applications WHERE links_to = $1 AND state = $2 AND received_at IS NOT NULL")
        .bind(application)
        .bind(State::Sent.code())
        .fetch_optional(pool)
        .await?)
}

/// The organisation that owns the application `id` (an employer's part), in `tx`.
pub async fn organisation_of(tx: &mut db::Tx, id: i64) -> anyhow::Result<Option<BusinessId>> {
    let organisation: Option<Option<String>> =
        sqlx::query_scalar("SELECT organisation FROM applications WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut **tx)
            .await?;
    Ok(organisation.flatten().as_deref().and_then(BusinessId::parse))
}

/// What the employer's part `id` belongs to: the linked application's public id and
/// reference, and the organisation, in `tx`.
pub struct LinkedTo {
    pub application_id: String,
    pub application_reference: String,
    pub organisation: String,
}

/// The application the employer's part `id` links to, if it is one.
pub async fn linked_to(tx: &mut db::Tx, id: i64) -> anyhow::Result<Option<LinkedTo>> {
    let row: Option<(String, Option<String>, Option<String>)> = sqlx::query_as(
        "SELECT a.public_id, a.reference, t.organisation
         FROM applications t JOIN applications a ON a.id = t.links_to WHERE t.id = $1",
    )
    .bind(id)
    .fetch_optional(&mut **tx)
    .await?;
    Ok(row.map(|(application_id, reference, organisation)| LinkedTo {
        application_id,
        application_reference: reference.unwrap_or_default(),
        organisation: organisation.unwrap_or_default(),
    }))
}
