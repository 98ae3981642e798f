//! A decision on an application: that it was made, and what opening it means (it is served
//! then, and the appeal period starts), with the button that opens it; once opened, when it
//! was served, the last day to appeal, and its document. A plain form: it works without
//! JavaScript.

use super::NoSuchApplication;
use crate::components::{BackLink, Button, SummaryList, SummaryRow};
use crate::i18n::{t, t_args};
use crate::page_data::{from_request, DecisionPage};
use crate::pages::account::{form_state, FormPage};
use leptos::prelude::*;

/// `/applications/{id}/decision`.
#[component]
pub fn DecisionPageView() -> impl IntoView {
    let Some(page) = from_request::<DecisionPage>() else { return view! { <NoSuchApplication/> }.into_any() };
    let decision = page.decision.clone();
    let row = |key: String, value: String| SummaryRow { key, value, change_href: None };
    let mut rows = vec![
        row(t("decision-application"), t(&format!("form-{}-title", page.kind))),
        row(t("payment-reference"), page.reference.clone().unwrap_or_default()),
    ];
    rows.extend(page.case_id.clone().map(|case| row(t("decision-case-id"), case)));
    rows.push(row(t("decision-made-on"), decision.made_on.clone()));
    let body = match (&decision.opened_on, &decision.served_on, &decision.appeal_until) {
        (Some(_), Some(served), Some(until)) => {
            let served_text = if decision.served_by_post {
                t_args("decision-served-by-post", &[("date", served)])
            } else {
                t_args("decision-served-on", &[("date", served)])
            };
            let href = format!("{}/decision/document", page.base);
            view! {
                <div class="pt-panel pt-panel--confirmation" id="decision-opened">
                    <h2 class="pt-panel__title">{served_text}</h2>
                </div>
                <p class="pt-body" id="decision-appeal">{t_args("decision-appeal", &[("served", served), ("date", until)])}</p>
                <p class="pt-body"><a class="pt-link" id="decision-document" href=href download="">{t("decision-document")}</a></p>
                <p class="pt-body" id="decision-kept">{t_args("decision-kept", &[("date", &decision.kept_until.clone().unwrap_or_default())])}</p>
            }
            .into_any()
        }
        _ => {
            let action = format!("{}/decision", page.base);
            let intro = match &decision.served_on {
                Some(served) => t_args("decision-posted", &[("date", served)]),
                None => t("decision-open-intro"),
            };
            view! {
                <p class="pt-body" id="decision-intro">{intro}</p>
                <form method="post" action=action>
                    <Button text=t("decision-open")/>
                </form>
            }
            .into_any()
        }
    };
    view! {
        <BackLink href=format!("{}/sent", page.base)/>
        <FormPage title=t("decision-title") state=form_state()>
            <SummaryList rows=rows/>
            {body}
        </FormPage>
    }
    .into_any()
}
