//! The applications table: a draft's answers, its state, and its expiry.

use super::{owned_by, Owner};
use crate::domain::application_state::ApplicationState as State;
use crate::domain::business_id::BusinessId;
use crate::domain::reference;
use crate::forms::answers::Answers;
use crate::forms::definition::FormDef;
use crate::server::clock::Clock;
use crate::server::db::{self, Dialect, Pool, Readers};
use rand::Rng;

/// How long a draft is kept after its last save.
pub const KEEP_DAYS: i64 = 90;

#[derive(Clone, Debug)]
pub struct Draft {
    pub id: i64,
    pub public_id: String,
    pub kind: String,
    pub version: i64,
    pub state: State,
    pub answers: Answers,
    pub reference: Option<String>,
    pub updated_at: i64,
    pub expires_at: i64,
    /// How many times it has been saved: a save names the revision it read.
    pub revision: i64,
    /// Milliseconds since the epoch: when it was sent, and when the case backend confirmed it
    /// received it.
    pub sent_at: Option<i64>,
    pub received_at: Option<i64>,
    /// The case backend's id of its case, from its receipt.
    pub case_id: Option<String>,
}

/// What became of a save.
#[derive(Debug, PartialEq, Eq)]
pub enum Saved {
    Written,
    /// It is no longer a draft (declared, or gone): nothing may change.
    Locked,
    /// Another request saved the draft between this one reading it and writing it back (the
    /// applicant has it open in two tabs). Nothing was written; the caller reads the draft
    /// again and applies its change to the newer answers, so neither save is lost.
    Changed,
}

/// What became of a declaration.
#[derive(Debug, PartialEq, Eq)]
pub enum Declared {
    /// Ready to pay, with this reference.
    Ready(String),
    /// It was no longer a draft.
    Locked,
    /// Saved since it was read: its completeness must be checked again.
    Changed,
}

pub(super) fn expiry(from: i64) -> i64 {
    from + KEEP_DAYS * 86_400
}

/// A new random public id: 20 characters of the reference alphabet (about 85 bits).
pub(super) fn new_public_id() -> String {
    let mut rng = rand::rng();
    (0..20)
        .map(|_| reference::ALPHABET[rng.random_range(0..reference::ALPHABET.len())] as char)
        .collect::<String>()
        .to_lowercase()
}

/// What starting an application came to.
#[derive(Debug, PartialEq, Eq)]
pub enum Started {
    /// A new draft, with this public id.
    New(String),
    /// The user's draft of the same kind, which goes on instead of a second one.
    Existing(String),
}

/// Starts an application of `def` for `owner`, unless they have a draft of that kind
/// already. One statement, so that two starts at once (a double click) make one draft.
/// Starts a draft of `def` with the answers `given` (the pre-check's, or none).
pub async fn start(
    pool: &Pool,
    clock: &Clock,
    owner: Owner,
    def: &FormDef,
    given: &Answers,
) -> anyhow::Result<Started> {
    let public_id = new_public_id();
    let now = clock.now();
    // The unique index of open drafts (`applications_one_draft`) decides between two starts
    // at two instances at once.
    let inserted = sqlx::query(&format!(
        "INSERT INTO applications (public_id, user_id, kind, version, answers, created_at, updated_at, expires_at)
         SELECT $1, $2, $3, $4, {}, $6, $6, $7
         WHERE NOT EXISTS (SELECT 1 FROM applications WHERE user_id = $2 AND kind = $3 AND state = $8)
         ON CONFLICT DO NOTHING",
        db::json_param(Dialect::of(pool), "$5")
    ))
    .bind(&public_id)
    .bind(owner.person())
    .bind(def.kind)
    .bind(i64::from(def.version))
    .bind(serde_json::to_string(given)?)
    .bind(now)
    .bind(expiry(now))
    .bind(State::Draft.code())
    .execute(pool)
    .await?;
    if inserted.rows_affected() == 1 {
        return Ok(Started::New(public_id));
    }
    let draft = open_draft(pool, owner, def.kind).await?;
    Ok(Started::Existing(draft.ok_or_else(|| anyhow::anyhow!("no new draft and no open one"))?.public_id))
}

/// The user's draft of `kind` (not yet confirmed), if there is one.
pub async fn open_draft(pool: &Pool, owner: Owner, kind: &str) -> anyhow::Result<Option<Draft>> {
    let row: Option<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM applications WHERE {} AND kind = $3 AND state = $4
         ORDER BY updated_at DESC, id DESC LIMIT 1",
        owned_by(1)
    ))
    .bind(owner.person())
    .bind(owner.organisation())
    .bind(kind)
    .bind(State::Draft.code())
    .fetch_optional(pool)
    .await?;
    row.map(from_row).transpose()
}

