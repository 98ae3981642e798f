//! The declaration: the applicant confirms that the answers are true.

use super::{application, ApplicationFrame, ConfirmedBanner, NoSuchApplication};
use crate::components::{Button, Checkboxes, Choice, ErrorSummary};
use crate::i18n::{t, t_args, use_lang};
use crate::pages::account::form_state;
use leptos::prelude::*;

/// `…/declaration`: the applicant confirms the answers are true.
#[component]
pub fn DeclarationPage() -> impl IntoView {
    let Some((view, def)) = application() else { return view! { <NoSuchApplication/> }.into_any() };
    let state = form_state();
    let errors = state.field_errors();
    let has_errors = !errors.is_empty();
    let action = format!("{}/declaration", view.base);
    let confirm = vec![Choice::new("yes", t("declaration-confirm"))];
    let lang = use_lang();
    let fee = super::payment::fee_today(&view, def).map(|price| {
        let category = t(&format!("fee-{}", price.category));
        t_args("declaration-fee", &[("amount", &lang.euros(price.cents)), ("category", &category)])
    });
    view! {
        <ApplicationFrame view=view.clone() title=t("declaration-title") has_errors
            back=format!("{}/check", view.base)>
        <div class="pt-grid-row">
            <div class="pt-grid-column-two-thirds">
                <ErrorSummary errors=errors/>
                <h1 class="pt-heading-xl">{t("declaration-title")}</h1>
                <super::check::ResidenceWarning view=view.clone() def=def/>
                <p class="pt-body">{t("declaration-truth")}</p>
                <p class="pt-body">{t("declaration-consequences")}</p>
                {fee.map(|fee| view! { <p class="pt-body" id="fee">{fee}</p> })}
                {if view.state.is_editable() {
                    view! {
                        <form method="post" action=action novalidate>
                            <Checkboxes name="confirm" legend=t("declaration-legend") options=confirm error=state.error("confirm")/>
                            <Button text=t(if def.fees.is_empty() { "declaration-submit-send" } else { "declaration-submit" })/>
                        </form>
                    }
                    .into_any()
                } else {
                    view! { <ConfirmedBanner view=view.clone()/> }.into_any()
                }}
            </div>
        </div>
        </ApplicationFrame>
    }
    .into_any()
}
