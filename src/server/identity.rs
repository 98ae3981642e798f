//! Who a request comes from: the account model that the web layer and every feature share.
//! Accounts (`server::accounts`) make and find users; the web layer checks routes against the
//! signed-in user's role; features read it to know whose data to show.

use crate::i18n::Lang;

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

    pub fn parse(text: &str) -> Option<Role> {
        [Role::Applicant, Role::Employer, Role::Staff].into_iter().find(|role| role.as_str() == text)
    }
}

/// The organisation an employer's session acts for, once e-Authorizations allowed it
/// (`server::organisations`). Every feature that shows an organisation's data asks for it here.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Acting {
    pub business_id: crate::domain::business_id::BusinessId,
    /// As e-Authorizations named it.
    pub name: String,
}

/// The session's key of [`Acting`].
pub const ACTING_KEY: &str = "acting-for";

/// The organisation `session` acts for, if any.
pub async fn acting(session: &tower_sessions::Session) -> anyhow::Result<Option<Acting>> {
    Ok(session.get::<Acting>(ACTING_KEY).await?)
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct User {
    pub id: i64,
    pub email: String,
    pub role: Role,
    pub language: Lang,
    pub email_verified: bool,
    /// Sessions signed in under an older generation are no longer valid.
    pub session_generation: i64,
    /// Whether logging in also asks for a code from an authenticator app.
    pub two_factor: bool,
}

impl User {
    /// Staff must protect their account with a second factor before they can do anything else.
    pub fn needs_second_factor_set_up(&self) -> bool {
        self.role == Role::Staff && !self.two_factor
    }
}

/// The signed-in user of the request, put in its extensions when its session names one.
#[derive(Clone, Debug)]
pub struct CurrentUser(pub User);
