//! Card payments: the [`CardGateway`] port and its adapters.
//!
//! - [`NGenius`]: N-Genius Online (Network International) hosted payment page, used in production.
//! - `fake` (cargo feature `fake`): an in-process fake N-Genius server for tests.
//!
//! Amounts are integer minor units (halalas for SAR) everywhere.

use std::fmt;

use serde_json::Value;

pub mod ngenius;

#[cfg(feature = "fake")]
pub mod fake;

pub use ngenius::{NGenius, NGeniusConfig};

/// A payment to start on the gateway's hosted page. Amounts are integer minor units (halalas for SAR).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreateOrder {
    /// Our id, letters, digits and `-` only (N-Genius `merchantOrderReference`).
    pub merchant_reference: String,
    pub amount_minor: i64,
    /// ISO 4217, `"SAR"`.
    pub currency: String,
    pub email: String,
    /// `"ar"` or `"en"`.
    pub language: String,
    /// Where the gateway sends the browser after paying (N-Genius adds `?ref={order reference}`).
    pub redirect_url: String,
    /// The "back to shop" link of the pay page.
    pub cancel_url: String,
    pub first_name: String,
    pub last_name: String,
}

/// The state of an order's payment, as the gateway reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PaymentState {
    /// Order created; the customer has not paid yet.
    Started,
    Pending,
    /// 3-D Secure in progress.
    Await3ds,
    /// Authorised (action `AUTH`), waiting for capture.
    Authorised,
    /// `SALE` succeeded, or an `AUTH` was captured.
    Captured,
    /// `PURCHASE` succeeded.
    Purchased,
    /// Declined or failed.
    Failed,
    /// The payer cancelled on the pay page.
    Cancelled,
    /// Authorisation or sale voided.
    Reversed,
    PartiallyRefunded,
    Refunded,
    /// Any other state (e.g. `POST_AUTH_REVIEW`), as received.
    Other(String),
}

impl PaymentState {
    /// Reads a gateway state; `AWAIT_3DS` and `AWAIT3DS` are both 3-D Secure. Case-insensitive;
    /// unknown values are kept in [`PaymentState::Other`].
    pub fn parse(s: &str) -> Self {
        match s.trim().to_ascii_uppercase().as_str() {
            "STARTED" => Self::Started,
            "PENDING" => Self::Pending,
            "AWAIT_3DS" | "AWAIT3DS" => Self::Await3ds,
            "AUTHORISED" => Self::Authorised,
            "CAPTURED" => Self::Captured,
            "PURCHASED" => Self::Purchased,
            "FAILED" => Self::Failed,
            "CANCELLED" => Self::Cancelled,
            "REVERSED" => Self::Reversed,
            "PARTIALLY_REFUNDED" => Self::PartiallyRefunded,
            "REFUNDED" => Self::Refunded,
            _ => Self::Other(s.to_owned()),
        }
    }

    /// The gateway spelling (`AWAIT_3DS` for [`PaymentState::Await3ds`]).
    pub fn as_str(&self) -> &str {
        match self {
            Self::Started => "STARTED",
            Self::Pending => "PENDING",
            Self::Await3ds => "AWAIT_3DS",
            Self::Authorised => "AUTHORISED",
            Self::Captured => "CAPTURED",
            Self::Purchased => "PURCHASED",
            Self::Failed => "FAILED",
            Self::Cancelled => "CANCELLED",
            Self::Reversed => "REVERSED",
            Self::PartiallyRefunded => "PARTIALLY_REFUNDED",
            Self::Refunded => "REFUNDED",
            Self::Other(s) => s,
        }
    }

    /// Money was taken (authorised, captured or purchased, possibly refunded since).
    pub fn is_paid(&self) -> bool {
        matches!(
            self,
            Self::Authorised
                | Self::Captured
                | Self::Purchased
                | Self::PartiallyRefunded
                | Self::Refunded
        )
    }

    /// The payment ended without money taken (declined, cancelled or voided).
    pub fn is_declined(&self) -> bool {
        matches!(self, Self::Failed | Self::Cancelled | Self::Reversed)
    }
}

impl fmt::Display for PaymentState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An order as the gateway holds it.
#[derive(Debug, Clone)]
pub struct GatewayOrder {
    /// The gateway's order reference.
    pub reference: String,
    /// The hosted pay page (`_links.payment.href`); send the customer there.
    pub pay_url: Option<String>,
    /// `_embedded.payment[0].state`; [`PaymentState::Started`] when there is no payment yet.
    pub state: PaymentState,
    pub amount_minor: i64,
    pub currency: String,
    /// The last `:` segment of the payment's `_id`.
    pub payment_id: Option<String>,
    /// Sum of the `SUCCESS` captures; the whole amount when money was taken without a capture
    /// list (`PURCHASE`, or `CAPTURED` without captures).
    pub captured_minor: i64,
    /// Sum of the `SUCCESS` and `REQUESTED` refunds.
    pub refunded_minor: i64,
    /// The card the payment was made with, as the gateway tokenised it (N-Genius "Pay by Token":
    /// `_embedded.payment[0].savedCard`), when it says so.
    pub saved_card: Option<SavedCard>,
}

