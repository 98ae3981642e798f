//! Who may reach what: one table for every page, form and server function, checked by one
//! middleware before any handler runs.

use super::session;
use super::users::{Role, User};
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
    /// Applicants and employers: the people the service is for, not its staff.
    Customer,
    /// Applicants: their applications.
    Applicant,
    /// The immigration service's staff.
    Staff,
}

/// The access rule of every path. Paths not named here are public, so only the public
/// information pages may be left out; anything personal is named.
pub fn required_access(path: &str) -> Access {
    let under = |prefix: &str| path == prefix || path.starts_with(&format!("{prefix}/"));
    if under("/staff") || under("/api/staff") {
        Access::Staff
    } else if under("/applications") || under("/apply") {
        Access::Applicant
    } else if path == "/account/delete" || path == "/account/two-factor/disable" {
        Access::Customer
    } else if under("/account") || under("/api/session") || path == "/logout" {
        Access::SignedIn
    } else {
        Access::Anyone
    }
}

/// The only signed-in paths open to staff who have not set up their second factor yet.
fn is_second_factor_set_up(path: &str) -> bool {
    matches!(path, "/account/two-factor" | "/account/two-factor/recovery-codes" | "/logout")
}

/// Whether `user` may reach `path`.
pub fn allows(path: &str, user: Option<&User>) -> bool {
    let access = required_access(path);
    let Some(user) = user else { return access == Access::Anyone };
    if access != Access::Anyone && user.needs_second_factor_set_up() && !is_second_factor_set_up(path) {
        return false;
    }
    match access {
        Access::Anyone | Access::SignedIn => true,
        Access::Customer => user.role != Role::Staff,
        Access::Applicant => user.role == Role::Applicant,
        Access::Staff => user.role == Role::Staff,
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
    let path = request.uri().path();
    if !allows(path, user.as_ref()) {
        let is_page = request.method() == Method::GET;
        return match &user {
            None if is_page => Redirect::to("/login").into_response(),
            // Staff are sent to set up the second factor before anything else.
            Some(user) if is_page && user.needs_second_factor_set_up() => {
                Redirect::to("/account/two-factor").into_response()
            }
            _ => error_response(&state, lang, ErrorKind::Forbidden),
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
        User {
            id: 1,
            email: "a@example.fi".into(),
            role,
            language: Lang::Fi,
            email_verified: true,
            session_generation: 0,
            two_factor: true,
        }
    }

    #[test]
    fn personal_pages_need_an_account_and_public_ones_do_not() {
        for path in ["/account", "/account/password", "/logout", "/api/session/stay"] {
            assert!(!allows(path, None), "{path}");
            for role in [Role::Applicant, Role::Employer, Role::Staff] {
                assert!(allows(path, Some(&user(role))), "{path} {role:?}");
            }
        }
        for path in ["/", "/login", "/safe-use", "/accountant", "/staffing"] {
            assert!(allows(path, None), "{path}");
        }
    }

    #[test]
    fn staff_pages_are_for_staff_and_customer_pages_for_customers() {
        for path in ["/staff", "/staff/anything", "/api/staff/anything"] {
            assert!(allows(path, Some(&user(Role::Staff))), "{path}");
            assert!(!allows(path, Some(&user(Role::Applicant))), "{path}");
            assert!(!allows(path, Some(&user(Role::Employer))), "{path}");
        }
        assert!(allows("/account/delete", Some(&user(Role::Employer))));
        assert!(allows("/applications/abc/steps/names", Some(&user(Role::Applicant))));
        assert!(!allows("/applications/abc/steps/names", Some(&user(Role::Employer))));
        assert!(!allows("/apply/first-work", Some(&user(Role::Staff))));
        assert!(allows("/staff/preview/first-work", Some(&user(Role::Staff))));
        assert!(!allows("/account/delete", Some(&user(Role::Staff))));
    }

    #[test]
    fn staff_without_a_second_factor_can_only_set_it_up() {
        let staff = User { two_factor: false, ..user(Role::Staff) };
        assert!(allows("/account/two-factor", Some(&staff)));
        assert!(allows("/logout", Some(&staff)));
        assert!(allows("/", Some(&staff)));
        assert!(!allows("/account", Some(&staff)));
        assert!(!allows("/staff", Some(&staff)));
        let applicant = User { two_factor: false, ..user(Role::Applicant) };
        assert!(allows("/account", Some(&applicant)), "a second factor is optional for others");
    }
}
