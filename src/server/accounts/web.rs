//! The account forms (posted to the page's own address, then redirected: they work without
//! JavaScript) and the server side of the account server functions.

use super::access::CurrentUser;
use super::audit::{self, Event};
use super::codes::{self, Check, Purpose};
use super::password;
use super::password::PasswordProblem;
use super::session;
use super::users::{self, Created, Email, Role};
use crate::i18n::Lang;
use crate::page_data::{
    form_of_path, AccountSummary, FormState, PendingVerification, LOGIN_FORM, REGISTER_FORM, VERIFY_FORM,
};
use crate::server::error_page::{error_response, ErrorKind};
use crate::server::mail::Outgoing;
use crate::server::AppState;
use axum::extract::{ConnectInfo, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use serde::Deserialize;
use std::net::SocketAddr;
use tower_sessions::Session;

/// The address that registration sent a code to, until the code is entered.
const PENDING_EMAIL_KEY: &str = "account.pending_email";

fn form_state_key(form: &str) -> String {
    format!("form.{form}")
}

/// Keeps what a failed submit must show again, then sends the browser back to the form.
async fn back_to_form(session: &Session, form: &str, path: &str, state: FormState) -> anyhow::Result<Response> {
    session.insert(&form_state_key(form), state).await?;
    Ok(Redirect::to(path).into_response())
}

/// Middleware: puts what the page needs into the request, before it renders — the signed-in
/// account, and for a form page, the state its last failed submit left (taken, so it is shown
/// once).
pub async fn load_page_data(
    Extension(lang): Extension<Lang>,
    State(state): State<AppState>,
    session: Session,
    mut request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    if let Some(CurrentUser(user)) = request.extensions().get::<CurrentUser>() {
        let summary = AccountSummary { email: user.email.clone(), role_msg: user.role.message_id().to_string() };
        request.extensions_mut().insert(summary);
    }
    if request.method() == http::Method::GET {
        if request.uri().path() == "/verify" {
            match session.get::<String>(PENDING_EMAIL_KEY).await {
                Ok(Some(email)) => {
                    request.extensions_mut().insert(PendingVerification { email });
                }
                Ok(None) => {}
                Err(error) => return internal(&state, lang, error.into()),
            }
        }
        if let Some(form) = form_of_path(request.uri().path()) {
            match session.remove::<FormState>(&form_state_key(form)).await {
                Ok(kept) => {
                    request.extensions_mut().insert(kept.unwrap_or_default());
                }
                Err(error) => return internal(&state, lang, error.into()),
            }
        }
    }
    next.run(request).await
}

/// Where a request came from, for the audit log: the peer address when the server knows it.
fn client_of(peer: Option<Extension<ConnectInfo<SocketAddr>>>) -> Option<String> {
    peer.map(|Extension(ConnectInfo(addr))| addr.ip().to_string())
}

/// The translated "too many attempts" page.
fn too_many(state: &AppState, lang: Lang) -> Response {
    error_response(state, lang, ErrorKind::TooManyRequests)
}

/// Logs an unexpected failure and answers with the translated error page.
fn internal(state: &AppState, lang: Lang, error: anyhow::Error) -> Response {
    tracing::error!(%error, "an account request failed");
    error_response(state, lang, ErrorKind::Internal)
}

#[derive(Deserialize)]
pub struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
}

/// `POST /login`. A wrong password and an unknown address get the same answer after the same
/// work (an unknown address is checked against a decoy hash), so the form does not tell
/// whether an address has an account.
pub async fn login(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    peer: Option<Extension<ConnectInfo<SocketAddr>>>,
    session: Session,
    Form(form): Form<LoginForm>,
) -> Response {
    let client = client_of(peer);
    if !state.limits.allow_client(client.as_deref()) {
        return too_many(&state, lang);
    }
    attempt_login(&state, lang, &session, form, client.as_deref()).await.unwrap_or_else(|e| internal(&state, lang, e))
}

async fn attempt_login(
    state: &AppState,
    lang: Lang,
    session: &Session,
    form: LoginForm,
    client: Option<&str>,
) -> anyhow::Result<Response> {
    let mut errors = Vec::new();
    if form.email.trim().is_empty() {
        errors.push(("email".to_string(), "login-email-missing".to_string()));
    }
    if form.password.is_empty() {
        errors.push(("password".to_string(), "login-password-missing".to_string()));
    }
    if !errors.is_empty() {
        let values = vec![("email".to_string(), form.email)];
        return back_to_form(session, LOGIN_FORM, "/login", FormState { values, errors }).await;
    }
    if !state.limits.allow_account(&form.email) {
        return Ok(too_many(state, lang));
    }
    let account = match Email::parse(&form.email) {
        Some(email) => users::find_for_login(&state.db, &email).await?,
        None => None,
    };
    let (user, hash) = match account {
        Some((user, hash)) => (Some(user), Some(hash)),
        None => (None, None),
    };
    if password::verify_password(form.password, hash).await {
        let user = user.expect("a verified password belongs to an account");
        session::sign_in(session, user.id).await?;
        audit::record(&state.db, Event::LoginSucceeded, Some(user.id), client).await?;
        return Ok(Redirect::to("/account").into_response());
    }
    audit::record(&state.db, Event::LoginFailed, user.map(|u| u.id), client).await?;
    let values = vec![("email".to_string(), form.email)];
    let errors = vec![("email".to_string(), "login-failed".to_string())];
    back_to_form(session, LOGIN_FORM, "/login", FormState { values, errors }).await
}

