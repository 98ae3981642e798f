//! Fee payment: attempts in the `payments` table, one open at a time, moved only as
//! `domain::payment_state` allows. The fee is computed here from the application's fee
//! category and the day (`domain::fees`); the browser never names an amount. The browser's
//! return and the provider's callback may come in any order, more than once, or at once: each
//! is checked (signature, then amount, currency and reference against the stored order) and
//! applied in one transaction that locks the application's row (PostgreSQL; SQLite's write
//! transaction holds the database), so exactly one attempt becomes the paid one. A success
//! of another attempt after that is recorded and flagged for refund.

pub mod provider;
pub mod signature;
pub mod test_provider;
pub mod web;

use crate::domain::fees;
use crate::domain::payment_state::{PaymentState, ProviderStatus};
use crate::forms::derive;
use crate::server::applications::drafts::Draft;
use crate::server::db;
use crate::server::sending::{self, PaidRecord, Sent};
use crate::server::AppState;
use provider::{Order, Report};

/// The provider `config` names, or the built-in test provider on the portal's own address
/// (with the keys its server and the client share, derived from the secret key).
pub fn open(
    config: &crate::server::config::Config,
    secrets: &crate::server::secrets::SecretBox,
    clock: &crate::server::clock::Clock,
) -> anyhow::Result<(std::sync::Arc<dyn provider::Provider>, Option<test_provider::Keys>)> {
    Ok(match &config.payment {
        Some(settings) => {
            let client = provider::Paytrail::new(&settings.url, &settings.merchant, &settings.secret.0, clock.clone())?;
            (std::sync::Arc::new(client), None)
        }
        None => {
            let keys = test_provider::Keys {
                merchant: "portal-test".into(),
                secret: secrets.keyed_hash("payments", "test-provider"),
            };
            let base = format!("{}/test-provider", config.public_url);
            let client = provider::Paytrail::new(&base, &keys.merchant, &keys.secret, clock.clone())?;
            (std::sync::Arc::new(client), Some(keys))
        }
    })
}

/// How long an attempt stays open before it expires (unless the provider says it was paid).
pub const ATTEMPT_SECONDS: i64 = 60 * 60;

/// One payment attempt, as its row has it.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Payment {
    pub id: i64,
    pub public_id: String,
    pub application_id: i64,
    pub state: String,
    pub amount_cents: i64,
    pub currency: String,
    pub reference: String,
    pub fee_category: String,
    pub transaction_id: Option<String>,
    pub href: Option<String>,
    pub refund_due: i64,
    /// The Business ID of the organisation whose user paid, when not the applicant.
    pub payer_organisation: Option<String>,
    pub created_at: i64,
    pub expires_at: i64,
    pub paid_at: Option<i64>,
    /// 1 once the provider reported the open attempt as on its way but not yet confirmed.
    pub confirming: i64,
    /// The language the payer was using.
    pub language: Option<String>,
    /// Which provider took it (`paytrail`, `test`).
    pub provider: String,
}

impl Payment {
    pub fn state(&self) -> PaymentState {
        PaymentState::from_code(&self.state).unwrap_or(PaymentState::Failed)
    }

    /// What the application is sent with once this attempt is paid: as recorded, nothing
    /// filled in (an id or time missing stops the delivery, `case_backend::deliver`).
    fn paid_record(&self) -> PaidRecord {
        PaidRecord {
            provider: self.provider.clone(),
            transaction_id: self.transaction_id.clone(),
            reference: self.reference.clone(),
            amount_cents: self.amount_cents,
            currency: self.currency.clone(),
            fee_category: self.fee_category.clone(),
            paid_at: self.paid_at,
            organisation: self.payer_organisation.clone(),
            language: self.language.as_deref().and_then(crate::i18n::Lang::from_code),
        }
    }
}

const COLUMNS: &str = "id, public_id, application_id, state, amount_cents, currency, reference, fee_category,
    transaction_id, href, refund_due, payer_organisation, created_at, expires_at, paid_at, confirming, language, provider";

