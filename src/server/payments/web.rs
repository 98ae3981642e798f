//! The payment's routes: the applicant's "Pay" (to the provider's page), the payer's browser
//! coming back, and the provider's server-to-server callback. The last two are open to anyone:
//! what they carry is believed only once its signature holds and it matches the stored order;
//! anything else is refused and written to the audit log.

use super::{Applied, Started, Via};
use crate::domain::payment_state::PaymentState;
use crate::server::applications::drafts;
use crate::server::applications::Owner;
use crate::server::audit::Event;
use crate::server::error_page::ErrorKind;
use crate::server::sending::Sent;
use crate::server::web::routes::{Access, Route};
use crate::server::web::{Answer, Ctx, SignedIn};
use axum::extract::{Path, RawQuery};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Form;
use http::StatusCode;
use serde::Deserialize;

/// The payment routes, with who may reach each: the payment page with its "Pay", the receipt,
/// the Send button of an application paid before paying sent it, the provider's return and
/// callback, and the test provider's pages. The test provider's routes answer 404 unless it
/// is the provider.
pub fn routes() -> Vec<Route> {
    use super::test_provider;
    use crate::server::applications::web::{draft_page, payment_page};
    use axum::routing::{get, post};
    use Access::{Anyone, Applicant};
    vec![
        Route::page("/applications/{id}/payment", Applicant).load(payment_page).form(post(pay)),
        Route::page("/applications/{id}/receipt", Applicant).load(draft_page),
        Route::page("/applications/{id}/send", Applicant).load(draft_page).form(post(send)),
        Route::action("/payments/{payment}/return", Anyone, get(back)),
        Route::action("/payments/{payment}/callback", Anyone, get(callback)),
        Route::action("/test-provider/payments", Anyone, post(test_provider::create)),
        Route::action("/test-provider/payments/{transaction}", Anyone, get(test_provider::status)),
        Route::action("/test-provider/pay/{transaction}", Anyone, get(test_provider::page).post(test_provider::choose)),
    ]
}

#[derive(Deserialize)]
pub struct PayForm {
    /// Set: start a new attempt instead of continuing the open one.
    #[serde(default)]
    anew: Option<String>,
}

/// `POST /applications/{id}/payment`: to the provider's payment page.
pub async fn pay(ctx: Ctx, SignedIn(user): SignedIn, Path(id): Path<String>, Form(form): Form<PayForm>) -> Answer {
    let Some(draft) = drafts::find(&ctx.state.readers, Owner::from(&user), &id).await? else {
        return Ok(ctx.error_page(ErrorKind::NotFound));
    };
    let page = format!("/applications/{id}/payment");
    if form.anew.is_some() {
        if let Some(refusal) = ctx.limited(ctx.state.limits.payment_restart(draft.id).await)? {
            return Ok(refusal);
        }
    }
    let payer = super::Payer { user: &user, organisation: None };
    match super::start(&ctx.state, &draft, payer, ctx.lang, form.anew.is_some()).await? {
        // Out to the provider: a 303 after a form post, which the CSP's form-action allows.
        Started::Pay(href) => Ok(Redirect::to(&href).into_response()),
        Started::AlreadyPaid => ctx.done(&page, "payment-paid").await,
        Started::NotPayable => ctx.inform(&page, "application-locked").await,
        Started::Unavailable => ctx.inform(&page, "payment-unavailable").await,
    }
}

/// The query's parameters, in order.
fn params(query: Option<String>) -> Vec<(String, String)> {
    form_urlencoded::parse(query.unwrap_or_default().as_bytes()).into_owned().collect()
}

/// Checks and applies a redirect or callback for attempt `payment`.
async fn take(
    ctx: &Ctx,
    payment: &str,
    query: Option<String>,
    via: Via,
) -> anyhow::Result<Result<Applied, &'static str>> {
    let report = match ctx.state.payments.verify(&params(query)) {
        Ok(report) => report,
        Err(refused) => {
            tracing::warn!(reason = refused.code(), via = via.code(), "refused a payment message");
            refused_message(ctx, refused.code()).await?;
            return Ok(Err(refused.code()));
        }
    };
    let applied = super::apply(&ctx.state, payment, &report, via).await?;
    match applied {
        Applied::NoSuchPayment => {
            refused_message(ctx, "unknown").await?;
            Ok(Err("unknown"))
        }
        Applied::Mismatch => {
            refused_message(ctx, "mismatch").await?;
            Ok(Ok(applied))
        }
        _ => Ok(Ok(applied)),
    }
}

