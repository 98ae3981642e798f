//! Applications as an applicant walks them through the real router: every step saved,
//! problems shown with what was typed, repeating steps, resuming, the declaration and the lock
//! afterwards; and staff previews that store nothing.

use crate::support;

use http::{header, StatusCode};
use portal::domain::application_state::ApplicationState;
use portal::forms::answers::Answers;
use portal::forms::catalogue::{self, Catalogue, FORMS};

/// The forms a new application is started on: the latest version of each.
/// The latest version of each form an applicant fills in.
fn current_forms() -> Vec<&'static FormDef> {
    Catalogue::published().current().filter(|def| def.filled_by == FilledBy::Applicant).collect()
}
use portal::forms::definition::{Cond, DateRule, FilledBy, FormDef, Kind, Question, Section};
use portal::server::accounts::users::Role;
use portal::server::router;
use support::{Browser, PASSWORD};

/// Answers that pass every check and lead past every exit.
fn valid_answer(question: &Question) -> Vec<(String, String)> {
    let one = |value: &str| vec![(question.id.to_string(), value.to_string())];
    let date = |d: &str, m: &str, y: &str| {
        vec![
            (format!("{}-day", question.id), d.to_string()),
            (format!("{}-month", question.id), m.to_string()),
            (format!("{}-year", question.id), y.to_string()),
        ]
    };
    match (question.id, question.kind) {
        ("same-grounds", _) => one("yes"),
        // The date in the identity code below.
        ("birth-date" | "sponsor-birth-date", _) => date("13", "10", "1952"),
        (_, Kind::Text(_) | Kind::LongText(_)) => one("Testi"),
        (_, Kind::PassportName) => one("VIRTANEN"),
        (_, Kind::Email) => one("maria@example.fi"),
        (_, Kind::Phone) => one("+358 40 123 4567"),
        (_, Kind::PostalCode) => one("00100"),
        (_, Kind::IdentityCode(_)) => one("131052-308T"),
        (_, Kind::BusinessId) => one("2077474-0"),
        (_, Kind::Iban) => one("FI21 1234 5600 0007 85"),
        (_, Kind::Euros) => one("50000"),
        (_, Kind::Number(min, max)) => one(&9.clamp(min, max).to_string()),
        (_, Kind::Hours(..)) => one("37,5"),
        (_, Kind::Date(DateRule::Past)) => date("1", "1", "1990"),
        (_, Kind::Date(DateRule::Future)) => date("1", "1", "2040"),
        (_, Kind::Date(DateRule::Any)) => date("1", "6", "2026"),
        (_, Kind::Date(DateRule::After(_))) => date("1", "1", "2041"),
        (_, Kind::Choice(options) | Kind::Choices(options)) => one(options[0]),
        (_, Kind::YesNo) => one("no"),
        (_, Kind::Country) => one("FI"),
        (_, Kind::Occupation) => one("25"),
    }
}

/// Valid answers to `step`, with the answers `given` instead where it names the field.
fn valid_step(def: &FormDef, step: &str, given: &[(&str, &str)]) -> Vec<(String, String)> {
    let (_, step) = def.step(step).unwrap();
    let repeating = step.repeat.is_some();
    step.questions
        .iter()
        .flat_map(valid_answer)
        .map(|(name, value)| match given.iter().find(|(field, _)| *field == name) {
            Some((_, value)) => (name, value.to_string()),
            None => (name, value),
        })
        .map(|(name, value)| if repeating { (renamed_for_item(def, &name, 0), value) } else { (name, value) })
        .collect()
}

/// `surname` → `surname--0`, `birth-date-day` → `birth-date--0-day`.
fn renamed_for_item(def: &FormDef, name: &str, index: usize) -> String {
    for part in ["-day", "-month", "-year"] {
        if let Some(question) = name.strip_suffix(part) {
            if def.question(question).is_some() {
                return format!("{question}--{index}{part}");
            }
        }
    }
    format!("{name}--{index}")
}

fn as_refs(pairs: &[(String, String)]) -> Vec<(&str, &str)> {
    pairs.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect()
}

/// Fills every step from the first, following the redirects, until the task list, and adds a
/// file for every attachment it then asks for; returns the application's address.
pub async fn complete(browser: &mut Browser, def: &FormDef, first: &str) -> String {
    complete_with(browser, def, first, &[]).await
}

/// [`complete`], with the answers `given` where a step asks for them.
pub async fn complete_with(browser: &mut Browser, def: &FormDef, first: &str, given: &[(&str, &str)]) -> String {
    let mut at = first.to_string();
    let base = at.split("/steps/").next().unwrap().to_string();
    for _ in 0..100 {
        let step = at.rsplit('/').next().unwrap().to_string();
        let (status, headers, body) = browser.post(&at, &as_refs(&valid_step(def, &step, given))).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{at}: {body}");
        let next = headers[header::LOCATION].to_str().unwrap().to_string();
        assert!(!next.ends_with(&format!("/steps/{step}")), "{at} was refused: {}", browser.page(&next).await);
        if next == base {
            // The end of a section: the task list offers the next unfinished one.
            let html = browser.page(&base).await;
            match html.split(&format!("id=\"resume\" href=\"{base}/steps/")).nth(1) {
                Some(rest) => at = format!("{base}/steps/{}", rest.split('"').next().unwrap()),
                None => {
                    assert!(html.contains(&format!("href=\"{base}/check\"")), "finished, the check is open: {html}");
                    if base.starts_with("/staff/preview/") {
                        // A preview stores no file: its attachments page says so, and offers no form.
                        let page = browser.page(&format!("{base}/attachments")).await;
                        assert!(page.contains("nothing is stored") && !page.contains("multipart/form-data"), "{page}");
                    } else {
                        browser.add_every_attachment(&base).await;
                    }
                    return base;
                }
            }
        } else {
            at = next;
        }
    }
    panic!("{} did not finish in 100 steps", def.kind)
}

