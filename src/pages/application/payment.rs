//! The page after the declaration: the application is locked, and the fee comes next.

use super::{application, ApplicationFrame, NoSuchApplication};
use crate::domain::application_state::ApplicationState;
use crate::forms::derive;
use crate::i18n::{t, t_args};
use leptos::prelude::*;

/// `…/payment`: the application is complete and locked; the fee comes next.
#[component]
pub fn PaymentPage() -> impl IntoView {
    let Some((view, def)) = application() else { return view! { <NoSuchApplication/> }.into_any() };
    let fee =
        derive::fee_category(def, &view.answers, view.today).map(|id| t(&format!("fee-{id}"))).unwrap_or_default();
    let reference = view.reference.clone().map(|reference| {
        view! {
            <div class="pt-panel">
                <p class="pt-panel__body">{t("payment-reference")}<br/><strong class="pt-reference">{reference}</strong></p>
            </div>
        }
    });
    let body = if view.preview {
        view! { <p class="pt-body">{t("payment-preview")}</p> }.into_any()
    } else if view.state == ApplicationState::Draft {
        view! { <p class="pt-body">{t("check-incomplete")}</p> }.into_any()
    } else {
        view! {
            <p class="pt-body">{t("payment-locked")}</p>
            <p class="pt-body">{t("payment-next")}</p>
        }
        .into_any()
    };
    view! {
        <ApplicationFrame view=view.clone() title=t("payment-title")>
        <h1 class="pt-heading-xl">{t("payment-title")}</h1>
        {reference}
        <p class="pt-body">{t_args("payment-fee", &[("category", &fee)])}</p>
        {body}
        <p class="pt-body"><a class="pt-link" href=view.base.clone()>{t("payment-back")}</a></p>
        </ApplicationFrame>
    }
    .into_any()
}
