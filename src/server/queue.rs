//! The durable job queue: one table (`job_queue`) holds every piece of work that must happen
//! after a request has answered and must not be lost, today the e-mails and the deliveries of
//! sent applications to the case backend.
//!
//! - **Queued with what caused it.** [`enqueue`] runs on the caller's transaction, so the row
//!   exists exactly when the change that needs it was committed (the outbox pattern). A row's
//!   `dedup_key` is unique: queueing the same job twice queues it once.
//! - **Claimed under a lease.** A worker ([`run`]) in every instance claims one due row at a
//!   time with one `UPDATE … WHERE id = (SELECT … LIMIT 1)`: on PostgreSQL the inner select takes
//!   `FOR UPDATE SKIP LOCKED`, so instances never wait for each other nor take the same row; on
//!   SQLite the statement runs under the database's single write lock, which has the same
//!   effect. The claim lasts until `lease_until`: a row whose instance died (`kill -9`) is
//!   claimed again once its lease has run out, or at once by the same instance restarting.
//! - **At least once, idempotent in effect.** A job may run again after a crash between doing
//!   its work and marking the row done, so each kind makes a repeat harmless: a delivery carries
//!   an `Idempotency-Key` the case backend deduplicates by.
//! - **Retries.** A failure puts the row back with exponential backoff and jitter (or the
//!   `Retry-After` the other side asked for); after `max_attempts`, or a failure that no retry
//!   can mend, it is dead-lettered (`dead`) for staff to look at and re-queue.
//! - **Kinds register themselves.** What a job does is its kind's ([`JobKind`]): each feature
//!   defines its own (mail, deliveries) and the server registers them where it is assembled
//!   ([`Jobs`]); this module imports no feature.

use super::clock::Clock;
use super::db::{Dialect, Pool};
use super::AppState;
use rand::Rng;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{watch, Notify};

/// A kind of job: its code (the `kind` column), the errors its runs fail with, and what a run
/// does. A feature defines its kinds beside the work they do, queues them with [`enqueue`]
/// under its code and the [`Limit`] it chooses, and the server registers them ([`Jobs`]).
#[async_trait::async_trait]
pub trait JobKind: Send + Sync {
    /// The `kind` column.
    fn code(&self) -> &'static str;
    /// Every code its runs fail with, as `locales/*/settings.ftl` names them
    /// (`job-error-{code}`), so that the staff's page says each in its own language.
    fn errors(&self) -> &'static [&'static str];
    /// Whether this instance runs it (a delivery needs a case backend configured).
    fn runs_here(&self, _state: &AppState) -> bool {
        true
    }
    /// Runs one claimed job to its outcome.
    async fn run(&self, state: &AppState, job: &Job) -> Outcome;
}

/// The job kinds the server runs, registered where it is assembled.
#[derive(Clone)]
pub struct Jobs(Arc<Vec<Box<dyn JobKind>>>);

impl Jobs {
    pub fn new(kinds: Vec<Box<dyn JobKind>>) -> Jobs {
        Jobs(Arc::new(kinds))
    }

    /// Every registered kind's code, in the order registered.
    pub fn codes(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.0.iter().map(|kind| kind.code())
    }

    fn kind(&self, code: &str) -> Option<&dyn JobKind> {
        self.0.iter().find(|kind| kind.code() == code).map(|kind| kind.as_ref())
    }

    /// The kinds this instance runs.
    pub fn runnable(&self, state: &AppState) -> Vec<&'static str> {
        self.0.iter().filter(|kind| kind.runs_here(state)).map(|kind| kind.code()).collect()
    }

    /// Every error code any kind's runs fail with, and [`JobError::ABANDONED`].
    pub fn error_codes(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.0.iter().flat_map(|kind| kind.errors().iter().copied()).chain([JobError::ABANDONED])
    }

    /// A stored `last_error` read back; `None` for what no code names (a row of an older
    /// version).
    pub fn read_error(&self, stored: &str) -> Option<JobError> {
        let (code, detail) = match stored.split_once(' ') {
            Some((code, detail)) => (code, Some(detail.to_string())),
            None => (stored, None),
        };
        let code = self.error_codes().find(|known| *known == code)?;
        Some(JobError { code, detail })
    }
}

