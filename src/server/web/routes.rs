//! Route tables. Each feature declares its routes in one table: for each path pattern, who may
//! reach it, the loader of its page's data, and its form handlers. The server merges the
//! tables ([`RouteTable::build`]) and refuses to start when a page of the app, a server
//! function or a handler has no rule, or when a rule names a path twice: a route without an
//! access rule cannot exist.

use super::Ctx;
use crate::server::identity::{Role, User};
use crate::server::AppState;
use axum::routing::MethodRouter;
use futures::future::BoxFuture;
use std::collections::{BTreeMap, BTreeSet};
use std::future::Future;
use std::sync::Arc;

/// What a route asks of its visitor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// Public information and the login forms.
    Anyone,
    /// Any signed-in account.
    SignedIn,
    /// Applicants and employers: the people the service is for, not its staff.
    Customer,
    /// Applicants: their applications.
    Applicant,
    /// Employers: acting for their organisations.
    Employer,
    /// The immigration service's staff.
    Staff,
}

impl Access {
    /// Whether this rule lets `user` (or an anonymous visitor) in, regardless of set-up.
    fn admits_role(self, user: Option<&User>) -> bool {
        let Some(user) = user else { return self == Access::Anyone };
        match self {
            Access::Anyone | Access::SignedIn => true,
            Access::Customer => user.role != Role::Staff,
            Access::Applicant => user.role == Role::Applicant,
            Access::Employer => user.role == Role::Employer,
            Access::Staff => user.role == Role::Staff,
        }
    }
}

/// The path parameters of the matched route, by name (`{id}` → `id`).
#[derive(Clone, Debug, Default)]
pub struct Params(pub(super) Vec<(String, String)>);

impl Params {
    /// The value of `{name}`, or empty when the route has no such parameter.
    pub fn get(&self, name: &str) -> &str {
        self.0.iter().find(|(n, _)| n == name).map_or("", |(_, v)| v.as_str())
    }
}

/// A page's loader, with its typed result erased into request extensions.
pub(super) type Loader = Arc<dyn Fn(Ctx, Params) -> BoxFuture<'static, anyhow::Result<http::Extensions>> + Send + Sync>;

/// One route of a feature's table.
pub struct Route {
    pub(super) path: &'static str,
    pub(super) access: Access,
    /// Rendered by the app: a `<Route>` in `app.rs`.
    pub(super) page: bool,
    /// A `#[server]` function of the app.
    pub(super) server_fn: bool,
    pub(super) loader: Option<Loader>,
    pub(super) handler: Option<MethodRouter<AppState>>,
    /// Open to staff who have not set up their second factor yet.
    pub(super) during_set_up: bool,
    /// Its body is files, streamed and counted by the handler, not a form held to
    /// [`crate::server::FORM_BODY_MAX`].
    pub(super) upload: bool,
    /// Its form, posted after the session ended, is kept across logging in again (B23): what
    /// was typed is shown again on its page (see [`super::kept_post`]).
    pub(super) keeps_typed: bool,
}

impl Route {
    fn new(path: &'static str, access: Access) -> Route {
        Route {
            path,
            access,
            page: false,
            server_fn: false,
            loader: None,
            handler: None,
            during_set_up: false,
            upload: false,
            keeps_typed: false,
        }
    }

    /// A page that the app renders (a `<Route>` in `app.rs`), for `access`.
    pub fn page(path: &'static str, access: Access) -> Route {
        Route { page: true, ..Route::new(path, access) }
    }

    /// A path answered by `handler` only: a form without a page of its own, a download.
    pub fn action(path: &'static str, access: Access, handler: MethodRouter<AppState>) -> Route {
        Route { handler: Some(handler), ..Route::new(path, access) }
    }

    /// A path whose posts upload files, answered by `handler`: the body is not held to the
    /// forms' limit but to [`crate::server::config::Config::upload_body_bytes`], and the handler
    /// counts each file as it streams.
    pub fn upload(path: &'static str, access: Access, handler: MethodRouter<AppState>) -> Route {
        let handler = handler.layer(axum::extract::DefaultBodyLimit::disable());
        Route { handler: Some(handler), upload: true, ..Route::new(path, access) }
    }

