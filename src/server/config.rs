//! Configuration from `PORTAL_*` environment variables. Every setting has a default that runs
//! the portal locally; `docs/configuration.md` lists them.

use anyhow::{bail, Context};
use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Clone, Debug)]
pub struct Config {
    /// A real deployment, or a development instance (`PORTAL_ENV`).
    pub env: Env,
    /// Where the portal keeps its files: the SQLite database, later uploads and mail.
    pub data_dir: PathBuf,
    pub bind: SocketAddr,
    pub database_url: String,
    /// The address users reach the portal at, without a trailing slash. Decides the secure
    /// (HSTS) headers and the official address shown on the safe-use page.
    pub public_url: String,
    /// The built browser assets (`scripts/build-assets.sh` writes them).
    pub site_root: PathBuf,
    pub log_format: LogFormat,
    /// The sender of the portal's e-mail.
    pub mail_from: String,
    /// How many login, registration and code attempts one client address may make a minute.
    pub client_attempts_per_minute: std::num::NonZeroU32,
    /// Where mail goes in production, e.g. `smtps://user:password@smtp.example.fi` (lettre's
    /// URL form). Without it, mail is written to files under the data directory.
    pub smtp_url: Option<Redacted>,
    /// The DKIM key every message is signed with (`PORTAL_MAIL_DKIM_KEY_FILE`,
    /// `PORTAL_MAIL_DKIM_SELECTOR`); production needs it.
    pub dkim: Option<DkimSettings>,
    /// Limits on slow and many clients.
    pub connections: super::listen::ConnectionLimits,
    /// The key that seals secrets at rest (64 hexadecimal digits), and older keys that still
    /// open what they sealed (see `server::secrets`). Without one, a local run keeps a key of
    /// its own in the data directory; production must set it.
    pub secret_key: Option<Redacted>,
    pub previous_secret_keys: Vec<Redacted>,
    /// This instance's name in the log and in `scheduled_jobs` (which instance ran a job).
    pub instance: String,
    /// The reverse proxies whose `X-Forwarded-For` is believed (see `server::web::client_address`);
    /// empty by default, so the header of a client that reaches the portal directly is ignored.
    pub trusted_proxies: Vec<ipnet::IpNet>,
    /// The largest attachment file, and the most all of one application's files may take, in
    /// bytes.
    pub attachment_file_bytes: u64,
    pub attachment_application_bytes: u64,
    /// The most all the files of one account's applications may take, in bytes.
    pub attachment_account_bytes: u64,
    /// How many uploaded files are checked at once (`PORTAL_ATTACHMENT_CHECKS`), and the memory
    /// their checks may take together (`PORTAL_ATTACHMENT_CHECK_MEMORY_MB`), in bytes.
    pub attachment_checks: usize,
    pub attachment_check_memory_bytes: u64,
    /// The ClamAV daemon every uploaded file is scanned by (`host:port`), if any.
    pub clamd: Option<String>,
    /// How long a scan may take before the file is refused.
    pub clamd_timeout: std::time::Duration,
    /// The S3-compatible bucket attachment files are kept in, for several instances; without
    /// it, they are kept under the data directory.
    pub attachments_s3: Option<S3Settings>,
    /// The payment provider (Paytrail's API); none: the built-in test provider, which
    /// production refuses.
    pub payment: Option<PaymentSettings>,
    /// Suomi.fi e-Authorizations (its Web API); none: the built-in test server of the same
    /// protocol, which production refuses.
    pub mandates: Option<MandateSettings>,
    /// The case backend sent applications are delivered to (`PORTAL_CASE_BACKEND_*`); none:
    /// they wait in the queue until one is configured. Production needs it.
    pub case_backend: Option<CaseBackendSettings>,
    /// The job queue's worker in this instance (`PORTAL_JOB_*`).
    pub jobs: JobSettings,
    /// The non-public listener of the Prometheus metrics (`PORTAL_METRICS_BIND`), if any.
    pub metrics_bind: Option<SocketAddr>,
    /// How long a sent application's files stay here after the case backend fetched them
    /// (`PORTAL_SENT_FILES_GRACE_HOURS`), and its answers after the backend received it
    /// (`PORTAL_SENT_ANSWERS_DAYS`).
    pub sent_files_grace: std::time::Duration,
    pub sent_answers_days: i64,
    /// How many days before a request's last day its applicant is reminded, once, if it is
    /// not answered yet (`PORTAL_REQUEST_REMINDER_DAYS`).
    pub request_reminder_days: i64,
    /// How many days after an employee's application was sent its organisation's users are
    /// reminded, once, if its terms of employment are still needed
    /// (`PORTAL_EMPLOYER_REMINDER_DAYS`; one day on the fast track).
    pub employer_reminder_days: i64,
    /// How many days an application and its decision are kept once the decision was served
    /// (`PORTAL_DECISION_KEEP_DAYS`): then they go from the service.
    pub decision_keep_days: i64,
    /// How often "Is this message from us?" takes a code, per hour: from one client
    /// (`PORTAL_MESSAGE_CHECKS_PER_HOUR`) and from everyone (`…_EVERYONE`).
    pub message_checks: Hourly,
    /// How often the form "Report a suspicious message or call" takes a report, per hour: from
    /// one client (`PORTAL_SCAM_REPORTS_PER_HOUR`) and from everyone (`…_EVERYONE`).
    pub scam_reports: Hourly,
    /// How many days a message's code checks as genuine on "Is this message from us?"
    /// (`PORTAL_MESSAGE_CODE_DAYS`).
    pub message_code_days: i64,
}

