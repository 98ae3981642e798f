//! What the HTTP test files share: a portal with a fresh database, and requests as a browser
//! sends them.

use axum::body::Body;
use axum::Router;
use http::{header, HeaderMap, Request, Response, StatusCode};
use http_body_util::BodyExt;
use portal::server::config::Config;
use portal::server::mail::Mailer;
use portal::server::{db, router, AppState};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use tower::ServiceExt;

pub const PUBLIC_URL: &str = "https://portal.example.fi";

/// The key that seals secrets at rest in tests (a deployment's comes from its own secrets).
pub const TEST_SECRET_KEY: &str = "5e0f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7";

/// A fresh directory under the system's temporary directory, for one test's data.
pub fn scratch_dir(label: &str) -> PathBuf {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("portal-test-{}-{label}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The portal's state, served at [`PUBLIC_URL`], with its database in a fresh directory and
/// its assets from `site_root`.
pub async fn state_with_site(site_root: &Path) -> AppState {
    let data_dir = scratch_dir("data");
    let (data, site) = (data_dir.display().to_string(), site_root.display().to_string());
    // SQLite, or PostgreSQL when the test command runs the tests again against its server.
    let database = db::scratch::url().await;
    let smtp = test_smtp();
    let config = Config::from_lookup(|name| match name {
        "PORTAL_DATA_DIR" => Some(data.clone()),
        "PORTAL_DATABASE_URL" => Some(database.clone()),
        "PORTAL_PUBLIC_URL" => Some(PUBLIC_URL.into()),
        "PORTAL_SITE_ROOT" => Some(site.clone()),
        "PORTAL_SECRET_KEY" => Some(TEST_SECRET_KEY.into()),
        // Production (https) needs a real provider's settings; the tests then pay with the
        // built-in test provider instead (below), as a local run does.
        "PORTAL_PAYMENT_URL" => Some("https://services.paytrail.com".into()),
        "PORTAL_PAYMENT_MERCHANT" => Some("375917".into()),
        "PORTAL_PAYMENT_SECRET" => Some("SAIPPUAKAUPPIAS".into()),
        // The same for the case backend: deliveries wait in the queue unless a test wires
        // the portal to the simulator (tests/integration/sending.rs).
        "PORTAL_CASE_BACKEND_URL" => Some("https://cases.example.fi".into()),
        "PORTAL_CASE_BACKEND_SECRET" => Some("a shared secret of the case backend".into()),
        "PORTAL_SMTP_URL" => smtp.as_ref().map(|smtp| smtp.url.clone()),
        "PORTAL_MAIL_FROM" => smtp.as_ref().map(|smtp| smtp.from.clone()),
        _ => None,
    })
    .unwrap();
    // Attachments in the object store when the test command started one (its PostgreSQL pass:
    // the scale-out configuration), each test under a prefix of its own.
    let config = Config {
        attachments_s3: portal::server::attachments::object_store::scratch_settings(),
        payment: None,
        case_backend: None,
        ..config
    };
    let pool = db::connect(&config.database_url).await.unwrap();
    let state = AppState::new(config, pool).unwrap();
    match smtp {
        Some(_) => state,
        None => state.with(|s| s.mailer = Arc::new(Mailer::memory())),
    }
}

/// The SMTP server the test command started (aiosmtpd, keeping what it is sent in a maildir),
/// and the sender address of one portal there: each its own, so that tests sharing the server
/// read back only their own portal's messages.
struct TestSmtp {
    url: String,
    from: String,
}

/// The test command's SMTP server (`PORTAL_TEST_SMTP`, its address), or None in a plain
/// `cargo test`, whose portals keep their mail in memory instead.
fn test_smtp() -> Option<TestSmtp> {
    let Ok(address) = std::env::var("PORTAL_TEST_SMTP") else {
        portal::server::test_servers::skip_without("smtp", "PORTAL_TEST_SMTP");
        return None;
    };
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let from = format!("portal-{}-{n}@tests.example", std::process::id());
    Some(TestSmtp { url: format!("smtp://{address}"), from })
}

/// The messages the test SMTP server kept from the sender `from`, oldest first, as the portal
/// queued them: addressee, subject and body decoded from the message on the wire.
fn messages_from(maildir: &Path, from: &str) -> Vec<portal::server::mail::Outgoing> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(maildir.join("new")).unwrap() {
        let path = entry.unwrap().path();
        let raw = std::fs::read(&path).unwrap();
        let message = mail_parser::MessageParser::default().parse(&raw).expect("a message");
        let address = |list: Option<&mail_parser::Address>| {
            list.and_then(|list| list.first()).and_then(|addr| addr.address()).unwrap_or_default().to_string()
        };
        if address(message.from()) != from {
            continue;
        }
        let mail = portal::server::mail::Outgoing {
            to: address(message.to()),
            subject: message.subject().unwrap_or_default().to_string(),
            body: message.body_text(0).unwrap_or_default().replace("\r\n", "\n"),
        };
        found.push((std::fs::metadata(&path).unwrap().modified().unwrap(), path, mail));
    }
    found.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
    found.into_iter().map(|(_, _, mail)| mail).collect()
}

/// How many files the portal's storage holds (the data directory's or the object store's).
pub async fn stored_files(state: &AppState) -> usize {
    state.storage.keys_written_before(i64::MAX).await.unwrap().len()
}

/// The portal with a fresh database and no built assets.
pub async fn spawn_app() -> Router {
    router(state_with_site(&scratch_dir("site")).await)
}

/// The portal and its state, for tests that also look into the database.
pub async fn spawn_app_with_state() -> (Router, AppState) {
    let state = state_with_site(&scratch_dir("site")).await;
    (router(state.clone()), state)
}

pub async fn send(app: &Router, request: Request<Body>) -> Response<Body> {
    app.clone().oneshot(request).await.unwrap()
}

/// Status, headers and body text of a response.
pub async fn read(response: Response<Body>) -> (StatusCode, HeaderMap, String) {
    let (parts, body) = response.into_parts();
    let bytes = body.collect().await.unwrap().to_bytes();
    (parts.status, parts.headers, String::from_utf8_lossy(&bytes).into_owned())
}

pub async fn get_page(app: &Router, path: &str, headers: &[(&str, &str)]) -> (StatusCode, HeaderMap, String) {
    let mut request = Request::get(path);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    read(send(app, request.body(Body::empty()).unwrap()).await).await
}

/// A form posted from one of the portal's own pages.
pub async fn post_form(
    app: &Router,
    path: &str,
    body: &str,
    headers: &[(&str, &str)],
) -> (StatusCode, HeaderMap, String) {
    let mut request = Request::post(path)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin")
        .header(header::ORIGIN, PUBLIC_URL);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    read(send(app, request.body(Body::from(body.to_string())).unwrap()).await).await
}

/// The text of the page's `<h1>`.
pub fn h1(html: &str) -> &str {
    let start = html.find("<h1").and_then(|i| html[i..].find('>').map(|j| i + j + 1)).expect("page has an <h1>");
    &html[start..start + html[start..].find("</h1>").unwrap()]
}

/// The name of the session cookie when the portal is served over https.
pub const SESSION_COOKIE: &str = "__Host-session";

/// The session cookie a response sets, as `name=value` for a `Cookie` header.
pub fn session_cookie(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(&format!("{SESSION_COOKIE}=")))
        .map(|v| v.split(';').next().unwrap().to_string())
}