/// The application's newest attempt that counts: the paid one if any, else the newest.
pub async fn current(state: &AppState, application_id: i64) -> anyhow::Result<Option<Payment>> {
    Ok(sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM payments WHERE application_id = $1
         ORDER BY CASE WHEN state = 'paid' AND refund_due = 0 THEN 0 ELSE 1 END, id DESC LIMIT 1"
    ))
    .bind(application_id)
    .fetch_optional(&state.db)
    .await?)
}

/// Sends `user_id`'s application `public_id`, in `lang`: the Send button, for an application
/// declared and paid but not sent (one paid before sending followed payment).
pub async fn send_now(
    state: &AppState,
    user_id: i64,
    public_id: &str,
    lang: crate::i18n::Lang,
) -> anyhow::Result<Sent> {
    let mut tx = db::begin_write(&state.db).await?;
    let Some(held) = crate::server::applications::drafts::hold_owned(
        &mut tx,
        crate::server::applications::Owner::Person(user_id),
        public_id,
    )
    .await?
    else {
        return Ok(Sent::NotFound);
    };
    let paid: Option<Payment> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM payments WHERE application_id = $1 AND state = 'paid' AND refund_due = 0"
    ))
    .bind(held.id)
    .fetch_optional(&mut *tx)
    .await?;
    let sent = match paid {
        Some(paid) => sending::send_held(state, &mut tx, held, paid.paid_record(), Some(lang)).await?,
        None if held.state == crate::domain::application_state::ApplicationState::Sent => Sent::Already,
        None => Sent::NotReady,
    };
    tx.commit().await?;
    if sent == Sent::Now {
        state.queue.ring();
    }
    Ok(sent)
}

/// The application's current payment attempt, as its pages show it (see
/// `applications::Parts`); with `refresh`, an open attempt is first asked of the provider.
pub const PAYMENT_PART: crate::server::applications::PaymentPart =
    |state, application_id, refresh| Box::pin(shown_payment(state, application_id, refresh));

async fn shown_payment(
    state: &AppState,
    application_id: i64,
    refresh: bool,
) -> anyhow::Result<Option<crate::page_data::PaymentView>> {
    let payment =
        if refresh { self::refresh(state, application_id).await? } else { current(state, application_id).await? };
    Ok(payment.map(|payment| {
        let state = payment.state();
        let paid_day = payment.paid_at.map(crate::domain::date::Date::from_unix_seconds);
        crate::page_data::PaymentView {
            state,
            amount_cents: u32::try_from(payment.amount_cents).unwrap_or_default(),
            basis: paid_day.map(|day| fees::basis_on(day).to_string()),
            category: payment.fee_category,
            organisation: payment.payer_organisation,
            paid_on: paid_day.map(|day| day.display()),
            href: payment.href.filter(|_| state.is_open()),
            confirming: state.is_open() && payment.confirming == 1,
        }
    }))
}

/// The applicant's payments in their data download: every attempt of each of their
/// applications. Nothing to forget of its own: an unsent application's attempts go with it,
/// and a paid fee's record is bookkeeping that the law keeps.
pub const PERSONAL_DATA: crate::server::personal_data::Holder = crate::server::personal_data::Holder {
    name: "payments",
    export: |pool, user_id| Box::pin(export(pool, user_id)),
    forget: |_, _| Box::pin(async { Ok(()) }),
};

/// A payment attempt as the data download shows it.
#[derive(serde::Serialize)]
struct PaymentData {
    reference: String,
    state: String,
    amount_cents: i64,
    currency: String,
    fee_category: String,
    provider_transaction: Option<String>,
    paid_by_organisation: Option<String>,
    refund_due: bool,
    created_at: i64,
    paid_at: Option<i64>,
}

