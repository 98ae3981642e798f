//! Paying the fee as an applicant does and as an attacker would: the portal listens on a
//! loopback port, and its Paytrail client orders from its own built-in test provider there (as
//! a local run does); the browser's return and the provider's callback come in either order,
//! twenty at once, or not at all (a closed tab); tampered, stale, re-priced and unknown
//! messages are refused and logged; a late success of a superseded attempt is flagged for
//! refund.

use crate::support::{self, Browser, PUBLIC_URL};
use http::{header, StatusCode};
use portal::server::payments::{provider::Paytrail, signature};
use portal::server::{router, AppState};
use std::sync::Arc;

/// The portal with its payment client ordering from its own test provider over a real socket.
async fn paying_portal() -> (axum::Router, AppState) {
    serve_paying(|state, _| {
        // The fees asserted here are those of a day pinned in 2026, whatever today is.
        let pinned = portal::domain::date::Date::new(2026, 6, 1).unwrap().days_since_epoch() * 86_400 + 12 * 3600;
        state.clock.advance(pinned - state.clock.now());
        state
    })
    .await
}

/// The same, with `adjust` changing the state first (it gets the portal's socket address).
pub(crate) async fn serve_paying(
    adjust: impl FnOnce(AppState, std::net::SocketAddr) -> AppState,
) -> (axum::Router, AppState) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let (_, state) = support::portal_for_one_client().await;
    let keys = state.test_provider.clone().expect("the tests pay with the test provider");
    let base = format!("http://{address}/test-provider");
    let client = Paytrail::new(&base, &keys.merchant, &keys.secret, state.clock.clone()).unwrap();
    let state = adjust(state.with(|s| s.payments = Arc::new(client)), address);
    let app = router(state.clone());
    let serving = app.clone();
    tokio::spawn(async move { axum::serve(listener, serving).await });
    (app, state)
}

/// An applicant whose work-permit application is declared and waiting for its fee: the browser
/// and the application's address.
pub(crate) async fn ready_to_pay(app: &axum::Router, state: &AppState, email: &str) -> (Browser, String) {
    let mut browser = support::applicant(app, state, email).await;
    let (_, headers, _) = browser.post("/apply/first-work", &[]).await;
    let first = headers[header::LOCATION].to_str().unwrap().to_string();
    let base = crate::applications::complete(&mut browser, &portal::forms::catalogue::FIRST_WORK, &first).await;
    browser.post_to(&format!("{base}/declaration"), &[("confirm", "yes")], &format!("{base}/payment")).await;
    (browser, base)
}

fn local(url: &str) -> String {
    url.strip_prefix(PUBLIC_URL).unwrap_or(url).to_string()
}

/// Pays: "Pay" on the payment page, then `choice` on the provider's page. Returns the signed
/// address the browser is sent back to.
pub(crate) async fn pay(browser: &mut Browser, base: &str, choice: &str) -> String {
    let (status, headers, body) = browser.post(&format!("{base}/payment"), &[]).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{body}");
    let hosted = local(headers[header::LOCATION].to_str().unwrap());
    assert!(hosted.starts_with("/test-provider/pay/"), "{hosted}");
    let page = browser.page(&hosted).await;
    assert!(page.contains("€750.00") && page.contains("Test payment"), "{page}");
    let (status, headers, _) = browser.post(&hosted, &[("choice", choice)]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    local(headers[header::LOCATION].to_str().unwrap())
}

/// The callback address of the same attempt and report as the browser's `back` address.
fn callback_of(back: &str) -> String {
    back.replacen("/return?", "/callback?", 1)
}

async fn audited(state: &AppState, event: &str) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE event = $1")
        .bind(event)
        .fetch_one(&state.db)
        .await
        .unwrap()
}

async fn paid_attempts(state: &AppState) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM payments WHERE state = 'paid'").fetch_one(&state.db).await.unwrap()
}

