//! The signed-in user's own account: what it holds, and changing it.

use super::account::{form_state, EmailedCodeInput, FormPage, NothingPending};
use crate::components::{BackLink, Button, ButtonKind, Checkboxes, Choice, Radios, SummaryList, SummaryRow, TextInput};
use crate::i18n::{t, t_args, Lang};
use crate::page_data::{from_request, AccountSummary, FormState, PendingCode, RecoveryCodes, TwoFactorStatus};
use leptos::prelude::*;
use leptos_meta::Title;

/// Shown when the browser comes back to a signed-in page by itself after the session ended.
#[component]
fn SignedOut() -> impl IntoView {
    view! { <NothingPending message=t("account-signed-out") href="/login" link=t("login-title")/> }
}

#[component]
pub fn AccountPage() -> impl IntoView {
    let Some(account) = from_request::<AccountSummary>() else {
        return view! {
            <Title text=t("account-title")/>
            <h1 class="pt-heading-xl">{t("account-title")}</h1>
            <SignedOut/>
        }
        .into_any();
    };
    let language = Lang::from_code(&account.language).unwrap_or_default().native_name().to_string();
    let two_factor = t(if account.two_factor { "two-factor-on" } else { "two-factor-off" });
    let rows = vec![
        SummaryRow { key: t("account-email"), value: account.email, change_href: Some("/account/email".into()) },
        SummaryRow {
            key: t("account-password"),
            value: "••••••••".into(),
            change_href: Some("/account/password".into()),
        },
        SummaryRow { key: t("account-two-factor"), value: two_factor, change_href: Some("/account/two-factor".into()) },
        SummaryRow { key: t("account-language"), value: language, change_href: Some("/account/language".into()) },
        SummaryRow { key: t("account-role"), value: t(&account.role_msg), change_href: None },
    ];
    let is_staff = account.role_msg == "role-staff";
    let is_applicant = account.role_msg == "role-applicant";
    view! {
        <Title text=t("account-title")/>
        <h1 class="pt-heading-xl">{t("account-title")}</h1>
        {is_staff.then(|| view! { <p class="pt-body"><a class="pt-link" href="/staff">{t("staff-title")}</a></p> })}
        // What the employer service offers so far, and what it does not yet.
        {(account.role_msg == "role-employer").then(|| view! {
            <div class="pt-inset-text" id="employer-service">
                <h2 class="pt-heading-m">{t("account-employer-title")}</h2>
                <p class="pt-body"><a class="pt-link" href="/employer">{t("account-employer-link")}</a></p>
                <p class="pt-body">{t("account-employer-meanwhile")}</p>
            </div>
        })}
        {is_applicant.then(|| view! {
            <p class="pt-body"><a class="pt-link" href="/applications">{t("applications-title")}</a></p>
        })}
        <SummaryList rows=rows/>
        <h2 class="pt-heading-m">{t("account-data-title")}</h2>
        <p class="pt-body">{t("account-data-body")}</p>
        // A file, not a page: the router must leave the link to the browser.
        <p class="pt-body"><a class="pt-link" href="/account/data.json" download="my-data.json">{t("account-data-link")}</a></p>
        {account.can_delete.then(|| view! {
            <p class="pt-body"><a class="pt-link" href="/account/delete">{t("delete-title")}</a></p>
        })}
    }
    .into_any()
}

/// A settings form page under the account page, with a way back to it.
#[component]
fn SettingsPage(#[prop(into)] title: String, state: FormState, children: Children) -> impl IntoView {
    view! {
        <BackLink href="/account"/>
        <FormPage title=title state=state>{children()}</FormPage>
    }
}

/// The field for the current password, which every change of a credential asks for; `id`
/// tells two such fields on one page apart.
#[component]
fn CurrentPassword(state: FormState, #[prop(default = "current")] id: &'static str) -> impl IntoView {
    view! {
        <TextInput id=id label=t("password-current") input_type="password" autocomplete="current-password"
            error=state.error(id)/>
    }
}

#[component]
pub fn PasswordChangePage() -> impl IntoView {
    let state = form_state();
    let others = vec![Choice::new("yes", t("password-sign-out-others")).with_hint(t("password-sign-out-others-hint"))];
    let checked = if state.value("sign_out_others") == "yes" { vec!["yes".to_string()] } else { Vec::new() };
    view! {
        <SettingsPage title=t("password-change-title") state=state.clone()>
            <form method="post" action="/account/password" novalidate>
                <CurrentPassword state=state.clone()/>
                <TextInput id="password" label=t("password-new") hint=t("register-password-hint")
                    input_type="password" autocomplete="new-password" error=state.error("password")/>
                <Checkboxes name="sign_out_others" legend=t("password-other-devices") options=others checked=checked/>
                <Button text=t("password-change-submit")/>
            </form>
        </SettingsPage>
    }
}

#[component]
pub fn EmailChangePage() -> impl IntoView {
    let state = form_state();
    view! {
        <SettingsPage title=t("email-change-title") state=state.clone()>
            <p class="pt-body">{t("email-change-intro")}</p>
            <form method="post" action="/account/email" novalidate>
                <TextInput id="email" label=t("email-change-new") input_type="email" autocomplete="email"
                    spellcheck=false value=state.value("email") error=state.error("email")/>
                <CurrentPassword state=state.clone()/>
                <Button text=t("email-change-submit")/>
            </form>
        </SettingsPage>
    }
}

