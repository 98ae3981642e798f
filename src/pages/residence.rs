//! The residence-time calculators: periods in Finland with their permits, trips abroad, and
//! the earliest day an application can succeed. Open to everyone, working without scripts: a
//! row is added by sending the form, which keeps everything typed.

use super::account::{form_state, FormPage};
use crate::components::{
    Button, ButtonKind, Choice, DateInput, Radios, Select, SelectOptions, SummaryList, SummaryRow,
};
use crate::domain::residence::{Goal, Status};
use crate::i18n::{t, t_args};
use crate::page_data::residence::{date_field, field};
use crate::page_data::{from_request, ResidenceAnswer, ResidenceCalculator};
use leptos::prelude::*;
use std::sync::Arc;

#[component]
pub fn CitizenshipCalculatorPage() -> impl IntoView {
    view! { <CalculatorPage goal=Goal::Citizenship/> }
}

#[component]
pub fn PermanentCalculatorPage() -> impl IntoView {
    view! { <CalculatorPage goal=Goal::Permanent/> }
}

#[component]
fn CalculatorPage(goal: Goal) -> impl IntoView {
    let state = form_state();
    let data = from_request::<ResidenceCalculator>();
    let entries = data.as_ref().map(|data| data.entries.clone()).unwrap_or_default();
    // After a refused calculation the page shows what is wrong, not an answer to older entries.
    let answer = data.and_then(|data| data.answer).filter(|_| state.errors.is_empty());
    let g = goal.code();
    let action = format!("/calculators/{g}");
    let tracks: Vec<Choice> = goal
        .tracks()
        .iter()
        .map(|track| {
            let id = format!("residence-{g}-track-{}", track.code());
            Choice::new(track.code(), t(&id)).with_hint(t(&format!("{id}-hint")))
        })
        .collect();
    let track = if entries.track.is_empty() { "standard".to_string() } else { entries.track.clone() };
    let mut statuses = vec![Choice::new("", t("residence-status-choose"))];
    statuses.extend(
        Status::ALL.iter().map(|status| Choice::new(status.code(), t(&format!("residence-status-{}", status.code())))),
    );
    let statuses = Arc::new(SelectOptions::new(&statuses));
    let periods = (0..entries.periods.len().max(1))
        .map(|i| {
            let entry = entries.periods.get(i).cloned().unwrap_or_default();
            let number = (i + 1).to_string();
            view! {
                <fieldset class="pt-fieldset pt-entry-row" id=format!("period-{i}")>
                    <legend class="pt-fieldset__legend pt-fieldset__legend--m">
                        {t_args("residence-period-legend", &[("number", &number)])}
                    </legend>
                    <DateInput id=field("period", i, "from") legend=t("residence-period-from") value=entry.from
                        error=state.error(&date_field("period", i, "from"))/>
                    <DateInput id=field("period", i, "to") legend=t("residence-period-to")
                        hint=t("residence-period-to-hint") value=entry.to error=state.error(&date_field("period", i, "to"))/>
                    <Select id=field("period", i, "status") label=t("residence-period-status") options=statuses.clone()
                        selected=entry.status error=state.error(&field("period", i, "status"))/>
                </fieldset>
            }
        })
        .collect_view();
    let trips = (0..entries.trips.len().max(1))
        .map(|i| {
            let entry = entries.trips.get(i).cloned().unwrap_or_default();
            let number = (i + 1).to_string();
            view! {
                <fieldset class="pt-fieldset pt-entry-row" id=format!("trip-{i}")>
                    <legend class="pt-fieldset__legend pt-fieldset__legend--m">
                        {t_args("residence-trip-legend", &[("number", &number)])}
                    </legend>
                    <DateInput id=field("trip", i, "from") legend=t("residence-trip-from") value=entry.from
                        error=state.error(&date_field("trip", i, "from"))/>
                    <DateInput id=field("trip", i, "to") legend=t("residence-trip-to") value=entry.to
                        error=state.error(&date_field("trip", i, "to"))/>
                </fieldset>
            }
        })
        .collect_view();
    view! {
        <FormPage title=t(&format!("residence-{g}-title")) state=state.clone()>
            <p class="pt-body-l">{t(&format!("residence-{g}-lead"))}</p>
            <p class="pt-body">{t(&format!("residence-{g}-rules"))}</p>
            <p class="pt-body">{t("residence-kept")}</p>
            {answer.map(|answer| view! { <CalculatorAnswer answer/> })}
            <form method="post" action=action novalidate>
                // Enter in a box calculates: a form is sent with its first submit button.
                <button type="submit" name="action" value="calculate" hidden tabindex="-1"></button>
                <Radios name="track" legend=t(&format!("residence-{g}-track")) options=tracks selected=track/>
                <h2 class="pt-heading-l">{t("residence-periods-title")}</h2>
                <p class="pt-body">{t(&format!("residence-{g}-periods-intro"))}</p>
                {periods}
                <Button text=t("residence-add-period") kind=ButtonKind::Secondary name="action" value="add-period"/>
                <h2 class="pt-heading-l">{t("residence-trips-title")}</h2>
                <p class="pt-body">{t("residence-trips-intro")}</p>
                {trips}
                <Button text=t("residence-add-trip") kind=ButtonKind::Secondary name="action" value="add-trip"/>
                <div>
                    <Button text=t("residence-calculate") name="action" value="calculate"/>
                </div>
            </form>
        </FormPage>
    }
}