#[tokio::test]
async fn the_callback_before_the_return_and_the_return_alone_both_end_paid() {
    let (app, state) = paying_portal().await;
    let (mut browser, base) = ready_to_pay(&app, &state, "hakija@example.fi").await;
    let page = browser.page(&format!("{base}/payment")).await;
    assert!(page.contains("Pay €750.00") && page.contains("Legal basis:"), "{page}");
    let back = pay(&mut browser, &base, "ok").await;
    // The provider's callback first, then the browser.
    let (status, _, _) = browser.get(&callback_of(&back)).await;
    assert_eq!(status, StatusCode::OK);
    let (status, headers, _) = browser.get(&back).await;
    assert_eq!(
        (status, headers[header::LOCATION].to_str().unwrap()),
        (StatusCode::SEE_OTHER, format!("{base}/payment").as_str())
    );
    let page = browser.page(&format!("{base}/payment")).await;
    assert!(page.contains("The fee has been paid") && page.contains("The fee of €750.00 was paid on"), "{page}");
    assert!(!page.contains("Pay €750.00"), "no second payment is offered");
    assert!(browser.page(&base).await.contains("Completed"), "the task list says it is paid");
    // "Pay" again changes nothing.
    browser.post_to(&format!("{base}/payment"), &[], &format!("{base}/payment")).await;
    assert_eq!((paid_attempts(&state).await, audited(&state, "payment-paid").await), (1, 1));
    // The receipt: reference, what for, how much, when, who, and the legal basis.
    let receipt = browser.page(&format!("{base}/receipt")).await;
    let reference: String = sqlx::query_scalar("SELECT reference FROM payments").fetch_one(&state.db).await.unwrap();
    // The payer by the names the applicant gave (B30), not "You".
    for part in [
        reference.as_str(),
        "First residence permit, employed person",
        "€750.00",
        ">VIRTANEN VIRTANEN<",
        "Legal basis:",
    ] {
        assert!(receipt.contains(part), "{part}: {receipt}");
    }
    // Paid by an employer instead: `employer::an_employer_pays_the_fee_it_was_asked_to_pay_…`.

    // Another applicant: the browser comes back, and no callback ever arrives.
    let (mut other, base) = ready_to_pay(&app, &state, "toinen@example.fi").await;
    let back = pay(&mut other, &base, "ok").await;
    other.get(&back).await;
    assert!(other.page(&format!("{base}/payment")).await.contains("was paid on"));
    assert_eq!(paid_attempts(&state).await, 2);
}

#[tokio::test]
async fn twenty_identical_callbacks_at_once_make_one_paid_transition() {
    let (app, state) = paying_portal().await;
    let (mut browser, base) = ready_to_pay(&app, &state, "hakija@example.fi").await;
    let callback = callback_of(&pay(&mut browser, &base, "ok").await);
    let calls: Vec<_> = (0..20)
        .map(|_| {
            let (app, callback) = (app.clone(), callback.clone());
            tokio::spawn(async move { support::get_page(&app, &callback, &[]).await.0 })
        })
        .collect();
    for call in calls {
        assert_eq!(call.await.unwrap(), StatusCode::OK);
    }
    assert_eq!(paid_attempts(&state).await, 1);
    assert_eq!(audited(&state, "payment-paid").await, 1, "exactly one transition to paid");
}

/// `back` with its parameter `name` set to `value` (added if missing), signed again with the
/// provider's real secret: a message the provider could have signed, about another order.
fn re_signed(state: &AppState, back: &str, name: &str, value: &str) -> String {
    let (path, query) = back.split_once('?').unwrap();
    let mut params: Vec<(String, String)> =
        form_urlencoded::parse(query.as_bytes()).into_owned().filter(|(n, _)| n != "signature").collect();
    match params.iter_mut().find(|(n, _)| n == name) {
        Some(param) => param.1 = value.to_string(),
        None => params.push((name.to_string(), value.to_string())),
    }
    signed(state, path, params)
}

/// `path` with `params` and their signature by the provider's real secret.
fn signed(state: &AppState, path: &str, mut params: Vec<(String, String)>) -> String {
    let secret = &state.test_provider.as_ref().unwrap().secret;
    let signature = signature::sign(secret, params.iter().map(|(n, v)| (n.as_str(), v.as_str())), "");
    params.push(("signature".into(), signature));
    format!("{path}?{}", form_urlencoded::Serializer::new(String::new()).extend_pairs(params).finish())
}