/// A card the gateway tokenised, as N-Genius returns it in a payment's `savedCard` (docs
/// "Pay by Token": `cardToken`, `cardholderName`, `expiry` as `YYYY-MM`, `maskedPan`, `scheme`;
/// the Android SDK's `SavedCard` adds `recaptureCsc`). The token is a secret: `Debug` hides it.
#[derive(Clone, PartialEq, Eq)]
pub struct SavedCard {
    /// `cardToken`: charges the card at this gateway, and nothing else.
    pub token: String,
    /// `maskedPan`, e.g. `401200******1112`.
    pub masked_pan: String,
    /// `expiry`, `YYYY-MM`.
    pub expiry: String,
    pub cardholder_name: String,
    /// `VISA`, `MASTERCARD`, `MADA`, ...
    pub scheme: String,
    /// The gateway wants the security code again for each payment (`recaptureCsc`).
    pub recapture_csc: bool,
}

impl SavedCard {
    /// The last four digits of the masked number (fewer if it shows fewer).
    pub fn last4(&self) -> String {
        let digits: Vec<char> = self
            .masked_pan
            .chars()
            .filter(char::is_ascii_digit)
            .collect();
        digits[digits.len().saturating_sub(4)..].iter().collect()
    }

    /// `(year, month)` of `expiry` (`YYYY-MM`), if it reads as one.
    pub fn expiry_year_month(&self) -> Option<(i32, u8)> {
        let (year, month) = self.expiry.trim().split_once('-')?;
        let year: i32 = year.parse().ok().filter(|y| (2000..=2200).contains(y))?;
        let month: u8 = month.parse().ok().filter(|m| (1..=12).contains(m))?;
        Some((year, month))
    }
}

impl fmt::Debug for SavedCard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SavedCard")
            .field("token", &"<redacted>")
            .field("masked_pan", &self.masked_pan)
            .field("expiry", &self.expiry)
            .field("scheme", &self.scheme)
            .field("recapture_csc", &self.recapture_csc)
            .finish_non_exhaustive()
    }
}

/// A gateway notification. Carries no trusted state: re-read the order with
/// [`CardGateway::get_order`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebhookEvent {
    /// E.g. `PURCHASED`, `DECLINED`, `REFUNDED`.
    pub event_name: String,
    pub order_reference: String,
}

#[derive(Debug, thiserror::Error)]
pub enum GatewayError {
    /// Connecting, sending or reading failed (DNS, TLS, timeout, reset, ...), or the adapter
    /// could not be set up to connect (bad base URL, HTTP client construction).
    #[error("gateway unreachable: {0}")]
    Unreachable(String),
    /// The gateway answered a non-2xx status. `message` is `errors[0].message` when present.
    #[error("gateway refused: {status} {message}")]
    Refused { status: u16, message: String },
    /// A 2xx answer we could not understand, or one lacking what the call needs.
    #[error("gateway answered something unexpected: {0}")]
    Protocol(String),
}

#[async_trait::async_trait]
pub trait CardGateway: Send + Sync {
    /// Short adapter name for logs and metrics: `"ngenius"`.
    fn name(&self) -> &'static str;
    /// Whether card payments can be taken at all; only [`NoGateway`] says no.
    fn is_configured(&self) -> bool {
        true
    }
    /// Creates an order for the hosted pay page.
    async fn create_order(&self, req: &CreateOrder) -> Result<GatewayOrder, GatewayError>;
    /// Reads an order by the gateway's reference.
    async fn get_order(&self, reference: &str) -> Result<GatewayOrder, GatewayError>;
    /// Refunds `amount_minor` of a paid order (partial allowed), following the links the gateway
    /// returned; returns the order re-read after the refund.
    async fn refund(
        &self,
        reference: &str,
        amount_minor: i64,
    ) -> Result<GatewayOrder, GatewayError>;
    /// Whether [`CardGateway::pay_with_saved_card`] can charge a card this gateway tokenised.
    fn supports_saved_cards(&self) -> bool {
        false
    }
    /// Pays the order `reference` (made by [`CardGateway::create_order`], not paid yet) with a
    /// card this gateway tokenised before, with no hosted page; returns the order re-read. Its
    /// state says how it went: paid, declined, or still open (e.g. [`PaymentState::Await3ds`]:
    /// the customer must finish on the order's hosted page).
    async fn pay_with_saved_card(
        &self,
        reference: &str,
        card: &SavedCard,
    ) -> Result<GatewayOrder, GatewayError> {
        let _ = (reference, card);
        Err(GatewayError::Refused {
            status: 501,
            message: format!("{} does not take saved cards", self.name()),
        })
    }
}

