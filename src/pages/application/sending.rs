//! Sending: the page with the "Send" button once the application is declared and paid, and
//! the confirmation after it, which follows the application until the immigration service
//! has received it.

use super::{application, ApplicationFrame, NoSuchApplication};
use crate::components::{Button, SummaryList, SummaryRow};
use crate::domain::application_state::ApplicationState;
use crate::domain::payment_state::PaymentState;
use crate::i18n::{t, t_args};
use crate::page_data::ApplicationView;
use crate::page_scripts::ReceiptWatch;
use leptos::prelude::*;

/// Whether the application may be sent now: declared, and its fee paid.
pub fn can_send(view: &ApplicationView) -> bool {
    view.state == ApplicationState::ReadyToPay && view.payment.as_ref().is_some_and(|p| p.state == PaymentState::Paid)
}

/// `…/send`: what sending means, and the button.
#[component]
pub fn SendPage() -> impl IntoView {
    let Some((view, def)) = application() else { return view! { <NoSuchApplication/> }.into_any() };
    let body = if view.state == ApplicationState::Sent {
        let sent = format!("{}/sent", view.base);
        view! { <p class="pt-body"><a class="pt-link" href=sent>{t("send-already")}</a></p> }.into_any()
    } else if can_send(&view) {
        let action = format!("{}/send", view.base);
        let row = |key: String, value: String| SummaryRow { key, value, change_href: None };
        let rows = vec![
            row(t("send-application"), t(&format!("form-{}-title", def.kind))),
            row(t("payment-reference"), view.reference.clone().unwrap_or_default()),
            row(t("send-fee"), t("payment-paid")),
            row(t("send-attachments"), view.files.len().to_string()),
        ];
        view! {
            <SummaryList rows=rows/>
            <p class="pt-body">{t("send-final")}</p>
            <form method="post" action=action>
                <Button text=t("send-submit")/>
            </form>
        }
        .into_any()
    } else {
        let payment = format!("{}/payment", view.base);
        view! {
            <p class="pt-body">{t("send-not-ready")}</p>
            <p class="pt-body"><a class="pt-link" href=payment>{t("overview-to-payment")}</a></p>
        }
        .into_any()
    };
    view! {
        <ApplicationFrame view=view.clone() title=t("send-title")>
        <h1 class="pt-heading-xl">{t("send-title")}</h1>
        {body}
        </ApplicationFrame>
    }
    .into_any()
}

/// How often, and how many times, the sent page asks again for receipt with scripts: every
/// 5 seconds for 10 minutes, which covers the usual few minutes; after that, the link.
const WATCH_EVERY_SECONDS: u32 = 5;
const WATCH_TIMES: u32 = 120;

/// The sent page's watch for receipt, while the application is sent and not yet received.
pub fn receipt_watch() -> Option<ReceiptWatch> {
    let (view, _) = application()?;
    let page = format!("{}/sent", view.base);
    let waiting = view.sending.as_ref().is_some_and(|sending| sending.received_on.is_none());
    (waiting && crate::page_data::request_path()? == page).then_some(ReceiptWatch {
        page,
        every_seconds: WATCH_EVERY_SECONDS,
        times: WATCH_TIMES,
    })
}

/// Where a step of the timeline stands.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Step {
    Done,
    Now,
    Later,
}

impl Step {
    /// The first step not done is the one for now; those after it are later.
    fn of(done: bool, earlier_all_done: bool) -> Step {
        match (done, earlier_all_done) {
            (true, _) => Step::Done,
            (false, true) => Step::Now,
            (false, false) => Step::Later,
        }
    }
}

/// One step of the timeline: its label (done, now, later) and what it says.
fn timeline_step(id: &'static str, step: Step, text: String) -> impl IntoView {
    let (class, label) = match step {
        Step::Done => ("pt-timeline__step pt-timeline__step--done", t("sent-step-done")),
        Step::Now => ("pt-timeline__step pt-timeline__step--now", t("sent-step-now")),
        Step::Later => ("pt-timeline__step", t("sent-step-later")),
    };
    let tag = if step == Step::Now { "pt-tag pt-tag--blue" } else { "pt-tag pt-tag--light-blue" };
    view! { <li id=id class=class><strong class=tag>{label}</strong>" "{text}</li> }
}

