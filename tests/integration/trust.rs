//! Trust (issue 27): "Is this message from us?" checks the code of a real message and nothing
//! else, within its limits and in the same time either way; "Report a suspicious message or
//! call" keeps reports for staff and turns away robots. Run with
//! `cargo test --features ssr,test-support --test integration -- trust::`.

use crate::support::{self, message_code_in, Browser};
use http::StatusCode;
use portal::server::config::{Config, Hourly};
use portal::server::{router, AppState};
use std::num::NonZeroU32;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The portal with the public forms' limits of `checks` and `reports` (per client, everyone).
async fn portal_with_limits(checks: (u32, u32), reports: (u32, u32)) -> (axum::Router, AppState) {
    let (_, state) = support::spawn_app_with_state().await;
    let hourly = |(client, everyone): (u32, u32)| Hourly {
        client: NonZeroU32::new(client).unwrap(),
        everyone: NonZeroU32::new(everyone).unwrap(),
    };
    let config = Config { message_checks: hourly(checks), scam_reports: hourly(reports), ..(*state.config).clone() };
    let state = state.with(|s| s.config = Arc::new(config));
    (router(state.clone()), state)
}

/// Checks `code` as a visitor does and returns the answer's text.
async fn check(browser: &mut Browser, code: &str) -> String {
    browser.post_to("/check-message", &[("code", code)], "/check-message#answer").await;
    browser.page("/check-message").await
}

