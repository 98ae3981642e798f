//! Malware scanning with a ClamAV daemon (`PORTAL_CLAMD`, `host:port`): every file is streamed
//! to it with `INSTREAM` before it is accepted. The protocol is a few lines (the command, then
//! chunks each after its length as four big-endian bytes, a zero length, and one reply ending in
//! a NUL), so it is written here rather than taken from a crate. A scanner that is configured
//! but does not answer, or not in time, is an error: the caller refuses the file (fail closed).

use std::path::Path;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// A malware scanner, as the uploads use it: held in the server's state (`AppState::scanner`),
/// so that another engine, or a scanner of a test, takes its place without the uploads
/// knowing.
#[async_trait::async_trait]
pub trait Scan: Send + Sync {
    /// What the scanner says of the file at `path` (an upload received to disk, read a chunk
    /// at a time); an error when it could not say (the caller refuses the file: fail closed).
    async fn scan(&self, path: &Path) -> anyhow::Result<Verdict>;
}

/// The scanner the configuration names (`PORTAL_CLAMD`), if any.
pub fn from_config(config: &crate::server::config::Config) -> Option<std::sync::Arc<dyn Scan>> {
    config
        .clamd
        .as_deref()
        .map(|address| std::sync::Arc::new(Scanner::new(address, config.clamd_timeout)) as std::sync::Arc<dyn Scan>)
}

/// What the scanner said of a file.
#[derive(Debug, PartialEq, Eq)]
pub enum Verdict {
    Clean,
    /// Found: the signature's name.
    Infected(String),
}

#[derive(Clone, Debug)]
pub struct Scanner {
    address: String,
    timeout: Duration,
}

/// How much is sent to clamd in one chunk.
const CHUNK: usize = 64 * 1024;
/// The longest reply read: a signature name and a few words.
const REPLY_MAX: u64 = 4096;

impl Scanner {
    pub fn new(address: &str, timeout: Duration) -> Scanner {
        Scanner { address: address.to_string(), timeout }
    }

    async fn exchange(&self, path: &Path) -> anyhow::Result<Verdict> {
        let mut file = tokio::fs::File::open(path).await?;
        let mut stream = tokio::net::TcpStream::connect(&self.address).await?;
        stream.write_all(b"zINSTREAM\0").await?;
        let mut chunk = vec![0u8; CHUNK];
        loop {
            let read = file.read(&mut chunk).await?;
            if read == 0 {
                break;
            }
            stream.write_all(&(read as u32).to_be_bytes()).await?;
            stream.write_all(&chunk[..read]).await?;
        }
        stream.write_all(&0u32.to_be_bytes()).await?;
        let mut reply = Vec::new();
        (&mut stream).take(REPLY_MAX).read_to_end(&mut reply).await?;
        verdict(&String::from_utf8_lossy(&reply))
    }
}

#[async_trait::async_trait]
impl Scan for Scanner {
    /// Scans the file at `path` with clamd, all within the timeout.
    async fn scan(&self, path: &Path) -> anyhow::Result<Verdict> {
        tokio::time::timeout(self.timeout, self.exchange(path))
            .await
            .map_err(|_| anyhow::anyhow!("the malware scanner at {} did not answer in time", self.address))?
    }
}

/// The verdict of clamd's reply (`stream: OK`, `stream: Name FOUND`); anything else, such as
/// `… ERROR` or nothing, is an error.
fn verdict(reply: &str) -> anyhow::Result<Verdict> {
    let reply = reply.trim_end_matches(['\0', '\n']).trim();
    let body = reply.strip_prefix("stream:").map(str::trim);
    match body {
        Some("OK") => Ok(Verdict::Clean),
        Some(found) if found.ends_with(" FOUND") => Ok(Verdict::Infected(found.trim_end_matches(" FOUND").to_string())),
        _ => anyhow::bail!("the malware scanner answered {reply:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replies_are_read_strictly() {
        assert_eq!(verdict("stream: OK\0").unwrap(), Verdict::Clean);
        assert_eq!(verdict("stream: Eicar-Signature FOUND\0").unwrap(), Verdict::Infected("Eicar-Signature".into()));
        assert!(verdict("INSTREAM size limit exceeded. ERROR\0").is_err());
        assert!(verdict("").is_err());
        assert!(verdict("stream: OK FOUND? no").is_err());
    }
}
