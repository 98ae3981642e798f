//! The accounts table: who can log in, with which role.

use crate::i18n::Lang;
use sqlx::SqlitePool;
use std::str::FromStr;

/// What an account may do. Applicants register themselves; employers act for an
/// organisation; staff accounts are made only from the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    Applicant,
    Employer,
    Staff,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Applicant => "applicant",
            Role::Employer => "employer",
            Role::Staff => "staff",
        }
    }

    /// The Fluent message that names the role to users.
    pub fn message_id(self) -> &'static str {
        match self {
            Role::Applicant => "role-applicant",
            Role::Employer => "role-employer",
            Role::Staff => "role-staff",
        }
    }

    fn parse(text: &str) -> Option<Role> {
        [Role::Applicant, Role::Employer, Role::Staff].into_iter().find(|role| role.as_str() == text)
    }
}

/// An e-mail address as accounts are keyed by it: syntactically valid, trimmed and
/// lowercased, so `Maria@Example.FI ` and `maria@example.fi` are one account.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    pub fn parse(typed: &str) -> Option<Email> {
        let normalised = typed.trim().to_lowercase();
        let address = email_address::EmailAddress::from_str(&normalised).ok()?;
        // A dot in the domain: local names like `root@localhost` are no use for our mail.
        address.domain().contains('.').then_some(Email(normalised))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct User {
    pub id: i64,
    pub email: String,
    pub role: Role,
    pub language: Lang,
    pub email_verified: bool,
}

/// The result of trying to create an account.
#[derive(Debug, PartialEq, Eq)]
pub enum Created {
    Account(i64),
    /// The address already has an account. The caller must not tell a visitor so.
    EmailTaken,
}

pub async fn create(
    pool: &SqlitePool,
    email: &Email,
    password_hash: &str,
    role: Role,
    language: Lang,
    email_verified: bool,
) -> anyhow::Result<Created> {
    let result = sqlx::query(
        "INSERT INTO users (email, password_hash, role, language, email_verified_at)
         VALUES ($1, $2, $3, $4, CASE WHEN $5 THEN CURRENT_TIMESTAMP END)
         ON CONFLICT (email) DO NOTHING",
    )
    .bind(email.as_str())
    .bind(password_hash)
    .bind(role.as_str())
    .bind(language.code())
    .bind(email_verified)
    .execute(pool)
    .await?;
    Ok(match result.rows_affected() {
        0 => Created::EmailTaken,
        _ => Created::Account(result.last_insert_rowid()),
    })
}

type UserRow = (i64, String, String, String, Option<String>);

fn user_from_row((id, email, role, language, verified_at): UserRow) -> anyhow::Result<User> {
    Ok(User {
        id,
        email,
        role: Role::parse(&role).ok_or_else(|| anyhow::anyhow!("unknown role {role:?} for user {id}"))?,
        language: Lang::from_code(&language).unwrap_or_default(),
        email_verified: verified_at.is_some(),
    })
}

pub async fn find(pool: &SqlitePool, id: i64) -> anyhow::Result<Option<User>> {
    let row: Option<UserRow> =
        sqlx::query_as("SELECT id, email, role, language, email_verified_at FROM users WHERE id = $1")
            .bind(id)
            .fetch_optional(pool)
            .await?;
    row.map(user_from_row).transpose()
}

/// Records that the account's owner proved they read mail at its address.
pub async fn mark_verified(pool: &SqlitePool, id: i64) -> anyhow::Result<()> {
    sqlx::query("UPDATE users SET email_verified_at = CURRENT_TIMESTAMP WHERE id = $1").bind(id).execute(pool).await?;
    Ok(())
}

/// The account and its password hash, for checking a login.
pub async fn find_for_login(pool: &SqlitePool, email: &Email) -> anyhow::Result<Option<(User, String)>> {
    let row: Option<(i64, String, String, String, Option<String>, String)> = sqlx::query_as(
        "SELECT id, email, role, language, email_verified_at, password_hash FROM users WHERE email = $1",
    )
    .bind(email.as_str())
    .fetch_optional(pool)
    .await?;
    row.map(|(id, email, role, language, verified, hash)| {
        Ok((user_from_row((id, email, role, language, verified))?, hash))
    })
    .transpose()
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
        let pool = db::connect_scratch().await;
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