/// A `multipart/form-data` body with one `file` part for each of `files`: its content type
/// (with the boundary) and its bytes.
pub fn multipart(files: &[(&str, &[u8])]) -> (String, Vec<u8>) {
    const BOUNDARY: &str = "portal-test-boundary-7d3f";
    let mut body = Vec::new();
    for (name, bytes) in files {
        body.extend(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n\
                 Content-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend(*bytes);
        body.extend(b"\r\n");
    }
    body.extend(format!("--{BOUNDARY}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={BOUNDARY}"), body)
}

/// A server on a loopback port that takes every connection and never answers: a mail server or
/// malware scanner that hangs.
pub async fn silent_server() -> std::net::SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let mut open = Vec::new();
        while let Ok((stream, _)) = listener.accept().await {
            open.push(stream);
        }
    });
    address
}

/// A form body from its fields.
pub fn form_body(fields: &[(&str, &str)]) -> String {
    form_urlencoded::Serializer::new(String::new()).extend_pairs(fields).finish()
}

/// The messages sent so far, oldest first, once the queue has sent every one due: mail goes
/// through the job queue (server::queue), which tests run themselves, and then through the test
/// command's SMTP server, read back from its maildir (in a plain `cargo test`, from memory).
pub async fn mail(state: &AppState) -> Vec<portal::server::mail::Outgoing> {
    portal::server::queue::run_until_idle(state, &[portal::server::mail::MailJob::CODE]).await.unwrap();
    match (&*state.mailer, std::env::var("PORTAL_TEST_MAILDIR")) {
        (Mailer::Smtp { .. }, Ok(maildir)) => messages_from(Path::new(&maildir), &state.config.mail_from),
        _ => state.mailer.sent(),
    }
}

/// The six-digit code in a message body.
pub fn code_in(body: &str) -> String {
    body.split_whitespace().find(|w| w.len() == 6 && w.chars().all(|c| c.is_ascii_digit())).expect("a code").to_string()
}