/// The case's way, as far as it has come: sent, received, the identity visit (the one the
/// immigration service asked for, or the one due within three months at the chosen service
/// point), processing, and the decision; each with its day once it happened, and what to do
/// for the step that is now.
fn timeline(sending: &crate::page_data::SendingView, kind: &str, chosen_point: &str) -> impl IntoView {
    let stage = sending.furthest().map_or(0, |event| event.stage);
    let received = sending.received_on.is_some();
    let received_text = match &sending.received_on {
        Some(day) => t_args("sent-next-received", &[("date", day)]),
        None => t("sent-next-receive"),
    };
    let visit_text = match sending.last("identity-visit-needed").and_then(|event| event.visit.as_ref()) {
        Some(visit) => {
            let place = t(&format!("q-service-point-{}", visit.place));
            t_args("sent-visit-asked", &[("place", &place), ("date", &visit.by)])
        }
        None => {
            let place = t(&format!("q-service-point-{chosen_point}"));
            t_args("sent-next-visit", &[("place", &place), ("date", &sending.visit_by)])
        }
    };
    let processing = sending.last("in-processing");
    let processing_text = match processing {
        Some(event) => t_args("sent-processing-since", &[("date", &event.on)]),
        None => t("sent-processing-later"),
    };
    // Processing starts at the identity visit, which the case's first `in-processing` follows;
    // the days it waited for the applicant's replies move the dates on.
    let waited = sending.requests.iter().map(|request| request.waited_days).sum();
    let started = sending.events.iter().find(|event| event.kind == "in-processing").map(|event| event.date);
    let estimate = started
        .filter(|_| sending.decision.is_none())
        .and_then(|started| crate::domain::processing_time::estimate(kind, started, waited))
        .map(|estimate| {
            let (most, longest) =
                (estimate.figures.most_months.to_string(), estimate.figures.longest_months.to_string());
            let text = t_args(
                "sent-estimate",
                &[
                    ("most", &most),
                    ("most_by", &estimate.most_by.display()),
                    ("longest", &longest),
                    ("latest", &estimate.latest.display()),
                ],
            );
            view! {
                <p class="pt-body" id="sent-estimate">{text}</p>
                <p class="pt-hint">{t(estimate.figures.source)}</p>
            }
        });
    let in_processing = processing.is_some() || stage >= 3;
    let decided = sending.decision.as_ref();
    let decision_text = match decided {
        Some(decision) => t_args("sent-decision-made", &[("date", &decision.made_on)]),
        None => t("sent-next-news"),
    };
    view! {
        <ol class="pt-timeline" id="sent-timeline">
            {timeline_step("sent-step-sent", Step::Done, t_args("sent-step-sent-on", &[("date", &sending.sent_on)]))}
            {timeline_step("sent-next-first", Step::of(received, true), received_text)}
            {timeline_step("sent-visit", Step::of(in_processing, received), visit_text)}
            {timeline_step("sent-processing", Step::of(decided.is_some(), in_processing), processing_text)}
            {timeline_step("sent-decision", Step::of(decided.is_some(), decided.is_some()), decision_text)}
        </ol>
        {estimate}
    }
}

