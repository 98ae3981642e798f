//! The second factor: six-digit codes from an authenticator app (TOTP, RFC 6238, with the
//! parameters every common app reads from a QR code: SHA-1, 30-second steps), and single-use
//! recovery codes for when the phone is lost.
//!
//! A code is accepted for the current step and one step either side (clocks drift), and only
//! once: the last accepted step is stored, so a code seen over someone's shoulder is useless.

use crate::server::clock::Clock;
use crate::server::db::Pool;
use crate::server::secrets::SecretBox;
use rand::Rng;
use sha2::{Digest, Sha256};
use totp_rs::{Algorithm, Secret, TOTP};

/// The name the authenticator app shows next to the account.
const ISSUER: &str = "Maahanmuuton asiointipalvelu";
const STEP_SECONDS: u64 = 30;
const SECRET_BYTES: usize = 20;
pub const RECOVERY_CODE_COUNT: usize = 10;
/// Letters and digits that cannot be mistaken for each other when copied from paper.
const RECOVERY_ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";

/// A new random secret, base32-encoded as apps expect it.
pub fn new_secret() -> String {
    let bytes: [u8; SECRET_BYTES] = rand::rng().random();
    Secret::Raw(bytes.to_vec()).to_encoded().to_string()
}

fn totp(secret: &str, account: &str) -> anyhow::Result<TOTP> {
    let bytes =
        Secret::Encoded(secret.to_string()).to_bytes().map_err(|e| anyhow::anyhow!("bad TOTP secret: {e:?}"))?;
    // A colon would end the label early in the app; addresses do not have one, but be sure.
    let account = account.replace(':', "");
    Ok(TOTP::new(Algorithm::SHA1, 6, 1, STEP_SECONDS, bytes, Some(ISSUER.to_string()), account)?)
}

/// What the set-up page shows: the secret in groups of four for typing, and the same as a QR
/// code (an SVG document) for scanning.
pub fn setup(secret: &str, account: &str) -> anyhow::Result<(String, String)> {
    let uri = totp(secret, account)?.get_url();
    let svg = crate::server::qr::svg(&uri, 200)?;
    let grouped = secret.as_bytes().chunks(4).map(|c| String::from_utf8_lossy(c).into_owned()).collect::<Vec<_>>();
    Ok((grouped.join(" "), svg))
}

/// What a sealed TOTP secret is bound to: its account.
fn purpose(user_id: i64) -> String {
    format!("totp:{user_id}")
}

/// Seals every TOTP secret that is not sealed under the current key: plain ones kept before
/// secrets were sealed, and ones sealed under a previous key. Returns how many.
pub async fn reseal_all(pool: &Pool, secrets: &SecretBox) -> anyhow::Result<usize> {
    // Only what needs it: at every start this reads nothing once all are sealed.
    let rows: Vec<(i64, String)> =
        sqlx::query_as("SELECT id, totp_secret FROM users WHERE totp_secret IS NOT NULL AND totp_secret NOT LIKE $1")
            // The prefix is a version, hexadecimal digits and dots: nothing LIKE reads as a wildcard.
            .bind(format!("{}%", secrets.current_prefix()))
            .fetch_all(pool)
            .await?;
    let mut resealed = 0;
    for (user_id, stored) in rows {
        let secret = match secrets.open(&stored, &purpose(user_id)) {
            Ok(secret) => secret,
            // Kept before secrets were sealed: a base32 secret as the app was given it.
            Err(_) if stored.chars().all(|c| c.is_ascii_alphanumeric()) => stored.clone(),
            Err(error) => return Err(error.context(format!("the TOTP secret of account {user_id}"))),
        };
        sqlx::query("UPDATE users SET totp_secret = $1 WHERE id = $2 AND totp_secret = $3")
            .bind(secrets.seal(&secret, &purpose(user_id)))
            .bind(user_id)
            .bind(&stored)
            .execute(pool)
            .await?;
        resealed += 1;
    }
    Ok(resealed)
}

/// The clock's time as the TOTP steps count it.
fn unix_now(clock: &Clock) -> u64 {
    u64::try_from(clock.now()).unwrap_or(0)
}

/// The time step whose code `typed` is, if it is one of the steps around `at`.
pub fn matching_step(secret: &str, typed: &str, at: u64) -> anyhow::Result<Option<u64>> {
    let totp = totp(secret, "")?;
    let current = at / STEP_SECONDS;
    let steps = current.saturating_sub(1)..=current + 1;
    Ok(steps.into_iter().find(|step| {
        let expected = totp.generate(step * STEP_SECONDS);
        // Compared in full either way, so timing does not reveal how many digits were right.
        expected.bytes().zip(typed.bytes()).fold(expected.len() == typed.len(), |same, (a, b)| same & (a == b))
    }))
}

