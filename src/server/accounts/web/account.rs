//! What a signed-in user does with their account: a new address, the language of the
//! service's messages, a copy of their data, and deleting the account.

use super::super::codes::{self, Check, Purpose};
use super::super::session;
use super::super::users::{self, Created, Email};
use super::register::email_error;
use super::{compact_code, is_code_shaped, AccountCtx};
use crate::i18n::Lang;
use crate::page_data::{FormState, PendingCode};
use crate::server::audit::{self, Event};
use crate::server::identity::User;
use crate::server::mail::{self, Kind, Letter};
use crate::server::web::{Answer, Ctx, Params, SignedIn};
use axum::response::{IntoResponse, Redirect};
use axum::Form;
use http::header;
use serde::{Deserialize, Serialize};

/// The new address a code was sent to, until the code is entered.
const PENDING_NEW_EMAIL_KEY: &str = "account.pending_new_email";

/// The `/account/email/code` page's data: the new address the code went to.
pub(super) async fn pending_code(ctx: Ctx, _: Params) -> anyhow::Result<Option<PendingCode>> {
    Ok(ctx.session.get::<String>(PENDING_NEW_EMAIL_KEY).await?.map(|email| PendingCode { email }))
}

#[derive(Deserialize)]
pub struct EmailForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    current: String,
}

/// `POST /account/email`: a new address and the password; a code goes to the new address.
pub async fn change_email(ctx: Ctx, SignedIn(user): SignedIn, Form(form): Form<EmailForm>) -> Answer {
    if let Some(refusal) = ctx.over_client_limit().await? {
        return Ok(refusal);
    }
    attempt_change_email(&ctx, &user, form).await
}

async fn attempt_change_email(ctx: &Ctx, user: &User, form: EmailForm) -> Answer {
    let email = Email::parse(&form.email);
    let same = email.as_ref().is_some_and(|e| e.as_str() == user.email);
    let mut errors: Vec<(&str, &str)> = [
        email_error(&form.email).map(|e| ("email", e)),
        same.then_some(("email", "email-change-same")),
        form.current.is_empty().then_some(("current", "password-current-missing")),
    ]
    .into_iter()
    .flatten()
    .collect();
    if let Some(refusal) = ctx.check_current_password("current", form.current, &mut errors).await? {
        return Ok(refusal);
    }
    let (Some(email), true) = (email, errors.is_empty()) else {
        return ctx.back_to_form("/account/email", FormState::refused(&[("email", &form.email)], &errors)).await;
    };
    let code = codes::issue_for_new_email(&ctx.state.db, &ctx.state.clock, user.id, email.as_str()).await?;
    let minutes = codes::VALID_MINUTES.to_string();
    let mail = Letter::new(email.as_str(), user.language, Kind::ChangeEmail, &[("code", &code), ("minutes", &minutes)]);
    mail::queue(&ctx.state, mail).await?;
    ctx.session.insert(PENDING_NEW_EMAIL_KEY, email.as_str()).await?;
    Ok(Redirect::to("/account/email/code").into_response())
}

#[derive(Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    code: String,
}

/// `POST /account/email/code`: the code sent to the new address. The old address is told.
pub async fn confirm_email(ctx: Ctx, SignedIn(user): SignedIn, Form(form): Form<CodeForm>) -> Answer {
    if let Some(refusal) = ctx.over_client_limit().await? {
        return Ok(refusal);
    }
    attempt_confirm_email(&ctx, &user, form).await
}

async fn attempt_confirm_email(ctx: &Ctx, user: &User, form: CodeForm) -> Answer {
    if ctx.session.get::<String>(PENDING_NEW_EMAIL_KEY).await?.is_none() {
        return Ok(Redirect::to("/account/email").into_response());
    }
    let code = compact_code(&form.code);
    let values = [("code", form.code.as_str())];
    if !is_code_shaped(&code) {
        return ctx.refuse("/account/email/code", &values, "code", "verify-code-format").await;
    }
    if let Some(refusal) = ctx.limited(ctx.state.limits.code(user.id).await)? {
        return Ok(refusal);
    }
    let new_email = match codes::check(&ctx.state.db, &ctx.state.clock, user.id, Purpose::ChangeEmail, &code).await? {
        Check::Accepted(Some(address)) => Email::parse(&address),
        _ => None,
    };
    let Some(new_email) = new_email else {
        return ctx.refuse("/account/email/code", &values, "code", "verify-code-wrong").await;
    };
    ctx.session.remove::<String>(PENDING_NEW_EMAIL_KEY).await?;
    if users::set_email(&ctx.state.db, user.id, &new_email).await? == Created::EmailTaken {
        return ctx.refuse("/account/email", &[("email", new_email.as_str())], "email", "email-change-taken").await;
    }
    ctx.audit(Event::EmailChanged, Some(user.id)).await?;
    mail::queue(&ctx.state, Letter::new(&user.email, user.language, Kind::EmailChanged, &[])).await?;
    ctx.done("/account", "email-changed").await
}

