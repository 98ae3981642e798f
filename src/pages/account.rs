//! Getting in and out: logging in (with a second step when the account has one), creating an
//! account, confirming an address, resetting a forgotten password.
//!
//! Forms post to the page's own address; the server answers with a redirect, and the page is
//! rendered again from what the server kept (Post/Redirect/Get), so they work without
//! JavaScript and a failed submit shows its errors and what was typed (never a password).

use crate::components::{Button, Choice, ErrorSummary, NotificationBanner, Radios, TextInput};
use crate::domain::text::local_path;
use crate::i18n::{t, t_args};
use crate::page_data::{from_request, FormState, PendingCode, ENDED_FIELD, NEXT_FIELD};
use leptos::prelude::*;
use leptos_meta::Title;

/// The frame of a page that is one form: the title (marked when the form has errors, so screen
/// reader users hear it first), the error summary, the heading, and the form's content.
#[component]
pub fn FormPage(
    #[prop(into)] title: String,
    state: FormState,
    /// What the error messages say besides (a limit).
    #[prop(optional)]
    args: Vec<(&'static str, String)>,
    children: Children,
) -> impl IntoView {
    let args: Vec<(&'static str, &str)> = args.iter().map(|(name, value)| (*name, value.as_str())).collect();
    let errors = state.field_errors_with(&args);
    let document_title = if errors.is_empty() { title.clone() } else { format!("{} {title}", t("error-prefix")) };
    view! {
        <Title text=document_title/>
        <div class="pt-grid-row">
            <div class="pt-grid-column-two-thirds">
                <ErrorSummary errors=errors/>
                <h1 class="pt-heading-xl">{title}</h1>
                {children()}
            </div>
        </div>
    }
}

/// The state the server kept for this page's form, or a clean one.
pub fn form_state() -> FormState {
    from_request::<FormState>().unwrap_or_default()
}

#[component]
pub fn LoginPage() -> impl IntoView {
    let state = form_state();
    // The page the visitor asked for before being sent here: from the address, or kept with
    // the form after a refused try.
    let asked = leptos_router::hooks::use_query_map().get_untracked().get(NEXT_FIELD).unwrap_or_default();
    let kept = state.value(NEXT_FIELD);
    let next = [kept, asked].into_iter().find(|path| local_path(path).is_some());
    let ended = leptos_router::hooks::use_query_map().get_untracked().get(ENDED_FIELD).is_some();
    view! {
        <FormPage title=t("login-title") state=state.clone()>
            {ended.then(|| view! {
                <NotificationBanner id="session-ended">
                    <p class="pt-notification-banner__heading">{t("timeout-ended-title")}</p>
                    <p class="pt-body">{t("timeout-ended-body")}</p>
                </NotificationBanner>
            })}
            <form method="post" action="/login" novalidate>
                {next.map(|path| view! { <input type="hidden" name=NEXT_FIELD value=path/> })}
                <TextInput id="email" label=t("login-email") input_type="email" autocomplete="username"
                    spellcheck=false value=state.value("email") error=state.error("email")/>
                <TextInput id="password" label=t("login-password") input_type="password"
                    autocomplete="current-password" error=state.error("password")/>
                <Button text=t("login-submit")/>
            </form>
            <p class="pt-body"><a class="pt-link" href="/password-reset">{t("login-forgot")}</a></p>
            <p class="pt-body"><a class="pt-link" href="/register">{t("login-no-account")}</a></p>
        </FormPage>
    }
}

/// The second step of a login: a code from the authenticator app, or a recovery code.
#[component]
pub fn LoginCodePage() -> impl IntoView {
    let state = form_state();
    view! {
        <FormPage title=t("login-code-title") state=state.clone()>
            <p class="pt-body">{t("login-code-intro")}</p>
            <form method="post" action="/login/code" novalidate>
                <TextInput id="code" label=t("login-code") hint=t("login-code-hint") autocomplete="one-time-code"
                    spellcheck=false width=10 value=state.value("code") error=state.error("code")/>
                <Button text=t("login-code-submit")/>
            </form>
        </FormPage>
    }
}

/// Creating an applicant's or employer's account: an address and a password, then a code
/// from the mail.
#[component]
pub fn RegisterPage() -> impl IntoView {
    let state = form_state();
    let roles = vec![
        Choice::new("applicant", t("register-role-applicant")).with_hint(t("register-role-applicant-hint")),
        Choice::new("employer", t("register-role-employer")).with_hint(t("register-role-employer-hint")),
    ];
    let role = state.value("role");
    view! {
        <FormPage title=t("register-title") state=state.clone()>
            <p class="pt-body">{t("register-intro")}</p>
            <form method="post" action="/register" novalidate>
                <Radios name="role" legend=t("register-role") options=roles
                    selected=role error=state.error("role")/>
                <TextInput id="email" label=t("register-email") hint=t("register-email-hint") input_type="email"
                    autocomplete="email" spellcheck=false value=state.value("email") error=state.error("email")/>
                <TextInput id="password" label=t("register-password") hint=t("register-password-hint")
                    input_type="password" autocomplete="new-password" error=state.error("password")/>
                <Button text=t("register-submit")/>
            </form>
        </FormPage>
    }
}

/// The field for a code sent by e-mail.
#[component]
pub fn EmailedCodeInput(state: FormState) -> impl IntoView {
    view! {
        <TextInput id="code" label=t("verify-code") hint=t("verify-code-hint") autocomplete="one-time-code"
            inputmode="numeric" spellcheck=false width=10 value=state.value("code") error=state.error("code")/>
    }
}

/// What a code page shows when no code is waiting: where to start instead.
#[component]
pub fn NothingPending(
    #[prop(into)] message: String,
    #[prop(into)] href: String,
    #[prop(into)] link: String,
) -> impl IntoView {
    view! {
        <p class="pt-body">{message}</p>
        <p class="pt-body"><a class="pt-link" href=href>{link}</a></p>
    }
}

/// Entering the code that registration sent.
#[component]
pub fn VerifyPage() -> impl IntoView {
    let state = form_state();
    let content = match from_request::<PendingCode>() {
        Some(pending) => view! {
            <p class="pt-body">{t_args("verify-sent", &[("email", &pending.email)])}</p>
            <form method="post" action="/verify" novalidate>
                <EmailedCodeInput state=state.clone()/>
                <Button text=t("verify-submit")/>
            </form>
        }
        .into_any(),
        None => {
            view! { <NothingPending message=t("verify-nothing-pending") href="/register" link=t("register-title")/> }
                .into_any()
        }
    };
    view! { <FormPage title=t("verify-title") state=state>{content}</FormPage> }
}

/// Asking for a code to reset a forgotten password.
#[component]
pub fn PasswordResetPage() -> impl IntoView {
    let state = form_state();
    view! {
        <FormPage title=t("reset-title") state=state.clone()>
            <p class="pt-body">{t("reset-intro")}</p>
            <form method="post" action="/password-reset" novalidate>
                <TextInput id="email" label=t("login-email") input_type="email" autocomplete="username"
                    spellcheck=false value=state.value("email") error=state.error("email")/>
                <Button text=t("reset-submit")/>
            </form>
        </FormPage>
    }
}

/// The reset code and the new password.
#[component]
pub fn PasswordResetCodePage() -> impl IntoView {
    let state = form_state();
    let content = match from_request::<PendingCode>() {
        Some(pending) => view! {
            <p class="pt-body">{t_args("reset-sent", &[("email", &pending.email)])}</p>
            <form method="post" action="/password-reset/code" novalidate>
                <EmailedCodeInput state=state.clone()/>
                <TextInput id="password" label=t("password-new") hint=t("register-password-hint")
                    input_type="password" autocomplete="new-password" error=state.error("password")/>
                <Button text=t("reset-confirm")/>
            </form>
        }
        .into_any(),
        None => {
            view! { <NothingPending message=t("reset-nothing-pending") href="/password-reset" link=t("reset-title")/> }
                .into_any()
        }
    };
    view! { <FormPage title=t("reset-code-title") state=state>{content}</FormPage> }
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

#[component]
pub fn AccountDeletedPage() -> impl IntoView {
    view! {
        <Title text=t("deleted-title")/>
        <h1 class="pt-heading-xl">{t("deleted-title")}</h1>
        <p class="pt-body">{t("deleted-body")}</p>
    }
}
