//! The client of Suomi.fi e-Authorizations' Web API ([`Valtuudet`]): the portal's side of an
//! employer's choice to act for an organisation. The same client talks to the real service
//! and to the built-in test server (`super::test_server`).

use super::protocol::{self, Authorization, OrganizationRole, Registered, Token};
use crate::server::clock::Clock;

/// Why a mandate could not be checked: the service could not be reached, refused the portal's
/// call, or answered what is not the protocol's (an expired session among them).
#[derive(Debug)]
pub struct Unavailable(pub String);

/// The questions the portal asks about an employer's mandates.
#[async_trait::async_trait]
pub trait Mandates: Send + Sync {
    /// Where the browser is sent to choose (for the CSP's `form-action`).
    fn origin(&self) -> &str;
    /// Starts a session for the person with `identity_code`.
    async fn register(&self, identity_code: &str) -> Result<Registered, Unavailable>;
    /// Where the browser chooses the organisation, and comes back to `redirect_uri` with a
    /// code and `state`.
    fn authorize_url(&self, user_id: &str, redirect_uri: &str, state: &str, lang: &str) -> String;
    /// The access token for the code the browser came back with.
    async fn token(&self, code: &str, redirect_uri: &str) -> Result<String, Unavailable>;
    /// The organisation chosen in the session, with the person's roles in it.
    async fn organization_roles(&self, session_id: &str, token: &str) -> Result<Vec<OrganizationRole>, Unavailable>;
    /// Whether the person may act for `business_id` in the portal's matter: only `ALLOWED` is yes.
    async fn allowed(&self, session_id: &str, token: &str, business_id: &str) -> Result<bool, Unavailable>;
}

/// The Web API's client: every call with its checksum; certificates verified, no redirect
/// followed.
pub struct Valtuudet {
    base: String,
    client_id: String,
    key: String,
    oauth_password: String,
    http: reqwest::Client,
    clock: Clock,
}

impl Valtuudet {
    pub fn new(base: &str, client_id: &str, key: &str, oauth_password: &str, clock: Clock) -> anyhow::Result<Self> {
        let http = reqwest::Client::builder()
            .timeout(std::time::Duration::from_secs(15))
            .redirect(reqwest::redirect::Policy::none())
            .build()?;
        Ok(Valtuudet {
            base: base.trim_end_matches('/').to_string(),
            client_id: client_id.into(),
            key: key.into(),
            oauth_password: oauth_password.into(),
            http,
            clock,
        })
    }

    /// The path of `path` at the service, as the checksum covers it (a base URL's own path
    /// first).
    fn signed_path(&self, path: &str) -> String {
        let prefix = url::Url::parse(&self.base).map(|url| url.path().trim_end_matches('/').to_string());
        format!("{}{path}", prefix.unwrap_or_default())
    }

    /// `GET path` with the checksum (and `bearer`'s token): the answer as `T`.
    async fn get<T: serde::de::DeserializeOwned>(&self, path: &str, bearer: Option<&str>) -> Result<T, Unavailable> {
        let time = crate::domain::date::iso_time(self.clock.now());
        let header = protocol::checksum(&self.client_id, &self.key, &self.signed_path(path), &time);
        let mut request = self.http.get(format!("{}{path}", self.base)).header(protocol::HEADER, header);
        if let Some(token) = bearer {
            request = request.bearer_auth(token);
        }
        answer(request.send().await).await
    }
}

/// The JSON of a successful answer.
async fn answer<T: serde::de::DeserializeOwned>(sent: reqwest::Result<reqwest::Response>) -> Result<T, Unavailable> {
    let response = sent.map_err(|error| Unavailable(format!("not reached: {error}")))?;
    let status = response.status();
    if !status.is_success() {
        return Err(Unavailable(format!("answered {status}")));
    }
    let body = response.bytes().await.map_err(|_| Unavailable("the answer broke off".into()))?;
    serde_json::from_slice(&body).map_err(|_| Unavailable("answered what is not the protocol's".into()))
}

/// A request id: the service logs each call by one.
fn request_id() -> String {
    hex::encode(rand::random::<[u8; 8]>())
}

#[async_trait::async_trait]
impl Mandates for Valtuudet {
    fn origin(&self) -> &str {
        crate::server::config::origin_of(&self.base)
    }

    async fn register(&self, identity_code: &str) -> Result<Registered, Unavailable> {
        let path = format!("/service/ypa/user/register/{}/{identity_code}?requestId={}", self.client_id, request_id());
        self.get(&path, None).await
    }

    fn authorize_url(&self, user_id: &str, redirect_uri: &str, state: &str, lang: &str) -> String {
        let mut url = url::Url::parse(&format!("{}/oauth/authorize", self.base)).expect("the service's address");
        url.query_pairs_mut()
            .append_pair("client_id", &self.client_id)
            .append_pair("response_type", "code")
            .append_pair("redirect_uri", redirect_uri)
            .append_pair("user", user_id)
            .append_pair("state", state)
            .append_pair("lang", lang);
        url.to_string()
    }

    async fn token(&self, code: &str, redirect_uri: &str) -> Result<String, Unavailable> {
        let path = "/oauth/token";
        let time = crate::domain::date::iso_time(self.clock.now());
        let header = protocol::checksum(&self.client_id, &self.key, &self.signed_path(path), &time);
        let sent = self
            .http
            .post(format!("{}{path}", self.base))
            .basic_auth(&self.client_id, Some(&self.oauth_password))
            .header(protocol::HEADER, header)
            .form(&[("grant_type", "authorization_code"), ("code", code), ("redirect_uri", redirect_uri)])
            .send()
            .await;
        answer::<Token>(sent).await.map(|token| token.access_token)
    }

    async fn organization_roles(&self, session_id: &str, token: &str) -> Result<Vec<OrganizationRole>, Unavailable> {
        let path = format!("/service/ypa/api/organizationRoles/{session_id}?requestId={}", request_id());
        self.get(&path, Some(token)).await
    }

    async fn allowed(&self, session_id: &str, token: &str, business_id: &str) -> Result<bool, Unavailable> {
        let path = format!(
            "/service/ypa/api/authorization/{session_id}/{business_id}?requestId={}&issue={}",
            request_id(),
            protocol::ISSUE
        );
        let answer: Authorization = self.get(&path, Some(token)).await?;
        Ok(answer.result == "ALLOWED")
    }
}
