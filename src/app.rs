//! The HTML shell, the routes, and the layout every page shares.

use crate::components::layout::{
    page_has_step_form, AccountNav, DefaultSaveButton, Footer, LanguageSwitch, ServiceHeader, SkipLink,
};
use crate::components::NotificationBanner;
use crate::components::PhaseBanner;
use crate::i18n::t;
use crate::i18n::{use_lang, Lang};
use crate::page_data::{from_request, Notice};
use crate::pages::*;
use crate::session_timeout::{SessionEndedPage, SessionTimeoutDialog, SessionWarningPage, WARN_AFTER_SECONDS};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

/// Facts about this deployment that pages show, known to the server from its configuration
/// and to the browser from the shell's `<meta name="portal-public-url">`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SiteInfo {
    /// The official address of the service, e.g. `https://portal.example.fi`.
    pub public_url: String,
}

const PUBLIC_URL_META: &str = "portal-public-url";

/// The document around the app. Rendered on the server only; the browser hydrates `<body>`.
pub fn shell(options: LeptosOptions, stylesheet: String) -> impl IntoView {
    let lang = use_lang();
    let site = use_context::<SiteInfo>().map(|s| s.public_url).unwrap_or_default();
    view! {
        <!DOCTYPE html>
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <meta name=PUBLIC_URL_META content=site/>
                <link rel="stylesheet" href=stylesheet/>
                <link rel="icon" href="/static/favicon.svg" type="image/svg+xml"/>
                <HydrationScripts options/>
                <NoScriptTimeoutWarning/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The language and site facts as the server decided them: from the request's context on the
/// server, read back from the document in the browser.
#[cfg(not(feature = "hydrate"))]
fn page_facts() -> (Lang, SiteInfo) {
    (use_lang(), use_context::<SiteInfo>().unwrap_or(SiteInfo { public_url: String::new() }))
}

#[cfg(feature = "hydrate")]
fn page_facts() -> (Lang, SiteInfo) {
    let document = document();
    let lang = document
        .document_element()
        .and_then(|html| html.get_attribute("lang"))
        .and_then(|code| Lang::from_code(&code))
        .unwrap_or_default();
    let public_url = document
        .query_selector(&format!("meta[name={PUBLIC_URL_META}]"))
        .ok()
        .flatten()
        .and_then(|meta| meta.get_attribute("content"))
        .unwrap_or_default();
    (lang, SiteInfo { public_url })
}

/// Marks the document once the app has hydrated, so styles and tests can tell that the
/// enhancements are live.
fn mark_hydrated() {
    #[cfg(feature = "hydrate")]
    Effect::new(|_| {
        if let Some(html) = document().document_element() {
            let _ = html.set_attribute("data-hydrated", "true");
        }
    });
}

/// Every page gets its data from the server with its own request (see `page_data`), so a link
/// must load the page from the server rather than render it in the browser. A capture-phase
/// listener sees each click on a link before the client-side router does, and marks the link
/// `rel="external"`, which the router leaves to the browser. In-page links (`#…`) stay as they
/// are.
#[cfg(feature = "hydrate")]
fn load_links_from_server() {
    use leptos::wasm_bindgen::closure::Closure;
    use leptos::wasm_bindgen::JsCast;
    use leptos::web_sys::{Element, Event};
    let mark_external = Closure::<dyn Fn(Event)>::new(|event: Event| {
        let link = event
            .target()
            .and_then(|target| target.dyn_into::<Element>().ok())
            .and_then(|element| element.closest("a[href]").ok().flatten());
        let Some(link) = link else { return };
        let rel = link.get_attribute("rel").unwrap_or_default();
        let in_page = link.get_attribute("href").is_some_and(|href| href.starts_with('#'));
        if !in_page && !rel.split_whitespace().any(|part| part == "external") {
            let _ = link.set_attribute("rel", format!("{rel} external").trim());
        }
    });
    let _ = document().add_event_listener_with_callback_and_bool("click", mark_external.as_ref().unchecked_ref(), true);
    // Lives as long as the page.
    mark_external.forget();
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let (lang, site) = page_facts();
    provide_context(lang);
    provide_context(site);
    mark_hydrated();
    #[cfg(feature = "hydrate")]
    load_links_from_server();
    let service = lang.t("service-name");
    view! {
        <Title formatter=move |page: String| format!("{page} – {service}")/>
        <Router>
            <Layout>
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=StartPage/>
                    <Route path=path!("/safe-use") view=SafeUsePage/>
                    <Route path=path!("/accessibility") view=AccessibilityPage/>
                    <Route path=path!("/privacy") view=PrivacyPage/>
                    <Route path=path!("/contact") view=ContactPage/>
                    <Route path=path!("/design-system") view=DesignSystemPage/>
                    <Route path=path!("/login") view=LoginPage/>
                    <Route path=path!("/account") view=AccountPage/>
                    <Route path=path!("/logged-out") view=LoggedOutPage/>
                    <Route path=path!("/register") view=RegisterPage/>
                    <Route path=path!("/verify") view=VerifyPage/>
                    <Route path=path!("/login/code") view=LoginCodePage/>
                    <Route path=path!("/password-reset") view=PasswordResetPage/>
                    <Route path=path!("/password-reset/code") view=PasswordResetCodePage/>
                    <Route path=path!("/account/password") view=PasswordChangePage/>
                    <Route path=path!("/account/email") view=EmailChangePage/>
                    <Route path=path!("/account/email/code") view=EmailCodePage/>
                    <Route path=path!("/account/language") view=LanguagePage/>
                    <Route path=path!("/account/delete") view=DeletePage/>
                    <Route path=path!("/account/two-factor") view=TwoFactorPage/>
                    <Route path=path!("/account/two-factor/recovery-codes") view=RecoveryCodesPage/>
                    <Route path=path!("/account-deleted") view=AccountDeletedPage/>
                    <Route path=path!("/staff") view=StaffPage/>
                    <Route path=path!("/session-warning") view=SessionWarningPage/>
                    <Route path=path!("/applications") view=ApplicationsPage/>
                    <Route path=path!("/apply/:kind") view=ApplyPage/>
                    <Route path=path!("/applications/:id") view=OverviewPage/>
                    <Route path=path!("/applications/:id/steps/:step") view=StepPage/>
                    <Route path=path!("/applications/:id/check") view=CheckPage/>
                    <Route path=path!("/applications/:id/declaration") view=DeclarationPage/>
                    <Route path=path!("/applications/:id/payment") view=PaymentPage/>
                    <Route path=path!("/applications/:id/delete") view=DeleteDraftPage/>
                    <Route path=path!("/staff/preview") view=PreviewIndexPage/>
                    <Route path=path!("/staff/preview/:kind") view=OverviewPage/>
                    <Route path=path!("/staff/preview/:kind/steps/:step") view=StepPage/>
                    <Route path=path!("/staff/preview/:kind/check") view=CheckPage/>
                    <Route path=path!("/staff/preview/:kind/declaration") view=DeclarationPage/>
                    <Route path=path!("/staff/preview/:kind/payment") view=PaymentPage/>
                    <Route path=path!("/staff/forms/:kind") view=FlowMapPage/>
                    <Route path=path!("/session-ended") view=SessionEndedPage/>
                </Routes>
            </Layout>
        </Router>
    }
}

/// Skip link, header with the language switch, phase banner, main content, footer.
#[component]
fn Layout(children: Children) -> impl IntoView {
    let on_step_form = page_has_step_form();
    view! {
        <SkipLink/>
        <DefaultSaveButton on_step_form/>
        <ServiceHeader>
            <AccountNav/>
            <LanguageSwitch on_step_form/>
        </ServiceHeader>
        <div class="pt-width-container">
            <PhaseBanner/>
            <main class="pt-main-wrapper" id="main-content" tabindex="-1">
                <SessionTimeoutDialog/>
                <NoticeBanner/>
                {children()}
            </main>
        </div>
        <Footer/>
    }
}

/// Confirms what the user just did, on the page they were sent to afterwards.
#[component]
fn NoticeBanner() -> impl IntoView {
    from_request::<Notice>().map(|notice| {
        view! {
            <NotificationBanner success=notice.success>
                <p class="pt-notification-banner__heading">{t(&notice.message_id)}</p>
            </NotificationBanner>
        }
    })
}

/// Without scripts, signed-in pages open the plain timeout warning when it is due (the dialog
/// of [`SessionTimeoutDialog`] does it with scripts). Rendered on the server only.
#[component]
fn NoScriptTimeoutWarning() -> impl IntoView {
    #[cfg(feature = "ssr")]
    let signed_in = use_context::<http::request::Parts>()
        .is_some_and(|parts| parts.extensions.get::<crate::page_data::AccountSummary>().is_some());
    #[cfg(not(feature = "ssr"))]
    let signed_in = false;
    signed_in.then(|| {
        let refresh = format!("{WARN_AFTER_SECONDS};url=/session-warning");
        view! { <noscript><meta http-equiv="refresh" content=refresh/></noscript> }
    })
}
