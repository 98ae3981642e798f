//! Sending as an applicant does, against the project's case-backend simulator (the real
//! program, started here on a loopback port): the application moves to sent with its delivery
//! queued, the simulator stores it once with every attachment fetched and checked, and the
//! applicant sees it received. Then each way the backend can fail (an error, 503 with
//! Retry-After, a redirect, a hang, a reset, a cut answer, a bad signature, a clock outside the
//! tolerance), dead-lettering after the limit, a re-queue from the staff page, and mail that
//! waits for a mail server (aiosmtpd, a real one) to come back.

use crate::payments::{pay, ready_to_pay, serve_paying};
use crate::support::{self, Browser, PASSWORD};
use http::StatusCode;
use portal::server::case_backend::DeliveryJob;
use portal::server::case_backend::{contract, CaseBackend};
use portal::server::config::CaseBackendSettings;
use portal::server::mail::MailJob;
use portal::server::queue::{self, Backoff, Queue};
use portal::server::AppState;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

pub(crate) const SECRET: &str = "a shared secret of the case backend";

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

/// Waits (bounded) until something accepts connections on `port`.
async fn listening(port: u16) {
    for _ in 0..200 {
        if tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_ok() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("nothing listens on {port}");
}

/// The simulator, running until dropped.
pub(crate) struct Simulator {
    child: Child,
    pub(crate) url: String,
    http: reqwest::Client,
}

impl Simulator {
    pub(crate) async fn start() -> Simulator {
        let port = free_port();
        let child = Command::new(env!("CARGO_BIN_EXE_case-backend-sim"))
            .env("CASE_SIM_BIND", format!("127.0.0.1:{port}"))
            .env("CASE_SIM_SECRET", SECRET)
            .stdout(Stdio::null())
            .spawn()
            .expect("the simulator starts");
        listening(port).await;
        let http = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
        Simulator { child, url: format!("http://127.0.0.1:{port}"), http }
    }

    async fn fault(&self, mode: &str) {
        let set = self.http.post(format!("{}/control/fault", self.url)).form(&[("mode", mode)]).send().await.unwrap();
        assert!(set.status().is_redirection(), "{mode}: {}", set.status());
    }

    pub(crate) async fn counts(&self) -> serde_json::Value {
        self.json::<serde_json::Value>("stats.json").await["counts"].clone()
    }

    async fn cases(&self) -> Vec<serde_json::Value> {
        self.json("cases.json").await
    }

    pub(crate) async fn json<T: serde::de::DeserializeOwned>(&self, path: &str) -> T {
        let body = self.http.get(format!("{}/{path}", self.url)).send().await.unwrap().bytes().await.unwrap();
        serde_json::from_slice(&body).unwrap()
    }
}

impl Drop for Simulator {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Retries a tenth of a second apart: longer than one run of the queue, so that a run sees one
/// attempt of each job.
const BACKOFF: Backoff = Backoff { first: Duration::from_millis(100), longest: Duration::from_millis(200) };

/// How long the tests' deliveries are tried: the default.
const GIVE_UP: Duration = Duration::from_secs(72 * 3600);

/// The portal wired to `sim` with `secret`, with retries [`BACKOFF`] apart, a two-second
/// time limit, deliveries tried for [`GIVE_UP`] and staff warned after an hour.
pub(crate) async fn sending_portal(sim: &Simulator, secret: &str) -> (axum::Router, AppState) {
    sending_portal_with(sim, secret, |state, _| state).await
}

/// [`sending_portal`], with `adjust` changing the state last (it gets the portal's address).
pub(crate) async fn sending_portal_with(
    sim: &Simulator,
    secret: &str,
    adjust: impl FnOnce(AppState, std::net::SocketAddr) -> AppState,
) -> (axum::Router, AppState) {
    let url = sim.url.clone();
    let secret = secret.to_string();
    serve_paying(move |state, address| {
        let settings = CaseBackendSettings {
            url,
            secret: portal::server::config::Redacted(secret),
            timeout: Duration::from_secs(2),
            give_up: GIVE_UP,
            warn_after: Duration::from_secs(3600),
            files_url: format!("http://{address}"),
        };
        let state = state.with(|s| {
            s.case_backend = Some(Arc::new(CaseBackend::new(settings).unwrap()));
            s.queue = Queue::new(portal::server::jobs(), 4, Duration::from_secs(10), BACKOFF);
        });
        adjust(state, address)
    })
    .await
}

/// An applicant with a declared and paid application: the browser and its address.
pub(crate) async fn paid(app: &axum::Router, state: &AppState, email: &str) -> (Browser, String) {
    let (mut browser, base) = ready_to_pay(app, state, email).await;
    let back = pay(&mut browser, &base, "ok").await;
    browser.get(&back).await;
    (browser, base)
}

/// The confirmation of the application paid (and so sent) at `base`.
pub(crate) async fn send(browser: &mut Browser, base: &str) {
    let page = browser.page(&format!("{base}/sent")).await;
    assert!(page.contains("Application sent") && page.contains("sent-panel"), "{page}");
}

/// Runs the deliveries due, one at a time, once the backoff has passed.
/// An application sent and received: its portal wired to `sim`, the applicant's browser, the
/// application's address and public id, and its case id at the simulator.
pub(crate) struct Received {
    pub(crate) app: axum::Router,
    pub(crate) state: AppState,
    pub(crate) browser: Browser,
    pub(crate) base: String,
    pub(crate) application: String,
    pub(crate) case: String,
}

/// A paid application of `hakija@example.fi` sent and delivered to `sim`, which stored it.
pub(crate) async fn received(sim: &Simulator) -> Received {
    let (app, state) = sending_portal(sim, SECRET).await;
    let (mut browser, base) = paid(&app, &state, "hakija@example.fi").await;
    send(&mut browser, &base).await;
    assert_eq!(deliver(&state).await, 1);
    let (application, case) = sqlx::query_as("SELECT public_id, case_id FROM applications WHERE case_id IS NOT NULL")
        .fetch_one(&state.db)
        .await
        .unwrap();
    Received { app, state, browser, base, application, case }
}

pub(crate) async fn deliver(state: &AppState) -> u64 {
    tokio::time::sleep(BACKOFF.longest).await;
    queue::run_until_idle(state, &[DeliveryJob::CODE]).await.unwrap()
}

async fn delivery_row(state: &AppState) -> (String, i64, Option<String>) {
    sqlx::query_as("SELECT state, attempts, last_error FROM job_queue WHERE kind = 'delivery'")
        .fetch_one(&state.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_paid_application_is_sent_stored_once_with_its_files_and_shown_received() {
    let sim = Simulator::start().await;
    let (app, state) = sending_portal(&sim, SECRET).await;
    let (mut browser, base) = paid(&app, &state, "hakija@example.fi").await;
    let page = browser.page(&format!("{base}/payment")).await;
    assert!(page.contains("See the confirmation"), "the paid page leads on: {page}");
    send(&mut browser, &base).await;

    let sent = browser.page(&format!("{base}/sent")).await;
    assert!(sent.contains("Application sent") && sent.contains("within 3 months"), "{sent}");
    assert!(sent.contains("has not yet confirmed"), "not received before the delivery: {sent}");
    // B25: a link asks again (no page reloads itself), and the next steps still lie ahead.
    assert!(sent.contains(&format!(r#"id="sent-check-again" href="{base}/sent""#)), "{sent}");
    assert!(sent.contains("The Finnish Immigration Service receives your application."), "{sent}");
    assert_eq!(delivery_row(&state).await.0, "queued", "the state change and the outbox row in one");
    // A second send (another tab) changes nothing and queues nothing more.
    browser.post_to(&format!("{base}/send"), &[], &format!("{base}/sent")).await;

    assert_eq!(deliver(&state).await, 1);
    assert_eq!(delivery_row(&state).await, ("done".into(), 1, None));
    let cases = sim.cases().await;
    assert_eq!(cases.len(), 1);
    let case = &cases[0];
    let files = case["document"]["attachments"].as_array().unwrap();
    assert!(!files.is_empty(), "the application has attachments");
    assert!(case["attachments_verified"].as_object().unwrap().values().all(|ok| ok == true), "{case}");
    assert_eq!(case["attachments_verified"].as_object().unwrap().len(), files.len(), "every file fetched");
    assert_eq!(case["document"]["type"], "first-work");
    assert_eq!(case["idempotency_key"], case["document"]["id"]);
    let fetched: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM attachment_files WHERE fetched_at IS NOT NULL")
        .fetch_one(&state.db)
        .await
        .unwrap();
    assert_eq!(fetched, i64::try_from(files.len()).unwrap(), "the portal knows what was fetched");

    let list = browser.page("/applications").await;
    assert!(list.contains("Received"), "{list}");
    let sent = browser.page(&format!("{base}/sent")).await;
    assert!(sent.contains("received it on") && !sent.contains("sent-check-again"), "{sent}");
    assert!(sent.contains("The Finnish Immigration Service received your application on "), "{sent}");
    assert_eq!(sim.counts().await["stored"], 1);
}

/// After sending, the identity-visit pack: the place and the last day, the originals of what was
/// attached (the passport for its copy), the reference as text and as a QR code; the "sent"
/// message says where to find it. Only the application's own applicant sees it, and a draft
/// has none yet.
#[tokio::test]
async fn the_identity_visit_pack_lists_the_originals_to_bring() {
    let sim = Simulator::start().await;
    let (app, state) = sending_portal(&sim, SECRET).await;
    let (mut browser, base) = paid(&app, &state, "hakija@example.fi").await;
    send(&mut browser, &base).await;
    let sent = browser.page(&format!("{base}/sent")).await;
    assert!(sent.contains(&format!(r#"href="{base}/identity-visit""#)), "{sent}");

    let pack = browser.page(&format!("{base}/identity-visit")).await;
    let reference: String =
        sqlx::query_scalar("SELECT reference FROM applications").fetch_one(&state.db).await.unwrap();
    assert!(pack.contains(&format!(r#"id="visit-reference" class="pt-reference">{reference}<"#)), "{pack}");
    assert!(pack.contains("<svg") && pack.contains(&format!("QR code of the application reference {reference}")));
    let visit_by = state.clock.today().add_months(3).display();
    assert!(pack.contains(&format!("Visit it by {visit_by} to prove your identity")), "{pack}");
    let originals = &pack[pack.find(r#"id="visit-originals""#).unwrap()..];
    let originals = &originals[..originals.find("</ul>").unwrap()];
    assert!(originals.contains("Your passport") && originals.contains("The original of: Employment contract"));
    assert!(!originals.contains("Copy of the passport") && !originals.contains("permit card"), "{originals}");

    let mail = support::mail(&state).await;
    // In the applicant's language, Finnish.
    let told = mail.iter().find(|m| m.subject == "Hakemuksesi on lähetetty").expect("the sent message");
    assert!(told.body.contains("Kirjaudu palveluun nähdäksesi, mitä ottaa mukaan"), "{}", told.body);

    // Nobody else's; and a draft's pack says it follows sending.
    let mut other = support::applicant(&app, &state, "toinen@example.fi").await;
    let (status, _, _) = other.get(&format!("{base}/identity-visit")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let draft = support::start_draft(&mut other, "first-work").await;
    assert!(other.page(&format!("{draft}/identity-visit")).await.contains("has not been sent yet"));
}

/// A page of another site cannot switch the simulator's faults on in a developer's browser.
#[tokio::test]
async fn the_simulators_fault_switch_refuses_cross_site_posts() {
    let sim = Simulator::start().await;
    for (name, value) in [("origin", "http://evil.example"), ("sec-fetch-site", "cross-site")] {
        let set = sim.http.post(format!("{}/control/fault", sim.url)).header(name, value).form(&[("mode", "error")]);
        assert_eq!(set.send().await.unwrap().status(), StatusCode::FORBIDDEN, "{name}");
    }
    assert_eq!(sim.json::<serde_json::Value>("stats.json").await["fault"], "none");
    let own = sim.url.trim_start_matches("http://").to_string();
    let set = sim.http.post(format!("{}/control/fault", sim.url)).header("origin", format!("http://{own}"));
    assert!(set.form(&[("mode", "error")]).send().await.unwrap().status().is_redirection(), "its own page may");
}

#[tokio::test]
async fn sending_needs_the_fee_paid() {
    let sim = Simulator::start().await;
    let (app, state) = sending_portal(&sim, SECRET).await;
    let (mut browser, base) = ready_to_pay(&app, &state, "hakija@example.fi").await;
    assert!(browser.page(&format!("{base}/send")).await.contains("once your answers are confirmed and"));
    browser.post_to(&format!("{base}/send"), &[], &format!("{base}/payment")).await;
    let queued: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM job_queue").fetch_one(&state.db).await.unwrap();
    assert_eq!(queued, 0);
    // Another applicant cannot send it.
    let mut other = support::applicant(&app, &state, "toinen@example.fi").await;
    let (status, _, _) = other.post(&format!("{base}/send"), &[]).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

/// For each fault: the first delivery fails with its reason and is queued again; with the
/// backend mended, the retry delivers, and the simulator holds one case.
#[tokio::test]
async fn every_kind_of_backend_failure_is_retried_until_one_case_is_stored() {
    let sim = Simulator::start().await;
    let faults = [
        ("error", "backend-status 500"),
        ("unavailable", "backend-status 503"),
        ("redirect", "backend-redirect 307"),
        ("hang", "backend-timeout"),
        ("reset", "backend-"),
        ("partial", "answer-cut-off"),
    ];
    for (n, (mode, said)) in faults.into_iter().enumerate() {
        let (app, state) = sending_portal(&sim, SECRET).await;
        let (mut browser, base) = paid(&app, &state, &format!("hakija{n}@example.fi")).await;
        send(&mut browser, &base).await;
        sim.fault(mode).await;
        queue::run_until_idle(&state, &[DeliveryJob::CODE]).await.unwrap();
        let (row_state, attempts, error) = delivery_row(&state).await;
        let error = error.unwrap_or_default();
        assert_eq!((row_state.as_str(), attempts), ("queued", 1), "{mode}: {error}");
        assert!(error.contains(said), "{mode}: {error}");
        sim.fault("none").await;
        deliver(&state).await;
        assert_eq!(delivery_row(&state).await.0, "done", "{mode}");
        assert!(browser.page("/applications").await.contains("Received"), "{mode}");
    }
    let counts = sim.counts().await;
    assert_eq!(counts["stored"], 6, "one case per application: {counts}");
    assert_eq!(counts["duplicates"], 1, "the cut answer's retry found its case stored: {counts}");
    let keys: std::collections::BTreeSet<String> =
        sim.cases().await.iter().map(|case| case["idempotency_key"].as_str().unwrap().to_string()).collect();
    assert_eq!(keys.len(), 6);
}

/// A backend down for ten minutes, answering 503 with `Retry-After: 1`: every attempt fails,
/// none is the last (the old limit of 25 attempts ran out in under a minute), and the
/// application is received once the backend is back. The clock is moved on a minute at a time,
/// starting ten minutes back so that the signature is fresh again when the backend recovers
/// (the simulator's faults answer before it checks signatures).
#[tokio::test]
async fn a_backend_outage_of_ten_minutes_ends_received_with_no_dead_letter() {
    let sim = Simulator::start().await;
    let (app, state) = sending_portal(&sim, SECRET).await;
    state.clock.advance(-600);
    let (mut browser, base) = paid(&app, &state, "hakija@example.fi").await;
    send(&mut browser, &base).await;
    sim.fault("unavailable").await;
    for _ in 0..10 {
        queue::run_until_idle(&state, &[DeliveryJob::CODE]).await.unwrap();
        state.clock.advance(60);
    }
    queue::run_until_idle(&state, &[DeliveryJob::CODE]).await.unwrap();
    let (row_state, attempts, error) = delivery_row(&state).await;
    assert_eq!((row_state.as_str(), error.as_deref()), ("queued", Some("backend-status 503")), "{attempts}");
    assert!(attempts >= 10, "tried every minute: {attempts}");
    sim.fault("none").await;
    deliver(&state).await;
    assert_eq!(delivery_row(&state).await.0, "done");
    assert!(browser.page("/applications").await.contains("Received"));
    let dead: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM job_queue WHERE state = 'dead'").fetch_one(&state.db).await.unwrap();
    assert_eq!(dead, 0);
}

/// A delivery failing past the warning time is named to staff by its reference; past the time
/// it is tried for, it is dead-lettered, and staff can put it back.
#[tokio::test]
async fn after_the_give_up_time_a_delivery_is_dead_lettered_until_staff_put_it_back() {
    let sim = Simulator::start().await;
    let (app, state) = sending_portal(&sim, SECRET).await;
    // Sent 73 hours ago, so that the backend's signature check is fresh again at the end.
    state.clock.advance(-73 * 3600);
    let (mut browser, base) = paid(&app, &state, "hakija@example.fi").await;
    send(&mut browser, &base).await;
    sim.fault("error").await;
    for _ in 0..3 {
        deliver(&state).await;
    }
    assert_eq!(delivery_row(&state).await.0, "queued", "three failures are not the last");
    let reference: String =
        sqlx::query_scalar("SELECT reference FROM applications").fetch_one(&state.db).await.unwrap();
    let mut staff = support::staff_browser(&app, &state, "virkailija@migri.fi", PASSWORD).await;
    assert!(!staff.page("/staff/operations").await.contains("id=\"failing-long\""), "no warning yet");
    state.clock.advance(61 * 60);
    deliver(&state).await;
    // A new session each time the clock has jumped past the idle time.
    let mut staff = support::staff_browser(&app, &state, "virkailija1@migri.fi", PASSWORD).await;
    let page = staff.page("/staff/operations").await;
    assert!(page.contains("id=\"failing-long\"") && page.contains("over 60 minutes"), "{page}");
    assert!(page.contains(&format!("<li>{reference}</li>")), "the warning names the application: {page}");
    state.clock.advance(73 * 3600 - 61 * 60);
    deliver(&state).await;
    assert_eq!(
        delivery_row(&state).await.0,
        "dead",
        "tried for 72 hours (now 73 after the sending), then the dead letter"
    );

    let mut staff = support::staff_browser(&app, &state, "virkailija2@migri.fi", PASSWORD).await;
    let page = staff.page("/staff/operations").await;
    assert!(page.contains(&format!(">{reference}<")), "the failed job shows its application: {page}");
    assert!(page.contains("The case backend answered 500.") && page.contains("Put job"), "{page}");
    let page = staff.page("/staff/operations?lang=fi").await;
    assert!(page.contains("Asiankäsittelyjärjestelmä vastasi 500."), "the error in the page's language: {page}");
    assert!(!page.contains("hakija@example.fi"), "no applicant's data on the page");
    let id: i64 =
        sqlx::query_scalar("SELECT id FROM job_queue WHERE kind = 'delivery'").fetch_one(&state.db).await.unwrap();
    staff.post_to(&format!("/staff/operations/jobs/{id}/requeue"), &[], "/staff/operations").await;
    let audited: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE event = 'job-requeued' AND detail = $1")
            .bind(id.to_string())
            .fetch_one(&state.db)
            .await
            .unwrap();
    assert_eq!(audited, 1);
    // An applicant cannot.
    let (status, _, _) = browser.post(&format!("/staff/operations/jobs/{id}/requeue"), &[]).await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    sim.fault("none").await;
    deliver(&state).await;
    assert_eq!(delivery_row(&state).await.0, "done");
    assert_eq!(sim.counts().await["stored"], 1);
}

/// A payment recorded paid without the time it was paid (a record damaged by hand: a paid
/// state is only taken with its time) is sent by the Send button, but its document does not go
/// to the case backend with a stand-in time: the delivery waits and staff are told which field
/// is missing.
#[tokio::test]
async fn a_payment_record_without_its_time_stops_the_delivery_and_staff_see_why() {
    let sim = Simulator::start().await;
    let (app, state) = sending_portal(&sim, SECRET).await;
    let (mut browser, base) = ready_to_pay(&app, &state, "hakija@example.fi").await;
    let (status, _, _) = browser.post(&format!("{base}/payment"), &[]).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "an attempt at the provider");
    sqlx::query("UPDATE payments SET state = 'paid', paid_at = NULL").execute(&state.db).await.unwrap();
    browser.post_to(&format!("{base}/send"), &[], &format!("{base}/sent")).await;
    send(&mut browser, &base).await;

    assert_eq!(deliver(&state).await, 1);
    let (row_state, attempts, error) = delivery_row(&state).await;
    assert_eq!((row_state.as_str(), attempts), ("queued", 1), "it waits");
    assert!(error.as_deref().unwrap_or_default().starts_with("payment-record-incomplete"), "{error:?}");
    assert_eq!(sim.counts().await["stored"], 0, "nothing reached the backend");
    assert_eq!(sim.counts().await["refused_document"], 0, "not even tried");

    let mut staff = support::staff_browser(&app, &state, "virkailija@migri.fi", PASSWORD).await;
    let page = staff.page("/staff/operations").await;
    assert!(page.contains("The payment record has no paid_at"), "{page}");
}

#[tokio::test]
async fn a_bad_signature_or_a_clock_outside_the_tolerance_is_refused_and_dead_lettered() {
    let sim = Simulator::start().await;
    let (app, state) = sending_portal(&sim, "not the backend's secret at all").await;
    let (mut browser, base) = paid(&app, &state, "hakija@example.fi").await;
    send(&mut browser, &base).await;
    deliver(&state).await;
    let (row_state, _, error) = delivery_row(&state).await;
    assert_eq!((row_state.as_str(), error.as_deref()), ("dead", Some("backend-status 401")));
    assert_eq!(sim.counts().await["refused_signature"], 1);

    let (app, state) = sending_portal(&sim, SECRET).await;
    let (mut browser, base) = paid(&app, &state, "toinen@example.fi").await;
    send(&mut browser, &base).await;
    state.clock.advance(contract::TOLERANCE_SECONDS + 60);
    deliver(&state).await;
    assert_eq!(delivery_row(&state).await.0, "dead");
    let counts = sim.counts().await;
    assert_eq!((counts["refused_timestamp"].as_i64(), counts["stored"].as_i64()), (Some(1), Some(0)), "{counts}");
}

#[tokio::test]
async fn the_backend_alone_fetches_a_sent_applications_files() {
    let sim = Simulator::start().await;
    let (app, state) = sending_portal(&sim, SECRET).await;
    let (mut browser, base) = ready_to_pay(&app, &state, "hakija@example.fi").await;
    let file: String =
        sqlx::query_scalar("SELECT public_id FROM attachment_files LIMIT 1").fetch_one(&state.db).await.unwrap();
    let path = format!("{}/{file}", contract::FILES_PATH);
    let now = state.clock.now();
    let fetch = |path: String, signed_path: String, secret: &'static str| {
        let app = app.clone();
        async move {
            let signature = contract::sign(secret, now, &contract::fetch_message(&signed_path));
            let stamp = now.to_string();
            let headers =
                [(contract::TIMESTAMP_HEADER, stamp.as_str()), (contract::SIGNATURE_HEADER, signature.as_str())];
            support::get_page(&app, &path, &headers).await.0
        }
    };
    assert_eq!(fetch(path.clone(), path.clone(), SECRET).await, StatusCode::NOT_FOUND, "not sent yet");
    let back = pay(&mut browser, &base, "ok").await;
    browser.get(&back).await;
    send(&mut browser, &base).await;
    assert_eq!(fetch(path.clone(), path.clone(), SECRET).await, StatusCode::OK);
    assert_eq!(fetch(path.clone(), path.clone(), "another secret entirely").await, StatusCode::UNAUTHORIZED);
    let other = format!("{}/other", contract::FILES_PATH);
    assert_eq!(fetch(path.clone(), other, SECRET).await, StatusCode::UNAUTHORIZED, "signed for another file");
    let (status, _, _) = Browser::new(&app).get(&path).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "unsigned");
}

#[tokio::test]
async fn registration_succeeds_while_the_mail_server_is_down_and_the_mail_goes_once_it_is_back() {
    let Ok(python) = std::env::var("PORTAL_TEST_AIOSMTPD") else {
        panic!("PORTAL_TEST_AIOSMTPD must name the Python of aiosmtpd (scripts/smtp.sh, run by scripts/test.sh)");
    };
    let port = free_port();
    let (_, state) = support::portal_for_one_client().await;
    let mailer =
        portal::server::mail::Mailer::smtp(&format!("smtp://127.0.0.1:{port}"), "no-reply@example.fi", None).unwrap();
    let state = state.with(|s| {
        s.mailer = std::sync::Arc::new(mailer);
        s.queue = Queue::new(portal::server::jobs(), 4, Duration::from_secs(30), BACKOFF);
    });
    let app = portal::server::router(state.clone());

    let mut visitor = Browser::new(&app);
    let fields = [("email", "uusi@example.fi"), ("password", PASSWORD), ("role", "applicant")];
    visitor.post_to("/register", &fields, "/verify").await;
    queue::run_until_idle(&state, &[MailJob::CODE]).await.unwrap();
    let (waiting, error): (String, Option<String>) =
        sqlx::query_as("SELECT state, last_error FROM job_queue WHERE kind = 'mail'")
            .fetch_one(&state.db)
            .await
            .unwrap();
    assert_eq!(waiting, "queued", "the message waits: {error:?}");
    assert!(error.unwrap_or_default().starts_with("mail-unavailable"));

    // A maildir aiosmtpd makes itself (with its tmp, new and cur).
    let maildir = support::scratch_dir("mail").join("maildir");
    let mut server = Command::new(python)
        .args(["-m", "aiosmtpd", "-n", "-l", &format!("127.0.0.1:{port}"), "-c", "aiosmtpd.handlers.Mailbox"])
        .arg(&maildir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("aiosmtpd starts");
    listening(port).await;
    tokio::time::sleep(BACKOFF.longest).await;
    queue::run_until_idle(&state, &[MailJob::CODE]).await.unwrap();
    let _ = server.kill();
    let _ = server.wait();
    let done: (String, Option<String>) = sqlx::query_as("SELECT state, last_error FROM job_queue WHERE kind = 'mail'")
        .fetch_one(&state.db)
        .await
        .unwrap();
    assert_eq!(done, ("done".into(), None));
    let delivered: Vec<_> = std::fs::read_dir(maildir.join("new")).unwrap().collect();
    assert_eq!(delivered.len(), 1, "one message, once");
    let message = std::fs::read_to_string(delivered[0].as_ref().unwrap().path()).unwrap();
    assert!(message.contains("uusi@example.fi"), "{message}");
    let code = support::code_in(&message.replace("=\r\n", "").replace("=\n", ""));
    visitor.post_to("/verify", &[("code", &code)], "/applications").await;
}

#[tokio::test]
async fn the_worker_delivers_by_itself_reports_metrics_and_stops_when_told() {
    let sim = Simulator::start().await;
    let (app, state) = sending_portal(&sim, SECRET).await;
    let (stop, stopping) = tokio::sync::watch::channel(false);
    let worker = tokio::spawn(queue::run(state.clone(), stopping));
    let (mut browser, base) = paid(&app, &state, "hakija@example.fi").await;
    send(&mut browser, &base).await;
    for _ in 0..100 {
        if delivery_row(&state).await.0 == "done" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(delivery_row(&state).await.0, "done", "the bell woke the worker");

    // The metrics, on a listener of their own.
    let port = free_port();
    let bind = format!("127.0.0.1:{port}").parse().unwrap();
    tokio::spawn(portal::server::metrics::serve(state.clone(), bind).await.unwrap());
    let text = reqwest::get(format!("http://127.0.0.1:{port}/metrics")).await.unwrap().text().await.unwrap();
    assert!(text.contains("portal_jobs_done_last_hour{kind=\"delivery\"} 1"), "{text}");
    assert!(text.contains("portal_jobs_waiting{kind=\"delivery\"} 0"), "{text}");
    assert!(text.contains("portal_applications_awaiting_receipt 0"), "{text}");
    let (status, _, _) = support::get_page(&app, "/metrics", &[]).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "not on the public listener");
    // A client that never finishes its request is cut off after the listener's header time.
    let mut dawdler = tokio::net::TcpStream::connect(("127.0.0.1", port)).await.unwrap();
    tokio::io::AsyncWriteExt::write_all(&mut dawdler, b"GET /metrics HTTP/1.1\r\nHost: x\r\nX-Slow: ").await.unwrap();
    let mut rest = Vec::new();
    let closed = tokio::time::timeout(
        portal::server::metrics::LIMITS.header_read * 3,
        tokio::io::AsyncReadExt::read_to_end(&mut dawdler, &mut rest),
    );
    assert!(closed.await.is_ok(), "the metrics listener kept a dawdling client");

    stop.send(true).unwrap();
    tokio::time::timeout(Duration::from_secs(5), worker).await.expect("the worker stops").unwrap();
}

/// An instance that claimed a delivery and then died holds it only until its lease runs out:
/// another instance's worker leaves it alone until then, takes it over once the (moved) clock
/// passes the lease, and delivers it once; the first instance's late word on its old claim
/// changes nothing.
#[tokio::test]
async fn another_instance_takes_over_a_delivery_whose_lease_ran_out() {
    let sim = Simulator::start().await;
    let (app, first) = sending_portal(&sim, SECRET).await;
    let (mut browser, base) = paid(&app, &first, "hakija@example.fi").await;
    send(&mut browser, &base).await;
    let lease = first.queue.lease;
    let claimed = queue::claim(&first.db, &first.clock, "instance-a", &[DeliveryJob::CODE], lease).await.unwrap();
    let abandoned = claimed.expect("the delivery is claimed");
    // instance-a dies here, its claim held. instance-b shares the database and the clock.
    let config = portal::server::config::Config { instance: "instance-b".into(), ..(*first.config).clone() };
    let second = first.with(|s| s.config = Arc::new(config));
    assert_eq!(queue::run_until_idle(&second, &[DeliveryJob::CODE]).await.unwrap(), 0, "leased to instance-a");

    let (stop, stopping) = tokio::sync::watch::channel(false);
    let worker = tokio::spawn(queue::run(second.clone(), stopping));
    second.clock.advance(i64::try_from(lease.as_secs()).unwrap() + 1);
    second.queue.ring();
    for _ in 0..200 {
        if delivery_row(&second).await.0 == "done" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    stop.send(true).unwrap();
    tokio::time::timeout(Duration::from_secs(5), worker).await.expect("the worker stops").unwrap();
    assert_eq!(delivery_row(&second).await, ("done".into(), 2, None), "taken over as a second attempt");
    let by: String = sqlx::query_scalar("SELECT claimed_by FROM job_queue WHERE kind = 'delivery'")
        .fetch_one(&second.db)
        .await
        .unwrap();
    assert_eq!(by, "instance-b");

    let late = queue::Outcome::Retry { error: queue::JobError::new("backend-timeout"), after: None };
    queue::finish(&first.db, &first.clock, &abandoned, &late, BACKOFF).await.unwrap();
    assert_eq!(delivery_row(&first).await, ("done".into(), 2, None), "the old claim's word changes nothing");
    assert_eq!(sim.counts().await["stored"], 1, "one case");
    assert_eq!(sim.cases().await.len(), 1);
}

#[tokio::test]
async fn a_sent_applications_files_and_answers_go_when_their_retention_ends() {
    let sim = Simulator::start().await;
    let (app, state) = sending_portal(&sim, SECRET).await;
    let (mut browser, base) = paid(&app, &state, "hakija@example.fi").await;
    send(&mut browser, &base).await;
    let files = |state: AppState| async move {
        sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM attachment_files").fetch_one(&state.db).await.unwrap()
    };
    let before = files(state.clone()).await;
    let keys: Vec<String> =
        sqlx::query_scalar("SELECT storage_key FROM attachment_files").fetch_all(&state.db).await.unwrap();
    assert_eq!(keys.len(), usize::try_from(before).unwrap());
    let remove_unnamed = |state: AppState| async move {
        portal::server::attachments::remove_unnamed(&state.db, &state.clock, state.storage.as_ref(), &[]).await.unwrap()
    };
    let grace = Duration::from_secs(72 * 3600);
    assert_eq!(
        portal::server::attachments::files::forget_fetched(&state.db, &state.clock, grace).await.unwrap(),
        0,
        "not fetched yet"
    );
    deliver(&state).await;
    assert_eq!(
        portal::server::attachments::files::forget_fetched(&state.db, &state.clock, grace).await.unwrap(),
        0,
        "within the grace"
    );
    state.clock.advance(72 * 3600 + 1);
    assert_eq!(remove_unnamed(state.clone()).await, 0, "files a row names stay");
    assert_eq!(
        portal::server::attachments::files::forget_fetched(&state.db, &state.clock, grace).await.unwrap(),
        u64::try_from(before).unwrap()
    );
    assert_eq!(files(state.clone()).await, 0);
    // The clean-up, on the portal's clock, then takes the files themselves from the storage
    // (the data directory, or the object store in the test command's second pass).
    assert_eq!(remove_unnamed(state.clone()).await, u64::try_from(before).unwrap());
    for key in &keys {
        assert!(state.storage.get(key).await.is_err(), "the file {key} is gone from the storage");
    }
    assert_eq!(support::stored_files(&state).await, 0);

    assert_eq!(
        portal::server::applications::drafts::forget_received_answers(&state.db, &state.clock, 90).await.unwrap(),
        0,
        "kept 90 days"
    );
    state.clock.advance(90 * 86_400);
    assert_eq!(
        portal::server::applications::drafts::forget_received_answers(&state.db, &state.clock, 90).await.unwrap(),
        1
    );
    assert_eq!(
        portal::server::applications::drafts::forget_received_answers(&state.db, &state.clock, 90).await.unwrap(),
        0,
        "once"
    );
    let answers: String =
        sqlx::query_scalar("SELECT CAST(answers AS TEXT) FROM applications").fetch_one(&state.db).await.unwrap();
    assert!(!answers.contains("surname"), "{answers}");
    // The session ran out in those 90 days: signed in again, the applicant still sees it.
    let mut browser = Browser::new(&app);
    browser.log_in("hakija@example.fi", PASSWORD, "/account").await;
    let list = browser.page("/applications").await;
    assert!(list.contains("Received"), "the list still shows it: {list}");
}
