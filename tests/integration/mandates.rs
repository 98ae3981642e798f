//! Acting for an organisation, through the portal's e-Authorizations client and the built-in
//! test server of the same protocol (the portal listening on a port, as the service would
//! reach it): chosen, not given by logging in; allowed only on `ALLOWED`; the organisation's
//! name the service's; a way back that is not this session's, or stale, refused; a call
//! without the client's checksum refused by the server.

use crate::support::{self, Browser};
use http::{header, StatusCode};
use portal::server::organisations::{client::Valtuudet, protocol};
use portal::server::AppState;
use std::sync::Arc;

const EMPLOYER: &str = "tyonantaja@example.fi";

/// The portal serving on a port, its mandates asked of its own test server there.
async fn serve() -> (axum::Router, AppState, String) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let (_, state) = support::portal_for_one_client().await;
    let state = asking_itself(state, address);
    let app = portal::server::router(state.clone());
    let serving = app.clone();
    tokio::spawn(async move { axum::serve(listener, serving).await });
    (app, state, format!("http://{address}"))
}

/// `state` with its mandates asked of its own test server, served at `address`.
pub(crate) fn asking_itself(state: AppState, address: std::net::SocketAddr) -> AppState {
    let keys = state.test_mandates.clone().expect("the tests ask the test server");
    let base = format!("http://{address}/test-mandates");
    let client = Valtuudet::new(&base, &keys.client_id, &keys.key, &keys.oauth_password, state.clock.clone()).unwrap();
    state.with(|s| s.mandates = Arc::new(client))
}

/// A signed-in employer whose identity code the administrator recorded.
async fn employer(app: &axum::Router, state: &AppState, identity_code: &str) -> Browser {
    signed_in_employer(app, state, EMPLOYER, identity_code).await
}

/// A signed-in employer `email` whose identity code the administrator recorded.
pub(crate) async fn signed_in_employer(
    app: &axum::Router,
    state: &AppState,
    email: &str,
    identity_code: &str,
) -> Browser {
    use portal::server::accounts::{admin, users::Role};
    admin::create_account(&state.db, Role::Employer, email, support::PASSWORD.into()).await.unwrap().unwrap();
    admin::set_identity_code(&state.db, email, identity_code).await.unwrap().unwrap();
    let mut browser = Browser::new(app);
    browser.log_in(email, support::PASSWORD, "/account").await;
    browser
}