/// The message code at the end of a message body (`K7MX-43RN-CWPA`).
pub fn message_code_in(body: &str) -> String {
    body.split_whitespace()
        .find_map(|word| portal::domain::message_code::parse(word).filter(|_| word.len() == 14))
        .unwrap_or_else(|| panic!("no message code in {body}"))
}

/// One browser: keeps the session cookie between requests, as a real one does, and reads
/// pages in English.
#[derive(Clone)]
pub struct Browser {
    pub app: Router,
    pub cookie: Option<String>,
}

impl Browser {
    pub fn new(app: &Router) -> Browser {
        Browser { app: app.clone(), cookie: None }
    }

    fn keep_cookie(&mut self, headers: &HeaderMap) {
        let set = headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find(|v| v.starts_with(SESSION_COOKIE));
        match set {
            Some(removal) if removal.contains("Max-Age=0") => self.cookie = None,
            Some(_) => self.cookie = session_cookie(headers),
            None => {}
        }
    }

    fn headers(&self) -> Vec<(&str, &str)> {
        let mut headers = vec![("accept-language", "en")];
        if let Some(cookie) = &self.cookie {
            headers.push(("cookie", cookie.as_str()));
        }
        headers
    }

    pub async fn get(&mut self, path: &str) -> (StatusCode, HeaderMap, String) {
        let response = get_page(&self.app, path, &self.headers()).await;
        self.keep_cookie(&response.1);
        response
    }

    pub async fn post(&mut self, path: &str, fields: &[(&str, &str)]) -> (StatusCode, HeaderMap, String) {
        let response = post_form(&self.app, path, &form_body(fields), &self.headers()).await;
        self.keep_cookie(&response.1);
        response
    }

    /// Posts and expects to be sent on to `to`.
    pub async fn post_to(&mut self, path: &str, fields: &[(&str, &str)], to: &str) {
        let (status, headers, body) = self.post(path, fields).await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{path}: {body}");
        assert_eq!(headers[header::LOCATION], to, "{path}");
    }

    /// Gets a page that must be there, and returns its HTML.
    pub async fn page(&mut self, path: &str) -> String {
        let (status, headers, html) = self.get(path).await;
        assert_eq!(status, StatusCode::OK, "{path}: {headers:?}");
        html
    }

    /// Posts `files` (name and bytes each) as the attachments page's form for `requirement`
    /// sends them (`multipart/form-data`, one `file` part each).
    pub async fn upload(
        &mut self,
        base: &str,
        requirement: &str,
        files: &[(&str, &[u8])],
    ) -> (StatusCode, HeaderMap, String) {
        self.post_files(&format!("{base}/attachments/{requirement}"), files).await
    }

    /// Posts `files` as the multipart form of `path` (an upload or a replace form).
    pub async fn post_files(&mut self, path: &str, files: &[(&str, &[u8])]) -> (StatusCode, HeaderMap, String) {
        let (content_type, body) = multipart(files);
        let mut request = Request::post(path)
            .header(header::CONTENT_TYPE, content_type)
            .header("sec-fetch-site", "same-origin")
            .header(header::ORIGIN, PUBLIC_URL);
        for (name, value) in self.headers() {
            request = request.header(name, value);
        }
        let response = read(send(&self.app, request.body(Body::from(body)).unwrap()).await).await;
        self.keep_cookie(&response.1);
        response
    }

    /// Adds a small PDF for every attachment the application at `base` asks for.
    pub async fn add_every_attachment(&mut self, base: &str) {
        let page = self.page(&format!("{base}/attachments")).await;
        let marker = format!("action=\"{base}/attachments/");
        let requirements: Vec<String> = page
            .match_indices(&marker)
            .map(|(at, _)| page[at + marker.len()..].split('"').next().unwrap().to_string())
            .collect();
        assert!(!requirements.is_empty(), "{base} asks for no attachment");
        let pdf = portal::server::attachments::content::samples::pdf("");
        for requirement in requirements {
            let (status, headers, body) = self.upload(base, &requirement, &[("scan.pdf", &pdf)]).await;
            assert_eq!(status, StatusCode::SEE_OTHER, "{requirement}: {body}");
            assert_eq!(headers[header::LOCATION], format!("{base}/attachments"));
        }
    }

    /// Logs in with a password (no second step) and expects to land on `to`.
    pub async fn log_in(&mut self, email: &str, password: &str, to: &str) {
        self.post_to("/login", &[("email", email), ("password", password)], to).await;
    }
}

/// The code an authenticator app shows now for `secret` (base32, as the set-up page shows it).
pub fn app_code(secret: &str) -> String {
    app_code_on(secret, &portal::server::clock::Clock::system())
}