/// A claimed row.
#[derive(Clone, Debug)]
pub struct Job {
    pub id: i64,
    /// Its kind's code.
    pub kind: &'static str,
    pub dedup_key: String,
    pub payload: String,
    /// This run included.
    pub attempts: i64,
    pub max_attempts: i64,
    /// Unix milliseconds after which a failure is final, however many attempts are left.
    pub give_up_at: Option<i64>,
}

impl Job {
    /// Whether a failure of this run, at `now` (Unix milliseconds), is the last one.
    fn is_last_run(&self, now: i64) -> bool {
        self.attempts >= self.max_attempts || self.give_up_at.is_some_and(|at| now >= at)
    }
}

/// How long a job is tried before it is dead-lettered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Limit {
    /// This many runs.
    Attempts(i64),
    /// For this long after it was queued, however many runs that takes (a delivery rides out a
    /// backend's outage of hours).
    For(Duration),
}

/// What became of a run.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    Done,
    /// It may work later: try again after the backoff, or after `after` when the other side
    /// said when.
    Retry {
        error: JobError,
        after: Option<Duration>,
    },
    /// No retry can mend it: dead-letter at once.
    Fail(JobError),
}

/// Why a run failed: a code that the staff's page says in its own language
/// (`job-error-{code}`), and a detail that is never personal data (a status code). Stored in
/// `last_error` as `code` or `code detail`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JobError {
    pub code: &'static str,
    pub detail: Option<String>,
}

impl JobError {
    /// A run that never came back: its instance stopped each time (see [`bury_abandoned`]).
    pub const ABANDONED: &'static str = "abandoned";

    pub fn new(code: &'static str) -> JobError {
        JobError { code, detail: None }
    }

    pub fn with(code: &'static str, detail: impl ToString) -> JobError {
        JobError { code, detail: Some(detail.to_string()) }
    }

    /// As stored in `last_error`.
    pub fn stored(&self) -> String {
        match &self.detail {
            Some(detail) => format!("{} {detail}", self.code),
            None => self.code.to_string(),
        }
    }
}

impl std::fmt::Display for JobError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.stored())
    }
}

/// How retries are spaced: the first after about `first`, doubling up to `longest`, each
/// delay drawn from its upper half so that many failures at once do not retry in step.
#[derive(Clone, Copy, Debug)]
pub struct Backoff {
    pub first: Duration,
    pub longest: Duration,
}

impl Backoff {
    pub const DEFAULT: Backoff = Backoff { first: Duration::from_secs(2), longest: Duration::from_secs(600) };

    /// The wait after the `attempts`-th failed run.
    /// The wait before the next run after `attempts` runs. A wait the other side `asked` for
    /// (`Retry-After`) is a floor under the backoff, never a replacement for it: a backend that
    /// keeps asking for a second is not hammered every second for hours.
    pub fn delay(self, attempts: i64, asked: Option<Duration>) -> Duration {
        let exponent = u32::try_from(attempts.saturating_sub(1).clamp(0, 30)).unwrap_or(30);
        let full = self.first.saturating_mul(2u32.saturating_pow(exponent)).min(self.longest);
        let half = full / 2;
        let drawn = half + half.mul_f64(rand::rng().random::<f64>());
        drawn.max(asked.unwrap_or_default().min(self.longest))
    }
}

