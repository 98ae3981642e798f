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

/// A sent application linked to an organisation, as its users may see it.
#[derive(Clone, Debug)]
pub struct Task {
    pub application_id: i64,
    pub public_id: String,
    pub reference: String,
    /// The application's form (`first-work`).
    pub kind: String,
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
    pub public_id: String,
    pub state: State,
    /// Unix milliseconds: when it was sent, and when the case backend confirmed it.
    pub sent_at: Option<i64>,
    pub received_at: Option<i64>,
}

impl Task {
    /// Specialists' applications are on the fast track: their terms are due in 2 days and
    /// the employer cannot pay their fee.
    pub fn fast_track(&self) -> bool {
        self.work_type == "specialist"
    }
}

/// The employer's part's columns of a query that joins it (`t`): public id, state, sent and
/// received; all NULL when there is none.
type TermsRow = (Option<String>, Option<String>, Option<i64>, Option<i64>);

fn terms_from((public_id, state, sent_at, received_at): TermsRow) -> Option<Terms> {
    match (public_id, state.as_deref().and_then(State::from_code)) {
        (Some(public_id), Some(state)) => Some(Terms { public_id, state, sent_at, received_at }),
        _ => None,
    }
}

type TaskRow = (
    i64,
    String,
    String,
    String,
    String,
    Option<i64>,
    Option<i64>,
    Option<String>,
    Option<String>,
    Option<i64>,
    Option<i64>,
);

const TASK_COLUMNS: &str = "a.id, a.public_id, a.reference, a.kind, CAST(a.answers AS TEXT), a.sent_at, a.received_at,
    t.public_id, t.state, t.sent_at, t.received_at";

fn task_from(
    (id, public_id, reference, kind, answers, sent_at, received_at, terms_id, terms_state, terms_sent, terms_received): TaskRow,
) -> anyhow::Result<Task> {
    let answers: Answers = serde_json::from_str(&answers)?;
    let answer = |question: &str| answers.get(question).unwrap_or_default().to_string();
    let terms = terms_from((terms_id, terms_state, terms_sent, terms_received));
    Ok(Task {
        application_id: id,
        public_id,
        reference,
        kind,
        surname: answer("surname"),
        given_names: answer("given-names"),
        birth_date: answer("birth-date"),
        work_type: answer("work-type"),
        sent_at: sent_at.unwrap_or_default(),
        received: received_at.is_some(),
        terms,
    })
}

/// The sent applications linked to `organisation`, the oldest first.
pub async fn tasks(pool: &Pool, organisation: BusinessId) -> anyhow::Result<Vec<Task>> {
    let rows: Vec<TaskRow> = sqlx::query_as(&format!(
        "SELECT {TASK_COLUMNS} FROM applications a LEFT JOIN applications t ON t.links_to = a.id
         WHERE a.employer = $1 AND a.state = $2 ORDER BY a.sent_at, a.id"
    ))
    .bind(organisation.as_str())
    .bind(State::Sent.code())
    .fetch_all(pool)
    .await?;
    rows.into_iter().map(task_from).collect()
}

/// The sent application `public_id` if it is linked to `organisation`; nobody else's.
pub async fn task(pool: &Pool, organisation: BusinessId, public_id: &str) -> anyhow::Result<Option<Task>> {
    let row: Option<TaskRow> = sqlx::query_as(&format!(
        "SELECT {TASK_COLUMNS} FROM applications a LEFT JOIN applications t ON t.links_to = a.id
         WHERE a.public_id = $1 AND a.employer = $2 AND a.state = $3"
    ))
    .bind(public_id)
    .bind(organisation.as_str())
    .bind(State::Sent.code())
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
    let now = clock.now();
    sqlx::query(&format!(
        "INSERT INTO applications (public_id, organisation, links_to, kind, version, answers, created_at, updated_at, expires_at)
         SELECT $1, $2, a.id, $3, $4, {}, $6, $6, $7 FROM applications a
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
    type EmployerRow = (Option<String>, Option<String>, Option<String>, Option<i64>, Option<i64>);
    let row: Option<EmployerRow> = sqlx::query_as(
        "SELECT a.employer, t.public_id, t.state, t.sent_at, t.received_at
         FROM applications a LEFT JOIN applications t ON t.links_to = a.id WHERE a.id = $1",
    )
    .bind(id)
    .fetch_optional(pool)
    .await?;
    let Some((Some(employer), terms_id, terms_state, sent_at, received_at)) = row else { return Ok(None) };
    Ok(Some((employer, terms_from((terms_id, terms_state, sent_at, received_at)))))
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
