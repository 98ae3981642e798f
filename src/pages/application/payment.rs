//! The page after the declaration: the application is locked, and the fee comes next. The
//! fee, its legal basis and a change ahead are said here and on the task list ([`FeeNotice`]).

use super::{application, ApplicationFrame, NoSuchApplication};
use crate::components::{Button, ButtonKind};
use crate::domain::application_state::ApplicationState;
use crate::domain::fees;
use crate::domain::payment_state::PaymentState as PaymentStatus;
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

/// The fees an application of form `def` can have on `today`, before any answer: one fee, or
/// each the answers can lead to; and the decree that sets them.
#[component]
pub fn FeesOfForm(def: &'static FormDef, today: crate::domain::date::Date) -> impl IntoView {
    let lang = use_lang();
    let mut prices: Vec<fees::Price> = Vec::new();
    for price in def.fees.iter().filter_map(|rule| fees::price_on(rule.id, today)) {
        if !prices.iter().any(|seen| seen.category == price.category) {
            prices.push(price);
        }
    }
    let amount = |price: &fees::Price| lang.euros(price.cents);
    let category = |price: &fees::Price| t(&format!("fee-{}", price.category));
    let said = match prices.as_slice() {
        [] => return None,
        [price] => view! {
            <p class="pt-body" id="fee">{t_args("fee-amount", &[("amount", &amount(price)), ("category", &category(price))])}</p>
        }
        .into_any(),
        several => {
            let items = several
                .iter()
                .map(|price| view! { <li>{t_args("fee-list-item", &[("amount", &amount(price)), ("category", &category(price))])}</li> })
                .collect_view();
            view! {
                <p class="pt-body" id="fee">{t("apply-fee-depends")}</p>
                <ul class="pt-list pt-list--bullet">{items}</ul>
            }
            .into_any()
        }
    };
    Some(view! {
        {said}
        <p class="pt-hint" id="fee-basis">{t(fees::basis_on(today))}</p>
    })
}

/// The form that starts a payment (or, `anew`, a new attempt in place of the open one).
#[component]
fn PayForm(
    view: ApplicationView,
    label: String,
    #[prop(optional)] anew: bool,
    #[prop(optional)] secondary: bool,
) -> impl IntoView {
    let action = format!("{}/payment", view.base);
    let kind = if secondary { ButtonKind::Secondary } else { ButtonKind::Primary };
    view! {
        <form method="post" action=action class="pt-payment-form">
            {anew.then(|| view! { <input type="hidden" name="anew" value="1"/> })}
            <Button text=label kind=kind/>
        </form>
    }
}

/// What the payment page offers for the application's payment as it stands.
#[component]
fn PaymentState(view: ApplicationView, def: &'static FormDef) -> impl IntoView {
    let lang = use_lang();
    let pay = fee_today(&view, def).map(|price| t_args("payment-pay", &[("amount", &lang.euros(price.cents))]));
    let pay_form = |view: &ApplicationView| pay.clone().map(|label| view! { <PayForm view=view.clone() label=label/> });
    match view.payment.clone() {
        Some(payment) if payment.state == PaymentStatus::Paid => {
            let paid = t_args(
                "payment-paid-on",
                &[("amount", &lang.euros(payment.amount_cents)), ("date", &payment.paid_on.unwrap_or_default())],
            );
            let by_employer = payment
                .organisation
                .is_some()
                .then(|| view! { <p class="pt-body" id="paid-by">{t("payment-paid-by-employer")}</p> });
            let receipt = format!("{}/receipt", view.base);
            // Said plainly: the one green notice is the banner right after paying (B26).
            view! {
                <p class="pt-body-l" id="payment-paid">{paid}</p>
                {by_employer}
                <p class="pt-body"><a class="pt-link" href=receipt>{t("payment-receipt-link")}</a></p>
                {if view.state == ApplicationState::Sent {
                    let sent = format!("{}/sent", view.base);
                    view! {
                        <p class="pt-body" id="payment-sent">{t("payment-sent")}</p>
                        <p class="pt-body"><a class="pt-button" id="to-sent" href=sent>{t("payment-to-sent")}</a></p>
                    }
                    .into_any()
                } else {
                    view! {
                        <p class="pt-body">{t("payment-next-send")}</p>
                        {super::sending::can_send(&view).then(|| {
                            let send = format!("{}/send", view.base);
                            view! { <p class="pt-body"><a class="pt-button" id="to-send" href=send>{t("overview-to-send")}</a></p> }
                        })}
                    }
                    .into_any()
                }}
            }
            .into_any()
        }
        // The provider said the money is on its way (a bank's "pay later"): not to be paid
        // again, so no button to pay; the page shows the payment as soon as it is confirmed.
        Some(payment) if payment.state.is_open() && payment.confirming => {
            let check = format!("{}/payment", view.base);
            view! {
                <div class="pt-warning-text" id="payment-pending">
                    <span class="pt-warning-text__icon" aria-hidden="true">"!"</span>
                    <p class="pt-warning-text__text">{t("payment-pending-confirm")}</p>
                </div>
                <p class="pt-body">{t("payment-pending-no-repeat")}</p>
                <p class="pt-body"><a class="pt-link" href=check>{t("payment-check")}</a></p>
            }
            .into_any()
        }
        Some(payment) if payment.state.is_open() => {
            let check = format!("{}/payment", view.base);
            let continue_link = payment.href.map(
                |href| view! { <p class="pt-body"><a class="pt-button" href=href>{t("payment-continue")}</a></p> },
            );
            view! {
                <p class="pt-body" id="payment-pending">{t("payment-pending")}</p>
                {continue_link}
                <p class="pt-body"><a class="pt-link" href=check>{t("payment-check")}</a></p>
                <PayForm view=view.clone() label=t("payment-anew") anew=true secondary=true/>
            }
            .into_any()
        }
        Some(payment) => {
            let said = if payment.state == PaymentStatus::Expired { "payment-expired" } else { "payment-failed" };
            view! {
                <div class="pt-warning-text" id="payment-outcome">
                    <span class="pt-warning-text__icon" aria-hidden="true">"!"</span>
                    <p class="pt-warning-text__text">{t(said)}</p>
                </div>
                {pay_form(&view)}
            }
            .into_any()
        }
        None => view! {
            <p class="pt-body">{t("payment-locked")}</p>
            <p class="pt-body">{t("payment-next")}</p>
            {pay_form(&view)}
            {employer_pays(&view)}
        }
        .into_any(),
    }
}