/// The code an authenticator app whose clock reads as `clock` shows for `secret`: the server's
/// when a test has moved its clock.
pub fn app_code_on(secret: &str, clock: &portal::server::clock::Clock) -> String {
    use totp_rs::{Algorithm, Secret, TOTP};
    TOTP::new(Algorithm::SHA1, 6, 1, 30, Secret::Encoded(secret.to_string()).to_bytes().unwrap(), None, String::new())
        .unwrap()
        .generate(u64::try_from(clock.now()).unwrap())
}

/// A browser signed in as a new staff member `email`, with the second step (required of
/// staff) set up and passed.
pub async fn staff_browser(app: &Router, state: &AppState, email: &str, password: &str) -> Browser {
    use portal::server::accounts::{admin, two_factor, users::Role};
    let id = admin::create_account(&state.db, Role::Staff, email, password.into()).await.unwrap().unwrap();
    let secret = two_factor::new_secret();
    two_factor::enable(&state.db, &state.secrets, id, &secret, 0).await.unwrap();
    let mut browser = Browser::new(app);
    browser.post_to("/login", &[("email", email), ("password", password)], "/login/code").await;
    browser.post_to("/login/code", &[("code", &app_code_on(&secret, &state.clock))], "/account").await;
    browser
}

/// The password of the accounts the tests make.
pub const PASSWORD: &str = "tuulinen lokakuun aamu";

/// The portal for tests whose requests all come from one client: its per-client limit is
/// lifted (`tests/accounts.rs` covers it).
pub async fn portal_for_one_client() -> (Router, AppState) {
    let state = state_with_site(&scratch_dir("site")).await;
    let state = state.with(|s| s.limits = limits_of(&state, 10_000));
    (router(state.clone()), state)
}

/// The limits of `state` with `client_attempts_per_minute` for each client.
pub fn limits_of(
    state: &AppState,
    client_attempts_per_minute: u32,
) -> std::sync::Arc<portal::server::accounts::limits::Limits> {
    std::sync::Arc::new(portal::server::accounts::limits::Limits::new(
        state.db.clone(),
        state.clock.clone(),
        state.secrets.clone(),
        std::num::NonZeroU32::new(client_attempts_per_minute).unwrap(),
    ))
}

/// A browser signed in as a new applicant `email` (password [`PASSWORD`]).
pub async fn applicant(app: &Router, state: &AppState, email: &str) -> Browser {
    use portal::server::accounts::{admin, users::Role};
    admin::create_account(&state.db, Role::Applicant, email, PASSWORD.into()).await.unwrap().unwrap();
    let mut browser = Browser::new(app);
    browser.log_in(email, PASSWORD, "/account").await;
    browser
}

/// A browser signed in with `role` as `{role}@example.fi` (staff with the second factor set
/// up), or anonymous.
pub async fn visitor(app: &Router, state: &AppState, role: Option<portal::server::accounts::users::Role>) -> Browser {
    use portal::server::accounts::{admin, users::Role};
    let Some(role) = role else { return Browser::new(app) };
    let email = format!("{}@example.fi", role.as_str());
    if role == Role::Staff {
        return staff_browser(app, state, &email, PASSWORD).await;
    }
    admin::create_account(&state.db, role, &email, PASSWORD.into()).await.unwrap().unwrap();
    let mut browser = Browser::new(app);
    browser.log_in(&email, PASSWORD, "/account").await;
    browser
}

/// Starts a draft of `kind` and returns its address (`/applications/{id}`).
pub async fn start_draft(browser: &mut Browser, kind: &str) -> String {
    let (_, headers, _) = browser.post(&format!("/apply/{kind}"), &[]).await;
    headers[header::LOCATION].to_str().unwrap().trim_end_matches("/steps/names").to_string()
}

/// A new draft of the work permit with children, at its children step; returns the step's
/// address.
pub async fn draft_at_children(browser: &mut Browser) -> String {
    let base = start_draft(browser, "first-work").await;
    let children = format!("{base}/steps/children");
    browser.post_to(&format!("{base}/steps/children-question"), &[("has-children", "yes")], &children).await;
    children
}

/// Where a visitor who is not signed in is sent from `path`: the login, which returns there.
pub fn login_then(path: &str) -> String {
    format!("/login?next={}", form_urlencoded::byte_serialize(path.as_bytes()).collect::<String>())
}

/// Whether a GET of a page is sent to the login page (which returns to that page).
pub fn is_login_redirect(status: StatusCode, headers: &HeaderMap) -> bool {
    status == StatusCode::SEE_OTHER
        && headers.get(header::LOCATION).is_some_and(|l| l.to_str().is_ok_and(|l| l.starts_with("/login?next=%2F")))
}
