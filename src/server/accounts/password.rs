//! Passwords: the policy a new password must meet, and Argon2id hashing.
//!
//! Hashing takes tens of milliseconds of CPU by design, so it runs on threads of its own, at a
//! lower scheduling priority, and no more hashes run at once than leave a core to render pages
//! ([`HashGate`]): a flood of logins makes logins wait, not pages.

use crate::server::web::Busy;
use argon2::password_hash::phc::PasswordHash;
use argon2::{Algorithm, Argon2, Params, PasswordHasher, PasswordVerifier, Version};
use std::collections::HashSet;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Arc, LazyLock, Mutex};
use tokio::sync::{oneshot, Semaphore};

pub const MIN_LENGTH: usize = 8;
pub const MAX_LENGTH: usize = 128;

/// OWASP's first recommendation for Argon2id: 19 MiB of memory, 2 passes, 1 lane.
const MEMORY_KIB: u32 = 19 * 1024;
const PASSES: u32 = 2;
const LANES: u32 = 1;

static COMMON: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| include_str!("common-passwords.txt").lines().filter(|line| !line.starts_with('#')).collect());

/// Why a new password is refused; each has a translated message for the form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PasswordProblem {
    TooShort,
    TooLong,
    TooCommon,
}

/// Checks a new password exactly as typed: no trimming, no truncation. Length counts
/// characters, not bytes, so "ääääääää" is eight.
pub fn check_new_password(password: &str) -> Result<(), PasswordProblem> {
    let length = password.chars().count();
    if length < MIN_LENGTH {
        return Err(PasswordProblem::TooShort);
    }
    if length > MAX_LENGTH {
        return Err(PasswordProblem::TooLong);
    }
    if COMMON.contains(password.to_lowercase().as_str()) {
        return Err(PasswordProblem::TooCommon);
    }
    Ok(())
}

fn hasher() -> Argon2<'static> {
    let params = Params::new(MEMORY_KIB, PASSES, LANES, None).expect("constant Argon2 parameters are valid");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// How many hashes may run at once, and how many may wait their turn. Past that, a request
/// that needs a hash is answered "busy" ([`Busy`]) rather than queued without end.
struct HashGate {
    running: Semaphore,
    waiting: AtomicUsize,
    queue: usize,
    /// Work for the hashing threads, one per hash that may run.
    jobs: Mutex<mpsc::Sender<Job>>,
}

type Job = Box<dyn FnOnce() + Send>;

/// How much lower than the server's other threads the hashing threads are scheduled
/// (`nice`): when pages and hashes both want the CPU, pages go first.
const HASHING_NICENESS: i32 = 10;

/// Waiting hashes per running one: each takes tens of milliseconds, so the last in a full
/// queue waits well under a second.
const QUEUE_PER_HASH: usize = 8;

impl HashGate {
    /// One fewer than the cores (at least one), so that pages always have a core.
    fn for_this_machine() -> HashGate {
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        HashGate::new(cores.saturating_sub(1).max(1))
    }

    fn new(at_once: usize) -> HashGate {
        let (jobs, queue) = mpsc::channel::<Job>();
        let queue = Arc::new(Mutex::new(queue));
        for n in 0..at_once {
            let queue = queue.clone();
            std::thread::Builder::new()
                .name(format!("hashing-{n}"))
                .spawn(move || {
                    // SAFETY: nice() only changes this thread's scheduling priority (on Linux,
                    // niceness is per thread); it has no memory effects.
                    unsafe { libc::nice(HASHING_NICENESS) };
                    loop {
                        let job = queue.lock().unwrap_or_else(|e| e.into_inner()).recv();
                        match job {
                            Ok(job) => job(),
                            Err(_) => return,
                        }
                    }
                })
                .expect("the hashing threads start");
        }
        HashGate {
            running: Semaphore::new(at_once),
            waiting: AtomicUsize::new(0),
            queue: at_once * QUEUE_PER_HASH,
            jobs: Mutex::new(jobs),
        }
    }

    /// Runs `work` on a hashing thread when its turn comes, or refuses at once when the
    /// queue is full.
    async fn run<T: Send + 'static>(&self, work: impl FnOnce() -> T + Send + 'static) -> anyhow::Result<T> {
        let place = Waiting::take(self).ok_or(Busy)?;
        let permit = self.running.acquire().await?;
        drop(place);
        let (done, result) = oneshot::channel();
        let job: Job = Box::new(move || {
            let _ = done.send(work());
        });
        let sent = self.jobs.lock().unwrap_or_else(|e| e.into_inner()).send(job);
        sent.map_err(|_| anyhow::anyhow!("the hashing threads have stopped"))?;
        let result = result.await?;
        drop(permit);
        Ok(result)
    }
}

/// A place in the queue, given up when the turn comes or when the request goes away.
struct Waiting<'a>(&'a AtomicUsize);

impl<'a> Waiting<'a> {
    fn take(gate: &'a HashGate) -> Option<Waiting<'a>> {
        gate.waiting.fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| (n < gate.queue).then_some(n + 1)).ok()?;
        Some(Waiting(&gate.waiting))
    }
}

impl Drop for Waiting<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

static HASHING: LazyLock<HashGate> = LazyLock::new(HashGate::for_this_machine);