/// The gateway of a node with none configured: card payment is unavailable,
/// so nothing can be confirmed as captured without a real gateway saying so.
pub struct NoGateway;

#[async_trait::async_trait]
impl CardGateway for NoGateway {
    fn name(&self) -> &'static str {
        "none"
    }
    fn is_configured(&self) -> bool {
        false
    }
    async fn create_order(&self, _: &CreateOrder) -> Result<GatewayOrder, GatewayError> {
        Err(GatewayError::Unreachable(
            "no card gateway is configured".into(),
        ))
    }
    async fn get_order(&self, _: &str) -> Result<GatewayOrder, GatewayError> {
        Err(GatewayError::Unreachable(
            "no card gateway is configured".into(),
        ))
    }
    async fn refund(&self, _: &str, _: i64) -> Result<GatewayOrder, GatewayError> {
        Err(GatewayError::Unreachable(
            "no card gateway is configured".into(),
        ))
    }
}

/// Parses a webhook body `{"eventName": "...", "order": {"reference": ...}}`, tolerant of unknown
/// keys. The order reference falls back to the last `:` segment of `order._id`.
///
/// Authenticating the sender (the configured header) is the caller's job.
pub fn parse_webhook(body: &[u8]) -> Result<WebhookEvent, GatewayError> {
    let json: Value = serde_json::from_slice(body)
        .map_err(|e| GatewayError::Protocol(format!("webhook body is not JSON: {e}")))?;
    let event_name = json
        .get("eventName")
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .ok_or_else(|| GatewayError::Protocol("webhook without eventName".to_owned()))?;
    let order = json
        .get("order")
        .ok_or_else(|| GatewayError::Protocol("webhook without order".to_owned()))?;
    let order_reference = ngenius::order_reference(order)
        .ok_or_else(|| GatewayError::Protocol("webhook order without reference".to_owned()))?;
    Ok(WebhookEvent {
        event_name: event_name.to_owned(),
        order_reference,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_states() {
        for (text, state) in [
            ("STARTED", PaymentState::Started),
            ("PENDING", PaymentState::Pending),
            ("AWAIT_3DS", PaymentState::Await3ds),
            ("AWAIT3DS", PaymentState::Await3ds),
            ("AUTHORISED", PaymentState::Authorised),
            ("CAPTURED", PaymentState::Captured),
            ("PURCHASED", PaymentState::Purchased),
            ("FAILED", PaymentState::Failed),
            ("CANCELLED", PaymentState::Cancelled),
            ("REVERSED", PaymentState::Reversed),
            ("PARTIALLY_REFUNDED", PaymentState::PartiallyRefunded),
            ("REFUNDED", PaymentState::Refunded),
            ("purchased", PaymentState::Purchased),
        ] {
            assert_eq!(PaymentState::parse(text), state, "{text}");
        }
        assert_eq!(PaymentState::Await3ds.as_str(), "AWAIT_3DS");
        assert_eq!(
            PaymentState::parse("POST_AUTH_REVIEW"),
            PaymentState::Other("POST_AUTH_REVIEW".to_owned())
        );
        assert_eq!(
            PaymentState::parse("POST_AUTH_REVIEW").as_str(),
            "POST_AUTH_REVIEW"
        );
        for state in [
            PaymentState::PartiallyRefunded,
            PaymentState::Purchased,
            PaymentState::Started,
        ] {
            assert_eq!(PaymentState::parse(state.as_str()), state);
        }
    }

    #[test]
    fn classifies_states() {
        use PaymentState::*;
        for paid in [Authorised, Captured, Purchased, PartiallyRefunded, Refunded] {
            assert!(paid.is_paid() && !paid.is_declined(), "{paid}");
        }
        for declined in [Failed, Cancelled, Reversed] {
            assert!(declined.is_declined() && !declined.is_paid(), "{declined}");
        }
        for open in [Started, Pending, Await3ds, Other("POST_AUTH_REVIEW".into())] {
            assert!(!open.is_paid() && !open.is_declined(), "{open}");
        }
    }

    #[test]
    fn webhook_needs_event_and_reference() {
        let ok = parse_webhook(br#"{"eventName":"CAPTURED","order":{"_id":"urn:order:abc-1"}}"#)
            .unwrap();
        assert_eq!(ok.order_reference, "abc-1");
        for bad in [
            &b"not json"[..],
            br#"{"order":{"reference":"r"}}"#,
            br#"{"eventName":"","order":{"reference":"r"}}"#,
            br#"{"eventName":"PURCHASED"}"#,
            br#"{"eventName":"PURCHASED","order":{}}"#,
        ] {
            assert!(
                matches!(parse_webhook(bad), Err(GatewayError::Protocol(_))),
                "{}",
                String::from_utf8_lossy(bad)
            );
        }
    }
}