/// Deletes the user's draft `public_id`; a confirmed or sent application is never deleted
/// here. Whether a draft went.
pub async fn delete_draft(pool: &Pool, owner: Owner, public_id: &str) -> anyhow::Result<bool> {
    let result =
        sqlx::query(&format!("DELETE FROM applications WHERE public_id = $1 AND {} AND state = $4", owned_by(2)))
            .bind(public_id)
            .bind(owner.person())
            .bind(owner.organisation())
            .bind(State::Draft.code())
            .execute(pool)
            .await?;
    Ok(result.rows_affected() == 1)
}

pub(super) type Row =
    (i64, String, String, i64, String, String, Option<String>, i64, i64, i64, Option<i64>, Option<i64>, Option<String>);

pub(super) fn from_row(
    (
        id,
        public_id,
        kind,
        version,
        state,
        answers,
        reference,
        updated_at,
        expires_at,
        revision,
        sent_at,
        received_at,
        case_id,
    ): Row,
) -> anyhow::Result<Draft> {
    Ok(Draft {
        id,
        public_id,
        kind,
        version,
        state: State::from_code(&state).ok_or_else(|| anyhow::anyhow!("unknown application state {state:?}"))?,
        answers: serde_json::from_str(&answers)?,
        reference,
        updated_at,
        expires_at,
        revision,
        sent_at,
        received_at,
        case_id,
    })
}

/// The answers are read as text, which SQLite keeps them as and PostgreSQL's `JSONB` gives.
pub(super) const COLUMNS: &str =
    "id, public_id, kind, version, state, CAST(answers AS TEXT), reference, updated_at, expires_at, revision,
     sent_at, received_at, case_id";

/// The owner's application with this public id; nobody else's.
pub async fn find(readers: &Readers, owner: Owner, public_id: &str) -> anyhow::Result<Option<Draft>> {
    let sql = format!("SELECT {COLUMNS} FROM applications WHERE public_id = $1 AND {}", owned_by(2));
    let query = sqlx::query_as(&sql).bind(public_id).bind(owner.person()).bind(owner.organisation());
    let row: Option<Row> = readers.read(async |c| query.fetch_optional(c).await).await?;
    row.map(from_row).transpose()
}

/// The owner's applications, the latest saved first.
pub async fn list(pool: &Pool, owner: Owner) -> anyhow::Result<Vec<Draft>> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM applications WHERE {} ORDER BY updated_at DESC, id DESC",
        owned_by(1)
    ))
    .bind(owner.person())
    .bind(owner.organisation())
    .fetch_all(pool)
    .await?;
    rows.into_iter().map(from_row).collect()
}

/// Saves the answers of a draft as read (`draft`), and moves its expiry on.
pub async fn save(pool: &Pool, clock: &Clock, draft: &Draft, answers: &Answers) -> anyhow::Result<Saved> {
    let now = clock.now();
    let result = sqlx::query(&format!(
        "UPDATE applications SET answers = {}, updated_at = $2, expires_at = $3, revision = revision + 1
         WHERE id = $4 AND state = $5 AND revision = $6",
        db::json_param(Dialect::of(pool), "$1")
    ))
    .bind(serde_json::to_string(answers)?)
    .bind(now)
    .bind(expiry(now))
    .bind(draft.id)
    .bind(State::Draft.code())
    .bind(draft.revision)
    .execute(pool)
    .await?;
    if result.rows_affected() == 1 {
        return Ok(Saved::Written);
    }
    Ok(if still_a_draft(pool, draft).await? { Saved::Changed } else { Saved::Locked })
}

/// After an update of `draft` that changed nothing: whether it is still a draft (so it was
/// changed in between) rather than gone on or deleted.
async fn still_a_draft(pool: &Pool, draft: &Draft) -> anyhow::Result<bool> {
    let state: Option<String> =
        sqlx::query_scalar("SELECT state FROM applications WHERE id = $1").bind(draft.id).fetch_optional(pool).await?;
    Ok(state.as_deref() == Some(State::Draft.code()))
}

