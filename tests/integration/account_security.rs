//! Resetting and changing passwords, the second factor, and the account's own settings, as a
//! browser does them against the real router.

use crate::support;

use http::{header, StatusCode};
use portal::server::accounts::admin;
use portal::server::accounts::users::Role;
use portal::server::AppState;
use support::{code_in, is_login_redirect, spawn_app_with_state, Browser};

const EMAIL: &str = "hakija@example.fi";
const PASSWORD: &str = "tuulinen lokakuun aamu";
const NEW_PASSWORD: &str = "sateinen marraskuun ilta";

async fn with_account(role: Role, email: &str) -> (axum::Router, AppState) {
    let (app, state) = spawn_app_with_state().await;
    admin::create_account(&state.db, role, email, PASSWORD.into()).await.unwrap().unwrap();
    (app, state)
}

/// The newest code mailed to `to`.
async fn mailed_code(state: &AppState, to: &str) -> String {
    let mail = support::mail(state).await.into_iter().rev().find(|m| m.to == to).expect("a message");
    code_in(&mail.body)
}

#[tokio::test]
async fn a_forgotten_password_is_reset_with_a_mailed_code_that_ends_every_session() {
    let (app, state) = with_account(Role::Applicant, EMAIL).await;
    let mut elsewhere = Browser::new(&app);
    elsewhere.log_in(EMAIL, PASSWORD, "/account").await;

    // An unknown address gets the same answer, and no mail.
    let mut stranger = Browser::new(&app);
    stranger.post_to("/password-reset", &[("email", "nobody@example.fi")], "/password-reset/code").await;
    let unknown_page = stranger.page("/password-reset/code").await;
    assert!(unknown_page.contains("If nobody@example.fi has an account, we sent a code"));
    assert!(support::mail(&state).await.is_empty());

    let mut browser = Browser::new(&app);
    browser.post_to("/password-reset", &[("email", EMAIL)], "/password-reset/code").await;
    let code = mailed_code(&state, EMAIL).await;
    let mail = support::mail(&state).await.pop().unwrap();
    assert!(!mail.body.contains("http") && !mail.body.contains(EMAIL), "no link or address in the mail");

    let wrong = if code == "000000" { "111111" } else { "000000" };
    browser
        .post_to("/password-reset/code", &[("code", wrong), ("password", NEW_PASSWORD)], "/password-reset/code")
        .await;
    assert!(browser.page("/password-reset/code").await.contains("The code is wrong"));
    browser.post_to("/password-reset/code", &[("code", &code), ("password", "salasana")], "/password-reset/code").await;
    assert!(browser.page("/password-reset/code").await.contains("one of the most common"));

    browser.post_to("/password-reset/code", &[("code", &code), ("password", NEW_PASSWORD)], "/login").await;
    assert!(browser.page("/login").await.contains("Your password has been changed"));
    let (status, headers, _) = elsewhere.get("/account").await;
    assert!(is_login_redirect(status, &headers), "the session from before the reset has ended");

    browser.post_to("/login", &[("email", EMAIL), ("password", PASSWORD)], "/login").await;
    browser.log_in(EMAIL, NEW_PASSWORD, "/account").await;
    // The code was used: it cannot set the password again, not even within a new reset (asked
    // again until its fresh code differs, so that the used one is what is tried).
    let mut attacker = Browser::new(&app);
    for _ in 0..3 {
        attacker.post_to("/password-reset", &[("email", EMAIL)], "/password-reset/code").await;
        if mailed_code(&state, EMAIL).await != code {
            break;
        }
    }
    attacker.post_to("/password-reset/code", &[("code", &code), ("password", PASSWORD)], "/password-reset/code").await;
    assert!(attacker.page("/password-reset/code").await.contains("The code is wrong"));
    browser.post_to("/logout", &[], "/logged-out?lang=en").await;
    browser.post_to("/login", &[("email", EMAIL), ("password", PASSWORD)], "/login").await;
    browser.log_in(EMAIL, NEW_PASSWORD, "/account").await;
}