#[tokio::test]
async fn a_code_from_a_sent_message_checks_as_genuine_with_its_day_and_kind_and_a_made_up_one_does_not() {
    let (app, state) = portal_with_limits((100, 100), (5, 200)).await;
    let mut visitor = Browser::new(&app);
    let registration = [("email", "uusi@example.fi"), ("password", "kolme sanaa peräkkäin"), ("role", "applicant")];
    visitor.post_to("/register", &registration, "/verify").await;
    let mail = support::mail(&state).await;
    let code = message_code_in(&mail.last().unwrap().body);

    // Anyone, on another browser, as typed from a phone's screen.
    let mut anyone = Browser::new(&app);
    let answer = check(&mut anyone, &code.to_lowercase().replace('-', " ")).await;
    let today = state.clock.today().display();
    assert!(answer.contains(&format!("Yes: the message with the code {code} is from us")), "{answer}");
    assert!(answer.contains(&format!("We sent it on {today}. It was a code for confirming your e-mail address.")));
    assert!(!answer.contains("uusi@example.fi"), "nothing about whom it went to");
    // The answer is shown once.
    assert!(!anyone.page("/check-message").await.contains("is from us"));

    let answer = check(&mut anyone, "ACEF-HKMN-PRTW").await;
    assert!(answer.contains("No: we have not sent a message with the code ACEF-HKMN-PRTW"), "{answer}");
    assert!(answer.contains(r#"href="/report-suspicious""#), "with what to do: {answer}");

    // Not a code's shape: said so, with what was typed kept.
    let (status, _, _) = anyone.post("/check-message", &[("code", "K7MX-43RN-CWP0")]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let page = anyone.page("/check-message").await;
    assert!(page.contains("Enter the message code as it is in the message") && page.contains("K7MX-43RN-CWP0"));

    // The database keeps only a keyed hash of each code.
    let hashes: Vec<String> = sqlx::query_scalar("SELECT hash FROM message_codes").fetch_all(&state.db).await.unwrap();
    assert_eq!(hashes.len(), 1);
    assert!(!hashes[0].contains(&code) && !hashes[0].contains(&code.replace('-', "")));

    // The code expires (PORTAL_MESSAGE_CODE_DAYS), and then it goes.
    state.clock.advance(state.config.message_code_days * 86_400 + 1);
    assert!(check(&mut anyone, &code).await.contains("No: we have not sent"));
    assert_eq!(portal::server::mail::codes::forget_expired(&state.db, &state.clock).await.unwrap(), 1);
}

#[tokio::test]
async fn a_thousand_guessed_codes_from_one_client_are_rate_limited_and_none_is_found() {
    let (app, state) = portal_with_limits((10, 18_000), (5, 200)).await;
    // Real codes are alive meanwhile.
    let mut conn = state.db.acquire().await.unwrap();
    for _ in 0..50 {
        portal::server::mail::codes::issue(&mut conn, &state, portal::server::mail::Kind::News).await.unwrap();
    }
    drop(conn);
    let mut guesser = Browser::new(&app);
    let (mut answered, mut limited, mut found) = (0, 0, 0);
    let began = Instant::now();
    for _ in 0..1000 {
        let guess = portal::domain::message_code::from_numbers(std::array::from_fn(|_| rand::random()));
        let (status, headers, _) = guesser.post("/check-message", &[("code", &guess)]).await;
        match status {
            StatusCode::SEE_OTHER => {
                answered += 1;
                if guesser.page("/check-message").await.contains("is from us") {
                    found += 1;
                }
            }
            StatusCode::TOO_MANY_REQUESTS => {
                limited += 1;
                assert!(headers.contains_key(http::header::RETRY_AFTER));
            }
            other => panic!("{other}"),
        }
    }
    println!(
        "1000 guesses from one client: {answered} answered, {limited} refused as too many, {found} found, in {:.1} s",
        began.elapsed().as_secs_f64()
    );
    assert_eq!((answered, limited, found), (10, 990, 0));

    // Everyone together has an allowance too: a crowd of clients reaches it.
    let (app, _) = portal_with_limits((1000, 3), (5, 200)).await;
    let mut crowd = Browser::new(&app);
    for _ in 0..3 {
        assert_eq!(crowd.post("/check-message", &[("code", "ACEF-HKMN-PRTW")]).await.0, StatusCode::SEE_OTHER);
    }
    assert_eq!(crowd.post("/check-message", &[("code", "ACEF-HKMN-PRTW")]).await.0, StatusCode::TOO_MANY_REQUESTS);
}

/// The median and the interquartile range (the spread of the middle half) of `times`.
fn median_and_spread(mut times: Vec<Duration>) -> (Duration, Duration) {
    times.sort();
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    (at(0.5), at(0.75) - at(0.25))
}

#[tokio::test]
async fn a_hit_and_a_miss_take_the_same_time() {
    const EACH: usize = 25;
    let (app, state) = portal_with_limits((10_000, 10_000), (5, 200)).await;
    let mut conn = state.db.acquire().await.unwrap();
    let mut codes = Vec::new();
    for _ in 0..EACH {
        codes.push(
            portal::server::mail::codes::issue(&mut conn, &state, portal::server::mail::Kind::News).await.unwrap(),
        );
    }
    drop(conn);
    let mut visitor = Browser::new(&app);
    let (mut hits, mut misses) = (Vec::new(), Vec::new());
    // Taken in turns, each first every other time, so that whatever else the machine does
    // falls on both alike.
    for (n, code) in codes.iter().enumerate() {
        let guess = portal::domain::message_code::from_numbers(std::array::from_fn(|_| rand::random()));
        let mut turns = [(code.as_str(), &mut hits), (guess.as_str(), &mut misses)];
        turns.rotate_left(n % 2);
        for (typed, times) in turns {
            let began = Instant::now();
            let (status, _, _) = visitor.post("/check-message", &[("code", typed)]).await;
            times.push(began.elapsed());
            assert_eq!(status, StatusCode::SEE_OTHER);
        }
    }
    let (hit, hit_spread) = median_and_spread(hits);
    let (miss, miss_spread) = median_and_spread(misses);
    let difference = hit.abs_diff(miss);
    let noise = hit_spread.max(miss_spread);
    println!(
        "answer time of {EACH} hits and {EACH} misses: median {hit:?} and {miss:?}, difference {difference:?}; \
         noise (interquartile range) {hit_spread:?} and {miss_spread:?}"
    );
    assert!(hit >= portal::server::trust::ANSWER_TIME && miss >= portal::server::trust::ANSWER_TIME);
    assert!(difference < noise.max(Duration::from_micros(500)), "a hit and a miss differ by more than the noise");
}

/// The report form's token, as the form page gives it.
async fn token_of(browser: &mut Browser) -> String {
    let page = browser.page("/report-suspicious").await;
    let at = page.find(r#"name="token" value=""#).expect("the form has its token") + r#"name="token" value=""#.len();
    page[at..at + page[at..].find('"').unwrap()].to_string()
}

/// A report as a reporter types it, with `token`.
fn report(token: &str) -> Vec<(&'static str, String)> {
    vec![
        ("token", token.to_string()),
        ("happened", "3.12.2026 about 14.30".into()),
        ("channel", "phone".into()),
        ("asked", "passport".into()),
        ("asked", "banking".into()),
        ("language", "en".into()),
        ("claimed_name", "Officer Smith".into()),
        ("claimed_organisation", "Immigration Police Department".into()),
        ("came_from", "+44 20 7946 0958".into()),
        ("details", "The caller said my permit would be cancelled unless I paid a fine today.".into()),
        ("contact", "".into()),
        ("website", "".into()),
    ]
}

async fn post_report(browser: &mut Browser, fields: &[(&'static str, String)]) -> (StatusCode, String) {
    let fields: Vec<(&str, &str)> = fields.iter().map(|(name, value)| (*name, value.as_str())).collect();
    let (status, headers, _) = browser.post("/report-suspicious", &fields).await;
    let location = headers.get(http::header::LOCATION).map(|l| l.to_str().unwrap().to_string()).unwrap_or_default();
    (status, location)
}

async fn reports_kept(state: &AppState) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM suspicious_reports").fetch_one(&state.db).await.unwrap()
}

#[tokio::test]
async fn a_report_is_kept_once_and_staff_read_count_and_handle_it() {
    let (app, state) = portal_with_limits((10, 100), (5, 200)).await;
    let mut reporter = Browser::new(&app);
    let token = token_of(&mut reporter).await;
    let sent = (StatusCode::SEE_OTHER, "/report-suspicious/sent".to_string());
    assert_eq!(post_report(&mut reporter, &report(&token)).await, sent);
    assert!(reporter.page("/report-suspicious/sent").await.contains("Thank you: your report was received"));
    assert_eq!(reports_kept(&state).await, 1);
    let content: String =
        sqlx::query_scalar("SELECT content FROM suspicious_reports").fetch_one(&state.db).await.unwrap();
    assert!(!content.contains("Officer Smith"), "kept sealed");

    // The same token again (the back button, or a replay) keeps nothing more.
    assert_eq!(post_report(&mut reporter, &report(&token)).await.1, "/report-suspicious");
    let page = reporter.page("/report-suspicious").await;
    assert!(page.contains("This report was sent already") && page.contains("Officer Smith"), "{page}");
    assert_eq!(reports_kept(&state).await, 1);

    let mut staff = support::staff_browser(&app, &state, "virkailija@migri.fi", support::PASSWORD).await;
    let page = staff.page("/staff/reports").await;
    assert!(page.contains("Not handled yet: 1"), "{page}");
    for shown in ["Officer Smith", "+44 20 7946 0958", "Phone call", "Passport number or a copy of the passport"] {
        assert!(page.contains(shown), "{shown}: {page}");
    }
    let this_week = page.find(r#"id="weeks""#).map(|at| &page[at..]).unwrap();
    assert!(this_week.contains(r#"<td class="pt-table__cell">1</td>"#), "counted this week: {this_week}");
    let id: i64 = sqlx::query_scalar("SELECT id FROM suspicious_reports").fetch_one(&state.db).await.unwrap();
    staff.post_to(&format!("/staff/reports/{id}/handled"), &[], "/staff/reports").await;
    let page = staff.page("/staff/reports").await;
    assert!(page.contains("The report was marked handled.") && page.contains("Not handled yet: 0"), "{page}");
    let audited: Vec<(String, Option<String>)> =
        sqlx::query_as("SELECT event, detail FROM audit_log WHERE event = 'scam-report-handled'")
            .fetch_all(&state.db)
            .await
            .unwrap();
    assert_eq!(audited, [("scam-report-handled".to_string(), Some(id.to_string()))]);
    // Only staff see reports.
    let (status, headers, _) = reporter.get("/staff/reports").await;
    assert!(support::is_login_redirect(status, &headers), "{status}");
    // A handled report goes a year later.
    state.clock.advance(366 * 86_400);
    assert_eq!(portal::server::trust::reports::forget_handled(&state.db, &state.clock).await.unwrap(), 1);
}

#[tokio::test]
async fn the_report_form_turns_away_robots_and_keeps_what_a_person_typed() {
    let (app, state) = portal_with_limits((10, 100), (100, 200)).await;
    let mut reporter = Browser::new(&app);
    let back = "/report-suspicious".to_string();

    // No token, or one the portal did not make: back to the form, with everything as typed.
    let mut fields = report("");
    fields.retain(|(name, _)| *name != "token");
    assert_eq!(post_report(&mut reporter, &fields).await.1, back);
    let page = reporter.page("/report-suspicious").await;
    assert!(page.contains("The form could not be checked") && page.contains("Immigration Police Department"));
    let token = token_of(&mut reporter).await;
    // Its last character changed (to another one, whatever it was).
    let last = if token.ends_with('0') { '1' } else { '0' };
    let forged = format!("{}{last}", &token[..token.len() - 1]);
    assert_eq!(post_report(&mut reporter, &report(&forged)).await.1, back);
    assert!(reporter.page("/report-suspicious").await.contains("The form could not be checked"));

    // A token older than two hours.
    let old = token_of(&mut reporter).await;
    state.clock.advance(portal::server::trust::reports::TOKEN_SECONDS + 1);
    assert_eq!(post_report(&mut reporter, &report(&old)).await.1, back);
    assert!(reporter.page("/report-suspicious").await.contains("The form was open for more than two hours"));

    // The field people never see, filled in: answered as kept, and nothing is.
    let mut robot = report(&token_of(&mut reporter).await);
    robot.retain(|(name, _)| *name != "website");
    robot.push(("website", "https://cheap-pills.example".into()));
    assert_eq!(post_report(&mut reporter, &robot).await.1, "/report-suspicious/sent");

    // Fields over their length: refused, and kept whole for the reporter to shorten.
    let long = "pitkä ".repeat(700);
    let mut oversize = report(&token_of(&mut reporter).await);
    for (name, value) in oversize.iter_mut() {
        match *name {
            "details" => *value = long.clone(),
            "came_from" => *value = "x".repeat(201),
            _ => {}
        }
    }
    assert_eq!(post_report(&mut reporter, &oversize).await.1, back);
    let page = reporter.page("/report-suspicious").await;
    assert!(page.contains("Use at most 4000 characters to tell what happened"), "{page}");
    assert!(page.contains("Use at most 200 characters here") && page.contains(long.trim_end()));
    // Without what is needed: said, field by field.
    let empty = vec![("token", token_of(&mut reporter).await)];
    assert_eq!(post_report(&mut reporter, &empty).await.1, back);
    let page = reporter.page("/report-suspicious").await;
    for said in ["Enter when it happened", "Choose how it came", "Tell us what happened"] {
        assert!(page.contains(said), "{said}");
    }
    assert_eq!(reports_kept(&state).await, 0, "nothing refused was kept");
}

#[tokio::test]
async fn more_reports_than_the_limit_from_one_client_are_refused() {
    let (app, state) = portal_with_limits((10, 100), (3, 200)).await;
    let mut reporter = Browser::new(&app);
    for _ in 0..3 {
        let token = token_of(&mut reporter).await;
        assert_eq!(post_report(&mut reporter, &report(&token)).await.1, "/report-suspicious/sent");
    }
    let token = token_of(&mut reporter).await;
    assert_eq!(post_report(&mut reporter, &report(&token)).await.0, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(reports_kept(&state).await, 3);
    // And everyone together: a crowd reaches the allowance of all.
    let (app, _) = portal_with_limits((10, 100), (100, 2)).await;
    let mut crowd = Browser::new(&app);
    for expected in [StatusCode::SEE_OTHER, StatusCode::SEE_OTHER, StatusCode::TOO_MANY_REQUESTS] {
        let token = token_of(&mut crowd).await;
        assert_eq!(post_report(&mut crowd, &report(&token)).await.0, expected);
    }
}
