//! The account forms and the data their pages show.
//!
//! Every form posts to its page's own address and is answered with a redirect
//! (Post/Redirect/Get), so the forms work without JavaScript. A failed submit keeps what the
//! page must show again — values as typed (never a password) and translated errors — in the
//! session under the page's path; the next GET of that page takes it and shows it once.

mod account;
mod login;
mod password;
mod register;
mod staff;
mod two_factor;

pub use account::{change_email, change_language, confirm_email, delete_account, download_data};
pub use login::{login, login_code, logout};
pub use password::{change_password, confirm_reset, request_reset};
pub use register::{register, verify};
pub use two_factor::{disable_two_factor, enable_two_factor, new_recovery_codes};

use super::access::CurrentUser;
use super::audit::{self, Event};
use super::limits::Guarded;
use super::users::User;
use crate::i18n::Lang;
use crate::page_data::{AccountSummary, FormState, Notice, ReturnPath};
use crate::server::error_page::{error_response, ErrorKind};
use crate::server::AppState;
use axum::extract::{ConnectInfo, FromRequestParts, Request};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use http::request::Parts;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::net::SocketAddr;
use tower_sessions::Session;

const NOTICE_KEY: &str = "flash.notice";

fn form_state_key(path: &str) -> String {
    format!("form.{path}")
}

/// What every account handler works with: the app, the language, the session, where the
/// request came from, and who is signed in.
pub struct Ctx {
    pub(crate) state: AppState,
    pub(crate) lang: Lang,
    pub(crate) session: Session,
    client: Option<String>,
    pub(crate) user: Option<User>,
}

impl FromRequestParts<AppState> for Ctx {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let lang = parts.extensions.get::<Lang>().copied().unwrap_or_default();
        let session = Session::from_request_parts(parts, state).await.map_err(|(_, reason)| {
            tracing::error!(reason, "no session layer");
            error_response(state, lang, ErrorKind::Internal)
        })?;
        Ok(Ctx {
            state: state.clone(),
            lang,
            session,
            client: parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|ConnectInfo(addr)| addr.ip().to_string()),
            user: parts.extensions.get::<CurrentUser>().map(|CurrentUser(user)| user.clone()),
        })
    }
}

impl Ctx {
    /// The translated 429 page when this client has tried too often, counting this try.
    fn over_client_limit(&self) -> Option<Response> {
        (!self.state.limits.allow_client(self.client.as_deref())).then(|| self.too_many())
    }

    fn too_many(&self) -> Response {
        error_response(&self.state, self.lang, ErrorKind::TooManyRequests)
    }

    /// The response of a handled form, or the translated error page if handling failed.
    pub(crate) fn finish(&self, result: anyhow::Result<Response>) -> Response {
        result.unwrap_or_else(|error| {
            tracing::error!(%error, "a request failed");
            error_response(&self.state, self.lang, ErrorKind::Internal)
        })
    }

    /// The signed-in user. The access table lets only signed-in users reach the handlers that
    /// ask, so a missing user is a bug, answered like any other failure.
    pub(crate) fn signed_in(&self) -> anyhow::Result<&User> {
        self.user.as_ref().ok_or_else(|| anyhow::anyhow!("an account handler was reached without a signed-in user"))
    }

    async fn audit(&self, event: Event, user_id: Option<i64>) -> anyhow::Result<()> {
        audit::record(&self.state.db, event, user_id, self.client.as_deref()).await
    }

    /// For a form that asks for the current password: when the form has no other `problems`,
    /// checks the signed-in user's password (a try against the account's limit) and adds
    /// "wrong" to them. The 429 answer, instead, once the limit is reached.
    async fn check_current_password(
        &self,
        typed: String,
        problems: &mut Vec<(&str, &str)>,
    ) -> anyhow::Result<Option<Response>> {
        if !problems.is_empty() {
            return Ok(None);
        }
        let user = self.signed_in()?;
        if !self.state.limits.allow_account(Guarded::CurrentPassword, &user.email) {
            return Ok(Some(self.too_many()));
        }
        let hash = super::users::password_hash(&self.state.db, user.id).await?;
        if !super::password::verify_password(typed, hash).await {
            problems.push(("current", "password-current-wrong"));
        }
        Ok(None)
    }

    /// Sends the browser back to the form at `path`, which will show `state`.
    async fn back_to_form(&self, path: &str, state: FormState) -> anyhow::Result<Response> {
        self.session.insert(&form_state_key(path), state).await?;
        Ok(Redirect::to(path).into_response())
    }