#[tokio::test]
async fn an_applicant_completes_each_application_up_to_payment() {
    let (app, state) = support::portal_for_one_client().await;
    let mut browser = support::applicant(&app, &state, "hakija@example.fi").await;
    for def in current_forms() {
        let (status, headers, _) = browser.post(&format!("/apply/{}", def.kind), &[]).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        let first = headers[header::LOCATION].to_str().unwrap().to_string();
        assert!(first.ends_with("/steps/names"), "{first}");
        let base = complete(&mut browser, def, &first).await;

        let check = browser.page(&format!("{base}/check")).await;
        assert!(check.contains("VIRTANEN") && check.contains("Finland"), "{}: {check}", def.kind);
        browser.post_to(&format!("{base}/declaration"), &[], &format!("{base}/declaration")).await;
        let declaration = browser.page(&format!("{base}/declaration")).await;
        assert!(declaration.contains("Tick the box to confirm your declaration"));
        assert!(declaration.contains("<title>Error:"), "the title says the page shows an error");
        browser.post_to(&format!("{base}/declaration"), &[("confirm", "yes")], &format!("{base}/payment")).await;
        let payment = browser.page(&format!("{base}/payment")).await;
        assert!(payment.contains("pt-reference"), "{}: {payment}", def.kind);

        // Confirmed, every page shows the answers read-only, with the state and what comes next.
        let check = browser.page(&format!("{base}/check")).await;
        assert!(!check.contains(">Change<") && !check.contains("Continue to the declaration"), "{check}");
        assert!(check.contains("Waiting for payment") && check.contains(&format!(r#"href="{base}/payment""#)));
        let declaration = browser.page(&format!("{base}/declaration")).await;
        assert!(!declaration.contains(r#"name="confirm""#) && declaration.contains("You have confirmed"));
        let names = browser.page(&format!("{base}/steps/names")).await;
        assert!(
            !names.contains("<form method=\"post\" action=\"/applications") && !names.contains("<input"),
            "{names}"
        );
        assert!(names.contains("VIRTANEN") && names.contains("Waiting for payment"), "{names}");
        let overview = browser.page(&base).await;
        let check_task = overview.split("Check and confirm your answers").nth(1).unwrap_or_default();
        assert!(check_task.split("</li>").next().is_some_and(|task| task.contains("Completed")), "{overview}");
        let pay_task = overview.split("Pay the processing fee and send").nth(1).unwrap_or_default();
        assert!(pay_task.split("</li>").next().is_some_and(|task| task.contains("Not started")), "{overview}");
        assert!(overview.contains(&format!(r#"href="{base}/payment""#)), "{overview}");

        // Nothing changes after the declaration.
        browser.post_to(&format!("{base}/steps/names"), &[("surname", "OTHER")], &base).await;
        assert!(browser.page(&base).await.contains("can no longer be changed"));
        assert!(!browser.page(&format!("{base}/check")).await.contains("OTHER"));
    }
    let list = browser.page("/applications").await;
    assert_eq!(list.matches("Waiting for payment").count(), current_forms().len(), "{list}");
}

/// Tabs of one browser: the same session, each request on its own.
fn tab(browser: &Browser) -> Browser {
    Browser { app: browser.app.clone(), cookie: browser.cookie.clone() }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn steps_saved_at_the_same_moment_from_several_tabs_are_all_kept() {
    let (app, state) = support::portal_for_one_client().await;
    let mut browser = support::applicant(&app, &state, "valilehdet@example.fi").await;
    let def = &catalogue::FIRST_WORK;
    let (_, headers, _) = browser.post("/apply/first-work", &[]).await;
    let base = headers[header::LOCATION].to_str().unwrap().split("/steps/").next().unwrap().to_string();
    // Steps asked whatever the other answers are, so any order of saving is right.
    let steps: Vec<&str> = def
        .steps()
        .filter(|(_, step)| !step.exit && step.repeat.is_none() && matches!(step.when, Cond::Always))
        .map(|(_, step)| step.id)
        .collect();
    assert!(steps.len() >= 5, "{steps:?}");

    // Three tabs at a time, each saving a different step at the same moment.
    for round in steps.chunks(3) {
        let saves: Vec<_> = round
            .iter()
            .map(|step| {
                let (mut tab, path, fields) =
                    (tab(&browser), format!("{base}/steps/{step}"), valid_step(def, step, &[]));
                tokio::spawn(async move {
                    let (status, headers, body) = tab.post(&path, &as_refs(&fields)).await;
                    assert_eq!(status, StatusCode::SEE_OTHER, "{path}: {body}");
                    assert!(!headers[header::LOCATION].to_str().unwrap().ends_with(&path), "{path} was refused");
                })
            })
            .collect();
        for save in saves {
            save.await.unwrap();
        }
    }
    let stored: String =
        sqlx::query_scalar("SELECT CAST(answers AS TEXT) FROM applications").fetch_one(&state.db).await.unwrap();
    let answers: Answers = serde_json::from_str(&stored).unwrap();
    for step in &steps {
        assert!(answers.done.contains(*step), "{step} was lost: {stored}");
    }
}

#[tokio::test]
async fn problems_are_explained_and_what_was_typed_stays() {
    let (app, state) = support::portal_for_one_client().await;
    let mut browser = support::applicant(&app, &state, "hakija@example.fi").await;
    let base = support::start_draft(&mut browser, "first-work").await;
    let names = format!("{base}/steps/names");

    browser.post_to(&names, &[("surname", "Müller"), ("given-names", "")], &names).await;
    let html = browser.page(&names).await;
    assert!(
        html.contains("Surname: write it as in your passport&#x27;s machine-readable zone")
            || html.contains("Surname: write it as in your passport's machine-readable zone"),
        "{html}"
    );
    assert!(html.contains("Given names: answer this question"));
    assert!(html.contains(r#"value="Müller""#), "the typed value stays");
    assert!(html.contains("<title>Error:"), "the title says there are errors");
    assert!(!browser.page(&names).await.contains("Given names: answer this question"), "shown once");

    // A conditional question inside a step: asked only when its condition holds.
    let code = format!("{base}/steps/identity-code");
    browser.post_to(&code, &[("has-identity-code", "yes"), ("identity-code", "131052-308U")], &code).await;
    assert!(browser
        .page(&code)
        .await
        .contains("Finnish personal identity code: enter the personal identity code in the correct form"));
    browser.post_to(&code, &[("has-identity-code", "no"), ("identity-code", "131052-308U")], &base).await;

    // The code holds a date of birth: never a future one, and the one given.
    let yes = |code: &'static str| [("has-identity-code", "yes"), ("identity-code", code)];
    browser.post_to(&code, &yes("131052A308T"), &code).await;
    assert!(browser.page(&code).await.contains("the date of birth in the code cannot be in the future"));
    let birth = format!("{base}/steps/birth");
    let mut born = valid_step(&catalogue::FIRST_WORK, "birth", &[]);
    for (name, value) in born.iter_mut() {
        match name.as_str() {
            "birth-date-day" => *value = "16".into(),
            "birth-date-month" => *value = "3".into(),
            "birth-date-year" => *value = "1985".into(),
            _ => {}
        }
    }
    let (status, _, _) = browser.post(&birth, &as_refs(&born)).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    browser.post_to(&code, &yes("150385-457S"), &code).await;
    let html = browser.page(&code).await;
    assert!(
        html.contains("Finnish personal identity code: the date of birth in the code is not the same as your answer to “Date of birth”"),
        "both questions named: {html}"
    );
}

#[tokio::test]
async fn repeating_steps_add_and_remove_items_without_scripts() {
    let (app, state) = support::portal_for_one_client().await;
    let mut browser = support::applicant(&app, &state, "hakija@example.fi").await;
    let children = support::draft_at_children(&mut browser).await;
    let base = children.trim_end_matches("/steps/children").to_string();
    assert!(browser.page(&children).await.contains("child-surname--0"));

    let first = [("child-surname--0", "VIRTANEN"), ("child-given-names--0", "AINO")];
    let mut with_add = first.to_vec();
    with_add.push(("action", "add"));
    // Back at the item added, which the browser focuses.
    browser.post_to(&children, &with_add, &format!("{children}#item-2")).await;
    let html = browser.page(&children).await;
    assert!(html.contains("child-surname--1") && html.contains(r#"value="AINO""#), "a second item, the first kept");
    assert!(html.contains(r#"id="item-2" tabindex="-1""#) && html.contains(">Child 2</legend>"), "{html}");
    // Enter in a text box sends the form's first submit button in the page: one that saves,
    // before the language switch and "Remove child 1".
    let first_button = &html[html.find(r#"form="step-form""#).unwrap()..];
    assert!(first_button.starts_with(r#"form="step-form" hidden tabindex="-1">"#), "{first_button}");
    assert!(html.find(r#"form="step-form" hidden"#) < html.find(r#"name="remove""#));
    assert!(html.contains("Remove child 1") && html.contains("Add another child"), "{html}");

    let both = [
        ("child-surname--0", "VIRTANEN"),
        ("child-given-names--0", "AINO"),
        ("child-surname--1", "KORHONEN"),
        ("remove", "0"),
    ];
    browser.post_to(&children, &both, &format!("{children}#item-1")).await;
    let html = browser.page(&children).await;
    assert!(html.contains(r#"value="KORHONEN""#) && !html.contains(r#"value="AINO""#), "the first item went: {html}");
    assert!(!html.contains("child-surname--1"));

    let mut item = valid_step(&catalogue::FIRST_WORK, "children", &[]);
    item.retain(|(name, _)| name != "child-surname--0");
    item.push(("child-surname--0".into(), "KORHONEN".into()));
    let (status, headers, _) = browser.post(&children, &as_refs(&item)).await;
    assert_eq!((status, headers[header::LOCATION].to_str().unwrap()), (StatusCode::SEE_OTHER, base.as_str()));
    assert!(browser.page(&format!("{base}/check")).await.contains("KORHONEN"));
}

#[tokio::test]
async fn a_draft_is_resumed_where_it_was_left_and_only_by_its_owner() {
    let (app, state) = support::portal_for_one_client().await;
    let mut browser = support::applicant(&app, &state, "hakija@example.fi").await;
    let base = support::start_draft(&mut browser, "first-studies").await;
    let names = format!("{base}/steps/names");
    let def = &catalogue::FIRST_STUDIES;
    browser.post_to(&names, &as_refs(&valid_step(def, "names", &[])), &format!("{base}/steps/birth")).await;
    // Save and come back later keeps what passed, even with a problem left.
    let mut birth = valid_step(def, "birth", &[]);
    birth.retain(|(name, _)| name != "citizenship");
    let (status, headers, _) =
        browser.post(&format!("{base}/steps/birth"), &[as_refs(&birth), vec![("action", "later")]].concat()).await;
    assert_eq!((status, headers[header::LOCATION].to_str().unwrap()), (StatusCode::SEE_OTHER, base.as_str()));

    // Another browser, the next day: the same draft, the same answers.
    let mut later = Browser::new(&app);
    later.log_in("hakija@example.fi", PASSWORD, "/account").await;
    let overview = later.page(&base).await;
    assert!(overview.contains("We keep this draft until"), "{overview}");
    assert!(
        overview.contains(&format!("href=\"{base}/steps/birth\"")),
        "the section resumes at its unfinished step: {overview}"
    );
    let birth_page = later.page(&format!("{base}/steps/birth")).await;
    assert!(birth_page.contains(r#"name="birth-date-year""#), "{birth_page}");
    let year = birth_page.split(r#"name="birth-date-year""#).nth(1).and_then(|rest| rest.split('>').next());
    assert!(year.is_some_and(|input| input.contains(r#"value="1952""#)), "the saved year is in its field: {year:?}");
    let in_swedish = later.page(&format!("{base}/steps/names?lang=sv")).await;
    assert!(
        in_swedish.contains("Efternamn") && in_swedish.contains(r#"value="VIRTANEN""#),
        "another language, the same answers"
    );
    let list = later.page("/applications").await;
    assert!(list.contains("First residence permit for studies") && list.contains("kept until"), "{list}");

    let mut stranger = support::applicant(&app, &state, "toinen@example.fi").await;
    let (status, _, _) = stranger.get(&base).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "someone else's draft does not exist for them");
    let (status, _, _) = stranger.post(&format!("{base}/steps/names"), &[("surname", "X")]).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_declaration_needs_every_step_that_applies() {
    let (app, state) = support::portal_for_one_client().await;
    let mut browser = support::applicant(&app, &state, "hakija@example.fi").await;
    let base = support::start_draft(&mut browser, "citizenship").await;
    browser.post_to(&format!("{base}/declaration"), &[("confirm", "yes")], &base).await;
    assert!(browser.page(&base).await.contains("Finish every part of the application"));
    let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM applications WHERE state = $1")
        .bind(ApplicationState::Draft.code())
        .fetch_one(&state.db)
        .await
        .unwrap();
    assert_eq!(count, 1);
}

/// An exit that names another application links to it (B33): six years are not there yet, so
/// the permanent permit's applicant is sent to the extended permit.
#[tokio::test]
async fn an_exit_links_to_the_application_to_make_instead() {
    let (app, state) = support::portal_for_one_client().await;
    // Version 1 of the permanent permit (its drafts are still filled in), as staff preview it.
    let mut browser = support::staff_browser(&app, &state, "virkailija@example.fi", support::PASSWORD).await;
    let first = "/staff/preview/permanent/steps/names";
    browser.post_to("/staff/preview/permanent/restart", &[("version", "1")], first).await;
    let exit = browser.page("/staff/preview/permanent/steps/permanent-not-yet").await;
    assert!(exit.contains(r#"href="/apply/extended""#) && exit.contains("Apply for this instead: Extended"), "{exit}");
}

/// The standard Finnish full-time week is 37,5 hours: taken with a comma or a point, kept as
/// 37.5; more than a tenth is explained in the page's language.
#[tokio::test]
async fn working_hours_take_a_decimal() {
    let (app, state) = support::portal_for_one_client().await;
    let mut browser = support::applicant(&app, &state, "hakija@example.fi").await;
    let base = support::start_draft(&mut browser, "first-work").await;
    let salary = format!("{base}/steps/salary");
    browser.post_to(&salary, &[("monthly-salary", "3000"), ("weekly-hours", "37,55")], &salary).await;
    let html = browser.page(&salary).await;
    assert!(html.contains("to a tenth at most, for example 37,5") && html.contains(r#"value="37,55""#), "{html}");
    for typed in ["37,5", "37.5"] {
        let (status, headers, _) = browser.post(&salary, &[("monthly-salary", "3000"), ("weekly-hours", typed)]).await;
        assert_eq!(status, StatusCode::SEE_OTHER);
        assert_ne!(headers[header::LOCATION].to_str().unwrap(), salary, "{typed} is taken");
        let stored: String =
            sqlx::query_scalar("SELECT CAST(answers AS TEXT) FROM applications").fetch_one(&state.db).await.unwrap();
        let answers: serde_json::Value = serde_json::from_str(&stored).unwrap();
        assert_eq!(answers["values"]["weekly-hours"], "37.5", "{stored}");
    }
}

#[tokio::test]
async fn an_answer_that_rules_the_application_out_says_so_early() {
    let (app, state) = support::portal_for_one_client().await;
    let mut browser = support::applicant(&app, &state, "hakija@example.fi").await;
    let base = support::start_draft(&mut browser, "first-work").await;
    browser
        .post_to(&format!("{base}/steps/work-type"), &[("work-type", "specialist")], &format!("{base}/steps/employer"))
        .await;
    let salary = [("monthly-salary", "3000"), ("weekly-hours", "40")];
    browser.post_to(&format!("{base}/steps/salary"), &salary, &format!("{base}/steps/specialist-salary-low")).await;
    let exit = browser.page(&format!("{base}/steps/specialist-salary-low")).await;
    assert!(exit.contains("at least €3,937 a month (the threshold in force since 1.1.2026)"), "{exit}");
    // "Change your answers" goes back to the salary, not to the kind of work or the task list.
    assert!(exit.contains(&format!(r#"href="{base}/steps/salary" class="pt-link">Change your answers"#)), "{exit}");
    assert!(browser.page(&base).await.contains("exit-banner"));

    // Studies with too little money: back to the funds.
    let base = support::start_draft(&mut browser, "first-studies").await;
    let funds = [("funds-amount", "5000"), ("insurance", "kela")];
    browser.post_to(&format!("{base}/steps/funds"), &funds, &format!("{base}/steps/funds-low")).await;
    let exit = browser.page(&format!("{base}/steps/funds-low")).await;
    assert!(exit.contains(&format!(r#"href="{base}/steps/funds" class="pt-link">Change your answers"#)), "{exit}");
}

/// The salary is held to the income threshold in force on the day: a specialist's €3,900 is
/// enough on 31 December 2025 (€3,827) and falls short on 1 January 2026 (€3,937).
#[tokio::test]
async fn the_income_threshold_follows_the_date() {
    let (app, state) = support::portal_for_one_client().await;
    let mut browser = support::applicant(&app, &state, "hakija@example.fi").await;
    let base = support::start_draft(&mut browser, "first-work").await;
    // Ten minutes before midnight, 31 December 2025 (UTC); the session, younger than that on
    // the clock, stays valid.
    let new_years_eve = portal::domain::date::Date::new(2025, 12, 31).unwrap().days_since_epoch() * 86_400;
    state.clock.advance(new_years_eve + 23 * 3600 + 50 * 60 - state.clock.now());
    browser
        .post_to(&format!("{base}/steps/work-type"), &[("work-type", "specialist")], &format!("{base}/steps/employer"))
        .await;
    let salary = [("monthly-salary", "3900"), ("weekly-hours", "40")];
    assert_eq!(browser.post(&format!("{base}/steps/salary"), &salary).await.0, StatusCode::SEE_OTHER);
    assert!(!browser.page(&base).await.contains("exit-banner"), "enough on 31.12.2025 (€3,827)");

    state.clock.advance(20 * 60);
    assert!(browser.page(&base).await.contains("exit-banner"), "short of €3,937 on 1.1.2026");
    let exit = browser.page(&format!("{base}/steps/specialist-salary-low")).await;
    assert!(exit.contains("at least €3,937 a month (the threshold in force since 1.1.2026)"), "{exit}");
}

#[tokio::test]
async fn staff_preview_every_form_in_every_language_and_nothing_is_stored() {
    let (app, state) = support::portal_for_one_client().await;
    let mut staff = support::staff_browser(&app, &state, "virkailija@example.fi", PASSWORD).await;

    for def in current_forms() {
        let base = format!("/staff/preview/{}", def.kind);
        for lang in ["fi", "sv", "en"] {
            let html = staff.page(&format!("{base}?lang={lang}")).await;
            assert!(html.contains("pt-preview-banner") && !html.contains("[missing"), "{} {lang}", def.kind);
        }
        let html = staff.page(&format!("{base}/steps/names?lang=en")).await;
        assert!(html.contains("PREVIEW") && html.contains("Surname"));
        let last = complete(&mut staff, def, &format!("{base}/steps/names")).await;
        assert_eq!(last, base);
        staff.post_to(&format!("{base}/declaration"), &[("confirm", "yes")], &format!("{base}/payment")).await;
        assert!(staff.page(&format!("{base}/payment")).await.contains("nothing has been stored"));
        let flow = staff.page(&format!("/staff/forms/{}", def.kind)).await;
        assert!(flow.contains("Flow map") && flow.contains("<code>surname</code>"), "{flow}");
    }
    // The employer's part, too: from its first step to the declaration, which sends nothing.
    let base = "/staff/preview/employment-terms";
    for lang in ["fi", "sv", "en"] {
        let html = staff.page(&format!("{base}?lang={lang}")).await;
        assert!(html.contains("pt-preview-banner") && !html.contains("[missing"), "employment-terms {lang}");
    }
    let html = staff.page(&format!("{base}/steps/occupation?lang=fi")).await;
    assert!(html.contains("25 Tieto- ja viestintäteknologian erityisasiantuntijat"), "ISCO-08 in Finnish: {html}");
    assert_eq!(complete(&mut staff, &catalogue::EMPLOYMENT_TERMS, &format!("{base}/steps/filler")).await, base);
    staff.post_to(&format!("{base}/declaration"), &[("confirm", "yes")], &format!("{base}/payment")).await;
    assert!(staff.page(&format!("{base}/payment?lang=en")).await.contains("the terms would now be sent"));
    let flow = staff.page("/staff/forms/employment-terms").await;
    assert!(flow.contains("<code>monthly-salary</code>") && flow.contains("The salary is below the income threshold"));
    let (count,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM applications").fetch_one(&state.db).await.unwrap();
    assert_eq!(count, 0, "previews store no application");

    let mut applicant = support::applicant(&app, &state, "hakija@example.fi").await;
    let (status, _, _) = applicant.get("/staff/preview/first-work").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _, _) = applicant.post("/staff/preview/first-work/steps/names", &[("surname", "X")]).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

/// Version 2 of the work permit form, as a law change might make it: without the previous
/// stays in Finland. Only for this test.
fn work_form_without_stays() -> &'static FormDef {
    let v1 = &catalogue::FIRST_WORK;
    let sections: Vec<Section> =
        v1.sections.iter().filter(|s| s.id != "stays").map(|s| Section { id: s.id, steps: s.steps }).collect();
    Box::leak(Box::new(FormDef {
        kind: v1.kind,
        version: v1.version + 1,
        filled_by: v1.filled_by,
        sections: Box::leak(sections.into_boxed_slice()),
        attachments: v1.attachments,
        fees: v1.fees,
    }))
}

#[tokio::test]
async fn a_draft_keeps_the_form_version_it_was_started_on() {
    const STAYS: &str = "Previous stays in Finland";
    let (app, state) = support::portal_for_one_client().await;
    let mut browser = support::applicant(&app, &state, "hakija@example.fi").await;
    let old = support::start_draft(&mut browser, "first-work").await;
    assert!(browser.page(&old).await.contains(STAYS));

    // The new version is published while the draft is open: the same database, a new server.
    let v2 = work_form_without_stays();
    let mut forms: Vec<&'static FormDef> = FORMS.to_vec();
    forms.push(v2);
    let published = state.with(|s| s.catalogue = Catalogue::new(Box::leak(forms.into_boxed_slice())));
    let app = router(published);
    browser.app = app.clone();

    assert!(browser.page(&old).await.contains(STAYS), "the old draft keeps its questions");
    assert!(browser.page(&format!("{old}/steps/stays-question")).await.contains("stayed-in-finland"));
    let confirm = |browser: &mut Browser, base: String, def: &'static FormDef| {
        let mut browser = tab(browser);
        async move {
            assert_eq!(complete(&mut browser, def, &format!("{base}/steps/names")).await, base);
            let check = browser.page(&format!("{base}/check")).await;
            let asks_stays = def.sections.iter().any(|section| section.id == "stays");
            assert_eq!(check.contains(STAYS), asks_stays, "{base}: the check lists the version's own sections");
            browser.post_to(&format!("{base}/declaration"), &[("confirm", "yes")], &format!("{base}/payment")).await;
        }
    };
    confirm(&mut browser, old.clone(), &catalogue::FIRST_WORK).await;

    // Once the old one is confirmed, a new draft of the kind gets the new version.
    let new = support::start_draft(&mut browser, "first-work").await;
    assert!(!browser.page(&new).await.contains(STAYS), "a new draft gets the new version");
    let (status, _, _) = browser.get(&format!("{new}/steps/stays-question")).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "the new version has no such step");
    let (status, _, _) = browser.post(&format!("{new}/steps/stays-question"), &[("stayed-in-finland", "no")]).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    confirm(&mut browser, new, v2).await;
    let versions: Vec<(i64,)> =
        sqlx::query_as("SELECT version FROM applications ORDER BY id").fetch_all(&state.db).await.unwrap();
    let (old_version, new_version) = (i64::from(catalogue::FIRST_WORK.version), i64::from(v2.version));
    assert_eq!(versions, [(old_version,), (new_version,)]);

    // Staff see either version in the flow map and the preview.
    let mut staff = support::staff_browser(&app, &state, "virkailija@example.fi", PASSWORD).await;
    let latest = staff.page("/staff/forms/first-work").await;
    assert!(latest.contains("Definition version 2") && !latest.contains(STAYS), "{latest}");
    let first = staff.page("/staff/forms/first-work?version=1").await;
    assert!(first.contains("Definition version 1") && first.contains(STAYS), "{first}");
    staff
        .post_to("/staff/preview/first-work/restart", &[("version", "1")], "/staff/preview/first-work/steps/names")
        .await;
    assert!(staff.page("/staff/preview/first-work").await.contains(STAYS), "the preview of version 1");
    staff.post_to("/staff/preview/first-work/restart", &[], "/staff/preview/first-work/steps/names").await;
    assert!(!staff.page("/staff/preview/first-work").await.contains(STAYS), "the preview of the latest");
}

#[tokio::test]
async fn the_data_download_has_the_applications_and_deleting_the_account_keeps_only_sent_ones() {
    let (app, state) = support::portal_for_one_client().await;
    let mut browser = support::applicant(&app, &state, "hakija@example.fi").await;
    let mut bases = Vec::new();
    for kind in ["first-work", "first-studies", "citizenship"] {
        let (_, headers, _) = browser.post(&format!("/apply/{kind}"), &[]).await;
        let names = headers[header::LOCATION].to_str().unwrap().to_string();
        browser
            .post_to(
                &names,
                &[("surname", "VIRTANEN"), ("given-names", "MARIA")],
                &format!("{}/birth", names.trim_end_matches("/names")),
            )
            .await;
        bases.push(names.trim_end_matches("/steps/names").to_string());
    }
    let sent = bases[2].rsplit('/').next().unwrap().to_string();
    sqlx::query("UPDATE applications SET state = $1, reference = 'H-TEST' WHERE public_id = $2")
        .bind(ApplicationState::Sent.code())
        .bind(&sent)
        .execute(&state.db)
        .await
        .unwrap();

    let (status, _, body) = browser.get("/account/data.json").await;
    assert_eq!(status, StatusCode::OK);
    let data: serde_json::Value = serde_json::from_str(&body).unwrap();
    let applications = data["applications"].as_array().expect("the applications are in the download");
    assert_eq!(applications.len(), 3, "{body}");
    for application in applications {
        assert_eq!(application["answers"]["values"]["surname"], "VIRTANEN", "{application}");
    }
    let states: Vec<&str> = applications.iter().map(|a| a["state"].as_str().unwrap()).collect();
    assert_eq!(states.iter().filter(|s| **s == "draft").count(), 2, "{states:?}");
    assert!(applications.iter().any(|a| a["state"] == "sent" && a["reference"] == "H-TEST"));

    browser.post_to("/account/delete", &[("current", PASSWORD), ("confirm", "yes")], "/account-deleted?lang=en").await;
    let left: Vec<(String, Option<i64>)> =
        sqlx::query_as("SELECT public_id, user_id FROM applications").fetch_all(&state.db).await.unwrap();
    assert_eq!(left, [(sent, None)], "the drafts went with the account; the sent one stays, unlinked");
}

#[tokio::test]
async fn one_draft_of_a_kind_at_a_time_and_a_draft_can_be_deleted() {
    let (app, state) = support::portal_for_one_client().await;
    let mut browser = support::applicant(&app, &state, "hakija@example.fi").await;
    let base = support::start_draft(&mut browser, "first-work").await;

    // Starting the kind again (a double click, or another day) goes on with the draft.
    browser.post_to("/apply/first-work", &[], &base).await;
    assert!(browser.page(&base).await.contains("You already have a draft of this application"));
    let apply = browser.page("/apply/first-work").await;
    assert!(apply.contains("You have a draft of this application") && apply.contains(&format!(r#"href="{base}""#)));
    assert!(!apply.contains(r#"action="/apply/first-work""#), "no second start: {apply}");
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM applications").fetch_one(&state.db).await.unwrap();
    assert_eq!(count, 1);

    // Deleting asks first, then deletes.
    assert!(browser.page(&base).await.contains(&format!(r#"href="{base}/delete""#)));
    let ask = browser.page(&format!("{base}/delete")).await;
    assert!(ask.contains("Delete this draft?") && ask.contains("Yes, delete the draft"), "{ask}");
    browser.post_to(&format!("{base}/delete"), &[], "/applications").await;
    assert!(browser.page("/applications").await.contains("The draft has been deleted."));
    assert_eq!(browser.get(&base).await.0, StatusCode::NOT_FOUND);
    let (status, _, _) = browser.post(&format!("{base}/delete"), &[]).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "gone is gone");

    // Someone else's draft is not theirs to delete.
    let base = support::start_draft(&mut browser, "first-work").await;
    let mut other = support::applicant(&app, &state, "toinen@example.fi").await;
    assert_eq!(other.post(&format!("{base}/delete"), &[]).await.0, StatusCode::NOT_FOUND);
    assert_eq!(browser.get(&base).await.0, StatusCode::OK);
}

#[tokio::test]
async fn switching_language_on_a_step_keeps_what_was_typed_unsaved() {
    let (app, state) = support::portal_for_one_client().await;
    let mut browser = support::applicant(&app, &state, "hakija@example.fi").await;
    let base = support::start_draft(&mut browser, "first-work").await;
    let names = format!("{base}/steps/names");
    let html = browser.page(&names).await;
    // The switch sends the step's form; elsewhere it is plain links.
    assert!(html.contains(r#"form="step-form" name="switch-language" value="fi""#), "{html}");
    assert!(html.contains(r#"id="step-form""#), "{html}");
    assert!(browser.page("/applications").await.contains(r#"href="/lang/fi?next=%2Fapplications""#));

    let typed = [("surname", "Müller"), ("given-names", "MARIA"), ("switch-language", "fi")];
    let encoded: String = form_urlencoded::byte_serialize(names.as_bytes()).collect();
    browser.post_to(&names, &typed, &format!("/lang/fi?next={encoded}")).await;
    let (status, headers, _) = browser.get(&format!("/lang/fi?next={encoded}")).await;
    assert_eq!((status, headers[header::LOCATION].to_str().unwrap()), (StatusCode::SEE_OTHER, names.as_str()));
    // (This test's browser keeps no language cookie: the address says the language.)
    let html = browser.page(&format!("{names}?lang=fi")).await;
    assert!(
        html.contains("Sukunimi") && html.contains(r#"value="Müller""#) && html.contains(r#"value="MARIA""#),
        "{html}"
    );
    assert!(!html.contains("pt-error-summary"), "kept, not checked: {html}");
    let answers: String =
        sqlx::query_scalar("SELECT CAST(answers AS TEXT) FROM applications").fetch_one(&state.db).await.unwrap();
    assert!(!answers.contains("MARIA"), "not saved: {answers}");
}

#[tokio::test]
async fn a_previews_language_stays_the_previews_and_a_refusal_remembers_none() {
    let (app, state) = support::portal_for_one_client().await;
    let mut staff = support::visitor(&app, &state, Some(Role::Staff)).await;
    let (status, headers, html) = staff.get("/staff/preview/citizenship?lang=sv").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains(r#"<html lang="sv""#));
    let cookies: Vec<&str> = headers.get_all(header::SET_COOKIE).iter().filter_map(|v| v.to_str().ok()).collect();
    assert!(
        cookies.iter().any(|c| c.starts_with("preview-lang=sv") && c.contains("Path=/staff/preview/")),
        "{cookies:?}"
    );
    assert!(!cookies.iter().any(|c| c.starts_with("lang=")), "the staff's own language is untouched: {cookies:?}");

    // The staff page names the events in words, in the page's language.
    let html = staff.page("/staff?lang=fi").await;
    assert!(html.contains(">Kirjautuminen onnistui<") && !html.contains(">login-succeeded<"), "{html}");

    let mut applicant = support::visitor(&app, &state, Some(Role::Applicant)).await;
    let (status, headers, _) = applicant.get("/staff/preview/citizenship?lang=sv").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert!(headers.get_all(header::SET_COOKIE).iter().all(|c| !c.to_str().unwrap().contains("lang=")));
}

#[tokio::test]
async fn an_employer_is_led_to_the_employer_service_and_an_applicant_is_asked_to_share_with_the_employer() {
    let (app, state) = support::portal_for_one_client().await;
    let mut employer = support::visitor(&app, &state, Some(Role::Employer)).await;
    let account = employer.page("/account?lang=en").await;
    assert!(account.contains(r#"href="/employer""#) && account.contains("give their terms of employment"), "{account}");

    let mut applicant = support::applicant(&app, &state, "hakija@example.fi").await;
    let apply = applicant.page("/apply/first-work?lang=en").await;
    let base = support::start_draft(&mut applicant, "first-work").await;
    let step = applicant.page(&format!("{base}/steps/employer?lang=en")).await;
    assert!(!apply.contains("employment-terms"), "the employer's form is not the applicant's to start: {apply}");
    assert_eq!(applicant.get("/apply/employment-terms").await.0, StatusCode::NOT_FOUND);
    assert!(step.contains("Your employer gives the Finnish Immigration Service the terms of employment"), "{step}");
    assert!(step.contains("Do you agree that we share your application with your employer?"), "{step}");
}

#[tokio::test]
async fn joining_a_partner_asks_about_the_partner_once() {
    let (app, state) = support::portal_for_one_client().await;
    let mut browser = support::applicant(&app, &state, "hakija@example.fi").await;
    let base = support::start_draft(&mut browser, "first-family").await;
    // The sponsor is the partner: no marital status and no spouse asked after the sponsor.
    for step in ["marital-status", "spouse"] {
        assert_eq!(browser.get(&format!("{base}/steps/{step}")).await.0, StatusCode::NOT_FOUND, "{step}");
    }
    assert_eq!(browser.get(&format!("{base}/steps/sponsor")).await.0, StatusCode::OK);
    assert_eq!(complete(&mut browser, &catalogue::FIRST_FAMILY, &format!("{base}/steps/names")).await, base);
    let check = browser.page(&format!("{base}/check?lang=en")).await;
    assert!(!check.contains("Your spouse or partner") && !check.contains("What is your marital status?"), "{check}");
}

#[tokio::test]
async fn errors_name_the_question_plainly_and_link_to_the_box_in_error() {
    let (app, state) = support::portal_for_one_client().await;
    let mut browser = support::applicant(&app, &state, "hakija@example.fi").await;
    let base = support::start_draft(&mut browser, "first-work").await;
    let names = format!("{base}/steps/names");
    let long = "A".repeat(300);
    browser
        .post_to(&names, &[("surname", "VIRTANEN"), ("given-names", "MARIA"), ("previous-names", &long)], &names)
        .await;
    let html = browser.page(&names).await;
    assert!(html.contains("Previous names: use at most"), "no “(optional)” in an error about it: {html}");

    // A month that is no month links to the month box, a wrong year to the year.
    let birth = format!("{base}/steps/birth");
    for ((day, month, year), part) in
        [(("1", "13", "1990"), "month"), (("1", "2", "90"), "year"), (("32", "1", "1990"), "day")]
    {
        let fields = [("birth-date-day", day), ("birth-date-month", month), ("birth-date-year", year)];
        browser.post_to(&birth, &fields, &birth).await;
        let html = browser.page(&birth).await;
        assert!(html.contains(&format!(r##"href="#birth-date-{part}""##)), "{part}: {html}");
    }

    // The other question of a date rule is quoted.
    let fields = [
        ("passport-issued-day", "1"),
        ("passport-issued-month", "1"),
        ("passport-issued-year", "2020"),
        ("passport-expires-day", "1"),
        ("passport-expires-month", "1"),
        ("passport-expires-year", "2019"),
    ];
    let passport = format!("{base}/steps/passport");
    browser.post_to(&passport, &fields, &passport).await;
    let html = browser.page(&passport).await;
    assert!(html.contains("the date must be after “"), "{html}");

    // A missing answer is asked for as it is given: chosen, or typed in the date's boxes.
    let code = format!("{base}/steps/identity-code");
    browser.post_to(&code, &[], &code).await;
    assert!(browser.page(&code).await.contains("Finnish personal identity code: choose one of the answers"));
    browser.post_to(&birth, &[], &birth).await;
    assert!(browser.page(&birth).await.contains("Date of birth: enter the day, month and year"));

    // A question whose label is a question is named by its subject, not "…?: …".
    let studies = support::start_draft(&mut browser, "first-studies").await;
    let place = format!("{studies}/steps/study-place");
    let fields = [
        ("studies-start-day", "1"),
        ("studies-start-month", "9"),
        ("studies-start-year", "2026"),
        ("studies-end-day", "1"),
        ("studies-end-month", "6"),
        ("studies-end-year", "2026"),
    ];
    browser.post_to(&place, &fields, &place).await;
    let html = browser.page(&format!("{place}?lang=sv")).await;
    assert!(html.contains("Studiernas slutdatum: datumet måste vara senare än ”Studiernas startdatum”"), "{html}");
    assert!(!html.contains("?: "), "{html}");
}

/// Each role is offered what it can do (B35): an employer is not sent to start an application
/// (which would answer 403), but to the employer's page; staff to their pages.
#[tokio::test]
async fn the_start_page_offers_each_role_its_way_on() {
    let (app, state) = support::portal_for_one_client().await;
    for (role, offered, not) in [
        (None, r#"href="/applications""#, r#"href="/staff""#),
        (Some(Role::Applicant), r#"href="/applications""#, r#"href="/employer""#),
        (Some(Role::Employer), r#"href="/employer""#, r#"href="/applications""#),
        (Some(Role::Staff), r#"href="/staff""#, r#"href="/applications""#),
    ] {
        let mut browser = support::visitor(&app, &state, role).await;
        let page = browser.page("/").await;
        assert!(page.contains(offered) && !page.contains(not), "{role:?}: {page}");
    }
}

/// B23: a step's form sent after the session ended is kept across logging in again: the login
/// page says why, and the step shows what was typed, unsaved, with a word on what happened.
#[tokio::test]
async fn a_step_sent_after_the_session_ended_is_kept_across_logging_in_again() {
    let (app, state) = support::portal_for_one_client().await;
    let mut browser = support::applicant(&app, &state, "hakija@example.fi").await;
    let base = support::start_draft(&mut browser, "first-work").await;
    let names = format!("{base}/steps/names");
    // The session ends (as after 30 idle minutes): the cookie names a session that is gone.
    browser.post("/logout", &[]).await;
    let typed = [("surname", "Müller"), ("given-names", "MARIA")];
    let (status, headers, _) = browser.post(&names, &typed).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(headers[header::LOCATION], support::login_then(&names));
    let answers: String =
        sqlx::query_scalar("SELECT CAST(answers AS TEXT) FROM applications").fetch_one(&state.db).await.unwrap();
    assert!(!answers.contains("MARIA"), "nothing saved unseen: {answers}");

    // Logging in again leads back to the step, with what was typed, not yet saved.
    browser
        .post_to("/login", &[("email", "hakija@example.fi"), ("password", support::PASSWORD), ("next", &names)], &names)
        .await;
    let html = browser.page(&names).await;
    assert!(html.contains(r#"id="resumed-banner""#) && html.contains("We kept what you typed"), "{html}");
    assert!(html.contains(r#"value="Müller""#) && html.contains(r#"value="MARIA""#), "{html}");
    // Shown once; saving it saves it.
    assert!(!browser.page(&names).await.contains("resumed-banner"));
    browser.post_to(&names, &[("surname", "MULLER"), ("given-names", "MARIA")], &format!("{base}/steps/birth")).await;

    // Another account logging in on the same browser is shown nothing of it.
    browser.post("/logout", &[]).await;
    browser.post(&names, &[("surname", "SECRET")]).await;
    let mut other = support::applicant(&app, &state, "toinen@example.fi").await;
    other.cookie = browser.cookie.clone();
    other
        .post_to("/login", &[("email", "toinen@example.fi"), ("password", support::PASSWORD), ("next", &names)], &names)
        .await;
    let (status, _, html) = other.get(&names).await;
    assert!(status == StatusCode::NOT_FOUND && !html.contains("SECRET"), "{status}: {html}");
}
