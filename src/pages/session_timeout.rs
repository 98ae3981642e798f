//! Warning before the 30-minute idle limit ends a session, with a way to stay signed in.
//!
//! With JavaScript, a dialog appears five minutes before the limit; "Stay logged in" calls the
//! [`stay_signed_in`] server function, whose request (like any request of a signed-in user)
//! moves the idle expiry forward. Without JavaScript nothing moves the page by itself (WCAG
//! 2.2.1): signed-in pages say the time limit (`app::NoScriptTimeLimit`), a long form sent
//! after the limit is kept across logging in again (`server::web::kept_post`), and the plain
//! [`SessionWarningPage`], whose button posts to the same server function and returns to the
//! page the user was on, stays for links to it.

use crate::components::{Button, ButtonKind};
use crate::i18n::{t, t_args};
use crate::page_data::{from_request, AccountSummary, ReturnPath};
use leptos::prelude::*;
use leptos_meta::Title;
use serde::{Deserialize, Serialize};

/// The server's idle limit.
pub const IDLE_MINUTES: u32 = 30;
/// How long before the limit the warning comes.
pub const WARN_MINUTES: u32 = 5;
/// Seconds from a page load to the warning.
pub const WARN_AFTER_SECONDS: u32 = (IDLE_MINUTES - WARN_MINUTES) * 60;

/// Keeps the session alive. Without JavaScript it is a plain form post, and the browser is sent
/// back to `next` (a path on this site only).
#[server(prefix = "/api", endpoint = "session/stay")]
pub async fn stay_signed_in(next: Option<String>) -> Result<u32, ServerFnError> {
    use crate::server::identity::CurrentUser;
    let parts = use_context::<http::request::Parts>();
    // The access table already refused anyone not signed in; this is the function's own check.
    if parts.and_then(|parts| parts.extensions.get::<CurrentUser>().cloned()).is_none() {
        return Err(ServerFnError::new("not signed in"));
    }
    if let Some(next) = next {
        leptos_axum::redirect(&crate::server::i18n::local_return_path(Some(&next)));
    }
    Ok(IDLE_MINUTES)
}

/// The plain warning page that the no-script refresh opens.
#[component]
pub fn SessionWarningPage() -> impl IntoView {
    let back = from_request::<ReturnPath>().map(|r| r.0).unwrap_or_else(|| "/account".into());
    let signed_in = from_request::<AccountSummary>().is_some();
    view! {
        <Title text=t("timeout-title")/>
        <h1 class="pt-heading-xl">{t("timeout-title")}</h1>
        {if signed_in {
            view! {
                <p class="pt-body">{t_args("timeout-body", &[("minutes", &WARN_MINUTES.to_string())])}</p>
                <form method="post" action="/api/session/stay">
                    <input type="hidden" name="next" value=back/>
                    <Button text=t("timeout-stay")/>
                </form>
                <form method="post" action="/logout">
                    <Button text=t("logout-submit") kind=ButtonKind::Secondary/>
                </form>
            }
            .into_any()
        } else {
            view! { <SessionEnded/> }.into_any()
        }}
    }
}

#[component]
fn SessionEnded() -> impl IntoView {
    view! {
        <p class="pt-body">{t("timeout-ended-body")}</p>
        <p class="pt-body"><a class="pt-link" href="/login">{t("login-again")}</a></p>
    }
}

/// Where the browser goes when the limit has passed: says why the user is logged out.
#[component]
pub fn SessionEndedPage() -> impl IntoView {
    view! {
        <Title text=t("timeout-ended-title")/>
        <h1 class="pt-heading-xl">{t("timeout-ended-title")}</h1>
        <SessionEnded/>
    }
}

/// The words of the dialog, from the server: the browser bundle carries no translations.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeoutTexts {
    title: String,
    body: String,
    stay: String,
    logout: String,
}

impl TimeoutTexts {
    /// The dialog's words on a signed-in page; nothing for a visitor.
    pub fn for_page() -> Option<TimeoutTexts> {
        from_request::<AccountSummary>().map(|_| TimeoutTexts {
            title: t("timeout-title"),
            body: t_args("timeout-body", &[("minutes", &WARN_MINUTES.to_string())]),
            stay: t("timeout-stay"),
            logout: t("logout-submit"),
        })
    }
}

/// The dialog of signed-in pages, when scripts run (part of `page_scripts::PageScripts`).
#[component]
pub fn TimeoutDialog(texts: TimeoutTexts) -> impl IntoView {
    let (open, set_open) = signal(false);
    let heading = NodeRef::<leptos::html::H2>::new();
    #[cfg(feature = "hydrate")]
    timers::start(set_open);
    Effect::new(move |_| {
        if open.get() {
            if let Some(heading) = heading.get() {
                let _ = heading.focus();
            }
        }
    });
    let stay = Action::new_local(move |_: &()| async move {
        if stay_signed_in(None).await.is_ok() {
            set_open.set(false);
            #[cfg(feature = "hydrate")]
            timers::start(set_open);
        }
    });
    move || {
        let texts = texts.clone();
        open.get().then(|| {
            view! {
                <div class="pt-timeout" role="alertdialog" aria-modal="false" aria-labelledby="timeout-title"
                    aria-describedby="timeout-body">
                    <h2 class="pt-heading-m" id="timeout-title" tabindex="-1" node_ref=heading>{texts.title}</h2>
                    <p class="pt-body" id="timeout-body">{texts.body}</p>
                    <button type="button" class="pt-button" on:click=move |_| { stay.dispatch(()); }>
                        {texts.stay}
                    </button>
                    " "
                    <form method="post" action="/logout" class="pt-timeout__logout">
                        <Button text=texts.logout kind=ButtonKind::Secondary/>
                    </form>
                </div>
            }
        })
    }
}

#[cfg(feature = "hydrate")]
mod timers {
    use super::*;
    use std::time::Duration;

    /// Opens the warning when it is due, and leaves for the "session ended" page at the limit,
    /// unless the user chose to stay in the meantime (which starts new timers; the old ones
    /// see that the dialog was closed and a newer generation started).
    pub fn start(set_open: WriteSignal<bool>) {
        thread_local! { static GENERATION: std::cell::Cell<u32> = const { std::cell::Cell::new(0) }; }
        let generation = GENERATION.with(|g| {
            g.set(g.get() + 1);
            g.get()
        });
        let current = move || GENERATION.with(|g| g.get()) == generation;
        set_timeout(
            move || {
                if current() {
                    set_open.set(true);
                }
            },
            Duration::from_secs(WARN_AFTER_SECONDS.into()),
        );
        set_timeout(
            move || {
                if current() {
                    let _ = window().location().set_href("/session-ended");
                }
            },
            Duration::from_secs((IDLE_MINUTES * 60).into()),
        );
    }
}
