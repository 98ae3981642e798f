//! The one renderer of every application: the applicant's list and the start page, the task
//! list, question pages, check your answers, the declaration, and the page that leads on to
//! payment, each in its own file; staff previews use the same pages under
//! `/staff/preview/{kind}`, and the flow map shows a form's every branch. The pages share one
//! frame ([`ApplicationFrame`]).

mod attachments;
mod check;
mod decision;
mod declaration;
mod delete;
mod flow_map;
mod list;
mod payment;
mod pre_check;
mod preview;
mod question;
mod request;
mod sending;
mod task_list;
mod visit;

pub use attachments::upload_script;
pub use attachments::AttachmentsPage;
pub use check::CheckPage;
pub use decision::DecisionPageView;
pub use declaration::DeclarationPage;
pub use delete::DeleteDraftPage;
pub use flow_map::FlowMapPage;
pub use list::{ApplicationsPage, ApplyPage};
pub use payment::{PaymentPage, ReceiptPage};
pub use pre_check::{PreCheckResultPage, PreCheckStartPage};
pub use preview::PreviewIndexPage;
pub use question::{step_script, StepPage};
pub use request::RequestPageView;
pub use sending::{receipt_watch, SendPage, SentPage};
pub use task_list::OverviewPage;
pub use visit::IdentityVisitPage;

use crate::components::{BackLink, Button, ButtonKind, NotificationBanner};
use crate::domain::application_state::ApplicationState;
use crate::forms::catalogue::use_catalogue;
use crate::forms::definition::FormDef;
use crate::i18n::{t, t_args};
use crate::page_data::{from_request, ApplicationView};
use leptos::prelude::*;
use leptos_meta::Title;

/// Shown when the page's application does not exist for this user: answered with 404.
#[component]
fn NoSuchApplication() -> impl IntoView {
    super::not_found::answer_not_found();
    view! {
        <Title text=t("not-found-title")/>
        <h1 class="pt-heading-xl">{t("not-found-title")}</h1>
        <p class="pt-body"><a class="pt-link" href="/applications">{t("applications-title")}</a></p>
    }
}

/// The application of this page and its definition, or nothing.
fn application() -> Option<(ApplicationView, &'static FormDef)> {
    let view = from_request::<ApplicationView>()?;
    let def = use_catalogue().form(&view.kind, view.version)?;
    Some((view, def))
}

/// Where an application's pages lead back to: the staff's previews, the organisation's tasks
/// for the employer's part, or the applicant's applications.
fn home(view: &ApplicationView, def: &FormDef) -> &'static str {
    match (view.preview, def.filled_by) {
        (true, _) => "/staff/preview",
        (false, crate::forms::definition::FilledBy::Employer) => "/employer",
        (false, crate::forms::definition::FilledBy::Applicant) => "/applications",
        (false, crate::forms::definition::FilledBy::Visitor) => "/pre-check",
    }
}

/// The preview banner of staff previews.
#[component]
fn PreviewBanner(view: ApplicationView) -> impl IntoView {
    view.preview.then(|| {
        let restart = format!("{}/restart", view.base);
        view! {
            <div class="pt-preview-banner" role="region" aria-label=t("preview-label")>
                <strong class="pt-tag">{t("preview-tag")}</strong>
                " "
                {t("preview-body")}
                <form method="post" action=restart class="pt-preview-banner__restart">
                    <Button text=t("preview-restart") kind=ButtonKind::Secondary/>
                </form>
            </div>
        }
    })
}

/// An application's state as its applicant follows it: once the case backend reports on the
/// case, its furthest step (`state-in-processing`, …); before, sent or received.
pub fn state_text(state: ApplicationState, received: bool, stage: Option<&str>) -> String {
    match stage {
        Some(kind) => t(&format!("state-{kind}")),
        None => t(state.shown(received)),
    }
}

/// What a confirmed application shows where a draft has its forms: that the answers are
/// confirmed, its state, and what comes next.
#[component]
fn ConfirmedBanner(view: ApplicationView) -> impl IntoView {
    let received = view.sending.as_ref().is_some_and(|sending| sending.received_on.is_some());
    let stage = view.sending.as_ref().and_then(|sending| sending.furthest()).map(|event| event.kind.as_str());
    let state = state_text(view.state, received, stage);
    let next = match view.state {
        ApplicationState::Sent => Some((format!("{}/sent", view.base), t("overview-to-sent"))),
        _ if sending::can_send(&view) => Some((format!("{}/send", view.base), t("overview-to-send"))),
        ApplicationState::ReadyToPay => Some((format!("{}/payment", view.base), t("overview-to-payment"))),
        ApplicationState::Draft => None,
    };
    let next = next.map(|(href, text)| view! { <p class="pt-body"><a class="pt-link" href=href>{text}</a></p> });
    view! {
        <NotificationBanner id="ready-banner">
            <p class="pt-notification-banner__heading">{t("overview-declared")}</p>
            <p class="pt-body">{t_args("overview-state", &[("state", &state)])}</p>
            {next}
        </NotificationBanner>
    }
}

/// What every page of an application has around its content: the document's title (with
/// "Error:" before it when the page shows errors), the preview banner of staff previews, and
/// the link back.
#[component]
fn ApplicationFrame(
    view: ApplicationView,
    #[prop(into)] title: String,
    #[prop(optional)] has_errors: bool,
    #[prop(optional, into)] back: Option<String>,
    children: Children,
) -> impl IntoView {
    let title = if has_errors { format!("{} {title}", t("error-prefix")) } else { title };
    view! {
        <Title text=title/>
        <PreviewBanner view=view/>
        {back.map(|href| view! { <BackLink href=href/> })}
        {children()}
    }
}
