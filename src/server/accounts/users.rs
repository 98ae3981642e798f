//! The accounts table: who can log in, with which role.

use crate::i18n::Lang;
use crate::server::db::Pool;
pub use crate::server::identity::{Role, User};
use std::str::FromStr;

/// An e-mail address as accounts are keyed by it: syntactically valid, trimmed and
/// lowercased, so `Maria@Example.FI ` and `maria@example.fi` are one account.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    pub fn parse(typed: &str) -> Option<Email> {
        // A bare address with a dot in its domain (see `domain::text::email`).
        let address = crate::domain::text::email(typed)?;
        // Only what the mailer can send to: checked with its own parser before anything is
        // written, so no account is made that could never receive its code.
        lettre::Address::from_str(&address).ok()?;
        Some(Email(address))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The result of trying to create an account.
#[derive(Debug, PartialEq, Eq)]
pub enum Created {
    Account(i64),
    /// The address already has an account. The caller must not tell a visitor so.
    EmailTaken,
}

pub async fn create(
    pool: &Pool,
    email: &Email,
    password_hash: &str,
    role: Role,
    language: Lang,
    email_verified: bool,
) -> anyhow::Result<Created> {
    let id: Option<i64> = sqlx::query_scalar(
        "INSERT INTO users (email, password_hash, role, language, email_verified_at)
         VALUES ($1, $2, $3, $4, CASE WHEN $5 THEN CURRENT_TIMESTAMP END)
         ON CONFLICT (email) DO NOTHING
         RETURNING id",
    )
    .bind(email.as_str())
    .bind(password_hash)
    .bind(role.as_str())
    .bind(language.code())
    .bind(email_verified)
    .fetch_optional(pool)
    .await?;
    Ok(id.map_or(Created::EmailTaken, Created::Account))
}

/// The columns a [`UserRow`] is read from, of the table (or alias) `table`. Facts are read as 0
/// or 1: SQLite has no boolean type to give.
pub(super) fn user_columns(table: &str) -> String {
    format!(
        "{table}.id, {table}.email, {table}.role, {table}.language,
         CASE WHEN {table}.email_verified_at IS NULL THEN 0 ELSE 1 END AS email_verified,
         {table}.session_generation, CASE WHEN {table}.totp_secret IS NULL THEN 0 ELSE 1 END AS two_factor"
    )
}

/// A [`User`] as the database has it (and as a session carries it for the rest of its request:
/// `session::Store`).
#[derive(sqlx::FromRow, serde::Serialize, serde::Deserialize)]
pub(super) struct UserRow {
    pub(super) id: i64,
    email: String,
    role: String,
    language: String,
    email_verified: i64,
    session_generation: i64,
    two_factor: i64,
}

/// A [`UserRow`] with the password hash, for checking a login.
#[derive(sqlx::FromRow)]
struct LoginRow {
    #[sqlx(flatten)]
    user: UserRow,
    password_hash: String,
}

pub(super) fn user_from_row(row: UserRow) -> anyhow::Result<User> {
    let UserRow { id, email, role, language, email_verified, session_generation, two_factor } = row;
    Ok(User {
        id,
        email,
        role: Role::parse(&role).ok_or_else(|| anyhow::anyhow!("unknown role {role:?} for user {id}"))?,
        language: Lang::from_code(&language).unwrap_or_default(),
        email_verified: email_verified != 0,
        session_generation,
        two_factor: two_factor != 0,
    })
}

pub async fn find(pool: &Pool, id: i64) -> anyhow::Result<Option<User>> {
    let row: Option<UserRow> = sqlx::query_as(&format!("SELECT {} FROM users WHERE id = $1", user_columns("users")))
        .bind(id)
        .fetch_optional(pool)
        .await?;
    row.map(user_from_row).transpose()
}

/// Replaces the password hash. With `end_sessions`, every session signed in before is ended;
/// the new generation is returned so the caller can keep its own session.
/// The verified personal identity code of the account `id`, which its mandates are asked
/// about (set by the administrator: [`super::admin::set_identity_code`]).
pub async fn identity_code(pool: &Pool, id: i64) -> anyhow::Result<Option<String>> {
    Ok(sqlx::query_scalar("SELECT identity_code FROM users WHERE id = $1")
        .bind(id)
        .fetch_optional(pool)
        .await?
        .flatten())
}

/// Records `code` (valid, as the domain checks it) as the identity of the employer account
/// with the address `email`: false when there is no such employer.
pub async fn set_identity_code(pool: &Pool, email: &Email, code: &str) -> anyhow::Result<bool> {
    let set = sqlx::query("UPDATE users SET identity_code = $1 WHERE email = $2 AND role = $3")
        .bind(code)
        .bind(email.as_str())
        .bind(Role::Employer.as_str())
        .execute(pool)
        .await?;
    Ok(set.rows_affected() == 1)
}

/// Where and in which language the account `id` gets its messages, as `tx` reads it.
pub async fn contact(tx: &mut crate::server::db::Tx, id: i64) -> anyhow::Result<(String, Lang)> {
    let (email, language): (String, String) =
        sqlx::query_as("SELECT email, language FROM users WHERE id = $1").bind(id).fetch_one(&mut **tx).await?;
    Ok((email, Lang::from_code(&language).unwrap_or_default()))
}

