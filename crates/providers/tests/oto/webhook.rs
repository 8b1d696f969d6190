//! `orderStatus` webhooks built by the fake, checked by `verify_webhook`.

use providers::shipping::{WebhookError, WebhookKeys, verify_webhook};
use serde_json::Value;

use super::*;

#[tokio::test]
async fn a_webhook_from_the_fake_verifies() {
    let (fake, oto) = ready().await;
    oto.create_shipment(&shipment("Q-2001", Some(EXPRESS_OPTION_ID), None))
        .await
        .unwrap();
    let oto_id = fake.oto_id("Q-2001").unwrap();
    let keys = fake.webhook_keys();

    let (authorization, body) = fake.webhook("Q-2001", "outForDelivery");

    let event = verify_webhook(&keys, Some(&authorization), &body).unwrap();
    assert_eq!(event.order_id, "Q-2001");
    assert_eq!(event.status, TrackingStatus::OutForDelivery);
    assert_eq!(event.raw_status, "outForDelivery");
    assert_eq!(
        event.tracking_number.as_deref(),
        Some(format!("OTO{oto_id}").as_str())
    );
    assert!(event.tracking_url.is_some());
    assert!(
        event
            .timestamp_ms()
            .is_some_and(|ms| ms > 1_700_000_000_000)
    );
    let bearer = format!("Bearer {authorization}");
    assert!(verify_webhook(&keys, Some(&bearer), &body).is_ok());

    let (_, unknown) = fake.webhook("Q-2001", "handedToNeighbour");
    let event = verify_webhook(&keys, Some(&authorization), &unknown).unwrap();
    assert_eq!(event.status, TrackingStatus::InProgress);
    assert_eq!(event.raw_status, "handedToNeighbour");
}

#[tokio::test]
async fn bad_webhooks_are_refused() {
    let fake = FakeOto::start(REFRESH).await;
    let keys = fake.webhook_keys();
    let (authorization, body) = fake.webhook("Q-3001", "delivered");

    let wrong_secret = WebhookKeys {
        secret_key: "not-the-secret".into(),
        ..keys.clone()
    };
    assert_eq!(
        verify_webhook(&wrong_secret, Some(&authorization), &body),
        Err(WebhookError::BadSignature)
    );

    let mut tampered: Value = serde_json::from_slice(&body).unwrap();
    tampered["status"] = json!("returned");
    let tampered = serde_json::to_vec(&tampered).unwrap();
    assert_eq!(
        verify_webhook(&keys, Some(&authorization), &tampered),
        Err(WebhookError::BadSignature)
    );

    for header in [None, Some("wrong-key"), Some("Bearer wrong-key")] {
        assert_eq!(
            verify_webhook(&keys, header, &body),
            Err(WebhookError::Unauthorized),
            "{header:?}"
        );
    }
    assert!(matches!(
        verify_webhook(&keys, Some(&authorization), b"{\"orderId\":"),
        Err(WebhookError::Malformed(_))
    ));

    // Keys set on the fake sign what it sends from then on.
    let rotated = WebhookKeys {
        authorization_key: "rotated-auth".into(),
        secret_key: "rotated-secret".into(),
    };
    fake.set_webhook_keys(rotated.clone());
    let (authorization, body) = fake.webhook("Q-3001", "delivered");
    assert_eq!(authorization, "rotated-auth");
    assert!(verify_webhook(&rotated, Some(&authorization), &body).is_ok());
    assert_eq!(
        verify_webhook(&keys, Some(&authorization), &body),
        Err(WebhookError::Unauthorized)
    );
}
