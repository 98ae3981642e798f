//! Secrets kept at rest (the authenticator apps' TOTP secrets), sealed with XChaCha20-Poly1305
//! under a key from configuration, so a copy of the database alone does not let anyone make
//! a user's login codes.
//!
//! A sealed value is `v1.{key id}.{hex of nonce and ciphertext}`. The key id (the first eight
//! hex digits of the key's SHA-256) says which key sealed it, so keys can be rotated: put the
//! new key in `PORTAL_SECRET_KEY` and the old one in `PORTAL_SECRET_KEYS_PREVIOUS`; values
//! sealed with either open, and `portal admin reseal-secrets` seals every value again with the
//! new key, after which the old key can go. Each value is bound to what it is for (for TOTP
//! secrets, the account), so a sealed value copied to another row does not open there.

use super::config::Config;
use anyhow::{bail, Context};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hmac::{Hmac, Mac};
use rand::Rng;
use sha2::{Digest, Sha256};

const VERSION: &str = "v1";
const NONCE_BYTES: usize = 24;

/// A 256-bit key and its id.
#[derive(Clone)]
struct Key {
    id: String,
    cipher: XChaCha20Poly1305,
    /// The key of [`SecretBox::keyed_hash`], derived from the same bytes.
    mac: [u8; 32],
}

impl Key {
    fn from_hex(hex_key: &str) -> anyhow::Result<Key> {
        let bytes = hex::decode(hex_key.trim()).context("a secret key is 64 hexadecimal digits")?;
        if bytes.len() != 32 {
            bail!("a secret key is 64 hexadecimal digits (32 bytes), not {}", bytes.len() * 2);
        }
        let id = hex::encode(&Sha256::digest(&bytes)[..4]);
        let mac = Sha256::new().chain_update(b"portal keyed hash\0").chain_update(&bytes).finalize().into();
        Ok(Key { id, cipher: XChaCha20Poly1305::new_from_slice(&bytes).expect("a 32-byte key"), mac })
    }
}

/// The keys that seal and open secrets: the current one, and older ones that only open.
#[derive(Clone)]
pub struct SecretBox {
    current: Key,
    previous: Vec<Key>,
}

impl std::fmt::Debug for SecretBox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SecretBox(current {}, {} previous)", self.current.id, self.previous.len())
    }
}

impl SecretBox {
    /// From the current key and any previous ones, each 64 hexadecimal digits.
    pub fn new(current: &str, previous: &[&str]) -> anyhow::Result<SecretBox> {
        Ok(SecretBox {
            current: Key::from_hex(current)?,
            previous: previous.iter().map(|key| Key::from_hex(key)).collect::<anyhow::Result<_>>()?,
        })
    }

    /// The keys of `config`, or for a local run a key of its own, made once and kept in the data
    /// directory (readable by its owner only). Production must configure its key.
    pub fn from_config(config: &Config) -> anyhow::Result<SecretBox> {
        let previous: Vec<&str> = config.previous_secret_keys.iter().map(|key| key.0.as_str()).collect();
        let current = match &config.secret_key {
            Some(key) => key.0.clone(),
            None => {
                let path = config.data_dir.join("secret.key");
                if !path.exists() {
                    std::fs::create_dir_all(&config.data_dir)?;
                    write_private(&path, &SecretBox::new_key())?;
                }
                std::fs::read_to_string(&path)?
            }
        };
        SecretBox::new(&current, &previous).context("PORTAL_SECRET_KEY")
    }

    /// A new random key, as 64 hexadecimal digits.
    pub fn new_key() -> String {
        hex::encode(rand::rng().random::<[u8; 32]>())
    }

    /// Seals `secret` for `purpose` (e.g. `totp:42`) under the current key.
    pub fn seal(&self, secret: &str, purpose: &str) -> String {
        let nonce: [u8; NONCE_BYTES] = rand::rng().random();
        let sealed = self
            .current
            .cipher
            .encrypt(XNonce::from_slice(&nonce), Payload { msg: secret.as_bytes(), aad: purpose.as_bytes() })
            .expect("sealing a short secret cannot fail");
        format!("{VERSION}.{}.{}{}", self.current.id, hex::encode(nonce), hex::encode(sealed))
    }

    /// Opens a value sealed for `purpose` with the current or a previous key.
    pub fn open(&self, sealed: &str, purpose: &str) -> anyhow::Result<String> {
        let mut parts = sealed.splitn(3, '.');
        let (Some(VERSION), Some(id), Some(body)) = (parts.next(), parts.next(), parts.next()) else {
            bail!("not a sealed value");
        };
        let key = std::iter::once(&self.current)
            .chain(&self.previous)
            .find(|key| key.id == id)
            .with_context(|| format!("no key {id} to open a sealed value: is PORTAL_SECRET_KEYS_PREVIOUS set?"))?;
        let bytes = hex::decode(body).context("a sealed value is hexadecimal")?;
        if bytes.len() < NONCE_BYTES {
            bail!("a sealed value is too short");
        }
        let (nonce, ciphertext) = bytes.split_at(NONCE_BYTES);
        let opened = key
            .cipher
            .decrypt(XNonce::from_slice(nonce), Payload { msg: ciphertext, aad: purpose.as_bytes() })
            .map_err(|_| anyhow::anyhow!("a sealed value does not open: altered, or for something else"))?;
        Ok(String::from_utf8(opened)?)
    }