/// Queues a job on `executor` (the transaction of the change that needs it). False when a job
/// with the same `dedup_key` is already there.
pub async fn enqueue<'c, E>(
    executor: E,
    clock: &Clock,
    kind: &str,
    dedup_key: &str,
    payload: &str,
    limit: Limit,
) -> anyhow::Result<bool>
where
    E: sqlx::Executor<'c, Database = sqlx::Any>,
{
    let now = clock.now_millis();
    let (max_attempts, give_up_at) = match limit {
        Limit::Attempts(attempts) => (attempts, None),
        Limit::For(time) => (i64::from(i32::MAX), Some(now + i64::try_from(time.as_millis()).unwrap_or(i64::MAX / 4))),
    };
    let inserted = sqlx::query(
        "INSERT INTO job_queue (kind, dedup_key, payload, state, attempts, max_attempts, give_up_at, run_at, created_at)
         VALUES ($1, $2, $3, 'queued', 0, $4, $5, $6, $6) ON CONFLICT (dedup_key) DO NOTHING",
    )
    .bind(kind)
    .bind(dedup_key)
    .bind(payload)
    .bind(max_attempts)
    .bind(give_up_at)
    .bind(now)
    .execute(executor)
    .await?;
    Ok(inserted.rows_affected() == 1)
}

type JobRow = (i64, String, String, String, i64, i64, Option<i64>);

