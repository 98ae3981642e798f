//! The information pages linked from every page's footer.

use crate::components::{Block, Prose};
use crate::i18n::{t, t_args};
use leptos::prelude::*;
use leptos_meta::Title;

/// Facts about this deployment that the information pages show (the safe-use page names the
/// official address): the server gives them from its configuration.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SiteInfo {
    /// The official address of the service, e.g. `https://portal.example.fi`.
    pub public_url: String,
    /// A development instance that others can reach: every page says so.
    pub exposed_development: bool,
    /// The one address the service's e-mail comes from.
    pub mail_from: String,
}

impl SiteInfo {
    /// The official address's host (and port, when not the scheme's own), as a browser's
    /// address bar shows it: `portal.example.fi`.
    pub fn official_host(&self) -> &str {
        let rest = self.public_url.split_once("://").map_or(self.public_url.as_str(), |(_, rest)| rest);
        rest.split('/').next().unwrap_or(rest)
    }
}

/// The host a request named when it is not the official one (a look-alike address, a proxy
/// that is not ours): every page then warns, and never sends the visitor on to either.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ForeignHost(pub String);

/// A page of text: a title and its blocks.
#[component]
fn InfoPage(
    title_msg: &'static str,
    blocks: &'static [Block],
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    view! {
        <Title text=t(title_msg)/>
        <div class="pt-grid-row">
            <div class="pt-grid-column-two-thirds">
                <h1 class="pt-heading-xl">{t(title_msg)}</h1>
                {children.map(|c| c())}
                <Prose blocks=blocks/>
            </div>
        </div>
    }
}

/// Following the immigration service's own advice on safe use of online services: the
/// official address, what the service never asks for, how to check a message and report a
/// scam, what our messages never contain, and what to do about scams.
const SAFE_USE: &[Block] = &[
    Block::Para("safe-use-address-advice"),
    Block::Heading("safe-use-email-heading"),
    Block::Para("safe-use-email-no-personal-data"),
    Block::Para("safe-use-email-no-plain-email"),
    Block::Heading("safe-use-social-heading"),
    Block::Para("safe-use-social-body"),
    Block::Heading("safe-use-scams-heading"),
    Block::Para("safe-use-scams-body"),
    Block::Para("safe-use-scams-phone"),
    Block::Para("safe-use-scams-banking"),
    Block::Para("safe-use-scams-search"),
    Block::Heading("safe-use-message-heading"),
    Block::List(&["safe-use-message-dont-reply", "safe-use-message-bank", "safe-use-message-card"]),
    Block::Heading("safe-use-call-heading"),
    Block::List(&["safe-use-call-dont-disclose", "safe-use-call-number", "safe-use-call-writing"]),
    Block::Para("safe-use-call-report"),
    Block::List(&[
        "safe-use-report-when",
        "safe-use-report-topic",
        "safe-use-report-language",
        "safe-use-report-said",
        "safe-use-report-name",
    ]),
    Block::Heading("safe-use-police-heading"),
    Block::Para("safe-use-police-body"),
];

#[component]
pub fn SafeUsePage() -> impl IntoView {
    let site = use_context::<SiteInfo>();
    let address = site.as_ref().map(|site| site.public_url.clone()).unwrap_or_default();
    let sender = site.map(|site| site.mail_from).unwrap_or_default();
    view! {
        <InfoPage title_msg="safe-use-title" blocks=SAFE_USE>
            <p class="pt-body-l">{t("safe-use-lead")}</p>
            <h2 class="pt-heading-m">{t("safe-use-address-heading")}</h2>
            <p class="pt-body pt-official-address">{t_args("safe-use-address", &[("address", &address)])}</p>
            <p class="pt-body" id="mail-sender">{t_args("safe-use-mail-from", &[("address", &sender)])}</p>
            <h2 class="pt-heading-m">{t("safe-use-never-heading")}</h2>
            <p class="pt-body">{t("safe-use-never-intro")}</p>
            <ul class="pt-list pt-list--bullet" id="never-asked">
                <li>{t("safe-use-never-banking")}</li>
                <li>{t("safe-use-never-payment")}</li>
                <li>{t("safe-use-never-passport")}</li>
                <li>{t("safe-use-never-login")}</li>
            </ul>
            <h2 class="pt-heading-m">{t("safe-use-check-heading")}</h2>
            <p class="pt-body">{t("safe-use-check-body")}</p>
            <p class="pt-body"><a class="pt-link" href="/check-message" id="check-link">{t("message-check-title")}</a></p>
            <h2 class="pt-heading-m">{t("safe-use-report-heading")}</h2>
            <p class="pt-body">{t("safe-use-report-body")}</p>
            <p class="pt-body"><a class="pt-link" href="/report-suspicious" id="report-link">{t("report-title")}</a></p>
        </InfoPage>
    }
}

const ACCESSIBILITY: &[Block] = &[
    Block::Para("accessibility-intro"),
    Block::Heading("accessibility-status-heading"),
    Block::Para("accessibility-status-body"),
    Block::Heading("accessibility-how-heading"),
    Block::List(&[
        "accessibility-how-no-js",
        "accessibility-how-keyboard",
        "accessibility-how-zoom",
        "accessibility-how-languages",
    ]),
    Block::Heading("accessibility-testing-heading"),
    Block::Para("accessibility-testing-body"),
    Block::Heading("accessibility-known-heading"),
    Block::Para("accessibility-known-body"),
    Block::Heading("accessibility-feedback-heading"),
    Block::Para("accessibility-feedback-body"),
    Block::Para("accessibility-enforcement-body"),
];

#[component]
pub fn AccessibilityPage() -> impl IntoView {
    view! { <InfoPage title_msg="accessibility-title" blocks=ACCESSIBILITY/> }
}

const PRIVACY: &[Block] = &[
    Block::Para("privacy-intro"),
    Block::Heading("privacy-data-heading"),
    Block::List(&[
        "privacy-data-account",
        "privacy-data-applications",
        "privacy-data-reports",
        "privacy-data-visit",
        "privacy-data-logs",
    ]),
    Block::Heading("privacy-purpose-heading"),
    Block::Para("privacy-purpose-body"),
    Block::Heading("privacy-retention-heading"),
    Block::Para("privacy-retention-body"),
    Block::Heading("privacy-cookies-heading"),
    Block::Para("privacy-cookies-body"),
    Block::Heading("privacy-rights-heading"),
    Block::Para("privacy-rights-body"),
];

#[component]
pub fn PrivacyPage() -> impl IntoView {
    view! { <InfoPage title_msg="privacy-title" blocks=PRIVACY/> }
}

const CONTACT: &[Block] = &[
    Block::Para("contact-intro"),
    Block::Heading("contact-application-heading"),
    Block::Para("contact-application-body"),
    Block::Heading("contact-phone-heading"),
    Block::Para("contact-phone-body"),
    Block::Heading("contact-scam-heading"),
    Block::Para("contact-scam-body"),
];

#[component]
pub fn ContactPage() -> impl IntoView {
    view! { <InfoPage title_msg="contact-title" blocks=CONTACT/> }
}
