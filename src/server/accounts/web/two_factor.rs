//! Turning the second factor on and off, and recovery codes.

use super::super::session;
use super::super::two_factor;
use super::AccountCtx;
use crate::page_data::{FormState, RecoveryCodes, TwoFactorSetup, TwoFactorStatus, RENEW_CODES_PASSWORD};
use crate::server::audit::Event;
use crate::server::identity::User;
use crate::server::web::{Answer, Ctx, Params, SignedIn};
use axum::response::{IntoResponse, Redirect};
use axum::Form;
use serde::Deserialize;

/// The secret shown on the set-up page, kept until the user proves their app has it. Kept in
/// the session, not the account, so an abandoned set-up changes nothing.
const PENDING_SECRET_KEY: &str = "two_factor.pending_secret";
/// New recovery codes, until the page that shows them once is rendered.
const NEW_CODES_KEY: &str = "two_factor.new_codes";

/// The `/account/two-factor` page's data: the second factor's state, or what the app needs
/// to set it up (a secret kept in the session until a code from the app proves it).
pub(super) async fn status(ctx: Ctx, _: Params) -> anyhow::Result<Option<TwoFactorStatus>> {
    let user = ctx.signed_in()?;
    if user.two_factor {
        let left = two_factor::recovery_codes_left(&ctx.state.db, user.id).await?;
        return Ok(Some(TwoFactorStatus { enabled: true, recovery_codes_left: left, setup: None }));
    }
    let secret = match ctx.session.get::<String>(PENDING_SECRET_KEY).await? {
        Some(secret) => secret,
        None => {
            let secret = two_factor::new_secret();
            ctx.session.insert(PENDING_SECRET_KEY, &secret).await?;
            secret
        }
    };
    let (secret, qr_svg) = two_factor::setup(&secret, &user.email)?;
    Ok(Some(TwoFactorStatus { enabled: false, recovery_codes_left: 0, setup: Some(TwoFactorSetup { secret, qr_svg }) }))
}

/// The recovery codes page's data: the codes just made, shown once.
pub(super) async fn new_codes(ctx: Ctx, _: Params) -> anyhow::Result<Option<RecoveryCodes>> {
    let codes = ctx.take::<Vec<String>>(NEW_CODES_KEY).await?.unwrap_or_default();
    Ok(Some(RecoveryCodes { codes }))
}

#[derive(Deserialize)]
pub struct EnableForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    current: String,
}

/// `POST /account/two-factor`: with the password, the first code from the app turns the second
/// factor on, and the recovery codes are shown once.
pub async fn enable_two_factor(ctx: Ctx, SignedIn(user): SignedIn, Form(form): Form<EnableForm>) -> Answer {
    if let Some(refusal) = ctx.over_client_limit().await? {
        return Ok(refusal);
    }
    attempt_enable(&ctx, &user, form).await
}

async fn attempt_enable(ctx: &Ctx, user: &User, form: EnableForm) -> Answer {
    let Some(secret) = ctx.session.get::<String>(PENDING_SECRET_KEY).await? else {
        return Ok(Redirect::to("/account/two-factor").into_response());
    };
    let values = [("code", form.code.as_str())];
    let mut errors: Vec<(&str, &str)> = [
        form.code.trim().is_empty().then_some(("code", "two-factor-code-missing")),
        form.current.is_empty().then_some(("current", "password-current-missing")),
    ]
    .into_iter()
    .flatten()
    .collect();
    if let Some(refusal) = ctx.check_current_password("current", form.current, &mut errors).await? {
        return Ok(refusal);
    }
    if !errors.is_empty() {
        return ctx.back_to_form("/account/two-factor", FormState::refused(&values, &errors)).await;
    }
    let Some(step) = two_factor::confirmed_step(&ctx.state.clock, &secret, &form.code)? else {
        return ctx.refuse("/account/two-factor", &values, "code", "two-factor-code-wrong").await;
    };
    let codes = two_factor::enable(&ctx.state.db, &ctx.state.secrets, user.id, &secret, step).await?;
    ctx.session.remove::<String>(PENDING_SECRET_KEY).await?;
    // What the session may do has changed: a new id.
    session::renew(&ctx.session, user.session_generation).await?;
    ctx.audit(Event::TwoFactorEnabled, Some(user.id)).await?;
    show_codes(ctx, codes).await
}

async fn show_codes(ctx: &Ctx, codes: Vec<String>) -> Answer {
    ctx.session.insert(NEW_CODES_KEY, codes).await?;
    Ok(Redirect::to("/account/two-factor/recovery-codes").into_response())
}

/// `POST /account/two-factor/recovery-codes`: with the password, replaces the recovery codes
/// with new ones.
pub async fn new_recovery_codes(
    ctx: Ctx,
    SignedIn(user): SignedIn,
    Form(fields): Form<Vec<(String, String)>>,
) -> Answer {
    if let Some(refusal) = ctx.over_client_limit().await? {
        return Ok(refusal);
    }
    if !user.two_factor {
        return Ok(Redirect::to("/account/two-factor").into_response());
    }
    // The current password, in the field named apart from the other one on its page.
    let current = fields.into_iter().find(|(name, _)| name == RENEW_CODES_PASSWORD).map(|(_, v)| v).unwrap_or_default();
    let mut errors: Vec<(&str, &str)> =
        current.is_empty().then_some((RENEW_CODES_PASSWORD, "password-current-missing")).into_iter().collect();
    if let Some(refusal) = ctx.check_current_password(RENEW_CODES_PASSWORD, current, &mut errors).await? {
        return Ok(refusal);
    }
    if !errors.is_empty() {
        return ctx.back_to_form("/account/two-factor", FormState::refused(&[], &errors)).await;
    }
    let codes = two_factor::new_recovery_codes(&ctx.state.db, user.id).await?;
    ctx.audit(Event::RecoveryCodesRenewed, Some(user.id)).await?;
    show_codes(&ctx, codes).await
}

#[derive(Deserialize)]
pub struct DisableForm {
    #[serde(default)]
    current: String,
}

/// `POST /account/two-factor/disable`: with the password, turns the second factor off. Staff
/// cannot (the access table keeps them out): for them it is mandatory.
pub async fn disable_two_factor(ctx: Ctx, SignedIn(user): SignedIn, Form(form): Form<DisableForm>) -> Answer {
    if let Some(refusal) = ctx.over_client_limit().await? {
        return Ok(refusal);
    }
    attempt_disable(&ctx, &user, form).await
}

async fn attempt_disable(ctx: &Ctx, user: &User, form: DisableForm) -> Answer {
    let mut errors: Vec<(&str, &str)> =
        form.current.is_empty().then_some(("current", "password-current-missing")).into_iter().collect();
    if let Some(refusal) = ctx.check_current_password("current", form.current, &mut errors).await? {
        return Ok(refusal);
    }
    if !errors.is_empty() {
        return ctx.back_to_form("/account/two-factor", FormState::refused(&[], &errors)).await;
    }
    two_factor::disable(&ctx.state.db, user.id).await?;
    ctx.audit(Event::TwoFactorDisabled, Some(user.id)).await?;
    ctx.done("/account", "two-factor-disabled").await
}
