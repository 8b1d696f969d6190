//! OTO's `orderStatus` webhook: the `Authorization` header carries the authorization key given
//! at registration, and the body's `signature` is Base64(HMAC-SHA256(secret key,
//! `{orderId}:{status}:{timestamp}`)).

use std::fmt;

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;
use hmac::{Hmac, KeyInit, Mac};
use serde_json::Value;
use sha2::Sha256;

use super::{StatusEvent, TrackingStatus, text};

/// Largest webhook body [`verify_webhook`] reads.
pub const MAX_WEBHOOK_BYTES: usize = 64 * 1024;

/// The keys given to OTO when registering the `orderStatus` webhook.
#[derive(Clone)]
pub struct WebhookKeys {
    /// Sent back by OTO as the `Authorization` header.
    pub authorization_key: String,
    /// Signs `{orderId}:{status}:{timestamp}` (HMAC-SHA256, Base64) in the body's `signature`.
    pub secret_key: String,
}

impl fmt::Debug for WebhookKeys {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("WebhookKeys")
            .field("authorization_key", &"<redacted>")
            .field("secret_key", &"<redacted>")
            .finish()
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum WebhookError {
    /// The `Authorization` header is missing or is not the authorization key.
    #[error("webhook authorization refused")]
    Unauthorized,
    /// The body's `signature` does not match its order, status and timestamp.
    #[error("webhook signature does not match")]
    BadSignature,
    #[error("webhook body unreadable: {0}")]
    Malformed(String),
}

/// The Base64 HMAC-SHA256 of `{order_id}:{status}:{timestamp}` under `secret`: OTO's webhook
/// `signature`.
pub fn sign(secret: &str, order_id: &str, status: &str, timestamp: &str) -> String {
    BASE64.encode(
        signature_mac(secret, order_id, status, timestamp)
            .finalize()
            .into_bytes(),
    )
}

fn signature_mac(secret: &str, order_id: &str, status: &str, timestamp: &str) -> Hmac<Sha256> {
    let mut mac =
        Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes keys of any length");
    mac.update(format!("{order_id}:{status}:{timestamp}").as_bytes());
    mac
}

/// Authenticates and reads an OTO `orderStatus` webhook: the `Authorization` header (bare or
/// `Bearer `) must be the authorization key, and the body's `signature` must sign its order,
/// status and timestamp under the secret key. Both comparisons are constant-time.
pub fn verify_webhook(
    cfg: &WebhookKeys,
    authorization_header: Option<&str>,
    body: &[u8],
) -> Result<StatusEvent, WebhookError> {
    let presented = authorization_header.map(|h| {
        let h = h.trim();
        match h.get(..7) {
            Some(scheme) if scheme.eq_ignore_ascii_case("bearer ") => h[7..].trim(),
            _ => h,
        }
    });
    // An unset key must not let an empty header through.
    let authorized = !cfg.authorization_key.is_empty()
        && presented.is_some_and(|p| same_secret(p, &cfg.authorization_key));
    if !authorized {
        return Err(WebhookError::Unauthorized);
    }
    if body.len() > MAX_WEBHOOK_BYTES {
        return Err(WebhookError::Malformed(format!(
            "body of {} bytes, over {MAX_WEBHOOK_BYTES}",
            body.len()
        )));
    }
    let json: Value = serde_json::from_slice(body)
        .map_err(|e| WebhookError::Malformed(format!("not JSON: {e}")))?;
    // The signed values exactly as sent (no trimming): anything else is a different message.
    let field = |key: &str| -> Result<String, WebhookError> {
        let value = match json.get(key) {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Number(n)) => n.to_string(),
            _ => String::new(),
        };
        if value.is_empty() {
            return Err(WebhookError::Malformed(format!("no {key}")));
        }
        Ok(value)
    };
    let order_id = field("orderId")?;
    let raw_status = field("status")?;
    let timestamp = field("timestamp")?;
    let signature = field("signature")?;
    let tag = BASE64
        .decode(signature.trim())
        .map_err(|_| WebhookError::BadSignature)?;
    signature_mac(&cfg.secret_key, &order_id, &raw_status, &timestamp)
        .verify_slice(&tag)
        .map_err(|_| WebhookError::BadSignature)?;
    let optional = |key: &str| json.get(key).and_then(text).filter(|s| !s.is_empty());
    Ok(StatusEvent {
        status: TrackingStatus::from_oto(&raw_status),
        tracking_number: optional("trackingNumber"),
        tracking_url: optional("trackingUrl"),
        note: optional("note"),
        order_id,
        raw_status,
        timestamp,
    })
}