/// Audits a refused payment message, from its client, within the client's share of rows:
/// anyone can send these, and a flood of them is counted, not written row by row.
async fn refused_message(ctx: &Ctx, reason: &str) -> anyhow::Result<()> {
    let client = ctx.client.as_deref();
    ctx.state.audit_throttle.record(&ctx.state.db, Event::PaymentRefused, None, client, reason).await
}

/// `GET /payments/{payment}/return`: the payer's browser, back from the provider.
pub async fn back(ctx: Ctx, Path(payment): Path<String>, RawQuery(query): RawQuery) -> Answer {
    let applied = take(&ctx, &payment, query, Via::Return).await?;
    let Some(application) = application_of(&ctx, &payment).await? else {
        return Ok(ctx.error_page(ErrorKind::BadRequest));
    };
    // An organisation's user paid from its task, and goes back there.
    let by_organisation = super::by_public_id(&ctx.state, &payment).await?.and_then(|p| p.payer_organisation).is_some();
    let page = if by_organisation {
        format!("/employer/tasks/{application}")
    } else {
        format!("/applications/{application}/payment")
    };
    match applied {
        // Paid from an old tab after another attempt was: said, not a plain success (B22).
        Ok(Applied::State(PaymentState::Paid)) if refund_due(&ctx, &payment).await? => {
            ctx.inform(&page, "payment-paid-twice").await
        }
        Ok(Applied::State(PaymentState::Paid)) => ctx.done(&page, "payment-paid").await,
        // Pending, failed: the page itself says what happened and what can be done.
        Ok(_) => Ok(Redirect::to(&page).into_response()),
        Err(_) => ctx.inform(&page, "payment-refused").await,
    }
}

/// `GET /payments/{payment}/callback`: the provider, server to server. 200 once taken (or
/// already taken), so that it is not sent again; 400 when not believed.
pub async fn callback(ctx: Ctx, Path(payment): Path<String>, RawQuery(query): RawQuery) -> Response {
    match take(&ctx, &payment, query, Via::Callback).await {
        Ok(Ok(Applied::Mismatch)) | Ok(Err(_)) => StatusCode::BAD_REQUEST.into_response(),
        Ok(Ok(_)) => StatusCode::OK.into_response(),
        Err(error) => {
            tracing::error!(%error, "could not take a payment callback");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

/// Whether attempt `payment` is a second payment, to be refunded.
async fn refund_due(ctx: &Ctx, payment: &str) -> anyhow::Result<bool> {
    let due: Option<i64> = sqlx::query_scalar("SELECT refund_due FROM payments WHERE public_id = $1")
        .bind(payment)
        .fetch_optional(&ctx.state.db)
        .await?;
    Ok(due == Some(1))
}

/// The public id of the application attempt `payment` is for.
async fn application_of(ctx: &Ctx, payment: &str) -> anyhow::Result<Option<String>> {
    let application: Option<i64> = sqlx::query_scalar("SELECT application_id FROM payments WHERE public_id = $1")
        .bind(payment)
        .fetch_optional(&ctx.state.db)
        .await?;
    match application {
        Some(id) => drafts::public_id_of(&ctx.state.db, id).await,
        None => Ok(None),
    }
}

/// `POST /applications/{id}/send`: sends a declared and paid application, then shows its
/// confirmation. A second send (another tab) shows the same confirmation.
pub async fn send(ctx: Ctx, SignedIn(user): SignedIn, Path(id): Path<String>) -> Answer {
    let base = format!("/applications/{id}");
    match super::send_now(&ctx.state, user.id, &id, ctx.lang).await? {
        Sent::Now | Sent::Already => Ok(Redirect::to(&format!("{base}/sent")).into_response()),
        Sent::NotReady => ctx.inform(&format!("{base}/payment"), "send-not-ready").await,
        Sent::NotFound => Ok(ctx.error_page(ErrorKind::NotFound)),
    }
}
