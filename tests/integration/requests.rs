//! Requests for additional information, as the case handler makes them (the simulator's case
//! handler, the real program) and the applicant answers them: the task on the application's
//! pages, the mail that says there is something new, the date moved by an extension, the reply
//! sent once through the queue and received by the backend, a late reply taken and marked
//! late, and nobody else reaching the request.

use crate::sending::{received, Received, Simulator, SECRET};
use crate::support::{self, Browser};
use http::StatusCode;
use portal::server::queue;
use portal::server::requests::reply::ReplyJob;

/// The simulator's case handler sends an event about `case`, which the portal takes: the
/// event it sent.
pub(crate) async fn report(sim: &Simulator, case: &str, form: &[(&str, &str)]) -> serde_json::Value {
    let answer = report_answer(sim, case, form).await;
    assert_eq!(answer["status"], 200, "{answer}");
    answer["event"].clone()
}

/// The simulator's case handler sends an event about `case`: the portal's status and the
/// event.
pub(crate) async fn report_answer(sim: &Simulator, case: &str, form: &[(&str, &str)]) -> serde_json::Value {
    let url = format!("{}/control/cases/{case}/events", sim.url);
    let answer = reqwest::Client::new().post(url).form(form).send().await.unwrap().bytes().await.unwrap();
    serde_json::from_slice(&answer).unwrap()
}

/// The address of the one request on a sent page's task.
pub(crate) fn request_address(sent_page: &str) -> String {
    let at = sent_page.find("/requests/").expect("a request on the sent page");
    let start = sent_page[..at].rfind('"').unwrap() + 1;
    let end = at + sent_page[at..].find('"').unwrap();
    sent_page[start..end].to_string()
}

#[tokio::test]
async fn a_request_is_a_task_the_applicant_is_told_of_and_answers_once() {
    let sim = Simulator::start().await;
    let Received { app, state, mut browser, base, case, .. } = received(&sim).await;
    let before = support::mail(&state).await.len();

    let asked = [
        ("type", "additional-information-requested"),
        ("text", "Send your new passport."),
        ("documents", "passport-copy"),
        ("due", "2099-01-31"),
    ];
    let event = report(&sim, &case, &asked).await;
    // The same event again changes nothing and tells nobody twice.
    let body = event.to_string();
    let now = state.clock.now();
    let again = http::Request::post(portal::server::case_backend::contract::EVENTS_PATH)
        .header("content-type", "application/json")
        .header("idempotency-key", event["event_id"].as_str().unwrap())
        .header("portal-timestamp", now.to_string())
        .header("portal-signature", portal::server::case_backend::contract::sign(SECRET, now, body.as_bytes()))
        .body(axum::body::Body::from(body))
        .unwrap();
    assert_eq!(support::send(&app, again).await.status(), StatusCode::OK);
    let mail = support::mail(&state).await;
    assert_eq!(mail.len(), before + 1, "one message: {mail:?}");
    let news = mail.last().unwrap();
    assert_eq!(news.to, "hakija@example.fi");
    assert!(news.body.contains("portal.example.fi") && !news.body.contains("http"), "{}", news.body);

    let sent = browser.page(&format!("{base}/sent")).await;
    assert!(sent.contains("id=\"requests\"") && sent.contains("Answer by 31.1.2099"), "{sent}");
    let list = browser.page("/applications").await;
    assert!(list.contains("More information asked for"), "{list}");
    let address = request_address(&sent);
    let page = browser.page(&address).await;
    assert!(page.contains("Send your new passport.") && page.contains("id=\"request-documents\""), "{page}");

    // Nobody else reaches it.
    let mut stranger = support::applicant(&app, &state, "toinen@example.fi").await;
    assert_eq!(stranger.get(&address).await.0, StatusCode::NOT_FOUND);
    assert_eq!(stranger.post(&address, &[("reply", "x")]).await.0, StatusCode::NOT_FOUND);
    assert_eq!(Browser::new(&app).get(&address).await.0, StatusCode::SEE_OTHER, "to log in");

    // The deadline extended: the date moves.
    report(&sim, &case, &[("type", "request-deadline-extended"), ("due", "2099-02-28")]).await;
    assert!(browser.page(&address).await.contains("Answer by 28.2.2099"));

    // The passport asked for: a file that is not a document is refused like any attachment;
    // a PDF is taken for the request's slot.
    let slot = address.replace("/requests/", "/attachments/request-") + "-passport-copy";
    let (status, headers, _) = browser.post_files(&slot, &[("passi.html", b"<html><script>x</script></html>")]).await;
    assert_eq!((status, headers["location"].to_str().unwrap()), (StatusCode::SEE_OTHER, address.as_str()));
    let refused = browser.page(&address).await;
    assert!(refused.contains("The file is a web page, not a document."), "{refused}");
    let pdf = portal::server::attachments::content::samples::pdf("");
    // A file added by mistake is taken out before the reply.
    browser.post_files(&slot, &[("väärä.pdf", &pdf)]).await;
    let page = browser.page(&address).await;
    let at = page.find("/delete\"").expect("a file to remove");
    let delete = page[page[..at].rfind('"').unwrap() + 1..at + "/delete".len()].to_string();
    assert_eq!(stranger.post(&delete, &[]).await.0, StatusCode::NOT_FOUND);
    browser.post_to(&delete, &[], &address).await;
    assert!(!browser.page(&address).await.contains("väärä.pdf"));
    browser.post_files(&slot, &[("uusi passi.pdf", &pdf)]).await;
    assert!(browser.page(&address).await.contains("uusi passi.pdf"));
    assert_eq!(stranger.post_files(&slot, &[("x.pdf", &pdf)]).await.0, StatusCode::NOT_FOUND);

    // An empty reply is refused with its message; a reply goes once.
    browser.post_to(&address, &[("reply", "  ")], &address).await;
    assert!(browser.page(&address).await.contains("Write your reply"));
    browser.post_to(&address, &[("reply", "My new passport is on its way.")], &address).await;
    let answered = browser.page(&address).await;
    assert!(answered.contains("Your reply was sent") && answered.contains("You answered on"), "{answered}");
    browser.post_to(&address, &[("reply", "Again")], &address).await;
    assert!(browser.page(&address).await.contains("answered already"));
    assert_eq!(queue::run_until_idle(&state, &[ReplyJob::CODE]).await.unwrap(), 1);
    let replies: Vec<serde_json::Value> = sim.json("replies.json").await;
    assert_eq!(replies.len(), 1);
    assert_eq!(replies[0]["document"]["text"], "My new passport is on its way.");
    assert_eq!(replies[0]["document"]["late"], false);
    assert_eq!(replies[0]["document"]["request_id"], event["request"]["request_id"]);
    let files = replies[0]["document"]["attachments"].as_array().unwrap();
    assert_eq!(files.len(), 1, "the passport went with the reply");
    assert_eq!(files[0]["requirement"], "passport-copy");
    assert_eq!(replies[0]["attachments_verified"][files[0]["id"].as_str().unwrap()], true, "fetched, SHA-256 matching");
    // The request answered, its slot takes no more files and gives up none.
    browser.post_files(&slot, &[("toinen.pdf", &pdf)]).await;
    let page = browser.page(&address).await;
    assert!(!page.contains("toinen.pdf") && !page.contains("/delete\""), "{page}");
    let kept = &files[0]["id"].as_str().unwrap();
    browser.post_to(&format!("{base}/files/{kept}/delete"), &[], &address).await;
    assert!(browser.page(&address).await.contains("uusi passi.pdf"), "still there");
    let received: Option<i64> =
        sqlx::query_scalar("SELECT received_at FROM replies").fetch_one(&state.db).await.unwrap();
    assert!(received.is_some(), "the backend's receipt recorded");
    assert!(!browser.page(&format!("{base}/sent")).await.contains("id=\"requests\""), "no task left");
}

