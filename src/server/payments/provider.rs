//! The payment provider behind a small trait, and its one client: Paytrail's API (its
//! "Checkout" protocol). The built-in test provider (`test_provider`) is a server of that same
//! protocol on the portal's own address, so the client the portal runs in production is the
//! one every local run and test drives.
//!
//! Every request is signed (`signature`) with a fresh nonce and timestamp; every answer's
//! signature is checked before it is believed; a redirect's or callback's signed parameters are
//! checked in constant time, and must carry a recent `checkout-timestamp` (the portal's
//! providers add it to every redirect and callback, so an old one cannot be replayed).

use super::signature;
use crate::domain::payment_state::ProviderStatus;
use crate::server::clock::Clock;
use anyhow::{bail, Context};
use serde::{Deserialize, Serialize};
use std::time::Duration;

/// How old a signed redirect or callback may be.
const FRESH_SECONDS: i64 = 15 * 60;

/// What the portal orders: the fee of one application.
#[derive(Clone, Debug)]
pub struct Order<'a> {
    /// The payment attempt's public id, unique per merchant.
    pub stamp: &'a str,
    /// The application's reference.
    pub reference: &'a str,
    pub amount_cents: i64,
    pub currency: &'a str,
    /// `FI`, `SV` or `EN`: the payment page's language.
    pub language: &'a str,
    /// What is paid for (the fee category), as the order's one item.
    pub product: &'a str,
    /// Where the payer's receipt goes.
    pub email: &'a str,
    /// Where the payer's browser comes back to, and where the provider calls, for this
    /// attempt: `{url}/return` and `{url}/callback`.
    pub return_base: &'a str,
}

/// The provider's answer to an order: its id, and the page where the payer pays.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Created {
    pub transaction_id: String,
    pub href: String,
}

/// What a signed message of the provider (a redirect, a callback or a status answer) says of a
/// payment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    pub transaction_id: String,
    pub stamp: String,
    pub reference: String,
    pub amount_cents: i64,
    pub currency: String,
    pub status: ProviderStatus,
}

/// Why a redirect or callback was not believed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refused {
    /// No signature, or not the provider's.
    Signature,
    /// Signed, but longer ago than a redirect takes.
    Stale,
    /// Signed, but missing what it must say, or saying it wrongly.
    Malformed,
}

impl Refused {
    pub fn code(self) -> &'static str {
        match self {
            Refused::Signature => "bad-signature",
            Refused::Stale => "stale",
            Refused::Malformed => "malformed",
        }
    }
}