/// The PHC string (`$argon2id$v=19$m=19456,t=2,p=1$…`) to store for `password`. [`Busy`] when
/// too many hashes wait.
pub async fn hash_password(password: String) -> anyhow::Result<String> {
    HASHING
        .run(move || {
            hasher()
                .hash_password(password.as_bytes())
                .map(|hash| hash.to_string())
                .map_err(|e| anyhow::anyhow!("hashing a password failed: {e}"))
        })
        .await?
}

/// A hash of a password nobody has, checked when an e-mail address has no account, so that
/// a login takes as long whether or not the account exists.
static DECOY_HASH: LazyLock<String> = LazyLock::new(|| {
    hasher().hash_password(b"no account has this password").expect("hashing a constant succeeds").to_string()
});

/// Whether `password` matches the stored PHC string `hash`; with no hash, spends the same
/// time on a decoy and says no. [`Busy`] when too many hashes wait.
pub async fn verify_password(password: String, hash: Option<String>) -> anyhow::Result<bool> {
    HASHING
        .run(move || {
            let (hash, real) = match hash {
                Some(hash) => (hash, true),
                None => (DECOY_HASH.clone(), false),
            };
            let Ok(parsed) = PasswordHash::new(&hash) else {
                return false;
            };
            let matches = hasher().verify_password(password.as_bytes(), &parsed).is_ok();
            matches && real
        })
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_run_behind_the_pages() {
        let gate = HashGate::new(1);
        // SAFETY: getpriority() only reads the calling thread's niceness.
        let niceness = gate.run(|| unsafe { libc::getpriority(libc::PRIO_PROCESS as _, 0) }).await.unwrap();
        // SAFETY: as above, on this (the test's) thread.
        let ours = unsafe { libc::getpriority(libc::PRIO_PROCESS as _, 0) };
        assert_eq!(niceness, (ours + HASHING_NICENESS).min(19));
    }

    #[tokio::test]
    async fn hashes_past_the_queue_are_refused_at_once_and_the_rest_all_run() {
        let gate = std::sync::Arc::new(HashGate::new(1));
        let (release, hold) = std::sync::mpsc::channel::<()>();
        let hold = std::sync::Mutex::new(hold);
        // One runs (held until released) and the queue fills: 1 + 8 are taken.
        let first = tokio::spawn({
            let gate = gate.clone();
            async move { gate.run(move || hold.lock().unwrap().recv().is_ok()).await.unwrap() }
        });
        while gate.running.available_permits() > 0 {
            tokio::task::yield_now().await;
        }
        let queued: Vec<_> = (0..QUEUE_PER_HASH)
            .map(|n| {
                let gate = gate.clone();
                tokio::spawn(async move { gate.run(move || n).await.unwrap() })
            })
            .collect();
        while gate.waiting.load(Ordering::Acquire) < QUEUE_PER_HASH {
            tokio::task::yield_now().await;
        }
        let refused = gate.run(|| 0).await.unwrap_err();
        assert!(refused.is::<Busy>(), "{refused}");
        release.send(()).unwrap();
        assert!(first.await.unwrap());
        for (n, task) in queued.into_iter().enumerate() {
            assert_eq!(task.await.unwrap(), n);
        }
        assert_eq!(gate.waiting.load(Ordering::Acquire), 0, "every place in the queue was given up");
        assert_eq!(gate.run(|| 7).await.unwrap(), 7, "and the gate takes work again");
    }

    #[test]
    fn the_length_is_counted_in_characters_as_typed() {
        assert_eq!(check_new_password("short1!"), Err(PasswordProblem::TooShort));
        assert_eq!(check_new_password("ääääääää"), Ok(()), "eight characters, sixteen bytes");
        assert_eq!(check_new_password("       x"), Ok(()), "spaces count: nothing is trimmed");
        assert_eq!(check_new_password(&"a1".repeat(64)), Ok(()));
        assert_eq!(check_new_password(&"a1".repeat(64).replacen('a', "ab", 1)), Err(PasswordProblem::TooLong));
    }

    #[test]
    fn common_passwords_are_refused_whatever_their_case() {
        for common in ["password", "PASSWORD", "12345678", "iloveyou", "Qwerty123", "sunshine"] {
            assert_eq!(check_new_password(common), Err(PasswordProblem::TooCommon), "{common}");
        }
        assert_eq!(check_new_password("kahvinkeitin-Kuopiossa"), Ok(()));
        assert!(COMMON.len() > 10_000);
    }

    #[tokio::test]
    async fn hashes_are_argon2id_phc_strings_with_the_chosen_cost() {
        let hash = hash_password("oikea hevonen patteri".into()).await.unwrap();
        assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{hash}");
        let again = hash_password("oikea hevonen patteri".into()).await.unwrap();
        assert_ne!(hash, again, "every hash has its own salt");
    }

    #[tokio::test]
    async fn only_the_right_password_verifies() {
        let hash = hash_password("oikea hevonen patteri".into()).await.unwrap();
        assert!(verify_password("oikea hevonen patteri".into(), Some(hash.clone())).await.unwrap());
        assert!(!verify_password("oikea hevonen patteri ".into(), Some(hash.clone())).await.unwrap());
        assert!(!verify_password("Oikea hevonen patteri".into(), Some(hash)).await.unwrap());
        assert!(
            !verify_password("no account has this password".into(), None).await.unwrap(),
            "the decoy never lets anyone in"
        );
        assert!(!verify_password("x".into(), Some("not a hash".into())).await.unwrap());
    }
}
