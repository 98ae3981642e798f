//! What the service's administrators do from the command line. Staff accounts are made only
//! here, never through a web form.

use super::password::{self, PasswordProblem};
use super::users::{self, Created, Email, Role};
use crate::i18n::Lang;
use crate::server::audit::{self, Event};
use crate::server::db::Pool;

#[derive(Debug, PartialEq, Eq)]
pub enum AdminError {
    InvalidEmail,
    WeakPassword(PasswordProblem),
    EmailTaken,
}

impl std::fmt::Display for AdminError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AdminError::InvalidEmail => write!(f, "that is not an e-mail address"),
            AdminError::WeakPassword(PasswordProblem::TooShort) => {
                write!(f, "the password must have at least {} characters", password::MIN_LENGTH)
            }
            AdminError::WeakPassword(PasswordProblem::TooLong) => {
                write!(f, "the password must have at most {} characters", password::MAX_LENGTH)
            }
            AdminError::WeakPassword(PasswordProblem::TooCommon) => {
                write!(f, "the password is one of the most common passwords")
            }
            AdminError::EmailTaken => {
                write!(f, "an account with that e-mail address already exists")
            }
        }
    }
}

/// Creates a staff account. The address counts as verified: the administrator vouches for it.
pub async fn create_staff(pool: &Pool, email: &str, password: String) -> anyhow::Result<Result<i64, AdminError>> {
    create_account(pool, Role::Staff, email, password).await
}

/// Creates an account of any role with a verified address: staff, or an applicant or
/// employer the administrator sets up (for a demonstration, or for browser tests).
pub async fn create_account(
    pool: &Pool,
    role: Role,
    email: &str,
    password: String,
) -> anyhow::Result<Result<i64, AdminError>> {
    let Some(email) = Email::parse(email) else {
        return Ok(Err(AdminError::InvalidEmail));
    };
    if let Err(problem) = password::check_new_password(&password) {
        return Ok(Err(AdminError::WeakPassword(problem)));
    }
    let hash = password::hash_password(password).await?;
    match users::create(pool, &email, &hash, role, Lang::Fi, true).await? {
        Created::Account(id) => {
            audit::record(pool, Event::CreatedByAdministrator, Some(id), Some("command line")).await?;
            Ok(Ok(id))
        }
        Created::EmailTaken => Ok(Err(AdminError::EmailTaken)),
    }
}

/// Records the personal identity code the administrator verified for an employer's account:
/// the one its mandates to act for organisations are asked about. `Ok(false)`: no employer
/// account has the address.
pub async fn set_identity_code(pool: &Pool, email: &str, code: &str) -> anyhow::Result<Result<bool, &'static str>> {
    let Some(email) = Email::parse(email) else { return Ok(Err("that is not an e-mail address")) };
    if crate::domain::identity_code::parse(code).is_err() {
        return Ok(Err("that is not a valid personal identity code"));
    }
    Ok(Ok(users::set_identity_code(pool, &email, code.trim()).await?))
}

/// The identity code of the demonstration employer: the test e-Authorizations server's
/// register gives it the demonstration organisation.
pub const DEMO_EMPLOYER_IDENTITY: &str = "131052-308T";

/// The password of the demonstration accounts of a local run. Never for a real deployment.
pub const DEMO_PASSWORD: &str = "kokeile palvelua";

/// The demonstration accounts of a local run, one per role.
pub const DEMO_ACCOUNTS: [(Role, &str); 3] = [
    (Role::Applicant, "hakija@demo.example.fi"),
    (Role::Employer, "tyonantaja@demo.example.fi"),
    (Role::Staff, "virkailija@demo.example.fi"),
];

/// Creates the demonstration accounts that do not exist yet; returns how many it created.
pub async fn seed_demo(pool: &Pool) -> anyhow::Result<usize> {
    let mut created = 0;
    for (role, email) in DEMO_ACCOUNTS {
        if create_account(pool, role, email, DEMO_PASSWORD.into()).await?.is_ok() {
            created += 1;
        }
        if role == Role::Employer {
            set_identity_code(pool, email, DEMO_EMPLOYER_IDENTITY).await?.map_err(anyhow::Error::msg)?;
        }
    }
    Ok(created)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::db;

    #[tokio::test]
    async fn a_staff_account_is_created_once_with_a_strong_password() {
        let pool = db::scratch::connect().await;
        let id =
            create_staff(&pool, "Virkailija@Migri.example.fi", "tuulinen lokakuun aamu".into()).await.unwrap().unwrap();
        let user = users::find(&pool, id).await.unwrap().unwrap();
        assert_eq!(
            (user.role, user.email.as_str(), user.email_verified),
            (Role::Staff, "virkailija@migri.example.fi", true)
        );
        let logged: (String, Option<i64>) =
            sqlx::query_as("SELECT event, user_id FROM audit_log").fetch_one(&pool).await.unwrap();
        assert_eq!(logged, ("created-by-administrator".into(), Some(id)));

        let again = create_staff(&pool, "virkailija@migri.example.fi", "toinen tuulinen aamu".into()).await.unwrap();
        assert_eq!(again, Err(AdminError::EmailTaken));
    }

    #[tokio::test]
    async fn the_demo_accounts_are_made_once() {
        let pool = db::scratch::connect().await;
        assert_eq!(seed_demo(&pool).await.unwrap(), 3);
        assert_eq!(seed_demo(&pool).await.unwrap(), 0);
    }

    #[tokio::test]
    async fn bad_input_is_refused_with_the_reason() {
        let pool = db::scratch::connect().await;
        assert_eq!(
            create_staff(&pool, "not-an-address", "tuulinen lokakuun aamu".into()).await.unwrap(),
            Err(AdminError::InvalidEmail)
        );
        let weak = create_staff(&pool, "a@example.fi", "password1".into()).await.unwrap();
        assert_eq!(weak, Err(AdminError::WeakPassword(PasswordProblem::TooCommon)));
        assert!(weak.unwrap_err().to_string().contains("most common"));
    }
}