/// The employer the application is shared with can pay the fee instead (not on the fast
/// track): the way to ask, or that it was asked.
fn employer_pays(view: &ApplicationView) -> Option<impl IntoView> {
    let employer = view.employer_payment.clone().filter(|employer| !employer.fast_track)?;
    let id = [("id", employer.business_id.as_str())];
    Some(if employer.asked {
        view! { <p class="pt-body" id="employer-pays">{t_args("employer-pays-waiting", &id)}</p> }.into_any()
    } else {
        let action = format!("{}/employer-pays", view.base);
        view! {
            <p class="pt-body" id="employer-pays">{t_args("employer-pays-intro", &id)}</p>
            <form method="post" action=action>
                <Button text=t("employer-pays-ask") kind=ButtonKind::Secondary/>
            </form>
        }
        .into_any()
    })
}

/// `…/payment`: the application is complete and locked; the fee, and paying it.
#[component]
pub fn PaymentPage() -> impl IntoView {
    let Some((view, def)) = application() else { return view! { <NoSuchApplication/> }.into_any() };
    let reference = view.reference.clone().map(|reference| {
        view! {
            <div class="pt-inset-text">
                <p class="pt-body">{t("payment-reference")}<br/><strong class="pt-reference">{reference}</strong></p>
            </div>
        }
    });
    let paid = view.payment.as_ref().is_some_and(|payment| payment.state == PaymentStatus::Paid);
    let title = t(if paid { "payment-title-paid" } else { "payment-title" });
    let body = if view.preview {
        let text = t(if def.fees.is_empty() { "payment-preview-no-fee" } else { "payment-preview" });
        view! { <p class="pt-body">{text}</p> }.into_any()
    } else if view.state == ApplicationState::Draft {
        view! { <p class="pt-body">{t("check-incomplete")}</p> }.into_any()
    } else {
        view! { <PaymentState view=view.clone() def=def/> }.into_any()
    };
    view! {
        <ApplicationFrame view=view.clone() title=title.clone()>
        <h1 class="pt-heading-xl">{title}</h1>
        {reference}
        <FeeNotice view=view.clone() def=def/>
        {body}
        <p class="pt-body"><a class="pt-link" href=view.base.clone()>{t("payment-back")}</a></p>
        </ApplicationFrame>
    }
    .into_any()
}

/// `…/receipt`: the paid fee's receipt, to print: the reference, what was paid for, how much,
/// when, by whom, and the legal basis; in the applicant's language, with a print stylesheet.
#[component]
pub fn ReceiptPage() -> impl IntoView {
    let Some((view, _)) = application() else { return view! { <NoSuchApplication/> }.into_any() };
    let lang = use_lang();
    let paid = view.payment.clone().filter(|payment| payment.state == PaymentStatus::Paid);
    let body = match paid {
        None => view! { <p class="pt-body">{t("receipt-none")}</p> }.into_any(),
        Some(payment) => {
            let payer = match &payment.organisation {
                Some(id) => t_args("receipt-payer-organisation", &[("id", id)]),
                // The applicant, by the names they gave.
                None => payer_name(&view).unwrap_or_else(|| t("receipt-payer-you")),
            };
            let row = |key: String, value: String| {
                view! {
                    <div class="pt-summary-list__row">
                        <dt class="pt-summary-list__key">{key}</dt>
                        <dd class="pt-summary-list__value">{value}</dd>
                    </div>
                }
            };
            view! {
                <dl class="pt-summary-list" id="receipt">
                    {row(t("receipt-reference"), view.reference.clone().unwrap_or_default())}
                    {row(t("receipt-for"), t(&format!("fee-{}", payment.category)))}
                    {row(t("receipt-amount"), lang.euros(payment.amount_cents))}
                    {row(t("receipt-date"), payment.paid_on.clone().unwrap_or_default())}
                    {row(t("receipt-payer"), payer)}
                    {row(t("receipt-method"), t("receipt-online"))}
                </dl>
                {payment.basis.map(|basis| view! { <p class="pt-body" id="receipt-basis">{t(&basis)}</p> })}
                <p class="pt-body pt-no-print">{t("receipt-print")}</p>
            }
            .into_any()
        }
    };
    let back = format!("{}/payment", view.base);
    view! {
        <ApplicationFrame view=view.clone() title=t("receipt-title") back=back>
        <h1 class="pt-heading-xl">{t("receipt-title")}</h1>
        {body}
        </ApplicationFrame>
    }
    .into_any()
}

/// The applicant's name as they gave it (given names, then surname), when they gave it.
fn payer_name(view: &ApplicationView) -> Option<String> {
    let given = view.answers.get("given-names").filter(|name| !name.is_empty())?;
    let surname = view.answers.get("surname").filter(|name| !name.is_empty())?;
    Some(format!("{given} {surname}"))
}
