//! Outgoing e-mail. Following the advice on safe use of online services, a message never
//! carries personal data or a link that logs anyone in: it says that something is waiting, or
//! gives a short one-time code.
//!
//! Every message ends with its message code, which anyone can check on the public page "Is this
//! message from us?" ([`codes`]).
//!
//! A message is never sent inside the request that causes it: [`queue`] puts it, sealed, on the
//! durable job queue (server::queue), and the worker sends it ([`deliver`]). A mail server that
//! is down delays the message, with retries, instead of failing the request after its change
//! was already made.
//!
//! Backends: `Smtp` sends through a mail server (production, `PORTAL_SMTP_URL`); `File` writes
//! each message as an `.eml` file under the data directory (the local run and the browser tests
//! read them there); `Memory` keeps them for tests to inspect.
//!
//! Every message the first two send is DKIM-signed when a key is configured ([`Signer`];
//! production refuses to start without one), so that a receiver — and anyone who doubts a
//! message — can tell it came from the service's domain, unchanged.

pub mod codes;

use super::queue::{self, Job, JobError, JobKind, Limit, Outcome};
use super::AppState;
use crate::i18n::Lang;
use lettre::message::dkim::{
    dkim_sign, DkimCanonicalization, DkimCanonicalizationType, DkimConfig, DkimSigningAlgorithm, DkimSigningKey,
};
use lettre::message::header::HeaderName;
use lettre::message::header::{ContentTransferEncoding, ContentType};
use lettre::message::{Mailbox, SinglePart};
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::path::PathBuf;
use std::sync::Arc;
#[cfg(any(test, feature = "test-support"))]
use std::sync::Mutex;

/// Every message the service sends, named as its Fluent messages are (`mail-{name}-subject`
/// and `-body`, in `locales/*/settings.ftl`), with the values it takes. Besides them a message
/// may name the service's address (`address`: as text without a scheme, which no mail program
/// makes a link), and every message ends with its message code ([`codes`]). Nothing else goes
/// into a message — no name, reference, person's address or link: `tests/integration/locales.rs`
/// renders every kind in every language with exactly these values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// The code that confirms a new account's address (or logs in an unconfirmed one).
    Verify,
    /// Someone tried to register an address that already has an account.
    Exists,
    /// The code that resets a forgotten password.
    Reset,
    PasswordChanged,
    /// The code that confirms a new address for an account.
    ChangeEmail,
    EmailChanged,
    /// An application was sent (its fee paid).
    ApplicationSent,
    /// Something new about an application (a request, a decision, a reply taken).
    News,
    EmployerNews,
    /// A request's last day is near.
    RequestReminder,
    EmployerRequestReminder,
    /// An employee's application waits for the organisation's terms of employment.
    EmployerTask,
}

impl Kind {
    pub const ALL: [Kind; 12] = [
        Kind::Verify,
        Kind::Exists,
        Kind::Reset,
        Kind::PasswordChanged,
        Kind::ChangeEmail,
        Kind::EmailChanged,
        Kind::ApplicationSent,
        Kind::News,
        Kind::EmployerNews,
        Kind::RequestReminder,
        Kind::EmployerRequestReminder,
        Kind::EmployerTask,
    ];

    /// Its name in its messages' ids, and as the message codes' table keeps it.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Verify => "verify",
            Kind::Exists => "exists",
            Kind::Reset => "reset",
            Kind::PasswordChanged => "password-changed",
            Kind::ChangeEmail => "change-email",
            Kind::EmailChanged => "email-changed",
            Kind::ApplicationSent => "application-sent",
            Kind::News => "news",
            Kind::EmployerNews => "employer-news",
            Kind::RequestReminder => "request-reminder",
            Kind::EmployerRequestReminder => "employer-request-reminder",
            Kind::EmployerTask => "employer-task",
        }
    }

    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|kind| kind.name() == name)
    }

    /// The values the message takes (besides the service's address), in this order: a
    /// one-time code and its minutes, or a day.
    pub fn values(self) -> &'static [&'static str] {
        match self {
            Kind::Verify | Kind::Reset | Kind::ChangeEmail => &["code", "minutes"],
            Kind::ApplicationSent | Kind::RequestReminder | Kind::EmployerRequestReminder => &["date"],
            Kind::Exists
            | Kind::PasswordChanged
            | Kind::EmailChanged
            | Kind::News
            | Kind::EmployerNews
            | Kind::EmployerTask => &[],
        }
    }
}

