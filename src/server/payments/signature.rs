//! Paytrail's signature: HMAC-SHA256, in hexadecimal, over the `checkout-*` parameters (request
//! or response headers, or the query of a redirect or callback) sorted by name, each as
//! `name:value` on a line of its own, then the body (empty for a redirect or callback). Checked
//! in constant time.

use hmac::{Hmac, Mac};
use sha2::Sha256;

/// The text that is signed.
fn payload<'a>(params: impl IntoIterator<Item = (&'a str, &'a str)>, body: &str) -> String {
    let mut signed: Vec<(&str, &str)> = params.into_iter().filter(|(name, _)| name.starts_with("checkout-")).collect();
    signed.sort();
    let mut lines: Vec<String> = signed.into_iter().map(|(name, value)| format!("{name}:{value}")).collect();
    lines.push(body.to_string());
    lines.join("\n")
}

fn mac(secret: &str, payload: &str) -> Hmac<Sha256> {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes a key of any length");
    mac.update(payload.as_bytes());
    mac
}

pub fn sign<'a>(secret: &str, params: impl IntoIterator<Item = (&'a str, &'a str)>, body: &str) -> String {
    hex::encode(mac(secret, &payload(params, body)).finalize().into_bytes())
}

/// Whether `signature` (hexadecimal) is the signature of `params` and `body`; compared in
/// constant time.
pub fn verify<'a>(
    secret: &str,
    params: impl IntoIterator<Item = (&'a str, &'a str)>,
    body: &str,
    signature: &str,
) -> bool {
    let Ok(given) = hex::decode(signature) else { return false };
    mac(secret, &payload(params, body)).verify_slice(&given).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &str = "SAIPPUAKAUPPIAS";

    /// Paytrail's published example (merchant 375917): its headers and body, and the HMAC
    /// it gives.
    #[test]
    fn the_providers_published_example_signs_to_its_published_value() {
        let headers = [("checkout-account", "375917"), ("checkout-algorithm", "sha256"), ("checkout-method", "POST")];
        let body = r##"{"stamp":"should-be-unique-for-merchant","reference":"3759170","amount":1525,"currency":"EUR","language":"FI","items":[{"unitPrice":1525,"units":1,"vatPercentage":24,"productCode":"#1234","deliveryDate":"2018-09-01"}],"customer":{"email":"test.customer@example.com"},"redirectUrls":{"success":"https://ecom.example.com/cart/success","cancel":"https://ecom.example.com/cart/cancel"}}"##;
        let expected = "84b454005a4f087076ad86cee8b4a646b18982998de7221db57646743cda7b81";
        assert_eq!(sign(SECRET, headers, body), expected);
        // The order the parameters come in does not matter; other parameters are not signed.
        let shuffled = [headers[2], ("signature", "x"), headers[0], headers[1]];
        assert!(verify(SECRET, shuffled, body, expected));
    }

    /// A redirect's query, signed over its `checkout-*` parameters and an empty body; the
    /// value computed by the published algorithm (Python's hmac, the same payload).
    #[test]
    fn a_redirect_is_signed_over_its_parameters_and_an_empty_body() {
        let query = [
            ("checkout-account", "375917"),
            ("checkout-algorithm", "sha256"),
            ("checkout-amount", "75000"),
            ("checkout-stamp", "p1"),
            ("checkout-reference", "ABCDE-12345"),
            ("checkout-transaction-id", "t1"),
            ("checkout-status", "ok"),
            ("checkout-provider", "test"),
        ];
        let expected = "69f96aa1c4f51c2946ba7cc2b6c82f59deebb41023e4ffd4b572eac81d53e4f6";
        assert_eq!(payload(query, ""), "checkout-account:375917\ncheckout-algorithm:sha256\ncheckout-amount:75000\ncheckout-provider:test\ncheckout-reference:ABCDE-12345\ncheckout-stamp:p1\ncheckout-status:ok\ncheckout-transaction-id:t1\n");
        assert_eq!(sign(SECRET, query, ""), expected);
        let mut tampered = query;
        tampered[2] = ("checkout-amount", "1");
        assert!(!verify(SECRET, tampered, "", expected), "a changed amount");
        assert!(!verify("other", query, "", expected), "another secret");
        assert!(!verify(SECRET, query, "", "not hex"), "not a signature");
        assert!(!verify(SECRET, query, "", &expected[..10]), "a cut signature");
    }
}