    /// A server function of the app (`#[server]`, registered by the app itself).
    pub fn server_fn(path: &'static str, access: Access) -> Route {
        Route { server_fn: true, ..Route::new(path, access) }
    }

    /// The page's form: `handler` answers its posts.
    pub fn form(self, handler: MethodRouter<AppState>) -> Route {
        Route { handler: Some(handler), ..self }
    }

    /// The page's form is one people type into at length (a step's answers, a reply): posted
    /// after the session ended, it is kept while its author logs in again, and its page shows
    /// what was typed (through [`super::kept_post::take`]).
    pub fn keeps_typed(self) -> Route {
        Route { keeps_typed: true, ..self }
    }

    /// The page's data: before the page renders, `loader` runs with the request's context
    /// and path parameters, and what it gives the page reads with `page_data::from_request`.
    pub fn load<F, Fut, T>(self, loader: F) -> Route
    where
        F: Fn(Ctx, Params) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = anyhow::Result<Option<T>>> + Send + 'static,
        T: Clone + Send + Sync + 'static,
    {
        let loader = Arc::new(loader);
        let erased: Loader = Arc::new(move |ctx, params| {
            let loaded = loader(ctx, params);
            Box::pin(async move {
                let mut extensions = http::Extensions::new();
                if let Some(data) = loaded.await? {
                    extensions.insert(data);
                }
                Ok(extensions)
            })
        });
        Route { loader: Some(erased), ..self }
    }

    /// The path pattern, e.g. `/applications/{id}`.
    pub fn path(&self) -> &'static str {
        self.path
    }

    /// Whether handlers of its own answer it (forms, a download), besides the app's page.
    pub fn has_handler(&self) -> bool {
        self.handler.is_some()
    }

    /// Open to staff before they have set up their second factor (its set-up pages, logout).
    pub fn during_second_factor_set_up(self) -> Route {
        Route { during_set_up: true, ..self }
    }
}

/// The rule of one path pattern, as the middleware looks it up.
pub(super) struct Rule {
    pub access: Access,
    pub page: bool,
    pub loader: Option<Loader>,
    pub during_set_up: bool,
    pub upload: bool,
    pub keeps_typed: bool,
}

impl Rule {
    /// Whether `user` may reach the route now.
    pub fn admits(&self, user: Option<&User>) -> bool {
        let setting_up = user.is_some_and(User::needs_second_factor_set_up);
        self.access.admits_role(user) && (!setting_up || self.during_set_up || self.access == Access::Anyone)
    }
}