#[async_trait::async_trait]
pub trait Provider: Send + Sync + std::fmt::Debug {
    /// Where payers are sent to pay (for the CSP's `form-action`), unless it is the portal's own.
    fn origin(&self) -> &str;
    async fn create(&self, order: &Order<'_>) -> anyhow::Result<Created>;
    /// Asks the provider what became of a payment (a payer who closed the tab).
    async fn status(&self, transaction_id: &str) -> anyhow::Result<Report>;
    /// The signed parameters of a redirect or callback, checked.
    fn verify(&self, params: &[(String, String)]) -> Result<Report, Refused>;
}

/// A client of Paytrail's API at `base` (e.g. `https://services.paytrail.com`).
#[derive(Debug)]
pub struct Paytrail {
    base: String,
    merchant: String,
    secret: String,
    client: reqwest::Client,
    clock: Clock,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CreateBody<'a> {
    stamp: &'a str,
    reference: &'a str,
    amount: i64,
    currency: &'a str,
    language: &'a str,
    items: [Item<'a>; 1],
    customer: Customer<'a>,
    redirect_urls: Urls,
    callback_urls: Urls,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Item<'a> {
    unit_price: i64,
    units: u32,
    vat_percentage: u32,
    product_code: &'a str,
}

#[derive(Serialize)]
struct Customer<'a> {
    email: &'a str,
}

#[derive(Serialize, Deserialize)]
pub(super) struct Urls {
    pub success: String,
    pub cancel: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct CreatedBody {
    transaction_id: String,
    href: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub(super) struct StatusBody {
    pub transaction_id: String,
    pub status: String,
    pub amount: i64,
    pub currency: String,
    pub stamp: String,
    pub reference: String,
}

impl Paytrail {
    pub fn new(base: &str, merchant: &str, secret: &str, clock: Clock) -> anyhow::Result<Paytrail> {
        let client = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(5))
            .timeout(Duration::from_secs(20))
            .redirect(reqwest::redirect::Policy::none())
            .build()?;
        Ok(Paytrail {
            base: base.trim_end_matches('/').to_string(),
            merchant: merchant.into(),
            secret: secret.into(),
            client,
            clock,
        })
    }

    /// The signed headers of a request: account, algorithm, method, a new nonce, the time, and
    /// `extra` (the transaction of a status request).
    fn headers(&self, method: &str, extra: &[(&str, &str)], body: &str) -> Vec<(String, String)> {
        let mut headers = vec![
            ("checkout-account".to_string(), self.merchant.clone()),
            ("checkout-algorithm".into(), "sha256".into()),
            ("checkout-method".into(), method.into()),
            ("checkout-nonce".into(), hex::encode(rand::random::<[u8; 16]>())),
            ("checkout-timestamp".into(), iso_time(self.clock.now())),
        ];
        headers.extend(extra.iter().map(|(name, value)| (name.to_string(), value.to_string())));
        let signed = signature::sign(&self.secret, headers.iter().map(|(n, v)| (n.as_str(), v.as_str())), body);
        headers.push(("signature".into(), signed));
        headers
    }

    /// Sends a signed request and returns the body of its answer once the answer's signature
    /// holds.
    async fn send(
        &self,
        request: reqwest::RequestBuilder,
        headers: Vec<(String, String)>,
        body: String,
    ) -> anyhow::Result<String> {
        let mut request = request.header("content-type", "application/json; charset=utf-8").body(body);
        for (name, value) in headers {
            request = request.header(name, value);
        }
        let response = request.send().await.context("payment provider")?;
        let status = response.status();
        let answer: Vec<(String, String)> = response
            .headers()
            .iter()
            .filter_map(|(name, value)| Some((name.as_str().to_string(), value.to_str().ok()?.to_string())))
            .collect();
        let text = response.text().await.context("payment provider")?;
        if !status.is_success() {
            bail!("payment provider answered {status}");
        }
        let given = answer.iter().find(|(name, _)| name == "signature").map(|(_, v)| v.as_str()).unwrap_or("");
        if !signature::verify(&self.secret, answer.iter().map(|(n, v)| (n.as_str(), v.as_str())), &text, given) {
            bail!("payment provider: the answer's signature does not hold");
        }
        Ok(text)
    }
}

#[async_trait::async_trait]
impl Provider for Paytrail {
    fn origin(&self) -> &str {
        crate::server::config::origin_of(&self.base)
    }

    async fn create(&self, order: &Order<'_>) -> anyhow::Result<Created> {
        let urls = || Urls {
            success: format!("{}/return", order.return_base),
            cancel: format!("{}/return", order.return_base),
        };
        let calls = Urls {
            success: format!("{}/callback", order.return_base),
            cancel: format!("{}/callback", order.return_base),
        };
        let body = serde_json::to_string(&CreateBody {
            stamp: order.stamp,
            reference: order.reference,
            amount: order.amount_cents,
            currency: order.currency,
            language: order.language,
            items: [Item { unit_price: order.amount_cents, units: 1, vat_percentage: 0, product_code: order.product }],
            customer: Customer { email: order.email },
            redirect_urls: urls(),
            callback_urls: calls,
        })?;
        let headers = self.headers("POST", &[], &body);
        let text = self.send(self.client.post(format!("{}/payments", self.base)), headers, body).await?;
        let created: CreatedBody = serde_json::from_str(&text).context("payment provider: the answer to an order")?;
        Ok(Created { transaction_id: created.transaction_id, href: created.href })
    }

    async fn status(&self, transaction_id: &str) -> anyhow::Result<Report> {
        let headers = self.headers("GET", &[("checkout-transaction-id", transaction_id)], "");
        let url = format!("{}/payments/{transaction_id}", self.base);
        let text = self.send(self.client.get(url), headers, String::new()).await?;
        let body: StatusBody = serde_json::from_str(&text).context("payment provider: a status")?;
        Ok(Report {
            transaction_id: body.transaction_id,
            status: ProviderStatus::from_code(&body.status).context("payment provider: an unknown status")?,
            amount_cents: body.amount,
            currency: body.currency,
            stamp: body.stamp,
            reference: body.reference,
        })
    }

