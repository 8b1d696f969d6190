//! N-Genius Online (Network International): hosted payment page orders, order status and refunds.
//!
//! - `POST {base}/identity/auth/access-token` with `Authorization: Basic {API key}` gives a
//!   short-lived access token (5 minutes), cached here until shortly before it expires and
//!   fetched again once when a transaction call answers 401.
//! - `POST {base}/transactions/outlets/{outlet}/orders` creates an order; the customer pays on
//!   `_links.payment.href`.
//! - `GET {base}/transactions/outlets/{outlet}/orders/{ref}` reads it.
//! - Refunds are posted to the `cnp:refund` link the gateway returned, never to a built path.
//! - Saved cards ("Pay by Token"): a paid payment may carry `savedCard`; a later order is paid
//!   with it by `PUT …/payments/{p}/saved-card` (see `ngenius/saved_card.rs`).
//!
//! See `shared/reference/providers.md` §1.

mod saved_card;

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant};

use reqwest::header::{ACCEPT, AUTHORIZATION, CONTENT_LENGTH, CONTENT_TYPE, HeaderValue};
use reqwest::{Method, Response, StatusCode, Url};
use serde::Serialize;
use serde_json::{Value, json};
use tokio::sync::Mutex;

use super::{CardGateway, CreateOrder, GatewayError, GatewayOrder, PaymentState, SavedCard};

/// Media type of the identity (access token) call.
pub const IDENTITY_MEDIA_TYPE: &str = "application/vnd.ni-identity.v1+json";
/// Media type of the transaction calls (orders, refunds).
pub const PAYMENT_MEDIA_TYPE: &str = "application/vnd.ni-payment.v2+json";

/// Longest provider error text kept in [`GatewayError::Refused`] (in chars).
const MAX_ERROR_MESSAGE_CHARS: usize = 200;
/// Token lifetime assumed when the answer has no `expires_in` (the documented value).
const DEFAULT_TOKEN_SECS: u64 = 300;
/// A cached token is replaced this long before it expires (at most a fifth of its life).
const TOKEN_MARGIN_SECS: u64 = 30;

#[derive(Clone)]
pub struct NGeniusConfig {
    /// API root, e.g. [`NGeniusConfig::KSA_SANDBOX_URL`]. An outlet's key works in one region only.
    pub base_url: String,
    /// Service-account API key (portal: Settings > Integration > Service Accounts), sent as
    /// `Basic {api_key}` as-is. Never logged; `Debug` redacts it.
    pub api_key: String,
    /// The outlet reference (a UUID).
    pub outlet_ref: String,
    /// `PURCHASE` (default; single stage), `SALE` (auth and capture) or `AUTH` (capture later).
    pub action: String,
    /// Timeout of each HTTP call.
    pub timeout: Duration,
}

impl NGeniusConfig {
    pub const KSA_SANDBOX_URL: &'static str =
        "https://api-gateway.sandbox.ksa.ngenius-payments.com";
    pub const KSA_LIVE_URL: &'static str = "https://api-gateway.ksa.ngenius-payments.com";
    pub const UAE_SANDBOX_URL: &'static str = "https://api-gateway.sandbox.ngenius-payments.com";
    pub const UAE_LIVE_URL: &'static str = "https://api-gateway.ngenius-payments.com";
    pub const DEFAULT_ACTION: &'static str = "PURCHASE";
    pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

    /// A config with action `PURCHASE` and a 30 s timeout.
    pub fn new(
        base_url: impl Into<String>,
        api_key: impl Into<String>,
        outlet_ref: impl Into<String>,
    ) -> Self {
        Self {
            base_url: base_url.into(),
            api_key: api_key.into(),
            outlet_ref: outlet_ref.into(),
            action: Self::DEFAULT_ACTION.to_owned(),
            timeout: Self::DEFAULT_TIMEOUT,
        }
    }
}

impl fmt::Debug for NGeniusConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NGeniusConfig")
            .field("base_url", &self.base_url)
            .field("api_key", &"<redacted>")
            .field("outlet_ref", &self.outlet_ref)
            .field("action", &self.action)
            .field("timeout", &self.timeout)
            .finish()
    }
}

