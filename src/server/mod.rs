//! Everything that only runs on the server: configuration, database, the HTTP router with its
//! security layers, and error pages. The browser build never compiles this module.

pub mod accounts;
pub mod applications;
pub mod assets;
pub mod attachments;
pub mod audit;
pub mod case_backend;
pub mod case_events;
pub mod clock;
pub mod config;
pub mod db;
pub mod decisions;
pub mod error_page;
pub mod health;
pub mod i18n;
pub mod identity;
pub mod jobs;
pub mod listen;
pub mod mail;
pub mod metrics;
pub mod organisations;
pub mod payments;
pub mod personal_data;
pub mod qr;
pub mod queue;
pub mod requests;
pub mod residence;
pub mod secrets;
pub mod security;
pub mod sending;
pub mod site;
pub mod staff;
#[cfg(any(test, feature = "test-support"))]
pub mod test_servers;
pub mod trust;
pub mod web;

use crate::app::{shell, App};
use crate::forms::catalogue::Catalogue;
use crate::i18n::Lang;
use crate::pages::SiteInfo;
use crate::server::db::Pool;
use assets::Assets;
use axum::extract::{DefaultBodyLimit, FromRef, Request};
use axum::middleware::from_fn_with_state;
use axum::routing::get;
use axum::Router;
use clock::Clock;
use config::Config;
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use security::CspNonce;
use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::Duration;
use tower::ServiceBuilder;
use tower_http::compression::CompressionLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;
use web::routes::{Route, RouteTable};

/// What every handler can reach: the [`Services`], shared. Every extractor and middleware of a
/// request clones it (about ten times a page), so a clone is one reference count, not one per
/// service.
#[derive(Clone)]
pub struct AppState(Arc<Services>);

impl std::ops::Deref for AppState {
    type Target = Services;

    fn deref(&self) -> &Services {
        &self.0
    }
}

/// The services of [`AppState`].
#[derive(Clone)]
pub struct Services {
    pub config: Arc<Config>,
    pub db: Pool,
    /// The connections of the reads every signed-in page makes (see [`db::Readers`]).
    pub readers: db::Readers,
    pub assets: Arc<Assets>,
    pub leptos: LeptosOptions,
    pub mailer: Arc<mail::Mailer>,
    pub limits: Arc<accounts::limits::Limits>,
    /// The one clock of every service.
    pub clock: Clock,
    /// The forms offered, every version of each.
    pub catalogue: Catalogue,
    /// The malware scanner every uploaded file goes through, when one is configured.
    pub scanner: Option<Arc<dyn attachments::scan::Scan>>,
    /// Whether a request for additional information asks for a document (its upload slot).
    pub request_slots: attachments::slot::RequestSlots,
    /// What an application's pages show of the features built on it (its files, its payment).
    pub application_parts: applications::Parts,
    /// What each feature keeps of an account's owner (see [`personal_data`]).
    pub personal_data: Arc<[personal_data::Holder]>,
    /// The keys of secrets at rest.
    pub secrets: Arc<secrets::SecretBox>,
    /// Where attachment files are kept.
    pub storage: Arc<dyn attachments::storage::Storage>,
    /// Uploaded files' checks, a few at a time within their memory budget.
    pub checks: Arc<attachments::check::Checks>,
    /// Each client's share of audit rows for what anyone can cause.
    pub audit_throttle: Arc<audit::Throttle>,
    /// The payment provider's client.
    pub payments: Arc<dyn payments::provider::Provider>,
    /// The built-in test provider's keys, when it is the provider (never in production).
    pub test_provider: Option<Arc<payments::test_provider::Keys>>,
    /// The durable job queue's settings and this instance's wake-up bell.
    pub queue: queue::Queue,
    /// The case backend's client, when one is configured.
    pub case_backend: Option<Arc<case_backend::CaseBackend>>,
    /// Suomi.fi e-Authorizations' client, and the built-in test server's keys when it is the
    /// service (never in production).
    pub mandates: Arc<dyn organisations::client::Mandates>,
    pub test_mandates: Option<Arc<organisations::test_server::Keys>>,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos.clone()
    }
}

impl AppState {
    /// A copy of this state with some of its services replaced, e.g. a test's mail server.
    pub fn with(&self, change: impl FnOnce(&mut Services)) -> AppState {
        let mut services = Services::clone(self);
        change(&mut services);
        AppState(Arc::new(services))
    }