/// A message to send, before it has its code: to whom, in which language, which message and
/// its values.
#[derive(Clone, Debug)]
pub struct Letter {
    to: String,
    lang: Lang,
    kind: Kind,
    values: Vec<(&'static str, String)>,
}

impl Letter {
    /// The message `kind` to `to` in `lang`. Its `values` are the ones the kind takes, in order
    /// ([`Kind::values`]); a debug build stops on any other.
    pub fn new(to: &str, lang: Lang, kind: Kind, values: &[(&'static str, &str)]) -> Letter {
        debug_assert_eq!(values.iter().map(|(name, _)| *name).collect::<Vec<_>>(), kind.values(), "{kind:?}");
        let values = values.iter().map(|(name, value)| (*name, value.to_string())).collect();
        Letter { to: to.to_string(), lang, kind, values }
    }

    /// The message as it is sent: in its language, naming the service at `address`, and ending
    /// with its message `code` and how to check it.
    pub fn render(&self, address: &str, code: &str) -> Outgoing {
        let mut args: Vec<(&'static str, &str)> =
            self.values.iter().map(|(name, value)| (*name, value.as_str())).collect();
        args.push(("address", address));
        let name = self.kind.name();
        let body = self.lang.t_args(&format!("mail-{name}-body"), &args);
        let code = self.lang.t_args("mail-message-code", &[("code", code), ("address", address)]);
        Outgoing {
            to: self.to.clone(),
            subject: self.lang.t_args(&format!("mail-{name}-subject"), &args),
            body: format!("{body}\n\n{code}"),
        }
    }
}

/// One message as it is sent.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Outgoing {
    pub to: String,
    pub subject: String,
    pub body: String,
}

/// The DKIM signature of the service's messages: its private key (RSA, PKCS#1 PEM), the
/// selector it is published under (`{selector}._domainkey.{domain}`) and the domain of the
/// sender's address. Signs From, To, Subject and Date, relaxed.
pub struct Signer(DkimConfig);

impl Signer {
    /// The signer of the key in `pem`.
    pub fn new(pem: &str, selector: &str, domain: &str) -> anyhow::Result<Signer> {
        let key = DkimSigningKey::new(pem, DkimSigningAlgorithm::Rsa)
            .map_err(|_| anyhow::anyhow!("the DKIM key is not an RSA private key in PKCS#1 PEM"))?;
        let headers = ["From", "To", "Subject", "Date"].map(HeaderName::new_from_ascii_str).to_vec();
        let canonicalization =
            DkimCanonicalization { header: DkimCanonicalizationType::Relaxed, body: DkimCanonicalizationType::Relaxed };
        Ok(Signer(DkimConfig::new(selector.to_string(), domain.to_string(), key, headers, canonicalization)))
    }

    /// The signer of the key in the file `path`, for the sender `from`'s domain.
    pub fn from_file(path: &std::path::Path, selector: &str, from: &str) -> anyhow::Result<Signer> {
        let pem = std::fs::read_to_string(path)
            .map_err(|e| anyhow::anyhow!("PORTAL_MAIL_DKIM_KEY_FILE {} cannot be read: {e}", path.display()))?;
        let from: Mailbox = from.parse()?;
        Signer::new(&pem, selector, from.email.domain())
    }
}

#[derive(Clone)]
pub enum Mailer {
    Smtp {
        transport: AsyncSmtpTransport<Tokio1Executor>,
        from: Mailbox,
        signer: Option<Arc<Signer>>,
    },
    File {
        dir: PathBuf,
        from: Mailbox,
        signer: Option<Arc<Signer>>,
    },
    #[cfg(any(test, feature = "test-support"))]
    Memory(Arc<Mutex<Vec<Outgoing>>>),
}

impl Mailer {
    pub fn file(dir: PathBuf, from: &str, signer: Option<Signer>) -> anyhow::Result<Mailer> {
        std::fs::create_dir_all(&dir)?;
        Ok(Mailer::File { dir, from: from.parse()?, signer: signer.map(Arc::new) })
    }

    /// A mailer for the server at `url`: `smtps://` (TLS from the start) or `smtp://` (with
    /// `?tls=required` for STARTTLS), with optional `user:password@`. Connects on first use.
    pub fn smtp(url: &str, from: &str, signer: Option<Signer>) -> anyhow::Result<Mailer> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| anyhow::anyhow!("PORTAL_SMTP_URL is not a usable SMTP URL: {e}"))?
            .build();
        Ok(Mailer::Smtp { transport, from: from.parse()?, signer: signer.map(Arc::new) })
    }

