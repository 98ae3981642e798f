//! The employer's start: whom the session acts for, choosing an organisation through Suomi.fi
//! e-Authorizations (never done by logging in), switching, and acting as oneself again. Plain
//! forms: it works without JavaScript.

use crate::components::{Button, ButtonKind};
use crate::i18n::{t, t_args};
use crate::page_data::{from_request, EmployerHome};
use crate::pages::account::{form_state, FormPage};
use leptos::prelude::*;

/// `/employer`.
#[component]
pub fn EmployerPage() -> impl IntoView {
    let home = from_request::<EmployerHome>().unwrap_or_default();
    let acting = match (&home.acting_name, &home.acting_business_id) {
        (Some(name), Some(business_id)) => view! {
            <div class="pt-panel pt-panel--confirmation" id="acting-for">
                <h2 class="pt-panel__title">{t_args("employer-acting-for", &[("name", name), ("id", business_id)])}</h2>
            </div>
            <form method="post" action="/employer/act">
                <Button text=t("employer-switch") kind=ButtonKind::Secondary/>
            </form>
            <form method="post" action="/employer/act-as-self">
                <Button text=t("employer-as-self") kind=ButtonKind::Secondary/>
            </form>
        }
        .into_any(),
        _ if !home.identity_known => view! {
            <p class="pt-body" id="acting-for">{t("employer-no-identity")}</p>
        }
        .into_any(),
        _ => view! {
            <p class="pt-body" id="acting-for">{t("employer-acting-self-now")}</p>
            <p class="pt-body">{t("employer-choose-intro")}</p>
            <form method="post" action="/employer/act">
                <Button text=t("employer-choose")/>
            </form>
        }
        .into_any(),
    };
    view! {
        <FormPage title=t("employer-title") state=form_state()>
            <p class="pt-body">{t("employer-intro")}</p>
            {acting}
            <p class="pt-body">{t("account-employer-meanwhile")}</p>
        </FormPage>
    }
}