/// Claims the due job of one of `kinds` (codes of registered kinds) that has waited longest,
/// for `instance`, until `lease` from now.
pub async fn claim(
    pool: &Pool,
    clock: &Clock,
    instance: &str,
    kinds: &[&'static str],
    lease: Duration,
) -> anyhow::Result<Option<Job>> {
    if kinds.is_empty() {
        return Ok(None);
    }
    let now = clock.now_millis();
    // The codes are the registered kinds' own constants, never input.
    let kinds_sql = kinds.iter().map(|kind| format!("'{kind}'")).collect::<Vec<_>>().join(", ");
    let skip_locked = match Dialect::of(pool) {
        Dialect::Postgres => " FOR UPDATE SKIP LOCKED",
        Dialect::Sqlite => "",
    };
    let row: Option<JobRow> = sqlx::query_as(&format!(
        "UPDATE job_queue SET state = 'running', attempts = attempts + 1, claimed_by = $1, lease_until = $2 + $3
         WHERE id = (
             SELECT id FROM job_queue
             WHERE kind IN ({kinds_sql})
               AND ((state = 'queued' AND run_at <= $2)
                    OR (state = 'running' AND lease_until <= $2 AND attempts < max_attempts))
             ORDER BY run_at, id LIMIT 1{skip_locked}
         )
         RETURNING id, kind, dedup_key, payload, attempts, max_attempts, give_up_at"
    ))
    .bind(instance)
    .bind(now)
    .bind(i64::try_from(lease.as_millis()).unwrap_or(i64::MAX / 2))
    .fetch_optional(pool)
    .await?;
    row.map(|(id, kind, dedup_key, payload, attempts, max_attempts, give_up_at)| {
        let kind =
            kinds.iter().find(|code| **code == kind).ok_or_else(|| anyhow::anyhow!("unknown job kind {kind:?}"))?;
        Ok(Job { id, kind, dedup_key, payload, attempts, max_attempts, give_up_at })
    })
    .transpose()
}

/// Records what became of `job`'s run.
pub async fn finish(pool: &Pool, clock: &Clock, job: &Job, outcome: &Outcome, backoff: Backoff) -> anyhow::Result<()> {
    let now = clock.now_millis();
    let (state, error, run_at) = match outcome {
        Outcome::Done => ("done", None, now),
        Outcome::Fail(error) => ("dead", Some(error.stored()), now),
        Outcome::Retry { error, .. } if job.is_last_run(now) => ("dead", Some(error.stored()), now),
        Outcome::Retry { error, after } => {
            let wait = backoff.delay(job.attempts, *after);
            ("queued", Some(error.stored()), now + i64::try_from(wait.as_millis()).unwrap_or(i64::MAX / 4))
        }
    };
    let finished = (state != "queued").then_some(now);
    // Only while the claim is still this one (each claim counts an attempt): a run that
    // outlived its lease, after another instance took the job over, has no say on it.
    sqlx::query(
        "UPDATE job_queue SET state = $2, last_error = $3, run_at = $4, finished_at = $5, lease_until = NULL
         WHERE id = $1 AND state = 'running' AND attempts = $6",
    )
    .bind(job.id)
    .bind(state)
    .bind(error)
    .bind(run_at)
    .bind(finished)
    .bind(job.attempts)
    .execute(pool)
    .await?;
    match outcome {
        Outcome::Done => tracing::info!(job = job.id, kind = job.kind, attempts = job.attempts, "job done"),
        Outcome::Retry { error, .. } | Outcome::Fail(error) => {
            tracing::warn!(job = job.id, kind = job.kind, attempts = job.attempts, %error, state, "job failed")
        }
    }
    Ok(())
}

/// Puts the rows `instance` holds back in the queue: at a graceful stop for the jobs it could
/// not finish, and at start for those a crash of the same instance left claimed.
pub async fn release(pool: &Pool, instance: &str) -> anyhow::Result<u64> {
    let released = sqlx::query(
        "UPDATE job_queue SET state = 'queued', attempts = attempts - 1, lease_until = NULL
         WHERE state = 'running' AND claimed_by = $1",
    )
    .bind(instance)
    .execute(pool)
    .await?;
    Ok(released.rows_affected())
}

/// Dead-letters the rows whose last permitted run never came back (its instance died each
/// time: the job may be what kills it).
pub async fn bury_abandoned(pool: &Pool, clock: &Clock) -> anyhow::Result<u64> {
    let buried = sqlx::query(
        "UPDATE job_queue SET state = 'dead', finished_at = $1, lease_until = NULL,
             last_error = 'abandoned'
         WHERE state = 'running' AND lease_until <= $1 AND (attempts >= max_attempts OR give_up_at <= $1)",
    )
    .bind(clock.now_millis())
    .execute(pool)
    .await?;
    Ok(buried.rows_affected())
}

/// Puts the dead-lettered job `id` back in the queue with its attempts, and the time it may be
/// tried for, counted anew. Whether there was such a dead job.
pub async fn requeue(pool: &Pool, clock: &Clock, id: i64) -> anyhow::Result<bool> {
    let requeued = sqlx::query(
        "UPDATE job_queue SET state = 'queued', attempts = 0, run_at = $2, finished_at = NULL, created_at = $2,
             give_up_at = $2 + (give_up_at - created_at)
         WHERE id = $1 AND state = 'dead'",
    )
    .bind(id)
    .bind(clock.now_millis())
    .execute(pool)
    .await?;
    Ok(requeued.rows_affected() == 1)
}

/// The queue's kinds, settings and wake-up bell: [`enqueue`]rs in this instance ring it so the
/// worker starts at once instead of at its next look.
#[derive(Clone)]
pub struct Queue {
    pub jobs: Jobs,
    bell: Arc<Notify>,
    /// How many jobs this instance runs at once.
    pub concurrency: usize,
    /// How long a claim lasts: longer than any job's own time limit.
    pub lease: Duration,
    pub backoff: Backoff,
}

impl Queue {
    pub fn new(jobs: Jobs, concurrency: usize, lease: Duration, backoff: Backoff) -> Queue {
        Queue { jobs, bell: Arc::new(Notify::new()), concurrency, lease, backoff }
    }

    /// Tells this instance's worker that a job was committed.
    pub fn ring(&self) {
        self.bell.notify_one();
    }
}

/// How often an idle worker looks for due jobs queued by other instances or coming due.
const LOOK_EVERY: Duration = Duration::from_millis(500);

/// Runs one claimed job to its outcome, through its kind.
async fn perform(state: &AppState, job: &Job) -> Outcome {
    match state.queue.jobs.kind(job.kind) {
        Some(kind) => kind.run(state, job).await,
        // `claim` takes only registered kinds.
        None => Outcome::Fail(JobError::new(JobError::ABANDONED)),
    }
}

/// Claims and runs one job of `kinds`; false when none was due.
#[cfg(any(test, feature = "test-support"))]
async fn run_one(state: &AppState, kinds: &[&'static str]) -> anyhow::Result<bool> {
    let queue = &state.queue;
    let Some(job) = claim(&state.db, &state.clock, &state.config.instance, kinds, queue.lease).await? else {
        return Ok(false);
    };
    run_claimed(state, &job).await?;
    Ok(true)
}

/// Runs a claimed job and records its outcome.
async fn run_claimed(state: &AppState, job: &Job) -> anyhow::Result<()> {
    let outcome = perform(state, job).await;
    finish(&state.db, &state.clock, job, &outcome, state.queue.backoff).await
}

/// Runs the due jobs of `kinds` one after another until none is due: for tests and commands
/// that need the queue's work done before they go on.
#[cfg(any(test, feature = "test-support"))]
pub async fn run_until_idle(state: &AppState, kinds: &[&'static str]) -> anyhow::Result<u64> {
    let mut ran = 0;
    while run_one(state, kinds).await? {
        ran += 1;
    }
    Ok(ran)
}

/// The worker of this instance: up to `concurrency` jobs at once until `stop` turns true; then
/// it waits for the jobs it is running (each bounded by its own time limit) and gives back any
/// claim left.
pub async fn run(state: AppState, mut stop: watch::Receiver<bool>) {
    let instance = state.config.instance.clone();
    match release(&state.db, &instance).await {
        Ok(0) => {}
        Ok(released) => tracing::info!(released, %instance, "took back the jobs this instance held when it stopped"),
        Err(error) => tracing::error!(%error, "could not release this instance's old claims"),
    }
    let kinds = state.queue.jobs.runnable(&state);
    let mut running = tokio::task::JoinSet::new();
    while !*stop.borrow() {
        let mut claimed = false;
        if running.len() < state.queue.concurrency {
            match claim(&state.db, &state.clock, &instance, &kinds, state.queue.lease).await {
                Ok(Some(job)) => {
                    claimed = true;
                    let state = state.clone();
                    running.spawn(async move {
                        if let Err(error) = run_claimed(&state, &job).await {
                            tracing::error!(%error, job = job.id, "could not record a job's outcome");
                        }
                    });
                }
                Ok(None) => {}
                Err(error) => tracing::error!(%error, "could not claim a job"),
            }
        }
        if claimed {
            continue;
        }
        if let Err(error) = bury_abandoned(&state.db, &state.clock).await {
            tracing::error!(%error, "could not dead-letter abandoned jobs");
        }
        tokio::select! {
            _ = state.queue.bell.notified() => {}
            _ = tokio::time::sleep(LOOK_EVERY) => {}
            Some(_) = running.join_next(), if !running.is_empty() => {}
            _ = stop.changed() => {}
        }
    }
    while running.join_next().await.is_some() {}
    if let Err(error) = release(&state.db, &instance).await {
        tracing::error!(%error, "could not give back this instance's claims");
    }
    tracing::info!(%instance, "the job worker stopped");
}

/// What the staff's operations page shows of the queue, per kind.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KindStats {
    pub waiting: i64,
    pub oldest_waiting_ms: Option<i64>,
    pub done_last_hour: i64,
    pub dead: i64,
}

/// A job that failed at least once and is not done: retrying, or dead.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    pub id: i64,
    pub kind: String,
    pub state: String,
    pub attempts: i64,
    pub error: String,
    /// Milliseconds since the epoch: the next run, or when it died.
    pub at: i64,
}

pub async fn stats(pool: &Pool, clock: &Clock, kind: &str) -> anyhow::Result<KindStats> {
    let now = clock.now_millis();
    let (waiting, oldest): (i64, Option<i64>) = sqlx::query_as(
        "SELECT COUNT(*), MIN(created_at) FROM job_queue WHERE kind = $1 AND (state = 'queued' OR state = 'running')",
    )
    .bind(kind)
    .fetch_one(pool)
    .await?;
    let (done_last_hour,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM job_queue WHERE kind = $1 AND state = 'done' AND finished_at > $2")
            .bind(kind)
            .bind(now - 3_600_000)
            .fetch_one(pool)
            .await?;
    let (dead,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM job_queue WHERE kind = $1 AND state = 'dead'")
        .bind(kind)
        .fetch_one(pool)
        .await?;
    Ok(KindStats { waiting, oldest_waiting_ms: oldest.map(|created| now - created), done_last_hour, dead })
}

/// A job of one kind that failed at least once and is not done.
pub struct FailingJob {
    pub id: i64,
    pub dedup_key: String,
    /// Unix milliseconds.
    pub created_at: i64,
}

/// The jobs of `kind` that have failed and are not done, oldest first.
pub async fn failing(pool: &Pool, kind: &str) -> anyhow::Result<Vec<FailingJob>> {
    let rows: Vec<(i64, String, i64)> = sqlx::query_as(
        "SELECT id, dedup_key, created_at FROM job_queue
         WHERE kind = $1 AND state <> 'done' AND last_error IS NOT NULL ORDER BY created_at, id",
    )
    .bind(kind)
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(|(id, dedup_key, created_at)| FailingJob { id, dedup_key, created_at }).collect())
}

/// The latest `limit` jobs that failed and are not done, dead ones first.
pub async fn failures(pool: &Pool, limit: i64) -> anyhow::Result<Vec<Failure>> {
    let rows: Vec<(i64, String, String, i64, String, i64)> = sqlx::query_as(
        "SELECT id, kind, state, attempts, last_error, COALESCE(finished_at, run_at) FROM job_queue
         WHERE last_error IS NOT NULL AND state <> 'done'
         ORDER BY CASE WHEN state = 'dead' THEN 0 ELSE 1 END, COALESCE(finished_at, run_at) DESC LIMIT $1",
    )
    .bind(limit)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, kind, state, attempts, error, at)| Failure { id, kind, state, attempts, error, at })
        .collect())
}

