//! Everything that only runs on the server: configuration, database, the HTTP router with its
//! security layers, and error pages. The browser build never compiles this module.

pub mod accounts;
pub mod applications;
pub mod assets;
pub mod config;
pub mod db;
pub mod error_page;
pub mod health;
pub mod i18n;
pub mod mail;
pub mod security;

use crate::app::{shell, App, SiteInfo};
use crate::i18n::Lang;
use accounts::web;
use assets::Assets;
use axum::extract::{FromRef, Request};
use axum::middleware::from_fn_with_state;
use axum::routing::{get, post, MethodRouter};
use axum::Router;
use config::Config;
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use security::CspNonce;
use sqlx::SqlitePool;
use std::sync::Arc;
use tower::ServiceBuilder;
use tower_http::compression::CompressionLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

/// What every handler can reach. Cheap to clone.
#[derive(Clone)]
pub struct AppState {
    pub config: Arc<Config>,
    pub db: SqlitePool,
    pub assets: Arc<Assets>,
    pub leptos: LeptosOptions,
    pub mailer: mail::Mailer,
    pub limits: Arc<accounts::limits::Limits>,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos.clone()
    }
}

impl AppState {
    /// The state for `config`, with mail written to files under the data directory.
    pub fn new(config: Config, db: SqlitePool) -> anyhow::Result<AppState> {
        let mailer = match &config.smtp_url {
            Some(url) => mail::Mailer::smtp(&url.0, &config.mail_from)?,
            None => mail::Mailer::file(config.data_dir.join("mail"), &config.mail_from)?,
        };
        let assets = Assets::load(&config.site_root);
        let leptos = LeptosOptions::builder()
            .output_name(assets.bundle.clone())
            .site_root(config.site_root.display().to_string())
            .site_pkg_dir("pkg")
            .site_addr(config.bind)
            .build();
        let limits = Arc::new(accounts::limits::Limits::new(config.client_attempts_per_minute));
        Ok(AppState { config: Arc::new(config), db, assets: Arc::new(assets), leptos, mailer, limits })
    }
}

/// What a page render or server function gets from its request, besides what leptos_axum
/// provides: the negotiated language, the response's CSP nonce, and facts about the site.
fn request_context(state: &AppState) -> impl Fn() + Clone + Send + Sync + 'static {
    let site = SiteInfo { public_url: state.config.public_url.clone() };
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
        provide_context(site.clone());
    }
}

/// The account forms (POST) and the data download (GET), by path. Pages are the app's routes;
/// server functions register themselves.
pub fn form_routes() -> Vec<(&'static str, MethodRouter<AppState>)> {
    vec![
        ("/login", post(web::login)),
        ("/login/code", post(web::login_code)),
        ("/logout", post(web::logout)),
        ("/register", post(web::register)),
        ("/verify", post(web::verify)),
        ("/password-reset", post(web::request_reset)),
        ("/password-reset/code", post(web::confirm_reset)),
        ("/account/password", post(web::change_password)),
        ("/account/email", post(web::change_email)),
        ("/account/email/code", post(web::confirm_email)),
        ("/account/language", post(web::change_language)),
        ("/account/data.json", get(web::download_data)),
        ("/account/delete", post(web::delete_account)),
        ("/account/two-factor", post(web::enable_two_factor)),
        ("/account/two-factor/disable", post(web::disable_two_factor)),
        ("/account/two-factor/recovery-codes", post(web::new_recovery_codes)),
        ("/apply/{kind}", post(applications::web::start)),
        ("/applications/{id}/steps/{step}", post(applications::web::save_step)),
        ("/applications/{id}/declaration", post(applications::web::declare)),
        ("/staff/preview/{kind}/restart", post(applications::web::restart_preview)),
        ("/staff/preview/{kind}/steps/{step}", post(applications::web::save_preview_step)),
        ("/staff/preview/{kind}/declaration", post(applications::web::declare_preview)),
    ]
}

/// The whole HTTP application, ready to serve (or to drive in-process from tests).
pub fn router(state: AppState) -> Router {
    let routes = generate_route_list(App);
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
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        )
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(CompressionLayer::new())
        .layer(from_fn_with_state(state.clone(), security::security_headers))
        .layer(from_fn_with_state(state.clone(), i18n::negotiate_language))
        .layer(from_fn_with_state(state.clone(), security::reject_cross_site))
        .layer(from_fn_with_state(state.clone(), error_page::catch_panics));
    let sessions = accounts::session::layer(
        tower_sessions_sqlx_store::SqliteStore::new(state.db.clone()),
        state.config.is_https(),
    );
    // Pages, forms and server functions: behind the session and the authorisation check.
    let forms = form_routes().into_iter().fold(Router::new(), |router, (path, route)| router.route(path, route));
    let app = forms
        .route("/lang/{code}", get(i18n::switch_language))
        .leptos_routes_with_context(&state, routes, context.clone(), app_shell.clone())
        .fallback(leptos_axum::render_app_to_stream_with_context(context, app_shell))
        .layer(from_fn_with_state(state.clone(), accounts::web::load_page_data))
        .layer(from_fn_with_state(state.clone(), accounts::access::authorise))
        .layer(sessions);
    // Probes and assets: nothing personal, so no session is read or written for them.
    app.route("/healthz", get(health::live))
        .route("/readyz", get(health::ready))
        .merge(assets::routes(&state.config.site_root))
        .layer(layers)
        .with_state(state)
}
