//! The page after the declaration: the application is locked, and the fee comes next. The
//! fee, its legal basis and a change ahead are said here and on the task list ([`FeeNotice`]).

use super::{application, ApplicationFrame, NoSuchApplication};
use crate::domain::application_state::ApplicationState;
use crate::domain::fees;
use crate::forms::definition::FormDef;
use crate::forms::derive;
use crate::i18n::{t, t_args, use_lang};
use crate::page_data::ApplicationView;
use leptos::prelude::*;

/// Today's price of the application's fee, from the fee category its answers give.
pub fn fee_today(view: &ApplicationView, def: &FormDef) -> Option<fees::Price> {
    fees::price_on(derive::fee_category(def, &view.answers, view.today)?, view.today)
}

/// A fee change within 30 days: what the fee is today, what it will be and from when, and the
/// last day today's applies.
#[component]
pub fn FeeChange(view: ApplicationView, def: &'static FormDef) -> impl IntoView {
    let lang = use_lang();
    let category = derive::fee_category(def, &view.answers, view.today);
    category.and_then(|category| fees::change_ahead(category, view.today)).map(|change| {
        let text = t_args(
            "fee-change",
            &[
                ("from", &change.next.from.display()),
                ("now", &lang.euros(change.now.cents)),
                ("next", &lang.euros(change.next.cents)),
                ("until", &change.last_day.display()),
            ],
        );
        view! { <div class="pt-inset-text" id="fee-change">{text}</div> }
    })
}

/// The fee with its legal basis, and a change ahead.
#[component]
pub fn FeeNotice(view: ApplicationView, def: &'static FormDef) -> impl IntoView {
    let lang = use_lang();
    let price = fee_today(&view, def).map(|price| {
        let category = t(&format!("fee-{}", price.category));
        view! {
            <p class="pt-body" id="fee">{t_args("fee-amount", &[("amount", &lang.euros(price.cents)), ("category", &category)])}</p>
            <p class="pt-hint" id="fee-basis">{t(price.basis)}</p>
        }
    });
    view! {
        {price}
        <FeeChange view=view def=def/>
    }
}

/// `…/payment`: the application is complete and locked; the fee comes next.
#[component]
pub fn PaymentPage() -> impl IntoView {
    let Some((view, def)) = application() else { return view! { <NoSuchApplication/> }.into_any() };
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
        <FeeNotice view=view.clone() def=def/>
        {body}
        <p class="pt-body"><a class="pt-link" href=view.base.clone()>{t("payment-back")}</a></p>
        </ApplicationFrame>
    }
    .into_any()
}
