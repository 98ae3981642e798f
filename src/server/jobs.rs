//! Scheduled jobs: clearing away expired drafts, sessions, rate-limit counts, the files of
//! attachments that no row names, what the retention of sent applications lets go, and the job
//! queue's finished rows. (Work a request hands on is not here: it goes on the durable queue,
//! server::queue.) Every instance
//! runs the schedule, and each run of a job happens on one instance only: the instance that
//! moves the job's `next_run_at` on (one conditional `UPDATE`, which the database applies to
//! one instance at a time) runs it, and the others see it already moved. This works the same
//! on SQLite and PostgreSQL, needs no lock held for the length of the job, and an instance that
//! dies in a job only delays its next run by one interval.

use super::accounts::session;
use super::applications::drafts;
use super::clock::Clock;
use super::db::Pool;
use super::AppState;
use std::time::Duration;

/// A job: its name in `scheduled_jobs`, how often it runs, and what it does (returning how
/// many rows it cleared).
struct Job {
    name: &'static str,
    every_seconds: i64,
    run: for<'a> fn(&'a AppState) -> futures::future::BoxFuture<'a, anyhow::Result<u64>>,
}

const JOBS: [Job; 13] = [
    // Drafts are kept 90 days from their last save; then they go.
    Job { name: "delete-expired-drafts", every_seconds: 3600, run: |state| Box::pin(delete_expired_drafts(state)) },
    Job { name: "delete-expired-sessions", every_seconds: 3600, run: |state| Box::pin(delete_expired_sessions(state)) },
    Job { name: "forget-idle-rate-limits", every_seconds: 600, run: |state| Box::pin(forget_idle_rate_limits(state)) },
    Job { name: "remove-unnamed-files", every_seconds: 3600, run: |state| Box::pin(remove_unnamed_files(state)) },
    // Sent applications' files and answers, as docs/case-backend.md's retention says.
    Job { name: "forget-fetched-files", every_seconds: 3600, run: |state| Box::pin(forget_fetched_files(state)) },
    Job { name: "forget-received-answers", every_seconds: 3600, run: |state| Box::pin(forget_received_answers(state)) },
    // Requests for additional information whose last day is near: their applicants reminded.
    Job { name: "remind-requests", every_seconds: 3600, run: |state| Box::pin(remind_requests(state)) },
    // Employees' applications whose terms of employment are still needed: their organisations'
    // users reminded.
    Job { name: "remind-employers", every_seconds: 3600, run: |state| Box::pin(remind_employers(state)) },
    // Decisions not opened within 7 days reported, so that they are posted; applications whose
    // decision was served a year ago (PORTAL_DECISION_KEEP_DAYS) removed.
    Job { name: "report-unopened-decisions", every_seconds: 3600, run: |state| Box::pin(report_unopened(state)) },
    Job { name: "remove-served-decisions", every_seconds: 3600, run: |state| Box::pin(remove_served(state)) },
    // Message codes past PORTAL_MESSAGE_CODE_DAYS, and handled reports of scams after a year.
    Job {
        name: "forget-expired-message-codes",
        every_seconds: 3600,
        run: |state| Box::pin(forget_message_codes(state)),
    },
    Job { name: "forget-handled-reports", every_seconds: 3600, run: |state| Box::pin(forget_handled_reports(state)) },
    // The queue's finished rows are kept a week for the operations page.
    Job { name: "forget-finished-jobs", every_seconds: 3600, run: |state| Box::pin(forget_finished_jobs(state)) },
];

/// How often an instance looks whether a job is due.
const POLL: Duration = Duration::from_secs(30);

async fn delete_expired_drafts(state: &AppState) -> anyhow::Result<u64> {
    drafts::delete_expired(&state.db, &state.clock).await
}

async fn delete_expired_sessions(state: &AppState) -> anyhow::Result<u64> {
    session::Store::new(state.db.clone(), state.readers.clone(), state.clock.clone()).delete_expired().await
}

async fn forget_idle_rate_limits(state: &AppState) -> anyhow::Result<u64> {
    state.limits.forget_idle().await
}

async fn forget_message_codes(state: &AppState) -> anyhow::Result<u64> {
    super::mail::codes::forget_expired(&state.db, &state.clock).await
}