/// "Choose an organisation": the test server's page, answered with `outcome` for `business_id`;
/// the way back to the portal (its path and query).
pub(crate) async fn choose(browser: &mut Browser, origin: &str, business_id: &str, outcome: &str) -> String {
    let (status, headers, _) = browser.post("/employer/act", &[]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let to = headers[header::LOCATION].to_str().unwrap().strip_prefix(origin).unwrap().to_string();
    assert!(to.starts_with("/test-mandates/oauth/authorize?"), "{to}");
    let page = browser.page(&to).await;
    assert!(page.contains(&format!("({business_id}, ")), "{page}");
    let query: std::collections::HashMap<String, String> =
        url::form_urlencoded::parse(to.split_once('?').unwrap().1.as_bytes()).into_owned().collect();
    let form = [
        ("user", query["user"].as_str()),
        ("redirect_uri", query["redirect_uri"].as_str()),
        ("state", query["state"].as_str()),
        ("organisation", business_id),
        ("outcome", outcome),
    ];
    let (status, headers, _) = browser.post("/test-mandates/oauth/authorize", &form).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let back = headers[header::LOCATION].to_str().unwrap().to_string();
    back.strip_prefix(support::PUBLIC_URL).unwrap_or(&back).to_string()
}

#[tokio::test]
async fn an_employer_acts_for_an_organisation_only_when_allowed() {
    let (app, state, origin) = serve().await;
    let mut browser = employer(&app, &state, "131052-308T").await;
    let home = browser.page("/employer").await;
    assert!(home.contains("acting as yourself"), "logging in acts for no organisation: {home}");

    // Disallowed: the session acts for nobody.
    let back = choose(&mut browser, &origin, "2077474-0", "disallowed").await;
    browser.get(&back).await;
    let home = browser.page("/employer").await;
    assert!(home.contains("You may not act for that organisation") && !home.contains("Demo Oy"), "{home}");

    // A way back that is not this choice's (its state changed) is refused, even if allowed.
    let back = choose(&mut browser, &origin, "2077474-0", "allowed").await;
    let tampered = back.replace("state=", "state=0");
    browser.get(&tampered).await;
    assert!(browser.page("/employer").await.contains("was not for this choice"));
    // And the same way back again, after it was used up, is refused too.
    browser.get(&back).await;
    assert!(browser.page("/employer").await.contains("was not for this choice"));

    // A session the service ended: not acting.
    let back = choose(&mut browser, &origin, "2077474-0", "expired").await;
    browser.get(&back).await;
    assert!(browser.page("/employer").await.contains("could not be reached"));

    // Too late back: stale, even if allowed.
    let back = choose(&mut browser, &origin, "2077474-0", "allowed").await;
    state.clock.advance(11 * 60);
    browser.get(&back).await;
    let home = browser.page("/employer").await;
    assert!(home.contains("came too late") && !home.contains("You are acting for Demo Oy"), "{home}");
    state.clock.advance(-11 * 60);

    // Allowed: acting for it, by the service's name; then as oneself again.
    let back = choose(&mut browser, &origin, "2077474-0", "allowed").await;
    browser.get(&back).await;
    let home = browser.page("/employer").await;
    assert!(home.contains("You are acting for Demo Oy (2077474-0)"), "{home}");
    browser.post_to("/employer/act-as-self", &[], "/employer").await;
    assert!(browser.page("/employer").await.contains("acting as yourself"));

    // Each answer is in the audit log, with a fixed word or the Business ID only.
    let logged: Vec<(String, Option<String>)> = sqlx::query_as(
        "SELECT event, detail FROM audit_log WHERE event IN ('acting-for-organisation', 'mandate-refused') ORDER BY id",
    )
    .fetch_all(&state.db)
    .await
    .unwrap();
    let details: Vec<(&str, &str)> =
        logged.iter().map(|(event, detail)| (event.as_str(), detail.as_deref().unwrap_or(""))).collect();
    assert_eq!(
        details,
        [
            ("mandate-refused", "disallowed"),
            ("mandate-refused", "refused"),
            ("mandate-refused", "refused"),
            ("mandate-refused", "unavailable"),
            ("mandate-refused", "refused"),
            ("acting-for-organisation", "2077474-0"),
        ]
    );
}

#[tokio::test]
async fn an_account_without_a_verified_identity_cannot_ask_and_applicants_never_reach_it() {
    let (app, state, _) = serve().await;
    use portal::server::accounts::{admin, users::Role};
    admin::create_account(&state.db, Role::Employer, EMPLOYER, support::PASSWORD.into()).await.unwrap().unwrap();
    let mut browser = Browser::new(&app);
    browser.log_in(EMPLOYER, support::PASSWORD, "/account").await;
    assert!(browser.page("/employer").await.contains("has not been verified"));
    browser.post_to("/employer/act", &[], "/employer").await;
    assert!(admin::set_identity_code(&state.db, EMPLOYER, "131052-308U").await.unwrap().is_err(), "checked");
    let mut applicant = support::applicant(&app, &state, "hakija@example.fi").await;
    assert_eq!(applicant.get("/employer").await.0, StatusCode::FORBIDDEN);
    assert_eq!(applicant.post("/employer/act", &[]).await.0, StatusCode::FORBIDDEN);
}

/// The test server refuses a call without the client's checksum, with a stale one, or with
/// another client's.
#[tokio::test]
async fn the_test_server_refuses_calls_without_a_good_checksum() {
    let (_, state, origin) = serve().await;
    let keys = state.test_mandates.clone().unwrap();
    let path = format!("/test-mandates/service/ypa/user/register/{}/131052-308T?requestId=r1", keys.client_id);
    let call = |header: Option<String>| {
        let mut request = reqwest::Client::new().get(format!("{origin}{path}"));
        if let Some(header) = header {
            request = request.header(protocol::HEADER, header);
        }
        async move { request.send().await.unwrap().status() }
    };
    let now = portal::domain::date::iso_time(state.clock.now());
    let stale = portal::domain::date::iso_time(state.clock.now() - 301);
    assert_eq!(call(Some(protocol::checksum(&keys.client_id, &keys.key, &path, &now))).await, StatusCode::OK);
    assert_eq!(call(None).await, StatusCode::UNAUTHORIZED);
    assert_eq!(
        call(Some(protocol::checksum(&keys.client_id, &keys.key, &path, &stale))).await,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        call(Some(protocol::checksum(&keys.client_id, "another key", &path, &now))).await,
        StatusCode::UNAUTHORIZED
    );
}