/// `back` with the timestamp's name swallowing its value up to the first `:`; its signature
/// unchanged, since each signed line is `name:value`.
fn timestamp_renamed(back: &str) -> String {
    let (path, query) = back.split_once('?').unwrap();
    let params: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .map(|(name, value)| match (name.as_str(), value.split_once(':')) {
            ("checkout-timestamp", Some((head, tail))) => (format!("{name}:{head}"), tail.to_string()),
            _ => (name, value),
        })
        .collect();
    format!("{path}?{}", form_urlencoded::Serializer::new(String::new()).extend_pairs(params).finish())
}

/// `back` without its parameter `name`, signed again with the provider's real secret.
fn without(state: &AppState, back: &str, name: &str) -> String {
    let (path, query) = back.split_once('?').unwrap();
    let params =
        form_urlencoded::parse(query.as_bytes()).into_owned().filter(|(n, _)| n != "signature" && n != name).collect();
    signed(state, path, params)
}

#[tokio::test]
async fn tampered_unsigned_stale_re_priced_and_unknown_messages_are_refused_and_logged() {
    let (app, state) = paying_portal().await;
    let (mut browser, base) = ready_to_pay(&app, &state, "hakija@example.fi").await;
    let back = pay(&mut browser, &base, "ok").await;
    let callback = callback_of(&back);
    let tampered = callback.replace("checkout-amount=75000", "checkout-amount=100");
    let unsigned = callback.split("&signature=").next().unwrap().to_string();
    let cases = [
        ("bad-signature", tampered),
        ("bad-signature", unsigned),
        ("mismatch", re_signed(&state, &callback, "checkout-amount", "100")),
        ("mismatch", re_signed(&state, &callback, "checkout-currency", "SEK")),
        ("mismatch", re_signed(&state, &callback, "checkout-reference", "AAAAA-BBBBB")),
        ("stale", re_signed(&state, &callback, "checkout-timestamp", "2026-01-01T00:00:00.000Z")),
        ("unknown", re_signed(&state, &callback, "checkout-stamp", "0000").replacen(&callback[10..42], "0000", 1)),
        // The timestamp's name taking part of its value: the signed text is the same, and
        // the freshness check used to find no timestamp and skip itself.
        ("malformed", timestamp_renamed(&callback)),
        ("malformed", without(&state, &callback, "checkout-timestamp")),
        ("malformed", re_signed(&state, &callback, "checkout-extra", "1")),
    ];
    for (reason, message) in &cases {
        let (status, _, _) = browser.get(message).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{reason}: {message}");
        let logged: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE event = 'payment-refused' AND detail = $1")
                .bind(reason)
                .fetch_one(&state.db)
                .await
                .unwrap();
        assert!(logged >= 1, "{reason} is logged");
    }
    assert_eq!(paid_attempts(&state).await, 0, "nothing refused was taken");
    // The browser's tampered return says the payment could not be confirmed.
    let (_, headers, _) = browser.get(&back.replace("checkout-amount=75000", "checkout-amount=100")).await;
    assert_eq!(headers[header::LOCATION], format!("{base}/payment"));
    assert!(browser.page(&format!("{base}/payment")).await.contains("could not be confirmed"));
    // The real message still counts.
    browser.get(&back).await;
    assert_eq!(paid_attempts(&state).await, 1);
}

/// Anyone can send a payment message: a flood of refused ones from one address writes that
/// client's share of rows, with its address, and counts the rest on them.
#[tokio::test]
async fn a_flood_of_refused_payment_messages_is_counted_not_written_row_by_row() {
    let (app, state) = paying_portal().await;
    let (mut browser, base) = ready_to_pay(&app, &state, "hakija@example.fi").await;
    let back = pay(&mut browser, &base, "ok").await;
    let tampered = callback_of(&back).replace("checkout-amount=75000", "checkout-amount=100");
    for _ in 0..120 {
        let mut request = http::Request::get(local(&tampered)).body(axum::body::Body::empty()).unwrap();
        request
            .extensions_mut()
            .insert(axum::extract::ConnectInfo(std::net::SocketAddr::from(([192, 0, 2, 7], 40000))));
        assert_eq!(support::read(support::send(&app, request).await).await.0, StatusCode::BAD_REQUEST);
    }
    let rows: Vec<(Option<String>, i64)> =
        sqlx::query_as("SELECT client, repeats FROM audit_log WHERE event = 'payment-refused'")
            .fetch_all(&state.db)
            .await
            .unwrap();
    assert_eq!(rows.len(), portal::server::audit::ROWS_PER_CLIENT_A_MINUTE as usize, "{rows:?}");
    assert!(rows.iter().all(|(client, _)| client.as_deref() == Some("192.0.2.7")), "each with its client: {rows:?}");
    assert_eq!(rows.iter().map(|(_, repeats)| repeats).sum::<i64>(), 110);
}

