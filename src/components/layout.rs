//! The parts of the page frame: skip link, header, language switch, footer.

use crate::forms::validate::control;
use crate::i18n::{t, use_lang, Lang};
use crate::page_data::{from_request, AccountSummary};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// The first thing a keyboard user reaches: a jump past the header to the content.
#[component]
pub fn SkipLink() -> impl IntoView {
    view! { <a href="#main-content" class="pt-skip-link">{t("skip-link")}</a> }
}

/// The service name, linking home, and whatever the page puts beside it (the language switch).
#[component]
pub fn ServiceHeader(#[prop(optional)] children: Option<Children>) -> impl IntoView {
    view! {
        <header class="pt-header">
            <div class="pt-header__container pt-width-container">
                <a href="/" class="pt-header__service-name">{t("service-name")}</a>
                {children.map(|c| c())}
            </div>
        </header>
    }
}

/// Who is signed in, with the way to the account and out of it; or the way in. On every page,
/// so that nobody has to look for them.
#[component]
pub fn AccountNav() -> impl IntoView {
    let content = match from_request::<AccountSummary>() {
        Some(account) => view! {
            <li class="pt-account-nav__item pt-account-nav__who">
                <span class="pt-visually-hidden">{t("header-signed-in-as")} " "</span>{account.email}
            </li>
            <li class="pt-account-nav__item"><a class="pt-account-nav__link" href="/account">{t("account-title")}</a></li>
            <li class="pt-account-nav__item">
                <form method="post" action="/logout">
                    <button type="submit" class="pt-account-nav__button">{t("logout-submit")}</button>
                </form>
            </li>
        }
        .into_any(),
        None => view! {
            <li class="pt-account-nav__item"><a class="pt-account-nav__link" href="/login">{t("header-log-in")}</a></li>
        }
        .into_any(),
    };
    view! {
        <nav class="pt-account-nav" aria-label=t("header-account-label")>
            <ul class="pt-account-nav__list">{content}</ul>
        </nav>
    }
}

/// The id of a step page's form, which the language switch submits.
pub const STEP_FORM_ID: &str = "step-form";

/// On a step's page, the first submit button of the step's form in the page's order, unseen
/// and out of the tab order: Enter in a text box sends a form with its first submit button,
/// which would otherwise be the language switch in the header or, in a repeating step,
/// "Remove item 1". This one saves and goes on, as "Save and continue" does.
#[component]
pub fn DefaultSaveButton(on_step_form: bool) -> impl IntoView {
    on_step_form.then(|| view! { <button type="submit" form=STEP_FORM_ID hidden tabindex="-1"></button> })
}

/// Plain links to `/lang/{code}?next=<this page>`: the server remembers the choice and sends
/// the user back to the same page, so it works without JavaScript. On a step's page, buttons
/// that send the form, so that nothing typed is lost. Each name is in its own language.
#[component]
pub fn LanguageSwitch(on_step_form: bool) -> impl IntoView {
    let current = use_lang();
    let location = use_location();
    let here = move || {
        let path = location.pathname.get();
        let query = location.search.get();
        if query.is_empty() {
            path
        } else {
            format!("{path}?{}", query.trim_start_matches('?'))
        }
    };
    let encode = |text: String| form_urlencoded::byte_serialize(text.as_bytes()).collect::<String>();
    let links = Lang::ALL
        .into_iter()
        .map(|lang| {
            let is_current = lang == current;
            let switch = if on_step_form {
                // A step's form sends what is typed along, to be shown again in the other
                // language (see `applications::web`): a link would lose it.
                view! {
                    <button type="submit" form=STEP_FORM_ID name=control::SWITCH_LANGUAGE value=lang.code()
                        class="pt-language-switch__link pt-language-switch__button" lang=lang.code()
                        aria-current=is_current.then_some("true")>
                        {lang.native_name()}
                    </button>
                }
                .into_any()
            } else {
                let href = move || format!("/lang/{}?next={}", lang.code(), encode(here()));
                view! {
                    <a
                        class="pt-language-switch__link"
                        href=href
                        lang=lang.code()
                        hreflang=lang.code()
                        aria-current=is_current.then_some("true")
                    >
                        {lang.native_name()}
                    </a>
                }
                .into_any()
            };
            view! { <li class="pt-language-switch__item">{switch}</li> }
        })
        .collect_view();
    view! {
        <nav class="pt-language-switch" aria-label=t("language-switch-label")>
            <ul class="pt-language-switch__list">{links}</ul>
        </nav>
    }
}

#[component]
pub fn Footer() -> impl IntoView {
    view! {
        <footer class="pt-footer">
            <div class="pt-width-container">
                <h2 class="pt-visually-hidden">{t("footer-heading")}</h2>
                <ul class="pt-footer__links">
                    <li><a class="pt-footer__link" href="/check-message">{t("message-check-title")}</a></li>
                    <li><a class="pt-footer__link" href="/safe-use">{t("safe-use-title")}</a></li>
                    <li><a class="pt-footer__link" href="/accessibility">{t("accessibility-title")}</a></li>
                    <li><a class="pt-footer__link" href="/privacy">{t("privacy-title")}</a></li>
                    <li><a class="pt-footer__link" href="/contact">{t("contact-title")}</a></li>
                </ul>
                <p class="pt-footer__meta">{t("footer-owner")}</p>
                {use_context::<crate::pages::SiteInfo>().map(|site| {
                    let host = site.official_host().to_string();
                    view! { <p class="pt-footer__meta" id="official-address">{crate::i18n::t_args("footer-official-address", &[("address", &host)])}</p> }
                })}
            </div>
        </footer>
    }
}
