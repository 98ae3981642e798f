//! The HTML shell, the routes, and the layout every page shares.

use crate::components::layout::{AccountNav, DefaultSaveButton, Footer, LanguageSwitch, ServiceHeader, SkipLink};
use crate::components::NotificationBanner;
use crate::components::PhaseBanner;
use crate::i18n::use_lang;
use crate::i18n::{t, t_args};
use crate::page_data::{from_request, Notice};
use crate::page_scripts::{PageScripts, ScriptsOfPage};
use crate::pages::session_timeout::{SessionEndedPage, SessionWarningPage, IDLE_MINUTES};
use crate::pages::*;
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

/// The document around the app, rendered on the server. The script that loads the page's
/// island comes only on a page that has one: most pages are plain HTML and forms.
pub fn shell(options: LeptosOptions, stylesheet: String) -> impl IntoView {
    let lang = use_lang();
    let scripts = ScriptsOfPage::for_page();
    let interactive = scripts.any();
    provide_context(scripts);
    view! {
        <!DOCTYPE html>
        <html lang=lang.code()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                // What search engines show under the title: what the service is.
                <meta name="description" content=lang.t("footer-owner")/>
                <link rel="stylesheet" href=stylesheet/>
                <link rel="icon" href="/static/favicon.svg" type="image/svg+xml"/>
                {interactive.then(|| view! { <HydrationScripts options islands=true/> })}
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let service = use_lang().t("service-name");
    view! {
        <Title formatter=move |page: String| format!("{page} – {service}")/>
        <Router>
            <Layout>
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=StartPage/>
                    <Route path=path!("/safe-use") view=SafeUsePage/>
                    <Route path=path!("/check-message") view=CheckMessagePage/>
                    <Route path=path!("/report-suspicious") view=ReportPage/>
                    <Route path=path!("/report-suspicious/sent") view=ReportSentPage/>
                    <Route path=path!("/pre-check") view=PreCheckStartPage/>
                    <Route path=path!("/pre-check/steps/:step") view=StepPage/>
                    <Route path=path!("/pre-check/result") view=PreCheckResultPage/>
                    <Route path=path!("/calculators/citizenship") view=CitizenshipCalculatorPage/>
                    <Route path=path!("/calculators/permanent") view=PermanentCalculatorPage/>
                    <Route path=path!("/accessibility") view=AccessibilityPage/>
                    <Route path=path!("/privacy") view=PrivacyPage/>
                    <Route path=path!("/contact") view=ContactPage/>
                    <Route path=path!("/design-system") view=DesignSystemPage/>
                    <Route path=path!("/login") view=LoginPage/>
                    <Route path=path!("/account") view=AccountPage/>
                    <Route path=path!("/employer") view=EmployerPage/>
                    <Route path=path!("/employer/tasks/:id") view=EmployerTaskPage/>
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
                    <Route path=path!("/staff/operations") view=OperationsPage/>
                    <Route path=path!("/staff/reports") view=StaffReportsPage/>
                    <Route path=path!("/session-warning") view=SessionWarningPage/>
                    <Route path=path!("/applications") view=ApplicationsPage/>
                    <Route path=path!("/apply/:kind") view=ApplyPage/>
                    <Route path=path!("/applications/:id") view=OverviewPage/>
                    <Route path=path!("/applications/:id/steps/:step") view=StepPage/>
                    <Route path=path!("/applications/:id/attachments") view=AttachmentsPage/>
                    <Route path=path!("/applications/:id/check") view=CheckPage/>
                    <Route path=path!("/applications/:id/declaration") view=DeclarationPage/>
                    <Route path=path!("/applications/:id/payment") view=PaymentPage/>
                    <Route path=path!("/applications/:id/receipt") view=ReceiptPage/>
                    <Route path=path!("/applications/:id/send") view=SendPage/>
                    <Route path=path!("/applications/:id/sent") view=SentPage/>
                    <Route path=path!("/applications/:id/identity-visit") view=IdentityVisitPage/>
                    <Route path=path!("/applications/:id/requests/:request") view=RequestPageView/>
                    <Route path=path!("/applications/:id/decision") view=DecisionPageView/>
                    <Route path=path!("/applications/:id/delete") view=DeleteDraftPage/>
                    <Route path=path!("/staff/preview") view=PreviewIndexPage/>
                    <Route path=path!("/staff/preview/:kind") view=OverviewPage/>
                    <Route path=path!("/staff/preview/:kind/steps/:step") view=StepPage/>
                    <Route path=path!("/staff/preview/:kind/attachments") view=AttachmentsPage/>
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
    let scripts = use_context::<ScriptsOfPage>().unwrap_or_default();
    let on_step_form = scripts.step.is_some();
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
                {scripts.any().then(|| view! { <PageScripts timeout=scripts.timeout step=scripts.step upload=scripts.upload receipt=scripts.receipt/> })}
                <NoticeBanner/>
                <NoScriptTimeLimit/>
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

/// Without scripts there is no warning dialog (the one of [`PageScripts`]), and no timed
/// redirect either, which would take the page and what is being typed away (WCAG 2.2.1):
/// signed-in pages say the time limit instead. Rendered on the server only.
#[component]
fn NoScriptTimeLimit() -> impl IntoView {
    #[cfg(feature = "ssr")]
    let signed_in = use_context::<http::request::Parts>()
        .is_some_and(|parts| parts.extensions.get::<crate::page_data::AccountSummary>().is_some());
    #[cfg(not(feature = "ssr"))]
    let signed_in = false;
    signed_in.then(|| {
        let minutes = IDLE_MINUTES.to_string();
        view! { <noscript><p class="pt-body" id="time-limit">{t_args("timeout-limit", &[("minutes", &minutes)])}</p></noscript> }
    })
}