    #[cfg(any(test, feature = "test-support"))]
    pub fn memory() -> Mailer {
        Mailer::Memory(Arc::default())
    }

    /// What the memory backend has been given, oldest first.
    #[cfg(any(test, feature = "test-support"))]
    pub fn sent(&self) -> Vec<Outgoing> {
        match self {
            Mailer::Memory(sent) => sent.lock().expect("mailbox lock").clone(),
            Mailer::File { .. } | Mailer::Smtp { .. } => Vec::new(),
        }
    }

    pub async fn send(&self, mail: Outgoing) -> anyhow::Result<()> {
        match self {
            #[cfg(any(test, feature = "test-support"))]
            Mailer::Memory(sent) => sent.lock().expect("mailbox lock").push(mail),
            Mailer::File { dir, from, signer } => {
                AsyncFileTransport::<Tokio1Executor>::new(dir).send(message(from, mail, signer.as_deref())?).await?;
            }
            Mailer::Smtp { transport, from, signer } => {
                transport.send(message(from, mail, signer.as_deref())?).await?;
            }
        }
        Ok(())
    }
}

/// How many times a message is tried before it is dead-lettered (with the queue's backoff,
/// about a day and a half).
const MAX_ATTEMPTS: i64 = 15;

/// What the seal of a queued message is bound to.
const SEAL_PURPOSE: &str = "mail";

/// Queues `letter` to be sent by the worker, with its message code.
pub async fn queue(state: &AppState, letter: Letter) -> anyhow::Result<()> {
    let mut tx = crate::server::db::begin_write(&state.db).await?;
    queue_on(&mut tx, state, letter).await?;
    tx.commit().await?;
    state.queue.ring();
    Ok(())
}

/// Queues `letter` on `conn`: the transaction of the change it tells of, so that the message
/// goes if and only if the change is made. Its message code is kept (as a hash) in the same
/// transaction. The message carries a one-time code and an address, so it is sealed at rest
/// (server::secrets) like the other secrets. The caller rings the queue's bell after its commit.
pub async fn queue_on(conn: &mut sqlx::AnyConnection, state: &AppState, letter: Letter) -> anyhow::Result<()> {
    let code = codes::issue(&mut *conn, state, letter.kind).await?;
    let mail = letter.render(state.config.official_host(), &code);
    let sealed = state.secrets.seal(&serde_json::to_string(&mail)?, SEAL_PURPOSE);
    let key = format!("mail:{}", hex::encode(rand::random::<[u8; 16]>()));
    queue::enqueue(conn, &state.clock, MailJob::CODE, &key, &sealed, Limit::Attempts(MAX_ATTEMPTS)).await?;
    Ok(())
}

/// The job that sends a queued message (its payload the sealed [`Outgoing`]).
pub struct MailJob;

impl MailJob {
    pub const CODE: &'static str = "mail";
}

#[async_trait::async_trait]
impl JobKind for MailJob {
    fn code(&self) -> &'static str {
        Self::CODE
    }

    fn errors(&self) -> &'static [&'static str] {
        &["message-unopened", "message-unwritten", "mail-refused", "mail-unavailable"]
    }

    async fn run(&self, state: &AppState, job: &Job) -> Outcome {
        deliver(state, job).await
    }
}

/// Sends a queued message. What is recorded of a failure names no address: the mail server's
/// reply code and whether it may pass.
async fn deliver(state: &AppState, job: &Job) -> Outcome {
    let opened = state.secrets.open(&job.payload, SEAL_PURPOSE).ok().and_then(|json| serde_json::from_str(&json).ok());
    let Some(mail) = opened else { return Outcome::Fail(JobError::new("message-unopened")) };
    let Err(error) = state.mailer.send(mail).await else { return Outcome::Done };
    let Some(smtp) = error.downcast_ref::<lettre::transport::smtp::Error>() else {
        return Outcome::Retry { error: JobError::new("message-unwritten"), after: None };
    };
    let code = smtp.status().map(|code| code.to_string()).unwrap_or_else(|| "-".into());
    if smtp.is_permanent() {
        Outcome::Fail(JobError::with("mail-refused", code))
    } else {
        Outcome::Retry { error: JobError::with("mail-unavailable", code), after: None }
    }
}

