//! Who may reach what: one table for every page, form and server function, checked by one
//! middleware before any handler runs.

use super::session;
use super::users::User;
use crate::i18n::Lang;
use crate::server::error_page::{error_response, ErrorKind};
use crate::server::AppState;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use http::Method;
use tower_sessions::Session;

/// The signed-in user of the request, put in its extensions by [`authorise`].
#[derive(Clone, Debug)]
pub struct CurrentUser(pub User);

/// What a path asks of its visitor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// Public information and the login forms.
    Anyone,
    /// Any signed-in account.
    SignedIn,
}

/// The access rule of every path. Paths not named here are public, so only the public
/// information pages may be left out; anything personal is named.
pub fn required_access(path: &str) -> Access {
    match path {
        "/account" | "/logout" => Access::SignedIn,
        _ => Access::Anyone,
    }
}

/// Whether `user` meets `access`.
pub fn allows(access: Access, user: Option<&User>) -> bool {
    match access {
        Access::Anyone => true,
        Access::SignedIn => user.is_some(),
    }
}

/// Middleware: finds the signed-in user and turns away whoever the path is not for. A visitor
/// who is not signed in is sent to the login page (pages) or refused (other requests).
pub async fn authorise(State(state): State<AppState>, session: Session, mut request: Request, next: Next) -> Response {
    let lang = request.extensions().get::<Lang>().copied().unwrap_or_default();
    let user = match session::signed_in_user(&state.db, &session).await {
        Ok(user) => user,
        Err(error) => {
            tracing::error!(%error, "could not read the session");
            return error_response(&state, lang, ErrorKind::Internal);
        }
    };
    let access = required_access(request.uri().path());
    if !allows(access, user.as_ref()) {
        return if user.is_none() && request.method() == Method::GET {
            Redirect::to("/login").into_response()
        } else {
            error_response(&state, lang, ErrorKind::Forbidden)
        };
    }
    if let Some(user) = user {
        request.extensions_mut().insert(CurrentUser(user));
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::server::accounts::users::Role;

    fn user(role: Role) -> User {
        User { id: 1, email: "a@example.fi".into(), role, language: Lang::Fi, email_verified: true }
    }

    #[test]
    fn personal_pages_need_an_account_and_public_ones_do_not() {
        for path in ["/account", "/logout"] {
            assert!(!allows(required_access(path), None), "{path}");
            for role in [Role::Applicant, Role::Employer, Role::Staff] {
                assert!(allows(required_access(path), Some(&user(role))), "{path} {role:?}");
            }
        }
        for path in ["/", "/login", "/safe-use", "/api/form-state", "/api/account"] {
            assert!(allows(required_access(path), None), "{path}");
        }
    }
}