async fn forget_handled_reports(state: &AppState) -> anyhow::Result<u64> {
    super::trust::reports::forget_handled(&state.db, &state.clock).await
}

async fn remove_unnamed_files(state: &AppState) -> anyhow::Result<u64> {
    let in_use = [super::decisions::KEY_IN_USE];
    super::attachments::remove_unnamed(&state.db, &state.clock, state.storage.as_ref(), &in_use).await
}

async fn forget_fetched_files(state: &AppState) -> anyhow::Result<u64> {
    super::attachments::files::forget_fetched(&state.db, &state.clock, state.config.sent_files_grace).await
}

async fn forget_received_answers(state: &AppState) -> anyhow::Result<u64> {
    super::applications::drafts::forget_received_answers(&state.db, &state.clock, state.config.sent_answers_days).await
}

async fn remind_employers(state: &AppState) -> anyhow::Result<u64> {
    super::organisations::remind(state, state.config.employer_reminder_days).await
}

async fn remind_requests(state: &AppState) -> anyhow::Result<u64> {
    super::requests::remind(state, state.config.request_reminder_days).await
}

async fn report_unopened(state: &AppState) -> anyhow::Result<u64> {
    super::decisions::report_unopened(state).await
}

async fn remove_served(state: &AppState) -> anyhow::Result<u64> {
    super::decisions::remove_served(state, state.config.decision_keep_days).await
}

async fn forget_finished_jobs(state: &AppState) -> anyhow::Result<u64> {
    super::queue::forget_finished(&state.db, &state.clock, 7).await
}

/// Claims the run of the job `name` that is due now, for `instance`: true when this instance
/// is to run it. A job never seen before is due at once.
pub async fn claim(db: &Pool, clock: &Clock, name: &str, every_seconds: i64, instance: &str) -> anyhow::Result<bool> {
    let now = clock.now();
    sqlx::query("INSERT INTO scheduled_jobs (name, next_run_at) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING")
        .bind(name)
        .bind(now)
        .execute(db)
        .await?;
    let claimed = sqlx::query(
        "UPDATE scheduled_jobs SET next_run_at = $2 + $3, last_run_by = $4, runs = runs + 1
         WHERE name = $1 AND next_run_at <= $2",
    )
    .bind(name)
    .bind(now)
    .bind(every_seconds)
    .bind(instance)
    .execute(db)
    .await?;
    Ok(claimed.rows_affected() == 1)
}

/// Runs the jobs that are due and that this instance claims.
pub async fn run_due(state: &AppState) {
    let instance = &state.config.instance;
    for job in &JOBS {
        match claim(&state.db, &state.clock, job.name, job.every_seconds, instance).await {
            Ok(false) => {}
            Ok(true) => match (job.run)(state).await {
                Ok(cleared) => tracing::info!(job = job.name, cleared, %instance, "ran a scheduled job"),
                Err(error) => tracing::error!(job = job.name, %error, "a scheduled job failed"),
            },
            Err(error) => tracing::error!(job = job.name, %error, "could not claim a scheduled job"),
        }
    }
}

/// The schedule of this instance, until the process ends: a look at once, then every
/// [`POLL`].
pub async fn run_forever(state: AppState) {
    let mut every = tokio::time::interval(POLL);
    loop {
        every.tick().await;
        run_due(&state).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::db;

    /// Two instances looking at once: one runs the job; after its interval, one runs it again.
    #[tokio::test]
    async fn a_due_job_is_claimed_by_one_instance() {
        let (pool, clock) = (db::scratch::connect().await, Clock::system());
        let claims =
            futures::future::join_all(["a", "b", "a", "b"].map(|instance| claim(&pool, &clock, "job", 600, instance)))
                .await;
        let won = claims.into_iter().map(Result::unwrap).filter(|claimed| *claimed).count();
        assert_eq!(won, 1);
        assert!(!claim(&pool, &clock, "job", 600, "b").await.unwrap(), "not due yet");
        clock.advance(600);
        assert!(claim(&pool, &clock, "job", 600, "b").await.unwrap(), "due again");
        let runs: i64 =
            sqlx::query_scalar("SELECT runs FROM scheduled_jobs WHERE name = 'job'").fetch_one(&pool).await.unwrap();
        assert_eq!(runs, 2);
    }
}
