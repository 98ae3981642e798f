//! Employers acting for organisations. An employer's account *chooses* to act for one (never
//! sent there by logging in): the portal asks Suomi.fi e-Authorizations ([`client`], the
//! protocol in [`protocol`]) about the person of the account's verified identity code, the
//! person chooses the organisation in the service's own page, and the portal acts for it only
//! when the service answers `ALLOWED` for the portal's matter; the organisation's name is the
//! service's, never typed. Acting for it lasts the session, until the employer switches or
//! acts as themself again ([`web`]). In development and in every test the service is the
//! built-in [`test_server`] of the same protocol.

pub mod client;
pub mod protocol;
pub mod test_server;
pub mod web;

use std::sync::Arc;

/// The e-Authorizations client of `config`: the real service's, or the built-in test server's
/// on the portal's own address (with the keys they share, derived from the secret key).
pub fn open(
    config: &crate::server::config::Config,
    secrets: &crate::server::secrets::SecretBox,
    clock: &crate::server::clock::Clock,
) -> anyhow::Result<(Arc<dyn client::Mandates>, Option<test_server::Keys>)> {
    Ok(match &config.mandates {
        Some(settings) => {
            let client = client::Valtuudet::new(
                &settings.url,
                &settings.client_id,
                &settings.key.0,
                &settings.oauth_password.0,
                clock.clone(),
            )?;
            (Arc::new(client), None)
        }
        None => {
            let keys = test_keys(secrets);
            let base = format!("{}/test-mandates", config.public_url);
            let client =
                client::Valtuudet::new(&base, &keys.client_id, &keys.key, &keys.oauth_password, clock.clone())?;
            (Arc::new(client), Some(keys))
        }
    })
}

/// The keys the built-in test server and the portal's client share.
pub fn test_keys(secrets: &crate::server::secrets::SecretBox) -> test_server::Keys {
    test_server::Keys {
        client_id: "portal-test".into(),
        key: secrets.keyed_hash("mandates", "test-server-key"),
        oauth_password: secrets.keyed_hash("mandates", "test-server-oauth"),
    }
}