/// The message as sent: plain text, quoted-printable so codes and words stay readable in the
/// raw message; signed by `signer` when there is one.
fn message(from: &Mailbox, mail: Outgoing, signer: Option<&Signer>) -> anyhow::Result<Message> {
    let mut message = Message::builder().from(from.clone()).to(mail.to.parse()?).subject(mail.subject).singlepart(
        SinglePart::builder()
            .content_type(ContentType::TEXT_PLAIN)
            .header(ContentTransferEncoding::QuotedPrintable)
            .body(mail.body),
    )?;
    if let Some(Signer(config)) = signer {
        dkim_sign(&mut message, config);
    }
    Ok(message)
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
    use tokio::net::TcpListener;

    /// A mail server on loopback that accepts one message and returns what it was sent.
    async fn one_message_server() -> (u16, tokio::task::JoinHandle<String>) {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let server = tokio::spawn(async move {
            let (stream, _) = listener.accept().await.unwrap();
            let (read, mut write) = stream.into_split();
            let mut lines = BufReader::new(read).lines();
            write.write_all(b"220 test ESMTP\r\n").await.unwrap();
            let mut transcript = String::new();
            let mut in_data = false;
            while let Ok(Some(line)) = lines.next_line().await {
                transcript.push_str(&line);
                transcript.push('\n');
                let reply: &[u8] = match line.as_str() {
                    "." if in_data => {
                        in_data = false;
                        b"250 queued\r\n"
                    }
                    _ if in_data => continue,
                    "DATA" => {
                        in_data = true;
                        b"354 go ahead\r\n"
                    }
                    "QUIT" => {
                        write.write_all(b"221 bye\r\n").await.unwrap();
                        break;
                    }
                    _ => b"250 ok\r\n",
                };
                write.write_all(reply).await.unwrap();
            }
            transcript
        });
        (port, server)
    }

    #[tokio::test]
    async fn smtp_delivers_the_translated_message() {
        let (port, server) = one_message_server().await;
        let mailer = Mailer::smtp(&format!("smtp://127.0.0.1:{port}"), "Portal <no-reply@example.fi>", None).unwrap();
        let mail =
            Letter::new("maria@example.fi", Lang::Sv, Kind::Exists, &[]).render("portal.example.fi", "K7MX-43RN-CWPA");
        tokio::time::timeout(std::time::Duration::from_secs(10), mailer.send(mail)).await.unwrap().unwrap();
        if let Mailer::Smtp { transport, .. } = mailer {
            drop(transport);
        }
        let transcript = tokio::time::timeout(std::time::Duration::from_secs(10), server).await.unwrap().unwrap();
        assert!(transcript.contains("RCPT TO:<maria@example.fi>"), "{transcript}");
        // The subject as lettre writes the Swedish one (encoded, as it is not ASCII).
        let expected = Message::builder()
            .from("no-reply@example.fi".parse().unwrap())
            .to("maria@example.fi".parse().unwrap())
            .subject(Lang::Sv.t("mail-exists-subject"))
            .body(String::new())
            .unwrap();
        let subject_of = |text: &str| {
            let mut lines = text.lines().skip_while(|line| !line.starts_with("Subject:"));
            let first = lines.next().unwrap_or_default().to_string();
            lines.take_while(|line| line.starts_with(' ')).fold(first, |all, more| all + more)
        };
        let sent = subject_of(&transcript);
        assert!(!sent.is_empty(), "{transcript}");
        assert_eq!(sent, subject_of(&String::from_utf8(expected.formatted()).unwrap()));
        assert!(transcript.contains("Migrationens e-tj=C3=A4nst"), "the body, in Swedish: {transcript}");
    }

    #[test]
    fn a_bad_smtp_url_is_refused_with_the_setting_named() {
        let error = Mailer::smtp("ftp://nowhere", "no-reply@example.fi", None).err().unwrap();
        assert!(error.to_string().contains("PORTAL_SMTP_URL"));
    }
}
