//! Checking files a few at a time, within a memory budget: each check is planned first
//! (`content::plan`: what it takes at most), then waits its turn and its share of the budget
//! (within [`WAIT`], so within the request's time limit), then runs on a blocking thread, given
//! up after [`CHECK_TIME`]. However many files arrive at once, checking them takes at most the
//! budget (`PORTAL_ATTACHMENT_CHECK_MEMORY_MB`) and the number of threads set
//! (`PORTAL_ATTACHMENT_CHECKS`).

use super::content::{self, Checked, Refusal, Source};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::Semaphore;

/// The longest a file waits for its turn before it is refused as busy.
pub const WAIT: Duration = Duration::from_secs(30);
/// The longest one check may run.
pub const CHECK_TIME: Duration = Duration::from_secs(20);

const MIB: u64 = 1024 * 1024;

pub struct Checks {
    turns: Arc<Semaphore>,
    /// The budget, in whole mebibytes.
    memory: Arc<Semaphore>,
    memory_max: u64,
}

impl Checks {
    /// At most `at_once` checks at a time, together within `memory_bytes`.
    pub fn new(at_once: usize, memory_bytes: u64) -> Checks {
        let mib = usize::try_from(memory_bytes / MIB).unwrap_or(Semaphore::MAX_PERMITS).min(Semaphore::MAX_PERMITS);
        Checks {
            turns: Arc::new(Semaphore::new(at_once)),
            memory: Arc::new(Semaphore::new(mib)),
            memory_max: mib as u64 * MIB,
        }
    }

    /// Checks `source` when its turn comes: planned from its headers at once, read whole (a
    /// PDF) or decoded (an image) only in its turn. An error is ours (the check's thread
    /// failed), a refusal the file's.
    pub async fn check(&self, source: Source) -> anyhow::Result<Result<Checked, Refusal>> {
        let memory_max = self.memory_max;
        let (source, plan) = tokio::task::spawn_blocking(move || {
            let plan = content::plan(&source, memory_max);
            (source, plan)
        })
        .await?;
        let plan = match plan {
            Ok(plan) => plan,
            Err(refusal) => return Ok(Err(refusal)),
        };
        let share = u32::try_from(plan.memory_bytes.div_ceil(MIB).max(1))?;
        let turn = async {
            let turn = self.turns.clone().acquire_owned().await?;
            let memory = self.memory.clone().acquire_many_owned(share).await?;
            anyhow::Ok((turn, memory))
        };
        let Ok(permits) = tokio::time::timeout(WAIT, turn).await else { return Ok(Err(Refusal::Busy)) };
        let permits = permits?;
        let deadline = Instant::now() + CHECK_TIME;
        // The permits go with the thread: a check given up on still holds its share until it
        // has really ended.
        let work = tokio::task::spawn_blocking(move || {
            let _held = permits;
            content::inspect(source, &plan, deadline)
        });
        match tokio::time::timeout(CHECK_TIME + Duration::from_secs(1), work).await {
            Ok(outcome) => Ok(outcome?),
            Err(_) => Ok(Err(Refusal::TooComplex)),
        }
    }
}
