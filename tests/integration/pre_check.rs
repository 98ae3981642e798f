//! "Which application do I need?" (issue 29): anyone answers a few questions without an
//! account and gets the applications that fit, each with its fee on the day; an EU citizen is
//! told no permit is needed; the answers arrive in the application started after logging in.
//! Run with `cargo test --features ssr,test-support --test integration -- pre_check::`.

use crate::support::{self, Browser, PASSWORD};
use portal::server::accounts::{admin, users::Role};

/// Answers the pre-check's step `step` and expects to go on to `next`.
async fn answer(browser: &mut Browser, step: &str, fields: &[(&str, &str)], next: &str) {
    browser.post_to(&format!("/pre-check/steps/{step}"), fields, next).await;
}

/// A worker from India born in 1990, as far as the result.
async fn worker(browser: &mut Browser) {
    assert!(browser.page("/pre-check").await.contains("Which application do I need?"));
    answer(browser, "pre-check-citizenship", &[("citizenship", "IN")], "/pre-check/steps/pre-check-age").await;
    let born = [("birth-date-day", "1"), ("birth-date-month", "5"), ("birth-date-year", "1990")];
    answer(browser, "pre-check-age", &born, "/pre-check/steps/pre-check-purpose").await;
    answer(browser, "pre-check-purpose", &[("purpose", "work")], "/pre-check/steps/work-type").await;
    answer(browser, "work-type", &[("work-type", "employed")], "/pre-check/result").await;
}

#[tokio::test]
async fn a_worker_from_outside_the_eu_is_offered_the_work_permit_with_its_fee_today() {
    let (app, state) = support::portal_for_one_client().await;
    let mut visitor = Browser::new(&app);
    // The result waits for the answers.
    assert!(visitor.page("/pre-check/result").await.contains(r#"href="/pre-check/steps/pre-check-citizenship""#));
    worker(&mut visitor).await;
    let result = visitor.page("/pre-check/result").await;
    assert!(result.contains("First residence permit for work") && result.contains(r#"href="/apply/first-work""#));
    let fee = portal::domain::fees::price_on("first-employed", state.clock.today()).unwrap();
    let amount = portal::i18n::Lang::En.euros(fee.cents);
    assert!(result.contains(&amount), "the fee of today, {amount}: {result}");
    assert!(result.contains("Employment contract") && result.contains("Copy of the passport"), "{result}");
    assert!(!result.contains("Residence permit for studies"), "{result}");

    // Logged in on the same browser, the new work-permit draft has the answers it also asks.
    admin::create_account(&state.db, Role::Applicant, "tyontekija@example.fi", PASSWORD.into()).await.unwrap().unwrap();
    visitor.log_in("tyontekija@example.fi", PASSWORD, "/account").await;
    let draft = support::start_draft(&mut visitor, "first-work").await;
    let birth = visitor.page(&format!("{draft}/steps/birth")).await;
    assert!(birth.contains(r#"value="1990""#), "the date of birth is filled in: {birth}");
    assert!(birth.contains(r#"<option value="IN" selected"#), "the citizenship is chosen: {birth}");
    let work_type = visitor.page(&format!("{draft}/steps/work-type")).await;
    assert!(work_type.contains(r#"value="employed" checked"#), "{work_type}");
}

#[tokio::test]
async fn an_eu_citizen_is_told_no_permit_is_needed_and_a_child_goes_with_a_guardian() {
    let (app, _) = support::portal_for_one_client().await;
    let mut swede = Browser::new(&app);
    answer(&mut swede, "pre-check-citizenship", &[("citizenship", "SE")], "/pre-check/steps/pre-check-free-movement")
        .await;
    let page = swede.page("/pre-check/steps/pre-check-free-movement").await;
    assert!(page.contains("You do not need a residence permit") && page.contains("register your right of residence"));
    // No result to skip to.
    assert!(swede.page("/pre-check/result").await.contains(r#"href="/pre-check/steps/pre-check-free-movement""#));

    let mut child = Browser::new(&app);
    answer(&mut child, "pre-check-citizenship", &[("citizenship", "IN")], "/pre-check/steps/pre-check-age").await;
    let born = [("birth-date-day", "1"), ("birth-date-month", "5"), ("birth-date-year", "2015")];
    answer(&mut child, "pre-check-age", &born, "/pre-check/steps/pre-check-minor").await;
}

#[tokio::test]
async fn someone_living_here_long_enough_is_offered_the_extension_permanent_permit_and_citizenship() {
    let (app, _) = support::portal_for_one_client().await;
    let mut resident = Browser::new(&app);
    answer(&mut resident, "pre-check-citizenship", &[("citizenship", "VN")], "/pre-check/steps/pre-check-age").await;
    let born = [("birth-date-day", "1"), ("birth-date-month", "5"), ("birth-date-year", "1985")];
    answer(&mut resident, "pre-check-age", &born, "/pre-check/steps/pre-check-purpose").await;
    let purpose = [("purpose", "living-in-finland")];
    answer(&mut resident, "pre-check-purpose", &purpose, "/pre-check/steps/pre-check-current-permit").await;
    let permit = [("current-permit", "continuous"), ("residence-years", "9")];
    answer(&mut resident, "pre-check-current-permit", &permit, "/pre-check/result").await;
    let result = resident.page("/pre-check/result").await;
    for kind in ["extended", "permanent", "citizenship"] {
        assert!(result.contains(&format!(r#"href="/apply/{kind}""#)), "{kind}: {result}");
    }
    assert!(result.contains(r#"href="/calculators/citizenship""#));
    // Started again: the answers are gone.
    resident.post_to("/pre-check/restart", &[], "/pre-check/steps/pre-check-citizenship").await;
    assert!(!resident.page("/pre-check/result").await.contains(r#"href="/apply/extended""#));
}

/// Staff preview the pre-check like any form, in every language, and see its flow map.
#[tokio::test]
async fn staff_preview_the_pre_check_and_see_its_flow_map() {
    let (app, state) = support::portal_for_one_client().await;
    let mut staff = support::staff_browser(&app, &state, "virkailija@example.fi", PASSWORD).await;
    assert!(staff.page("/staff/preview").await.contains(r#"href="/staff/preview/pre-check?lang=fi""#));
    for lang in ["fi", "sv", "en"] {
        let html = staff.page(&format!("/staff/preview/pre-check?lang={lang}")).await;
        assert!(html.contains("pt-preview-banner") && !html.contains("[missing"), "{lang}: {html}");
    }
    let first = "/staff/preview/pre-check/steps/pre-check-citizenship";
    assert!(staff.page(first).await.contains("PREVIEW"));
    staff.post_to(first, &[("citizenship", "SE")], "/staff/preview/pre-check/steps/pre-check-free-movement").await;
    let flow = staff.page("/staff/forms/pre-check").await;
    assert!(flow.contains("Flow map") && flow.contains("<code>citizenship</code>"), "{flow}");
    // Nothing of the preview reached a visitor's pre-check.
    assert!(!Browser::new(&app).page("/pre-check/result").await.contains("free-movement"));
}
