//! Who gets in where: every page, form and server function the router has, walked by an
//! anonymous visitor, an applicant, an employer and a staff member.

use crate::support;

use http::{header, StatusCode};
use portal::server::accounts::users::Role;
use portal::server::{app_patterns, feature_routes};
use std::collections::BTreeSet;

/// Who may use a path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Who {
    Everyone,
    SignedIn,
    /// Applicants and employers, not staff.
    Customers,
    /// Applicants only.
    Applicants,
    /// Employers only.
    Employers,
    Staff,
}

/// Every path, with who it is for. A route the router has but this table lacks fails the test,
/// so a new page cannot be added without deciding who may see it.
const EXPECTED: &[(&str, Who)] = &[
    ("/", Who::Everyone),
    ("/safe-use", Who::Everyone),
    ("/accessibility", Who::Everyone),
    ("/privacy", Who::Everyone),
    ("/contact", Who::Everyone),
    ("/pre-check", Who::Everyone),
    ("/pre-check/steps/{step}", Who::Everyone),
    ("/pre-check/result", Who::Everyone),
    ("/pre-check/restart", Who::Everyone),
    ("/calculators/citizenship", Who::Everyone),
    ("/calculators/permanent", Who::Everyone),
    ("/design-system", Who::Everyone),
    ("/login", Who::Everyone),
    ("/login/code", Who::Everyone),
    ("/register", Who::Everyone),
    ("/verify", Who::Everyone),
    ("/password-reset", Who::Everyone),
    ("/password-reset/code", Who::Everyone),
    ("/logged-out", Who::Everyone),
    ("/account-deleted", Who::Everyone),
    ("/session-warning", Who::Everyone),
    ("/session-ended", Who::Everyone),
    ("/account", Who::SignedIn),
    ("/account/password", Who::SignedIn),
    ("/account/email", Who::SignedIn),
    ("/account/email/code", Who::SignedIn),
    ("/account/language", Who::SignedIn),
    ("/account/data.json", Who::SignedIn),
    ("/account/two-factor", Who::SignedIn),
    ("/account/two-factor/recovery-codes", Who::SignedIn),
    ("/account/two-factor/disable", Who::Customers),
    ("/account/delete", Who::Customers),
    ("/api/session/stay", Who::SignedIn),
    ("/staff", Who::Staff),
    ("/staff/preview", Who::Staff),
    ("/staff/preview/{kind}", Who::Staff),
    ("/staff/preview/{kind}/steps/{step}", Who::Staff),
    ("/staff/preview/{kind}/attachments", Who::Staff),
    ("/staff/preview/{kind}/check", Who::Staff),
    ("/staff/preview/{kind}/declaration", Who::Staff),
    ("/staff/preview/{kind}/payment", Who::Staff),
    ("/staff/preview/{kind}/restart", Who::Staff),
    ("/staff/forms/{kind}", Who::Staff),
    ("/applications", Who::Applicants),
    ("/apply/{kind}", Who::Applicants),
    ("/applications/{id}", Who::Customers),
    ("/applications/{id}/steps/{step}", Who::Customers),
    ("/applications/{id}/attachments", Who::Customers),
    ("/applications/{id}/attachments/{requirement}", Who::Customers),
    ("/applications/{id}/files/{file}", Who::Customers),
    ("/applications/{id}/files/{file}/delete", Who::Customers),
    ("/applications/{id}/files/{file}/replace", Who::Customers),
    ("/applications/{id}/check", Who::Customers),
    ("/applications/{id}/declaration", Who::Customers),
    ("/applications/{id}/payment", Who::Applicants),
    ("/applications/{id}/receipt", Who::Applicants),
    ("/applications/{id}/send", Who::Applicants),
    ("/applications/{id}/sent", Who::Customers),
    ("/applications/{id}/identity-visit", Who::Customers),
    ("/staff/operations", Who::Staff),
    ("/staff/operations/jobs/{job}/requeue", Who::Staff),
    ("/check-message", Who::Everyone),
    ("/report-suspicious", Who::Everyone),
    ("/report-suspicious/sent", Who::Everyone),
    ("/staff/reports", Who::Staff),
    ("/staff/reports/{report}/handled", Who::Staff),
    ("/case-backend/v1/files/{file}", Who::Everyone),
    // The case backend's signed events: open to anyone, believed only when signed.
    ("/case-backend/v1/events", Who::Everyone),
    ("/applications/{id}/requests/{request}", Who::Customers),
    ("/applications/{id}/decision", Who::Applicants),
    ("/applications/{id}/more", Who::Applicants),
    ("/employer", Who::Employers),
    ("/employer/act", Who::Employers),
    ("/employer/mandate", Who::Employers),
    ("/employer/act-as-self", Who::Employers),
    ("/employer/tasks/{id}", Who::Employers),
    ("/employer/tasks/{id}/pay", Who::Employers),
    ("/employer/bulk", Who::Employers),
    ("/applications/{id}/employer-pays", Who::Applicants),
    ("/applications/{id}/employer-consent", Who::Applicants),
    // The built-in e-Authorizations test server: open, believed only with the client's keys.
    ("/test-mandates/service/ypa/user/register/{client}/{identity}", Who::Everyone),
    ("/test-mandates/oauth/authorize", Who::Everyone),
    ("/test-mandates/oauth/token", Who::Everyone),
    ("/test-mandates/service/ypa/api/organizationRoles/{session}", Who::Everyone),
    ("/test-mandates/service/ypa/api/authorization/{session}/{business}", Who::Everyone),
    ("/applications/{id}/decision/document", Who::Applicants),
    ("/applications/{id}/delete", Who::Customers),
    ("/logout", Who::SignedIn),
    ("/lang/{code}", Who::Everyone),
    // The payer's browser back from the provider, the provider's callback, and the built-in
    // test provider (a stand-in for another site): signed messages, open to anyone.
    ("/payments/{payment}/return", Who::Everyone),
    ("/payments/{payment}/callback", Who::Everyone),
    ("/test-provider/payments", Who::Everyone),
    ("/test-provider/payments/{transaction}", Who::Everyone),
    ("/test-provider/pay/{transaction}", Who::Everyone),
];