/// The features' handlers by path pattern, for the router to mount.
pub type Handlers = Vec<(&'static str, MethodRouter<AppState>)>;

/// Every route's rule by its pattern, merged from the features' tables.
pub struct RouteTable {
    pub(super) rules: BTreeMap<&'static str, Rule>,
}

impl RouteTable {
    /// Merges the features' `routes` and checks them against the app's `pages` and
    /// `server_fns` (their path patterns). Gives the handlers to mount, or every problem found.
    pub fn build(
        routes: Vec<Route>,
        pages: &BTreeSet<String>,
        server_fns: &BTreeSet<String>,
    ) -> Result<(RouteTable, Handlers), Vec<String>> {
        let mut problems = Vec::new();
        let mut rules = BTreeMap::new();
        let mut handlers = Vec::new();
        for route in routes {
            if route.page && !pages.contains(route.path) {
                problems.push(format!("{} is declared a page, but the app has no such route", route.path));
            }
            if route.server_fn && !server_fns.contains(route.path) {
                problems.push(format!("{} is declared a server function, but the app has none there", route.path));
            }
            if let Some(handler) = route.handler {
                handlers.push((route.path, handler));
            }
            let rule = Rule {
                access: route.access,
                page: route.page,
                loader: route.loader,
                during_set_up: route.during_set_up,
                upload: route.upload,
                keeps_typed: route.keeps_typed,
            };
            if rules.insert(route.path, rule).is_some() {
                problems.push(format!("{} is declared twice", route.path));
            }
        }
        for path in pages.iter().chain(server_fns) {
            if !rules.contains_key(path.as_str()) {
                problems.push(format!("{path} has no access rule in any feature's route table"));
            }
        }
        if problems.is_empty() {
            Ok((RouteTable { rules }, handlers))
        } else {
            Err(problems)
        }
    }

    /// The access rule of a pattern, for tests.
    #[cfg(any(test, feature = "test-support"))]
    pub fn access(&self, pattern: &str) -> Option<Access> {
        self.rules.get(pattern).map(|rule| rule.access)
    }

    /// Every pattern with a rule.
    pub fn patterns(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.rules.keys().copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use axum::routing::post;

    fn user(role: Role, two_factor: bool) -> User {
        User {
            id: 1,
            email: "a@example.fi".into(),
            role,
            language: Lang::Fi,
            email_verified: true,
            session_generation: 0,
            two_factor,
        }
    }

    fn set(paths: &[&str]) -> BTreeSet<String> {
        paths.iter().map(|p| p.to_string()).collect()
    }

    #[test]
    fn a_page_or_server_function_without_a_rule_stops_the_server() {
        let routes = vec![Route::page("/", Access::Anyone)];
        let problems = RouteTable::build(routes, &set(&["/", "/payments/{id}"]), &set(&["/api/pay"])).err().unwrap();
        assert_eq!(
            problems,
            [
                "/payments/{id} has no access rule in any feature's route table",
                "/api/pay has no access rule in any feature's route table"
            ]
        );
    }

    #[test]
    fn a_rule_for_a_page_the_app_lacks_or_a_path_declared_twice_stops_the_server() {
        let routes = vec![
            Route::page("/gone", Access::Anyone),
            Route::action("/x", Access::SignedIn, post(|| async {})),
            Route::action("/x", Access::Anyone, post(|| async {})),
        ];
        let problems = RouteTable::build(routes, &set(&[]), &set(&[])).err().unwrap();
        assert_eq!(problems, ["/gone is declared a page, but the app has no such route", "/x is declared twice"]);
    }

    #[test]
    fn each_rule_admits_exactly_its_roles() {
        let rule =
            |access| Rule { access, page: true, loader: None, during_set_up: false, upload: false, keeps_typed: false };
        let applicant = user(Role::Applicant, false);
        let employer = user(Role::Employer, false);
        let staff = user(Role::Staff, true);
        let cases = [
            (Access::Anyone, [true, true, true, true]),
            (Access::SignedIn, [false, true, true, true]),
            (Access::Customer, [false, true, true, false]),
            (Access::Applicant, [false, true, false, false]),
            (Access::Staff, [false, false, false, true]),
        ];
        for (access, expected) in cases {
            let got = [None, Some(&applicant), Some(&employer), Some(&staff)].map(|u| rule(access).admits(u));
            assert_eq!(got, expected, "{access:?}");
        }
    }

    #[test]
    fn staff_without_a_second_factor_reach_only_public_routes_and_its_set_up() {
        let staff = user(Role::Staff, false);
        let rule = |access, during_set_up| Rule {
            access,
            page: true,
            loader: None,
            during_set_up,
            upload: false,
            keeps_typed: false,
        };
        assert!(rule(Access::Anyone, false).admits(Some(&staff)));
        assert!(rule(Access::SignedIn, true).admits(Some(&staff)));
        assert!(!rule(Access::SignedIn, false).admits(Some(&staff)));
        assert!(!rule(Access::Staff, false).admits(Some(&staff)));
        let applicant = user(Role::Applicant, false);
        assert!(rule(Access::SignedIn, false).admits(Some(&applicant)), "a second factor is optional for others");
    }
}