/// The N-Genius adapter. Cheap to clone: clones share the HTTP client and the token cache.
#[derive(Clone)]
pub struct NGenius {
    config: NGeniusConfig,
    base: Url,
    basic: HeaderValue,
    client: reqwest::Client,
    token: Arc<Mutex<Option<CachedToken>>>,
}

struct CachedToken {
    value: String,
    refresh_at: Instant,
}

impl fmt::Debug for NGenius {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NGenius")
            .field("config", &self.config)
            .finish_non_exhaustive()
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct OrderRequest<'a> {
    action: &'a str,
    amount: Amount<'a>,
    email_address: &'a str,
    language: &'a str,
    merchant_attributes: MerchantAttributes<'a>,
    merchant_order_reference: &'a str,
    billing_address: BillingAddress<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Amount<'a> {
    currency_code: &'a str,
    value: i64,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct MerchantAttributes<'a> {
    redirect_url: &'a str,
    cancel_url: &'a str,
    skip_confirmation_page: bool,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct BillingAddress<'a> {
    first_name: &'a str,
    last_name: &'a str,
}

impl NGenius {
    /// Checks the base URL and the key, and builds the HTTP client (no request is made).
    /// Setup failures are reported as [`GatewayError::Unreachable`].
    pub fn new(config: NGeniusConfig) -> Result<Self, GatewayError> {
        let mut base = Url::parse(config.base_url.trim()).map_err(|e| {
            GatewayError::Unreachable(format!("invalid base URL {:?}: {e}", config.base_url))
        })?;
        if !matches!(base.scheme(), "http" | "https") || base.cannot_be_a_base() {
            return Err(GatewayError::Unreachable(format!(
                "base URL {:?} is not an http(s) URL",
                config.base_url
            )));
        }
        base.set_query(None);
        base.set_fragment(None);
        let mut basic = HeaderValue::from_str(&format!("Basic {}", config.api_key.trim()))
            .map_err(|_| {
                GatewayError::Unreachable("the API key is not a valid header value".to_owned())
            })?;
        basic.set_sensitive(true);
        let client = reqwest::Client::builder()
            .timeout(config.timeout)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| GatewayError::Unreachable(format!("HTTP client: {e}")))?;
        Ok(Self {
            config,
            base,
            basic,
            client,
            token: Arc::new(Mutex::new(None)),
        })
    }

    pub fn config(&self) -> &NGeniusConfig {
        &self.config
    }

    /// `{base}/{segments…}`, each segment percent-encoded.
    fn endpoint(&self, segments: &[&str]) -> Url {
        let mut url = self.base.clone();
        url.path_segments_mut()
            .expect("checked in new: the base URL can be a base")
            .pop_if_empty()
            .extend(segments);
        url
    }

    fn order_url(&self, reference: &str) -> Url {
        self.endpoint(&[
            "transactions",
            "outlets",
            &self.config.outlet_ref,
            "orders",
            reference,
        ])
    }

    /// A link from a gateway answer. The Bearer token only ever goes to the configured host: a
    /// link to another origin keeps its path and query on the base URL's origin.
    fn follow(&self, href: &str) -> Result<Url, GatewayError> {
        let url = self
            .base
            .join(href)
            .map_err(|e| GatewayError::Protocol(format!("invalid link {href:?}: {e}")))?;
        if url.origin() == self.base.origin() {
            return Ok(url);
        }
        let mut rebased = self.base.clone();
        rebased.set_path(url.path());
        rebased.set_query(url.query());
        tracing::warn!(
            provider = "ngenius",
            link = %url,
            used = %rebased,
            "gateway link points at another origin; using the configured one"
        );
        Ok(rebased)
    }

    /// The cached access token, or a new one. `stale` is a token the gateway just refused: it is
    /// replaced unless another call already did so.
    async fn access_token(&self, stale: Option<&str>) -> Result<String, GatewayError> {
        let mut cached = self.token.lock().await;
        if let Some(token) = cached.as_ref() {
            let refused = stale.is_some_and(|s| s == token.value);
            if !refused && Instant::now() < token.refresh_at {
                return Ok(token.value.clone());
            }
        }
        *cached = None;
        let fresh = self.fetch_token().await?;
        let value = fresh.value.clone();
        *cached = Some(fresh);
        Ok(value)
    }

    async fn fetch_token(&self) -> Result<CachedToken, GatewayError> {
        let started = Instant::now();
        let resp = self
            .client
            .post(self.endpoint(&["identity", "auth", "access-token"]))
            .header(AUTHORIZATION, self.basic.clone())
            .header(CONTENT_TYPE, IDENTITY_MEDIA_TYPE)
            .header(ACCEPT, IDENTITY_MEDIA_TYPE)
            // No body, but say so as the provider's plugins do: some front ends want a length.
            .header(CONTENT_LENGTH, "0")
            .body(Vec::new())
            .send()
            .await
            .map_err(unreachable)?;
        let json = read_json(resp).await?;
        let value = json
            .get("access_token")
            .and_then(Value::as_str)
            .filter(|t| !t.is_empty())
            .ok_or_else(|| GatewayError::Protocol("token answer without access_token".to_owned()))?
            .to_owned();
        let life = json
            .get("expires_in")
            .and_then(as_i64)
            .map_or(DEFAULT_TOKEN_SECS, |s| s.max(0) as u64);
        let margin = (life / 5).min(TOKEN_MARGIN_SECS);
        tracing::debug!(
            provider = "ngenius",
            expires_in = life,
            "access token fetched"
        );
        Ok(CachedToken {
            value,
            refresh_at: started + Duration::from_secs(life - margin),
        })
    }

    /// A transaction call with the Bearer token and the v2 media types; on 401 fetches a new
    /// token and tries once more. Returns the JSON answer (`Null` for an empty body).
    async fn call(
        &self,
        method: Method,
        url: Url,
        body: Option<&Value>,
    ) -> Result<Value, GatewayError> {
        let token = self.access_token(None).await?;
        let mut resp = self.send(method.clone(), url.clone(), body, &token).await?;
        if resp.status() == StatusCode::UNAUTHORIZED {
            drop(resp);
            tracing::info!(
                provider = "ngenius",
                "access token refused; fetching a new one"
            );
            let token = self.access_token(Some(&token)).await?;
            resp = self.send(method, url, body, &token).await?;
        }
        read_json(resp).await
    }

    async fn send(
        &self,
        method: Method,
        url: Url,
        body: Option<&Value>,
        token: &str,
    ) -> Result<Response, GatewayError> {
        let mut req = self
            .client
            .request(method, url)
            .bearer_auth(token)
            .header(ACCEPT, PAYMENT_MEDIA_TYPE);
        if let Some(body) = body {
            let bytes = serde_json::to_vec(body)
                .map_err(|e| GatewayError::Protocol(format!("request body: {e}")))?;
            req = req.header(CONTENT_TYPE, PAYMENT_MEDIA_TYPE).body(bytes);
        }
        req.send().await.map_err(unreachable)
    }

    async fn order_json(&self, reference: &str) -> Result<Value, GatewayError> {
        self.call(Method::GET, self.order_url(reference), None)
            .await
    }

    async fn create_inner(&self, req: &CreateOrder) -> Result<GatewayOrder, GatewayError> {
        let body = OrderRequest {
            action: &self.config.action,
            amount: Amount {
                currency_code: &req.currency,
                value: req.amount_minor,
            },
            email_address: &req.email,
            language: &req.language,
            merchant_attributes: MerchantAttributes {
                redirect_url: &req.redirect_url,
                cancel_url: &req.cancel_url,
                skip_confirmation_page: true,
            },
            merchant_order_reference: &req.merchant_reference,
            billing_address: BillingAddress {
                first_name: &req.first_name,
                last_name: &req.last_name,
            },
        };
        let body = serde_json::to_value(&body)
            .map_err(|e| GatewayError::Protocol(format!("request body: {e}")))?;
        let url = self.endpoint(&["transactions", "outlets", &self.config.outlet_ref, "orders"]);
        let json = self.call(Method::POST, url, Some(&body)).await?;
        parse_order(&json)
    }

    async fn refund_inner(
        &self,
        reference: &str,
        amount_minor: i64,
    ) -> Result<GatewayOrder, GatewayError> {
        let json = self.order_json(reference).await?;
        let order = parse_order(&json)?;
        let href = first_payment(&json).and_then(refund_href).ok_or_else(|| {
            GatewayError::Protocol(format!(
                "order {reference} ({}) offers no refund link",
                order.state
            ))
        })?;
        let body = json!({
            "amount": { "currencyCode": order.currency, "value": amount_minor }
        });
        self.call(Method::POST, self.follow(&href)?, Some(&body))
            .await?;
        self.get_order(reference).await
    }
}

