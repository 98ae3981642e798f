//! Check your answers: every answer of the application, each with a way back to change it
//! while the application is a draft; read-only once the answers are confirmed.

use super::question::item_legend;
use super::{application, ApplicationFrame, ConfirmedBanner, NoSuchApplication};
use crate::components::{SummaryList, SummaryRow};
use crate::forms::definition::{FormDef, Question, Step};
use crate::forms::display;
use crate::i18n::{t, t_args, use_lang};
use crate::page_data::ApplicationView;
use leptos::prelude::*;

/// The rows of a step's answers, each with a way to change it while that is still possible.
pub(super) fn answer_rows(view: &ApplicationView, step: &'static Step) -> Vec<SummaryRow> {
    let lang = use_lang();
    let change = view.state.is_editable().then(|| format!("{}/steps/{}?return=check", view.base, step.id));
    let row = |question: &Question, value: Option<&String>, prefix: String| SummaryRow {
        key: format!("{prefix}{}", display::label(question.id, lang)),
        value: value.map_or_else(|| t("check-not-answered"), |v| display::answer(question, v, lang)),
        change_href: change.clone(),
    };
    if step.repeat.is_some() {
        let items = view.answers.items.get(step.id).cloned().unwrap_or_default();
        return items
            .iter()
            .enumerate()
            .flat_map(|(index, item)| {
                let prefix = format!("{} – ", item_legend(step, index, lang));
                let mut with_item = view.answers.clone();
                with_item.values.extend(item.clone());
                step.questions
                    .iter()
                    .filter(|q| with_item.asks(q, view.today))
                    .map(|q| row(q, item.get(q.id), prefix.clone()))
                    .collect::<Vec<_>>()
            })
            .collect();
    }
    step.questions
        .iter()
        .filter(|q| view.answers.asks(q, view.today))
        .map(|q| row(q, view.answers.values.get(q.id), String::new()))
        .collect()
}

/// `…/check`: every answer, with a way back to change it.
#[component]
pub fn CheckPage() -> impl IntoView {
    let Some((view, def)) = application() else { return view! { <NoSuchApplication/> }.into_any() };
    let sections = def
        .sections
        .iter()
        .filter_map(|section| {
            let rows: Vec<SummaryRow> = section
                .steps
                .iter()
                .filter(|s| !s.exit && view.answers.applies(s, view.today))
                .flat_map(|s| answer_rows(&view, s))
                .collect();
            (!rows.is_empty()).then(|| {
                view! {
                    <h2 class="pt-heading-m">{t(&format!("section-{}", section.id))}</h2>
                    <SummaryList rows=rows/>
                }
            })
        })
        .collect_view();
    let complete = view.answers.is_complete(def, view.today);
    let next = format!("{}/declaration", view.base);
    let attachments_href = format!("{}/attachments", view.base);
    // The attachments, each with how many files it has.
    let attachment_rows: Vec<SummaryRow> = crate::forms::derive::attachments(def, &view.answers, view.today)
        .into_iter()
        .map(|id| {
            let count = view.files.iter().filter(|file| file.requirement == id).count();
            SummaryRow {
                key: t(&format!("attachment-{id}")),
                value: t_args("check-attachment-files", &[("count", &count.to_string())]),
                change_href: view.state.is_editable().then(|| attachments_href.clone()),
            }
        })
        .collect();
    view! {
        <ApplicationFrame view=view.clone() title=t("check-title") back=view.base.clone()>
            <h1 class="pt-heading-xl">{t("check-title")}</h1>
            <ResidenceWarning view=view.clone() def=def/>
            {sections}
            <h2 class="pt-heading-m">{t("attachments-title")}</h2>
            <SummaryList rows=attachment_rows/>
            {match (view.state.is_editable(), complete, view.attachments_complete(def)) {
                (false, _, _) => view! { <ConfirmedBanner view=view.clone()/> }.into_any(),
                (true, true, true) => view! { <p class="pt-body"><a class="pt-button" href=next>{t("check-continue")}</a></p> }.into_any(),
                (true, false, _) => view! { <p class="pt-body">{t("check-incomplete")}</p> }.into_any(),
                (true, true, false) => view! {
                    <p class="pt-body">{t("check-attachments-missing")} " "
                        <a class="pt-link" href=attachments_href.clone()>{t("attachments-title")}</a></p>
                }.into_any(),
            }}
        </ApplicationFrame>
    }
    .into_any()
}

/// Sent today, an application that counts residence time (`forms::residence`) would not yet
/// meet the requirement: said, with the earliest day it can succeed, before the declaration;
/// never in the way, as it can still be sent.
#[component]
pub(super) fn ResidenceWarning(view: ApplicationView, def: &'static FormDef) -> impl IntoView {
    let early = crate::forms::residence::sent_too_early(def, &view.answers, view.today)
        .filter(|_| view.state.is_editable() && !view.preview)?;
    let said = match early {
        Some(day) => t_args("residence-warning-day", &[("date", &day.display())]),
        None => t("residence-warning-none"),
    };
    Some(view! {
        <crate::components::NotificationBanner id="residence-warning">
            <p class="pt-notification-banner__heading">{said}</p>
            <p class="pt-body">{t("residence-warning-body")}</p>
        </crate::components::NotificationBanner>
    })
}