/// Moves a draft, as read and found complete (`draft`), on to "ready to pay" with a new
/// reference; shared from then on with `employer`, when the applicant consented
/// (`forms::link::employer`).
pub async fn declare(
    pool: &Pool,
    clock: &Clock,
    draft: &Draft,
    employer: Option<BusinessId>,
) -> anyhow::Result<Declared> {
    let (from, to) = (State::Draft, State::ReadyToPay);
    debug_assert!(from.can_move_to(to));
    // A clash of references is unlikely; the unique index catches it, and a new one is drawn.
    for _ in 0..5 {
        let numbers: [u32; 10] = rand::rng().random();
        let reference = reference::from_numbers(numbers);
        let result = sqlx::query(
            "UPDATE applications SET state = $1, reference = $2, updated_at = $3, revision = revision + 1, employer = $7
             WHERE id = $4 AND state = $5 AND revision = $6",
        )
        .bind(to.code())
        .bind(&reference)
        .bind(clock.now())
        .bind(draft.id)
        .bind(from.code())
        .bind(draft.revision)
        .bind(employer.map(String::from))
        .execute(pool)
        .await;
        match result {
            Ok(done) if done.rows_affected() == 1 => return Ok(Declared::Ready(reference)),
            Ok(_) if still_a_draft(pool, draft).await? => return Ok(Declared::Changed),
            Ok(_) => return Ok(Declared::Locked),
            Err(sqlx::Error::Database(e)) if e.is_unique_violation() => continue,
            Err(e) => return Err(e.into()),
        }
    }
    anyhow::bail!("could not draw a free application reference")
}

/// Deletes drafts whose time is up; returns how many.
pub async fn delete_expired(pool: &Pool, clock: &Clock) -> anyhow::Result<u64> {
    let mut deleted = 0;
    for state in State::ALL.into_iter().filter(|state| state.expires()) {
        let result = sqlx::query("DELETE FROM applications WHERE state = $1 AND expires_at < $2")
            .bind(state.code())
            .bind(clock.now())
            .execute(pool)
            .await?;
        deleted += result.rows_affected();
    }
    Ok(deleted)
}

