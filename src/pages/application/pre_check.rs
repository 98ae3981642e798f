//! "Which application do I need?": the pre-check's start page and its result. Its questions
//! are steps of the form engine (`catalogue::PRE_CHECK`), shown by the step page; the result
//! follows from the answers by `forms::pre_check`, in the page itself.

use crate::components::{Button, ButtonKind, StartButton, SummaryList, SummaryRow};
use crate::forms::catalogue::{use_catalogue, PRE_CHECK};
use crate::forms::pre_check::{self, Offer};
use crate::i18n::{t, t_args, use_lang};
use crate::page_data::{from_request, PreCheckAnswers};
use leptos::prelude::*;
use leptos_meta::Title;

/// The pre-check's address of `step`.
fn step_path(step: &str) -> String {
    format!("/pre-check/steps/{step}")
}

#[component]
pub fn PreCheckStartPage() -> impl IntoView {
    let first = PRE_CHECK.steps().next().map(|(_, step)| step.id).unwrap_or_default();
    view! {
        <Title text=t("pre-check-title")/>
        <div class="pt-grid-row">
            <div class="pt-grid-column-two-thirds">
                <h1 class="pt-heading-xl">{t("pre-check-title")}</h1>
                <p class="pt-body-l">{t("pre-check-lead")}</p>
                <p class="pt-body">{t("pre-check-intro")}</p>
                <p class="pt-body">{t("pre-check-kept")}</p>
                <StartButton href=step_path(first) text=t("pre-check-start")/>
            </div>
        </div>
    }
}

#[component]
pub fn PreCheckResultPage() -> impl IntoView {
    // The server always provides them (`applications::web::pre_check_result`).
    let Some(PreCheckAnswers { answers, today }) = from_request::<PreCheckAnswers>() else {
        return view! { <crate::pages::NotFoundPage/> }.into_any();
    };
    let catalogue = use_catalogue();
    let def = catalogue.latest(pre_check::KIND).unwrap_or(&PRE_CHECK);
    let body = match answers.exit(def, today).or_else(|| answers.first_unfinished(def, today)) {
        // Not answered to the end (or stopped at an exit): back to where it stands.
        Some(step) => view! {
            <p class="pt-body" id="pre-check-unfinished">
                <a class="pt-link" href=step_path(step.id)>{t("pre-check-unfinished")}</a>
            </p>
        }
        .into_any(),
        None => {
            let offers = pre_check::offers(&catalogue, &answers, today);
            let living_here = answers.get("purpose") == Some("living-in-finland");
            view! {
                <p class="pt-body-l">{t(if offers.len() > 1 { "pre-check-result-several" } else { "pre-check-result-one" })}</p>
                {offers.into_iter().map(|offer| view! { <OfferSection offer/> }).collect_view()}
                {living_here.then(|| view! {
                    <p class="pt-body">
                        {t("pre-check-calculators")}" "
                        <a class="pt-link" href="/calculators/citizenship">{t("residence-citizenship-title")}</a>", "
                        <a class="pt-link" href="/calculators/permanent">{t("residence-permanent-title")}</a>
                    </p>
                })}
                <p class="pt-body">{t("pre-check-carried")}</p>
            }
            .into_any()
        }
    };
    view! {
        <Title text=t("pre-check-result-title")/>
        <div class="pt-grid-row">
            <div class="pt-grid-column-two-thirds">
                <h1 class="pt-heading-xl">{t("pre-check-result-title")}</h1>
                {body}
                <form method="post" action="/pre-check/restart">
                    <Button text=t("pre-check-restart") kind=ButtonKind::Secondary/>
                </form>
            </div>
        </div>
    }
    .into_any()
}

/// One application that fits: what it asks, its fee today, the documents it will need, and
/// the way to start it.
#[component]
fn OfferSection(offer: Offer) -> impl IntoView {
    let lang = use_lang();
    let kind = offer.kind;
    let title = t(&format!("form-{kind}-title"));
    let fee = match offer.fee {
        Some(price) => {
            let amount = lang.euros(price.cents);
            let said = t_args("pre-check-fee-value", &[("amount", &amount), ("basis", &t(price.basis))]);
            if price.confirmed {
                said
            } else {
                format!("{said} {}", t("pre-check-fee-approximate"))
            }
        }
        None => t("pre-check-fee-none"),
    };
    let documents = offer.documents.iter().map(|id| view! { <li>{t(&format!("attachment-{id}"))}</li> }).collect_view();
    view! {
        <section class="pt-offer-result" id=format!("offer-{kind}") aria-labelledby=format!("offer-{kind}-title")>
            <h2 class="pt-heading-l" id=format!("offer-{kind}-title")>{title.clone()}</h2>
            <p class="pt-body">{t(&format!("pre-check-conditions-{kind}"))}</p>
            <SummaryList rows=vec![SummaryRow { key: t("pre-check-fee"), value: fee, change_href: None }]/>
            <h3 class="pt-heading-s">{t("pre-check-documents")}</h3>
            <ul class="pt-list pt-list--bullet">{documents}</ul>
            <p class="pt-body">
                <a class="pt-button" href=format!("/apply/{kind}") id=format!("start-{kind}")>
                    {t_args("pre-check-apply", &[("application", &title)])}
                </a>
            </p>
        </section>
    }
}