/// The decision, once there to open: what it means to open it (or, once opened, the last day to
/// appeal), and the way to it.
fn decision(base: &str, decision: Option<&crate::page_data::DecisionView>) -> Option<impl IntoView> {
    let decision = decision.filter(|decision| decision.available)?;
    let href = format!("{base}/decision");
    let (text, link) = match &decision.appeal_until {
        Some(until) if decision.opened_on.is_some() => {
            (t_args("sent-decision-appeal", &[("date", until)]), t("sent-decision-see"))
        }
        _ => (t("sent-decision-waiting"), t("decision-open-link")),
    };
    Some(view! {
        <div class="pt-notification-banner" role="region" aria-labelledby="decision-title" id="decision">
            <div class="pt-notification-banner__header">
                <h2 class="pt-notification-banner__title" id="decision-title">{t("decision-banner-title")}</h2>
            </div>
            <div class="pt-notification-banner__content">
                <p class="pt-body">{text}</p>
                <p class="pt-body"><a class="pt-link" id="decision-link" href=href>{link}</a></p>
            </div>
        </div>
    })
}

/// The requests for additional information waiting for a reply, each a task: what it is, by
/// which day and how many days are left (or that the day has passed), and the way to it.
fn requests(base: &str, requests: &[crate::page_data::RequestView]) -> Option<impl IntoView> {
    let open: Vec<_> = requests.iter().filter(|request| request.answered_on.is_none() && !request.own).collect();
    if open.is_empty() {
        return None;
    }
    let items = open
        .into_iter()
        .map(|request| {
            let href = format!("{base}/requests/{}", request.public_id);
            let days = request.days_left.to_string();
            let when = if request.days_left >= 0 {
                t_args("request-due", &[("date", &request.due_on), ("days", &days)])
            } else {
                t_args("request-overdue", &[("date", &request.due_on)])
            };
            view! {
                <li class="pt-task">
                    <a class="pt-link" href=href>{t("request-answer")}</a>
                    <p class="pt-body">{when}</p>
                </li>
            }
        })
        .collect_view();
    Some(view! {
        <div class="pt-notification-banner" role="region" aria-labelledby="requests-title" id="requests">
            <div class="pt-notification-banner__header">
                <h2 class="pt-notification-banner__title" id="requests-title">{t("request-title")}</h2>
            </div>
            <div class="pt-notification-banner__content">
                <p class="pt-body">{t("request-intro")}</p>
                <ul class="pt-list">{items}</ul>
            </div>
        </div>
    })
}

/// The employer's part of the application, as its applicant follows it: waiting for the
/// employer, or arrived; while the employer has not started, the consent can be withdrawn.
fn employer_part(base: &str, employer: crate::page_data::EmployerPartView) -> impl IntoView {
    let text = match &employer.arrived_on {
        Some(day) => t_args("employer-part-arrived", &[("date", day)]),
        None => t_args("employer-part-waiting", &[("id", &employer.business_id)]),
    };
    let withdraw = (!employer.started).then(|| {
        let action = format!("{base}/employer-consent");
        view! {
            <p class="pt-body">{t("employer-consent-withdraw-intro")}</p>
            <form method="post" action=action>
                <Button text=t("employer-consent-withdraw") kind=crate::components::ButtonKind::Warning/>
            </form>
        }
    });
    view! {
        <h2 class="pt-heading-m" id="employer-part-title">{t("employer-part-title")}</h2>
        <p class="pt-body" id="employer-part">{text}</p>
        {withdraw}
    }
}

/// The employer's part once sent: its reference, whether the case backend has it, and the way
/// back to the organisation's tasks.
#[component]
fn TermsSent(view: ApplicationView, sending: crate::page_data::SendingView) -> impl IntoView {
    let status = match &sending.received_on {
        Some(day) => t_args("terms-sent-received-on", &[("date", day)]),
        None => t("terms-sent-waiting"),
    };
    view! {
        <ApplicationFrame view=view.clone() title=t("terms-sent-title") back="/employer".to_string()>
        <div class="pt-panel" id="sent-panel">
            <h1 class="pt-panel__title">{t("terms-sent-title")}</h1>
            <p class="pt-panel__body">{t("payment-reference")}<br/><strong class="pt-reference">{view.reference.clone()}</strong></p>
        </div>
        <p class="pt-body">{t_args("terms-sent-what", &[("date", &sending.sent_on)])}</p>
        <p class="pt-body" id="sent-status" aria-live="polite">{status}</p>
        {requests(&view.base, &sending.requests)}
        <p class="pt-body"><a class="pt-link" href="/employer">{t("terms-sent-to-tasks")}</a></p>
        </ApplicationFrame>
    }
}