async fn export(pool: &db::Pool, user_id: i64) -> anyhow::Result<serde_json::Value> {
    let mut found = Vec::new();
    for application in
        crate::server::applications::drafts::list(pool, crate::server::applications::Owner::Person(user_id)).await?
    {
        let attempts: Vec<Payment> =
            sqlx::query_as(&format!("SELECT {COLUMNS} FROM payments WHERE application_id = $1 ORDER BY id"))
                .bind(application.id)
                .fetch_all(pool)
                .await?;
        found.extend(attempts.into_iter().map(|payment| PaymentData {
            reference: payment.reference,
            state: payment.state,
            amount_cents: payment.amount_cents,
            currency: payment.currency,
            fee_category: payment.fee_category,
            provider_transaction: payment.transaction_id,
            paid_by_organisation: payment.payer_organisation,
            refund_due: payment.refund_due == 1,
            created_at: payment.created_at,
            paid_at: payment.paid_at,
        }));
    }
    Ok(serde_json::to_value(found)?)
}

async fn by_public_id(state: &AppState, public_id: &str) -> anyhow::Result<Option<Payment>> {
    Ok(sqlx::query_as(&format!("SELECT {COLUMNS} FROM payments WHERE public_id = $1"))
        .bind(public_id)
        .fetch_optional(&state.db)
        .await?)
}

/// The attempts paid after another one was: to be refunded (for the staff's page).
pub async fn refunds_due(state: &AppState) -> anyhow::Result<Vec<Payment>> {
    Ok(sqlx::query_as(&format!("SELECT {COLUMNS} FROM payments WHERE refund_due = 1 ORDER BY paid_at DESC LIMIT 100"))
        .fetch_all(&state.db)
        .await?)
}

/// What asking to pay came to.
#[derive(Debug, PartialEq, Eq)]
pub enum Started {
    /// To the provider's page.
    Pay(String),
    AlreadyPaid,
    /// The application is not waiting for its fee, or has none.
    NotPayable,
    /// The provider could not take the order; nothing was charged.
    Unavailable,
}

/// The fee of `draft` today, by the fee category its answers give; None when it has none.
pub fn fee_of(state: &AppState, draft: &Draft) -> Option<fees::Price> {
    let def = state.catalogue.form(&draft.kind, u32::try_from(draft.version).ok()?)?;
    let today = state.clock.today();
    derive::fee_category(def, &draft.answers, today).and_then(|category| fees::price_on(category, today))
}

/// Who pays: the applicant's account, or a user acting for an organisation (the Business ID
/// is recorded; the user is only the provider's contact).
#[derive(Clone, Copy)]
pub struct Payer<'a> {
    pub user: &'a crate::server::identity::User,
    pub organisation: Option<crate::domain::business_id::BusinessId>,
}