/// The actions that are GET requests (the others are form posts).
const FETCHED: &[&str] = &[
    "/account/data.json",
    "/lang/{code}",
    "/applications/{id}/files/{file}",
    "/applications/{id}/decision/document",
    "/payments/{payment}/return",
    "/payments/{payment}/callback",
    "/test-provider/payments/{transaction}",
    "/test-provider/pay/{transaction}",
    "/case-backend/v1/files/{file}",
    "/employer/mandate",
    "/test-mandates/service/ypa/user/register/{client}/{identity}",
    "/test-mandates/oauth/authorize",
    "/test-mandates/service/ypa/api/organizationRoles/{session}",
    "/test-mandates/service/ypa/api/authorization/{session}/{business}",
];

/// The forms kept across logging in again when sent after the session ended (B23): a visitor
/// who is not signed in is sent to log in, with the form kept for its page.
const KEPT_WHEN_SIGNED_OUT: &[&str] = &["/applications/{id}/steps/{step}", "/applications/{id}/requests/{request}"];

fn expected(path: &str) -> Who {
    EXPECTED
        .iter()
        .find(|(p, _)| *p == path)
        .map(|(_, who)| *who)
        .unwrap_or_else(|| panic!("{path} is not in EXPECTED"))
}

fn admits(who: Who, role: Option<Role>) -> bool {
    match (who, role) {
        (Who::Everyone, _) => true,
        (_, None) => false,
        (Who::SignedIn, Some(_)) => true,
        (Who::Customers, Some(role)) => role != Role::Staff,
        (Who::Employers, Some(role)) => role == Role::Employer,
        (Who::Applicants, Some(role)) => role == Role::Applicant,
        (Who::Staff, Some(role)) => role == Role::Staff,
    }
}

/// Pages (GET) and actions (POST, and the data download) of the router.
fn routes() -> (BTreeSet<String>, BTreeSet<String>) {
    let (pages, server_fns) = app_patterns();
    let mut actions: BTreeSet<String> =
        feature_routes().iter().filter(|route| route.has_handler()).map(|route| route.path().to_string()).collect();
    actions.extend(server_fns);
    (pages, actions)
}

#[test]
fn every_route_is_in_the_table() {
    let (pages, actions) = routes();
    let all: BTreeSet<&str> = pages.iter().chain(&actions).map(String::as_str).collect();
    let known: BTreeSet<&str> = EXPECTED.iter().map(|(p, _)| *p).collect();
    assert_eq!(all, known, "routes and the table differ");
}