    /// A keyed hash (HMAC-SHA256 under the current key) of `value` for `purpose`, in hex: what
    /// the database keeps where it must recognise a value it must not hold in the clear (the
    /// address a rate limit counts). Without the key, a copy of the database does not tell
    /// which addresses were tried.
    pub fn keyed_hash(&self, purpose: &str, value: &str) -> String {
        hash_with(&self.current, purpose, value)
    }

    /// The keyed hashes of `value` for `purpose` under every key, the current one first: what
    /// finds a value hashed before the key was rotated.
    pub fn keyed_hashes(&self, purpose: &str, value: &str) -> Vec<String> {
        std::iter::once(&self.current).chain(&self.previous).map(|key| hash_with(key, purpose, value)).collect()
    }

    /// Whether `given` (hex) is the keyed hash of `value` for `purpose` under any key,
    /// compared in constant time: what checks a signature the portal gave out (a form's token).
    pub fn verify_keyed_hash(&self, purpose: &str, value: &str, given: &str) -> bool {
        let Ok(given) = hex::decode(given) else { return false };
        std::iter::once(&self.current)
            .chain(&self.previous)
            .any(|key| mac(key, purpose, value).verify_slice(&given).is_ok())
    }

    /// Whether `value` is sealed under the current key (else it needs sealing again).
    pub fn is_current(&self, value: &str) -> bool {
        value.starts_with(&self.current_prefix())
    }

    /// How every value sealed under the current key begins.
    pub fn current_prefix(&self) -> String {
        format!("{VERSION}.{}.", self.current.id)
    }
}

/// The HMAC of `value` for `purpose` under `key`, before it is finalised.
fn mac(key: &Key, purpose: &str, value: &str) -> Hmac<Sha256> {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&key.mac).expect("HMAC takes any key length");
    mac.update(purpose.as_bytes());
    mac.update(b"\0");
    mac.update(value.as_bytes());
    mac
}

fn hash_with(key: &Key, purpose: &str, value: &str) -> String {
    hex::encode(mac(key, purpose, value).finalize().into_bytes())
}

/// Writes a file that only its owner may read.
fn write_private(path: &std::path::Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)?.write_all(text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_secret_opens_only_for_its_purpose_and_with_its_key() {
        let old = SecretBox::new(&SecretBox::new_key(), &[]).unwrap();
        let sealed = old.seal("JBSWY3DPEHPK3PXP", "totp:1");
        assert!(!sealed.contains("JBSWY3DPEHPK3PXP"));
        assert_ne!(sealed, old.seal("JBSWY3DPEHPK3PXP", "totp:1"), "a fresh nonce every time");
        assert_eq!(old.open(&sealed, "totp:1").unwrap(), "JBSWY3DPEHPK3PXP");
        assert!(old.open(&sealed, "totp:2").is_err(), "not on another account's row");
        // Its last two digits changed (to "00", or "11" where they were "00": a change either way).
        let mut altered = sealed.clone();
        let tail = if sealed.ends_with("00") { "11" } else { "00" };
        altered.replace_range(altered.len() - 2.., tail);
        assert!(old.open(&altered, "totp:1").is_err());
        assert!(old.open("JBSWY3DPEHPK3PXP", "totp:1").is_err(), "a plain value is no sealed value");
    }

    #[test]
    fn keys_rotate_without_losing_what_the_old_key_sealed() {
        let (old_key, new_key) = (SecretBox::new_key(), SecretBox::new_key());
        let old = SecretBox::new(&old_key, &[]).unwrap();
        let sealed = old.seal("secret", "totp:1");
        let rotated = SecretBox::new(&new_key, &[&old_key]).unwrap();
        assert!(!rotated.is_current(&sealed));
        assert_eq!(rotated.open(&sealed, "totp:1").unwrap(), "secret");
        assert!(rotated.is_current(&rotated.seal("secret", "totp:1")));
        assert!(SecretBox::new(&new_key, &[]).unwrap().open(&sealed, "totp:1").is_err(), "the old key is needed");
    }

    #[test]
    fn keyed_hashes_are_found_and_verified_across_a_rotation() {
        let (old_key, new_key) = (SecretBox::new_key(), SecretBox::new_key());
        let old = SecretBox::new(&old_key, &[]).unwrap();
        let hash = old.keyed_hash("message-code", "K7MX-43RN-CWPA");
        let rotated = SecretBox::new(&new_key, &[&old_key]).unwrap();
        let hashes = rotated.keyed_hashes("message-code", "K7MX-43RN-CWPA");
        assert_eq!(hashes.len(), 2);
        assert_eq!(hashes[1], hash, "the old key's hash is still found");
        assert!(rotated.verify_keyed_hash("message-code", "K7MX-43RN-CWPA", &hash));
        assert!(!rotated.verify_keyed_hash("report-form", "K7MX-43RN-CWPA", &hash), "bound to its purpose");
        assert!(!rotated.verify_keyed_hash("message-code", "K7MX-43RN-CWPB", &hash));
        assert!(!rotated.verify_keyed_hash("message-code", "K7MX-43RN-CWPA", "not hex"));
        assert!(!SecretBox::new(&new_key, &[]).unwrap().verify_keyed_hash("message-code", "K7MX-43RN-CWPA", &hash));
    }

    #[test]
    fn a_key_is_32_bytes_of_hex() {
        assert!(SecretBox::new("abcd", &[]).is_err());
        assert!(SecretBox::new(&"zz".repeat(32), &[]).is_err());
        assert!(SecretBox::new(&"ab".repeat(32), &[]).is_ok());
    }
}