/// The payer asks to pay `draft`'s fee, in `lang` (or to start again, `anew`): the open attempt is
/// continued; with `anew`, or once it has expired, the provider is asked first, and a new
/// attempt starts unless it was paid.
pub async fn start(
    state: &AppState,
    draft: &Draft,
    payer: Payer<'_>,
    lang: crate::i18n::Lang,
    anew: bool,
) -> anyhow::Result<Started> {
    use crate::domain::application_state::ApplicationState;
    if draft.state != ApplicationState::ReadyToPay {
        return Ok(Started::NotPayable);
    }
    if let Some(open) = refresh(state, draft.id).await? {
        match open.state() {
            PaymentState::Paid => return Ok(Started::AlreadyPaid),
            open_state if open_state.is_open() && !anew => {
                if let Some(href) = open.href {
                    return Ok(Started::Pay(href));
                }
            }
            open_state if open_state.is_open() => {
                close(state, &open, PaymentState::Cancelled).await?;
            }
            _ => {}
        }
    }
    let Some(price) = fee_of(state, draft) else { return Ok(Started::NotPayable) };
    let Some(reference) = &draft.reference else { return Ok(Started::NotPayable) };
    let public_id = hex::encode(rand::random::<[u8; 16]>());
    let now = state.clock.now();
    let inserted = sqlx::query(
        "INSERT INTO payments (public_id, application_id, state, amount_cents, currency, reference, fee_category,
           provider, payer_user_id, payer_organisation, created_at, updated_at, expires_at, language)
         VALUES ($1, $2, 'created', $3, 'EUR', $4, $5, 'paytrail', $6, $10, $7, $7, $8, $9)
         ON CONFLICT DO NOTHING",
    )
    .bind(&public_id)
    .bind(draft.id)
    .bind(i64::from(price.cents))
    .bind(reference)
    .bind(price.category)
    .bind(payer.user.id)
    .bind(now)
    .bind(now + ATTEMPT_SECONDS)
    .bind(lang.code())
    .bind(payer.organisation.map(String::from))
    .execute(&state.db)
    .await?;
    if inserted.rows_affected() == 0 {
        // Another tab started one at the same moment: continue that one.
        return Ok(match current(state, draft.id).await?.and_then(|p| p.href) {
            Some(href) => Started::Pay(href),
            None => Started::Unavailable,
        });
    }
    let order = Order {
        stamp: &public_id,
        reference,
        amount_cents: i64::from(price.cents),
        currency: "EUR",
        // The provider's page in the language the applicant is using the portal in.
        language: &lang.code().to_uppercase(),
        product: price.category,
        email: &payer.user.email,
        return_base: &format!("{}/payments/{public_id}", state.config.public_url),
    };
    match state.payments.create(&order).await {
        Ok(created) => {
            sqlx::query(
                "UPDATE payments SET state = 'pending', transaction_id = $1, href = $2, updated_at = $3
                 WHERE public_id = $4 AND state = 'created'",
            )
            .bind(&created.transaction_id)
            .bind(&created.href)
            .bind(state.clock.now())
            .bind(&public_id)
            .execute(&state.db)
            .await?;
            Ok(Started::Pay(created.href))
        }
        Err(error) => {
            tracing::error!(%error, "the payment provider did not take an order");
            if let Some(payment) = by_public_id(state, &public_id).await? {
                close(state, &payment, PaymentState::Failed).await?;
            }
            Ok(Started::Unavailable)
        }
    }
}

/// Moves an open attempt to `to` (failed, cancelled, expired), unless it moved meanwhile.
async fn close(state: &AppState, payment: &Payment, to: PaymentState) -> anyhow::Result<()> {
    sqlx::query("UPDATE payments SET state = $1, updated_at = $2 WHERE id = $3 AND state IN ('created', 'pending')")
        .bind(to.code())
        .bind(state.clock.now())
        .bind(payment.id)
        .execute(&state.db)
        .await?;
    Ok(())
}

/// The application's current attempt, with its true state: an open one is asked of the
/// provider (the payer may have paid and closed the tab), and expires once past its time
/// unpaid.
pub async fn refresh(state: &AppState, application_id: i64) -> anyhow::Result<Option<Payment>> {
    let Some(payment) = current(state, application_id).await? else { return Ok(None) };
    if !payment.state().is_open() {
        return Ok(Some(payment));
    }
    if let Some(transaction) = &payment.transaction_id {
        match state.payments.status(transaction).await {
            Ok(report) => {
                if apply(state, &payment.public_id, &report, Via::Status).await? == Applied::Mismatch {
                    crate::server::audit::record_payment(
                        &state.db,
                        crate::server::audit::Event::PaymentRefused,
                        "mismatch",
                    )
                    .await?;
                }
            }
            Err(error) => tracing::warn!(%error, "could not ask the payment provider for a status"),
        }
    }
    let payment = by_public_id(state, &payment.public_id).await?.unwrap_or(payment);
    if payment.state().is_open() && state.clock.now() > payment.expires_at {
        close(state, &payment, PaymentState::Expired).await?;
    }
    by_public_id(state, &payment.public_id).await
}

/// Where a report of the provider came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Via {
    /// The payer's browser, back from the provider.
    Return,
    /// The provider, server to server.
    Callback,
    /// The portal asked.
    Status,
}

