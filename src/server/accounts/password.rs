//! Passwords: the policy a new password must meet, and Argon2id hashing.
//!
//! Hashing takes tens of milliseconds of CPU by design, so it runs on tokio's blocking pool
//! and never stalls the threads that render pages.

use argon2::password_hash::phc::PasswordHash;
use argon2::{Algorithm, Argon2, Params, PasswordHasher, PasswordVerifier, Version};
use std::collections::HashSet;
use std::sync::LazyLock;

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

/// The PHC string (`$argon2id$v=19$m=19456,t=2,p=1$…`) to store for `password`.
pub async fn hash_password(password: String) -> anyhow::Result<String> {
    tokio::task::spawn_blocking(move || {
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
/// time on a decoy and says no.
pub async fn verify_password(password: String, hash: Option<String>) -> bool {
    tokio::task::spawn_blocking(move || {
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
    .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert!(verify_password("oikea hevonen patteri".into(), Some(hash.clone())).await);
        assert!(!verify_password("oikea hevonen patteri ".into(), Some(hash.clone())).await);
        assert!(!verify_password("Oikea hevonen patteri".into(), Some(hash)).await);
        assert!(!verify_password("no account has this password".into(), None).await, "the decoy never lets anyone in");
        assert!(!verify_password("x".into(), Some("not a hash".into())).await);
    }
}
