//! The fee as an applicant sees it while the clock moves across a price change (1 January
//! 2026): today's price, the coming one and the last day today's applies, then the new price
//! alone.

use crate::support::{self, PASSWORD};
use http::header;
use portal::domain::date::Date;
use portal::server::AppState;

/// Moves the portal's clock to noon (UTC) of `day`.
fn move_clock_to(state: &AppState, day: Date) {
    let noon = day.days_since_epoch() * 86_400 + 12 * 3600;
    state.clock.advance(noon - state.clock.now());
}

#[tokio::test]
async fn the_task_list_and_payment_page_say_the_fee_and_a_change_ahead_as_the_clock_crosses_new_year() {
    let (app, state) = support::portal_for_one_client().await;
    move_clock_to(&state, Date::new(2025, 12, 20).unwrap());
    let mut browser = support::applicant(&app, &state, "hakija@example.fi").await;
    let (_, headers, _) = browser.post("/apply/first-work", &[]).await;
    let base = headers[header::LOCATION].to_str().unwrap().split("/steps/").next().unwrap().to_string();
    let page = browser.page(&base).await;
    assert!(page.contains("€590.00"), "today's fee on the task list: {page}");
    assert!(
        page.contains("The fee changes on 1.1.2026: it is €590.00 today and €750.00 from then on")
            && page.contains("if you pay by 31.12.2025"),
        "{page}"
    );
    let payment = browser.page(&format!("{base}/payment")).await;
    assert!(payment.contains("The processing fee is €590.00 when paid online"), "{payment}");
    assert!(payment.contains("Legal basis:") && payment.contains("in 2025."), "{payment}");
    assert!(payment.contains("The fee changes on 1.1.2026"), "{payment}");

    // Over the new year (a new sign-in: the session's idle time ran out meanwhile).
    move_clock_to(&state, Date::new(2026, 1, 2).unwrap());
    browser.log_in("hakija@example.fi", PASSWORD, "/account").await;
    let page = browser.page(&base).await;
    assert!(page.contains("€750.00") && !page.contains("€590.00") && !page.contains("The fee changes"), "{page}");
    let payment = browser.page(&format!("{base}/payment")).await;
    assert!(
        payment.contains("The processing fee is €750.00 when paid online") && payment.contains("in 2026."),
        "{payment}"
    );
}

/// B27: in one month every form cites the same decree (citizenship's price is carried over
/// from 2025, set by the 2026 decree); the start page of an application and its declaration
/// say the fee; the task list says what the fee is for, as the answers give it.
#[tokio::test]
async fn the_fee_is_said_before_starting_and_at_the_declaration_with_one_legal_basis() {
    let (app, state) = support::portal_for_one_client().await;
    move_clock_to(&state, Date::new(2026, 6, 1).unwrap());
    let mut browser = support::applicant(&app, &state, "hakija@example.fi").await;
    let citizenship = browser.page("/apply/citizenship").await;
    assert!(citizenship.contains("The processing fee is €520.00 when paid online"), "{citizenship}");
    assert!(citizenship.contains("in 2026.") && !citizenship.contains("in 2025."), "{citizenship}");
    let work = browser.page("/apply/first-work").await;
    assert!(work.contains("depends on your answers"), "{work}");
    for fee in ["First residence permit, specialist: €480.00", "First residence permit, employed person: €750.00"] {
        assert!(work.contains(fee), "{fee}: {work}");
    }

    let (_, headers, _) = browser.post("/apply/first-work", &[]).await;
    let base = headers[header::LOCATION].to_str().unwrap().split("/steps/").next().unwrap().to_string();
    let tasks = browser.page(&base).await;
    assert!(
        tasks.contains(
            "€750.00, the fee for: First residence permit, employed person. The fee follows from your answers."
        ),
        "{tasks}"
    );
    let declaration = browser.page(&format!("{base}/declaration")).await;
    assert!(
        declaration.contains("The processing fee is €750.00 (First residence permit, employed person)."),
        "{declaration}"
    );
}
