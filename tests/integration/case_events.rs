//! The case backend's events about its cases (`POST /case-backend/v1/events`), sent as the
//! backend sends them: by the simulator's case handler (the real program), and by hand where a
//! test needs a request the simulator would never make (a bad signature, a stale time, a
//! replay, an unknown case, an oversized body). The applicant's page shows the timeline; staff
//! see the counts.

use crate::sending::{received, Received, Simulator, SECRET};
use crate::support::{self, PASSWORD};
use axum::body::Body;
use http::{Request, StatusCode};
use portal::server::case_backend::contract;
use portal::server::AppState;
use std::sync::Arc;

/// The signed request of an event with `body`, its key `key` and time `timestamp`.
fn event_request(body: &str, key: Option<&str>, timestamp: i64, secret: &str) -> Request<Body> {
    let mut request = Request::post(contract::EVENTS_PATH)
        .header("content-type", "application/json")
        .header(contract::TIMESTAMP_HEADER, timestamp.to_string())
        .header(contract::SIGNATURE_HEADER, contract::sign(secret, timestamp, body.as_bytes()));
    if let Some(key) = key {
        request = request.header(contract::IDEMPOTENCY_HEADER, key);
    }
    request.body(Body::from(body.to_string())).unwrap()
}

/// Posts `event` as the backend does now: its status and body.
async fn post_event(app: &axum::Router, state: &AppState, event: &serde_json::Value) -> (StatusCode, String) {
    let body = event.to_string();
    let key = event["event_id"].as_str();
    let (status, _, text) =
        support::read(support::send(app, event_request(&body, key, state.clock.now(), SECRET)).await).await;
    (status, text)
}

/// An event of `kind` about the sent application `application` (public id) and case `case`.
fn event(id: &str, application: &str, case: &str, kind: &str, occurred_at: &str) -> serde_json::Value {
    serde_json::json!({
        "contract": 1, "event_id": id, "application_id": application, "case_id": case,
        "type": kind, "occurred_at": occurred_at,
    })
}

async fn stored_events(state: &AppState) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM case_events").fetch_one(&state.db).await.unwrap()
}