#[tokio::test]
async fn a_reply_after_the_date_is_taken_and_marked_late() {
    let sim = Simulator::start().await;
    let Received { state, mut browser, base, case, .. } = received(&sim).await;
    report(&sim, &case, &[("type", "additional-information-requested"), ("due", "2020-01-31")]).await;
    let sent = browser.page(&format!("{base}/sent")).await;
    assert!(sent.contains("has passed. You can still answer."), "{sent}");
    let address = request_address(&sent);
    browser.post_to(&address, &[("reply", "Sorry, I was away.")], &address).await;
    queue::run_until_idle(&state, &[ReplyJob::CODE]).await.unwrap();
    let replies: Vec<serde_json::Value> = sim.json("replies.json").await;
    assert_eq!(replies[0]["document"]["late"], true);
}

/// An unanswered request's applicant is reminded once, a few days before its last day (on
/// the portal's clock); an answered request is not.
#[tokio::test]
async fn an_unanswered_request_is_reminded_once_as_its_day_comes_near() {
    let sim = Simulator::start().await;
    let Received { state, mut browser, base, case, .. } = received(&sim).await;
    let due = state.clock.today().add_days(10);
    report(&sim, &case, &[("type", "additional-information-requested"), ("due", &due.iso())]).await;
    // A second request, answered at once, is not reminded of.
    report(&sim, &case, &[("type", "additional-information-requested"), ("due", &due.iso())]).await;
    let sent = browser.page(&format!("{base}/sent")).await;
    let answered = request_address(&sent);
    browser.post_to(&answered, &[("reply", "Done.")], &answered).await;
    let before = support::mail(&state).await.len();

    let remind = || portal::server::requests::remind(&state, 3);
    assert_eq!(remind().await.unwrap(), 0, "ten days left");
    state.clock.advance(8 * 86_400);
    assert_eq!(remind().await.unwrap(), 1, "two days left: the unanswered one");
    assert_eq!(remind().await.unwrap(), 0, "once");
    let mail = support::mail(&state).await;
    assert_eq!(mail.len(), before + 1);
    let reminder = mail.last().unwrap();
    assert!(reminder.body.contains(&due.display()) && !reminder.body.contains("http"), "{}", reminder.body);
}

