//! The front page: what the service is for and the four applications it offers.

use crate::components::{Block, Prose};
use crate::i18n::t;
use crate::page_data::{from_request, AccountSummary};
use leptos::prelude::*;
use leptos_meta::Title;

/// An application the service offers: its name and who it is for.
struct Offer {
    id: &'static str,
    title_msg: &'static str,
    audience_msg: &'static str,
}

const OFFERS: [Offer; 4] = [
    Offer { id: "first-permit", title_msg: "start-first-title", audience_msg: "start-first-audience" },
    Offer { id: "extended-permit", title_msg: "start-extended-title", audience_msg: "start-extended-audience" },
    Offer { id: "permanent-permit", title_msg: "start-permanent-title", audience_msg: "start-permanent-audience" },
    Offer { id: "citizenship", title_msg: "start-citizenship-title", audience_msg: "start-citizenship-audience" },
];

const BEFORE_YOU_START: &[Block] = &[
    Block::Heading("start-before-heading"),
    Block::Para("start-before-intro"),
    Block::List(&["start-before-passport", "start-before-attachments", "start-before-fee", "start-before-visit"]),
];

/// The way on for who is here: an applicant (or a visitor, who is asked to log in first) to
/// their applications; an employer to what the employer service offers; staff to their pages.
fn what_you_can_do() -> impl IntoView {
    let role = from_request::<AccountSummary>().map(|account| account.role_msg);
    let (href, text) = match role.as_deref() {
        Some("role-employer") => ("/employer", "start-employer-link"),
        Some("role-staff") => ("/staff", "staff-title"),
        _ => ("/applications", "start-applications-link"),
    };
    view! { <a class="pt-link" href=href>{t(text)}</a> }
}

#[component]
pub fn StartPage() -> impl IntoView {
    let offers = OFFERS
        .iter()
        .map(|offer| {
            view! {
                <li class="pt-offer">
                    <h3 class="pt-heading-s" id=format!("offer-{}", offer.id)>{t(offer.title_msg)}</h3>
                    <p class="pt-body">{t(offer.audience_msg)}</p>
                </li>
            }
        })
        .collect_view();
    view! {
        <Title text=t("start-title")/>
        <h1 class="pt-heading-xl">{t("start-title")}</h1>
        <p class="pt-body-l">{t("start-lead")}</p>
        <p class="pt-body">{what_you_can_do()}</p>
        // Signed in, the header has the account; the way in is for visitors.
        {from_request::<AccountSummary>().is_none().then(|| view! {
            <p class="pt-body">
                <a class="pt-link" href="/login">{t("start-login-link")}</a>
            </p>
            <p class="pt-body">
                <a class="pt-link" href="/register">{t("start-register-link")}</a>
            </p>
        })}
        <p class="pt-body">
            {t("start-pre-check")}" "<a class="pt-link" id="pre-check-link" href="/pre-check">{t("pre-check-title")}</a>
        </p>
        <h2 class="pt-heading-m">{t("start-offers-heading")}</h2>
        <ul class="pt-offers">{offers}</ul>
        <h2 class="pt-heading-m">{t("residence-start-heading")}</h2>
        <ul class="pt-list">
            <li><a class="pt-link" href="/calculators/citizenship">{t("residence-citizenship-title")}</a></li>
            <li><a class="pt-link" href="/calculators/permanent">{t("residence-permanent-title")}</a></li>
        </ul>
        <Prose blocks=BEFORE_YOU_START/>
        <p class="pt-body">
            <a class="pt-link" href="/safe-use">{t("start-safe-use-link")}</a>
        </p>
    }
}