/// What applying a report came to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Applied {
    /// The attempt is now (or already was) in this state.
    State(PaymentState),
    /// It does not match the order it claims to be about: refused and logged.
    Mismatch,
    NoSuchPayment,
}

/// Applies what the provider says of attempt `public_id`, once its signature held.
pub async fn apply(state: &AppState, public_id: &str, report: &Report, via: Via) -> anyhow::Result<Applied> {
    let mut tx = db::begin_write(&state.db).await?;
    let application: Option<i64> = sqlx::query_scalar("SELECT application_id FROM payments WHERE public_id = $1")
        .bind(public_id)
        .fetch_optional(&mut *tx)
        .await?;
    // The application's row first: attempts of one application are applied one at a time.
    let held = match application {
        Some(application) => crate::server::applications::drafts::hold(&mut tx, application).await?,
        None => None,
    };
    let Some(held) = held else { return Ok(Applied::NoSuchPayment) };
    let payment: Payment = sqlx::query_as(&format!("SELECT {COLUMNS} FROM payments WHERE public_id = $1"))
        .bind(public_id)
        .fetch_one(&mut *tx)
        .await?;
    let matches = report.stamp == payment.public_id
        && report.amount_cents == payment.amount_cents
        && report.currency == payment.currency
        && report.reference == payment.reference
        && payment.transaction_id.as_deref().is_none_or(|id| id == report.transaction_id);
    if !matches {
        drop(tx);
        tracing::warn!(payment = payment.id, ?via, "a payment report did not match its order");
        return Ok(Applied::Mismatch);
    }
    let now_state = payment.state();
    if report.status == ProviderStatus::Pending && now_state.is_open() && payment.confirming == 0 {
        // The money is on its way: the payer is told to wait rather than pay again (B22).
        sqlx::query("UPDATE payments SET confirming = 1 WHERE id = $1").bind(payment.id).execute(&mut *tx).await?;
    }
    let Some(next) = now_state.after(report.status) else {
        tx.commit().await?;
        return Ok(Applied::State(now_state));
    };
    if next == PaymentState::Paid {
        let other_paid: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM payments WHERE application_id = $1 AND id <> $2 AND state = 'paid' AND refund_due = 0",
        )
        .bind(held.id)
        .bind(payment.id)
        .fetch_one(&mut *tx)
        .await?;
        let refund_due = i64::from(other_paid > 0);
        let paid_at = state.clock.now();
        sqlx::query(
            "UPDATE payments SET state = 'paid', refund_due = $1, paid_at = $2, updated_at = $2 WHERE id = $3 AND state <> 'paid'",
        )
        .bind(refund_due)
        .bind(paid_at)
        .bind(payment.id)
        .execute(&mut *tx)
        .await?;
        // Paid means sent: the delivery is queued on this same transaction, so no confirmed
        // payment can leave its application waiting for a click.
        let paid = PaidRecord { paid_at: Some(paid_at), ..payment.paid_record() };
        let sent = refund_due == 0 && sending::send_held(state, &mut tx, held, paid, None).await? == Sent::Now;
        tx.commit().await?;
        if sent {
            state.queue.ring();
        }
        let event = if refund_due == 1 {
            crate::server::audit::Event::PaymentRefundDue
        } else {
            crate::server::audit::Event::PaymentPaid
        };
        crate::server::audit::record_payment(&state.db, event, via.code()).await?;
        return Ok(Applied::State(PaymentState::Paid));
    }
    sqlx::query("UPDATE payments SET state = $1, updated_at = $2 WHERE id = $3 AND state = $4")
        .bind(next.code())
        .bind(state.clock.now())
        .bind(payment.id)
        .bind(now_state.code())
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(Applied::State(next))
}

impl Via {
    pub fn code(self) -> &'static str {
        match self {
            Via::Return => "return",
            Via::Callback => "callback",
            Via::Status => "status",
        }
    }
}