/// How many requests the gate has refused: it records each (a flood as repeats of a row).
async fn refusals(state: &portal::server::AppState) -> i64 {
    sqlx::query_scalar(
        "SELECT CAST(COUNT(*) + COALESCE(SUM(repeats), 0) AS BIGINT) FROM audit_log WHERE event = 'access-refused'",
    )
    .fetch_one(&state.db)
    .await
    .unwrap()
}

/// A path with its parameters filled in: a form kind, a step (the pre-check's own), and an
/// application of the signed-in applicant.
fn concrete(path: &str, application: &str) -> String {
    let step = if path.starts_with("/pre-check") { "pre-check-citizenship" } else { "names" };
    path.replace("{kind}", "first-work")
        .replace("{step}", step)
        .replace("{id}", application)
        .replace("{code}", "sv")
        .replace("{requirement}", "passport-copy")
        .replace("{file}", "no-such-file")
}

#[tokio::test]
async fn each_role_gets_exactly_where_the_table_says() {
    let (app, state) = support::portal_for_one_client().await;
    let (pages, actions) = routes();
    for role in [None, Some(Role::Applicant), Some(Role::Employer), Some(Role::Staff)] {
        let mut browser = support::visitor(&app, &state, role).await;
        // The paths that name an application name one of the applicant's own.
        let application = if role == Some(Role::Applicant) {
            let (_, headers, _) = browser.post("/apply/first-work", &[]).await;
            headers[header::LOCATION].to_str().unwrap().split('/').nth(2).unwrap().to_string()
        } else {
            "someone-elses".to_string()
        };
        for pattern in &pages {
            let path = concrete(pattern, &application);
            let (status, headers, _) = browser.get(&path).await;
            match (admits(expected(pattern), role), role) {
                // A request and a decision are made of a sent application only: the
                // applicant's fresh draft has none, so the page, reached, answers 404.
                (true, _) if pattern.contains("{request}") || pattern.ends_with("/decision") => {
                    assert_eq!(status, StatusCode::NOT_FOUND, "{role:?} GET {path}")
                }
                // An employer acting for no organisation has no application and no task.
                (true, Some(Role::Employer)) if pattern.contains("{id}") => {
                    assert_eq!(status, StatusCode::NOT_FOUND, "{role:?} GET {path}")
                }
                (true, _) => assert_eq!(status, StatusCode::OK, "{role:?} GET {path}"),
                (false, None) => {
                    assert_eq!(
                        (status, &headers[header::LOCATION]),
                        (StatusCode::SEE_OTHER, &support::login_then(&path).parse().unwrap()),
                        "GET {path}"
                    )
                }
                (false, Some(_)) => assert_eq!(status, StatusCode::FORBIDDEN, "{role:?} GET {path}"),
            }
        }
        // Logging out last, so the other actions run signed in.
        let mut ordered: Vec<&String> = actions.iter().filter(|p| *p != "/logout").collect();
        ordered.push(actions.iter().find(|p| *p == "/logout").unwrap());
        for pattern in ordered {
            let path = concrete(pattern, &application);
            let refused_before = refusals(&state).await;
            let (status, _, body) = if FETCHED.contains(&pattern.as_str()) {
                browser.get(&path).await
            } else {
                browser.post(&path, &[]).await
            };
            // The gate records every request it refuses: so a 404 or 400 of an admitted
            // request is its handler's, and a refused one is counted.
            let refused = refusals(&state).await - refused_before;
            if admits(expected(pattern), role) {
                assert!(
                    status != StatusCode::FORBIDDEN && !status.is_server_error(),
                    "{role:?} {path}: {status} {body}"
                );
                assert_eq!(refused, 0, "{role:?} {path} was refused by the gate");
                continue;
            }
            assert_eq!(refused, 1, "{role:?} {path}: the gate's refusal is recorded");
            if role.is_none()
                && (FETCHED.contains(&pattern.as_str()) || KEPT_WHEN_SIGNED_OUT.contains(&pattern.as_str()))
            {
                // A page's address (or a form kept for it): the login, then back there.
                assert_eq!(status, StatusCode::SEE_OTHER, "{path}");
            } else {
                assert_eq!(status, StatusCode::FORBIDDEN, "{role:?} {path}");
            }
        }
    }
}