/// Deletes the owner's applications that were not sent (when the account is deleted).
pub async fn delete_unsent(pool: &Pool, owner: Owner) -> anyhow::Result<()> {
    for state in State::ALL.into_iter().filter(|state| state.deleted_with_account()) {
        sqlx::query(&format!("DELETE FROM applications WHERE {} AND state = $3", owned_by(1)))
            .bind(owner.person())
            .bind(owner.organisation())
            .bind(state.code())
            .execute(pool)
            .await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forms::catalogue::{FIRST_STUDIES, FIRST_WORK};
    use crate::server::accounts::users;
    use crate::server::db;

    /// A new draft of `def` for `owner`, who must not have one of that kind.
    async fn create(pool: &Pool, clock: &Clock, owner: Owner, def: &FormDef) -> anyhow::Result<String> {
        match start(pool, clock, owner, def, &Answers::default()).await? {
            Started::New(public_id) => Ok(public_id),
            Started::Existing(public_id) => anyhow::bail!("a draft of that kind exists: {public_id}"),
        }
    }

    #[tokio::test]
    async fn one_draft_of_a_kind_goes_on_and_only_a_draft_can_be_deleted() {
        let (pool, clock) = (db::scratch::connect().await, Clock::system());
        let readers = Readers::of(&pool);
        let maria = Owner::Person(users::create_for_test(&pool, "maria@example.fi", true).await);
        let first = create(&pool, &clock, maria, &FIRST_WORK).await.unwrap();
        assert_eq!(
            start(&pool, &clock, maria, &FIRST_WORK, &Answers::default()).await.unwrap(),
            Started::Existing(first.clone())
        );
        assert!(matches!(
            start(&pool, &clock, maria, &FIRST_STUDIES, &Answers::default()).await.unwrap(),
            Started::New(_)
        ));
        let other = Owner::Person(users::create_for_test(&pool, "other@example.fi", true).await);
        assert!(!delete_draft(&pool, other, &first).await.unwrap(), "not another user's");

        let draft = find(&readers, maria, &first).await.unwrap().unwrap();
        let Declared::Ready(_) = declare(&pool, &clock, &draft, None).await.unwrap() else { panic!("not declared") };
        assert!(!delete_draft(&pool, maria, &first).await.unwrap(), "a confirmed application stays");
        let second = create(&pool, &clock, maria, &FIRST_WORK).await.unwrap();
        assert_ne!(second, first, "a confirmed one is no draft to go on with");
        assert!(delete_draft(&pool, maria, &second).await.unwrap());
        assert!(find(&readers, maria, &second).await.unwrap().is_none());
    }

    /// Starts arriving at once (a double click, or two instances) make one draft.
    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn starts_at_once_make_one_draft() {
        let (pool, clock) = (db::scratch::connect().await, Clock::system());
        let maria = Owner::Person(users::create_for_test(&pool, "maria@example.fi", true).await);
        let starts = (0..8).map(|_| {
            let (pool, clock) = (pool.clone(), clock.clone());
            tokio::spawn(async move { start(&pool, &clock, maria, &FIRST_WORK, &Answers::default()).await.unwrap() })
        });
        let ids: std::collections::BTreeSet<String> = futures::future::join_all(starts)
            .await
            .into_iter()
            .map(|started| match started.unwrap() {
                Started::New(id) | Started::Existing(id) => id,
            })
            .collect();
        assert_eq!(ids.len(), 1, "{ids:?}");
        assert_eq!(list(&pool, maria).await.unwrap().len(), 1);
    }

    #[tokio::test]
    async fn a_draft_is_its_owners_only_and_frozen_once_declared() {
        let (pool, clock) = (db::scratch::connect().await, Clock::system());
        let readers = Readers::of(&pool);
        let maria = Owner::Person(users::create_for_test(&pool, "maria@example.fi", true).await);
        let other = Owner::Person(users::create_for_test(&pool, "other@example.fi", true).await);
        let public_id = create(&pool, &clock, maria, &FIRST_WORK).await.unwrap();
        assert_eq!(public_id.len(), 20);
        assert!(find(&readers, other, &public_id).await.unwrap().is_none(), "not another user's");
        let draft = find(&readers, maria, &public_id).await.unwrap().unwrap();
        assert_eq!((draft.state, draft.kind.as_str()), (State::Draft, "first-work"));
        assert!(draft.expires_at - draft.updated_at == KEEP_DAYS * 86_400);

        let mut answers = Answers::default();
        answers.values.insert("surname".into(), "VIRTANEN".into());
        assert_eq!(save(&pool, &clock, &draft, &answers).await.unwrap(), Saved::Written);
        let saved = find(&readers, maria, &public_id).await.unwrap().unwrap();
        let Declared::Ready(reference) = declare(&pool, &clock, &saved, None).await.unwrap() else {
            panic!("not declared")
        };
        assert!(reference::parse(&reference).is_some());
        let after = find(&readers, maria, &public_id).await.unwrap().unwrap();
        assert_eq!(
            save(&pool, &clock, &after, &Answers::default()).await.unwrap(),
            Saved::Locked,
            "no change after it"
        );
        assert_eq!(declare(&pool, &clock, &after, None).await.unwrap(), Declared::Locked);
        assert_eq!(find(&readers, maria, &public_id).await.unwrap().unwrap().answers, answers);
    }

    #[tokio::test]
    async fn a_save_from_a_stale_read_is_refused_not_written() {
        let (pool, clock) = (db::scratch::connect().await, Clock::system());
        let readers = Readers::of(&pool);
        let maria = Owner::Person(users::create_for_test(&pool, "maria@example.fi", true).await);
        let public_id = create(&pool, &clock, maria, &FIRST_WORK).await.unwrap();
        let first_tab = find(&readers, maria, &public_id).await.unwrap().unwrap();
        let second_tab = first_tab.clone();

        let mut answers = Answers::default();
        answers.values.insert("surname".into(), "VIRTANEN".into());
        assert_eq!(save(&pool, &clock, &first_tab, &answers).await.unwrap(), Saved::Written);
        assert_eq!(save(&pool, &clock, &second_tab, &Answers::default()).await.unwrap(), Saved::Changed);
        assert_eq!(
            declare(&pool, &clock, &second_tab, None).await.unwrap(),
            Declared::Changed,
            "declared only as last read"
        );
        let now = find(&readers, maria, &public_id).await.unwrap().unwrap();
        assert_eq!((now.answers, now.state), (answers, State::Draft), "the stale saves wrote nothing");
    }

    #[tokio::test]
    async fn expired_drafts_are_deleted_and_sent_applications_kept() {
        let (pool, clock) = (db::scratch::connect().await, Clock::system());
        let readers = Readers::of(&pool);
        let maria = Owner::Person(users::create_for_test(&pool, "maria@example.fi", true).await);
        let old = create(&pool, &clock, maria, &FIRST_WORK).await.unwrap();
        let sent = create(&pool, &clock, maria, &FIRST_STUDIES).await.unwrap();
        clock.advance(KEEP_DAYS * 86_400 + 1);
        sqlx::query("UPDATE applications SET state = $1 WHERE public_id = $2")
            .bind(State::Sent.code())
            .bind(&sent)
            .execute(&pool)
            .await
            .unwrap();
        assert_eq!(delete_expired(&pool, &clock).await.unwrap(), 1);
        assert!(find(&readers, maria, &old).await.unwrap().is_none());
        assert!(find(&readers, maria, &sent).await.unwrap().is_some());
    }
}

// ---------------------------------------------------------------- for the other features
//
// Nobody else reads or writes the applications table: what another feature needs of an
// application goes through these.

/// An application's row held for the rest of `tx` (locked on PostgreSQL; SQLite's write
/// transaction holds the whole database): a change of another feature that depends on the
/// application's state (a file added to a draft, a payment applied, sending) takes it first,
/// so that the state cannot move under it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Held {
    pub id: i64,
    pub state: State,
    /// None once the applicant's account is gone (a sent application stays).
    pub owner: Option<Owner>,
}