/// How many times an hour a public form may be used: from one client, and from everyone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hourly {
    pub client: std::num::NonZeroU32,
    pub everyone: std::num::NonZeroU32,
}

/// Where and how sent applications are delivered (`PORTAL_CASE_BACKEND_*`).
#[derive(Clone, Debug)]
pub struct CaseBackendSettings {
    /// The base URL; documents go to `{url}/v1/applications`.
    pub url: String,
    /// The shared key of the HMAC-SHA256 signatures, both ways.
    pub secret: Redacted,
    /// The longest one delivery may take, connecting included.
    pub timeout: std::time::Duration,
    /// How long a delivery is tried before it is dead-lettered for staff
    /// (`PORTAL_CASE_BACKEND_GIVE_UP_HOURS`): long enough to ride out an outage of hours.
    pub give_up: std::time::Duration,
    /// How long a delivery may keep failing before staff are warned
    /// (`PORTAL_CASE_BACKEND_WARN_MINUTES`).
    pub warn_after: std::time::Duration,
    /// The portal's address as the backend reaches it, for the attachments' links
    /// (`PORTAL_CASE_BACKEND_FILES_URL`; the public URL unless the backend has a way of its own).
    pub files_url: String,
}

/// The job worker's settings.
#[derive(Clone, Copy, Debug)]
pub struct JobSettings {
    /// Jobs run at once in this instance (`PORTAL_JOB_CONCURRENCY`).
    pub concurrency: usize,
    /// The first retry's wait (`PORTAL_JOB_RETRY_FIRST_MS`, doubling each time) and the
    /// longest (`PORTAL_JOB_RETRY_LONGEST_SECONDS`).
    pub retry_first: std::time::Duration,
    pub retry_longest: std::time::Duration,
}

/// The payment provider's API and the merchant's credentials (`PORTAL_PAYMENT_*`).
#[derive(Clone, Debug)]
pub struct PaymentSettings {
    pub url: String,
    pub merchant: String,
    pub secret: Redacted,
}

/// The Suomi.fi e-Authorizations Web API and the portal's client credentials
/// (`PORTAL_MANDATES_*`).
#[derive(Clone, Debug)]
pub struct MandateSettings {
    pub url: String,
    pub client_id: String,
    /// The key of the `X-AsiointivaltuudetAuthorization` checksums.
    pub key: Redacted,
    /// The OAuth client's password (`/oauth/token`).
    pub oauth_password: Redacted,
}

/// Where the object store is and how the portal signs in to it (`PORTAL_ATTACHMENTS_S3_*`).
#[derive(Clone, Debug)]
pub struct S3Settings {
    /// The service's address, such as `https://s3.eu-north-1.amazonaws.com`.
    pub endpoint: url::Url,
    pub bucket: String,
    pub region: String,
    pub access_key: String,
    pub secret_key: Redacted,
    /// Bucket in the path (`endpoint/bucket/key`), as every S3-compatible server takes, or in
    /// the host name (`bucket.endpoint/key`).
    pub path_style: bool,
    /// What every object's name starts with, so that the bucket can hold other things.
    pub prefix: String,
}

/// A setting that holds a secret: usable, but never printed (`{:?}` shows `[redacted]`).
#[derive(Clone)]
pub struct Redacted(pub String);

impl std::fmt::Debug for Redacted {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("[redacted]")
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogFormat {
    /// One JSON object per line, for log collectors.
    Json,
    /// Human-readable lines, for a terminal.
    Pretty,
}

/// `value` of the setting `name` as a whole number above zero.
fn positive(name: &str, value: &str) -> anyhow::Result<usize> {
    value
        .parse()
        .ok()
        .filter(|n| *n > 0)
        .with_context(|| format!("{name} must be a whole number above zero, not {value:?}"))
}

/// An instance's name when none is set: the host and the port it listens on. The same after a
/// restart (a restarted instance takes back at once the jobs it held when it died, instead of
/// waiting for their leases to run out), and different for two instances on one host.
fn default_instance(bind: SocketAddr) -> String {
    let host = std::env::var("HOSTNAME")
        .ok()
        .or_else(|| std::fs::read_to_string("/proc/sys/kernel/hostname").ok())
        .map(|host| host.trim().to_string())
        .filter(|host| !host.is_empty())
        .unwrap_or_else(|| "portal".into());
    format!("{host}:{}", bind.port())
}

/// What multipart framing may add to an upload beyond its files.
const UPLOAD_FRAMING_BYTES: u64 = 64 * 1024;

impl Config {
    /// The largest body an upload route takes: all of one application's files, and their
    /// framing. A request that declares more is refused before its body is read.
    pub fn upload_body_bytes(&self) -> u64 {
        self.attachment_application_bytes + UPLOAD_FRAMING_BYTES
    }