/// `POST /logout`: ends the session in the database and in the browser.
pub async fn logout(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    Extension(CurrentUser(user)): Extension<CurrentUser>,
    peer: Option<Extension<ConnectInfo<SocketAddr>>>,
    session: Session,
) -> Response {
    let client = client_of(peer);
    let result = async {
        session::sign_out(&session).await?;
        audit::record(&state.db, Event::LoggedOut, Some(user.id), client.as_deref()).await
    };
    match result.await {
        Ok(()) => Redirect::to("/logged-out").into_response(),
        Err(error) => internal(&state, lang, error),
    }
}

fn error(field: &str, message_id: &str) -> (String, String) {
    (field.to_string(), message_id.to_string())
}

#[derive(Deserialize)]
pub struct RegisterForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
}

/// `POST /register`. Whether or not the address already has an account, the visitor sees the
/// same thing next: "we sent a code". A new account gets the code; the owner of an existing
/// one gets a message saying someone tried to register with their address.
pub async fn register(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    peer: Option<Extension<ConnectInfo<SocketAddr>>>,
    session: Session,
    Form(form): Form<RegisterForm>,
) -> Response {
    let client = client_of(peer);
    if !state.limits.allow_client(client.as_deref()) {
        return too_many(&state, lang);
    }
    attempt_register(&state, lang, &session, form, client.as_deref())
        .await
        .unwrap_or_else(|e| internal(&state, lang, e))
}

fn register_errors(form: &RegisterForm) -> (Option<Email>, Vec<(String, String)>) {
    let mut errors = Vec::new();
    let email = Email::parse(&form.email);
    if form.email.trim().is_empty() {
        errors.push(error("email", "register-email-missing"));
    } else if email.is_none() {
        errors.push(error("email", "register-email-invalid"));
    }
    match password::check_new_password(&form.password) {
        _ if form.password.is_empty() => errors.push(error("password", "register-password-missing")),
        Err(PasswordProblem::TooShort) => errors.push(error("password", "register-password-short")),
        Err(PasswordProblem::TooLong) => errors.push(error("password", "register-password-long")),
        Err(PasswordProblem::TooCommon) => errors.push(error("password", "register-password-common")),
        Ok(()) => {}
    }
    (email, errors)
}

async fn attempt_register(
    state: &AppState,
    lang: Lang,
    session: &Session,
    form: RegisterForm,
    client: Option<&str>,
) -> anyhow::Result<Response> {
    let (email, errors) = register_errors(&form);
    let Some(email) = email.filter(|_| errors.is_empty()) else {
        let values = vec![("email".to_string(), form.email)];
        return back_to_form(session, REGISTER_FORM, "/register", FormState { values, errors }).await;
    };
    let hash = password::hash_password(form.password).await?;
    let mail = match users::create(&state.db, &email, &hash, Role::Applicant, lang, false).await? {
        Created::Account(id) => {
            audit::record(&state.db, Event::Registered, Some(id), client).await?;
            let code = codes::issue(&state.db, id, Purpose::VerifyEmail).await?;
            let minutes = codes::VALID_MINUTES.to_string();
            Outgoing::translated(email.as_str(), lang, "mail-verify", &[("code", &code), ("minutes", &minutes)])
        }
        Created::EmailTaken => Outgoing::translated(email.as_str(), lang, "mail-exists", &[]),
    };
    state.mailer.send(mail).await?;
    session.insert(PENDING_EMAIL_KEY, email.as_str()).await?;
    Ok(Redirect::to("/verify").into_response())
}

#[derive(Deserialize)]
pub struct VerifyForm {
    #[serde(default)]
    code: String,
}

/// `POST /verify`: the code from the e-mail. The right code verifies the address and signs
/// the new account in.
pub async fn verify(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    peer: Option<Extension<ConnectInfo<SocketAddr>>>,
    session: Session,
    Form(form): Form<VerifyForm>,
) -> Response {
    let client = client_of(peer);
    if !state.limits.allow_client(client.as_deref()) {
        return too_many(&state, lang);
    }
    attempt_verify(&state, &session, form, client.as_deref()).await.unwrap_or_else(|e| internal(&state, lang, e))
}

async fn attempt_verify(
    state: &AppState,
    session: &Session,
    form: VerifyForm,
    client: Option<&str>,
) -> anyhow::Result<Response> {
    let Some(email) = session.get::<String>(PENDING_EMAIL_KEY).await? else {
        return Ok(Redirect::to("/register").into_response());
    };
    // People copy codes with spaces, or type them in groups.
    let code: String = form.code.chars().filter(|c| !c.is_whitespace()).collect();
    let refuse = |message_id: &str| FormState {
        values: vec![("code".into(), form.code.clone())],
        errors: vec![error("code", message_id)],
    };
    if code.len() != 6 || !code.chars().all(|c| c.is_ascii_digit()) {
        return back_to_form(session, VERIFY_FORM, "/verify", refuse("verify-code-format")).await;
    }
    let account = match Email::parse(&email) {
        Some(email) => users::find_for_login(&state.db, &email).await?.map(|(user, _)| user),
        None => None,
    };
    // An address that already had an account was sent no code: its check is refused too.
    let verified = match &account {
        Some(user) if !user.email_verified => {
            codes::check(&state.db, user.id, Purpose::VerifyEmail, &code).await? == Check::Accepted
        }
        _ => false,
    };
    match account {
        Some(user) if verified => {
            users::mark_verified(&state.db, user.id).await?;
            session.remove::<String>(PENDING_EMAIL_KEY).await?;
            session::sign_in(session, user.id).await?;
            audit::record(&state.db, Event::EmailVerified, Some(user.id), client).await?;
            Ok(Redirect::to("/account").into_response())
        }
        _ => back_to_form(session, VERIFY_FORM, "/verify", refuse("verify-code-wrong")).await,
    }
}
