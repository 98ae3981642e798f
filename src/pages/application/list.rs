//! The applicant's list of applications, and the page that starts one.

use super::NoSuchApplication;
use crate::components::{BackLink, Button};
use crate::domain::application_state::ApplicationState;
use crate::forms::catalogue::use_catalogue;
use crate::forms::definition::FormDef;
use crate::i18n::{t, t_args};
use crate::page_data::{from_request, ApplyStart, MyApplications};
use leptos::prelude::*;
use leptos_meta::Title;

/// `/applications`: the applicant's applications, and the ones they can start.
#[component]
pub fn ApplicationsPage() -> impl IntoView {
    let mine = from_request::<MyApplications>().unwrap_or_default().items;
    let rows = mine
        .into_iter()
        .map(|item| {
            let title = t(&format!("form-{}-title", item.kind));
            let status = if item.decision_waiting {
                t("state-decision-waiting")
            } else if item.open_requests > 0 {
                t("state-information-requested")
            } else {
                super::state_text(item.state, item.received, item.stage.as_deref())
            };
            let detail = match &item.reference {
                Some(reference) => t_args("applications-reference", &[("reference", reference)]),
                None => t_args("applications-kept-until", &[("date", &item.expires_on)]),
            };
            view! {
                <li class="pt-application-list__item">
                    <a class="pt-link pt-application-list__link" href=item.base.clone()>{title}</a>
                    " "
                    <strong class="pt-tag pt-tag--blue">{status}</strong>
                    <p class="pt-body pt-application-list__meta">
                        {t_args(
                            if item.state == ApplicationState::Sent { "applications-sent-on" } else { "applications-saved-on" },
                            &[("date", &item.updated_on)],
                        )}
                        " · "
                        {detail}
                    </p>
                </li>
            }
        })
        .collect_view();
    view! {
        <Title text=t("applications-title")/>
        <h1 class="pt-heading-xl">{t("applications-title")}</h1>
        <ul class="pt-list pt-application-list">{rows}</ul>
        <h2 class="pt-heading-l">{t("applications-start-title")}</h2>
        <FormChoices href_prefix="/apply/"/>
    }
}

/// Every form an applicant fills in, with its title and who it is for, each linking to
/// `{href_prefix}{kind}`.
#[component]
fn FormChoices(#[prop(into)] href_prefix: String) -> impl IntoView {
    use_catalogue()
        .current()
        .filter(|def| def.filled_by == crate::forms::definition::FilledBy::Applicant)
        .map(|def| {
            let href = format!("{href_prefix}{}", def.kind);
            view! {
                <h3 class="pt-heading-m"><a class="pt-link" href=href>{t(&format!("form-{}-title", def.kind))}</a></h3>
                <p class="pt-body">{t(&format!("form-{}-intro", def.kind))}</p>
            }
        })
        .collect_view()
}

/// `/apply/{kind}`: what the application is for and what to have at hand, then start.
#[component]
pub fn ApplyPage() -> impl IntoView {
    let kind = leptos_router::hooks::use_params_map().get_untracked().get("kind").unwrap_or_default();
    // The employer's part is started from an organisation's task, never here.
    let applicants = |def: &&FormDef| def.filled_by == crate::forms::definition::FilledBy::Applicant;
    let Some(def) = use_catalogue().latest(&kind).filter(applicants) else {
        return view! { <NoSuchApplication/> }.into_any();
    };
    let title = t(&format!("form-{}-title", def.kind));
    let action = format!("/apply/{}", def.kind);
    let start = from_request::<ApplyStart>();
    let fees = start.as_ref().map(|start| view! { <super::payment::FeesOfForm def=def today=start.today/> });
    view! {
        <Title text=title.clone()/>
        <BackLink href="/applications"/>
        <h1 class="pt-heading-xl">{title}</h1>
        <p class="pt-body-l">{t(&format!("form-{}-intro", def.kind))}</p>
        <h2 class="pt-heading-m">{t("apply-before-title")}</h2>
        <ul class="pt-list pt-list--bullet">
            <li>{t("apply-before-passport")}</li>
            <li>{t("apply-before-attachments")}</li>
            <li>{t("apply-before-fee")}</li>
        </ul>
        {fees}
        <p class="pt-body">{t("apply-before-drafts")}</p>
        {match start.and_then(|start| start.draft) {
            // One draft of a kind: the one there is goes on.
            Some(draft) => view! {
                <div class="pt-inset-text" id="open-draft">
                    <p class="pt-body">{t_args("apply-draft-exists", &[("date", &draft.updated_on)])}</p>
                    <p class="pt-body"><a class="pt-button" href=draft.base>{t("apply-continue-draft")}</a></p>
                </div>
            }
            .into_any(),
            None => view! {
                <form method="post" action=action>
                    <Button text=t("apply-start")/>
                </form>
            }
            .into_any(),
        }}
    }
    .into_any()
}
