//! The built-in test provider: a server of Paytrail's protocol on the portal's own address
//! (`/test-provider/…`), on by default in development and refused in production (see
//! `Config`). The portal's Paytrail client orders from it as from the real one: signed
//! requests (nonce and time checked), signed answers, and a hosted payment page where the
//! tester chooses what happens: paid, cancelled, failed, or paid later (the browser comes back
//! pending, and the success callback follows a few seconds after). Redirects and callbacks are
//! signed exactly as Paytrail signs them.

use super::provider::{iso_time, Urls};
use super::signature;
use crate::i18n::Lang;
use crate::server::db::Pool;
use crate::server::error_page::ErrorKind;
use crate::server::web::{Answer, Ctx};
use crate::server::AppState;
use axum::extract::{Path, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::Form;
use http::{HeaderMap, StatusCode};
use serde::Deserialize;

/// The merchant and secret the portal's client and this server share.
#[derive(Clone, Debug)]
pub struct Keys {
    pub merchant: String,
    pub secret: String,
}

/// How long after a "pay later" the success callback comes.
const LATER_SECONDS: u64 = 3;
/// How far a request's time may be from the server's.
const SKEW_SECONDS: i64 = 5 * 60;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Ordered {
    stamp: String,
    reference: String,
    amount: i64,
    currency: String,
    language: String,
    redirect_urls: Urls,
    callback_urls: Urls,
}

/// A payment as this provider keeps it.
#[derive(sqlx::FromRow)]
struct Kept {
    transaction_id: String,
    stamp: String,
    reference: String,
    amount_cents: i64,
    currency: String,
    language: String,
    status: String,
    request: String,
}

fn keys(state: &AppState) -> Option<&Keys> {
    state.test_provider.as_deref()
}

/// Whether the headers of a request are signed by the merchant, recently, with a nonce not
/// seen before.
async fn signed_request(state: &AppState, keys: &Keys, headers: &HeaderMap, body: &str) -> anyhow::Result<bool> {
    let params: Vec<(&str, &str)> =
        headers.iter().filter_map(|(name, value)| Some((name.as_str(), value.to_str().ok()?))).collect();
    let value = |name: &str| params.iter().find(|(n, _)| *n == name).map(|(_, v)| *v);
    let given = value("signature").unwrap_or("");
    if !signature::verify(&keys.secret, params.iter().copied(), body, given)
        || value("checkout-account") != Some(keys.merchant.as_str())
    {
        return Ok(false);
    }
    let Some(at) = value("checkout-timestamp").and_then(|t| t.parse::<jiff::Timestamp>().ok()) else {
        return Ok(false);
    };
    if (state.clock.now() - at.as_second()).abs() > SKEW_SECONDS {
        return Ok(false);
    }
    let Some(nonce) = value("checkout-nonce") else { return Ok(false) };
    let fresh = sqlx::query("INSERT INTO test_provider_nonces (nonce, seen_at) VALUES ($1, $2) ON CONFLICT DO NOTHING")
        .bind(nonce)
        .bind(state.clock.now())
        .execute(&state.db)
        .await?;
    Ok(fresh.rows_affected() == 1)
}

/// An answer signed as Paytrail signs its answers.
fn signed_answer(keys: &Keys, status: StatusCode, transaction: &str, body: String) -> Response {
    let headers = [
        ("checkout-account", keys.merchant.as_str()),
        ("checkout-algorithm", "sha256"),
        ("checkout-transaction-id", transaction),
    ];
    let signed = signature::sign(&keys.secret, headers, &body);
    let mut response = (status, body).into_response();
    for (name, value) in headers.into_iter().chain([("signature", signed.as_str())]) {
        response.headers_mut().insert(name, value.parse().expect("a header value"));
    }
    response.headers_mut().insert(http::header::CONTENT_TYPE, "application/json".parse().expect("a type"));
    response
}

/// `POST /test-provider/payments`: an order.
pub async fn create(State(state): State<AppState>, headers: HeaderMap, body: String) -> Response {
    let Some(keys) = keys(&state) else { return StatusCode::NOT_FOUND.into_response() };
    let result = async {
        if !signed_request(&state, keys, &headers, &body).await? {
            return Ok(StatusCode::UNAUTHORIZED.into_response());
        }
        let Ok(order) = serde_json::from_str::<Ordered>(&body) else {
            return Ok(StatusCode::BAD_REQUEST.into_response());
        };
        let transaction = hex::encode(rand::random::<[u8; 16]>());
        sqlx::query(
            "INSERT INTO test_provider_payments
               (transaction_id, stamp, reference, amount_cents, currency, language, status, request, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, 'new', $7, $8)",
        )
        .bind(&transaction)
        .bind(&order.stamp)
        .bind(&order.reference)
        .bind(order.amount)
        .bind(&order.currency)
        .bind(&order.language)
        .bind(&body)
        .bind(state.clock.now())
        .execute(&state.db)
        .await?;
        let href = format!("{}/test-provider/pay/{transaction}", state.config.public_url);
        let answer = serde_json::json!({ "transactionId": transaction, "href": href, "reference": order.reference });
        Ok::<_, anyhow::Error>(signed_answer(keys, StatusCode::CREATED, &transaction, answer.to_string()))
    };
    result.await.unwrap_or_else(|error| {
        tracing::error!(%error, "the test provider could not take an order");
        StatusCode::INTERNAL_SERVER_ERROR.into_response()
    })
}

async fn kept(pool: &Pool, transaction: &str) -> anyhow::Result<Option<Kept>> {
    Ok(sqlx::query_as(
        "SELECT transaction_id, stamp, reference, amount_cents, currency, language, status, request
         FROM test_provider_payments WHERE transaction_id = $1",
    )
    .bind(transaction)
    .fetch_optional(pool)
    .await?)
}

/// `GET /test-provider/payments/{transaction}`: what became of a payment.
pub async fn status(State(state): State<AppState>, Path(transaction): Path<String>, headers: HeaderMap) -> Response {
    let Some(keys) = keys(&state) else { return StatusCode::NOT_FOUND.into_response() };
    let result = async {
        let asked = headers.get("checkout-transaction-id").and_then(|v| v.to_str().ok());
        if !signed_request(&state, keys, &headers, "").await? || asked != Some(transaction.as_str()) {
            return Ok(StatusCode::UNAUTHORIZED.into_response());
        }
        let Some(payment) = kept(&state.db, &transaction).await? else {
            return Ok(StatusCode::NOT_FOUND.into_response());
        };
        let body = serde_json::json!({
            "transactionId": payment.transaction_id, "status": payment.status, "amount": payment.amount_cents,
            "currency": payment.currency, "stamp": payment.stamp, "reference": payment.reference,
        });
        Ok::<_, anyhow::Error>(signed_answer(keys, StatusCode::OK, &transaction, body.to_string()))
    };
    result.await.unwrap_or_else(|error| {
        tracing::error!(%error, "the test provider could not answer a status");
        StatusCode::INTERNAL_SERVER_ERROR.into_response()
    })
}

/// The signed query of a redirect or callback for `payment` with `status`.
fn signed_query(keys: &Keys, payment: &Kept, status: &str, now: i64) -> String {
    let amount = payment.amount_cents.to_string();
    let timestamp = iso_time(now);
    let params = [
        ("checkout-account", keys.merchant.as_str()),
        ("checkout-algorithm", "sha256"),
        ("checkout-amount", amount.as_str()),
        ("checkout-stamp", payment.stamp.as_str()),
        ("checkout-reference", payment.reference.as_str()),
        ("checkout-transaction-id", payment.transaction_id.as_str()),
        ("checkout-status", status),
        ("checkout-provider", "portal-test"),
        ("checkout-timestamp", timestamp.as_str()),
    ];
    let signed = signature::sign(&keys.secret, params, "");
    form_urlencoded::Serializer::new(String::new()).extend_pairs(params).append_pair("signature", &signed).finish()
}

/// The words of the hosted page in the payment's language.
fn lang_of(payment: &Kept) -> Lang {
    Lang::from_code(&payment.language.to_lowercase()).unwrap_or_default()
}

/// `GET /test-provider/pay/{transaction}`: the hosted payment page.
pub async fn page(ctx: Ctx, Path(transaction): Path<String>) -> Answer {
    let Some(payment) = kept(&ctx.state.db, &transaction).await?.filter(|_| keys(&ctx.state).is_some()) else {
        return Ok(ctx.error_page(ErrorKind::NotFound));
    };
    let lang = lang_of(&payment);
    let t = |id: &str| lang.t(id);
    let stylesheet = ctx.state.assets.stylesheet_href();
    let amount = lang.euros(u32::try_from(payment.amount_cents).unwrap_or_default());
    let choices = [
        ("ok", "test-provider-pay"),
        ("later", "test-provider-later"),
        ("fail", "test-provider-fail"),
        ("cancel", "test-provider-cancel"),
    ]
    .iter()
    .map(|(choice, label)| {
        let kind = if *choice == "ok" { "pt-button" } else { "pt-button pt-button--secondary" };
        format!(
            r#"<button type="submit" name="choice" value="{choice}" class="{kind}">{}</button> "#,
            escape(&t(label))
        )
    })
    .collect::<String>();
    let done = payment.status != "new";
    let body = if done {
        format!(r#"<p class="pt-body">{}</p>"#, escape(&t("test-provider-done")))
    } else {
        format!(r#"<form method="post" action="/test-provider/pay/{transaction}">{choices}</form>"#)
    };
    let html = format!(
        r#"<!DOCTYPE html><html lang="{code}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{title}</title><link rel="stylesheet" href="{stylesheet}"></head><body><div class="pt-width-container"><main class="pt-main-wrapper" id="main-content"><strong class="pt-tag">{tag}</strong><h1 class="pt-heading-xl">{title}</h1><dl class="pt-summary-list"><div class="pt-summary-list__row"><dt class="pt-summary-list__key">{amount_label}</dt><dd class="pt-summary-list__value">{amount}</dd></div><div class="pt-summary-list__row"><dt class="pt-summary-list__key">{reference_label}</dt><dd class="pt-summary-list__value">{reference}</dd></div></dl><p class="pt-body">{lead}</p>{body}</main></div></body></html>"#,
        code = lang.code(),
        title = escape(&t("test-provider-title")),
        tag = escape(&t("test-provider-tag")),
        amount_label = escape(&t("test-provider-amount")),
        reference_label = escape(&t("test-provider-reference")),
        reference = escape(&payment.reference),
        lead = escape(&t("test-provider-lead")),
    );
    Ok(Html(html).into_response())
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

#[derive(Deserialize)]
pub struct Choice {
    choice: String,
}

/// `POST /test-provider/pay/{transaction}`: the tester's choice. The browser goes back to the
/// merchant with a signed redirect; the callback goes server to server (for "later", after the
/// browser came back pending).
pub async fn choose(ctx: Ctx, Path(transaction): Path<String>, Form(choice): Form<Choice>) -> Answer {
    let (Some(keys), Some(payment)) = (keys(&ctx.state).cloned(), kept(&ctx.state.db, &transaction).await?) else {
        return Ok(ctx.error_page(ErrorKind::NotFound));
    };
    let (now_status, final_status) = match choice.choice.as_str() {
        "ok" => ("ok", "ok"),
        "later" => ("pending", "ok"),
        "fail" | "cancel" => ("fail", "fail"),
        _ => return Ok(ctx.error_page(ErrorKind::BadRequest)),
    };
    // Decided once: a second choice (another tab, a double click) changes nothing. "Later"
    // stays pending until its callback goes.
    let decided =
        sqlx::query("UPDATE test_provider_payments SET status = $1 WHERE transaction_id = $2 AND status = 'new'")
            .bind(now_status)
            .bind(&transaction)
            .execute(&ctx.state.db)
            .await?;
    let Ok(ordered) = serde_json::from_str::<Ordered>(&payment.request) else {
        return Ok(ctx.error_page(ErrorKind::BadRequest));
    };
    // A second choice is sent back with what was decided first, never signed as its own.
    let now_status = match decided.rows_affected() {
        1 => now_status.to_string(),
        _ => kept(&ctx.state.db, &transaction).await?.map_or(payment.status.clone(), |kept| kept.status),
    };
    let back = if now_status == "fail" { &ordered.redirect_urls.cancel } else { &ordered.redirect_urls.success };
    let redirect = format!("{back}?{}", signed_query(&keys, &payment, &now_status, ctx.state.clock.now()));
    if decided.rows_affected() == 1 {
        let call = if final_status == "ok" { ordered.callback_urls.success } else { ordered.callback_urls.cancel };
        let delay = if choice.choice == "later" { LATER_SECONDS } else { 0 };
        let query = signed_query(&keys, &payment, final_status, ctx.state.clock.now() + delay as i64);
        let db = ctx.state.db.clone();
        tokio::spawn(call_back(db, transaction.clone(), final_status, format!("{call}?{query}"), delay));
    }
    Ok(Redirect::to(&redirect).into_response())
}

/// The provider's server-to-server callback, after `delay` seconds, once the payment has its
/// final status.
async fn call_back(db: Pool, transaction: String, status: &'static str, url: String, delay: u64) {
    tokio::time::sleep(std::time::Duration::from_secs(delay)).await;
    let settled = sqlx::query("UPDATE test_provider_payments SET status = $1 WHERE transaction_id = $2")
        .bind(status)
        .bind(&transaction)
        .execute(&db)
        .await;
    if let Err(error) = settled {
        tracing::warn!(%error, "the test provider could not settle a payment");
        return;
    }
    let client = reqwest::Client::builder().timeout(std::time::Duration::from_secs(10)).build();
    let outcome = match client {
        Ok(client) => client.get(&url).send().await.map(|response| response.status()),
        Err(error) => Err(error),
    };
    match outcome {
        Ok(status) if status.is_success() => {}
        Ok(status) => tracing::warn!(%status, "the test provider's callback was not taken"),
        Err(error) => tracing::warn!(%error, "the test provider could not call back"),
    }
}