/// Digits only, as people type codes with spaces.
fn normalise(typed: &str) -> String {
    typed.chars().filter(|c| !c.is_whitespace() && *c != '-').collect::<String>().to_lowercase()
}

fn hash(code: &str) -> String {
    format!("{:x}", Sha256::digest(code.as_bytes()))
}

fn recovery_code() -> String {
    let mut rng = rand::rng();
    let mut letters = (0..10).map(|_| RECOVERY_ALPHABET[rng.random_range(0..RECOVERY_ALPHABET.len())] as char);
    let first: String = letters.by_ref().take(5).collect();
    let second: String = letters.collect();
    format!("{first}-{second}")
}

/// The step of a code typed at set-up, if it comes from an app that has `secret`.
pub fn confirmed_step(clock: &Clock, secret: &str, typed: &str) -> anyhow::Result<Option<u64>> {
    matching_step(secret, &normalise(typed), unix_now(clock))
}

/// Turns the second factor on with `secret`, which the user has just proved their app has
/// with the code of `confirmed_step`, and returns a fresh set of recovery codes, shown once.
pub async fn enable(
    pool: &Pool,
    secrets: &SecretBox,
    user_id: i64,
    secret: &str,
    confirmed_step: u64,
) -> anyhow::Result<Vec<String>> {
    sqlx::query("UPDATE users SET totp_secret = $1, totp_last_step = $2 WHERE id = $3")
        // Sealed at rest (see `server::secrets`), bound to this account.
        .bind(secrets.seal(secret, &purpose(user_id)))
        // The code that confirmed the set-up is used up like any other.
        .bind(confirmed_step as i64)
        .bind(user_id)
        .execute(pool)
        .await?;
    new_recovery_codes(pool, user_id).await
}

/// Replaces the account's recovery codes with new ones, returned for showing once.
pub async fn new_recovery_codes(pool: &Pool, user_id: i64) -> anyhow::Result<Vec<String>> {
    let codes: Vec<String> = (0..RECOVERY_CODE_COUNT).map(|_| recovery_code()).collect();
    let mut tx = crate::server::db::begin_write(pool).await?;
    sqlx::query("DELETE FROM recovery_codes WHERE user_id = $1").bind(user_id).execute(&mut *tx).await?;
    for code in &codes {
        sqlx::query("INSERT INTO recovery_codes (user_id, code_hash) VALUES ($1, $2)")
            .bind(user_id)
            .bind(hash(&normalise(code)))
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    Ok(codes)
}

/// How many recovery codes the account has left.
pub async fn recovery_codes_left(pool: &Pool, user_id: i64) -> anyhow::Result<i64> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM recovery_codes WHERE user_id = $1 AND used_at IS NULL")
        .bind(user_id)
        .fetch_one(pool)
        .await?)
}

/// Turns the second factor off and forgets its secret and recovery codes.
pub async fn disable(pool: &Pool, user_id: i64) -> anyhow::Result<()> {
    let mut tx = crate::server::db::begin_write(pool).await?;
    sqlx::query("UPDATE users SET totp_secret = NULL, totp_last_step = NULL WHERE id = $1")
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM recovery_codes WHERE user_id = $1").bind(user_id).execute(&mut *tx).await?;
    tx.commit().await?;
    Ok(())
}