/// `…/sent`: the confirmation: the reference, and where the application is (a timeline of what
/// the case backend reported, and what to do now).
#[component]
pub fn SentPage() -> impl IntoView {
    let Some((view, def)) = application() else { return view! { <NoSuchApplication/> }.into_any() };
    let Some(sending) = view.sending.clone() else {
        let send = format!("{}/send", view.base);
        return view! {
            <ApplicationFrame view=view.clone() title=t("send-title")>
            <h1 class="pt-heading-xl">{t("send-title")}</h1>
            <p class="pt-body"><a class="pt-link" href=send>{t("sent-not-yet")}</a></p>
            </ApplicationFrame>
        }
        .into_any();
    };
    if def.filled_by == crate::forms::definition::FilledBy::Employer {
        return view! { <TermsSent view=view.clone() sending=sending/> }.into_any();
    }
    let point = view.answers.get("service-point").unwrap_or_default().to_string();
    let status = match &sending.received_on {
        Some(day) => t_args("sent-received-on", &[("date", day)]),
        None => t("sent-waiting"),
    };
    // Not received yet: a plain link asks again (B25), the page never reloads itself; once
    // received, the first of the next steps is done and says so.
    let sent_page = format!("{}/sent", view.base);
    let check_again = sending.received_on.is_none().then(
        || view! { <p class="pt-body"><a class="pt-link" id="sent-check-again" href=sent_page>{t("sent-check-again")}</a></p> },
    );
    let stage = sending.furthest().map(|event| event.kind.as_str());
    let state = super::state_text(view.state, sending.received_on.is_some(), stage);
    let receipt = format!("{}/receipt", view.base);
    view! {
        <ApplicationFrame view=view.clone() title=t("sent-title") back="/applications".to_string()>
        <div class="pt-panel" id="sent-panel">
            <h1 class="pt-panel__title">{t("sent-title")}</h1>
            <p class="pt-panel__body">{t("payment-reference")}<br/><strong class="pt-reference">{view.reference.clone()}</strong></p>
            {sending.case_id.clone().map(|case| view! {
                <p class="pt-panel__body" id="sent-case">{t("decision-case-id")}<br/><strong class="pt-reference">{case}</strong></p>
            })}
        </div>
        <p class="pt-body">{t_args("sent-what", &[("application", &t(&format!("form-{}-title", def.kind))), ("date", &sending.sent_on)])}</p>
        <p class="pt-body" id="sent-status" aria-live="polite"><strong class="pt-tag pt-tag--blue">{state}</strong>" "{status}</p>
        {check_again}
        {decision(&view.base, sending.decision.as_ref())}
        {requests(&view.base, &sending.requests)}
        {sending.employer.clone().map(|employer| employer_part(&view.base, employer))}
        {sending.case_id.is_some().then(|| {
            let action = format!("{}/more", view.base);
            view! {
                <h2 class="pt-heading-m">{t("more-title")}</h2>
                <p class="pt-body">{t("more-intro")}</p>
                <form method="post" action=action>
                    <Button text=t("more-start") kind=crate::components::ButtonKind::Secondary/>
                </form>
            }
        })}
        <h2 class="pt-heading-m">{t("sent-next-title")}</h2>
        {timeline(&sending, def.kind, &point)}
        <p class="pt-body">
            <a class="pt-link" id="visit-pack-link" href=format!("{}/identity-visit", view.base)>{t("visit-link")}</a>
        </p>
        <p class="pt-body"><a class="pt-link" href=receipt>{t("payment-receipt-link")}</a></p>
        <p class="pt-body"><a class="pt-link" href="/applications">{t("sent-to-list")}</a></p>
        </ApplicationFrame>
    }
    .into_any()
}
