//! Logging in and out, and the account page.
//!
//! Forms post to the page's own address; the server answers with a redirect, and the page is
//! rendered again from what the server kept (Post/Redirect/Get), so they work without
//! JavaScript and a failed submit shows its errors and the typed e-mail address again.

use crate::components::{Button, ErrorSummary, SummaryList, SummaryRow, TextInput};
use crate::i18n::{t, t_args};
use crate::page_data::{from_request, AccountSummary, FormState, PendingVerification};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn LoginPage() -> impl IntoView {
    let state = from_request::<FormState>().unwrap_or_default();
    view! {
        <Title text=t("login-title")/>
        <div class="pt-grid-row">
            <div class="pt-grid-column-two-thirds">
                <ErrorSummary errors=state.field_errors()/>
                <h1 class="pt-heading-xl">{t("login-title")}</h1>
                <form method="post" action="/login" novalidate>
                    <TextInput id="email" label=t("login-email") input_type="email" autocomplete="username"
                        spellcheck=false value=state.value("email") error=state.error("email")/>
                    <TextInput id="password" label=t("login-password") input_type="password"
                        autocomplete="current-password" error=state.error("password")/>
                    <Button text=t("login-submit")/>
                </form>
                <p class="pt-body"><a class="pt-link" href="/register">{t("login-no-account")}</a></p>
            </div>
        </div>
    }
}

/// Creating an applicant's account: an address and a password, then a code from the mail.
#[component]
pub fn RegisterPage() -> impl IntoView {
    let state = from_request::<FormState>().unwrap_or_default();
    view! {
        <Title text=t("register-title")/>
        <div class="pt-grid-row">
            <div class="pt-grid-column-two-thirds">
                <ErrorSummary errors=state.field_errors()/>
                <h1 class="pt-heading-xl">{t("register-title")}</h1>
                <p class="pt-body">{t("register-intro")}</p>
                <form method="post" action="/register" novalidate>
                    <TextInput id="email" label=t("register-email") hint=t("register-email-hint") input_type="email"
                        autocomplete="email" spellcheck=false value=state.value("email") error=state.error("email")/>
                    <TextInput id="password" label=t("register-password") hint=t("register-password-hint")
                        input_type="password" autocomplete="new-password" error=state.error("password")/>
                    <Button text=t("register-submit")/>
                </form>
            </div>
        </div>
    }
}

/// Entering the code that registration sent.
#[component]
pub fn VerifyPage() -> impl IntoView {
    let state = from_request::<FormState>().unwrap_or_default();
    let content = match from_request::<PendingVerification>() {
        Some(pending) => view! {
            <p class="pt-body">{t_args("verify-sent", &[("email", &pending.email)])}</p>
            <form method="post" action="/verify" novalidate>
                <TextInput id="code" label=t("verify-code") hint=t("verify-code-hint") autocomplete="one-time-code"
                    width=10 value=state.value("code") error=state.error("code")/>
                <Button text=t("verify-submit")/>
            </form>
        }
        .into_any(),
        None => view! {
            <p class="pt-body">{t("verify-nothing-pending")}</p>
            <p class="pt-body"><a class="pt-link" href="/register">{t("register-title")}</a></p>
        }
        .into_any(),
    };
    view! {
        <Title text=t("verify-title")/>
        <div class="pt-grid-row">
            <div class="pt-grid-column-two-thirds">
                <ErrorSummary errors=state.field_errors()/>
                <h1 class="pt-heading-xl">{t("verify-title")}</h1>
                {content}
            </div>
        </div>
    }
}

#[component]
pub fn AccountPage() -> impl IntoView {
    let account = match from_request::<AccountSummary>() {
        Some(account) => {
            let rows = vec![
                SummaryRow { key: t("account-email"), value: account.email, change_href: None },
                SummaryRow { key: t("account-role"), value: t(&account.role_msg), change_href: None },
            ];
            view! {
                <SummaryList rows=rows/>
                <form method="post" action="/logout">
                    <Button text=t("logout-submit")/>
                </form>
            }
            .into_any()
        }
        // Only reached when the browser navigates here by itself after the session ended.
        None => view! {
            <p class="pt-body">{t("account-signed-out")}</p>
            <p class="pt-body"><a class="pt-link" href="/login">{t("login-title")}</a></p>
        }
        .into_any(),
    };
    view! {
        <Title text=t("account-title")/>
        <h1 class="pt-heading-xl">{t("account-title")}</h1>
        {account}
    }
}

#[component]
pub fn LoggedOutPage() -> impl IntoView {
    view! {
        <Title text=t("logged-out-title")/>
        <h1 class="pt-heading-xl">{t("logged-out-title")}</h1>
        <p class="pt-body">{t("logged-out-body")}</p>
        <p class="pt-body"><a class="pt-link" href="/login">{t("login-again")}</a></p>
    }
}