#[derive(Deserialize)]
pub struct LanguageForm {
    #[serde(default)]
    language: String,
}

/// `POST /account/language`: the language of the service's e-mail, also made the language of
/// the pages from now on.
pub async fn change_language(ctx: Ctx, SignedIn(user): SignedIn, Form(form): Form<LanguageForm>) -> Answer {
    let Some(language) = Lang::from_code(&form.language) else {
        return ctx.refuse("/account/language", &[], "language", "language-missing").await;
    };
    users::set_language(&ctx.state.db, user.id, language).await?;
    ctx.done(&format!("/account?lang={}", language.code()), "language-changed").await
}

/// Everything the portal holds about the account, for `GET /account/data.json`.
#[derive(Serialize)]
struct MyData {
    account: AccountData,
    events: Vec<EventData>,
    /// What each feature holds of the account (its applications, …), by the feature's name.
    #[serde(flatten)]
    held: serde_json::Map<String, serde_json::Value>,
}

#[derive(Serialize)]
struct AccountData {
    email: String,
    role: &'static str,
    language: &'static str,
    email_verified: bool,
    two_factor: bool,
    /// An employer's identity code, as the administrator recorded it.
    identity_code: Option<String>,
    created_at: String,
}

#[derive(Serialize)]
struct EventData {
    occurred_at: String,
    event: String,
    client: Option<String>,
}

/// `GET /account/data.json`: the account's data as a JSON file to save.
pub async fn download_data(ctx: Ctx, SignedIn(user): SignedIn) -> Answer {
    let dialect = crate::server::db::Dialect::of(&ctx.state.db);
    let created_at: String = sqlx::query_scalar(&format!(
        "SELECT {} FROM users WHERE id = $1",
        crate::server::db::timestamp_text(dialect, "created_at")
    ))
    .bind(user.id)
    .fetch_one(&ctx.state.db)
    .await?;
    let events = audit::for_user(&ctx.state.db, user.id)
        .await?
        .into_iter()
        .map(|(occurred_at, event, client)| EventData { occurred_at, event, client })
        .collect();
    let mut held = serde_json::Map::new();
    for holder in ctx.state.personal_data.iter() {
        held.insert(holder.name.to_string(), (holder.export)(&ctx.state.db, user.id).await?);
    }
    let data = MyData {
        account: AccountData {
            email: user.email.clone(),
            role: user.role.as_str(),
            language: user.language.code(),
            email_verified: user.email_verified,
            two_factor: user.two_factor,
            identity_code: crate::server::accounts::users::identity_code(&ctx.state.db, user.id).await?,
            created_at,
        },
        events,
        held,
    };
    let headers = [
        (header::CONTENT_TYPE, "application/json; charset=utf-8"),
        (header::CONTENT_DISPOSITION, "attachment; filename=\"my-data.json\""),
    ];
    Ok((headers, serde_json::to_string_pretty(&data)?).into_response())
}

#[derive(Deserialize)]
pub struct DeleteForm {
    #[serde(default)]
    current: String,
    /// `yes` when the box "I understand" is ticked.
    #[serde(default)]
    confirm: Option<String>,
}

/// `POST /account/delete`: with the password and the confirmation ticked, the account and its
/// drafts are deleted and the session ends.
pub async fn delete_account(ctx: Ctx, SignedIn(user): SignedIn, Form(form): Form<DeleteForm>) -> Answer {
    if let Some(refusal) = ctx.over_client_limit().await? {
        return Ok(refusal);
    }
    attempt_delete(&ctx, &user, form).await
}

async fn attempt_delete(ctx: &Ctx, user: &User, form: DeleteForm) -> Answer {
    let mut errors: Vec<(&str, &str)> = [
        form.current.is_empty().then_some(("current", "password-current-missing")),
        (form.confirm.as_deref() != Some("yes")).then_some(("confirm", "delete-confirm-missing")),
    ]
    .into_iter()
    .flatten()
    .collect();
    if let Some(refusal) = ctx.check_current_password("current", form.current, &mut errors).await? {
        return Ok(refusal);
    }
    if !errors.is_empty() {
        return ctx.back_to_form("/account/delete", FormState::refused(&[], &errors)).await;
    }
    ctx.audit(Event::AccountDeleted, Some(user.id)).await?;
    // What is the owner's own goes with the account (drafts); what the law keeps stays.
    for holder in ctx.state.personal_data.iter() {
        (holder.forget)(&ctx.state.db, user.id).await?;
    }
    users::delete(&ctx.state.db, user.id).await?;
    session::sign_out(&ctx.session).await?;
    Ok(ctx.leave("/account-deleted"))
}