/// A permanent permit's estimated decision dates (the published 8 and 15 months) run from the
/// start of processing and move on by the days a request waits for the applicant.
#[tokio::test]
async fn the_estimated_decision_dates_move_on_while_a_request_waits() {
    let sim = Simulator::start().await;
    let Received { state, mut browser, base, case, .. } = received(&sim).await;
    // The journey's helpers fill in a work permit, which has no published figure: the same
    // sent application, as a permanent permit's.
    sqlx::query("UPDATE applications SET kind = 'permanent', version = 1").execute(&state.db).await.unwrap();
    let sent = format!("{base}/sent");
    assert!(!browser.page(&sent).await.contains("sent-estimate"), "no estimate before processing starts");
    report(&sim, &case, &[("type", "in-processing")]).await;
    let started = state.clock.today();
    let (most, latest) = (started.add_months(8).display(), started.add_months(15).display());
    let page = browser.page(&sent).await;
    assert!(page.contains("id=\"sent-estimate\"") && page.contains(&most) && page.contains(&latest), "{page}");

    report(&sim, &case, &[("type", "additional-information-requested"), ("due", "2099-01-31")]).await;
    state.clock.advance(10 * 86_400);
    browser.log_in("hakija@example.fi", support::PASSWORD, "/account").await;
    let (most, latest) = (started.add_months(8).add_days(10).display(), started.add_months(15).add_days(10).display());
    let page = browser.page(&sent).await;
    assert!(page.contains(&most) && page.contains(&latest), "ten days waited: {page}");
}

/// Information sent on the applicant's own initiative: a request's page with no question and
/// no last day, its document slot checked like any, sent once through the queue without a
/// request id, and no task on the applicant's pages.
#[tokio::test]
async fn information_sent_unasked_reaches_the_case_without_a_request() {
    let sim = Simulator::start().await;
    let Received { app, state, mut browser, base, .. } = received(&sim).await;
    let sent = browser.page(&format!("{base}/sent")).await;
    assert!(sent.contains("Send more information"), "{sent}");
    let (status, headers, _) = browser.post(&format!("{base}/more"), &[]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let address = headers["location"].to_str().unwrap().to_string();
    assert!(address.starts_with(&format!("{base}/requests/")), "{address}");
    let (_, again, _) = browser.post(&format!("{base}/more"), &[]).await;
    assert_eq!(again["location"], address.as_str(), "the one being written, not another");
    let mut stranger = support::applicant(&app, &state, "toinen@example.fi").await;
    assert_eq!(stranger.post(&format!("{base}/more"), &[]).await.0, StatusCode::NOT_FOUND);
    assert_eq!(stranger.get(&address).await.0, StatusCode::NOT_FOUND);

    let page = browser.page(&address).await;
    assert!(page.contains("Your message") && !page.contains("request-due"), "{page}");
    assert!(!browser.page(&format!("{base}/sent")).await.contains("id=\"requests\""), "no task");
    let slot = address.replace("/requests/", "/attachments/request-") + "-additional-document";
    let pdf = portal::server::attachments::content::samples::pdf("");
    browser.post_files(&slot, &[("uusi osoite.pdf", &pdf)]).await;
    assert!(browser.page(&address).await.contains("uusi osoite.pdf"));
    browser.post_to(&address, &[("reply", "I have moved to Tampere.")], &address).await;
    let done = browser.page(&address).await;
    assert!(done.contains("The information was sent") && done.contains("You sent this on"), "{done}");
    assert_eq!(queue::run_until_idle(&state, &[ReplyJob::CODE]).await.unwrap(), 1);
    let replies: Vec<serde_json::Value> = sim.json("replies.json").await;
    assert_eq!(replies.len(), 1);
    let document = &replies[0]["document"];
    assert_eq!((document["request_id"].is_null(), document["late"].as_bool()), (true, Some(false)), "{document}");
    let files = document["attachments"].as_array().unwrap();
    assert_eq!((files.len(), files[0]["requirement"].as_str()), (1, Some("additional-document")));
    assert_eq!(replies[0]["attachments_verified"][files[0]["id"].as_str().unwrap()], true);
    // Sent: the next message is a new one.
    let (_, next, _) = browser.post(&format!("{base}/more"), &[]).await;
    assert_ne!(next["location"], address.as_str());
}