/// The simulator's case handler reports on a case; the applicant's page shows each step with
/// its day and what to do now. An event that arrives late (the identity visit asked after
/// processing had started) is shown, and does not move the case back; a replay changes
/// nothing.
#[tokio::test]
async fn the_backends_events_make_the_applicants_timeline_once_each_and_never_backwards() {
    let sim = Simulator::start().await;
    let Received { app, state, mut browser, base, case, .. } = received(&sim).await;
    let page = browser.page(&format!("{base}/sent")).await;
    assert!(page.contains("id=\"sent-timeline\""), "{page}");
    assert!(page.contains("that is by "), "the three months as a date: {page}");

    let http = reqwest::Client::new();
    let report = |kind: &'static str, extra: &'static [(&'static str, &'static str)]| {
        let (http, url) = (http.clone(), format!("{}/control/cases/{case}/events", sim.url));
        async move {
            let mut form = vec![("type", kind)];
            form.extend_from_slice(extra);
            let answer = http.post(url).form(&form).send().await.unwrap().bytes().await.unwrap();
            let answer: serde_json::Value = serde_json::from_slice(&answer).unwrap();
            assert_eq!(answer["status"], 200, "{kind}: {answer}");
            answer["event"].clone()
        }
    };
    report("in-processing", &[]).await;
    let visit = report("identity-visit-needed", &[("service_point", "tampere"), ("by", "2027-01-15")]).await;
    assert_eq!(stored_events(&state).await, 2);

    let page = browser.page(&format!("{base}/sent")).await;
    assert!(page.contains("in processing since"), "{page}");
    assert!(page.contains("asks you to visit") && page.contains("15.1.2027"), "the visit asked: {page}");
    let now = page.split("pt-timeline__step--now").nth(1).unwrap_or_default();
    assert!(now.contains("in processing since"), "the late visit did not move the case back: {page}");
    assert!(page.contains(">In processing</strong>"), "the state says the furthest step: {page}");
    let list = browser.page("/applications").await;
    assert!(list.contains(">In processing</strong>"), "the list too: {list}");
    let fi = browser.page(&format!("{base}/sent?lang=fi")).await;
    assert!(fi.contains("on ollut käsittelyssä") && fi.contains("Nyt"), "{fi}");

    // The same event again (a retry after a lost answer): 200, and nothing changes.
    let (status, body) = post_event(&app, &state, &visit).await;
    assert_eq!((status, body.as_str()), (StatusCode::OK, r#"{"stored":false}"#));
    assert_eq!(stored_events(&state).await, 2);
    let sent: Vec<serde_json::Value> = sim.json("events.json").await;
    assert_eq!(sent.len(), 2, "the simulator lists what it sent");
}

/// What is not believed or not known is refused with its status, recorded, and never a 5xx;
/// staff see the refusals counted by reason.
#[tokio::test]
async fn events_not_believed_or_not_known_are_refused_and_counted() {
    let sim = Simulator::start().await;
    let Received { app, state, application, case, .. } = received(&sim).await;
    let now = state.clock.now();
    let good = event("EV-1", &application, &case, "in-processing", "2026-12-06T10:00:00Z").to_string();
    let send = |request: Request<Body>| {
        let app = app.clone();
        async move { support::read(support::send(&app, request).await).await.0 }
    };
    let refusals = [
        (event_request(&good, Some("EV-1"), now, "another secret entirely"), StatusCode::UNAUTHORIZED, "signature"),
        (event_request(&good, Some("EV-1"), now - 301, SECRET), StatusCode::UNAUTHORIZED, "stale"),
        (event_request(&good, None, now, SECRET), StatusCode::BAD_REQUEST, "no key"),
        (event_request(&good, Some("EV-2"), now, SECRET), StatusCode::BAD_REQUEST, "another key"),
        (event_request("{not json", Some("EV-1"), now, SECRET), StatusCode::UNPROCESSABLE_ENTITY, "not json"),
    ];
    for (request, status, what) in refusals {
        assert_eq!(send(request).await, status, "{what}");
    }
    let unknown = [
        event("EV-3", "no-such-application", &case, "in-processing", "2026-12-06T10:00:00Z"),
        event("EV-4", &application, "SIM-999999", "in-processing", "2026-12-06T10:00:00Z"),
        serde_json::json!({ "contract": contract::VERSION + 1, "event_id": "EV-5", "application_id": application, "case_id": case,
                            "type": "in-processing", "occurred_at": "2026-12-06T10:00:00Z" }),
        event("EV-6", &application, &case, "identity-visit-needed", "2026-12-06T10:00:00Z"),
        event("EV-7", &application, &case, "decision-about-something-else", "2026-12-06T10:00:00Z"),
    ];
    let statuses: Vec<StatusCode> = {
        let mut statuses = Vec::new();
        for event in &unknown {
            statuses.push(post_event(&app, &state, event).await.0);
        }
        statuses
    };
    use StatusCode as S;
    let expected =
        [S::NOT_FOUND, S::NOT_FOUND, S::UNPROCESSABLE_ENTITY, S::UNPROCESSABLE_ENTITY, S::UNPROCESSABLE_ENTITY];
    assert_eq!(
        statuses, expected,
        "unknown application, other case, other contract, a visit without its place, \
        an unknown type"
    );
    // A body over the limit is refused before it is read.
    let big = format!("{{\"pad\":\"{}\"}}", "x".repeat(200 * 1024));
    let mut request = event_request(&big, Some("EV-8"), now, SECRET);
    request.headers_mut().insert("content-length", big.len().into());
    assert_eq!(send(request).await, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(stored_events(&state).await, 0, "nothing was stored");

    let refused: i64 =
        sqlx::query_scalar("SELECT CAST(SUM(1 + repeats) AS BIGINT) FROM audit_log WHERE event = 'case-event-refused'")
            .fetch_one(&state.db)
            .await
            .unwrap();
    assert_eq!(refused, 10, "each refusal recorded (the oversized one never reached the handler)");
    let mut staff = support::staff_browser(&app, &state, "virkailija@migri.fi", PASSWORD).await;
    let page = staff.page("/staff/operations").await;
    assert!(page.contains("For a case the portal does not know") && page.contains(">2<"), "{page}");
    assert!(!page.contains(&application), "no application's id on the page");

    // The right event is taken, and staff see it counted.
    let (status, body) = post_event(&app, &state, &serde_json::from_str(&good).unwrap()).await;
    assert_eq!((status, body.as_str()), (StatusCode::OK, r#"{"stored":true}"#));
    let page = staff.page("/staff/operations").await;
    assert!(page.contains("In processing"), "{page}");
}

/// Two instances (two portals on one database) given the same event at once store it once.
#[tokio::test]
async fn two_instances_given_the_same_event_store_it_once() {
    let sim = Simulator::start().await;
    let Received { app, state, application, case, .. } = received(&sim).await;
    let config = portal::server::config::Config { instance: "instance-b".into(), ..(*state.config).clone() };
    let other = portal::server::router(state.with(|s| s.config = Arc::new(config)));
    for n in 0..10 {
        let event = event(&format!("EV-{n}"), &application, &case, "in-processing", "2026-12-06T10:00:00Z");
        let (a, b) = tokio::join!(post_event(&app, &state, &event), post_event(&other, &state, &event));
        assert_eq!((a.0, b.0), (StatusCode::OK, StatusCode::OK));
        let stored = [a.1, b.1].iter().filter(|body| body.as_str() == r#"{"stored":true}"#).count();
        assert_eq!(stored, 1, "one of the two stored it");
    }
    assert_eq!(stored_events(&state).await, 10);
}
