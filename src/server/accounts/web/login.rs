//! Logging in (password, then the app's code when the account has a second factor) and out.

use super::super::codes::{self, Purpose};
use super::super::limits::Guarded;
use super::super::users::{self, Email, User};
use super::super::{password, session, two_factor};
use super::{compact_code, register, AccountCtx};
use crate::domain::text::local_path;
use crate::page_data::{FormState, NEXT_FIELD};
use crate::server::audit::Event;
use crate::server::mail::{self, Kind, Letter};
use crate::server::web::{Answer, Ctx, SignedIn};
use axum::response::{IntoResponse, Redirect};
use axum::Form;
use serde::{Deserialize, Serialize};

/// The account whose password was right, while the second step of its login waits.
const PENDING_LOGIN_KEY: &str = "account.pending_login";
/// How long the second step may take.
const SECOND_STEP_SECONDS: i64 = 300;

#[derive(Serialize, Deserialize)]
struct PendingLogin {
    user_id: i64,
    since: i64,
    /// The page to go on to once the login is complete.
    #[serde(default)]
    next: Option<String>,
}

#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    /// The page the visitor asked for before logging in (see `domain::text::local_path`).
    #[serde(default)]
    next: String,
}

/// `POST /login`. A wrong password and an unknown address get the same answer after the same
/// work (an unknown address is checked against a decoy hash), so the form does not tell
/// whether an address has an account.
pub async fn login(ctx: Ctx, Form(form): Form<LoginForm>) -> Answer {
    if let Some(refusal) = ctx.over_client_limit().await? {
        return Ok(refusal);
    }
    attempt_login(&ctx, form).await
}

async fn attempt_login(ctx: &Ctx, form: LoginForm) -> Answer {
    let mut errors = Vec::new();
    if form.email.trim().is_empty() {
        errors.push(("email", "login-email-missing"));
    }
    if form.password.is_empty() {
        errors.push(("password", "login-password-missing"));
    }
    let next = local_path(&form.next).map(str::to_string);
    let values = [("email", form.email.as_str()), (NEXT_FIELD, next.as_deref().unwrap_or_default())];
    if !errors.is_empty() {
        return ctx.back_to_form("/login", FormState::refused(&values, &errors)).await;
    }
    let account = match Email::parse(&form.email) {
        Some(email) => users::find_for_login(&ctx.state.db, &email).await?,
        None => None,
    };
    let (user, hash) = account.map_or((None, None), |(user, hash)| (Some(user), Some(hash)));
    let generation = user.as_ref().map(|user| user.session_generation);
    if let Some(refusal) = ctx.limited(ctx.state.limits.login(&form.email, generation, ctx.client.as_deref()).await)? {
        return Ok(refusal);
    }
    let verified = password::verify_password(form.password, hash).await;
    // Only a wrong password counts: a right one, and one not checked (busy or broken), give
    // the try back.
    if !matches!(verified, Ok(false)) {
        ctx.state.limits.give_back_login(&form.email, generation, ctx.client.as_deref()).await?;
    }
    if !verified? {
        ctx.audit(Event::LoginFailed, user.map(|u| u.id)).await?;
        return ctx.refuse("/login", &values, "email", "login-failed").await;
    }
    let user = user.expect("a verified password belongs to an account");
    if !user.email_verified {
        // The address was never confirmed: a new code, and the same page as after registering.
        let code = codes::issue(&ctx.state.db, &ctx.state.clock, user.id, Purpose::VerifyEmail).await?;
        let minutes = codes::VALID_MINUTES.to_string();
        let mail = Letter::new(&user.email, user.language, Kind::Verify, &[("code", &code), ("minutes", &minutes)]);
        mail::queue(&ctx.state, mail).await?;
        return register::await_verification(ctx, &user.email).await;
    }
    if user.two_factor {
        // Not signed in yet, but on a fresh id: the second step must not reuse an old one.
        ctx.session.cycle_id().await?;
        let pending = PendingLogin { user_id: user.id, since: ctx.state.clock.now(), next };
        ctx.session.insert(PENDING_LOGIN_KEY, pending).await?;
        return Ok(Redirect::to("/login/code").into_response());
    }
    complete_login(ctx, &user, next.as_deref()).await
}

/// Signs `user` in and goes on to `next`, the page asked for, or else the account; staff
/// without a second factor set it up first.
async fn complete_login(ctx: &Ctx, user: &User, next: Option<&str>) -> Answer {
    session::sign_in(&ctx.session, &ctx.state.clock, user).await?;
    ctx.audit(Event::LoginSucceeded, Some(user.id)).await?;
    let next = if user.needs_second_factor_set_up() { "/account/two-factor" } else { next.unwrap_or("/account") };
    let mut response = Redirect::to(next).into_response();
    let marker = session::signed_in_before_cookie(ctx.state.config.is_https());
    response.headers_mut().append(http::header::SET_COOKIE, http::HeaderValue::from_str(&marker)?);
    Ok(response)
}

#[derive(Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    code: String,
}

/// `POST /login/code`: the second step, a code from the authenticator app or a recovery code.
pub async fn login_code(ctx: Ctx, Form(form): Form<CodeForm>) -> Answer {
    if let Some(refusal) = ctx.over_client_limit().await? {
        return Ok(refusal);
    }
    attempt_code(&ctx, form).await
}

async fn attempt_code(ctx: &Ctx, form: CodeForm) -> Answer {
    let pending = ctx.session.get::<PendingLogin>(PENDING_LOGIN_KEY).await?;
    let now = ctx.state.clock.now();
    let Some(pending) = pending.filter(|p| now - p.since < SECOND_STEP_SECONDS) else {
        ctx.session.remove::<PendingLogin>(PENDING_LOGIN_KEY).await?;
        return ctx.inform("/login", "login-code-expired").await;
    };
    let values = [("code", form.code.as_str())];
    if compact_code(&form.code).is_empty() {
        return ctx.refuse("/login/code", &values, "code", "login-code-missing").await;
    }
    // Guessing codes is slowed per account as well as per client.
    if let Some(refusal) =
        ctx.limited(ctx.state.limits.account(Guarded::SecondFactor, &pending.user_id.to_string()).await)?
    {
        return Ok(refusal);
    }
    let accepted =
        two_factor::check_login(&ctx.state.db, &ctx.state.clock, &ctx.state.secrets, pending.user_id, &form.code)
            .await?;
    let user = users::find(&ctx.state.db, pending.user_id).await?;
    match user {
        Some(user) if accepted => {
            ctx.session.remove::<PendingLogin>(PENDING_LOGIN_KEY).await?;
            complete_login(ctx, &user, pending.next.as_deref()).await
        }
        _ => {
            ctx.audit(Event::LoginFailed, Some(pending.user_id)).await?;
            ctx.refuse("/login/code", &values, "code", "login-code-wrong").await
        }
    }
}

/// `POST /logout`: ends the session in the database and in the browser.
pub async fn logout(ctx: Ctx, SignedIn(user): SignedIn) -> Answer {
    session::sign_out(&ctx.session).await?;
    ctx.audit(Event::LoggedOut, Some(user.id)).await?;
    Ok(ctx.leave("/logged-out"))
}
