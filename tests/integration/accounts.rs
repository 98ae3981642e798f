//! Logging in and out as a browser does it, against the real router.

use crate::support;

use http::{header, StatusCode};
use portal::server::accounts::admin;
use portal::server::accounts::users::Role;
use portal::server::AppState;
use support::{
    code_in, form_body, get_page, h1, post_form, session_cookie, spawn_app_with_state, SESSION_COOKIE as COOKIE,
};

const EMAIL: &str = "hakija@example.fi";
const PASSWORD: &str = "tuulinen lokakuun aamu";

async fn with_account() -> (axum::Router, AppState) {
    let (app, state) = spawn_app_with_state().await;
    admin::create_account(&state.db, Role::Applicant, EMAIL, PASSWORD.into()).await.unwrap().unwrap();
    (app, state)
}

fn form(email: &str, password: &str) -> String {
    form_body(&[("email", email), ("password", password), ("role", "applicant")])
}

/// Logs in and returns the session cookie.
async fn log_in(app: &axum::Router) -> String {
    let (status, headers, _) = post_form(app, "/login", &form(EMAIL, PASSWORD), &[]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(headers[header::LOCATION], "/account");
    session_cookie(&headers).expect("a login sets the session cookie")
}

/// What the login page shows after a failed attempt made with `cookie`.
async fn login_page_after(app: &axum::Router, cookie: &str) -> String {
    let (status, _, html) = get_page(app, "/login", &[("cookie", cookie), ("accept-language", "en")]).await;
    assert_eq!(status, StatusCode::OK);
    html
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_address_get_the_same_answer() {
    let (app, _) = with_account().await;
    let mut answers = Vec::new();
    for (email, password) in [(EMAIL, "väärä salasana tässä"), ("nobody@example.fi", PASSWORD)] {
        let (status, headers, _) = post_form(&app, "/login", &form(email, password), &[]).await;
        assert_eq!((status, &headers[header::LOCATION]), (StatusCode::SEE_OTHER, &"/login".parse().unwrap()));
        let html = login_page_after(&app, &session_cookie(&headers).unwrap()).await;
        assert!(html.contains("The e-mail address or the password is wrong"), "{html}");
        assert!(html.contains(&format!(r#"value="{email}""#)), "the typed address is kept");
        assert!(!html.contains(password), "a password is never shown again");
        answers.push(html.replace(email, "ADDRESS"));
    }
    // Nonces differ on every response, as they must; nothing else may.
    let strip_nonce = |html: &str| {
        html.split("nonce=")
            .flat_map(|p| p.split("crossorigin="))
            .map(|p| p.get(24..).unwrap_or(""))
            .collect::<String>()
    };
    assert_eq!(strip_nonce(&answers[0]), strip_nonce(&answers[1]), "the two pages differ only in the address");
}

#[tokio::test]
async fn an_empty_form_says_what_is_missing_and_the_message_is_shown_once() {
    let (app, _) = with_account().await;
    let (_, headers, _) = post_form(&app, "/login", "email=&password=", &[]).await;
    let cookie = session_cookie(&headers).unwrap();
    let html = login_page_after(&app, &cookie).await;
    assert!(html.contains("Enter your e-mail address") && html.contains("Enter your password"), "{html}");
    let form_at = html.find(r#"<form method="post" action="/login""#).expect("the form is in the page");
    assert!(!html[..form_at].contains("<template"), "the form is in place, not streamed for a script to move");
    assert!(
        html.contains(r##"href="#email""##) && html.contains(r##"href="#password""##),
        "the summary links to both fields"
    );
    let again = login_page_after(&app, &cookie).await;
    assert!(!again.contains("Enter your password"), "after one showing, the form starts clean");
}

#[tokio::test]
async fn logging_in_renews_the_session_id_and_sets_a_strict_cookie() {
    let (app, _) = with_account().await;
    let (_, headers, _) = post_form(&app, "/login", &form(EMAIL, "väärä salasana tässä"), &[]).await;
    let before = session_cookie(&headers).unwrap();

    let (status, headers, _) = post_form(&app, "/login", &form(EMAIL, PASSWORD), &[("cookie", &before)]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let set_cookie = headers
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap())
        .find(|v| v.starts_with(COOKIE))
        .unwrap();
    for flag in ["HttpOnly", "SameSite=Lax", "Secure", "Path=/"] {
        assert!(set_cookie.contains(flag), "{flag} missing from {set_cookie}");
    }
    let after = session_cookie(&headers).unwrap();
    assert_ne!(before, after, "the id from before the login is not the signed-in one");

    let (status, headers, _) = get_page(&app, "/account", &[("cookie", &before)]).await;
    assert_eq!(
        (status, &headers[header::LOCATION]),
        (StatusCode::SEE_OTHER, &"/login?next=%2Faccount".parse().unwrap())
    );
    let (status, _, html) = get_page(&app, "/account", &[("cookie", &after), ("accept-language", "en")]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(h1(&html), "Your account");
    assert!(html.contains(EMAIL) && html.contains("Applicant"), "{html}");
}

#[tokio::test]
async fn the_account_page_is_for_signed_in_users_only() {
    let (app, _) = with_account().await;
    let (status, headers, _) = get_page(&app, "/account", &[]).await;
    assert_eq!(
        (status, &headers[header::LOCATION]),
        (StatusCode::SEE_OTHER, &"/login?next=%2Faccount".parse().unwrap())
    );
    let (status, _, _) = post_form(&app, "/logout", "", &[]).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "there is nobody to log out");
}

#[tokio::test]
async fn after_logout_the_old_session_is_useless() {
    let (app, _) = with_account().await;
    let cookie = log_in(&app).await;
    let (status, headers, _) = post_form(&app, "/logout", "", &[("cookie", &cookie)]).await;
    assert_eq!((status, &headers[header::LOCATION]), (StatusCode::SEE_OTHER, &"/logged-out?lang=fi".parse().unwrap()));
    assert_eq!(headers["clear-site-data"], r#""cache", "cookies", "storage""#, "the browser forgets the portal");
    let removal = headers
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap())
        .find(|v| v.starts_with(COOKIE))
        .unwrap();
    assert!(removal.contains("Max-Age=0"), "the browser is told to drop the cookie: {removal}");
    let (status, headers, _) = get_page(&app, "/account", &[("cookie", &cookie)]).await;
    assert_eq!(
        (status, &headers[header::LOCATION]),
        (StatusCode::SEE_OTHER, &"/login?next=%2Faccount".parse().unwrap()),
        "a kept copy of the cookie opens nothing"
    );
}

/// A signed-in session is read with its account in one query: its row names the account, the
/// account read with it is never saved into it, a row from before the column still signs in
/// (its account asked for apart), and a session whose account is gone reads as signed out.
#[tokio::test]
async fn a_session_is_read_with_its_account() {
    let (app, state) = with_account().await;
    let cookie = log_in(&app).await;
    let account = |cookie: String| {
        let app = app.clone();
        async move { get_page(&app, "/account", &[("cookie", &cookie), ("accept-language", "en")]).await }
    };
    assert!(account(cookie.clone()).await.2.contains(EMAIL));
    let rows: Vec<(Option<i64>, String)> =
        sqlx::query_as("SELECT user_id, record FROM sessions").fetch_all(&state.db).await.unwrap();
    let user_id: i64 = sqlx::query_scalar("SELECT id FROM users").fetch_one(&state.db).await.unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].0, Some(user_id), "the row names its account");
    assert!(!rows[0].1.contains(EMAIL) && !rows[0].1.contains("loaded"), "nothing of the account saved: {}", rows[0].1);

    sqlx::query("UPDATE sessions SET user_id = NULL").execute(&state.db).await.unwrap();
    assert!(account(cookie.clone()).await.2.contains(EMAIL), "a row from before the column");

    sqlx::query("DELETE FROM users").execute(&state.db).await.unwrap();
    let (status, headers, _) = account(cookie).await;
    assert!(support::is_login_redirect(status, &headers), "an account gone signs out: {status}");
}

/// Lets `minutes` pass without a request, as if the user had been idle: the server's clock
/// moves on, and the sessions' expiry (read and written as a date, exactly as the session
/// store encodes it) comes that much closer.
async fn idle_for(state: &AppState, minutes: i64) {
    // The session store reads expiry on the portal's clock.
    state.clock.advance(minutes * 60);
}

#[tokio::test]
async fn thirty_minutes_of_idleness_end_the_session_on_the_server() {
    let (app, state) = with_account().await;
    let cookie = log_in(&app).await;
    idle_for(&state, 29).await;
    let (status, _, _) = get_page(&app, "/account", &[("cookie", &cookie)]).await;
    assert_eq!(status, StatusCode::OK, "29 idle minutes are fine, and the visit starts the clock again");
    idle_for(&state, 29).await;
    let (status, _, _) = get_page(&app, "/account", &[("cookie", &cookie)]).await;
    assert_eq!(status, StatusCode::OK);
    idle_for(&state, 31).await;
    let (status, headers, _) = get_page(&app, "/account", &[("cookie", &cookie)]).await;
    assert_eq!(
        (status, &headers[header::LOCATION]),
        (StatusCode::SEE_OTHER, &"/login?next=%2Faccount".parse().unwrap()),
        "the 31st minute signs the user out"
    );
    // A browser that had signed in (its marker cookie, kept for the day) is told why (B34).
    let cookies = format!("{cookie}; signed-in-before=1");
    let (_, headers, _) = get_page(&app, "/account", &[("cookie", &cookies)]).await;
    assert_eq!(headers[header::LOCATION], "/login?next=%2Faccount&ended=1");
    let (_, _, html) = get_page(&app, "/login?next=%2Faccount&ended=1", &[("accept-language", "fi")]).await;
    assert!(html.contains("session-ended") && html.contains("koska et ollut tehnyt mitään 30 minuuttiin"), "{html}");
}

/// A login leaves the marker that lets the login page say, later, that the session ended by
/// itself; it holds nothing but `1`, and logging out clears every cookie.
#[tokio::test]
async fn a_login_marks_the_browser_as_signed_in_before() {
    let (app, _) = with_account().await;
    let (_, headers, _) = post_form(&app, "/login", &form(EMAIL, PASSWORD), &[]).await;
    let marker = headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("signed-in-before="))
        .unwrap_or_default()
        .to_string();
    assert!(
        marker.starts_with("signed-in-before=1;") && marker.contains("HttpOnly") && marker.contains("Max-Age=43200"),
        "{marker}"
    );
}

#[tokio::test]
async fn logins_are_audited_without_the_password() {
    let (app, state) = with_account().await;
    post_form(&app, "/login", &form(EMAIL, "väärä salasana tässä"), &[]).await;
    let cookie = log_in(&app).await;
    post_form(&app, "/logout", "", &[("cookie", &cookie)]).await;
    let events: Vec<(String, Option<i64>)> =
        sqlx::query_as("SELECT event, user_id FROM audit_log ORDER BY id").fetch_all(&state.db).await.unwrap();
    let names: Vec<&str> = events.iter().map(|(e, _)| e.as_str()).collect();
    assert_eq!(names, ["created-by-administrator", "login-failed", "login-succeeded", "logged-out"]);
    assert!(events.iter().all(|(_, user)| user.is_some()), "each event names the account");
    let everything: Vec<(String,)> =
        sqlx::query_as("SELECT event || coalesce(client, '') FROM audit_log").fetch_all(&state.db).await.unwrap();
    assert!(everything.iter().all(|(row,)| !row.contains("väärä") && !row.contains(PASSWORD)));
}

#[tokio::test]
async fn a_first_visit_to_the_login_page_gets_a_clean_form_in_place() {
    let (app, _) = with_account().await;
    let (status, _, html) = get_page(&app, "/login", &[("accept-language", "en")]).await;
    assert_eq!(status, StatusCode::OK);
    let form_at = html.find(r#"<form method="post" action="/login""#).expect("the form is in the page");
    assert!(!html[..form_at].contains("<template"), "the form is in place, not streamed for a script to move");
    assert!(!html.contains("pt-form-group--error") && !html.contains("pt-error-summary"), "no field is in error yet");
}

#[tokio::test]
async fn a_new_applicant_registers_verifies_the_address_and_is_signed_in() {
    let (app, state) = spawn_app_with_state().await;
    let (status, headers, _) =
        post_form(&app, "/register", &form("uusi@example.fi", "kolme sanaa peräkkäin"), &[("accept-language", "sv")])
            .await;
    assert_eq!((status, &headers[header::LOCATION]), (StatusCode::SEE_OTHER, &"/verify".parse().unwrap()));
    let cookie = session_cookie(&headers).unwrap();

    let sent = support::mail(&state).await;
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].to, "uusi@example.fi");
    assert_eq!(sent[0].subject, "Din kod till Migrationens e-tjänst", "in the language the visitor used");
    assert!(
        !sent[0].body.contains("[missing") && !sent[0].body.contains("http"),
        "no link in the mail: {}",
        sent[0].body
    );
    let code = code_in(&sent[0].body);

    let (_, _, html) = get_page(&app, "/verify", &[("cookie", &cookie), ("accept-language", "en")]).await;
    assert!(html.contains("We sent a code to uusi@example.fi"), "{html}");
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let (_, headers, _) = post_form(&app, "/verify", &format!("code={wrong}"), &[("cookie", &cookie)]).await;
    assert_eq!(headers[header::LOCATION], "/verify");
    let (_, _, html) = get_page(&app, "/verify", &[("cookie", &cookie), ("accept-language", "en")]).await;
    assert!(html.contains("The code is wrong or no longer valid"), "{html}");

    let spaced = format!("{} {}", &code[..3], &code[3..]);
    let (status, headers, _) = post_form(&app, "/verify", &format!("code={spaced}"), &[("cookie", &cookie)]).await;
    // An applicant goes on to the applications, told that the account exists.
    assert_eq!((status, &headers[header::LOCATION]), (StatusCode::SEE_OTHER, &"/applications".parse().unwrap()));
    let signed_in = session_cookie(&headers).unwrap();
    assert_ne!(signed_in, cookie, "signing in renews the session id");
    let (status, _, html) = get_page(&app, "/applications", &[("cookie", &signed_in), ("accept-language", "en")]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("Your account has been created. You can now start an application."), "{html}");
    let (status, _, html) = get_page(&app, "/account", &[("cookie", &signed_in), ("accept-language", "en")]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("uusi@example.fi") && html.contains("Applicant"), "{html}");
    assert!(!html.contains("Your account has been created"), "said once: {html}");
    let verified: Option<String> =
        sqlx::query_scalar("SELECT CAST(email_verified_at AS TEXT) FROM users WHERE email = 'uusi@example.fi'")
            .fetch_one(&state.db)
            .await
            .unwrap();
    assert!(verified.is_some());
}

#[tokio::test]
async fn registering_a_taken_address_looks_the_same_and_warns_the_owner() {
    let (app, state) = with_account().await;
    let (status, headers, _) = post_form(&app, "/register", &form(EMAIL, "kolme sanaa peräkkäin"), &[]).await;
    assert_eq!((status, &headers[header::LOCATION]), (StatusCode::SEE_OTHER, &"/verify".parse().unwrap()));
    let sent = support::mail(&state).await;
    assert_eq!(sent.len(), 1);
    assert!(sent[0].subject.contains("tilin osoitteellasi"), "{}", sent[0].subject);
    assert!(
        sent[0].body.split_whitespace().all(|w| !(w.len() == 6 && w.chars().all(|c| c.is_ascii_digit()))),
        "no code"
    );
    let accounts: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users").fetch_one(&state.db).await.unwrap();
    assert_eq!(accounts, 1, "no second account");
    let cookie = session_cookie(&headers).unwrap();
    let (_, headers, _) = post_form(&app, "/verify", "code=123456", &[("cookie", &cookie)]).await;
    assert_eq!(headers[header::LOCATION], "/verify", "no code opens the existing account");
}

#[tokio::test]
async fn a_weak_password_or_a_bad_address_is_explained_and_the_address_kept() {
    let (app, state) = spawn_app_with_state().await;
    for (email, password, expected) in [
        ("hyva@example.fi", "salasana", "This password is one of the most common ones"),
        ("hyva@example.fi", "lyhyt", "The password must have at least 8 characters"),
        ("not an address", "kolme sanaa peräkkäin", "Enter an e-mail address in the correct form"),
    ] {
        let (_, headers, _) = post_form(&app, "/register", &form(email, password), &[]).await;
        assert_eq!(headers[header::LOCATION], "/register");
        let cookie = session_cookie(&headers).unwrap();
        let (_, _, html) = get_page(&app, "/register", &[("cookie", &cookie), ("accept-language", "en")]).await;
        assert!(html.contains(expected), "{expected}: {html}");
        assert!(html.contains(&format!(r#"value="{email}""#)), "the address stays");
        assert!(!html.contains(&format!(r#"value="{password}""#)), "the password does not");
    }
    assert!(support::mail(&state).await.is_empty());
}

#[tokio::test]
async fn guessing_passwords_is_slowed_per_address_and_per_client() {
    let (app, _) = with_account().await;
    for unknown in [false, true] {
        let email = if unknown { "nobody@example.fi" } else { EMAIL };
        for _ in 0..5 {
            let (status, _, _) = post_form(&app, "/login", &form(email, "väärä salasana tässä"), &[]).await;
            assert_eq!(status, StatusCode::SEE_OTHER);
        }
        let (status, _, html) = post_form(&app, "/login", &form(email, PASSWORD), &[("accept-language", "en")]).await;
        assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "the sixth try in a row, account or not");
        assert_eq!(h1(&html), "Too many attempts");
    }
    // Twelve attempts so far from this (unknown) client; the default allows 20 a minute.
    for n in 13..=20 {
        let (status, _, _) = post_form(&app, "/register", "email=&password=", &[]).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "attempt {n}");
    }
    let (status, _, _) = post_form(&app, "/register", "email=&password=", &[]).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "the 21st attempt in a minute from one client");
}

#[tokio::test]
async fn the_registration_errors_are_listed_in_the_order_the_page_asks() {
    let app = support::spawn_app().await;
    let mut browser = support::Browser::new(&app);
    browser.post_to("/register", &[("email", ""), ("password", "")], "/register").await;
    let html = browser.page("/register").await;
    let start = html.find("pt-error-summary").expect("an error summary");
    let summary = &html[start..start + html[start..].find("</ul>").unwrap()];
    let at =
        |field: &str| summary.find(&format!(r##"href="#{field}""##)).unwrap_or_else(|| panic!("{field}: {summary}"));
    assert!(at("role") < at("email") && at("email") < at("password"), "{summary}");
}

#[tokio::test]
async fn after_logging_in_the_visitor_is_where_they_were_going_and_never_on_another_site() {
    let (app, state) = support::portal_for_one_client().await;
    admin::create_account(&state.db, Role::Applicant, "maria@example.fi", PASSWORD.into()).await.unwrap().unwrap();
    let mut browser = support::Browser::new(&app);
    let (status, headers, _) = browser.get("/applications").await;
    let login = headers[header::LOCATION].to_str().unwrap().to_string();
    assert_eq!((status, login.as_str()), (StatusCode::SEE_OTHER, "/login?next=%2Fapplications"));
    let html = browser.page(&login).await;
    assert!(html.contains(r#"<input type="hidden" name="next" value="/applications""#), "{html}");

    // A wrong password keeps the destination for the next try.
    let wrong = [("email", "maria@example.fi"), ("password", "väärä salasana"), ("next", "/applications")];
    browser.post_to("/login", &wrong, "/login").await;
    assert!(browser.page("/login").await.contains(r#"name="next" value="/applications""#));
    let right = [("email", "maria@example.fi"), ("password", PASSWORD), ("next", "/applications")];
    browser.post_to("/login", &right, "/applications").await;

    // Another site, or a way round to one, is no destination: the account is.
    for elsewhere in ["https://evil.example/", "//evil.example/", "/\\evil.example", "/login"] {
        let mut browser = support::Browser::new(&app);
        let fields = [("email", "maria@example.fi"), ("password", PASSWORD), ("next", elsewhere)];
        browser.post_to("/login", &fields, "/account").await;
        let html = browser
            .page(&format!("/login?next={}", form_urlencoded::byte_serialize(elsewhere.as_bytes()).collect::<String>()))
            .await;
        assert!(!html.contains(r#"name="next""#), "{elsewhere}: {html}");
    }
}