/// Checks the second step of a login: a code from the app (each used once) or an unused
/// recovery code (then used up).
pub async fn check_login(
    pool: &Pool,
    clock: &Clock,
    secrets: &SecretBox,
    user_id: i64,
    typed: &str,
) -> anyhow::Result<bool> {
    let typed = normalise(typed);
    let secret: Option<String> = sqlx::query_scalar("SELECT totp_secret FROM users WHERE id = $1")
        .bind(user_id)
        .fetch_optional(pool)
        .await?
        .flatten();
    let Some(sealed) = secret else { return Ok(false) };
    let secret = secrets.open(&sealed, &purpose(user_id))?;
    if let Some(step) = matching_step(&secret, &typed, unix_now(clock))? {
        let claimed = sqlx::query(
            "UPDATE users SET totp_last_step = $1 WHERE id = $2 AND (totp_last_step IS NULL OR totp_last_step < $1)",
        )
        .bind(step as i64)
        .bind(user_id)
        .execute(pool)
        .await?;
        return Ok(claimed.rows_affected() == 1);
    }
    let used =
        sqlx::query("UPDATE recovery_codes SET used_at = $1 WHERE user_id = $2 AND code_hash = $3 AND used_at IS NULL")
            .bind(clock.now())
            .bind(user_id)
            .bind(hash(&typed))
            .execute(pool)
            .await?;
    Ok(used.rows_affected() > 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::accounts::users;
    use crate::server::db;

    fn code_at(secret: &str, at: u64) -> String {
        totp(secret, "").unwrap().generate(at)
    }

    #[test]
    fn the_rfc_6238_test_vector_is_reproduced() {
        // RFC 6238 appendix B, SHA-1, secret "12345678901234567890", T = 59 s: 94287082 (8 digits);
        // six digits are its last six.
        let secret = Secret::Raw(b"12345678901234567890".to_vec()).to_encoded().to_string();
        assert_eq!(code_at(&secret, 59), "287082");
    }

    #[test]
    fn codes_of_neighbouring_steps_count_and_others_do_not() {
        let secret = new_secret();
        let at = 1_800_000_000;
        for offset in [-30i64, 0, 30] {
            let code = code_at(&secret, (at as i64 + offset) as u64);
            assert!(matching_step(&secret, &code, at).unwrap().is_some(), "offset {offset}");
        }
        let stale = code_at(&secret, at - 90);
        let current = code_at(&secret, at);
        if stale != current {
            assert_eq!(matching_step(&secret, &stale, at).unwrap(), None);
        }
        assert_eq!(matching_step(&secret, "12345", at).unwrap(), None);
    }

    #[test]
    fn the_setup_shows_the_secret_and_a_qr_code() {
        let secret = new_secret();
        let (grouped, svg) = setup(&secret, "maria@example.fi").unwrap();
        assert_eq!(grouped.replace(' ', ""), secret);
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"), "{svg}");
    }

    #[tokio::test]
    async fn an_app_code_works_once_and_a_recovery_code_once() {
        let (pool, clock) = (db::scratch::connect().await, Clock::system());
        let user = users::create_for_test(&pool, "maria@example.fi", true).await;
        let secret = new_secret();
        let step = confirmed_step(&clock, &secret, &code_at(&secret, unix_now(&clock) - 30))
            .unwrap()
            .expect("the previous step's code");
        let secrets = SecretBox::new(&SecretBox::new_key(), &[]).unwrap();
        let recovery = enable(&pool, &secrets, user, &secret, step).await.unwrap();
        assert_eq!(recovery.len(), RECOVERY_CODE_COUNT);
        assert!(users::find(&pool, user).await.unwrap().unwrap().two_factor);
        let stored: String = sqlx::query_scalar("SELECT totp_secret FROM users").fetch_one(&pool).await.unwrap();
        assert!(!stored.contains(&secret) && secrets.is_current(&stored), "sealed at rest: {stored}");

        let code = code_at(&secret, unix_now(&clock));
        assert!(check_login(&pool, &clock, &secrets, user, &code).await.unwrap());
        assert!(!check_login(&pool, &clock, &secrets, user, &code).await.unwrap(), "a code is used once");

        let typed = recovery[0].to_uppercase().replace('-', " ");
        assert!(
            check_login(&pool, &clock, &secrets, user, &typed).await.unwrap(),
            "recovery codes forgive case and spacing"
        );
        assert!(
            !check_login(&pool, &clock, &secrets, user, &recovery[0]).await.unwrap(),
            "a recovery code is used once"
        );
        assert_eq!(recovery_codes_left(&pool, user).await.unwrap(), RECOVERY_CODE_COUNT as i64 - 1);

        disable(&pool, user).await.unwrap();
        assert!(!check_login(&pool, &clock, &secrets, user, &recovery[1]).await.unwrap());
        assert!(!users::find(&pool, user).await.unwrap().unwrap().two_factor);
    }

    #[tokio::test]
    async fn plain_and_old_secrets_are_sealed_again_under_the_current_key() {
        let (pool, clock) = (db::scratch::connect().await, Clock::system());
        let plain = users::create_for_test(&pool, "maria@example.fi", true).await;
        let old = users::create_for_test(&pool, "mikko@example.fi", true).await;
        let (secret, old_key) = (new_secret(), SecretBox::new_key());
        sqlx::query("UPDATE users SET totp_secret = $1 WHERE id = $2")
            .bind(&secret)
            .bind(plain)
            .execute(&pool)
            .await
            .unwrap();
        let sealed_old = SecretBox::new(&old_key, &[]).unwrap().seal(&secret, &purpose(old));
        sqlx::query("UPDATE users SET totp_secret = $1 WHERE id = $2")
            .bind(&sealed_old)
            .bind(old)
            .execute(&pool)
            .await
            .unwrap();
        let secrets = SecretBox::new(&SecretBox::new_key(), &[&old_key]).unwrap();
        assert_eq!(reseal_all(&pool, &secrets).await.unwrap(), 2);
        assert_eq!(reseal_all(&pool, &secrets).await.unwrap(), 0, "once is enough");
        for user in [plain, old] {
            let code = code_at(&secret, unix_now(&clock));
            assert!(check_login(&pool, &clock, &secrets, user, &code).await.unwrap(), "{user}");
        }
    }
}