/// The earliest day, what decides it, and the figures it rests on.
#[component]
fn CalculatorAnswer(answer: ResidenceAnswer) -> impl IntoView {
    let years = answer.years.to_string();
    let limit = |most: Option<i64>| most.map(|most| most.to_string()).unwrap_or_default();
    let (abroad_most, last_year_most) = (answer.abroad_most.to_string(), limit(answer.abroad_last_year_most));
    let headline = match (&answer.earliest, answer.earliest_is_today) {
        (Some(_), true) => t("residence-answer-now"),
        (Some(day), false) => t_args("residence-answer-earliest", &[("date", day)]),
        (None, _) => t("residence-answer-none"),
    };
    let decided = answer
        .decided_by
        .iter()
        .map(|code| {
            let args =
                [("years", years.as_str()), ("most", abroad_most.as_str()), ("last_year", last_year_most.as_str())];
            view! { <li>{t_args(&format!("residence-decided-{code}"), &args)}</li> }
        })
        .collect_view();
    let (counted_years, counted_days) = (answer.counted.0.to_string(), answer.counted.1.to_string());
    let mut rows = vec![
        SummaryRow {
            key: t_args("residence-answer-counted", &[("date", &answer.today)]),
            value: t_args("residence-years-days", &[("years", &counted_years), ("days", &counted_days)]),
            change_href: None,
        },
        SummaryRow {
            key: t("residence-answer-requirement"),
            value: t_args("residence-answer-requirement-value", &[("years", &years), ("basis", &t(&answer.basis))]),
            change_href: None,
        },
        SummaryRow {
            key: t("residence-answer-abroad"),
            value: t_args(
                "residence-answer-abroad-value",
                &[("days", &answer.abroad.to_string()), ("most", &abroad_most)],
            ),
            change_href: None,
        },
    ];
    if answer.abroad_last_year_most.is_some() {
        rows.push(SummaryRow {
            key: t("residence-answer-abroad-last-year"),
            value: t_args(
                "residence-answer-abroad-value",
                &[("days", &answer.abroad_last_year.to_string()), ("most", &last_year_most)],
            ),
            change_href: None,
        });
    }
    for (row, days) in &answer.contributions {
        rows.push(SummaryRow {
            key: t_args("residence-period-legend", &[("number", &(row + 1).to_string())]),
            value: t_args("residence-answer-period-days", &[("days", &days.to_string())]),
            change_href: None,
        });
    }
    view! {
        <section class="pt-panel pt-panel--answer" id="answer" aria-labelledby="answer-title">
            <h2 class="pt-heading-l" id="answer-title">{t("residence-answer-title")}</h2>
            <p class="pt-heading-m" id="earliest">{headline}</p>
            {(!answer.decided_by.is_empty()).then(|| view! {
                <p class="pt-body">{t("residence-decided-intro")}</p>
                <ul class="pt-list pt-list--bullet" id="decided-by">{decided}</ul>
            })}
            <SummaryList rows/>
            <p class="pt-body">{t("residence-answer-other-requirements")}</p>
        </section>
    }
}