#[tokio::test]
async fn a_failed_payment_says_so_and_a_new_attempt_can_start() {
    let (app, state) = paying_portal().await;
    let (mut browser, base) = ready_to_pay(&app, &state, "hakija@example.fi").await;
    let back = pay(&mut browser, &base, "cancel").await;
    browser.get(&back).await;
    let page = browser.page(&format!("{base}/payment")).await;
    assert!(page.contains("cancelled or did not go through") && page.contains("Pay €750.00"), "{page}");
    let back = pay(&mut browser, &base, "ok").await;
    browser.get(&back).await;
    assert!(browser.page(&format!("{base}/payment")).await.contains("was paid on"));
    let states: Vec<String> =
        sqlx::query_scalar("SELECT state FROM payments ORDER BY id").fetch_all(&state.db).await.unwrap();
    assert_eq!(states, ["failed", "paid"]);
}

/// The test provider decides once: "pay" pressed after "fail" (another tab, Back) is sent back
/// as the failure it was, never signed as a success.
#[tokio::test]
async fn the_test_provider_keeps_its_first_decision() {
    let (app, state) = paying_portal().await;
    let (mut browser, base) = ready_to_pay(&app, &state, "hakija@example.fi").await;
    let (_, headers, _) = browser.post(&format!("{base}/payment"), &[]).await;
    let hosted = local(headers[header::LOCATION].to_str().unwrap());
    browser.post(&hosted, &[("choice", "fail")]).await;
    let (status, headers, _) = browser.post(&hosted, &[("choice", "ok")]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let again = local(headers[header::LOCATION].to_str().unwrap());
    assert!(again.contains("checkout-status=fail"), "{again}");
    browser.get(&again).await;
    assert_eq!(paid_attempts(&state).await, 0);
}

/// Each new attempt is an order at the provider: five, then the translated "too many" page.
#[tokio::test]
async fn starting_new_payments_is_limited() {
    let (app, state) = paying_portal().await;
    let (mut browser, base) = ready_to_pay(&app, &state, "hakija@example.fi").await;
    let mut statuses = Vec::new();
    for _ in 0..7 {
        statuses.push(browser.post(&format!("{base}/payment"), &[("anew", "1")]).await.0);
    }
    assert_eq!(statuses[..5], [StatusCode::SEE_OTHER; 5]);
    assert_eq!(statuses[5..], [StatusCode::TOO_MANY_REQUESTS; 2]);
    let orders: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM test_provider_payments").fetch_one(&state.db).await.unwrap();
    assert_eq!(orders, 5);
}

/// Paid means sent: a confirmed payment queues the application's delivery on its own
/// transaction, whether the payer came back or closed the tab (the portal then asks the
/// provider, or the provider's callback comes), and the list, the task list and the payment page
/// agree that it is sent.
#[tokio::test]
async fn a_confirmed_payment_sends_the_application_with_no_further_click() {
    let (app, state) = paying_portal().await;
    for (n, came_back) in [true, false].into_iter().enumerate() {
        let (mut browser, base) = ready_to_pay(&app, &state, &format!("hakija{n}@example.fi")).await;
        let back = pay(&mut browser, &base, "ok").await;
        if came_back {
            browser.get(&back).await;
        }
        let page = browser.page(&format!("{base}/payment")).await;
        assert!(page.contains("was sent to the Finnish Immigration Service when the fee was paid"), "{page}");
        assert!(page.contains("See the confirmation") && !page.contains("Continue to sending"), "{page}");
        let public_id = base.rsplit('/').next().unwrap();
        let (application_state, deliveries): (String, i64) = sqlx::query_as(
            "SELECT a.state, (SELECT COUNT(*) FROM job_queue j WHERE j.dedup_key = 'delivery:' || a.public_id)
             FROM applications a WHERE a.public_id = $1",
        )
        .bind(public_id)
        .fetch_one(&state.db)
        .await
        .unwrap();
        assert_eq!((application_state.as_str(), deliveries), ("sent", 1), "came back: {came_back}");
        let list = browser.page("/applications").await;
        assert!(list.contains(">Sent<") && !list.contains("Waiting for payment"), "{list}");
        assert!(list.contains("Sent ") && !list.contains("Saved "), "the list says when it was sent (B30): {list}");
        assert!(browser.page(&base).await.contains("Completed"), "the task list agrees");
        assert!(browser.page(&format!("{base}/sent")).await.contains("Application sent"));
    }
    // Each applicant's mailbox confirms it (B32): no reference, name or link in the message.
    let references: Vec<String> =
        sqlx::query_scalar("SELECT reference FROM applications").fetch_all(&state.db).await.unwrap();
    let sent: Vec<_> =
        support::mail(&state).await.into_iter().filter(|mail| mail.subject == "Hakemuksesi on lähetetty").collect();
    assert_eq!(
        sent.iter().map(|mail| mail.to.as_str()).collect::<Vec<_>>(),
        ["hakija0@example.fi", "hakija1@example.fi"]
    );
    for mail in sent {
        assert!(mail.body.contains("hakemuksesi lähetettiin Maahanmuuttovirastoon"), "{}", mail.body);
        assert!(
            !mail.body.contains("http") && !references.iter().any(|r| mail.body.contains(r.as_str())),
            "{}",
            mail.body
        );
    }
}

#[tokio::test]
async fn a_closed_tab_finds_the_true_state_and_a_late_success_of_a_superseded_attempt_is_flagged() {
    let (app, state) = paying_portal().await;
    let (mut browser, base) = ready_to_pay(&app, &state, "hakija@example.fi").await;
    // Paid at the provider, and the tab closed: neither the return nor a callback came.
    let (_, headers, _) = browser.post(&format!("{base}/payment"), &[]).await;
    let first = local(headers[header::LOCATION].to_str().unwrap());
    let page = browser.page(&format!("{base}/payment")).await;
    assert!(page.contains("Your payment has been started") && page.contains("Continue the payment"), "{page}");
    assert!(!page.contains("Do not pay again"), "not reported on its way: {page}");
    // A new attempt in place of the open one: the first is cancelled (the provider says it is
    // unpaid), the second is paid.
    let (_, headers, _) = browser.post(&format!("{base}/payment"), &[("anew", "1")]).await;
    let second = local(headers[header::LOCATION].to_str().unwrap());
    assert_ne!(first, second);
    browser.post(&second, &[("choice", "ok")]).await;
    // Coming back later: the page asks the provider, and shows the payment as paid.
    assert!(browser.page(&format!("{base}/payment")).await.contains("was paid on"));
    // The first attempt is paid too, late (another tab): recorded, flagged for refund.
    let (_, headers, _) = browser.post(&first, &[("choice", "ok")]).await;
    let late = local(headers[header::LOCATION].to_str().unwrap());
    browser.get(&callback_of(&late)).await;
    // The payer, back from that tab, is told it was a second payment and will be refunded (B22).
    browser.get(&late).await;
    let page = browser.page(&format!("{base}/payment")).await;
    assert!(page.contains("this second payment will be refunded") && page.contains("within 14 days"), "{page}");
    let rows: Vec<(String, i64)> =
        sqlx::query_as("SELECT state, refund_due FROM payments ORDER BY id").fetch_all(&state.db).await.unwrap();
    assert_eq!(rows, [("paid".to_string(), 1), ("paid".to_string(), 0)]);
    assert_eq!(audited(&state, "payment-refund-due").await, 1);
    assert_eq!(audited(&state, "payment-paid").await, 1);
    // Staff see it to refund: the reference and the provider's transaction, nothing personal.
    let reference: String =
        sqlx::query_scalar("SELECT reference FROM payments WHERE refund_due = 1").fetch_one(&state.db).await.unwrap();
    let mut staff = support::visitor(&app, &state, Some(portal::server::accounts::users::Role::Staff)).await;
    let page = staff.page("/staff").await;
    assert!(page.contains("Payments to refund") && page.contains(&reference), "{page}");
}

#[tokio::test]
async fn an_attempt_left_unpaid_past_its_time_expires_and_a_new_one_can_start() {
    let (app, state) = paying_portal().await;
    let (mut browser, base) = ready_to_pay(&app, &state, "hakija@example.fi").await;
    browser.post(&format!("{base}/payment"), &[]).await;
    // Two hours later, the provider still says "new": the attempt has expired.
    state.clock.advance(2 * 3600);
    browser.log_in("hakija@example.fi", support::PASSWORD, "/account").await;
    let page = browser.page(&format!("{base}/payment")).await;
    assert!(page.contains("was not completed in time") && page.contains("Pay €750.00"), "{page}");
    let back = pay(&mut browser, &base, "ok").await;
    browser.get(&back).await;
    let states: Vec<String> =
        sqlx::query_scalar("SELECT state FROM payments ORDER BY id").fetch_all(&state.db).await.unwrap();
    assert_eq!(states, ["expired", "paid"]);
}

/// B22, B26: a payment the provider is still confirming says not to pay again, and offers no
/// button to pay; a failure is a warning, not a plain sentence; once paid, the page's title
/// says so, and the reference is not a second green panel.
#[tokio::test]
async fn each_payment_state_looks_its_own() {
    let (app, state) = paying_portal().await;
    let (mut browser, base) = ready_to_pay(&app, &state, "hakija@example.fi").await;
    let back = pay(&mut browser, &base, "fail").await;
    browser.get(&back).await;
    let page = browser.page(&format!("{base}/payment")).await;
    assert!(page.contains(r#"id="payment-outcome" class="pt-warning-text""#), "{page}");
    assert!(!page.contains("pt-panel"), "no green panel for a failure: {page}");

    let back = pay(&mut browser, &base, "later").await;
    browser.get(&back).await;
    let page = browser.page(&format!("{base}/payment")).await;
    assert!(page.contains("We are waiting for the payment provider to confirm your payment"), "{page}");
    assert!(page.contains("Do not pay again."), "{page}");
    assert!(!page.contains("Continue the payment") && !page.contains("Pay €750.00"), "nothing to pay with: {page}");
    assert!(page.contains("<title>Pay the processing fee"), "{page}");

    // Confirmed by the provider's callback, a few seconds later.
    let paid = async {
        for _ in 0..300 {
            let page = browser.clone().page(&format!("{base}/payment")).await;
            if page.contains("was paid on") {
                return page;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        panic!("the later payment was never confirmed");
    };
    let page = paid.await;
    assert!(
        page.contains("<title>Processing fee paid")
            && page.contains("<h1 class=\"pt-heading-xl\">Processing fee paid</h1>"),
        "{page}"
    );
    assert!(!page.contains("pt-panel"), "one green notice at most, the banner right after paying: {page}");
}

/// The applicant's data download holds every feature's part: the applications, their
/// attachments (what each file is) and their payments.
#[tokio::test]
async fn the_data_download_has_the_attachments_and_the_payments() {
    let (app, state) = paying_portal().await;
    let (mut browser, base) = ready_to_pay(&app, &state, "hakija@example.fi").await;
    let back = pay(&mut browser, &base, "ok").await;
    browser.get(&back).await;
    let (status, _, body) = browser.get("/account/data.json").await;
    assert_eq!(status, StatusCode::OK);
    let data: serde_json::Value = serde_json::from_str(&body).unwrap();
    let reference: String = sqlx::query_scalar("SELECT reference FROM payments").fetch_one(&state.db).await.unwrap();
    let payments = data["payments"].as_array().expect("payments in the download");
    assert_eq!(payments.len(), 1, "{data}");
    assert_eq!(
        (payments[0]["reference"].as_str(), payments[0]["state"].as_str()),
        (Some(reference.as_str()), Some("paid"))
    );
    assert_eq!(payments[0]["amount_cents"], 75_000);
    let files = data["attachments"].as_array().expect("attachments in the download");
    assert!(!files.is_empty(), "{data}");
    assert!(files.iter().all(|file| file["application"].as_str() == Some(reference.as_str())), "{data}");
    assert!(files.iter().any(|file| file["attachment"] == "passport-copy" && file["name"] == "scan.pdf"), "{data}");
}