#[component]
pub fn EmailCodePage() -> impl IntoView {
    let state = form_state();
    let content = match from_request::<PendingCode>() {
        Some(pending) => view! {
            <p class="pt-body">{t_args("email-change-sent", &[("email", &pending.email)])}</p>
            <form method="post" action="/account/email/code" novalidate>
                <EmailedCodeInput state=state.clone()/>
                <Button text=t("verify-submit")/>
            </form>
        }
        .into_any(),
        None => view! {
            <NothingPending message=t("email-change-nothing-pending") href="/account/email" link=t("email-change-title")/>
        }
        .into_any(),
    };
    view! { <SettingsPage title=t("verify-title") state=state>{content}</SettingsPage> }
}

#[component]
pub fn LanguagePage() -> impl IntoView {
    let state = form_state();
    let current = from_request::<AccountSummary>().map(|a| a.language).unwrap_or_default();
    let options = Lang::ALL.iter().map(|lang| Choice::new(lang.code(), lang.native_name())).collect();
    view! {
        <SettingsPage title=t("language-title") state=state.clone()>
            <form method="post" action="/account/language" novalidate>
                <Radios name="language" legend=t("language-legend") hint=t("language-hint") options=options
                    selected=current error=state.error("language")/>
                <Button text=t("save")/>
            </form>
        </SettingsPage>
    }
}

#[component]
pub fn DeletePage() -> impl IntoView {
    let state = form_state();
    let confirm = vec![Choice::new("yes", t("delete-confirm"))];
    view! {
        <SettingsPage title=t("delete-title") state=state.clone()>
            <p class="pt-body">{t("delete-drafts")}</p>
            <p class="pt-body">{t("delete-sent-kept")}</p>
            <p class="pt-body">{t("delete-data-first")}</p>
            <form method="post" action="/account/delete" novalidate>
                <CurrentPassword state=state.clone()/>
                <Checkboxes name="confirm" legend=t("delete-confirm-legend") options=confirm error=state.error("confirm")/>
                <Button text=t("delete-submit") kind=ButtonKind::Warning/>
            </form>
        </SettingsPage>
    }
}

/// Turning the second factor on (scan, then type the first code) or, once on, managing it.
#[component]
pub fn TwoFactorPage() -> impl IntoView {
    let state = form_state();
    let account = from_request::<AccountSummary>();
    let is_staff = account.as_ref().is_some_and(|a| a.role_msg == "role-staff");
    let content = match from_request::<TwoFactorStatus>() {
        Some(TwoFactorStatus { enabled: true, recovery_codes_left, .. }) => view! {
            <p class="pt-body">{t("two-factor-enabled-body")}</p>
            <p class="pt-body">{t_args("two-factor-codes-left", &[("count", &recovery_codes_left.to_string())])}</p>
            <form method="post" action="/account/two-factor/recovery-codes" novalidate>
                <CurrentPassword state=state.clone() id=crate::page_data::RENEW_CODES_PASSWORD/>
                <Button text=t("two-factor-new-codes") kind=ButtonKind::Secondary/>
            </form>
            {(!is_staff).then(|| view! {
                <h2 class="pt-heading-m">{t("two-factor-disable-title")}</h2>
                <form method="post" action="/account/two-factor/disable" novalidate>
                    <CurrentPassword state=state.clone()/>
                    <Button text=t("two-factor-disable-submit") kind=ButtonKind::Warning/>
                </form>
            })}
        }
        .into_any(),
        Some(TwoFactorStatus { setup: Some(setup), .. }) => view! {
            {is_staff.then(|| view! { <p class="pt-body pt-!-font-weight-bold">{t("two-factor-staff-required")}</p> })}
            <p class="pt-body">{t("two-factor-intro")}</p>
            <ol class="pt-list pt-list--number">
                <li>{t("two-factor-step-app")}</li>
                <li>
                    {t("two-factor-step-scan")}
                    <div class="pt-qr" role="img" aria-label=t("two-factor-qr-label") inner_html=setup.qr_svg></div>
                    {t("two-factor-step-key")}
                    <p class="pt-body"><code class="pt-secret" id="secret">{setup.secret}</code></p>
                </li>
                <li>{t("two-factor-step-code")}</li>
            </ol>
            <form method="post" action="/account/two-factor" novalidate>
                <TextInput id="code" label=t("two-factor-code") hint=t("two-factor-code-hint") autocomplete="one-time-code"
                    inputmode="numeric" spellcheck=false width=10 value=state.value("code") error=state.error("code")/>
                <CurrentPassword state=state.clone()/>
                <Button text=t("two-factor-submit")/>
            </form>
        }
        .into_any(),
        _ => view! { <SignedOut/> }.into_any(),
    };
    view! { <SettingsPage title=t("two-factor-title") state=state>{content}</SettingsPage> }
}

/// New recovery codes, shown once.
#[component]
pub fn RecoveryCodesPage() -> impl IntoView {
    let codes = from_request::<RecoveryCodes>().unwrap_or_default().codes;
    let content = if codes.is_empty() {
        view! { <NothingPending message=t("recovery-codes-gone") href="/account/two-factor" link=t("two-factor-title")/> }
            .into_any()
    } else {
        let items = codes.into_iter().map(|code| view! { <li><code>{code}</code></li> }).collect_view();
        view! {
            <p class="pt-body">{t("recovery-codes-intro")}</p>
            <ul class="pt-list pt-recovery-codes">{items}</ul>
            <p class="pt-body">{t("recovery-codes-once")}</p>
            <p class="pt-body"><a class="pt-button" href="/account">{t("recovery-codes-done")}</a></p>
        }
        .into_any()
    };
    view! {
        <Title text=t("recovery-codes-title")/>
        <h1 class="pt-heading-xl">{t("recovery-codes-title")}</h1>
        {content}
    }
}
