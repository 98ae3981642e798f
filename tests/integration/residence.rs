//! The residence-time calculators (issue 29): anyone can count their residence time without
//! an account or scripts; what they type is theirs alone, kept across adding rows and a
//! refused calculation. Run with `cargo test --features ssr,test-support --test integration --
//! residence::`.

use crate::support::{self, Browser};

/// A date input's three fields.
fn date(name: &str, (day, month, year): (&str, &str, &str)) -> [(String, String); 3] {
    [
        (format!("{name}-day"), day.into()),
        (format!("{name}-month"), month.into()),
        (format!("{name}-year"), year.into()),
    ]
}

/// A B permit from 15.1.2024 to 14.1.2026, then from `next` a permit of `status` that goes on,
/// and a trip from 1.6.2025 to 20.6.2025 (18 days abroad).
fn entries(track: &str, next: (&str, &str, &str), status: &str, action: &str) -> Vec<(String, String)> {
    let mut fields: Vec<(String, String)> = vec![
        ("track".into(), track.into()),
        ("period-0-status".into(), "temporary".into()),
        ("period-1-status".into(), status.into()),
        ("action".into(), action.into()),
    ];
    fields.extend(date("period-0-from", ("15", "1", "2024")));
    fields.extend(date("period-0-to", ("14", "1", "2026")));
    fields.extend(date("period-1-from", next));
    fields.extend(date("period-1-to", ("", "", "")));
    fields.extend(date("trip-0-from", ("1", "6", "2025")));
    fields.extend(date("trip-0-to", ("20", "6", "2025")));
    fields
}

fn pairs(fields: &[(String, String)]) -> Vec<(&str, &str)> {
    fields.iter().map(|(name, value)| (name.as_str(), value.as_str())).collect()
}

#[tokio::test]
async fn anyone_finds_the_earliest_day_and_what_decides_it() {
    let (app, _) = support::spawn_app_with_state().await;
    let mut visitor = Browser::new(&app);
    let page = visitor.page("/calculators/citizenship").await;
    assert!(page.contains("Citizenship: when is my residence time enough?") && !page.contains(r#"id="answer""#));

    // Adding a period keeps what was typed and comes back at the new row.
    let typed = entries("standard", ("", "", ""), "", "add-period");
    visitor.post_to("/calculators/citizenship", &pairs(&typed), "/calculators/citizenship#period-2").await;
    let page = visitor.page("/calculators/citizenship").await;
    assert!(page.contains(r#"id="period-2""#) && page.contains(r#"value="2024""#), "{page}");

    // 31.2. is no day: said at its field, everything kept, no answer.
    let wrong = entries("standard", ("31", "2", "2026"), "continuous", "calculate");
    visitor.post_to("/calculators/citizenship", &pairs(&wrong), "/calculators/citizenship").await;
    let page = visitor.page("/calculators/citizenship").await;
    assert!(page.contains("Enter the first day of the period as a real date"), "{page}");
    assert!(page.contains(r##"href="#period-1-from-day""##) && page.contains(r#"value="31""#));
    assert!(!page.contains(r#"id="answer""#));

    // Eight years from 15.1.2024, the trip within the limits.
    let right = entries("standard", ("15", "1", "2026"), "continuous", "calculate");
    visitor.post_to("/calculators/citizenship", &pairs(&right), "/calculators/citizenship#answer").await;
    let page = visitor.page("/calculators/citizenship").await;
    assert!(page.contains("The earliest day your application can succeed: 15.1.2032"), "{page}");
    assert!(page.contains("the 8 years of residence that count are not complete"));
    assert!(page.contains("18 (at most 365)") && page.contains("Nationality Act, from 1 October 2024"));

    // Five years with the language requirement met.
    let shorter = entries("shorter", ("15", "1", "2026"), "continuous", "calculate");
    visitor.post_to("/calculators/citizenship", &pairs(&shorter), "/calculators/citizenship#answer").await;
    assert!(visitor.page("/calculators/citizenship").await.contains("can succeed: 15.1.2029"));

    // What one visitor typed is not another's.
    let page = Browser::new(&app).page("/calculators/citizenship").await;
    assert!(!page.contains(r#"value="2024""#) && !page.contains(r#"id="answer""#));
}

#[tokio::test]
async fn the_permanent_permit_counts_only_the_continuous_permit() {
    let (app, _) = support::spawn_app_with_state().await;
    let mut visitor = Browser::new(&app);
    // The B permit's two years do not count: six years from the A permit on 15.1.2026.
    let fields = entries("standard", ("15", "1", "2026"), "continuous", "calculate");
    visitor.post_to("/calculators/permanent", &pairs(&fields), "/calculators/permanent#answer").await;
    let page = visitor.page("/calculators/permanent").await;
    assert!(page.contains("The earliest day your application can succeed: 15.1.2032"), "{page}");
    assert!(page.contains("Aliens Act, from 8 January 2026"));
    // The fast track: four years.
    let fields = entries("shorter", ("15", "1", "2026"), "continuous", "calculate");
    visitor.post_to("/calculators/permanent", &pairs(&fields), "/calculators/permanent#answer").await;
    assert!(visitor.page("/calculators/permanent").await.contains("can succeed: 15.1.2030"));
}

/// A citizenship application asks the periods in Finland and the trips abroad once; sent
/// before the earliest day they give, its check of the answers and its declaration warn, and
/// still let it go on.
#[tokio::test]
async fn a_citizenship_draft_counts_its_own_periods_and_warns_before_the_earliest_day() {
    use http::header;
    let (app, state) = support::portal_for_one_client().await;
    let mut applicant = support::applicant(&app, &state, "kansalainen@example.fi").await;
    let (_, headers, _) = applicant.post("/apply/citizenship", &[]).await;
    let first = headers[header::LOCATION].to_str().unwrap().to_string();
    let base = crate::applications::complete(&mut applicant, &portal::forms::catalogue::CITIZENSHIP, &first).await;
    // Answered at length (a continuous permit since 1990): no warning.
    assert!(!applicant.page(&format!("{base}/check")).await.contains("residence-warning"));

    // A continuous permit since 1.3.2021 that goes on: eight years on 1.3.2029.
    let period = [
        ("period-from--0-day", "1"),
        ("period-from--0-month", "3"),
        ("period-from--0-year", "2021"),
        ("period-to--0-day", ""),
        ("period-to--0-month", ""),
        ("period-to--0-year", ""),
        ("period-status--0", "continuous"),
    ];
    let (status, _, body) = applicant.post(&format!("{base}/steps/residence-periods"), &period).await;
    assert_eq!(status, http::StatusCode::SEE_OTHER, "{body}");
    let check = applicant.page(&format!("{base}/check")).await;
    assert!(check.contains("your application can succeed on residence time from 1.3.2029"), "{check}");
    assert!(check.contains(&format!(r#"href="{base}/declaration""#)), "it can still go on: {check}");
    let declaration = applicant.page(&format!("{base}/declaration")).await;
    assert!(declaration.contains("from 1.3.2029") && declaration.contains("the fee is not refunded"));
}