pub async fn set_password(pool: &Pool, id: i64, password_hash: &str, end_sessions: bool) -> anyhow::Result<i64> {
    let generation: i64 = sqlx::query_scalar(
        "UPDATE users SET password_hash = $1, session_generation = session_generation + CASE WHEN $2 THEN 1 ELSE 0 END
         WHERE id = $3 RETURNING session_generation",
    )
    .bind(password_hash)
    .bind(end_sessions)
    .bind(id)
    .fetch_one(pool)
    .await?;
    Ok(generation)
}

/// The account's password hash.
pub async fn password_hash(pool: &Pool, id: i64) -> anyhow::Result<Option<String>> {
    Ok(sqlx::query_scalar("SELECT password_hash FROM users WHERE id = $1").bind(id).fetch_optional(pool).await?)
}

/// Moves the account to a new, verified address. Fails with [`Created::EmailTaken`] when
/// another account has it.
pub async fn set_email(pool: &Pool, id: i64, email: &Email) -> anyhow::Result<Created> {
    let result = sqlx::query(
        "UPDATE users SET email = $1, email_verified_at = CURRENT_TIMESTAMP
         WHERE id = $2 AND NOT EXISTS (SELECT 1 FROM users WHERE email = $1)",
    )
    .bind(email.as_str())
    .bind(id)
    .execute(pool)
    .await?;
    Ok(if result.rows_affected() == 0 { Created::EmailTaken } else { Created::Account(id) })
}

/// The language the service writes to the user in (e-mail), and offers first.
pub async fn set_language(pool: &Pool, id: i64, language: Lang) -> anyhow::Result<()> {
    sqlx::query("UPDATE users SET language = $1 WHERE id = $2").bind(language.code()).bind(id).execute(pool).await?;
    Ok(())
}

/// Deletes the account and, through the schema's cascades, its codes and second factor. The
/// audit log keeps its events without the link to the account.
pub async fn delete(pool: &Pool, id: i64) -> anyhow::Result<()> {
    sqlx::query("DELETE FROM users WHERE id = $1").bind(id).execute(pool).await?;
    Ok(())
}

/// Records that the account's owner proved they read mail at its address.
pub async fn mark_verified(pool: &Pool, id: i64) -> anyhow::Result<()> {
    sqlx::query("UPDATE users SET email_verified_at = CURRENT_TIMESTAMP WHERE id = $1").bind(id).execute(pool).await?;
    Ok(())
}

/// The account and its password hash, for checking a login.
pub async fn find_for_login(pool: &Pool, email: &Email) -> anyhow::Result<Option<(User, String)>> {
    let row: Option<LoginRow> =
        sqlx::query_as(&format!("SELECT {}, password_hash FROM users WHERE email = $1", user_columns("users")))
            .bind(email.as_str())
            .fetch_optional(pool)
            .await?;
    row.map(|LoginRow { user, password_hash }| Ok((user_from_row(user)?, password_hash))).transpose()
}

/// A new applicant with a placeholder hash (nobody logs in with it), for unit tests of what
/// hangs off an account.
#[cfg(test)]
pub async fn create_for_test(pool: &Pool, email: &str, email_verified: bool) -> i64 {
    let email = Email::parse(email).expect("a test address");
    match create(pool, &email, "$argon2id$x", Role::Applicant, Lang::Fi, email_verified).await.unwrap() {
        Created::Account(id) => id,
        Created::EmailTaken => panic!("{} already has an account", email.as_str()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::db;

    #[test]
    fn every_role_has_a_name_in_every_language() {
        for role in [Role::Applicant, Role::Employer, Role::Staff] {
            for lang in Lang::ALL {
                assert!(!lang.t(role.message_id()).starts_with("[missing"), "{role:?} in {lang:?}");
            }
        }
    }

    #[test]
    fn addresses_are_normalised_and_checked() {
        assert_eq!(Email::parse("  Maria.Virtanen@Example.FI ").unwrap().as_str(), "maria.virtanen@example.fi");
        for bad in ["", "maria", "maria@", "@example.fi", "maria@localhost", "maria virtanen@example.fi"] {
            assert_eq!(Email::parse(bad), None, "{bad:?}");
        }
    }

    #[tokio::test]
    async fn one_address_is_one_account() {
        let pool = db::scratch::connect().await;
        let email = Email::parse("maria@example.fi").unwrap();
        let Created::Account(id) =
            create(&pool, &email, "$argon2id$x", Role::Applicant, Lang::Sv, false).await.unwrap()
        else {
            panic!("the first account is created")
        };
        let again = Email::parse("MARIA@example.fi").unwrap();
        assert_eq!(
            create(&pool, &again, "$argon2id$y", Role::Staff, Lang::Fi, true).await.unwrap(),
            Created::EmailTaken
        );

        let user = find(&pool, id).await.unwrap().unwrap();
        assert_eq!((user.role, user.language, user.email_verified), (Role::Applicant, Lang::Sv, false));
        let (found, hash) = find_for_login(&pool, &email).await.unwrap().unwrap();
        assert_eq!((found.id, hash.as_str()), (id, "$argon2id$x"));
        assert!(find_for_login(&pool, &Email::parse("other@example.fi").unwrap()).await.unwrap().is_none());
    }
}