/// Removes finished rows older than `days`: the queue is not an archive (the audit log and the
/// applications' own columns are).
pub async fn forget_finished(pool: &Pool, clock: &Clock, days: i64) -> anyhow::Result<u64> {
    let gone = sqlx::query("DELETE FROM job_queue WHERE state = 'done' AND finished_at < $1")
        .bind(clock.now_millis() - days * 86_400_000)
        .execute(pool)
        .await?;
    Ok(gone.rows_affected())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_within_its_upper_half_and_stops_at_the_longest() {
        let backoff = Backoff { first: Duration::from_secs(2), longest: Duration::from_secs(60) };
        for attempts in 1..=10 {
            let full = Duration::from_secs(2 * 2u64.pow(u32::try_from(attempts - 1).unwrap())).min(backoff.longest);
            for _ in 0..50 {
                let delay = backoff.delay(attempts, None);
                assert!(
                    delay >= full / 2 && delay <= full,
                    "attempt {attempts}: {delay:?} not in {full:?}/2..{full:?}"
                );
            }
        }
    }

    /// `Retry-After` is a floor, up to the longest wait; the backoff still grows under it.
    #[test]
    fn an_asked_wait_is_a_floor_under_the_backoff() {
        let backoff = Backoff { first: Duration::from_secs(1), longest: Duration::from_secs(60) };
        assert_eq!(backoff.delay(1, Some(Duration::from_secs(7))), Duration::from_secs(7));
        assert_eq!(backoff.delay(1, Some(Duration::from_secs(3600))), Duration::from_secs(60));
        for _ in 0..50 {
            assert!(
                backoff.delay(8, Some(Duration::from_secs(1))) >= Duration::from_secs(30),
                "asked 1 s, 8th attempt"
            );
        }
    }
}
