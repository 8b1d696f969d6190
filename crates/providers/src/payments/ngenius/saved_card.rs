//! N-Genius "Pay by Token": reading the `savedCard` of a paid payment and paying a later order
//! with it, with no hosted page.
//!
//! Sources: docs.ngenius-payments.com/reference/pay-by-token-paypage (the `savedCard` block:
//! `cardToken`, `cardholderName`, `expiry` `YYYY-MM`, `maskedPan`, `scheme`, returned in the
//! payment of each successful transaction when the outlet has the feature); the provider's Android
//! SDK (`network-international/payment-sdk-android`: `SavedCard` adds `recaptureCsc`,
//! `SavedCardPaymentApiInteractor` PUTs `{expiry, cardToken, cardholderName}` with the v2 media
//! types to the payment's `_links["payment:saved-card"].href`, which sample answers show as
//! `…/orders/{order}/payments/{payment}/saved-card`). `maskedPan` is sent too, as the saved-card
//! block is documented with it; the API ignores fields it does not use. The answer is the payment
//! object, re-read here as the order so that the caller gets one shape.

use reqwest::Method;
use serde_json::{Value, json};

use super::{NGenius, first_payment, href, last_segment};
use crate::payments::{CardGateway, GatewayError, GatewayOrder, SavedCard};

/// `savedCard` of a payment, when it carries a token, a masked number and an expiry.
pub(super) fn parse(v: &Value) -> Option<SavedCard> {
    let text = |key: &str| {
        v.get(key)
            .and_then(Value::as_str)
            .map(str::trim)
            .unwrap_or_default()
            .to_owned()
    };
    let card = SavedCard {
        token: text("cardToken"),
        masked_pan: text("maskedPan"),
        expiry: text("expiry"),
        cardholder_name: text("cardholderName"),
        scheme: text("scheme"),
        recapture_csc: v
            .get("recaptureCsc")
            .and_then(Value::as_bool)
            .unwrap_or(false),
    };
    let complete = !card.token.is_empty() && !card.masked_pan.is_empty() && !card.expiry.is_empty();
    complete.then_some(card)
}

/// The body of the saved-card payment.
pub(super) fn body(card: &SavedCard) -> Value {
    json!({
        "maskedPan": card.masked_pan,
        "expiry": card.expiry,
        "cardholderName": card.cardholder_name,
        "cardToken": card.token,
    })
}

impl NGenius {
    pub(super) async fn pay_saved_inner(
        &self,
        reference: &str,
        card: &SavedCard,
    ) -> Result<GatewayOrder, GatewayError> {
        let json = self.order_json(reference).await?;
        let payment = first_payment(&json).ok_or_else(|| {
            GatewayError::Protocol(format!("order {reference} has no payment to pay"))
        })?;
        // The link the gateway gave, else the documented path behind it.
        let url = match href(payment, "payment:saved-card") {
            Some(link) => self.follow(link)?,
            None => {
                let id = payment
                    .get("_id")
                    .and_then(Value::as_str)
                    .map(last_segment)
                    .or_else(|| payment.get("reference").and_then(Value::as_str))
                    .filter(|id| !id.is_empty())
                    .ok_or_else(|| {
                        GatewayError::Protocol(format!("order {reference}: payment without id"))
                    })?;
                self.endpoint(&[
                    "transactions",
                    "outlets",
                    &self.config.outlet_ref,
                    "orders",
                    reference,
                    "payments",
                    id,
                    "saved-card",
                ])
            }
        };
        self.call(Method::PUT, url, Some(&body(card))).await?;
        self.get_order(reference).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_documented_block() {
        let card = parse(&json!({
            "cardToken": "dG9rZW4=", "cardholderName": "Test Customer", "expiry": "2025-04",
            "maskedPan": "401200******1112", "scheme": "VISA", "recaptureCsc": true, "extra": 1
        }))
        .unwrap();
        assert_eq!(card.token, "dG9rZW4=");
        assert_eq!(card.last4(), "1112");
        assert_eq!(card.expiry_year_month(), Some((2025, 4)));
        assert!(card.recapture_csc);
        assert!(
            !format!("{card:?}").contains("dG9rZW4="),
            "Debug hides the token"
        );
        assert_eq!(
            body(&card),
            json!({"maskedPan":"401200******1112","expiry":"2025-04","cardholderName":"Test Customer","cardToken":"dG9rZW4="})
        );
        for missing in ["cardToken", "maskedPan", "expiry"] {
            let mut v = json!({"cardToken": "t", "maskedPan": "4***1", "expiry": "2030-01"});
            v[missing] = json!("");
            assert!(parse(&v).is_none(), "{missing}");
        }
    }
}