    /// The state for `config`, with mail written to files under the data directory.
    pub fn new(config: Config, db: Pool) -> anyhow::Result<AppState> {
        let signer = match &config.dkim {
            Some(dkim) => Some(mail::Signer::from_file(&dkim.key_file, &dkim.selector, &config.mail_from)?),
            None => None,
        };
        let mailer = match &config.smtp_url {
            Some(url) => mail::Mailer::smtp(&url.0, &config.mail_from, signer)?,
            None => mail::Mailer::file(config.data_dir.join("mail"), &config.mail_from, signer)?,
        };
        let assets = Assets::load(&config.site_root);
        let leptos = LeptosOptions::builder()
            .output_name(assets.bundle.clone())
            .site_root(config.site_root.display().to_string())
            .site_pkg_dir("pkg")
            .site_addr(config.bind)
            .build();
        let secrets = Arc::new(secrets::SecretBox::from_config(&config)?);
        let clock = Clock::system();
        let storage = attachments::open_storage(&config)?;
        let (payments, test_provider) = payments::open(&config, &secrets, &clock)?;
        let (mandates, test_mandates) = organisations::open(&config, &secrets, &clock)?;
        let case_backend = config.case_backend.clone().map(case_backend::CaseBackend::new).transpose()?.map(Arc::new);
        // A claim outlives the longest job: a delivery's time limit, or a mail server's.
        let lease = config.case_backend.as_ref().map_or(Duration::ZERO, |c| c.timeout) + Duration::from_secs(90);
        let backoff = queue::Backoff { first: config.jobs.retry_first, longest: config.jobs.retry_longest };
        let queue = queue::Queue::new(jobs(), config.jobs.concurrency, lease, backoff);
        // Uploads cut off by the last stop left their temporary files here.
        let _ = std::fs::remove_dir_all(config.data_dir.join("uploads"));
        let limits = Arc::new(accounts::limits::Limits::new(
            db.clone(),
            clock.clone(),
            secrets.clone(),
            config.client_attempts_per_minute,
        ));
        let checks =
            Arc::new(attachments::check::Checks::new(config.attachment_checks, config.attachment_check_memory_bytes));
        let scanner = attachments::scan::from_config(&config);
        Ok(AppState(Arc::new(Services {
            config: Arc::new(config),
            readers: db::Readers::of(&db),
            db,
            assets: Arc::new(assets),
            leptos,
            mailer: Arc::new(mailer),
            limits,
            clock,
            catalogue: Catalogue::published(),
            scanner,
            request_slots: requests::REQUEST_SLOTS,
            application_parts: applications::Parts {
                files: attachments::FILES_PART,
                payment: payments::PAYMENT_PART,
                case: case_events::CASE_PART,
                send: sending::SEND_PART,
            },
            personal_data: Arc::new([applications::PERSONAL_DATA, attachments::PERSONAL_DATA, payments::PERSONAL_DATA]),
            secrets,
            storage,
            checks,
            audit_throttle: Arc::default(),
            payments,
            test_provider: test_provider.map(Arc::new),
            queue,
            case_backend,
            mandates,
            test_mandates: test_mandates.map(Arc::new),
        })))
    }
}

/// What a page render or server function gets from its request, besides what leptos_axum
/// provides: the negotiated language, the response's CSP nonce, and facts about the site.
fn request_context(state: &AppState) -> impl Fn() + Clone + Send + Sync + 'static {
    let site = SiteInfo {
        public_url: state.config.public_url.clone(),
        exposed_development: state.config.is_exposed_development(),
        // The address alone, as a reader compares it with a message's sender.
        mail_from: state
            .config
            .mail_from
            .parse::<lettre::message::Mailbox>()
            .map_or_else(|_| state.config.mail_from.clone(), |mailbox| mailbox.email.to_string()),
    };
    let catalogue = state.catalogue;
    move || {
        let parts = use_context::<http::request::Parts>();
        let extension = |parts: &http::request::Parts| {
            (parts.extensions.get::<Lang>().copied(), parts.extensions.get::<CspNonce>().cloned())
        };
        let (lang, nonce) = parts.as_ref().map(extension).unwrap_or_default();
        provide_context(lang.unwrap_or_default());
        if let Some(CspNonce(nonce)) = nonce {
            // Replaces the nonce leptos_axum made, so the page uses the one in the header.
            provide_context(nonce);
        }
        // A Host that is not the official address's: the pages warn (never redirect).
        let named =
            parts.as_ref().and_then(|parts| parts.headers.get(http::header::HOST)).and_then(|h| h.to_str().ok());
        if let Some(named) =
            named.filter(|named| !named.trim_end_matches('.').eq_ignore_ascii_case(site.official_host()))
        {
            provide_context(crate::pages::ForeignHost(named.to_string()));
        }
        provide_context(site.clone());
        provide_context(catalogue);
    }
}

/// The largest form body read: far above any form's honest answers (a repeating step's ten
/// items with every answer at its longest), far below what would let a flood of posts
/// grow the server. A larger body gets the translated "too large" page.
pub const FORM_BODY_MAX: usize = 128 * 1024;

/// Every feature's route table: the only place a path, its access rule, its loader and its
/// form handlers are declared.
pub fn feature_routes() -> Vec<Route> {
    [
        site::routes(),
        accounts::web::routes(),
        applications::web::routes(),
        attachments::web::routes(),
        payments::web::routes(),
        case_backend::web::routes(),
        case_events::web::routes(),
        requests::web::routes(),
        decisions::web::routes(),
        organisations::web::routes(),
        trust::web::routes(),
        residence::routes(),
        staff::routes(),
    ]
    .into_iter()
    .flatten()
    .collect()
}

