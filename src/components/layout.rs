//! The parts of the page frame: skip link, header, language switch, footer.

use crate::i18n::{t, use_lang, Lang};
use crate::page_data::{from_request, AccountSummary};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// The first thing a keyboard user reaches: a jump past the header to the content.
#[component]
pub fn SkipLink() -> impl IntoView {
    view! { <a href="#main-content" target="_self" class="pt-skip-link">{t("skip-link")}</a> }
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

/// Plain links to `/lang/{code}?next=<this page>`: the server remembers the choice and sends
/// the user back to the same page, so it works without JavaScript. `rel="external"` makes the
/// client-side router let the browser follow the link. Each name is in its own language.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
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
            let href = move || format!("/lang/{}?next={}", lang.code(), encode(here()));
            view! {
                <li class="pt-language-switch__item">
                    <a
                        class="pt-language-switch__link"
                        href=href
                        rel="external"
                        lang=lang.code()
                        hreflang=lang.code()
                        aria-current=is_current.then_some("true")
                    >
                        {lang.native_name()}
                    </a>
                </li>
            }
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
                    <li><a class="pt-footer__link" href="/safe-use">{t("safe-use-title")}</a></li>
                    <li><a class="pt-footer__link" href="/accessibility">{t("accessibility-title")}</a></li>
                    <li><a class="pt-footer__link" href="/privacy">{t("privacy-title")}</a></li>
                    <li><a class="pt-footer__link" href="/contact">{t("contact-title")}</a></li>
                </ul>
                <p class="pt-footer__meta">{t("footer-owner")}</p>
            </div>
        </footer>
    }
}
