//! The identity-visit pack: after sending, a page to print and take to the service point, with
//! the place and the last day of the visit, the originals to bring and the application's
//! reference as text and as a QR code. Its print stylesheet leaves out everything else.

use super::{ApplicationFrame, NoSuchApplication};
use crate::forms::catalogue::use_catalogue;
use crate::forms::definition::FilledBy;
use crate::i18n::{t, t_args};
use crate::page_data::{from_request, IdentityVisitPack, Original};
use leptos::prelude::*;

#[component]
pub fn IdentityVisitPage() -> impl IntoView {
    let Some(IdentityVisitPack { view, qr_svg }) = from_request::<IdentityVisitPack>() else {
        return view! { <NoSuchApplication/> }.into_any();
    };
    // The employer's part has no identity visit.
    let Some(def) = use_catalogue().form(&view.kind, view.version).filter(|def| def.filled_by == FilledBy::Applicant)
    else {
        return view! { <NoSuchApplication/> }.into_any();
    };
    let sent_page = format!("{}/sent", view.base);
    let (Some(sending), Some(reference)) = (view.sending.clone(), view.reference.clone()) else {
        let send = format!("{}/send", view.base);
        return view! {
            <ApplicationFrame view=view.clone() title=t("visit-title")>
                <h1 class="pt-heading-xl">{t("visit-title")}</h1>
                <p class="pt-body"><a class="pt-link" href=send>{t("visit-not-sent")}</a></p>
            </ApplicationFrame>
        }
        .into_any();
    };
    // The visit the immigration service asked for, if it asked; else the one chosen, within 3
    // months of sending.
    let (place, by) = match sending.last("identity-visit-needed").and_then(|event| event.visit.clone()) {
        Some(visit) => (visit.place, visit.by),
        None => (view.answers.get("service-point").unwrap_or_default().to_string(), sending.visit_by.clone()),
    };
    let place = t(&format!("q-service-point-{place}"));
    let originals = view
        .originals(def)
        .into_iter()
        .map(|original| {
            let text = match original {
                Original::Passport => t("visit-original-passport"),
                Original::PermitCard => t("visit-original-permit-card"),
                Original::Document(id) => {
                    t_args("visit-original-document", &[("document", &t(&format!("attachment-{id}")))])
                }
            };
            view! { <li>{text}</li> }
        })
        .collect_view();
    let application = t(&format!("form-{}-title", def.kind));
    view! {
        <ApplicationFrame view=view.clone() title=t("visit-title") back=sent_page>
            <div class="pt-visit-pack">
                <h1 class="pt-heading-xl">{t("visit-title")}</h1>
                <p class="pt-body-l">{t_args("visit-lead", &[("application", &application), ("date", &sending.sent_on)])}</p>
                <div class="pt-visit-reference">
                    <p class="pt-body">{t("payment-reference")}<br/><strong class="pt-reference" id="visit-reference">{reference.clone()}</strong></p>
                    <div class="pt-qr" role="img" aria-label=t_args("visit-qr-label", &[("reference", &reference)]) inner_html=qr_svg></div>
                </div>
                <h2 class="pt-heading-m">{t("visit-where-title")}</h2>
                <p class="pt-body" id="visit-where">{t_args("visit-where", &[("place", &place), ("date", &by)])}</p>
                <p class="pt-body">{t("visit-book")}</p>
                <h2 class="pt-heading-m">{t("visit-bring-title")}</h2>
                <ul class="pt-list pt-list--bullet" id="visit-originals">{originals}</ul>
                <p class="pt-body">{t("visit-translations")}</p>
                <p class="pt-body pt-no-print">{t("visit-print")}</p>
            </div>
        </ApplicationFrame>
    }
    .into_any()
}