    /// Back to the form at `path` with one error, keeping the typed `values`.
    pub(crate) async fn refuse(
        &self,
        path: &str,
        values: &[(&str, &str)],
        field: &str,
        message_id: &str,
    ) -> anyhow::Result<Response> {
        self.back_to_form(path, FormState::refused(values, &[(field, message_id)])).await
    }

    /// Goes on to `path`, which will confirm what was done with the message `message_id`.
    pub(crate) async fn done(&self, path: &str, message_id: &str) -> anyhow::Result<Response> {
        self.notify(path, Notice { message_id: message_id.to_string(), success: true }).await
    }

    /// Goes on to `path`, which will tell the user `message_id`.
    pub(crate) async fn inform(&self, path: &str, message_id: &str) -> anyhow::Result<Response> {
        self.notify(path, Notice { message_id: message_id.to_string(), success: false }).await
    }

    async fn notify(&self, path: &str, notice: Notice) -> anyhow::Result<Response> {
        self.session.insert(NOTICE_KEY, notice).await?;
        Ok(Redirect::to(path).into_response())
    }
}

impl Ctx {
    /// Takes `key` out of the session if it is there (shown once).
    pub(crate) async fn take<T: Serialize + DeserializeOwned>(&self, key: &str) -> anyhow::Result<Option<T>> {
        take(&self.session, key).await
    }
}

/// Takes `key` out of the session if it is there. (Removing an absent key would still mark the
/// session changed, and give every visitor a session row.)
async fn take<T: Serialize + DeserializeOwned>(session: &Session, key: &str) -> anyhow::Result<Option<T>> {
    Ok(match session.get::<T>(key).await? {
        Some(value) => {
            session.remove::<T>(key).await?;
            Some(value)
        }
        None => None,
    })
}

/// Middleware: puts what a page shows into its request before it renders: the signed-in
/// account, a notice and the kept form state left by the last submit, and the page's own data.
pub async fn load_page_data(ctx: Ctx, mut request: Request, next: Next) -> Response {
    if request.method() == http::Method::GET {
        let path = request.uri().path().to_string();
        let (mut parts, body) = request.into_parts();
        let loaded = page_data(&ctx, &path, &parts.headers, &mut parts.extensions).await;
        request = Request::from_parts(parts, body);
        if let Err(error) = loaded {
            return ctx.finish(Err(error));
        }
    }
    next.run(request).await
}

async fn page_data(
    ctx: &Ctx,
    path: &str,
    headers: &http::HeaderMap,
    extensions: &mut http::Extensions,
) -> anyhow::Result<()> {
    if let Some(user) = &ctx.user {
        extensions.insert(AccountSummary {
            email: user.email.clone(),
            role_msg: user.role.message_id().to_string(),
            language: user.language.code().to_string(),
            two_factor: user.two_factor,
            can_delete: user.role != super::users::Role::Staff,
        });
    }
    if let Some(notice) = take::<Notice>(&ctx.session, NOTICE_KEY).await? {
        extensions.insert(notice);
    }
    extensions.insert(take::<FormState>(&ctx.session, &form_state_key(path)).await?.unwrap_or_default());
    if path == "/session-warning" {
        extensions.insert(ReturnPath(return_path(headers)));
    }
    register::page_data(ctx, path, extensions).await?;
    password::page_data(ctx, path, extensions).await?;
    account::page_data(ctx, path, extensions).await?;
    two_factor::page_data(ctx, path, extensions).await?;
    crate::server::applications::web::page_data(ctx, path, extensions).await?;
    staff::page_data(ctx, path, extensions).await
}

/// The path of this site's page that linked here (from `Referer`), or the account page.
fn return_path(headers: &http::HeaderMap) -> String {
    let referer = headers.get(http::header::REFERER).and_then(|v| v.to_str().ok());
    let path =
        referer.and_then(|r| r.parse::<http::Uri>().ok()).and_then(|uri| uri.path_and_query().map(|p| p.to_string()));
    match path.as_deref() {
        Some(path) if path != "/session-warning" => crate::server::i18n::local_return_path(Some(path)),
        _ => "/account".into(),
    }
}

/// A code as typed, without the spaces people copy or type between groups.
fn compact_code(typed: &str) -> String {
    typed.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Whether a compacted e-mailed code has the right shape: six digits.
fn is_code_shaped(code: &str) -> bool {
    code.len() == 6 && code.chars().all(|c| c.is_ascii_digit())
}
