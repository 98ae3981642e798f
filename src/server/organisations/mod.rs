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

/// Records that `user_id` began to act for `organisation` (e-Authorizations allowed it):
/// the organisation's reminders go to the users who have.
pub async fn acted(
    pool: &crate::server::db::Pool,
    clock: &crate::server::clock::Clock,
    organisation: crate::domain::business_id::BusinessId,
    user_id: i64,
) -> anyhow::Result<()> {
    sqlx::query(
        "INSERT INTO organisation_users (business_id, user_id, acted_at) VALUES ($1, $2, $3)
         ON CONFLICT (business_id, user_id) DO UPDATE SET acted_at = $3",
    )
    .bind(organisation.as_str())
    .bind(user_id)
    .bind(clock.now())
    .execute(pool)
    .await?;
    Ok(())
}

/// The users who have acted for `organisation`, in `tx`.
pub async fn users_of(
    tx: &mut crate::server::db::Tx,
    organisation: crate::domain::business_id::BusinessId,
) -> anyhow::Result<Vec<i64>> {
    Ok(sqlx::query_scalar("SELECT user_id FROM organisation_users WHERE business_id = $1 ORDER BY user_id")
        .bind(organisation.as_str())
        .fetch_all(&mut **tx)
        .await?)
}

/// Reminds, once, the users who have acted for an organisation of each employee's
/// application whose terms it has not sent: `days` days after the application was sent, or
/// one day after for a fast-track application (its terms are due in two). The message names
/// the service's address as text; nothing of the employee (scheduled job `remind-employers`).
pub async fn remind(state: &crate::server::AppState, days: i64) -> anyhow::Result<u64> {
    const FAST_TRACK_DAYS: i64 = 1;
    let now = state.clock.now_millis();
    let day = 86_400_000;
    let mut reminded = 0;
    for task in
        crate::server::applications::links::awaiting_terms(&state.db, now - FAST_TRACK_DAYS.min(days) * day).await?
    {
        let wait = if task.fast_track() { FAST_TRACK_DAYS } else { days };
        if task.sent_at > now - wait * day {
            continue;
        }
        let mut tx = crate::server::db::begin_write(&state.db).await?;
        // Marked in the transaction that queues the messages: another instance's run finds it
        // marked, and the messages go once.
        if !crate::server::applications::links::mark_reminded(&mut tx, &state.clock, task.application_id).await? {
            continue;
        }
        let users = users_of(&mut tx, task.organisation).await?;
        for user_id in users {
            let (email, language) = crate::server::accounts::users::contact(&mut tx, user_id).await?;
            let mail = crate::server::mail::Letter::new(&email, language, crate::server::mail::Kind::EmployerTask, &[]);
            crate::server::mail::queue_on(&mut tx, state, mail).await?;
        }
        tx.commit().await?;
        reminded += 1;
    }
    if reminded > 0 {
        state.queue.ring();
    }
    Ok(reminded)
}
