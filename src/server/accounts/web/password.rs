//! Forgotten passwords (reset by a code sent by e-mail) and changing a known one.

use super::super::codes::{self, Check, Purpose};
use super::super::limits::Guarded;
use super::super::users::{self, Email};
use super::super::{password, session};
use super::register::{email_error, password_error};
use super::{compact_code, is_code_shaped, AccountCtx};
use crate::page_data::{FormState, PendingCode};
use crate::server::audit::Event;
use crate::server::identity::User;
use crate::server::mail::{self, Kind, Letter};
use crate::server::web::{Answer, Ctx, Params, SignedIn};
use axum::response::{IntoResponse, Redirect};
use axum::Form;
use serde::Deserialize;

/// The address a reset code was asked for, until the code is entered.
const PENDING_RESET_KEY: &str = "account.pending_reset";

/// The `/password-reset/code` page's data: the address the code went to.
pub(super) async fn pending_code(ctx: Ctx, _: Params) -> anyhow::Result<Option<PendingCode>> {
    Ok(ctx.session.get::<String>(PENDING_RESET_KEY).await?.map(|email| PendingCode { email }))
}

#[derive(Deserialize)]
pub struct ResetRequestForm {
    #[serde(default)]
    email: String,
}

/// `POST /password-reset`: mails a code to the address if it has an account. The visitor is
/// told the same either way ("if the address has an account, we sent a code").
pub async fn request_reset(ctx: Ctx, Form(form): Form<ResetRequestForm>) -> Answer {
    if let Some(refusal) = ctx.over_client_limit().await? {
        return Ok(refusal);
    }
    attempt_request(&ctx, form).await
}

async fn attempt_request(ctx: &Ctx, form: ResetRequestForm) -> Answer {
    let (Some(email), None) = (Email::parse(&form.email), email_error(&form.email)) else {
        let error = email_error(&form.email).unwrap_or("register-email-invalid");
        return ctx.refuse("/password-reset", &[("email", &form.email)], "email", error).await;
    };
    if let Some(refusal) = ctx.limited(ctx.state.limits.account(Guarded::ResetRequest, email.as_str()).await)? {
        return Ok(refusal);
    }
    if let Some((user, _)) = users::find_for_login(&ctx.state.db, &email).await? {
        let code = codes::issue(&ctx.state.db, &ctx.state.clock, user.id, Purpose::ResetPassword).await?;
        let minutes = codes::VALID_MINUTES.to_string();
        let mail = Letter::new(email.as_str(), user.language, Kind::Reset, &[("code", &code), ("minutes", &minutes)]);
        mail::queue(&ctx.state, mail).await?;
        ctx.audit(Event::PasswordResetRequested, Some(user.id)).await?;
    } else {
        // The same work as for an account, less the code: the answer must not tell.
        ctx.audit(Event::PasswordResetRequested, None).await?;
    }
    ctx.session.insert(PENDING_RESET_KEY, email.as_str()).await?;
    Ok(Redirect::to("/password-reset/code").into_response())
}

#[derive(Deserialize)]
pub struct ResetForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    password: String,
}

/// `POST /password-reset/code`: the code and a new password. Every session of the account ends,
/// and the user logs in again with the new password (and their second factor, if they have one).
pub async fn confirm_reset(ctx: Ctx, Form(form): Form<ResetForm>) -> Answer {
    if let Some(refusal) = ctx.over_client_limit().await? {
        return Ok(refusal);
    }
    attempt_reset(&ctx, form).await
}

async fn attempt_reset(ctx: &Ctx, form: ResetForm) -> Answer {
    let Some(email) = ctx.session.get::<String>(PENDING_RESET_KEY).await? else {
        return Ok(Redirect::to("/password-reset").into_response());
    };
    let code = compact_code(&form.code);
    let errors: Vec<(&str, &str)> = [
        (!is_code_shaped(&code)).then_some(("code", "verify-code-format")),
        password_error(&form.password).map(|e| ("password", e)),
    ]
    .into_iter()
    .flatten()
    .collect();
    let values = [("code", form.code.as_str())];
    if !errors.is_empty() {
        return ctx.back_to_form("/password-reset/code", FormState::refused(&values, &errors)).await;
    }
    if let Some(refusal) = ctx.limited(ctx.state.limits.account(Guarded::ResetCode, &email).await)? {
        return Ok(refusal);
    }
    let account = match Email::parse(&email) {
        Some(email) => users::find_for_login(&ctx.state.db, &email).await?.map(|(user, _)| user),
        None => None,
    };
    let accepted = match &account {
        Some(user) => {
            matches!(
                codes::check(&ctx.state.db, &ctx.state.clock, user.id, Purpose::ResetPassword, &code).await?,
                Check::Accepted(_)
            )
        }
        None => false,
    };
    let Some(user) = account.filter(|_| accepted) else {
        return ctx.refuse("/password-reset/code", &values, "code", "verify-code-wrong").await;
    };
    let hash = password::hash_password(form.password).await?;
    users::set_password(&ctx.state.db, user.id, &hash, true).await?;
    // Reading the code proved the address too.
    users::mark_verified(&ctx.state.db, user.id).await?;
    ctx.session.remove::<String>(PENDING_RESET_KEY).await?;
    ctx.audit(Event::PasswordReset, Some(user.id)).await?;
    ctx.done("/login", "password-reset-done").await
}

#[derive(Deserialize)]
pub struct ChangeForm {
    #[serde(default)]
    current: String,
    #[serde(default)]
    password: String,
    /// `yes` when the box "sign out my other sessions" is ticked.
    #[serde(default)]
    sign_out_others: Option<String>,
}

/// `POST /account/password`: the current password, a new one, and whether to end the other
/// sessions. The owner is told by e-mail, in case it was not them.
pub async fn change_password(ctx: Ctx, SignedIn(user): SignedIn, Form(form): Form<ChangeForm>) -> Answer {
    if let Some(refusal) = ctx.over_client_limit().await? {
        return Ok(refusal);
    }
    attempt_change(&ctx, &user, form).await
}

async fn attempt_change(ctx: &Ctx, user: &User, form: ChangeForm) -> Answer {
    let sign_out_others = form.sign_out_others.as_deref() == Some("yes");
    let values = [("sign_out_others", if sign_out_others { "yes" } else { "" })];
    let mut errors: Vec<(&str, &str)> = [
        form.current.is_empty().then_some(("current", "password-current-missing")),
        password_error(&form.password).map(|e| ("password", e)),
    ]
    .into_iter()
    .flatten()
    .collect();
    if let Some(refusal) = ctx.check_current_password("current", form.current, &mut errors).await? {
        return Ok(refusal);
    }
    if !errors.is_empty() {
        return ctx.back_to_form("/account/password", FormState::refused(&values, &errors)).await;
    }
    let hash = password::hash_password(form.password).await?;
    let generation = users::set_password(&ctx.state.db, user.id, &hash, sign_out_others).await?;
    // A new id for this session either way; with the others ended, also the new generation.
    session::renew(&ctx.session, generation).await?;
    ctx.audit(Event::PasswordChanged, Some(user.id)).await?;
    mail::queue(&ctx.state, Letter::new(&user.email, user.language, Kind::PasswordChanged, &[])).await?;
    ctx.done("/account", if sign_out_others { "password-changed-others-out" } else { "password-changed" }).await
}