    fn verify(&self, params: &[(String, String)]) -> Result<Report, Refused> {
        let value = |name: &str| params.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str());
        // Each signed line is `name:value`, so a name with a `:` in it can take another
        // parameter's place in the signed text (`checkout-timestamp:2026` = `…-12-06`): only
        // the names a redirect carries are taken, the timestamp among them.
        if params.iter().any(|(name, _)| name.starts_with("checkout-") && !REDIRECT_PARAMS.contains(&name.as_str())) {
            return Err(Refused::Malformed);
        }
        let given = value("signature").ok_or(Refused::Signature)?;
        if !signature::verify(&self.secret, params.iter().map(|(n, v)| (n.as_str(), v.as_str())), "", given) {
            return Err(Refused::Signature);
        }
        if value("checkout-account") != Some(self.merchant.as_str()) || value("checkout-algorithm") != Some("sha256") {
            return Err(Refused::Malformed);
        }
        let signed_at = value("checkout-timestamp").ok_or(Refused::Malformed)?;
        let at = signed_at.parse::<jiff::Timestamp>().map_err(|_| Refused::Malformed)?;
        if self.clock.now().abs_diff(at.as_second()) > FRESH_SECONDS.unsigned_abs() {
            return Err(Refused::Stale);
        }
        let required = |name: &str| value(name).map(str::to_string).ok_or(Refused::Malformed);
        Ok(Report {
            transaction_id: required("checkout-transaction-id")?,
            stamp: required("checkout-stamp")?,
            reference: required("checkout-reference")?,
            amount_cents: required("checkout-amount")?.parse().map_err(|_| Refused::Malformed)?,
            // The redirect does not repeat the currency: every order of the portal is in euros.
            currency: value("checkout-currency").unwrap_or("EUR").to_string(),
            status: ProviderStatus::from_code(&required("checkout-status")?).ok_or(Refused::Malformed)?,
        })
    }
}

/// The `checkout-*` parameters a redirect or callback may carry; any other is refused.
const REDIRECT_PARAMS: [&str; 11] = [
    "checkout-account",
    "checkout-algorithm",
    "checkout-amount",
    "checkout-currency",
    "checkout-provider",
    "checkout-reference",
    "checkout-settlement-reference",
    "checkout-stamp",
    "checkout-status",
    "checkout-timestamp",
    "checkout-transaction-id",
];

/// Unix seconds as ISO 8601 in UTC with milliseconds, as Paytrail writes its timestamps.
pub use crate::domain::date::iso_time;

#[cfg(test)]
mod tests {
    use super::*;
    use axum::routing::{get, post};
    use std::sync::{Arc, Mutex};

    const MERCHANT: &str = "375917";
    const SECRET: &str = "SAIPPUAKAUPPIAS";
    /// Paytrail's answer to an order, as its documentation records one.
    const CREATED: &str = r#"{"transactionId":"5770642a-9a02-4ca2-8eaa-cc6260a78eb6","href":"https://pay.paytrail.com/pay/5770642a-9a02-4ca2-8eaa-cc6260a78eb6","reference":"ABCDE-12345","terms":"By continuing with your payment, you agree to our payment terms","groups":[],"providers":[]}"#;
    const STATUS: &str = r#"{"transactionId":"5770642a-9a02-4ca2-8eaa-cc6260a78eb6","status":"ok","amount":75000,"currency":"EUR","stamp":"p1","reference":"ABCDE-12345","createdAt":"2026-12-02T07:10:53.000Z","href":"https://pay.paytrail.com/pay/5770642a-9a02-4ca2-8eaa-cc6260a78eb6","provider":"osuuspankki"}"#;

    type Seen = Arc<Mutex<Vec<(Vec<(String, String)>, String)>>>;

    /// A recorded answer, signed with `secret` as Paytrail signs its answers.
    fn answer(secret: &str, body: &'static str) -> axum::response::Response {
        let headers = [("checkout-account", MERCHANT), ("checkout-algorithm", "sha256")];
        let signed = signature::sign(secret, headers, body);
        let mut response = axum::response::IntoResponse::into_response(body);
        for (name, value) in headers.into_iter().chain([("signature", signed.as_str())]) {
            response.headers_mut().insert(name, value.parse().unwrap());
        }
        response
    }