/// Compares keyed digests rather than the strings: `verify_slice` is constant-time, and the
/// digests have one length whatever was presented.
fn same_secret(presented: &str, expected: &str) -> bool {
    let digest = |s: &str| {
        let mut mac = Hmac::<Sha256>::new_from_slice(b"qitaa-oto-webhook-authorization")
            .expect("HMAC takes keys of any length");
        mac.update(s.as_bytes());
        mac
    };
    digest(presented)
        .verify_slice(&digest(expected).finalize().into_bytes())
        .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys() -> WebhookKeys {
        WebhookKeys {
            authorization_key: "auth-key".into(),
            secret_key: "secret".into(),
        }
    }

    fn body(order: &str, status: &str, ts: Value, signature: &str) -> Vec<u8> {
        serde_json::to_vec(&serde_json::json!({
            "orderId": order, "status": status, "timestamp": ts, "signature": signature,
            "trackingNumber": "ASD00123", "note": "", "driverName": "Fahad"
        }))
        .unwrap()
    }

    #[test]
    fn signs_like_the_documented_example() {
        // `printf '1234:delivered:1595941360328' | openssl dgst -sha256 -hmac secret -binary | base64`
        let sig = sign("secret", "1234", "delivered", "1595941360328");
        assert_eq!(sig, "ucW1ZxZ1rI0KoinjVpfMLwAaZsliKn/49B9wkALHoqw=");
        assert_ne!(sig, sign("secret", "1234", "returned", "1595941360328"));
        assert_ne!(sig, sign("other", "1234", "delivered", "1595941360328"));
    }

    #[test]
    fn verifies_header_and_signature() {
        let sig = sign("secret", "1234", "delivered", "1595941360328");
        let ok = body("1234", "delivered", "1595941360328".into(), &sig);
        for header in [
            "auth-key",
            "Bearer auth-key",
            "bearer  auth-key",
            " auth-key ",
        ] {
            let event = verify_webhook(&keys(), Some(header), &ok).unwrap();
            assert_eq!(event.status, TrackingStatus::Delivered);
            assert_eq!(event.tracking_number.as_deref(), Some("ASD00123"));
            assert_eq!(event.note, None);
            assert_eq!(event.timestamp_ms(), Some(1595941360328));
        }
        // A numeric timestamp is signed as its digits.
        let numeric = body("1234", "delivered", 1595941360328u64.into(), &sig);
        assert!(verify_webhook(&keys(), Some("auth-key"), &numeric).is_ok());

        for header in [None, Some(""), Some("auth-ke"), Some("Basic auth-key")] {
            assert_eq!(
                verify_webhook(&keys(), header, &ok),
                Err(WebhookError::Unauthorized),
                "{header:?}"
            );
        }
        let unset = WebhookKeys {
            authorization_key: String::new(),
            ..keys()
        };
        assert_eq!(
            verify_webhook(&unset, Some(""), &ok),
            Err(WebhookError::Unauthorized)
        );
        let tampered = body("1234", "returned", "1595941360328".into(), &sig);
        assert_eq!(
            verify_webhook(&keys(), Some("auth-key"), &tampered),
            Err(WebhookError::BadSignature)
        );
        let not_base64 = body("1234", "delivered", "1595941360328".into(), "%%%");
        assert_eq!(
            verify_webhook(&keys(), Some("auth-key"), &not_base64),
            Err(WebhookError::BadSignature)
        );
    }

    #[test]
    fn refuses_unreadable_bodies() {
        let big = vec![b' '; MAX_WEBHOOK_BYTES + 1];
        for bad in [&b"nope"[..], br#"{"orderId":"1","status":"new"}"#, &big] {
            assert!(
                matches!(
                    verify_webhook(&keys(), Some("auth-key"), bad),
                    Err(WebhookError::Malformed(_))
                ),
                "{}",
                String::from_utf8_lossy(&bad[..bad.len().min(40)])
            );
        }
    }

    #[test]
    fn debug_redacts_keys() {
        let keys = WebhookKeys {
            authorization_key: "auth-A1".into(),
            secret_key: "sec-B2".into(),
        };
        let dbg = format!("{keys:?}");
        assert!(!dbg.contains("A1") && !dbg.contains("B2"), "{dbg}");
    }
}
