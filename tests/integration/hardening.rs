//! The portal probed as an attacker would: oversized and odd input, lockouts, guessing, and the
//! protections that nothing else asserts.

use crate::support;

use axum::body::Body;
use axum::extract::ConnectInfo;
use http::{header, HeaderMap, Request, StatusCode};
use portal::domain::application_state::ApplicationState;
use portal::server::accounts::admin;
use portal::server::accounts::users::Role;
use portal::server::{router, AppState};
use std::net::SocketAddr;
use std::time::{Duration, Instant};
use support::{form_body, read, send, Browser, PASSWORD, PUBLIC_URL};

/// A form posted from the portal's own page by the client at `ip`.
async fn post_from(
    app: &axum::Router,
    ip: &str,
    path: &str,
    fields: &[(&str, &str)],
    cookie: Option<&str>,
) -> (StatusCode, HeaderMap, String) {
    let mut request = Request::post(path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin")
        .header(header::ORIGIN, PUBLIC_URL)
        .header("accept-language", "en");
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    let mut request = request.body(Body::from(form_body(fields))).unwrap();
    let address: SocketAddr = format!("{ip}:40000").parse().unwrap();
    request.extensions_mut().insert(ConnectInfo(address));
    read(send(app, request).await).await
}

async fn session_bytes(state: &AppState) -> i64 {
    sqlx::query_scalar("SELECT COALESCE(SUM(LENGTH(record)), 0) FROM sessions").fetch_one(&state.db).await.unwrap()
}

#[tokio::test]
async fn a_repeating_step_never_shows_more_items_than_it_allows() {
    let (app, state) = support::portal_for_one_client().await;
    let mut browser = support::applicant(&app, &state, "hakija@example.fi").await;
    let children = support::draft_at_children(&mut browser).await;
    for index in ["9", "10", "499", "999999", "18446744073709551615", "99999999999999999999999"] {
        let field = format!("child-surname--{index}");
        for action in [None, Some(("action", "add")), Some(("remove", "0")), Some(("remove", index))] {
            let mut fields = vec![(field.as_str(), "X"), ("child-surname--0", "VIRTANEN")];
            fields.extend(action);
            let (status, _, body) = browser.post(&children, &fields).await;
            assert_eq!(status, StatusCode::SEE_OTHER, "{index} {action:?}: {body}");
            let html = browser.page(&children).await;
            let items = html.matches("pt-repeat-item").count();
            assert!((1..=10).contains(&items), "{index} {action:?}: {items} items");
            assert!(html.len() < 300_000, "{index} {action:?}: a page of {} bytes", html.len());
        }
    }
}

#[tokio::test]
async fn what_a_session_keeps_stays_small_whatever_is_posted() {
    let (app, state) = support::portal_for_one_client().await;
    // Under the body limit, but far over any answer.
    let long = "a".repeat(portal::server::FORM_BODY_MAX - 1_000);
    for n in 0..20 {
        let (status, _, _) =
            post_from(&app, &format!("192.0.2.{n}"), "/login", &[("email", &long), ("password", "x")], None).await;
        assert!(status.is_redirection(), "{status}");
    }
    let anonymous = session_bytes(&state).await;
    assert!(anonymous < 20 * 2_000, "20 anonymous sessions hold {anonymous} bytes");
    let keys = state.limits.keys().await.unwrap();
    assert!(keys <= 60, "{keys} limiter keys");
    // Over the body limit: read no further, and the translated page, not a bare 413.
    let flood = "a".repeat(1_500_000);
    let (status, _, html) =
        post_from(&app, "192.0.2.99", "/login", &[("email", &flood), ("password", "x")], None).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(html.contains("The form was too large"), "{html}");

    let mut browser = support::applicant(&app, &state, "hakija@example.fi").await;
    let big = "b".repeat(portal::server::FORM_BODY_MAX - 1_000);
    for _ in 0..10 {
        let children = support::draft_at_children(&mut browser).await;
        let (status, _, _) = browser.post(&children, &[("child-surname--0", &big)]).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
    }
    let signed_in = session_bytes(&state).await - anonymous;
    assert!(signed_in < 20_000, "ten failed saves of 127 KB left a session of {signed_in} bytes");
    let started = Instant::now();
    browser.page("/account").await;
    assert!(started.elapsed() < Duration::from_secs(1));
}

#[tokio::test]
async fn only_a_bare_address_the_mailer_can_send_to_makes_an_account() {
    let (app, state) = support::portal_for_one_client().await;
    for (n, address) in [
        "Jane Doe <you@example.fi>",
        "\"a b\"@example.fi",
        "x@[127.0.0.1]",
        "\"<script>alert(1)</script>\"@example.fi",
        "Jane <you@example.fi>\r\nBcc: them@example.fi",
        "you@example.fi\r\nBcc: them@example.fi",
    ]
    .iter()
    .enumerate()
    {
        let fields = [("email", *address), ("password", PASSWORD), ("role", "applicant")];
        let (status, headers, body) = post_from(&app, &format!("198.51.100.{n}"), "/register", &fields, None).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{address:?}: {body}");
        assert_eq!(headers[header::LOCATION], "/register", "{address:?}: back to the form");
    }
    let users: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users").fetch_one(&state.db).await.unwrap();
    let codes: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM email_codes").fetch_one(&state.db).await.unwrap();
    assert_eq!((users, codes), (0, 0), "nothing stored");
    assert!(support::mail(&state).await.is_empty(), "nothing mailed");
    let mut browser = Browser::new(&app);
    browser.post_to("/register", &[("email", "Jane Doe <you@example.fi>"), ("password", PASSWORD)], "/register").await;
    assert!(browser.page("/register").await.contains("Enter an e-mail address in the correct form"));
}

#[tokio::test]
async fn hidden_characters_are_refused_in_answers_and_text_is_stored_composed() {
    let (app, state) = support::portal_for_one_client().await;
    let mut browser = support::applicant(&app, &state, "hakija@example.fi").await;
    let names = format!("{}/steps/names", support::start_draft(&mut browser, "first-work").await);
    for hidden in
        ["A\u{0}B", "A\u{7}B", "A\u{7F}", "A\u{85}B", "\u{202E}gpj.exe", "A\u{2066}B\u{2069}", "A\u{FFFE}", "A\nB"]
    {
        let fields = [("surname", "VIRTANEN"), ("given-names", "MARIA"), ("previous-names", hidden)];
        browser.post_to(&names, &fields, &names).await;
        let html = browser.page(&names).await;
        assert!(html.contains("remove the hidden control characters"), "{hidden:?}");
    }
    // "Müller" typed as u and a combining diaeresis is stored as one ü.
    let birth = names.replace("/names", "/birth");
    let fields = [("surname", "VIRTANEN"), ("given-names", "MARIA"), ("previous-names", "Mu\u{308}ller")];
    browser.post_to(&names, &fields, &birth).await;
    let answers: String =
        sqlx::query_scalar("SELECT CAST(answers AS TEXT) FROM applications").fetch_one(&state.db).await.unwrap();
    assert!(answers.contains("M\u{fc}ller") && !answers.contains('\u{308}'), "{answers}");
}

#[tokio::test]
async fn a_stranger_guessing_cannot_lock_the_owner_out_and_every_429_says_when_to_retry() {
    let (app, state) = support::portal_for_one_client().await;
    admin::create_account(&state.db, Role::Applicant, "maria@example.fi", PASSWORD.into()).await.unwrap().unwrap();
    let wrong = [("email", "maria@example.fi"), ("password", "arvaus arvaus")];
    for _ in 0..5 {
        let (status, _, _) = post_from(&app, "198.51.100.66", "/login", &wrong, None).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
    }
    let (status, headers, body) = post_from(&app, "198.51.100.66", "/login", &wrong, None).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    let retry: u64 = headers[header::RETRY_AFTER].to_str().unwrap().parse().unwrap();
    assert!((1..=180).contains(&retry), "{retry}");
    assert!(body.contains("Too many attempts"));

    let right = [("email", "maria@example.fi"), ("password", PASSWORD)];
    let (status, headers, _) = post_from(&app, "192.0.2.10", "/login", &right, None).await;
    assert_eq!((status, &headers[header::LOCATION]), (StatusCode::SEE_OTHER, &"/account".parse().unwrap()));

    // The per-client limit says when, too.
    let strict = state.with(|s| s.limits = support::limits_of(&state, 1));
    let app = router(strict);
    post_from(&app, "203.0.113.1", "/password-reset", &[("email", "x@example.fi")], None).await;
    let (status, headers, _) =
        post_from(&app, "203.0.113.1", "/password-reset", &[("email", "x@example.fi")], None).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert!(headers.contains_key(header::RETRY_AFTER));
}

#[tokio::test]
async fn logging_in_again_and_again_is_never_slowed_only_wrong_passwords_are() {
    let (app, state) = support::portal_for_one_client().await;
    admin::create_account(&state.db, Role::Applicant, "maria@example.fi", PASSWORD.into()).await.unwrap().unwrap();
    let right = [("email", "maria@example.fi"), ("password", PASSWORD)];
    for n in 0..12 {
        let (status, headers, _) = post_from(&app, "192.0.2.10", "/login", &right, None).await;
        assert_eq!((status, &headers[header::LOCATION]), (StatusCode::SEE_OTHER, &"/account".parse().unwrap()), "{n}");
    }
    let wrong = [("email", "maria@example.fi"), ("password", "arvaus arvaus")];
    for _ in 0..5 {
        assert_eq!(post_from(&app, "192.0.2.10", "/login", &wrong, None).await.0, StatusCode::SEE_OTHER);
    }
    assert_eq!(post_from(&app, "192.0.2.10", "/login", &wrong, None).await.0, StatusCode::TOO_MANY_REQUESTS);
}

#[tokio::test]
async fn the_sign_up_code_cannot_be_guessed_from_many_addresses() {
    let (app, state) = support::portal_for_one_client().await;
    let mut browser = Browser::new(&app);
    let fields = [("email", "uusi@example.fi"), ("password", PASSWORD), ("role", "applicant")];
    browser.post_to("/register", &fields, "/verify").await;
    let cookie = browser.cookie.clone().unwrap();
    let code = support::code_in(&support::mail(&state).await.last().unwrap().body);
    let wrong = if code == "000000" { "000001" } else { "000000" };
    let mut refused = None;
    for n in 0..30 {
        // Logging in again mails a new code; the tries against the account still count.
        if n % 4 == 3 {
            post_from(
                &app,
                "192.0.2.1",
                "/login",
                &[("email", "uusi@example.fi"), ("password", PASSWORD)],
                Some(&cookie),
            )
            .await;
        }
        let (status, headers, _) =
            post_from(&app, &format!("198.51.100.{n}"), "/verify", &[("code", wrong)], Some(&cookie)).await;
        if status == StatusCode::TOO_MANY_REQUESTS {
            assert!(headers.contains_key(header::RETRY_AFTER));
            refused = Some(n);
            break;
        }
    }
    assert_eq!(refused, Some(10), "ten tries, then the account's tries are used up");
}

#[tokio::test]
async fn a_password_reset_answers_alike_for_accounts_and_strangers_however_slow_the_mail() {
    // A mail server that takes the connection and never answers.
    let port = support::silent_server().await.port();
    let state = support::state_with_site(&support::scratch_dir("site")).await;
    let mailer =
        portal::server::mail::Mailer::smtp(&format!("smtp://127.0.0.1:{port}"), "no-reply@example.fi", None).unwrap();
    let state = state.with(|s| s.mailer = std::sync::Arc::new(mailer));
    admin::create_account(&state.db, Role::Applicant, "maria@example.fi", PASSWORD.into()).await.unwrap().unwrap();
    let app = router(state.clone());
    let mails = || async {
        let queued: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM job_queue WHERE kind = 'mail'")
            .fetch_one(&state.db)
            .await
            .unwrap();
        queued
    };
    let mut answers = Vec::new();
    for (n, address) in ["maria@example.fi", "nobody@example.fi"].iter().enumerate() {
        let before = mails().await;
        let started = Instant::now();
        let (status, headers, body) =
            post_from(&app, &format!("192.0.2.{n}"), "/password-reset", &[("email", address)], None).await;
        assert!(started.elapsed() < Duration::from_millis(500), "{address}: {:?}", started.elapsed());
        let location = headers.get(header::LOCATION).map(|value| value.to_str().unwrap().to_string());
        answers.push((status, location, body, mails().await - before));
    }
    // The account's reset queued its mail (for the silent server) and the stranger's nothing:
    // the difference is real, and the answers do not show it.
    let (account, stranger) = (&answers[0], &answers[1]);
    assert_eq!((account.3, stranger.3), (1, 0), "one message, for the account only");
    assert_eq!((account.0, &account.1, &account.2), (stranger.0, &stranger.1, &stranger.2), "the same answer");
    assert_eq!((account.0, account.1.as_deref()), (StatusCode::SEE_OTHER, Some("/password-reset/code")));
}

#[tokio::test]
async fn refused_requests_are_audited_without_flooding_the_log() {
    let (app, state) = support::portal_for_one_client().await;
    let mut browser = support::applicant(&app, &state, "hakija@example.fi").await;
    for _ in 0..30 {
        let (status, _, _) = browser.get("/staff/preview/first-work").await;
        assert_eq!(status, StatusCode::FORBIDDEN);
    }
    let rows: Vec<(Option<i64>, Option<String>)> =
        sqlx::query_as("SELECT user_id, detail FROM audit_log WHERE event = 'access-refused'")
            .fetch_all(&state.db)
            .await
            .unwrap();
    assert_eq!(rows.len(), 10, "{rows:?}");
    assert!(rows.iter().all(|(user, detail)| user.is_some() && detail.as_deref() == Some("GET /staff/preview/{kind}")));
    let repeats: i64 =
        sqlx::query_scalar("SELECT CAST(SUM(repeats) AS BIGINT) FROM audit_log WHERE event = 'access-refused'")
            .fetch_one(&state.db)
            .await
            .unwrap();
    assert_eq!(repeats, 20, "the rest are counted on the client's last row");
}

#[tokio::test]
async fn a_long_password_is_used_whole() {
    let (app, state) = support::portal_for_one_client().await;
    let long = "pitkä salasana, jonka jokainen merkki lasketaan mukaan aina loppuun asti ja vielä yli";
    assert!(long.chars().count() > 72);
    admin::create_account(&state.db, Role::Applicant, "maria@example.fi", long.into()).await.unwrap().unwrap();
    let prefix: String = long.chars().take(64).collect();
    let (_, headers, _) =
        post_from(&app, "192.0.2.1", "/login", &[("email", "maria@example.fi"), ("password", &prefix)], None).await;
    assert_eq!(headers[header::LOCATION], "/login", "its first 64 characters are not the password");
    let (_, headers, _) =
        post_from(&app, "192.0.2.1", "/login", &[("email", "maria@example.fi"), ("password", long)], None).await;
    assert_eq!(headers[header::LOCATION], "/account");
}

#[tokio::test]
async fn session_ids_are_long_random_and_unique() {
    let (app, _) = support::portal_for_one_client().await;
    let mut ids = std::collections::BTreeSet::new();
    for _ in 0..1000 {
        // A form that leaves a notice makes a session.
        let (_, headers, _) = post_from(&app, "192.0.2.1", "/login/code", &[("code", "1")], None).await;
        let cookie = support::session_cookie(&headers).expect("a session");
        let id = cookie.split_once('=').unwrap().1.to_string();
        assert!(id.len() >= 22, "{id}: at least 128 bits in base64");
        ids.insert(id);
    }
    assert_eq!(ids.len(), 1000);
}

#[tokio::test]
async fn a_session_ends_twelve_hours_after_login_however_busy() {
    let (app, state) = support::portal_for_one_client().await;
    let mut browser = support::applicant(&app, &state, "hakija@example.fi").await;
    // Busy: a page every 29 minutes, never idle long enough to time out, for 11 h 59 min…
    for _ in 0..24 {
        state.clock.advance(29 * 60);
        browser.page("/account").await;
    }
    state.clock.advance(23 * 60);
    browser.page("/account").await;
    // …and one minute later the login is twelve hours old.
    state.clock.advance(60);
    let (status, headers, _) = browser.get("/account").await;
    assert!(support::is_login_redirect(status, &headers), "{status}");
}

#[tokio::test]
async fn fields_a_form_does_not_have_are_ignored() {
    let (app, state) = support::portal_for_one_client().await;
    let mut browser = support::applicant(&app, &state, "hakija@example.fi").await;
    let extra = [("state", "sent"), ("reference", "H-FAKE"), ("owner", "1"), ("role", "staff"), ("user_id", "99")];
    let (_, headers, _) = browser.post("/apply/first-work", &extra).await;
    let names = headers[header::LOCATION].to_str().unwrap().to_string();
    let base = names.trim_end_matches("/steps/names").to_string();
    let with = |fields: &[(&'static str, &'static str)]| [fields, &extra[..]].concat();
    browser.post(&names, &with(&[("surname", "VIRTANEN"), ("given-names", "MARIA")])).await;
    browser.post(&format!("{base}/declaration"), &with(&[("confirm", "yes")])).await;
    for path in ["/account/language", "/account/email", "/account/password", "/account/two-factor"] {
        let (status, _, _) = browser.post(path, &with(&[("language", "sv")])).await;
        assert!(status.is_redirection(), "{path}: {status}");
    }
    let (role,): (String,) = sqlx::query_as("SELECT role FROM users").fetch_one(&state.db).await.unwrap();
    assert_eq!(role, "applicant");
    let (draft_state, reference, answers): (String, Option<String>, String) =
        sqlx::query_as("SELECT state, reference, CAST(answers AS TEXT) FROM applications")
            .fetch_one(&state.db)
            .await
            .unwrap();
    assert_eq!((draft_state.as_str(), reference), (ApplicationState::Draft.code(), None));
    for name in ["state", "reference", "owner", "role", "user_id"] {
        assert!(!answers.contains(&format!("\"{name}\"")), "{name} in {answers}");
    }
}

#[tokio::test]
async fn over_https_the_headers_pin_the_site_to_itself() {
    let (app, _) = support::portal_for_one_client().await;
    let (_, headers, _) = support::get_page(&app, "/", &[]).await;
    let hsts = headers[header::STRICT_TRANSPORT_SECURITY].to_str().unwrap();
    let max_age: u64 = hsts.split(';').find_map(|p| p.trim().strip_prefix("max-age=")).unwrap().parse().unwrap();
    assert!(max_age >= 31_536_000 && hsts.contains("includeSubDomains"), "{hsts}");
    let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    for directive in csp.split(';').map(str::trim).filter(|d| !d.is_empty()) {
        let mut parts = directive.split_whitespace();
        let name = parts.next().unwrap();
        for source in parts {
            let own =
                matches!(source, "'self'" | "'none'" | "'wasm-unsafe-eval'" | "data:") || source.starts_with("'nonce-");
            assert!(own, "{name} allows {source}: {csp}");
        }
    }
}

mod random_steps {
    use super::*;
    use portal::domain::text::has_hidden_characters;
    use portal::forms::answers::Answers;
    use portal::forms::catalogue::FIRST_WORK;
    use portal::forms::definition::Kind;
    use proptest::prelude::*;

    /// A field name as an attacker might post it: one of the step's, with any index and part,
    /// or anything at all.
    fn field_name() -> impl Strategy<Value = String> {
        let questions = prop::sample::select(vec![
            "child-surname",
            "child-given-names",
            "child-birth-date",
            "child-moves",
            "surname",
            "previous-names",
        ]);
        let index = prop_oneof![
            Just(String::new()),
            (0u64..12).prop_map(|i| format!("--{i}")),
            any::<u64>().prop_map(|i| format!("--{i}")),
            "--[0-9]{20,30}",
            "--[-+ a-z0-9]{0,4}",
        ];
        let part = prop::sample::select(vec!["", "-day", "-month", "-year", "-x"]);
        prop_oneof![
            4 => (questions, index, part).prop_map(|(q, i, p)| format!("{q}{i}{p}")),
            1 => "\\PC{0,30}",
        ]
    }

    /// A value with the odd characters of the findings among ordinary text, up to 5,000
    /// characters long.
    fn value() -> impl Strategy<Value = String> {
        prop_oneof![
            "[A-Z ]{0,20}",
            "\\PC{0,40}",
            prop::collection::vec(
                prop::sample::select(vec![
                    'a', 'Ä', '\0', '\u{1}', '\n', '\t', '\u{7F}', '\u{85}', '\u{202E}', '\u{2066}', '\u{FFFF}',
                    '\u{308}'
                ]),
                0..60,
            )
            .prop_map(|chars| chars.into_iter().collect()),
            (1usize..5000).prop_map(|n| "x".repeat(n)),
        ]
    }

    fn submission() -> impl Strategy<Value = Vec<(String, String)>> {
        let action = prop_oneof![
            Just(vec![]),
            Just(vec![("action".to_string(), "add".to_string())]),
            Just(vec![("action".to_string(), "later".to_string())]),
            "[0-9]{1,25}".prop_map(|i| vec![("remove".to_string(), i)]),
        ];
        (prop::collection::vec((field_name(), value()), 0..40), action).prop_map(|(mut fields, action)| {
            fields.extend(action);
            fields
        })
    }

    /// Every stored answer keeps the rules, whatever was posted.
    fn check_stored(answers: &Answers) -> Result<(), TestCaseError> {
        let question = |id: &str| FIRST_WORK.question(id);
        let stored = answers.values.iter().chain(answers.items.values().flatten().flatten());
        for (id, value) in stored {
            let Some((_, q)) = question(id) else { return Err(TestCaseError::fail(format!("{id} is no question"))) };
            let multiline = matches!(q.kind, Kind::LongText(_));
            prop_assert!(!has_hidden_characters(value, multiline), "{id}: {value:?}");
            if let Kind::Text(max) | Kind::LongText(max) = q.kind {
                prop_assert!(value.chars().count() <= usize::from(max), "{id}: {} characters", value.chars().count());
            }
        }
        for (step, items) in &answers.items {
            let max = FIRST_WORK.step(step).and_then(|(_, s)| s.repeat).unwrap_or(0);
            prop_assert!(items.len() <= usize::from(max), "{step}: {} items", items.len());
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn the_step_handler_takes_anything_and_keeps_only_what_the_rules_allow(
            submissions in prop::collection::vec(submission(), 1..4)
        ) {
            let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
            runtime.block_on(async {
                let (app, state) = support::portal_for_one_client().await;
                let mut browser = support::applicant(&app, &state, "hakija@example.fi").await;
                let children = support::draft_at_children(&mut browser).await;
                let names = children.replace("/children", "/names");
                for fields in &submissions {
                    for step in [&children, &names] {
                        let pairs: Vec<(&str, &str)> = fields.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
                        let (status, _, body) = browser.post(step, &pairs).await;
                        prop_assert!(!status.is_server_error(), "{status}: {body}");
                        let (status, _, html) = browser.get(step).await;
                        prop_assert_eq!(status, StatusCode::OK);
                        prop_assert!(html.matches("pt-repeat-item").count() <= 10);
                        prop_assert!(html.len() < 300_000, "a page of {} bytes", html.len());
                    }
                }
                let stored: String =
                    sqlx::query_scalar("SELECT CAST(answers AS TEXT) FROM applications").fetch_one(&state.db).await.unwrap();
                check_stored(&serde_json::from_str(&stored).unwrap())
            })?;
        }
    }
}

/// `X-Forwarded-For` is believed only from a configured proxy: what a client writes there
/// itself neither escapes its rate limit nor forges the audit log.
#[tokio::test]
async fn a_forwarded_address_counts_only_when_a_trusted_proxy_sent_it() {
    let (_, state) = support::spawn_app_with_state().await;
    let config = portal::server::config::Config {
        trusted_proxies: vec!["127.0.0.0/8".parse().unwrap()],
        ..(*state.config).clone()
    };
    let state = state.with(|s| {
        s.config = std::sync::Arc::new(config);
        s.limits = support::limits_of(&state, 2);
    });
    let app = router(state.clone());
    let login = |peer: &'static str, forwarded: &'static str| {
        let app = app.clone();
        async move {
            let mut request = Request::post("/login")
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .header("sec-fetch-site", "same-origin")
                .header(header::ORIGIN, PUBLIC_URL)
                .header("x-forwarded-for", forwarded)
                .body(Body::from(form_body(&[("email", "nobody@example.fi"), ("password", "wrong")])))
                .unwrap();
            request.extensions_mut().insert(ConnectInfo(SocketAddr::new(peer.parse().unwrap(), 40000)));
            read(send(&app, request).await).await.0
        }
    };
    // Through the proxy (the header's right end is what the proxy saw), each client has its own
    // allowance, whatever the client itself put further left.
    for client in ["203.0.113.66, 198.51.100.1", "198.51.100.2"] {
        for _ in 0..2 {
            assert!(login("127.0.0.1", client).await.is_redirection());
        }
    }
    assert_eq!(login("127.0.0.1", "198.51.100.1").await, StatusCode::TOO_MANY_REQUESTS);
    // A client that reaches the portal directly is counted as itself, whatever it claims.
    for claimed in ["198.51.100.3", "198.51.100.4"] {
        assert!(login("192.0.2.9", claimed).await.is_redirection());
    }
    assert_eq!(login("192.0.2.9", "198.51.100.5").await, StatusCode::TOO_MANY_REQUESTS);

    let clients: Vec<String> =
        sqlx::query_scalar("SELECT client FROM audit_log WHERE event = 'login-failed' ORDER BY id")
            .fetch_all(&state.db)
            .await
            .unwrap();
    assert_eq!(clients, ["198.51.100.1", "198.51.100.1", "198.51.100.2", "198.51.100.2", "192.0.2.9", "192.0.2.9"]);
}
