//! Outgoing e-mail. Following the advice on safe use of online services, a message never
//! carries personal data or a link that logs anyone in: it says that something is waiting, or
//! gives a short one-time code.
//!
//! Backends: `File` writes each message as an `.eml` file under the data directory (the local
//! run and the browser tests read them there); `Memory` keeps them for tests to inspect.

use crate::i18n::Lang;
use lettre::message::header::{ContentTransferEncoding, ContentType};
use lettre::message::{Mailbox, SinglePart};
use lettre::{AsyncFileTransport, AsyncTransport, Message, Tokio1Executor};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// One message, already in the recipient's language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outgoing {
    pub to: String,
    pub subject: String,
    pub body: String,
}

impl Outgoing {
    /// A message from the Fluent messages `{id}-subject` and `{id}-body`, in `lang`.
    pub fn translated(to: &str, lang: Lang, id: &str, args: &[(&'static str, &str)]) -> Outgoing {
        Outgoing {
            to: to.to_string(),
            subject: lang.t_args(&format!("{id}-subject"), args),
            body: lang.t_args(&format!("{id}-body"), args),
        }
    }
}

#[derive(Clone)]
pub enum Mailer {
    File { dir: PathBuf, from: Mailbox },
    Memory(Arc<Mutex<Vec<Outgoing>>>),
}

impl Mailer {
    pub fn file(dir: PathBuf, from: &str) -> anyhow::Result<Mailer> {
        std::fs::create_dir_all(&dir)?;
        Ok(Mailer::File { dir, from: from.parse()? })
    }

    pub fn memory() -> Mailer {
        Mailer::Memory(Arc::default())
    }

    /// What the memory backend has been given, oldest first.
    pub fn sent(&self) -> Vec<Outgoing> {
        match self {
            Mailer::Memory(sent) => sent.lock().expect("mailbox lock").clone(),
            Mailer::File { .. } => Vec::new(),
        }
    }

    pub async fn send(&self, mail: Outgoing) -> anyhow::Result<()> {
        match self {
            Mailer::Memory(sent) => sent.lock().expect("mailbox lock").push(mail),
            Mailer::File { dir, from } => {
                let message = Message::builder()
                    .from(from.clone())
                    .to(mail.to.parse()?)
                    .subject(mail.subject)
                    // Quoted-printable keeps codes and plain words readable in the raw file.
                    .singlepart(
                        SinglePart::builder()
                            .content_type(ContentType::TEXT_PLAIN)
                            .header(ContentTransferEncoding::QuotedPrintable)
                            .body(mail.body),
                    )?;
                AsyncFileTransport::<Tokio1Executor>::new(dir).send(message).await?;
            }
        }
        Ok(())
    }
}
