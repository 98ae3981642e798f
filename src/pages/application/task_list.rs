//! The task list of an application: its sections, their progress, and where to go on.

use super::{application, ApplicationFrame, ConfirmedBanner, NoSuchApplication};
use crate::components::{NotificationBanner, Task, TaskList, TaskStatus};
use crate::domain::application_state::ApplicationState;
use crate::domain::payment_state::PaymentState;
use crate::forms::answers::Progress;
use crate::forms::definition::{Section, Step};
use crate::forms::derive;
use crate::i18n::{t, t_args};
use crate::page_data::ApplicationView;
use leptos::prelude::*;

fn task_status(progress: Progress) -> TaskStatus {
    match progress {
        Progress::NotStarted => TaskStatus::NotStarted,
        Progress::InProgress => TaskStatus::InProgress,
        Progress::Completed => TaskStatus::Completed,
        Progress::NotNeeded => TaskStatus::CannotStartYet,
    }
}

/// Where a section's task link goes: its first step that applies and is not done, else its
/// first step that applies.
fn section_href(view: &ApplicationView, section: &Section) -> Option<String> {
    let applies = |step: &&Step| !step.exit && view.answers.applies(step, view.today);
    let first = section.steps.iter().filter(applies).find(|s| !view.answers.done.contains(s.id));
    let step = first.or_else(|| section.steps.iter().find(applies))?;
    Some(format!("{}/steps/{}", view.base, step.id))
}

/// `/applications/{id}`: the task list of the application.
#[component]
pub fn OverviewPage() -> impl IntoView {
    let Some((view, def)) = application() else { return view! { <NoSuchApplication/> }.into_any() };
    let title = t(&format!("form-{}-title", def.kind));
    let today = view.today;
    let mut tasks: Vec<Task> = def
        .sections
        .iter()
        .map(|section| {
            let progress = view.answers.progress(section, today);
            Task {
                title: t(&format!("section-{}", section.id)),
                href: (progress != Progress::NotNeeded && view.state.is_editable())
                    .then(|| section_href(&view, section))
                    .flatten(),
                hint: None,
                status: task_status(progress),
            }
        })
        .collect();
    let complete = view.answers.is_complete(def, today);
    let confirmed = !view.state.is_editable();
    let missing = view.missing_attachments(def).len();
    let needed = derive::attachments(def, &view.answers, today).len();
    tasks.push(Task {
        title: t("overview-attachments"),
        href: Some(format!("{}/attachments", view.base)),
        hint: (missing > 0 && !view.preview)
            .then(|| t_args("overview-attachments-missing", &[("count", &missing.to_string())])),
        status: match (confirmed || missing == 0, missing < needed) {
            (true, _) => TaskStatus::Completed,
            (false, true) => TaskStatus::InProgress,
            (false, false) => TaskStatus::NotStarted,
        },
    });
    tasks.push(Task {
        title: t("overview-check"),
        href: (complete && !confirmed).then(|| format!("{}/check", view.base)),
        hint: None,
        status: match (confirmed, complete) {
            (true, _) => TaskStatus::Completed,
            (false, true) => TaskStatus::NotStarted,
            (false, false) => TaskStatus::CannotStartYet,
        },
    });
    let lang = crate::i18n::use_lang();
    // Without a fee (the employer's part), the declaration sends it.
    let free = def.fees.is_empty();
    tasks.push(Task {
        title: t(if free { "overview-send" } else { "overview-pay" }),
        href: match view.state {
            ApplicationState::Draft => None,
            ApplicationState::ReadyToPay if free => None,
            ApplicationState::ReadyToPay if super::sending::can_send(&view) => Some(format!("{}/send", view.base)),
            ApplicationState::ReadyToPay => Some(format!("{}/payment", view.base)),
            ApplicationState::Sent => Some(format!("{}/sent", view.base)),
        },
        // The fee follows from the answers (a specialist's differs from an employee's): said.
        hint: super::payment::fee_today(&view, def).map(|price| {
            let category = t(&format!("fee-{}", price.category));
            t_args("overview-fee", &[("amount", &lang.euros(price.cents)), ("category", &category)])
        }),
        status: match (view.state, view.payment.as_ref().map(|p| p.state)) {
            (ApplicationState::Draft, _) => TaskStatus::CannotStartYet,
            (ApplicationState::Sent, _) | (_, Some(PaymentState::Paid)) => TaskStatus::Completed,
            (ApplicationState::ReadyToPay, Some(state)) if state.is_open() => TaskStatus::InProgress,
            (ApplicationState::ReadyToPay, _) => TaskStatus::NotStarted,
        },
    });
    let exit = view.answers.exit(def, today).map(|step| {
        let href = format!("{}/steps/{}", view.base, step.id);
        view! {
            <NotificationBanner id="exit-banner">
                <p class="pt-notification-banner__heading">{t(&format!("step-{}", step.id))}</p>
                <p class="pt-body"><a class="pt-link" href=href>{t("overview-exit-link")}</a></p>
            </NotificationBanner>
        }
    });
    let ready = confirmed.then(|| view! { <ConfirmedBanner view=view.clone()/> });
    let kept = view
        .expires_on
        .clone()
        .map(|date| view! { <p class="pt-body">{t_args("overview-kept-until", &[("date", &date)])}</p> });
    // Coming back, the applicant goes on from the first step that is not finished.
    let resume = (view.state.is_editable())
        .then(|| view.answers.first_unfinished(def, today))
        .flatten()
        .filter(|_| view.answers.exit(def, today).is_none())
        .map(|step| {
            let href = format!("{}/steps/{}", view.base, step.id);
            view! { <p class="pt-body"><a class="pt-button" id="resume" href=href>{t("overview-continue")}</a></p> }
        });
    let back = super::home(&view, def).to_string();
    view! {
        <ApplicationFrame view=view.clone() title=title.clone() back=back>
        <h1 class="pt-heading-xl">{title}</h1>
        {exit}
        {ready}
        {kept}
        {resume}
        {(view.state != ApplicationState::Sent).then(|| view! { <super::payment::FeeChange view=view.clone() def=def/> })}
        <TaskList id="sections" tasks=tasks/>
        {(view.state.is_editable() && !view.preview).then(|| {
            let href = format!("{}/delete", view.base);
            view! { <p class="pt-body"><a class="pt-link" href=href>{t("overview-delete-draft")}</a></p> }
        })}
        </ApplicationFrame>
    }
    .into_any()
}