    /// Reads the configuration from the process environment.
    pub fn from_env() -> anyhow::Result<Config> {
        Config::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads the configuration through `var`, so tests need not touch the process environment.
    pub fn from_lookup(var: impl Fn(&str) -> Option<String>) -> anyhow::Result<Config> {
        let data_dir = PathBuf::from(var("PORTAL_DATA_DIR").unwrap_or_else(|| "data".into()));
        let bind: SocketAddr = var("PORTAL_BIND")
            .unwrap_or_else(|| "127.0.0.1:3000".into())
            .parse()
            .context("PORTAL_BIND must be an address and port, such as 127.0.0.1:3000")?;
        let database_url =
            var("PORTAL_DATABASE_URL").unwrap_or_else(|| format!("sqlite://{}", data_dir.join("portal.db").display()));
        let public_url = var("PORTAL_PUBLIC_URL").unwrap_or_else(|| format!("http://{bind}"));
        let public_url = public_url.trim_end_matches('/').to_string();
        if !(public_url.starts_with("http://") || public_url.starts_with("https://")) {
            bail!("PORTAL_PUBLIC_URL must start with http:// or https://");
        }
        let site_root = PathBuf::from(var("PORTAL_SITE_ROOT").unwrap_or_else(|| "target/site".into()));
        let log_format = match var("PORTAL_LOG_FORMAT").as_deref() {
            None | Some("pretty") => LogFormat::Pretty,
            Some("json") => LogFormat::Json,
            Some(other) => bail!("PORTAL_LOG_FORMAT must be json or pretty, not {other:?}"),
        };
        let mail_from = var("PORTAL_MAIL_FROM").unwrap_or_else(|| "no-reply@localhost".into());
        let client_attempts_per_minute = var("PORTAL_CLIENT_ATTEMPTS_PER_MINUTE")
            .unwrap_or_else(|| "20".into())
            .parse()
            .context("PORTAL_CLIENT_ATTEMPTS_PER_MINUTE must be a whole number above zero")?;
        let smtp_url = var("PORTAL_SMTP_URL").filter(|url| !url.is_empty()).map(Redacted);
        let dkim = var("PORTAL_MAIL_DKIM_KEY_FILE").filter(|path| !path.is_empty()).map(|path| DkimSettings {
            key_file: PathBuf::from(path),
            selector: var("PORTAL_MAIL_DKIM_SELECTOR").filter(|s| !s.is_empty()).unwrap_or_else(|| "portal".into()),
        });
        let env = match var("PORTAL_ENV").as_deref() {
            Some("production") => Env::Production,
            Some("development") => Env::Development,
            None | Some("") if bind.ip().is_loopback() => Env::Development,
            None | Some("") => bail!(
                "PORTAL_ENV must be set (production or development) when the portal listens on {bind}, which is \
                 not a loopback address"
            ),
            Some(other) => bail!("PORTAL_ENV must be production or development, not {other:?}"),
        };
        let production = env == Env::Production;
        if production && !public_url.starts_with("https://") {
            bail!("PORTAL_PUBLIC_URL must be an https address in production: users reach the service over TLS");
        }
        let secret_key = var("PORTAL_SECRET_KEY").filter(|key| !key.is_empty()).map(Redacted);
        if production && secret_key.is_none() {
            bail!("PORTAL_SECRET_KEY must be set in production: 64 hexadecimal digits (e.g. `openssl rand -hex 32`)");
        }
        let previous_secret_keys = var("PORTAL_SECRET_KEYS_PREVIOUS")
            .unwrap_or_default()
            .split(',')
            .map(str::trim)
            .filter(|key| !key.is_empty())
            .map(|key| Redacted(key.to_string()))
            .collect();
        if production && smtp_url.is_none() {
            bail!("PORTAL_SMTP_URL must be set in production: mail would otherwise only be written to files");
        }
        if production && dkim.is_none() {
            bail!(
                "PORTAL_MAIL_DKIM_KEY_FILE must be set in production: unsigned mail cannot be told from a forgery \
                 (docs/deployment.md says how to make the key and what to publish)"
            );
        }
        if production && smtp_url.as_ref().is_some_and(|url| !is_smtp_over_tls(&url.0)) {
            bail!(
                "PORTAL_SMTP_URL must use TLS in production (smtps://…, or smtp://…?tls=required): \
                 mail would otherwise cross the network in the clear"
            );
        }
        let seconds = |name: &str, default: u64| -> anyhow::Result<std::time::Duration> {
            let value = var(name).unwrap_or_else(|| default.to_string());
            let seconds: u64 = value
                .parse()
                .ok()
                .filter(|s| *s > 0)
                .with_context(|| format!("{name} must be a whole number of seconds above zero, not {value:?}"))?;
            Ok(std::time::Duration::from_secs(seconds))
        };
        let max_connections =
            positive("PORTAL_MAX_CONNECTIONS", &var("PORTAL_MAX_CONNECTIONS").unwrap_or_else(|| "1000".into()))?;
        // A tenth of all by default: a busy office behind one address still gets in, and no
        // one client can take every connection.
        let per_client =
            var("PORTAL_MAX_CONNECTIONS_PER_CLIENT").unwrap_or_else(|| (max_connections / 10).max(1).to_string());
        let connections = super::listen::ConnectionLimits {
            header_read: seconds("PORTAL_HEADER_TIMEOUT_SECONDS", 10)?,
            request: seconds("PORTAL_REQUEST_TIMEOUT_SECONDS", 60)?,
            max_connections,
            max_per_client: positive("PORTAL_MAX_CONNECTIONS_PER_CLIENT", &per_client)?,
            body_idle: seconds("PORTAL_BODY_IDLE_SECONDS", 10)?,
        };
        let instance = var("PORTAL_INSTANCE").filter(|name| !name.is_empty()).unwrap_or_else(|| default_instance(bind));
        let trusted_proxies = parse_networks(&var("PORTAL_TRUSTED_PROXIES").unwrap_or_default())?;
        let megabytes = |name: &str, default: u64| -> anyhow::Result<u64> {
            let value = var(name).unwrap_or_else(|| default.to_string());
            let mb: u64 =
                value.parse().ok().filter(|mb| (1..=1024).contains(mb)).with_context(|| {
                    format!("{name} must be a whole number of megabytes from 1 to 1024, not {value:?}")
                })?;
            Ok(mb * 1024 * 1024)
        };
        let attachment_file_bytes = megabytes("PORTAL_ATTACHMENT_FILE_MB", 20)?;
        let attachment_application_bytes = megabytes("PORTAL_ATTACHMENTS_PER_APPLICATION_MB", 100)?;
        let attachment_account_bytes = megabytes("PORTAL_ATTACHMENTS_PER_ACCOUNT_MB", 300)?;
        if attachment_file_bytes > attachment_application_bytes {
            bail!("PORTAL_ATTACHMENT_FILE_MB must not be over PORTAL_ATTACHMENTS_PER_APPLICATION_MB");
        }
        if attachment_application_bytes > attachment_account_bytes {
            bail!("PORTAL_ATTACHMENTS_PER_APPLICATION_MB must not be over PORTAL_ATTACHMENTS_PER_ACCOUNT_MB");
        }
        let attachment_checks =
            positive("PORTAL_ATTACHMENT_CHECKS", &var("PORTAL_ATTACHMENT_CHECKS").unwrap_or_else(|| "2".into()))?;
        let attachment_check_memory_bytes = megabytes("PORTAL_ATTACHMENT_CHECK_MEMORY_MB", 256)?;
        let clamd = var("PORTAL_CLAMD").filter(|address| !address.is_empty());
        if production && clamd.is_none() {
            bail!("PORTAL_CLAMD must be set in production: uploads would be accepted without a malware scan");
        }
        let clamd_timeout = seconds("PORTAL_CLAMD_TIMEOUT_SECONDS", 30)?;
        let attachments_s3 = s3_settings(&var, production)?;
        let payment = match (var("PORTAL_PAYMENT_URL").filter(|v| !v.is_empty()), production) {
            (None, true) => bail!(
                "PORTAL_PAYMENT_URL, _MERCHANT and _SECRET must be set in production: the built-in test provider takes no money"
            ),
            (None, false) => None,
            (Some(url), _) => Some(PaymentSettings {
                url,
                merchant: var("PORTAL_PAYMENT_MERCHANT").filter(|v| !v.is_empty()).context("PORTAL_PAYMENT_MERCHANT must be set with PORTAL_PAYMENT_URL")?,
                secret: Redacted(var("PORTAL_PAYMENT_SECRET").filter(|v| !v.is_empty()).context("PORTAL_PAYMENT_SECRET must be set with PORTAL_PAYMENT_URL")?),
            }),
        };
        if production && payment.as_ref().is_some_and(|p| !p.url.starts_with("https://")) {
            bail!("PORTAL_PAYMENT_URL must use https in production");
        }
        let setting = |name: &str| {
            var(name).filter(|v| !v.is_empty()).with_context(|| format!("{name} must be set with PORTAL_MANDATES_URL"))
        };
        let mandates = match (var("PORTAL_MANDATES_URL").filter(|v| !v.is_empty()), production) {
            (None, true) => bail!(
                "PORTAL_MANDATES_URL, _CLIENT_ID, _KEY and _OAUTH_PASSWORD must be set in production: the built-in test server of e-Authorizations vouches for anyone"
            ),
            (None, false) => None,
            (Some(url), _) => Some(MandateSettings {
                url: url.trim_end_matches('/').to_string(),
                client_id: setting("PORTAL_MANDATES_CLIENT_ID")?,
                key: Redacted(setting("PORTAL_MANDATES_KEY")?),
                oauth_password: Redacted(setting("PORTAL_MANDATES_OAUTH_PASSWORD")?),
            }),
        };
        if production && mandates.as_ref().is_some_and(|m| !m.url.starts_with("https://")) {
            bail!("PORTAL_MANDATES_URL must use https in production");
        }
        let whole = |name: &str, default: u64, least: u64| -> anyhow::Result<u64> {
            let value = var(name).unwrap_or_else(|| default.to_string());
            value
                .parse()
                .ok()
                .filter(|n| *n >= least)
                .with_context(|| format!("{name} must be a whole number of at least {least}, not {value:?}"))
        };
        let case_backend = match var("PORTAL_CASE_BACKEND_URL").filter(|v| !v.is_empty()) {
            None if production => bail!(
                "PORTAL_CASE_BACKEND_URL and _SECRET must be set in production: sent applications would go nowhere"
            ),
            None => None,
            Some(url) => Some(CaseBackendSettings {
                url: url.trim_end_matches('/').to_string(),
                secret: Redacted(var("PORTAL_CASE_BACKEND_SECRET").filter(|v| v.len() >= 16).context(
                    "PORTAL_CASE_BACKEND_SECRET must be set with PORTAL_CASE_BACKEND_URL, at least 16 characters",
                )?),
                timeout: seconds("PORTAL_CASE_BACKEND_TIMEOUT_SECONDS", 15)?,
                give_up: std::time::Duration::from_secs(3600 * whole("PORTAL_CASE_BACKEND_GIVE_UP_HOURS", 72, 1)?),
                warn_after: std::time::Duration::from_secs(60 * whole("PORTAL_CASE_BACKEND_WARN_MINUTES", 60, 1)?),
                files_url: var("PORTAL_CASE_BACKEND_FILES_URL")
                    .filter(|v| !v.is_empty())
                    .map_or_else(|| public_url.clone(), |url| url.trim_end_matches('/').to_string()),
            }),
        };
        if production && case_backend.as_ref().is_some_and(|c| !c.url.starts_with("https://")) {
            bail!("PORTAL_CASE_BACKEND_URL must use https in production");
        }
        let jobs = JobSettings {
            concurrency: usize::try_from(whole("PORTAL_JOB_CONCURRENCY", 4, 1)?)?,
            retry_first: std::time::Duration::from_millis(whole("PORTAL_JOB_RETRY_FIRST_MS", 2000, 1)?),
            retry_longest: seconds("PORTAL_JOB_RETRY_LONGEST_SECONDS", 300)?,
        };
        let metrics_bind = var("PORTAL_METRICS_BIND")
            .filter(|v| !v.is_empty())
            .map(|v| v.parse::<SocketAddr>())
            .transpose()
            .context("PORTAL_METRICS_BIND must be an address and port, such as 127.0.0.1:9300")?;
        let sent_files_grace = std::time::Duration::from_secs(3600 * whole("PORTAL_SENT_FILES_GRACE_HOURS", 72, 0)?);
        let sent_answers_days = i64::try_from(whole("PORTAL_SENT_ANSWERS_DAYS", 90, 1)?)?;
        let request_reminder_days = i64::try_from(whole("PORTAL_REQUEST_REMINDER_DAYS", 3, 1)?)?;
        let employer_reminder_days = i64::try_from(whole("PORTAL_EMPLOYER_REMINDER_DAYS", 7, 1)?)?;
        let decision_keep_days = i64::try_from(whole("PORTAL_DECISION_KEEP_DAYS", 365, 1)?)?;
        let message_code_days = i64::try_from(whole("PORTAL_MESSAGE_CODE_DAYS", 90, 1)?)?;
        let hourly = |name: &str, client: u64, everyone: u64| -> anyhow::Result<Hourly> {
            let per_hour = |name: &str, default: u64| -> anyhow::Result<std::num::NonZeroU32> {
                Ok(std::num::NonZeroU32::try_from(u32::try_from(whole(name, default, 1)?)?)?)
            };
            Ok(Hourly { client: per_hour(name, client)?, everyone: per_hour(&format!("{name}_EVERYONE"), everyone)? })
        };
        let message_checks = hourly("PORTAL_MESSAGE_CHECKS_PER_HOUR", 10, 18_000)?;
        let scam_reports = hourly("PORTAL_SCAM_REPORTS_PER_HOUR", 5, 200)?;
        Ok(Config {
            env,
            case_backend,
            jobs,
            metrics_bind,
            sent_files_grace,
            sent_answers_days,
            request_reminder_days,
            employer_reminder_days,
            decision_keep_days,
            message_code_days,
            message_checks,
            scam_reports,
            payment,
            mandates,
            attachments_s3,
            clamd,
            clamd_timeout,
            attachment_file_bytes,
            attachment_application_bytes,
            attachment_account_bytes,
            attachment_checks,
            attachment_check_memory_bytes,
            instance,
            trusted_proxies,
            data_dir,
            bind,
            database_url,
            public_url,
            site_root,
            log_format,
            mail_from,
            client_attempts_per_minute,
            smtp_url,
            dkim,
            connections,
            secret_key,
            previous_secret_keys,
        })
    }

    /// Whether this is a real deployment (`PORTAL_ENV=production`): then none of the stand-ins
    /// of a development instance runs, and the demonstration accounts cannot be seeded.
    pub fn is_production(&self) -> bool {
        self.env == Env::Production
    }

    /// A development instance that others can reach (not on loopback): said loudly at start
    /// and on every page.
    pub fn is_exposed_development(&self) -> bool {
        self.env == Env::Development && !self.bind.ip().is_loopback()
    }

    /// Whether users reach the portal over TLS (then cookies are `Secure` and HSTS is sent).
    pub fn is_https(&self) -> bool {
        self.public_url.starts_with("https://")
    }

    /// The public URL's origin as browsers send it in the `Origin` header.
    pub fn public_origin(&self) -> &str {
        origin_of(&self.public_url)
    }

    /// The official address as a message names it: the public origin without its scheme
    /// (`portal.example.fi`), text that no mail program makes a link.
    pub fn official_host(&self) -> &str {
        let origin = self.public_origin();
        origin.split_once("://").map_or(origin, |(_, host)| host)
    }
}

/// What an instance is for (`PORTAL_ENV`): declared, never guessed from an address. A
/// production instance refuses to start without what keeps it safe; a development one runs
/// with stand-ins (the built-in test payment provider, mail written to files, a generated key,
/// demonstration accounts) and is the default only when it listens on loopback.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Env {
    Production,
    Development,
}

/// The origin of `url` (scheme, host and port): the URL without its path.
pub fn origin_of(url: &str) -> &str {
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    match url[after_scheme..].find('/') {
        Some(slash) => &url[..after_scheme + slash],
        None => url,
    }
}

/// The object store's settings: none of `PORTAL_ATTACHMENTS_S3_*` set (files on the local
/// disk), or all that have no default.
fn s3_settings(var: &impl Fn(&str) -> Option<String>, production: bool) -> anyhow::Result<Option<S3Settings>> {
    let setting = |name: &str| var(&format!("PORTAL_ATTACHMENTS_S3_{name}")).filter(|value| !value.is_empty());
    let required = ["URL", "BUCKET", "ACCESS_KEY", "SECRET_KEY"];
    let given: Vec<_> = required.iter().filter(|name| setting(name).is_some()).collect();
    if given.is_empty() {
        return Ok(None);
    }
    if given.len() < required.len() {
        let missing: Vec<_> = required
            .iter()
            .filter(|name| setting(name).is_none())
            .map(|name| format!("PORTAL_ATTACHMENTS_S3_{name}"))
            .collect();
        bail!("the object store needs {} too (or none of its settings)", missing.join(", "));
    }
    let endpoint: url::Url = setting("URL")
        .unwrap_or_default()
        .parse()
        .context("PORTAL_ATTACHMENTS_S3_URL must be an http(s) address, such as https://s3.eu-north-1.amazonaws.com")?;
    if production && endpoint.scheme() != "https" {
        bail!("PORTAL_ATTACHMENTS_S3_URL must use https in production: applicants' documents would cross the network in the clear");
    }
    let path_style = match setting("PATH_STYLE").as_deref() {
        None | Some("true") => true,
        Some("false") => false,
        Some(other) => bail!("PORTAL_ATTACHMENTS_S3_PATH_STYLE must be true or false, not {other:?}"),
    };
    Ok(Some(S3Settings {
        endpoint,
        bucket: setting("BUCKET").unwrap_or_default(),
        region: setting("REGION").unwrap_or_else(|| "us-east-1".into()),
        access_key: setting("ACCESS_KEY").unwrap_or_default(),
        secret_key: Redacted(setting("SECRET_KEY").unwrap_or_default()),
        path_style,
        prefix: setting("PREFIX").unwrap_or_else(|| "attachments/".into()),
    }))
}

/// A comma-separated list of addresses and networks (`10.0.0.0/8, 127.0.0.1, ::1`).
fn parse_networks(list: &str) -> anyhow::Result<Vec<ipnet::IpNet>> {
    list.split(',')
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(|item| {
            item.parse::<ipnet::IpNet>()
                .or_else(|_| item.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
                .with_context(|| format!("PORTAL_TRUSTED_PROXIES: {item:?} is not an address or a network"))
        })
        .collect()
}

/// The DKIM key of the service's mail: a file holding an RSA private key (PKCS#1 PEM), and the
/// selector its public key is published under in DNS.
#[derive(Clone, Debug)]
pub struct DkimSettings {
    pub key_file: PathBuf,
    pub selector: String,
}

/// Whether an SMTP URL (lettre's form) always encrypts: `smtps://`, or `smtp://` with STARTTLS
/// required. Plain `smtp://` and `tls=opportunistic` may send in the clear.
fn is_smtp_over_tls(url: &str) -> bool {
    let query = url.split_once('?').map_or("", |(_, query)| query);
    let tls = form_urlencoded::parse(query.as_bytes()).find(|(name, _)| name == "tls").map(|(_, v)| v.into_owned());
    url.starts_with("smtps://") && tls.as_deref() != Some("opportunistic")
        || url.starts_with("smtp://") && tls.as_deref() == Some("required")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn config(vars: &[(&str, &str)]) -> anyhow::Result<Config> {
        let vars: HashMap<String, String> = vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        Config::from_lookup(|name| vars.get(name).cloned())
    }

    #[test]
    fn defaults_run_locally_on_loopback_with_sqlite_in_the_data_dir() {
        let c = config(&[]).unwrap();
        assert_eq!(c.bind.to_string(), "127.0.0.1:3000");
        assert_eq!(c.public_url, "http://127.0.0.1:3000");
        assert_eq!(c.database_url, "sqlite://data/portal.db");
        assert!(!c.is_https());
        assert_eq!(c.log_format, LogFormat::Pretty);
        assert!(c.smtp_url.is_none());
        assert_eq!(c.connections.header_read.as_secs(), 10);
        assert_eq!(c.connections.request.as_secs(), 60);
        assert_eq!(c.connections.max_connections, 1000);
        assert_eq!(c.connections.max_per_client, 100);
        assert_eq!(c.connections.body_idle.as_secs(), 10);
    }

    /// The default name survives a restart (a new process) and tells apart two instances on
    /// one host by their port.
    #[test]
    fn the_default_instance_name_is_stable_and_per_port() {
        let first = config(&[]).unwrap().instance;
        assert!(first.ends_with(":3000") && !first.contains(&std::process::id().to_string()), "{first}");
        assert_eq!(config(&[]).unwrap().instance, first);
        assert!(config(&[("PORTAL_BIND", "127.0.0.1:3001")]).unwrap().instance.ends_with(":3001"));
        assert_eq!(config(&[("PORTAL_INSTANCE", "portal-0")]).unwrap().instance, "portal-0");
    }

    #[test]
    fn the_smtp_password_is_never_printed() {
        let c = config(&[("PORTAL_SMTP_URL", "smtps://portal:salainen@smtp.example.fi")]).unwrap();
        assert!(!format!("{c:?}").contains("salainen"));
        assert_eq!(c.smtp_url.unwrap().0, "smtps://portal:salainen@smtp.example.fi");
    }

    /// Everything a production instance needs.
    const PRODUCTION: &[(&str, &str)] = &[
        ("PORTAL_ENV", "production"),
        ("PORTAL_PUBLIC_URL", "https://portal.example.fi"),
        ("PORTAL_SECRET_KEY", "ab"),
        ("PORTAL_SMTP_URL", "smtps://portal:salainen@smtp.example.fi"),
        ("PORTAL_MAIL_DKIM_KEY_FILE", "/etc/portal/dkim.pem"),
        ("PORTAL_CLAMD", "127.0.0.1:3310"),
        ("PORTAL_PAYMENT_URL", "https://services.paytrail.com"),
        ("PORTAL_PAYMENT_MERCHANT", "375917"),
        ("PORTAL_PAYMENT_SECRET", "SAIPPUAKAUPPIAS"),
        ("PORTAL_CASE_BACKEND_URL", "https://cases.migri.example"),
        ("PORTAL_CASE_BACKEND_SECRET", "a shared secret of the case backend"),
        ("PORTAL_MANDATES_URL", "https://asiointivaltuustarkastus.suomi.fi"),
        ("PORTAL_MANDATES_CLIENT_ID", "portal"),
        ("PORTAL_MANDATES_KEY", "a key of the e-Authorizations checksums"),
        ("PORTAL_MANDATES_OAUTH_PASSWORD", "an OAuth password"),
    ];

    /// [`PRODUCTION`] with `name` set to `value` (left out when `None`).
    fn production_with(name: &str, value: Option<&'static str>) -> Vec<(&'static str, &'static str)> {
        let mut vars: Vec<_> = PRODUCTION.iter().copied().filter(|(n, _)| *n != name).collect();
        if let Some(value) = value {
            let name = PRODUCTION.iter().find(|(n, _)| *n == name).map(|(n, _)| *n).expect("a production variable");
            vars.push((name, value));
        }
        vars
    }

    /// A production instance refuses to start without each thing that keeps it safe, each
    /// refusal naming what to set; with all of them it starts.
    #[test]
    fn production_starts_only_with_everything_that_keeps_it_safe() {
        let c = config(PRODUCTION).unwrap();
        assert!(c.is_production() && !c.is_exposed_development());
        let missing = [
            ("PORTAL_PUBLIC_URL", "https"),
            ("PORTAL_SECRET_KEY", "PORTAL_SECRET_KEY"),
            ("PORTAL_SMTP_URL", "PORTAL_SMTP_URL"),
            ("PORTAL_MAIL_DKIM_KEY_FILE", "forgery"),
            ("PORTAL_CLAMD", "malware"),
            ("PORTAL_PAYMENT_URL", "test provider"),
            ("PORTAL_CASE_BACKEND_URL", "PORTAL_CASE_BACKEND_URL"),
        ];
        for (name, says) in missing {
            let error = config(&production_with(name, None)).unwrap_err().to_string();
            assert!(error.contains(says), "without {name}: {error}");
        }
        let unsafe_values = [
            ("PORTAL_PUBLIC_URL", "http://portal.internal:3000", "https"),
            ("PORTAL_SMTP_URL", "smtp://smtp.example.fi", "TLS"),
            ("PORTAL_SMTP_URL", "smtp://smtp.example.fi?tls=opportunistic", "TLS"),
            ("PORTAL_SMTP_URL", "smtps://x@smtp.example.fi?tls=opportunistic", "TLS"),
            ("PORTAL_PAYMENT_URL", "http://paytrail.internal", "https"),
            ("PORTAL_CASE_BACKEND_URL", "http://cases.internal", "https"),
        ];
        for (name, value, says) in unsafe_values {
            let error = config(&production_with(name, Some(value))).unwrap_err().to_string();
            assert!(error.contains(says), "{name}={value}: {error}");
        }
        assert!(config(&production_with("PORTAL_SMTP_URL", Some("smtp://smtp.example.fi:587?tls=required"))).is_ok());
    }

    /// The mode is declared, never guessed from the address: an https URL behind a proxy does
    /// not make an instance production, nor does an http one on loopback need to say it.
    #[test]
    fn the_mode_is_declared_and_development_is_the_default_only_on_loopback() {
        let behind_a_proxy = config(&[("PORTAL_PUBLIC_URL", "https://portal.example.fi")]).unwrap();
        assert!(!behind_a_proxy.is_production(), "development: it listens on loopback");
        let local = config(&[]).unwrap();
        assert!(!local.is_production() && local.secret_key.is_none() && local.payment.is_none(), "stand-ins");
        let error = config(&[("PORTAL_BIND", "0.0.0.0:3000")]).unwrap_err().to_string();
        assert!(error.contains("PORTAL_ENV"), "{error}");
        let exposed = config(&[("PORTAL_BIND", "0.0.0.0:3000"), ("PORTAL_ENV", "development")]).unwrap();
        assert!(exposed.is_exposed_development(), "said loudly");
        assert!(!local.is_exposed_development());
        assert!(config(&[("PORTAL_ENV", "staging")]).unwrap_err().to_string().contains("PORTAL_ENV"));
        for plain in ["smtp://smtp.example.fi", "smtp://smtp.example.fi?tls=opportunistic"] {
            assert!(config(&[("PORTAL_SMTP_URL", plain)]).is_ok(), "{plain} is fine for a development instance");
        }
    }

    #[test]
    fn public_origin_drops_the_path() {
        let c = config(&production_with("PORTAL_PUBLIC_URL", Some("https://portal.example.fi/app/"))).unwrap();
        assert_eq!(c.public_url, "https://portal.example.fi/app");
        assert_eq!(c.public_origin(), "https://portal.example.fi");
        assert_eq!(c.official_host(), "portal.example.fi");
        assert!(c.is_https());
    }

    #[test]
    fn the_object_store_needs_all_its_settings_and_https_in_production() {
        let s3 = [
            ("PORTAL_ATTACHMENTS_S3_URL", "http://127.0.0.1:9000"),
            ("PORTAL_ATTACHMENTS_S3_BUCKET", "attachments"),
            ("PORTAL_ATTACHMENTS_S3_ACCESS_KEY", "portal"),
            ("PORTAL_ATTACHMENTS_S3_SECRET_KEY", "hunter2"),
        ];
        let settings = config(&s3).unwrap().attachments_s3.unwrap();
        assert_eq!((settings.region.as_str(), settings.path_style), ("us-east-1", true));
        assert!(!format!("{settings:?}").contains("hunter2"));
        let err = config(&s3[..2]).unwrap_err().to_string();
        assert!(err.contains("PORTAL_ATTACHMENTS_S3_ACCESS_KEY, PORTAL_ATTACHMENTS_S3_SECRET_KEY"), "{err}");
        let production = [&s3[..], PRODUCTION].concat();
        assert!(config(&production).unwrap_err().to_string().contains("https"));
        assert!(config(&[]).unwrap().attachments_s3.is_none());
    }

    #[test]
    fn a_payment_provider_needs_all_its_settings() {
        assert!(config(&[]).unwrap().payment.is_none(), "a development instance uses the test provider");
        let error = config(&production_with("PORTAL_PAYMENT_SECRET", None)).unwrap_err().to_string();
        assert!(error.contains("PORTAL_PAYMENT_SECRET"), "{error}");
        let settings = config(PRODUCTION).unwrap().payment.unwrap();
        assert!(!format!("{settings:?}").contains("SAIPPUAKAUPPIAS"));
    }

    #[test]
    fn e_authorizations_need_all_their_settings_in_production() {
        assert!(config(&[]).unwrap().mandates.is_none(), "a development instance uses the test server");
        let error = config(&production_with("PORTAL_MANDATES_URL", None)).unwrap_err().to_string();
        assert!(error.contains("PORTAL_MANDATES_URL"), "{error}");
        let error = config(&production_with("PORTAL_MANDATES_KEY", None)).unwrap_err().to_string();
        assert!(error.contains("PORTAL_MANDATES_KEY"), "{error}");
        let settings = config(PRODUCTION).unwrap().mandates.unwrap();
        assert!(!format!("{settings:?}").contains("checksums"), "the key is redacted");
    }

    #[test]
    fn the_case_backend_needs_its_secret_and_https_in_production() {
        let local = [("PORTAL_CASE_BACKEND_URL", "http://127.0.0.1:3400/")];
        assert!(config(&local).unwrap_err().to_string().contains("PORTAL_CASE_BACKEND_SECRET"));
        let with_secret = [&local[..], &[("PORTAL_CASE_BACKEND_SECRET", "sixteen or more characters")]].concat();
        let settings = config(&with_secret).unwrap().case_backend.unwrap();
        assert_eq!(settings.url, "http://127.0.0.1:3400", "the base URL without its slash");
        assert!(!format!("{settings:?}").contains("sixteen"), "the secret is redacted");
    }

    #[test]
    fn bad_values_are_refused_with_a_reason() {
        let err = config(&[("PORTAL_BIND", "nowhere")]).unwrap_err();
        assert!(err.to_string().contains("PORTAL_BIND"));
        assert!(config(&[("PORTAL_PUBLIC_URL", "portal.example.fi")]).is_err());
        assert!(config(&[("PORTAL_LOG_FORMAT", "xml")]).is_err());
        let err = config(&[("PORTAL_HEADER_TIMEOUT_SECONDS", "0")]).unwrap_err();
        assert!(err.to_string().contains("PORTAL_HEADER_TIMEOUT_SECONDS"), "{err}");
        assert!(config(&[("PORTAL_MAX_CONNECTIONS", "many")])
            .unwrap_err()
            .to_string()
            .contains("PORTAL_MAX_CONNECTIONS"));
    }
}