#[async_trait::async_trait]
impl CardGateway for NGenius {
    fn name(&self) -> &'static str {
        "ngenius"
    }

    async fn create_order(&self, req: &CreateOrder) -> Result<GatewayOrder, GatewayError> {
        let result = self.create_inner(req).await;
        match &result {
            Ok(order) => tracing::info!(
                provider = "ngenius",
                merchant_reference = %req.merchant_reference,
                reference = %order.reference,
                amount_minor = req.amount_minor,
                currency = %req.currency,
                "payment order created"
            ),
            Err(error) => tracing::warn!(
                provider = "ngenius",
                merchant_reference = %req.merchant_reference,
                %error,
                "payment order failed"
            ),
        }
        result
    }

    async fn get_order(&self, reference: &str) -> Result<GatewayOrder, GatewayError> {
        parse_order(&self.order_json(reference).await?)
    }

    async fn refund(
        &self,
        reference: &str,
        amount_minor: i64,
    ) -> Result<GatewayOrder, GatewayError> {
        let result = self.refund_inner(reference, amount_minor).await;
        match &result {
            Ok(order) => tracing::info!(
                provider = "ngenius",
                %reference,
                amount_minor,
                refunded_minor = order.refunded_minor,
                state = %order.state,
                "payment refunded"
            ),
            Err(error) => {
                tracing::warn!(provider = "ngenius", %reference, amount_minor, %error, "refund failed")
            }
        }
        result
    }

    fn supports_saved_cards(&self) -> bool {
        true
    }

    async fn pay_with_saved_card(
        &self,
        reference: &str,
        card: &SavedCard,
    ) -> Result<GatewayOrder, GatewayError> {
        let result = self.pay_saved_inner(reference, card).await;
        match &result {
            Ok(order) => tracing::info!(
                provider = "ngenius",
                %reference,
                state = %order.state,
                "saved card payment answered"
            ),
            Err(error) => {
                tracing::warn!(provider = "ngenius", %reference, %error, "saved card payment failed")
            }
        }
        result
    }
}

