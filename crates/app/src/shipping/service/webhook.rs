//! OTO's `orderStatus` webhook: the `Authorization` key and the HMAC
//! signature over `orderId:status:timestamp` are checked (in constant time,
//! by the adapter) before anything is read as true; every call is logged
//! with its verdict and effect for the admins' webhook log.

use kernel::i18n::Message;
use kernel::{ApiError, ApiResult};
use providers::shipping::{WebhookError, verify_webhook};

use super::super::model::OTO;
use super::super::repo::{self, WebhookLog};
use super::track::{self, Applied};
use crate::AppState;

/// Verifies, logs and applies one call; a refused call changes nothing but
/// the log (401 for a wrong key or signature, 400 for an unreadable body).
pub async fn oto(state: &AppState, authorization: Option<&str>, body: &[u8]) -> ApiResult<String> {
    let text = String::from_utf8_lossy(body);
    let log =
        |verdict: &'static str, effect: String, order: Option<String>, raw: Option<String>| {
            let text = text.clone();
            async move {
                repo::log_webhook(
                    &state.db,
                    &WebhookLog {
                        carrier: OTO,
                        order_ref: order.as_deref(),
                        raw_status: raw.as_deref(),
                        verdict,
                        effect: &effect,
                        body: &text,
                    },
                )
                .await
            }
        };
    let Some(keys) = &state.config.shipping.oto_webhook else {
        log(
            "unauthorized",
            "no webhook keys configured".into(),
            None,
            None,
        )
        .await?;
        return Err(unauthorized());
    };
    let event = match verify_webhook(keys, authorization, body) {
        Ok(e) => e,
        Err(WebhookError::Unauthorized) => {
            log("unauthorized", String::new(), None, None).await?;
            return Err(unauthorized());
        }
        Err(WebhookError::BadSignature) => {
            log("bad_signature", String::new(), None, None).await?;
            return Err(unauthorized());
        }
        Err(WebhookError::Malformed(why)) => {
            log("malformed", why, None, None).await?;
            return Err(ApiError::BadRequest(Message::new(
                "shipping-webhook-malformed",
            )));
        }
    };
    let (order, raw) = (Some(event.order_id.clone()), Some(event.raw_status.clone()));
    let (verdict, effect) = match track::apply(state, &event, "webhook").await? {
        Applied::Applied(effect) => ("applied", effect),
        Applied::Duplicate => ("duplicate", "already recorded".to_owned()),
        // Answered 200 all the same: the carrier would only retry it.
        Applied::UnknownOrder => ("unknown_order", String::new()),
    };
    log(verdict, effect, order, raw).await?;
    Ok(verdict.to_owned())
}

fn unauthorized() -> ApiError {
    ApiError::Unauthenticated(Message::new("shipping-webhook-unauthorized"))
}