/// Holds the application `id` for the rest of `tx`.
pub async fn hold(tx: &mut db::Tx, id: i64) -> anyhow::Result<Option<Held>> {
    let lock = db::row_lock(Dialect::of_tx(tx));
    let row: Option<(i64, String, Option<i64>, Option<String>)> =
        sqlx::query_as(&format!("SELECT id, state, user_id, organisation FROM applications WHERE id = $1{lock}"))
            .bind(id)
            .fetch_optional(&mut **tx)
            .await?;
    let Some((id, state, user_id, organisation)) = row else { return Ok(None) };
    let owner = match (user_id, organisation.as_deref().and_then(BusinessId::parse)) {
        (Some(user_id), _) => Owner::Person(user_id),
        (None, Some(organisation)) => Owner::Organisation(organisation),
        // The applicant's account is gone: a sent application stays, owned by nobody.
        (None, None) => {
            return Ok(Some(Held { id, state: State::from_code(&state).unwrap_or(State::Draft), owner: None }))
        }
    };
    Ok(Some(Held { id, state: State::from_code(&state).unwrap_or(State::Draft), owner: Some(owner) }))
}

/// Holds `owner`'s application `public_id` for the rest of `tx`; nobody else's.
pub async fn hold_owned(tx: &mut db::Tx, owner: Owner, public_id: &str) -> anyhow::Result<Option<Held>> {
    let id: Option<i64> =
        sqlx::query_scalar(&format!("SELECT id FROM applications WHERE public_id = $1 AND {}", owned_by(2)))
            .bind(public_id)
            .bind(owner.person())
            .bind(owner.organisation())
            .fetch_optional(&mut **tx)
            .await?;
    match id {
        Some(id) => hold(tx, id).await,
        None => Ok(None),
    }
}

/// The application `id` as `tx` reads it.
pub async fn read(tx: &mut db::Tx, id: i64) -> anyhow::Result<Draft> {
    let row: Row = sqlx::query_as(&format!("SELECT {COLUMNS} FROM applications WHERE id = $1"))
        .bind(id)
        .fetch_one(&mut **tx)
        .await?;
    from_row(row)
}

/// Moves the held application `held` to sent, now.
pub async fn mark_sent(tx: &mut db::Tx, clock: &Clock, held: Held) -> anyhow::Result<()> {
    anyhow::ensure!(
        held.state.can_move_to(State::Sent),
        "application {} cannot be sent from {:?}",
        held.id,
        held.state
    );
    let changed = sqlx::query(
        "UPDATE applications SET state = $1, sent_at = $2, updated_at = $3, revision = revision + 1
         WHERE id = $4 AND state = $5",
    )
    .bind(State::Sent.code())
    .bind(clock.now_millis())
    .bind(clock.now())
    .bind(held.id)
    .bind(held.state.code())
    .execute(&mut **tx)
    .await?;
    anyhow::ensure!(changed.rows_affected() == 1, "the held application {} did not change", held.id);
    Ok(())
}

/// Records the case backend's receipt of the application `public_id`, once.
pub async fn mark_received(pool: &Pool, clock: &Clock, public_id: &str, case_id: &str) -> anyhow::Result<()> {
    sqlx::query("UPDATE applications SET received_at = $2, case_id = $3 WHERE public_id = $1 AND received_at IS NULL")
        .bind(public_id)
        .bind(clock.now_millis())
        .bind(case_id)
        .execute(pool)
        .await?;
    Ok(())
}