fn unreachable(e: reqwest::Error) -> GatewayError {
    GatewayError::Unreachable(e.to_string())
}

/// The JSON of a 2xx answer (`Null` when empty); any other status is [`GatewayError::Refused`].
async fn read_json(resp: Response) -> Result<Value, GatewayError> {
    let status = resp.status();
    let text = resp.text().await.map_err(unreachable)?;
    if !status.is_success() {
        return Err(GatewayError::Refused {
            status: status.as_u16(),
            message: error_message(status, &text),
        });
    }
    if text.trim().is_empty() {
        return Ok(Value::Null);
    }
    serde_json::from_str(&text).map_err(|e| {
        GatewayError::Protocol(format!("{e}: {}", truncate(&text, MAX_ERROR_MESSAGE_CHARS)))
    })
}

/// `errors[0].message`, else a top-level `message`, else the body text, else the status reason.
fn error_message(status: StatusCode, text: &str) -> String {
    let json = serde_json::from_str::<Value>(text).ok();
    let found = json.as_ref().and_then(|j| {
        j.pointer("/errors/0/message")
            .or_else(|| j.get("message"))
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|m| !m.is_empty())
    });
    match found {
        Some(m) => truncate(m, MAX_ERROR_MESSAGE_CHARS),
        None if text.trim().is_empty() => status
            .canonical_reason()
            .unwrap_or("no response body")
            .to_owned(),
        None => truncate(text.trim(), MAX_ERROR_MESSAGE_CHARS),
    }
}