    /// A server that records each request and answers with the recorded bodies, signed with
    /// `secret`.
    async fn recorded_provider(secret: &'static str) -> (String, Seen) {
        let seen: Seen = Arc::default();
        let keep = |seen: Seen| {
            move |headers: http::HeaderMap, body: String| {
                let headers =
                    headers.iter().map(|(n, v)| (n.as_str().to_string(), v.to_str().unwrap().to_string())).collect();
                seen.lock().unwrap().push((headers, body));
            }
        };
        let (on_create, on_status) = (keep(seen.clone()), keep(seen.clone()));
        let app = axum::Router::new()
            .route(
                "/payments",
                post(move |headers, body| async move {
                    on_create(headers, body);
                    answer(secret, CREATED)
                }),
            )
            .route(
                "/payments/{id}",
                get(move |headers, body| async move {
                    on_status(headers, body);
                    answer(secret, STATUS)
                }),
            );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await });
        (base, seen)
    }

    fn order() -> Order<'static> {
        Order {
            stamp: "p1",
            reference: "ABCDE-12345",
            amount_cents: 75_000,
            currency: "EUR",
            language: "FI",
            product: "first-employed",
            email: "hakija@example.fi",
            return_base: "https://portal.example.fi/payments/p1",
        }
    }

    #[tokio::test]
    async fn an_order_and_a_status_request_are_signed_and_their_recorded_answers_read() {
        let (base, seen) = recorded_provider(SECRET).await;
        let client = Paytrail::new(&base, MERCHANT, SECRET, Clock::system()).unwrap();
        let created = client.create(&order()).await.unwrap();
        assert_eq!(created.transaction_id, "5770642a-9a02-4ca2-8eaa-cc6260a78eb6");
        assert!(created.href.starts_with("https://pay.paytrail.com/pay/"));
        let report = client.status(&created.transaction_id).await.unwrap();
        assert_eq!((report.status, report.amount_cents, report.stamp.as_str()), (ProviderStatus::Ok, 75_000, "p1"));

        let seen = seen.lock().unwrap();
        let (headers, body) = &seen[0];
        let value = |name: &str| headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str()).unwrap();
        assert_eq!(
            (value("checkout-account"), value("checkout-algorithm"), value("checkout-method")),
            (MERCHANT, "sha256", "POST")
        );
        assert_eq!(value("checkout-nonce").len(), 32);
        assert!(value("checkout-timestamp").parse::<jiff::Timestamp>().is_ok());
        let pairs = headers.iter().map(|(n, v)| (n.as_str(), v.as_str()));
        assert!(
            signature::verify(SECRET, pairs, body, value("signature")),
            "the order is signed over its headers and body"
        );
        let sent: serde_json::Value = serde_json::from_str(body).unwrap();
        assert_eq!(sent["amount"], 75_000);
        assert_eq!(sent["redirectUrls"]["success"], "https://portal.example.fi/payments/p1/return");
        assert_eq!(sent["callbackUrls"]["cancel"], "https://portal.example.fi/payments/p1/callback");
        let (headers, _) = &seen[1];
        let value = |name: &str| headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str()).unwrap();
        assert_eq!(
            (value("checkout-method"), value("checkout-transaction-id")),
            ("GET", created.transaction_id.as_str())
        );
        assert_ne!(
            value("checkout-nonce"),
            seen[0].0.iter().find(|(n, _)| n == "checkout-nonce").unwrap().1,
            "a new nonce"
        );
    }

    #[tokio::test]
    async fn an_answer_signed_with_another_secret_is_not_believed() {
        let (base, _) = recorded_provider("another secret").await;
        let client = Paytrail::new(&base, MERCHANT, SECRET, Clock::system()).unwrap();
        let error = client.create(&order()).await.unwrap_err();
        assert!(error.to_string().contains("signature"), "{error}");
        assert!(client.status("5770642a-9a02-4ca2-8eaa-cc6260a78eb6").await.is_err());
    }

    #[test]
    fn the_origin_is_the_base_without_its_path() {
        let client = Paytrail::new("https://services.paytrail.com/", MERCHANT, SECRET, Clock::system()).unwrap();
        assert_eq!(client.origin(), "https://services.paytrail.com");
        let local = Paytrail::new("http://127.0.0.1:3000/test-provider", MERCHANT, SECRET, Clock::system()).unwrap();
        assert_eq!(local.origin(), "http://127.0.0.1:3000");
    }
}