#[tokio::test]
async fn changing_the_password_needs_the_current_one_and_can_end_the_other_sessions() {
    let (app, state) = with_account(Role::Applicant, EMAIL).await;
    let mut phone = Browser::new(&app);
    phone.log_in(EMAIL, PASSWORD, "/account").await;
    let mut laptop = Browser::new(&app);
    laptop.log_in(EMAIL, PASSWORD, "/account").await;

    let change = |current: &'static str, new: &'static str, others: bool| {
        let mut fields = vec![("current", current), ("password", new)];
        if others {
            fields.push(("sign_out_others", "yes"));
        }
        fields
    };
    laptop.post_to("/account/password", &change("väärä salasana", NEW_PASSWORD, true), "/account/password").await;
    let html = laptop.page("/account/password").await;
    assert!(html.contains("The current password is wrong"));
    assert!(html.contains(r#"value="yes" checked"#), "the tick stays: {html}");

    // Without ending the other sessions, the phone stays in.
    laptop.post_to("/account/password", &change(PASSWORD, NEW_PASSWORD, false), "/account").await;
    assert_eq!(phone.get("/account").await.0, StatusCode::OK);
    assert!(support::mail(&state).await.iter().any(|m| m.to == EMAIL && m.subject == "Salasanasi vaihdettiin"));

    let before = laptop.cookie.clone();
    laptop.post_to("/account/password", &change(NEW_PASSWORD, PASSWORD, true), "/account").await;
    assert_ne!(laptop.cookie, before, "the session id is renewed");
    assert!(laptop.page("/account").await.contains("logged out on all other devices"));
    let (status, headers, _) = phone.get("/account").await;
    assert!(is_login_redirect(status, &headers), "the other session has ended");
}

/// The secret shown on the set-up page.
fn secret_of(setup_page: &str) -> String {
    let start = setup_page.find(r#"id="secret""#).expect("the secret is shown");
    let start = start + setup_page[start..].find(">").unwrap() + 1;
    setup_page[start..].split('<').next().unwrap().replace(' ', "")
}

/// The recovery codes on the page that shows them.
fn recovery_codes(html: &str) -> Vec<String> {
    html.split("<li><code>").skip(1).map(|rest| rest.split('<').next().unwrap().to_string()).collect()
}

#[tokio::test]
async fn an_applicant_turns_on_the_second_factor_and_then_needs_it_to_log_in() {
    let (app, state) = with_account(Role::Applicant, EMAIL).await;
    let mut browser = Browser::new(&app);
    browser.log_in(EMAIL, PASSWORD, "/account").await;
    let setup = browser.page("/account/two-factor").await;
    assert!(setup.contains("<svg") && setup.contains("QR code for the authenticator app"));
    assert!(setup.contains(r#"inputmode="numeric""#), "phones offer digits for the app's code");
    let reloaded = browser.page("/account/two-factor").await;
    assert_eq!(secret_of(&setup), secret_of(&reloaded), "the secret stays while set-up is unfinished");

    // A code other than the app's now is refused (written with a space, as people copy it).
    let code = support::app_code(&secret_of(&reloaded));
    let wrong = ["123 456", "654 321"].into_iter().find(|wrong| wrong.replace(' ', "") != code).unwrap();
    browser.post_to("/account/two-factor", &[("code", wrong), ("current", PASSWORD)], "/account/two-factor").await;
    let again = browser.page("/account/two-factor").await;
    assert!(again.contains("The code is wrong"));
    let code = support::app_code(&secret_of(&again));
    // Turning it on takes the password too: a session left open must not bind someone else's app.
    browser.post_to("/account/two-factor", &[("code", &code)], "/account/two-factor").await;
    assert!(browser.page("/account/two-factor").await.contains("Enter your current password"));
    let before = browser.cookie.clone();
    let fields = [("code", code.as_str()), ("current", PASSWORD)];
    browser.post_to("/account/two-factor", &fields, "/account/two-factor/recovery-codes").await;
    assert_ne!(browser.cookie, before, "a change of what the session protects renews its id");
    let codes = recovery_codes(&browser.page("/account/two-factor/recovery-codes").await);
    assert_eq!(codes.len(), 10);
    assert!(browser.page("/account/two-factor/recovery-codes").await.contains("shown only once"));
    assert!(browser.page("/account").await.contains("<dd class=\"pt-summary-list__value\">On</dd>"));

    browser.post_to("/logout", &[], "/logged-out?lang=en").await;
    browser.post_to("/login", &[("email", EMAIL), ("password", PASSWORD)], "/login/code").await;
    let (status, headers, _) = browser.get("/account").await;
    assert!(is_login_redirect(status, &headers), "the password alone signs nobody in");
    browser.post_to("/login/code", &[("code", &code)], "/login/code").await;
    assert!(browser.page("/login/code").await.contains("already been used"), "the set-up code works once");
    browser.post_to("/login/code", &[("code", &codes[0].to_uppercase())], "/account").await;

    browser.post_to("/logout", &[], "/logged-out?lang=en").await;
    browser.post_to("/login", &[("email", EMAIL), ("password", PASSWORD)], "/login/code").await;
    browser.post_to("/login/code", &[("code", &codes[0])], "/login/code").await;
    let events: Vec<String> =
        sqlx::query_scalar("SELECT event FROM audit_log ORDER BY id").fetch_all(&state.db).await.unwrap();
    assert!(events.contains(&"two-factor-enabled".to_string()), "{events:?}");

    // New recovery codes take the password.
    browser.post_to("/login/code", &[("code", &codes[1])], "/account").await;
    browser.post_to("/account/two-factor/recovery-codes", &[], "/account/two-factor").await;
    assert!(browser.page("/account/two-factor").await.contains("Enter your current password"));
    let renew = ("renew-current", PASSWORD);
    browser.post_to("/account/two-factor/recovery-codes", &[renew], "/account/two-factor/recovery-codes").await;
    let codes = recovery_codes(&browser.page("/account/two-factor/recovery-codes").await);
    assert_eq!(codes.len(), 10);

    // Turning it off takes the password.
    browser.post_to("/account/two-factor/disable", &[("current", "väärä")], "/account/two-factor").await;
    browser.post_to("/account/two-factor/disable", &[("current", PASSWORD)], "/account").await;
    browser.post_to("/logout", &[], "/logged-out?lang=en").await;
    browser.log_in(EMAIL, PASSWORD, "/account").await;
}

#[tokio::test]
async fn staff_must_set_up_the_second_factor_before_anything_else() {
    let (app, _) = with_account(Role::Staff, "virkailija@example.fi").await;
    let mut browser = Browser::new(&app);
    browser.log_in("virkailija@example.fi", PASSWORD, "/account/two-factor").await;
    for path in ["/account", "/staff"] {
        let (status, headers, _) = browser.get(path).await;
        assert_eq!(
            (status, &headers[header::LOCATION]),
            (StatusCode::SEE_OTHER, &"/account/two-factor".parse().unwrap())
        );
    }
    let (status, _, _) = browser.post("/account/password", &[]).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let setup = browser.page("/account/two-factor").await;
    assert!(setup.contains("Staff accounts must use two-step login"), "{setup}");
    browser
        .post_to(
            "/account/two-factor",
            &[("code", &support::app_code(&secret_of(&setup))), ("current", PASSWORD)],
            "/account/two-factor/recovery-codes",
        )
        .await;
    let staff_page = browser.page("/staff").await;
    assert!(staff_page.contains("Two-step login turned on") && staff_page.contains("Logged in"), "{staff_page}");
    let (status, _, _) = browser.post("/account/two-factor/disable", &[("current", PASSWORD)]).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "staff cannot turn it off");
}

#[tokio::test]
async fn an_unconfirmed_address_is_confirmed_before_the_first_login() {
    let (app, state) = spawn_app_with_state().await;
    let mut browser = Browser::new(&app);
    let fields = [("email", EMAIL), ("password", PASSWORD), ("role", "employer")];
    browser.post_to("/register", &fields, "/verify").await;
    let mut later = Browser::new(&app);
    later.log_in(EMAIL, PASSWORD, "/verify").await;
    let page = later.page("/verify").await;
    let input = page.split(r#"id="code""#).nth(1).and_then(|rest| rest.split('>').next()).unwrap_or_default();
    assert!(
        input.contains(r#"inputmode="numeric""#) && input.contains(r#"autocomplete="one-time-code""#),
        "phones offer digits and the mailed code: {input}"
    );
    let code = mailed_code(&state, EMAIL).await;
    later.post_to("/verify", &[("code", &code)], "/account").await;
    assert!(later.page("/account").await.contains("Employer"));
}

#[tokio::test]
async fn a_new_address_is_confirmed_by_a_code_sent_to_it_and_the_old_one_is_told() {
    let (app, state) = with_account(Role::Applicant, EMAIL).await;
    admin::create_account(&state.db, Role::Applicant, "toinen@example.fi", PASSWORD.into()).await.unwrap().unwrap();
    let mut browser = Browser::new(&app);
    browser.log_in(EMAIL, PASSWORD, "/account").await;

    browser.post_to("/account/email", &[("email", "uusi@example.fi"), ("current", "väärä")], "/account/email").await;
    let html = browser.page("/account/email").await;
    assert!(html.contains("The current password is wrong") && html.contains(r#"value="uusi@example.fi""#));

    browser
        .post_to("/account/email", &[("email", "Uusi@Example.fi"), ("current", PASSWORD)], "/account/email/code")
        .await;
    assert!(browser.page("/account/email/code").await.contains("We sent a code to uusi@example.fi"));
    let code = mailed_code(&state, "uusi@example.fi").await;
    browser.post_to("/account/email/code", &[("code", &code)], "/account").await;
    assert!(browser.page("/account").await.contains("uusi@example.fi"));
    let told = support::mail(&state).await.into_iter().find(|m| m.to == EMAIL).expect("the old address is told");
    assert!(!told.body.contains("uusi@example.fi"), "without naming the new address");

    browser
        .post_to("/account/email", &[("email", "toinen@example.fi"), ("current", PASSWORD)], "/account/email/code")
        .await;
    let code = mailed_code(&state, "toinen@example.fi").await;
    browser.post_to("/account/email/code", &[("code", &code)], "/account/email").await;
    assert!(browser.page("/account/email").await.contains("Another account already uses this address"));
}

#[tokio::test]
async fn the_language_of_messages_is_chosen_on_the_account_page() {
    let (app, state) = with_account(Role::Applicant, EMAIL).await;
    let mut browser = Browser::new(&app);
    browser.log_in(EMAIL, PASSWORD, "/account").await;
    browser.post_to("/account/language", &[("language", "klingon")], "/account/language").await;
    browser.post_to("/account/language", &[("language", "sv")], "/account?lang=sv").await;
    let html = browser.page("/account?lang=sv").await;
    assert!(html.contains("Språket har bytts") && html.contains("Svenska"), "{html}");
    browser.post_to("/account/password", &[("current", PASSWORD), ("password", NEW_PASSWORD)], "/account").await;
    let mail = support::mail(&state).await.pop().unwrap();
    assert_eq!(mail.subject, "Ditt lösenord byttes", "mail comes in the chosen language");
}

#[tokio::test]
async fn the_account_holder_downloads_their_data_without_secrets() {
    let (app, _) = with_account(Role::Applicant, EMAIL).await;
    let mut browser = Browser::new(&app);
    browser.log_in(EMAIL, PASSWORD, "/account").await;
    let (status, headers, body) = browser.get("/account/data.json").await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers[header::CONTENT_DISPOSITION].to_str().unwrap().starts_with("attachment"));
    assert_eq!(headers[header::CACHE_CONTROL], "no-store");
    let data: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(data["account"]["email"], EMAIL);
    assert_eq!(data["account"]["role"], "applicant");
    assert!(data["events"].as_array().unwrap().iter().any(|e| e["event"] == "login-succeeded"));
    assert!(!body.contains("argon2") && !body.contains("totp"), "{body}");
}

#[tokio::test]
async fn deleting_the_account_takes_the_password_and_a_tick_and_ends_the_session() {
    let (app, state) = with_account(Role::Applicant, EMAIL).await;
    let mut browser = Browser::new(&app);
    browser.log_in(EMAIL, PASSWORD, "/account").await;
    let page = browser.page("/account/delete").await;
    assert!(page.contains("Applications you have already sent are not deleted"));

    browser.post_to("/account/delete", &[("current", PASSWORD)], "/account/delete").await;
    assert!(browser.page("/account/delete").await.contains("Tick the box"));
    browser.post_to("/account/delete", &[("current", "väärä"), ("confirm", "yes")], "/account/delete").await;
    let (status, headers, _) = browser.post("/account/delete", &[("current", PASSWORD), ("confirm", "yes")]).await;
    assert_eq!(
        (status, &headers[header::LOCATION]),
        (StatusCode::SEE_OTHER, &"/account-deleted?lang=en".parse().unwrap())
    );
    assert_eq!(headers["clear-site-data"], r#""cache", "cookies", "storage""#, "the browser forgets the portal");
    assert!(browser.cookie.is_none(), "the session ends");
    let accounts: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users").fetch_one(&state.db).await.unwrap();
    assert_eq!(accounts, 0);
    browser.post_to("/login", &[("email", EMAIL), ("password", PASSWORD)], "/login").await;
}

#[tokio::test]
async fn without_scripts_the_time_limit_is_said_and_the_stay_logged_in_button_returns_to_the_page() {
    let (app, _) = with_account(Role::Applicant, EMAIL).await;
    let mut browser = Browser::new(&app);
    let (_, _, html) = browser.get("/").await;
    assert!(!html.contains("http-equiv=\"refresh\""), "nobody to warn");
    browser.log_in(EMAIL, PASSWORD, "/account").await;
    let html = browser.page("/account/password").await;
    // No timed redirect takes the page away (WCAG 2.2.1, B23): the time limit is said instead.
    assert!(!html.contains("http-equiv"), "{html}");
    assert!(
        html.contains(r#"<noscript><p id="time-limit""#) && html.contains("after 30 minutes without activity"),
        "{html}"
    );

    let request = http::Request::get("/session-warning")
        .header("cookie", browser.cookie.clone().unwrap())
        .header("referer", "https://portal.example.fi/account/password")
        .body(axum::body::Body::empty())
        .unwrap();
    let (_, _, html) = support::read(support::send(&app, request).await).await;
    assert!(html.contains("You will be logged out soon") || html.contains("kirjataan pian ulos"));
    assert!(html.contains(r#"name="next" value="/account/password""#), "{html}");

    let request = http::Request::post("/api/session/stay")
        .header("cookie", browser.cookie.clone().unwrap())
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", "text/html")
        .header("sec-fetch-site", "same-origin")
        .header("origin", support::PUBLIC_URL)
        .body(axum::body::Body::from("next=%2Faccount%2Fpassword"))
        .unwrap();
    let (status, headers, _) = support::read(support::send(&app, request).await).await;
    assert!(status.is_redirection(), "{status}");
    assert_eq!(headers[header::LOCATION], "/account/password");
}
