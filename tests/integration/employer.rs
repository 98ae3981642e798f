//! The employer's part of a work-based application, through the real router, the built-in
//! e-Authorizations test server and the case-backend simulator: an applicant shares a sent
//! application with the employer's Business ID; a user acting for that organisation (and only
//! that one) sees the task — name, date of birth, reference, state — fills in the terms of
//! employment, warned below the income threshold in force on the day, attaches what the
//! answers call for and sends; the terms reach the case of the application, their file
//! fetched and matching; the applicant sees them arrive. Withdrawing the consent before the
//! employer starts removes the task.

use crate::applications::complete_with;
use crate::mandates::{asking_itself, choose, signed_in_employer};
use crate::payments::pay;
use crate::sending::{deliver, sending_portal_with, Simulator, SECRET};
use crate::support::{self, Browser, PASSWORD};
use http::{header, StatusCode};
use portal::forms::catalogue::{EMPLOYMENT_TERMS, FIRST_WORK};
use portal::server::case_backend::TermsDeliveryJob;
use portal::server::AppState;

/// Demo Oy, which the test server lets 131052-308T act for.
const DEMO_OY: &str = "2077474-0";

/// The portal wired to the simulator, asking its own e-Authorizations test server, served at
/// `origin`.
struct Portal {
    app: axum::Router,
    state: AppState,
    origin: String,
}

async fn portal(sim: &Simulator) -> Portal {
    let mut served = None;
    let (app, state) = sending_portal_with(sim, SECRET, |state, address| {
        served = Some(address);
        asking_itself(state, address)
    })
    .await;
    Portal { app, state, origin: format!("http://{}", served.expect("the portal is served")) }
}

/// An applicant's work-permit application that names Demo Oy, with the consent to share it,
/// paid, sent and received by the simulator: the applicant's browser and the application's
/// address.
async fn shared(portal: &Portal, email: &str) -> (Browser, String) {
    let mut browser = support::applicant(&portal.app, &portal.state, email).await;
    let (_, headers, _) = browser.post("/apply/first-work", &[]).await;
    let first = headers[header::LOCATION].to_str().unwrap().to_string();
    let sharing = [("employer-business-id", DEMO_OY), ("employer-consent", "yes")];
    let base = complete_with(&mut browser, &FIRST_WORK, &first, &sharing).await;
    browser.post_to(&format!("{base}/declaration"), &[("confirm", "yes")], &format!("{base}/payment")).await;
    let back = pay(&mut browser, &base, "ok").await;
    browser.get(&back).await;
    assert_eq!(deliver(&portal.state).await, 1, "the application reaches its case");
    (browser, base)
}

/// An employer `email` of identity `identity`, acting for `business_id` as the test server
/// allowed.
async fn acting(portal: &Portal, email: &str, identity: &str, business_id: &str) -> Browser {
    let mut browser = signed_in_employer(&portal.app, &portal.state, email, identity).await;
    let back = choose(&mut browser, &portal.origin, business_id, "allowed").await;
    browser.get(&back).await;
    let home = browser.page("/employer").await;
    assert!(home.contains(&format!("({business_id})")), "{home}");
    browser
}

