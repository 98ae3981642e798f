//! Creating an applicant's or employer's account, and confirming its address with a code.

use super::super::codes::{self, Check, Purpose};
use super::super::password::{self, PasswordProblem};
use super::super::session;
use super::super::users::{self, Created, Email, Role};
use super::{compact_code, is_code_shaped, AccountCtx};
use crate::page_data::{FormState, PendingCode};
use crate::server::audit::Event;
use crate::server::mail::{self, Kind, Letter};
use crate::server::web::{Answer, Ctx, Params};
use axum::response::{IntoResponse, Redirect};
use axum::Form;
use serde::Deserialize;

/// The address that registration (or a login to an unconfirmed account) sent a code to, until
/// the code is entered.
const PENDING_EMAIL_KEY: &str = "account.pending_email";

/// The `/verify` page's data: the address the code went to.
pub(super) async fn pending_code(ctx: Ctx, _: Params) -> anyhow::Result<Option<PendingCode>> {
    Ok(ctx.session.get::<String>(PENDING_EMAIL_KEY).await?.map(|email| PendingCode { email }))
}

/// Sends the browser to the page where the code mailed to `email` is entered.
pub(super) async fn await_verification(ctx: &Ctx, email: &str) -> Answer {
    ctx.session.insert(PENDING_EMAIL_KEY, email).await?;
    Ok(Redirect::to("/verify").into_response())
}

#[derive(Deserialize)]
pub struct RegisterForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    /// `applicant` or `employer`; staff accounts are never made here.
    #[serde(default)]
    role: String,
}

/// The message of a new password's problem, for the field `password` of any form.
pub(super) fn password_error(typed: &str) -> Option<&'static str> {
    match password::check_new_password(typed) {
        _ if typed.is_empty() => Some("register-password-missing"),
        Err(PasswordProblem::TooShort) => Some("register-password-short"),
        Err(PasswordProblem::TooLong) => Some("register-password-long"),
        Err(PasswordProblem::TooCommon) => Some("register-password-common"),
        Ok(()) => None,
    }
}

/// The message of a typed address's problem, if it has one.
pub(super) fn email_error(typed: &str) -> Option<&'static str> {
    if typed.trim().is_empty() {
        Some("register-email-missing")
    } else if Email::parse(typed).is_none() {
        Some("register-email-invalid")
    } else {
        None
    }
}

/// `POST /register`. Whether or not the address already has an account, the visitor sees the
/// same thing next: "we sent a code". A new account gets the code; the owner of an existing
/// one gets a message saying someone tried to register with their address.
pub async fn register(ctx: Ctx, Form(form): Form<RegisterForm>) -> Answer {
    if let Some(refusal) = ctx.over_client_limit().await? {
        return Ok(refusal);
    }
    attempt_register(&ctx, form).await
}

async fn attempt_register(ctx: &Ctx, form: RegisterForm) -> Answer {
    let role = [Role::Applicant, Role::Employer].into_iter().find(|role| role.as_str() == form.role);
    // In the order the page asks them, as the error summary lists them.
    let errors: Vec<(&str, &str)> = [
        role.is_none().then_some(("role", "register-role-missing")),
        email_error(&form.email).map(|e| ("email", e)),
        password_error(&form.password).map(|e| ("password", e)),
    ]
    .into_iter()
    .flatten()
    .collect();
    let (Some(email), Some(role), true) = (Email::parse(&form.email), role, errors.is_empty()) else {
        let values = [("email", form.email.as_str()), ("role", form.role.as_str())];
        return ctx.back_to_form("/register", FormState::refused(&values, &errors)).await;
    };
    let hash = password::hash_password(form.password).await?;
    let mail = match users::create(&ctx.state.db, &email, &hash, role, ctx.lang, false).await? {
        Created::Account(id) => {
            ctx.audit(Event::Registered, Some(id)).await?;
            let code = codes::issue(&ctx.state.db, &ctx.state.clock, id, Purpose::VerifyEmail).await?;
            let minutes = codes::VALID_MINUTES.to_string();
            Letter::new(email.as_str(), ctx.lang, Kind::Verify, &[("code", &code), ("minutes", &minutes)])
        }
        Created::EmailTaken => Letter::new(email.as_str(), ctx.lang, Kind::Exists, &[]),
    };
    mail::queue(&ctx.state, mail).await?;
    await_verification(ctx, email.as_str()).await
}

#[derive(Deserialize)]
pub struct VerifyForm {
    #[serde(default)]
    code: String,
}

/// `POST /verify`: the code from the e-mail. The right code verifies the address and signs
/// the new account in.
pub async fn verify(ctx: Ctx, Form(form): Form<VerifyForm>) -> Answer {
    if let Some(refusal) = ctx.over_client_limit().await? {
        return Ok(refusal);
    }
    attempt_verify(&ctx, form).await
}

async fn attempt_verify(ctx: &Ctx, form: VerifyForm) -> Answer {
    let Some(email) = ctx.session.get::<String>(PENDING_EMAIL_KEY).await? else {
        return Ok(Redirect::to("/register").into_response());
    };
    let code = compact_code(&form.code);
    let values = [("code", form.code.as_str())];
    if !is_code_shaped(&code) {
        return ctx.refuse("/verify", &values, "code", "verify-code-format").await;
    }
    let account = match Email::parse(&email) {
        Some(email) => users::find_for_login(&ctx.state.db, &email).await?.map(|(user, _)| user),
        None => None,
    };
    // Every code tried against the account counts, whichever code it was (logging in again
    // mails a new one) and from wherever it came.
    if let Some(user) = account.as_ref().filter(|user| !user.email_verified) {
        if let Some(refusal) = ctx.limited(ctx.state.limits.code(user.id).await)? {
            return Ok(refusal);
        }
    }
    // An address that already had an account was sent no code: its check is refused too.
    let verified = match &account {
        Some(user) if !user.email_verified => {
            matches!(
                codes::check(&ctx.state.db, &ctx.state.clock, user.id, Purpose::VerifyEmail, &code).await?,
                Check::Accepted(_)
            )
        }
        _ => false,
    };
    match account {
        Some(user) if verified => {
            users::mark_verified(&ctx.state.db, user.id).await?;
            ctx.session.remove::<String>(PENDING_EMAIL_KEY).await?;
            session::sign_in(&ctx.session, &ctx.state.clock, &user).await?;
            ctx.audit(Event::EmailVerified, Some(user.id)).await?;
            // Say it worked, and open what the account is for.
            match user.role {
                Role::Applicant => ctx.done("/applications", "account-created-applicant").await,
                _ => ctx.done("/account", "account-created").await,
            }
        }
        _ => ctx.refuse("/verify", &values, "code", "verify-code-wrong").await,
    }
}
