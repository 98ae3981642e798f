//! Suomi.fi e-Authorizations' Web API as both its client and its test server speak it: the
//! paths, the answers, and the checksum every call carries, `X-AsiointivaltuudetAuthorization:
//! {client id} {ISO-8601 time} {base64 HMAC-SHA256(key, path and query + " " + time)}`, refused
//! more than [`SKEW_SECONDS`] from the receiver's clock and compared in constant time.

use base64::Engine;
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;

pub const HEADER: &str = "x-asiointivaltuudetauthorization";
pub const SKEW_SECONDS: i64 = 5 * 60;
/// The mandate theme the portal asks about (employment-based immigration).
pub const ISSUE: &str = "employment-based-immigration";

/// `GET /service/ypa/user/register/{client id}/{identity code}?requestId=…`'s answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Registered {
    pub session_id: String,
    pub user_id: String,
}

/// One organisation of `GET /service/ypa/api/organizationRoles/{session id}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganizationRole {
    pub name: String,
    /// Its Business ID.
    pub identifier: String,
    pub roles: Vec<String>,
}

/// `GET /service/ypa/api/authorization/{session id}/{Business ID}?requestId=…&issue=…`'s
/// answer: `ALLOWED` or `DISALLOWED`, never why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Authorization {
    pub result: String,
}

/// `POST /oauth/token`'s answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    pub access_token: String,
    pub token_type: String,
}

fn mac(key: &str, path: &str, time: &str) -> Hmac<Sha256> {
    let mut mac = Hmac::<Sha256>::new_from_slice(key.as_bytes()).expect("HMAC takes a key of any length");
    mac.update(path.as_bytes());
    mac.update(b" ");
    mac.update(time.as_bytes());
    mac
}

/// The header's value for a call of `path` (with its query) at `time` (ISO-8601).
pub fn checksum(client_id: &str, key: &str, path: &str, time: &str) -> String {
    let digest = mac(key, path, time).finalize().into_bytes();
    format!("{client_id} {time} {}", base64::engine::general_purpose::STANDARD.encode(digest))
}

/// Why a call's checksum was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    Missing,
    UnknownClient,
    OutsideSkew,
    BadChecksum,
}

/// Checks `header` for a call of `path` by `client_id` (keyed `key`) at `now` (Unix seconds).
pub fn verify(header: Option<&str>, client_id: &str, key: &str, path: &str, now: i64) -> Result<(), Refusal> {
    let mut parts = header.ok_or(Refusal::Missing)?.split(' ');
    let (Some(client), Some(time), Some(given), None) = (parts.next(), parts.next(), parts.next(), parts.next()) else {
        return Err(Refusal::Missing);
    };
    if client != client_id {
        return Err(Refusal::UnknownClient);
    }
    let at = time.parse::<jiff::Timestamp>().map_err(|_| Refusal::OutsideSkew)?;
    if now.abs_diff(at.as_second()) > SKEW_SECONDS.unsigned_abs() {
        return Err(Refusal::OutsideSkew);
    }
    let given = base64::engine::general_purpose::STANDARD.decode(given).map_err(|_| Refusal::BadChecksum)?;
    mac(key, path, time).verify_slice(&given).map_err(|_| Refusal::BadChecksum)
}

/// Whether `a` and `b` are the same bytes, compared in constant time (through their HMACs).
pub fn same(a: &[u8], b: &[u8]) -> bool {
    let digest = |bytes: &[u8]| {
        let mut mac = Hmac::<Sha256>::new_from_slice(b"same bytes").expect("HMAC takes a key of any length");
        mac.update(bytes);
        mac
    };
    digest(a).verify_slice(&digest(b).finalize().into_bytes()).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A value computed with Python's `hmac` and `base64` over the same text, as another
    /// implementation would.
    #[test]
    fn the_checksum_matches_an_independent_implementation() {
        let header =
            checksum("portal", "avain", "/service/ypa/api/organizationRoles/s1?requestId=r1", "2026-12-06T12:00:00Z");
        assert_eq!(header, "portal 2026-12-06T12:00:00Z BuP5eQYswcvYdZq8CQG1VA0NItzHQ9WcMl2wfLy2rvo=");
    }

    #[test]
    fn a_checksum_is_refused_when_changed_late_or_someone_elses() {
        let path = "/service/ypa/user/register/portal/131052-308T?requestId=r1";
        let now = 1_796_558_400; // 2026-12-06T12:00:00Z
        let good = checksum("portal", "avain", path, "2026-12-06T12:00:00Z");
        assert_eq!(verify(Some(&good), "portal", "avain", path, now + 299), Ok(()));
        assert_eq!(verify(Some(&good), "portal", "avain", path, now + 301), Err(Refusal::OutsideSkew));
        assert_eq!(verify(Some(&good), "portal", "toinen", path, now), Err(Refusal::BadChecksum));
        assert_eq!(
            verify(Some(&good), "portal", "avain", &path.replace("308T", "309T"), now),
            Err(Refusal::BadChecksum)
        );
        assert_eq!(verify(Some(&good), "other", "avain", path, now), Err(Refusal::UnknownClient));
        assert_eq!(verify(None, "portal", "avain", path, now), Err(Refusal::Missing));
    }
}