async fn reference_of(state: &AppState, base: &str) -> String {
    sqlx::query_scalar("SELECT reference FROM applications WHERE public_id = $1")
        .bind(base.trim_start_matches("/applications/"))
        .fetch_one(&state.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn an_employer_gives_the_terms_of_its_employees_application_and_sees_nothing_else() {
    let sim = Simulator::start().await;
    let portal = portal(&sim).await;
    let (mut applicant, base) = shared(&portal, "hakija@example.fi").await;
    let reference = reference_of(&portal.state, &base).await;
    let sent = applicant.page(&format!("{base}/sent")).await;
    assert!(sent.contains("Waiting for your employer (Business ID 2077474-0)"), "{sent}");
    assert!(sent.contains("Withdraw my consent"), "{sent}");

    let mut other = acting(&portal, "toinen@yritys.fi", "100190Y999P", "1572860-0").await;
    let mut employer = acting(&portal, "tyonantaja@example.fi", "131052-308T", DEMO_OY).await;
    let home = employer.page("/employer").await;
    assert!(home.contains("Terms of employment for VIRTANEN VIRTANEN"), "{home}");
    assert!(home.contains(&format!("Born 13.10.1952. Application {reference}.")), "{home}");
    assert!(!home.contains("maria@example.fi") && !home.contains("131052-308T"), "nothing else of the answers");
    let id = base.trim_start_matches("/applications/");
    let task = format!("/employer/tasks/{id}");
    let page = employer.page(&task).await;
    assert!(page.contains("Received") && page.contains("Needed"), "the application's state only: {page}");

    // Another organisation: no task, and 404 for the task, the application and its pages.
    assert!(!other.page("/employer").await.contains(&reference));
    let file: String = sqlx::query_scalar(
        "SELECT f.public_id FROM attachment_files f JOIN applications a ON a.id = f.application_id
         WHERE a.public_id = $1 LIMIT 1",
    )
    .bind(id)
    .fetch_one(&portal.state.db)
    .await
    .unwrap();
    let applicants_pages =
        [base.clone(), format!("{base}/sent"), format!("{base}/check"), format!("{base}/files/{file}")];
    for path in applicants_pages.iter().chain([&task]) {
        assert_eq!(other.get(path).await.0, StatusCode::NOT_FOUND, "{path}");
    }
    assert_eq!(other.post(&task, &[]).await.0, StatusCode::NOT_FOUND);
    // Its own employer never gets the answers, the files, the receipt or the decision.
    for path in &applicants_pages {
        assert_eq!(employer.get(path).await.0, StatusCode::NOT_FOUND, "{path}");
    }
    for path in [format!("{base}/decision"), format!("{base}/receipt"), format!("{base}/payment")] {
        assert_eq!(employer.get(&path).await.0, StatusCode::FORBIDDEN, "{path}");
    }

    // The terms start with the kind of permit, from the application.
    let (status, headers, _) = employer.post(&task, &[]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let terms = headers[header::LOCATION].to_str().unwrap().to_string();
    assert!(employer.page(&format!("{terms}/check")).await.contains("Employed person"));
    assert!(!applicant.page(&format!("{base}/sent")).await.contains("Withdraw my consent"), "started: too late");
    assert_eq!(other.get(&terms).await.0, StatusCode::NOT_FOUND, "nor the other organisation's to see");

    // Below the income threshold: a warning that names it and its date.
    let low = [("monthly-salary", "1500"), ("weekly-hours", "37,5"), ("collective-agreement", "no")];
    let (_, headers, _) = employer.post(&format!("{terms}/steps/pay"), &low).await;
    assert_eq!(headers[header::LOCATION], format!("{terms}/steps/terms-salary-low").as_str());
    let warning = employer.page(&format!("{terms}/steps/terms-salary-low")).await;
    assert!(warning.contains("at least €1,600 a month (the threshold in force since 1.1.2025)"), "{warning}");
    // Corrected, it goes on; the rest filled in: a young company attaches an account of its
    // finances.
    let corrected = [("monthly-salary", "2100"), ("weekly-hours", "37,5"), ("collective-agreement", "no")];
    employer.post_to(&format!("{terms}/steps/pay"), &corrected, &format!("{terms}/steps/duration")).await;
    let done =
        complete_with(&mut employer, &EMPLOYMENT_TERMS, &format!("{terms}/steps/filler"), &[("young-company", "yes")])
            .await;
    assert_eq!(done, terms);
    employer.post_to(&format!("{terms}/declaration"), &[("confirm", "yes")], &format!("{terms}/sent")).await;
    assert!(employer.page(&format!("{terms}/sent")).await.contains("The terms of employment have been sent"));
    assert!(employer.page(&task).await.contains("Sent"));

    // The terms reach the application's case, linked by its reference, their file matching.
    assert_eq!(portal::server::queue::run_until_idle(&portal.state, &[TermsDeliveryJob::CODE]).await.unwrap(), 1);
    let kept: Vec<serde_json::Value> = sim.json("employment-terms.json").await;
    assert_eq!(kept.len(), 1);
    let case: String = sqlx::query_scalar("SELECT case_id FROM applications WHERE public_id = $1")
        .bind(id)
        .fetch_one(&portal.state.db)
        .await
        .unwrap();
    let document = &kept[0]["document"];
    assert_eq!(
        (document["application_reference"].as_str(), document["case_id"].as_str(), document["organisation"].as_str()),
        (Some(reference.as_str()), Some(case.as_str()), Some(DEMO_OY))
    );
    assert_eq!(document["attachments"][0]["requirement"], "financial-statements");
    assert_eq!(kept[0]["attachments_verified"].as_object().unwrap().values().collect::<Vec<_>>(), [&true]);
    assert!(document.to_string().contains("\"monthly-salary\":\"50000\""), "{document}");

    // The applicant sees the employer's part arrive; the employer sees it received.
    let sent = applicant.page(&format!("{base}/sent")).await;
    assert!(sent.contains("part arrived at the Finnish Immigration Service on"), "{sent}");
    assert!(employer.page(&task).await.contains("Received by the Finnish Immigration Service"));
}

#[tokio::test]
async fn withdrawing_the_consent_before_the_employer_starts_removes_the_task() {
    let sim = Simulator::start().await;
    let portal = portal(&sim).await;
    let (mut first, first_base) = shared(&portal, "hakija@example.fi").await;
    let (mut second, second_base) = shared(&portal, "toinen@example.fi").await;
    let (first_ref, second_ref) =
        (reference_of(&portal.state, &first_base).await, reference_of(&portal.state, &second_base).await);
    let mut employer = acting(&portal, "tyonantaja@example.fi", "131052-308T", DEMO_OY).await;
    let home = employer.page("/employer").await;
    assert!(home.contains(&first_ref) && home.contains(&second_ref), "{home}");

    // Not started: withdrawn, and the task is gone.
    let consent = format!("{first_base}/employer-consent");
    first.post_to(&consent, &[], &format!("{first_base}/sent")).await;
    let sent = first.page(&format!("{first_base}/sent")).await;
    assert!(sent.contains("Your consent was withdrawn") && !sent.contains("employer-part-title"), "{sent}");
    assert!(!employer.page("/employer").await.contains(&first_ref));
    let task = format!("/employer/tasks/{}", first_base.trim_start_matches("/applications/"));
    assert_eq!(employer.get(&task).await.0, StatusCode::NOT_FOUND);
    assert_eq!(first.post(&consent, &[]).await.0, StatusCode::NOT_FOUND, "nothing left to withdraw");

    // Started: too late here; the task stays.
    let task = format!("/employer/tasks/{}", second_base.trim_start_matches("/applications/"));
    assert_eq!(employer.post(&task, &[]).await.0, StatusCode::SEE_OTHER);
    second.post_to(&format!("{second_base}/employer-consent"), &[], &format!("{second_base}/sent")).await;
    assert!(second.page(&format!("{second_base}/sent")).await.contains("already started"));
    assert!(employer.page("/employer").await.contains(&second_ref));
}

#[tokio::test]
async fn the_terms_warn_below_the_threshold_in_force_on_the_day() {
    let (app, state) = support::portal_for_one_client().await;
    let mut staff = support::staff_browser(&app, &state, "virkailija@example.fi", PASSWORD).await;
    let base = "/staff/preview/employment-terms";
    // Ten minutes before midnight, 31 December 2025 (UTC).
    let new_years_eve = portal::domain::date::Date::new(2025, 12, 31).unwrap().days_since_epoch() * 86_400;
    state.clock.advance(new_years_eve + 23 * 3600 + 50 * 60 - state.clock.now());
    staff
        .post_to(
            &format!("{base}/steps/terms-permit"),
            &[("permit-type", "specialist")],
            &format!("{base}/steps/occupation"),
        )
        .await;
    let pay = [("monthly-salary", "3900"), ("weekly-hours", "40"), ("collective-agreement", "no")];
    staff.post_to(&format!("{base}/steps/pay"), &pay, &format!("{base}/steps/duration")).await;
    assert!(!staff.page(base).await.contains("exit-banner"), "enough on 31.12.2025 (€3,827)");

    state.clock.advance(20 * 60);
    assert!(staff.page(base).await.contains("exit-banner"), "short of €3,937 on 1.1.2026");
    let warning = staff.page(&format!("{base}/steps/terms-specialist-salary-low")).await;
    assert!(warning.contains("at least €3,937 a month (the threshold in force since 1.1.2026)"), "{warning}");
}

#[tokio::test]
async fn an_employer_pays_the_fee_it_was_asked_to_pay_and_the_receipt_names_the_organisation() {
    let sim = Simulator::start().await;
    let portal = portal(&sim).await;
    let mut applicant = support::applicant(&portal.app, &portal.state, "hakija@example.fi").await;
    let (_, headers, _) = applicant.post("/apply/first-work", &[]).await;
    let first = headers[header::LOCATION].to_str().unwrap().to_string();
    let sharing = [("employer-business-id", DEMO_OY), ("employer-consent", "yes")];
    let base = complete_with(&mut applicant, &FIRST_WORK, &first, &sharing).await;
    applicant.post_to(&format!("{base}/declaration"), &[("confirm", "yes")], &format!("{base}/payment")).await;
    let id = base.trim_start_matches("/applications/").to_string();
    let task = format!("/employer/tasks/{id}");
    let mut employer = acting(&portal, "tyonantaja@example.fi", "131052-308T", DEMO_OY).await;
    assert_eq!(employer.get(&task).await.0, StatusCode::NOT_FOUND, "not sent, not asked: no task");

    // The applicant asks the employer to pay: the application waits for the organisation.
    let payment_page = applicant.page(&format!("{base}/payment")).await;
    assert!(payment_page.contains("Ask my employer to pay"), "{payment_page}");
    applicant.post_to(&format!("{base}/employer-pays"), &[], &format!("{base}/payment")).await;
    assert!(applicant.page(&format!("{base}/payment")).await.contains("You asked your employer"));
    let page = employer.page(&task).await;
    assert!(page.contains("€750.00") && page.contains("Pay the fee"), "{page}");
    let mut other = acting(&portal, "toinen@yritys.fi", "100190Y999P", "1572860-0").await;
    assert_eq!(other.post(&format!("{task}/pay"), &[]).await.0, StatusCode::NOT_FOUND);

    // The employer pays through the provider, the production client against its test server.
    let (status, headers, _) = employer.post(&format!("{task}/pay"), &[]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let hosted = headers[header::LOCATION].to_str().unwrap().replace(&portal.origin, "");
    let hosted = hosted.strip_prefix(support::PUBLIC_URL).unwrap_or(&hosted).to_string();
    assert!(employer.page(&hosted).await.contains("€750.00"));
    let (_, headers, _) = employer.post(&hosted, &[("choice", "ok")]).await;
    let back = headers[header::LOCATION].to_str().unwrap().to_string();
    let back = back.strip_prefix(support::PUBLIC_URL).unwrap_or(&back).to_string();
    let (status, headers, _) = employer.get(&back).await;
    assert_eq!(
        (status, &headers[header::LOCATION]),
        (StatusCode::SEE_OTHER, &task.parse::<http::HeaderValue>().unwrap())
    );
    assert!(employer.page(&task).await.contains("Needed"), "paid, so sent: the terms are needed now");

    // Paid, the application was sent; the applicant's receipt names the organisation only.
    assert_eq!(deliver(&portal.state).await, 1);
    assert!(applicant.page(&format!("{base}/payment")).await.contains("Your employer paid the fee."));
    let receipt = applicant.page(&format!("{base}/receipt")).await;
    assert!(receipt.contains("Your employer (Business ID 2077474-0)"), "{receipt}");
    assert!(!receipt.contains("tyonantaja@example.fi"), "never the employer's user");
    let cases: Vec<serde_json::Value> = sim.json("cases.json").await;
    let payment = &cases[0]["document"]["payment"];
    assert_eq!((payment["payer"].as_str(), payment["organisation"].as_str()), (Some("organisation"), Some(DEMO_OY)));
}

#[tokio::test]
async fn a_fast_track_application_cannot_be_left_to_the_employer_to_pay() {
    let sim = Simulator::start().await;
    let portal = portal(&sim).await;
    let mut applicant = support::applicant(&portal.app, &portal.state, "hakija@example.fi").await;
    let (_, headers, _) = applicant.post("/apply/first-work", &[]).await;
    let first = headers[header::LOCATION].to_str().unwrap().to_string();
    let specialist = [("employer-business-id", DEMO_OY), ("employer-consent", "yes"), ("work-type", "specialist")];
    let base = complete_with(&mut applicant, &FIRST_WORK, &first, &specialist).await;
    applicant.post_to(&format!("{base}/declaration"), &[("confirm", "yes")], &format!("{base}/payment")).await;
    assert!(!applicant.page(&format!("{base}/payment")).await.contains("Ask my employer to pay"));
    applicant.post_to(&format!("{base}/employer-pays"), &[], &format!("{base}/payment")).await;
    assert!(applicant.page(&format!("{base}/payment")).await.contains("fast track"));
    let mut employer = acting(&portal, "tyonantaja@example.fi", "131052-308T", DEMO_OY).await;
    let task = format!("/employer/tasks/{}", base.trim_start_matches("/applications/"));
    assert_eq!(employer.get(&task).await.0, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn identical_terms_for_three_employees_are_filled_in_once_and_sent_as_three_documents() {
    let sim = Simulator::start().await;
    let portal = portal(&sim).await;
    let mut bases = Vec::new();
    for email in ["yksi@example.fi", "kaksi@example.fi", "kolme@example.fi"] {
        bases.push(shared(&portal, email).await.1);
    }
    let ids: Vec<&str> = bases.iter().map(|base| base.trim_start_matches("/applications/")).collect();
    let mut employer = acting(&portal, "tyonantaja@example.fi", "131052-308T", DEMO_OY).await;
    assert!(employer.page("/employer").await.contains("The same terms for several employees"));

    // One is not enough; a refusal keeps the choice.
    employer.post_to("/employer/bulk", &[("task", ids[0])], "/employer").await;
    assert!(employer.page("/employer").await.contains("Choose at least two employees"));
    // Another organisation's user cannot bundle these.
    let mut other = acting(&portal, "toinen@yritys.fi", "100190Y999P", "1572860-0").await;
    other.post_to("/employer/bulk", &[("task", ids[0]), ("task", ids[1])], "/employer").await;

    let chosen: Vec<(&str, &str)> = ids.iter().map(|id| ("task", *id)).collect();
    let (status, headers, _) = employer.post("/employer/bulk", &chosen).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let lead = headers[header::LOCATION].to_str().unwrap().to_string();
    for id in &ids {
        let page = employer.page(&format!("/employer/tasks/{id}")).await;
        assert!(page.contains("Started, not sent") && page.contains(&format!("href=\"{lead}\"")), "{page}");
    }
    let done =
        complete_with(&mut employer, &EMPLOYMENT_TERMS, &format!("{lead}/steps/filler"), &[("young-company", "yes")])
            .await;
    assert_eq!(done, lead);
    employer.post_to(&format!("{lead}/declaration"), &[("confirm", "yes")], &format!("{lead}/sent")).await;

    // Three documents, one per application, each with its own id and reference, the same terms
    // and the same file.
    assert_eq!(portal::server::queue::run_until_idle(&portal.state, &[TermsDeliveryJob::CODE]).await.unwrap(), 3);
    let kept: Vec<serde_json::Value> = sim.json("employment-terms.json").await;
    assert_eq!(kept.len(), 3);
    let mut references = Vec::new();
    for base in &bases {
        references.push(reference_of(&portal.state, base).await);
    }
    for reference in &references {
        let one =
            kept.iter().find(|k| k["document"]["application_reference"] == reference.as_str()).expect("its terms");
        assert_eq!(one["document"]["sections"], kept[0]["document"]["sections"]);
        assert_eq!(one["attachments_verified"].as_object().unwrap().values().collect::<Vec<_>>(), [&true]);
    }
    let ids_sent: std::collections::BTreeSet<&str> =
        kept.iter().map(|k| k["document"]["id"].as_str().unwrap()).collect();
    let refs_sent: std::collections::BTreeSet<&str> =
        kept.iter().map(|k| k["document"]["reference"].as_str().unwrap()).collect();
    assert_eq!((ids_sent.len(), refs_sent.len()), (3, 3));
    for id in &ids {
        assert!(employer
            .page(&format!("/employer/tasks/{id}"))
            .await
            .contains("Received by the Finnish Immigration Service"));
    }
}

#[tokio::test]
async fn the_organisations_users_are_reminded_once_of_terms_still_needed() {
    let sim = Simulator::start().await;
    let portal = portal(&sim).await;
    let (_, base) = shared(&portal, "hakija@example.fi").await;
    let _employer = acting(&portal, "tyonantaja@example.fi", "131052-308T", DEMO_OY).await;
    let before = support::mail(&portal.state).await.len();
    let remind = || portal::server::organisations::remind(&portal.state, 7);
    assert_eq!(remind().await.unwrap(), 0, "sent today");
    portal.state.clock.advance(7 * 86_400);
    assert_eq!(remind().await.unwrap(), 1, "a week without the terms");
    assert_eq!(remind().await.unwrap(), 0, "once");
    let mail = support::mail(&portal.state).await;
    assert_eq!(mail.len(), before + 1);
    let reminder = mail.last().unwrap();
    assert_eq!(reminder.to, "tyonantaja@example.fi");
    let reference = reference_of(&portal.state, &base).await;
    for secret in [reference.as_str(), "VIRTANEN", "http", "hakija@example.fi"] {
        assert!(!reminder.body.contains(secret), "{secret}: {}", reminder.body);
    }
}

#[tokio::test]
async fn a_request_to_the_employer_is_answered_by_the_organisation_and_never_shown_to_the_applicant() {
    let sim = Simulator::start().await;
    let portal = portal(&sim).await;
    let (mut applicant, base) = shared(&portal, "hakija@example.fi").await;
    let case: String = sqlx::query_scalar("SELECT case_id FROM applications WHERE public_id = $1")
        .bind(base.trim_start_matches("/applications/"))
        .fetch_one(&portal.state.db)
        .await
        .unwrap();
    let for_employer = [
        ("type", "additional-information-requested"),
        ("text", "Send the company's budget for this year."),
        ("documents", "financial-statements"),
        ("due", "2099-01-31"),
        ("addressee", "employer"),
    ];
    // Before the employer's part has arrived, a request to the employer is refused.
    let refused = crate::requests::report_answer(&sim, &case, &for_employer).await;
    assert_eq!(refused["status"], 422, "{refused}");

    let mut employer = acting(&portal, "tyonantaja@example.fi", "131052-308T", DEMO_OY).await;
    let task = format!("/employer/tasks/{}", base.trim_start_matches("/applications/"));
    let (_, headers, _) = employer.post(&task, &[]).await;
    let terms = headers[header::LOCATION].to_str().unwrap().to_string();
    complete_with(&mut employer, &EMPLOYMENT_TERMS, &format!("{terms}/steps/filler"), &[("young-company", "yes")])
        .await;
    employer.post_to(&format!("{terms}/declaration"), &[("confirm", "yes")], &format!("{terms}/sent")).await;
    portal::server::queue::run_until_idle(&portal.state, &[TermsDeliveryJob::CODE]).await.unwrap();
    let before = support::mail(&portal.state).await.len();

    crate::requests::report(&sim, &case, &for_employer).await;
    let mail = support::mail(&portal.state).await;
    assert_eq!(mail.len(), before + 1);
    assert_eq!(mail.last().unwrap().to, "tyonantaja@example.fi", "the organisation's user is told, not the applicant");
    assert!(mail.last().unwrap().subject.starts_with("Organisaatiollesi"), "to the organisation: {:?}", mail.last());
    assert!(!applicant.page(&format!("{base}/sent")).await.contains("id=\"requests\""), "not the applicant's task");
    let sent = employer.page(&format!("{terms}/sent")).await;
    assert!(sent.contains("id=\"requests\"") && sent.contains("31.1.2099"), "{sent}");
    let address = crate::requests::request_address(&sent);
    assert!(employer.page(&address).await.contains("budget for this year"));
    assert!(employer.page(&task).await.contains("id=\"employer-request\""), "the task says a request waits");
    assert_eq!(applicant.get(&address).await.0, StatusCode::NOT_FOUND);

    // The employer answers with text and the document asked for.
    let slot = address.replace("/requests/", "/attachments/request-") + "-financial-statements";
    let pdf = portal::server::attachments::content::samples::pdf("");
    employer.post_files(&slot, &[("budjetti.pdf", &pdf)]).await;
    employer.post_to(&address, &[("reply", "Here is our budget.")], &address).await;
    assert!(employer.page(&address).await.contains("Your reply was sent"));
    assert!(!employer.page(&task).await.contains("id=\"employer-request\""), "answered");
    portal::server::queue::run_until_idle(&portal.state, &[portal::server::requests::reply::ReplyJob::CODE])
        .await
        .unwrap();
    let replies: Vec<serde_json::Value> = sim.json("replies.json").await;
    assert_eq!(replies.len(), 1);
    let reply = &replies[0]["document"];
    assert_eq!(reply["application_id"], terms.trim_start_matches("/applications/"));
    assert_eq!(reply["case_id"], case.as_str());
    let file = reply["attachments"][0]["id"].as_str().unwrap();
    assert_eq!(replies[0]["attachments_verified"][file], true);
}