/// The sent application `public_id`: its row id and the case id its receipt gave, if the
/// receipt was recorded. None when no application by that id is sent.
pub async fn sent_case(pool: &Pool, public_id: &str) -> anyhow::Result<Option<(i64, Option<String>)>> {
    Ok(sqlx::query_as("SELECT id, case_id FROM applications WHERE public_id = $1 AND state = $2")
        .bind(public_id)
        .bind(State::Sent.code())
        .fetch_optional(pool)
        .await?)
}

/// The account that owns the application `id`, in `tx`: none for an organisation's, or once
/// the applicant's account is gone.
pub async fn owner_of(tx: &mut db::Tx, id: i64) -> anyhow::Result<Option<i64>> {
    Ok(sqlx::query_scalar("SELECT user_id FROM applications WHERE id = $1").bind(id).fetch_one(&mut **tx).await?)
}

/// The public id of the application `id`.
pub async fn public_id_of(pool: &Pool, id: i64) -> anyhow::Result<Option<String>> {
    Ok(sqlx::query_scalar("SELECT public_id FROM applications WHERE id = $1").bind(id).fetch_optional(pool).await?)
}

/// The state of the application `id`, if there is one.
pub async fn state_of(pool: &Pool, id: i64) -> anyhow::Result<Option<State>> {
    let state: Option<String> =
        sqlx::query_scalar("SELECT state FROM applications WHERE id = $1").bind(id).fetch_optional(pool).await?;
    Ok(state.as_deref().and_then(State::from_code))
}

/// The ids of `owner`'s applications, in `tx`.
pub async fn ids_of(tx: &mut db::Tx, owner: Owner) -> anyhow::Result<Vec<i64>> {
    Ok(sqlx::query_scalar(&format!("SELECT id FROM applications WHERE {} ORDER BY id", owned_by(1)))
        .bind(owner.person())
        .bind(owner.organisation())
        .fetch_all(&mut **tx)
        .await?)
}

/// The references of the applications `public_ids` (those that have one), by public id.
pub async fn references(
    pool: &Pool,
    public_ids: &[String],
) -> anyhow::Result<std::collections::HashMap<String, String>> {
    let mut found = std::collections::HashMap::new();
    // One statement per few hundred ids (the staff page and the metrics ask for every failing
    // delivery's, which an outage makes many), within any database's limit of parameters.
    for ids in public_ids.chunks(500) {
        let placeholders: Vec<String> = (1..=ids.len()).map(|n| format!("${n}")).collect();
        let sql = format!(
            "SELECT public_id, reference FROM applications WHERE reference IS NOT NULL AND public_id IN ({})",
            placeholders.join(", ")
        );
        let rows: Vec<(String, String)> =
            ids.iter().fold(sqlx::query_as(&sql), |query, id| query.bind(id)).fetch_all(pool).await?;
        found.extend(rows);
    }
    Ok(found)
}

/// How many sent applications the case backend has not confirmed yet.
pub async fn awaiting_receipt(pool: &Pool) -> anyhow::Result<i64> {
    let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM applications WHERE state = $1 AND received_at IS NULL")
        .bind(State::Sent.code())
        .fetch_one(pool)
        .await?;
    Ok(count)
}

/// Retention: the answers of a sent application are kept `days` after the case backend
/// received it (which holds the case from then on); then only what the applicant's list
/// shows stays (type, reference, dates). How many were cleared.
pub async fn forget_received_answers(pool: &Pool, clock: &Clock, days: i64) -> anyhow::Result<u64> {
    let now = clock.now();
    let cleared = sqlx::query(&format!(
        "UPDATE applications SET answers = {}, updated_at = $2
         WHERE state = $4 AND received_at <= $3 AND updated_at * 1000 <= received_at",
        db::json_param(Dialect::of(pool), "$1")
    ))
    .bind(serde_json::to_string(&Answers::default())?)
    .bind(now)
    .bind((now - days * 86_400) * 1000)
    .bind(State::Sent.code())
    .execute(pool)
    .await?;
    Ok(cleared.rows_affected())
}

/// Removes the sent application `id` and, through their foreign keys, everything of its case
/// (its events, requests, replies, decision, files' rows): the end of its keeping once its
/// decision was served. False when there was no such sent application.
pub async fn remove_sent(pool: &Pool, id: i64) -> anyhow::Result<bool> {
    let removed = sqlx::query("DELETE FROM applications WHERE id = $1 AND state = $2")
        .bind(id)
        .bind(State::Sent.code())
        .execute(pool)
        .await?;
    Ok(removed.rows_affected() == 1)
}