/// Every feature's job kinds: the only place a kind is registered (the queue itself knows
/// none). A new kind is defined in its feature and added here.
pub fn jobs() -> queue::Jobs {
    queue::Jobs::new(vec![
        Box::new(mail::MailJob),
        Box::new(case_backend::DeliveryJob),
        Box::new(case_backend::TermsDeliveryJob),
        Box::new(requests::reply::ReplyJob),
        Box::new(decisions::FetchJob),
        Box::new(decisions::ReportJob),
    ])
}

/// The patterns of the app's pages and of its server functions, which the tables must cover.
pub fn app_patterns() -> (BTreeSet<String>, BTreeSet<String>) {
    patterns_of(&generate_route_list(App))
}

fn patterns_of(routes: &[leptos_axum::AxumRouteListing]) -> (BTreeSet<String>, BTreeSet<String>) {
    let pages = routes.iter().map(|route| route.path().to_string()).collect();
    let server_fns = leptos::server_fn::axum::server_fn_paths().map(|(path, _)| path.to_string()).collect();
    (pages, server_fns)
}

/// The whole HTTP application, ready to serve (or to drive in-process from tests). Panics when
/// a route lacks an access rule (see [`RouteTable::build`]): such a server must not start.
pub fn router(state: AppState) -> Router {
    let routes = generate_route_list(App);
    let (pages, server_fns) = patterns_of(&routes);
    let (table, handlers) = RouteTable::build(feature_routes(), &pages, &server_fns)
        .unwrap_or_else(|problems| panic!("the route tables are not sound:\n{}", problems.join("\n")));
    let context = request_context(&state);
    let app_shell = {
        let options = state.leptos.clone();
        let stylesheet = state.assets.stylesheet_href();
        move || shell(options.clone(), stylesheet.clone())
    };
    let layers = ServiceBuilder::new()
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
        .layer(
            TraceLayer::new_for_http()
                // The path only: query strings may one day carry something personal.
                .make_span_with(|request: &Request| {
                    let id = request.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or("-");
                    tracing::info_span!("request", method = %request.method(), path = request.uri().path(), id)
                })
                // In microseconds: benches/payments.sh reads the server time of each step here.
                .on_response(DefaultOnResponse::new().level(Level::INFO).latency_unit(tower_http::LatencyUnit::Micros)),
        )
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(CompressionLayer::new())
        .layer(from_fn_with_state(state.clone(), security::security_headers))
        .layer(from_fn_with_state(state.clone(), i18n::negotiate_language))
        .layer(from_fn_with_state(state.clone(), web::gate::canonical_paths))
        .layer(from_fn_with_state(state.clone(), security::reject_cross_site))
        .layer(from_fn_with_state(state.clone(), error_page::translate_rejections))
        .layer(from_fn_with_state(state.clone(), error_page::catch_panics));
    let sessions = accounts::session::layer(
        accounts::session::Store::new(state.db.clone(), state.readers.clone(), state.clock.clone()),
        state.config.is_https(),
    );
    let not_found = {
        let render = leptos_axum::render_app_to_stream_with_context(context.clone(), app_shell.clone());
        web::gate::not_found(move |request| Box::pin(render(request)))
    };
    // Pages, forms and server functions: behind the session, the signed-in user and the gate,
    // which the router runs after it has matched a pattern.
    let gate = web::gate::Gate::new(state.clone(), table);
    let app = handlers
        .into_iter()
        .fold(Router::new(), |router, (path, handler)| router.route(path, handler))
        .leptos_routes_with_context(&state, routes, context, app_shell)
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(FORM_BODY_MAX))
        .layer(from_fn_with_state(gate, web::gate::gate))
        .layer(from_fn_with_state(state.clone(), accounts::web::identify))
        .layer(sessions);
    // Probes and static files: public by nature, and outside the session, so that no session
    // is read or written for them.
    app.route("/healthz", get(health::live))
        .route("/readyz", get(health::ready))
        .merge(assets::routes(&state.config.site_root))
        .layer(layers)
        .with_state(state)
}

#[cfg(test)]
mod tests {
    use super::queue::JobError;

    /// The staff's page says every failure of every registered kind in its own language: each
    /// code is read back from its stored form, and has its message in fi, sv and en.
    #[test]
    fn every_job_error_is_read_back_and_said_in_every_language() {
        let jobs = super::jobs();
        assert!(jobs.error_codes().count() > 10, "the kinds name their errors");
        for code in jobs.error_codes() {
            let error = JobError::with(code, 503);
            assert_eq!(jobs.read_error(&error.stored()), Some(error));
            assert_eq!(jobs.read_error(code), Some(JobError::new(code)));
            for lang in crate::i18n::Lang::ALL {
                let message = lang.t_args(&format!("job-error-{code}"), &[("detail", "503")]);
                assert!(!message.starts_with("[missing"), "{code} in {lang:?}");
            }
        }
        assert_eq!(jobs.read_error("the case backend answered 500"), None, "an older row's text");
    }
}
