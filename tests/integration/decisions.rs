//! Decisions, as the case handler makes them (the simulator, the real program) and the
//! applicant opens them: the document fetched and checked, "a decision has been made" shown
//! without its content, the first opening recorded and reported as serving it, nobody else
//! reaching it; unopened for 7 days on the portal's clock, reported `not-opened`; and the
//! application removed a year after its decision was served.

use crate::sending::{received, Received, Simulator};
use crate::support::{self, Browser};
use http::StatusCode;
use portal::server::decisions::{self, FetchJob, ReportJob};
use portal::server::queue;
use sha2::Digest;

const DAY: i64 = 86_400;

/// The simulator's case handler makes a decision on `case`: the event it sent.
async fn decide(sim: &Simulator, case: &str) -> serde_json::Value {
    let url = format!("{}/control/cases/{case}/events", sim.url);
    let form = [("type", "decision-made"), ("text", "The residence permit is granted.")];
    let answer = reqwest::Client::new().post(url).form(&form).send().await.unwrap().bytes().await.unwrap();
    let answer: serde_json::Value = serde_json::from_slice(&answer).unwrap();
    assert_eq!(answer["status"], 200, "{answer}");
    answer["event"].clone()
}

/// How many applications the portal keeps.
async fn applications(state: &portal::server::AppState) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM applications").fetch_one(&state.db).await.unwrap()
}

#[tokio::test]
async fn a_decision_is_shown_unopened_served_on_its_first_opening_and_removed_a_year_later() {
    let sim = Simulator::start().await;
    let Received { app, state, mut browser, base, case, .. } = received(&sim).await;
    let before = support::mail(&state).await.len();
    let decision = format!("{base}/decision");
    let document = format!("{decision}/document");

    let event = decide(&sim, &case).await;
    // Not there to open until its document is fetched.
    assert_eq!(browser.get(&decision).await.0, StatusCode::NOT_FOUND);
    assert_eq!(queue::run_until_idle(&state, &[FetchJob::CODE]).await.unwrap(), 1);
    let mail = support::mail(&state).await;
    assert_eq!(mail.len(), before + 1, "the applicant is told: {mail:?}");
    assert!(!mail.last().unwrap().body.contains("http"), "no link: {}", mail.last().unwrap().body);

    let sent = browser.page(&format!("{base}/sent")).await;
    assert!(sent.contains("id=\"decision\"") && sent.contains("A decision has been made"), "{sent}");
    assert!(!sent.contains("/decision/document") && !sent.contains("granted"), "not its content: {sent}");
    assert!(browser.page("/applications").await.contains("Decision ready to open"));
    let page = browser.page(&decision).await;
    assert!(page.contains("Open the decision") && !page.contains("/decision/document"), "{page}");
    assert_eq!(browser.get(&document).await.0, StatusCode::NOT_FOUND, "not before it is opened");

    // Nobody else reaches it, nor opens it for the applicant.
    let mut stranger = support::applicant(&app, &state, "toinen@example.fi").await;
    assert_eq!(stranger.get(&decision).await.0, StatusCode::NOT_FOUND);
    assert_eq!(stranger.post(&decision, &[]).await.0, StatusCode::NOT_FOUND);
    assert_eq!(stranger.get(&document).await.0, StatusCode::NOT_FOUND);
    assert_eq!(Browser::new(&app).get(&document).await.0, StatusCode::SEE_OTHER, "to log in");
    assert!(browser.page(&decision).await.contains("Open the decision"), "still unopened");

    // The first opening serves it: recorded, reported once, the document given.
    browser.post_to(&decision, &[], &decision).await;
    let opened = browser.page(&decision).await;
    let today = state.clock.today();
    let served = today.display();
    let last_day = today.add_days(30).display();
    assert!(opened.contains(&format!("served to you on {served}")), "{opened}");
    assert!(opened.contains(&format!("the last day to appeal is {last_day}")), "{opened}");
    let (status, headers, pdf) = browser.get(&document).await;
    assert_eq!((status, &headers["content-type"]), (StatusCode::OK, &"application/pdf".parse().unwrap()));
    assert_eq!(hex::encode(sha2::Sha256::digest(pdf.as_bytes())), event["decision"]["sha256"].as_str().unwrap());
    browser.post_to(&decision, &[], &decision).await;
    assert_eq!(queue::run_until_idle(&state, &[ReportJob::CODE]).await.unwrap(), 1, "reported once");
    let reports: Vec<serde_json::Value> = sim.json("decision-reports.json").await;
    assert_eq!(reports.len(), 1, "{reports:?}");
    assert_eq!(reports[0]["report"]["outcome"], "served");
    assert_eq!(reports[0]["report"]["second_step"], false);
    assert_eq!(reports[0]["report"]["decision_id"], event["decision"]["decision_id"]);
    let opened_by: Option<i64> =
        sqlx::query_scalar("SELECT opened_by FROM decisions").fetch_one(&state.db).await.unwrap();
    assert!(opened_by.is_some(), "the account recorded");

    // A year after it was served, the application and its decision go; not a day before.
    let key: String = sqlx::query_scalar("SELECT storage_key FROM decisions").fetch_one(&state.db).await.unwrap();
    assert_eq!(decisions::report_unopened(&state).await.unwrap(), 0, "opened: nothing to post");
    state.clock.advance(364 * DAY);
    assert_eq!(decisions::remove_served(&state, 365).await.unwrap(), 0);
    state.clock.advance(2 * DAY);
    assert_eq!(decisions::remove_served(&state, 365).await.unwrap(), 1);
    assert_eq!(applications(&state).await, 0, "the application went");
    let kept: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM decisions").fetch_one(&state.db).await.unwrap();
    assert_eq!(kept, 0, "its decision went with it");
    assert!(state.storage.get(&key).await.is_err(), "and its document's file");
}