/// `reference`, else the last `:` segment of `_id` (`urn:order:{ref}`).
pub(crate) fn order_reference(order: &Value) -> Option<String> {
    order
        .get("reference")
        .and_then(Value::as_str)
        .or_else(|| order.get("_id").and_then(Value::as_str).map(last_segment))
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(str::to_owned)
}

fn last_segment(urn: &str) -> &str {
    urn.rsplit(':').next().unwrap_or(urn)
}

fn first_payment(order: &Value) -> Option<&Value> {
    order.pointer("/_embedded/payment/0")
}

fn embedded<'a>(payment: &'a Value, rel: &str) -> &'a [Value] {
    payment
        .get("_embedded")
        .and_then(|e| e.get(rel))
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

fn href<'a>(item: &'a Value, rel: &str) -> Option<&'a str> {
    item.get("_links")
        .and_then(|l| l.get(rel))
        .and_then(|l| l.get("href"))
        .and_then(Value::as_str)
        .filter(|h| !h.trim().is_empty())
}

fn has_state(item: &Value, states: &[&str]) -> bool {
    item.get("state")
        .and_then(Value::as_str)
        .is_some_and(|s| states.iter().any(|w| s.eq_ignore_ascii_case(w)))
}

fn amount_value(item: &Value) -> Option<i64> {
    item.get("amount")
        .and_then(|a| a.get("value"))
        .and_then(as_i64)
}

/// Where to post a refund: the first successful capture's `cnp:refund` link (or its self link +
/// `/refund`) for `SALE` and captured `AUTH` orders, else the payment's own `cnp:refund` link
/// (`PURCHASE`).
fn refund_href(payment: &Value) -> Option<String> {
    let capture = embedded(payment, "cnp:capture")
        .iter()
        .find(|c| has_state(c, &["SUCCESS"]));
    if let Some(capture) = capture {
        if let Some(h) = href(capture, "cnp:refund") {
            return Some(h.to_owned());
        }
        if let Some(h) = href(capture, "self") {
            return Some(format!("{}/refund", h.trim_end_matches('/')));
        }
    }
    href(payment, "cnp:refund").map(str::to_owned)
}

/// Reads an order object (create and GET answers, webhook `order`).
pub(crate) fn parse_order(json: &Value) -> Result<GatewayOrder, GatewayError> {
    let reference = order_reference(json)
        .ok_or_else(|| GatewayError::Protocol("order without reference".to_owned()))?;
    let amount_minor = amount_value(json).ok_or_else(|| {
        GatewayError::Protocol(format!("order {reference} without an integer amount.value"))
    })?;
    let currency = json
        .pointer("/amount/currencyCode")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let pay_url = json
        .pointer("/_links/payment/href")
        .and_then(Value::as_str)
        .map(str::to_owned);

    let payment = first_payment(json);
    let state = payment
        .and_then(|p| p.get("state"))
        .and_then(Value::as_str)
        .map_or(PaymentState::Started, PaymentState::parse);
    let payment_id = payment.and_then(|p| {
        p.get("_id")
            .and_then(Value::as_str)
            .map(last_segment)
            .or_else(|| p.get("reference").and_then(Value::as_str))
            .filter(|id| !id.is_empty())
            .map(str::to_owned)
    });

    let (mut captured_minor, mut refunded_minor, mut captures) = (0, 0, 0);
    if let Some(payment) = payment {
        for capture in embedded(payment, "cnp:capture") {
            if has_state(capture, &["SUCCESS"]) {
                captures += 1;
                captured_minor += amount_value(capture).unwrap_or(0);
            }
        }
        for refund in embedded(payment, "cnp:refund") {
            if has_state(refund, &["SUCCESS", "REQUESTED"]) {
                refunded_minor += amount_value(refund).unwrap_or(0);
            }
        }
    }
    let taken_without_captures = matches!(
        state,
        PaymentState::Purchased
            | PaymentState::Captured
            | PaymentState::PartiallyRefunded
            | PaymentState::Refunded
    );
    if captures == 0 && taken_without_captures {
        captured_minor = amount_minor;
    }
    let saved_card = payment
        .and_then(|p| p.get("savedCard"))
        .and_then(saved_card::parse);

    Ok(GatewayOrder {
        reference,
        pay_url,
        state,
        amount_minor,
        currency,
        payment_id,
        captured_minor,
        refunded_minor,
        saved_card,
    })
}

