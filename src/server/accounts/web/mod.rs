//! The account pages' forms and data, and the accounts' route table.
//!
//! Every form posts to its page's own address and is answered with a redirect (see
//! [`crate::server::web`]), so the forms work without JavaScript.

mod account;
mod login;
mod password;
mod register;
mod two_factor;

use super::limits::Guarded;
use super::session;
use crate::server::audit::{self, Event};
use crate::server::error_page::ErrorKind;
use crate::server::identity::CurrentUser;
use crate::server::web::{Access, Ctx, Failure, Route};
use crate::server::AppState;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;
use axum::routing::{get, post};
use tower_sessions::Session;

/// The accounts' pages, forms and download, with who may reach each.
pub fn routes() -> Vec<Route> {
    use Access::*;
    vec![
        Route::page("/login", Anyone).form(post(login::login)),
        Route::page("/login/code", Anyone).form(post(login::login_code)),
        Route::page("/logged-out", Anyone),
        Route::action("/logout", SignedIn, post(login::logout)).during_second_factor_set_up(),
        Route::page("/register", Anyone).form(post(register::register)),
        Route::page("/verify", Anyone).load(register::pending_code).form(post(register::verify)),
        Route::page("/password-reset", Anyone).form(post(password::request_reset)),
        Route::page("/password-reset/code", Anyone).load(password::pending_code).form(post(password::confirm_reset)),
        Route::page("/account", SignedIn),
        Route::page("/account/password", SignedIn).form(post(password::change_password)),
        Route::page("/account/email", SignedIn).form(post(account::change_email)),
        Route::page("/account/email/code", SignedIn).load(account::pending_code).form(post(account::confirm_email)),
        Route::page("/account/language", SignedIn).form(post(account::change_language)),
        Route::action("/account/data.json", SignedIn, get(account::download_data)),
        Route::page("/account/delete", Customer).form(post(account::delete_account)),
        Route::page("/account-deleted", Anyone),
        Route::page("/account/two-factor", SignedIn)
            .load(two_factor::status)
            .form(post(two_factor::enable_two_factor))
            .during_second_factor_set_up(),
        Route::action("/account/two-factor/disable", Customer, post(two_factor::disable_two_factor)),
        Route::page("/account/two-factor/recovery-codes", SignedIn)
            .load(two_factor::new_codes)
            .form(post(two_factor::new_recovery_codes))
            .during_second_factor_set_up(),
        Route::server_fn("/api/session/stay", SignedIn),
    ]
}

/// Middleware, before the gate: keeps the session alive, finds its signed-in user, if any, and
/// puts it in the request as [`CurrentUser`].
pub async fn identify(State(state): State<AppState>, session: Session, mut request: Request, next: Next) -> Response {
    let signed_in = async {
        session::keep_alive(&session, &state.clock).await?;
        session::signed_in_user(&state.db, &state.clock, &session).await
    };
    match signed_in.await {
        Ok(Some(user)) => {
            request.extensions_mut().insert(CurrentUser(user));
        }
        Ok(None) => {}
        Err(error) => {
            tracing::error!(%error, "could not read the session");
            let lang = request.extensions().get::<crate::i18n::Lang>().copied().unwrap_or_default();
            return crate::server::error_page::error_response(&state, lang, ErrorKind::Internal);
        }
    }
    next.run(request).await
}

/// What the account handlers do with the request context besides what every feature does:
/// rate limits, the audit log, and the check of the current password.
trait AccountCtx {
    async fn over_client_limit(&self) -> Result<Option<Response>, Failure>;
    async fn audit(&self, event: Event, user_id: Option<i64>) -> anyhow::Result<()>;
    async fn check_current_password(
        &self,
        field: &'static str,
        typed: String,
        problems: &mut Vec<(&str, &str)>,
    ) -> Result<Option<Response>, Failure>;
}

impl AccountCtx for Ctx {
    /// The translated 429 page when this client has tried too often, counting this try.
    async fn over_client_limit(&self) -> Result<Option<Response>, Failure> {
        let counted = self.state.limits.client(self.client.as_deref()).await;
        self.limited(counted)
    }

    async fn audit(&self, event: Event, user_id: Option<i64>) -> anyhow::Result<()> {
        audit::record(&self.state.db, event, user_id, self.client.as_deref()).await
    }

    /// For a form that asks for the current password in `field`: when the form has no other
    /// `problems`, checks the signed-in user's password (a try against the account's limit) and
    /// adds "wrong" to them. The 429 answer, instead, once the limit is reached.
    async fn check_current_password(
        &self,
        field: &'static str,
        typed: String,
        problems: &mut Vec<(&str, &str)>,
    ) -> Result<Option<Response>, Failure> {
        if !problems.is_empty() {
            return Ok(None);
        }
        let user = self.signed_in()?;
        if let Some(refusal) = self.limited(self.state.limits.account(Guarded::CurrentPassword, &user.email).await)? {
            return Ok(Some(refusal));
        }
        let hash = super::users::password_hash(&self.state.db, user.id).await?;
        if !super::password::verify_password(typed, hash).await? {
            problems.push((field, "password-current-wrong"));
        }
        Ok(None)
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