#[tokio::test]
async fn a_decision_not_opened_in_seven_days_is_reported_once_and_counts_as_posted() {
    let sim = Simulator::start().await;
    let Received { state, mut browser, base, case, .. } = received(&sim).await;
    decide(&sim, &case).await;
    assert_eq!(queue::run_until_idle(&state, &[FetchJob::CODE]).await.unwrap(), 1);
    let fetched = state.clock.today();

    state.clock.advance(6 * DAY);
    assert_eq!(decisions::report_unopened(&state).await.unwrap(), 0, "six days: not yet");
    state.clock.advance(DAY + 60);
    assert_eq!(decisions::report_unopened(&state).await.unwrap(), 1);
    assert_eq!(decisions::report_unopened(&state).await.unwrap(), 0, "once");
    assert_eq!(decisions::unopened(&state.db).await.unwrap(), 1, "staff see it");
    // The report queued (the first test sees one delivered; the simulator, on the system's
    // clock, would refuse a signature from a week ahead).
    let queued: Vec<String> = sqlx::query_scalar("SELECT payload FROM job_queue WHERE kind = 'decision-report'")
        .fetch_all(&state.db)
        .await
        .unwrap();
    assert_eq!(queued.len(), 1, "{queued:?}");
    let report: serde_json::Value = serde_json::from_str(&queued[0]).unwrap();
    assert_eq!((report["outcome"].as_str(), report["second_step"].as_bool()), (Some("not-opened"), None), "{report}");

    // Served by post on the seventh day: the page says so, and it can still be opened; that
    // opening is recorded, not reported again.
    let decision = format!("{base}/decision");
    let posted = fetched.add_days(7).display();
    // A week on, the applicant logs in again.
    browser.log_in("hakija@example.fi", support::PASSWORD, "/account").await;
    let page = browser.page(&decision).await;
    assert!(page.contains(&format!("counts as served on {posted}")), "{page}");
    browser.post_to(&decision, &[], &decision).await;
    let opened = browser.page(&decision).await;
    assert!(opened.contains(&format!("served to you by post on {posted}")), "{opened}");
    let reports: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM job_queue WHERE kind = 'decision-report'")
        .fetch_one(&state.db)
        .await
        .unwrap();
    assert_eq!(reports, 1, "not reported again");
    assert_eq!(decisions::unopened(&state.db).await.unwrap(), 0);

    // Kept a year from the day it was served by post.
    state.clock.advance(364 * DAY);
    assert_eq!(decisions::remove_served(&state, 365).await.unwrap(), 0);
    state.clock.advance(2 * DAY);
    assert_eq!(decisions::remove_served(&state, 365).await.unwrap(), 1);
    assert_eq!(applications(&state).await, 0);
}