/// A JSON integer, an integral float, or an integer string.
fn as_i64(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => n
            .as_i64()
            .or_else(|| n.as_f64().filter(|f| f.fract() == 0.0).map(|f| f as i64)),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn truncate(s: &str, max_chars: usize) -> String {
    match s.char_indices().nth(max_chars) {
        Some((idx, _)) => format!("{}…", &s[..idx]),
        None => s.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn order(payment: Value) -> Value {
        json!({
            "_id": "urn:order:ord-1",
            "amount": { "currencyCode": "SAR", "value": 11500 },
            "_links": { "payment": { "href": "https://paypage.example/?code=abc" } },
            "_embedded": { "payment": [payment] }
        })
    }

    #[test]
    fn serializes_the_documented_order_body() {
        let body = OrderRequest {
            action: "PURCHASE",
            amount: Amount {
                currency_code: "SAR",
                value: 11500,
            },
            email_address: "a@b.sa",
            language: "ar",
            merchant_attributes: MerchantAttributes {
                redirect_url: "https://shop/pay/return",
                cancel_url: "https://shop/cart",
                skip_confirmation_page: true,
            },
            merchant_order_reference: "ORD-1001",
            billing_address: BillingAddress {
                first_name: "Ali",
                last_name: "Saleh",
            },
        };
        assert_eq!(
            serde_json::to_value(&body).unwrap(),
            json!({"action":"PURCHASE","amount":{"currencyCode":"SAR","value":11500},"emailAddress":"a@b.sa","language":"ar",
             "merchantAttributes":{"redirectUrl":"https://shop/pay/return","cancelUrl":"https://shop/cart","skipConfirmationPage":true},
             "merchantOrderReference":"ORD-1001","billingAddress":{"firstName":"Ali","lastName":"Saleh"}})
        );
    }

    #[test]
    fn reads_a_started_order() {
        let o = parse_order(&order(json!({
            "_id": "urn:payment:pay-1", "state": "STARTED",
            "amount": { "currencyCode": "SAR", "value": 11500 }
        })))
        .unwrap();
        assert_eq!(o.reference, "ord-1");
        assert_eq!(
            o.pay_url.as_deref(),
            Some("https://paypage.example/?code=abc")
        );
        assert_eq!(o.state, PaymentState::Started);
        assert_eq!((o.amount_minor, o.currency.as_str()), (11500, "SAR"));
        assert_eq!(o.payment_id.as_deref(), Some("pay-1"));
        assert_eq!((o.captured_minor, o.refunded_minor), (0, 0));

        let mut bare = order(json!({}));
        bare["_embedded"] = json!({});
        assert_eq!(parse_order(&bare).unwrap().state, PaymentState::Started);
        assert!(matches!(
            parse_order(&json!({"reference": "x"})),
            Err(GatewayError::Protocol(_))
        ));
        assert!(matches!(
            parse_order(&json!({"amount": {"value": 1}})),
            Err(GatewayError::Protocol(_))
        ));
    }

    #[test]
    fn sums_captures_and_refunds() {
        let o = parse_order(&order(json!({
            "_id": "urn:payment:pay-1", "state": "PARTIALLY_REFUNDED",
            "_embedded": {
                "cnp:capture": [
                    {"state": "SUCCESS", "amount": {"value": 11500}},
                    {"state": "FAILED", "amount": {"value": 11500}}
                ],
                "cnp:refund": [
                    {"state": "SUCCESS", "amount": {"value": 1000}},
                    {"state": "REQUESTED", "amount": {"value": "500"}},
                    {"state": "FAILED", "amount": {"value": 700}}
                ]
            }
        })))
        .unwrap();
        assert_eq!((o.captured_minor, o.refunded_minor), (11500, 1500));

        let purchased = parse_order(&order(json!({"state": "PURCHASED"}))).unwrap();
        assert_eq!(purchased.captured_minor, 11500);
        let authorised = parse_order(&order(json!({"state": "AUTHORISED"}))).unwrap();
        assert_eq!(authorised.captured_minor, 0);
    }

    #[test]
    fn picks_the_refund_link() {
        let capture_link = json!({"_embedded": {"cnp:capture": [
            {"state": "FAILED", "_links": {"cnp:refund": {"href": "https://gw/failed/refund"}}},
            {"state": "SUCCESS", "_links": {"self": {"href": "https://gw/c1"}, "cnp:refund": {"href": "https://gw/c1/refund"}}}
        ]}, "_links": {"cnp:refund": {"href": "https://gw/p/refund"}}});
        assert_eq!(
            refund_href(&capture_link).as_deref(),
            Some("https://gw/c1/refund")
        );

        let self_only = json!({"_embedded": {"cnp:capture": [
            {"state": "SUCCESS", "_links": {"self": {"href": "https://gw/c2/"}}}
        ]}});
        assert_eq!(
            refund_href(&self_only).as_deref(),
            Some("https://gw/c2/refund")
        );

        let purchase = json!({"state": "PURCHASED", "_links": {"cnp:refund": {"href": "https://gw/p/refund"}}});
        assert_eq!(
            refund_href(&purchase).as_deref(),
            Some("https://gw/p/refund")
        );

        assert_eq!(refund_href(&json!({"state": "STARTED"})), None);
    }

    #[test]
    fn error_messages() {
        let s = StatusCode::BAD_REQUEST;
        assert_eq!(
            error_message(
                s,
                r#"{"message":"top","errors":[{"message":"Invalid amount"}]}"#
            ),
            "Invalid amount"
        );
        assert_eq!(error_message(s, r#"{"message":"top"}"#), "top");
        assert_eq!(error_message(s, "  "), "Bad Request");
        assert_eq!(error_message(s, "<html>down</html>"), "<html>down</html>");
        assert!(error_message(s, &"x".repeat(500)).ends_with('…'));
    }

    #[test]
    fn follows_links_on_the_configured_origin_only() {
        let gw = NGenius::new(NGeniusConfig::new("https://gw.example/", "key", "outlet")).unwrap();
        assert_eq!(
            gw.follow("https://gw.example/a/b/refund").unwrap().as_str(),
            "https://gw.example/a/b/refund"
        );
        assert_eq!(
            gw.follow("/a/refund?x=1").unwrap().as_str(),
            "https://gw.example/a/refund?x=1"
        );
        assert_eq!(
            gw.follow("https://evil.example/a/refund").unwrap().as_str(),
            "https://gw.example/a/refund"
        );
        assert_eq!(
            gw.order_url("a b/c").as_str(),
            "https://gw.example/transactions/outlets/outlet/orders/a%20b%2Fc"
        );
    }

    #[test]
    fn refuses_bad_setup() {
        for base in ["not a url", "mailto:a@b.sa", "ftp://gw.example"] {
            let err = NGenius::new(NGeniusConfig::new(base, "key", "o")).unwrap_err();
            assert!(
                matches!(err, GatewayError::Unreachable(_)),
                "{base}: {err:?}"
            );
        }
        let err = NGenius::new(NGeniusConfig::new("https://gw", "bad\nkey", "o")).unwrap_err();
        assert!(!err.to_string().contains("bad"), "{err}");
    }
}
