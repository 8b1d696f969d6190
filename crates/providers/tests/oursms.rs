//! OurSMS adapter against the fake server (`providers::sms::fake`) and, for answers the fake
//! never gives, against small ad-hoc axum servers.

use std::time::Duration;

use axum::Router;
use axum::http::StatusCode;
use axum::routing::{get, post};
use providers::sms::fake::FakeOurSms;
use providers::sms::{OurSms, OurSmsConfig, SmsError, SmsMessage, SmsSender};
use serde_json::json;

const TOKEN: &str = "test-token-123";
const SENDER: &str = "Qitaa";
const TO: &str = "+966501234567";

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap()
}

fn oursms(base_url: String, token: &str, sender: &str) -> OurSms {
    OurSms::new(
        OurSmsConfig {
            base_url,
            token: token.to_owned(),
            sender: sender.to_owned(),
        },
        client(),
    )
}

/// Serves `app` on 127.0.0.1 and returns its base URL.
async fn serve(app: Router) -> String {
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0))
        .await
        .unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    format!("http://{addr}")
}

#[tokio::test]
async fn sends_transactional_arabic_sms() {
    let fake = FakeOurSms::start(TOKEN).await;
    let sms = oursms(fake.base_url(), TOKEN, SENDER);
    let text = "رمز التحقق الخاص بك في قطع هو 482913";

    sms.send(&SmsMessage::transactional(TO, text))
        .await
        .expect("send should succeed");

    let received = fake.received();
    assert_eq!(received.len(), 1, "{received:?}");
    let req = &received[0];
    assert_eq!(
        req.authorization.as_deref(),
        Some(format!("Bearer {TOKEN}").as_str())
    );
    assert!(
        req.content_type
            .as_deref()
            .is_some_and(|ct| ct.starts_with("application/json")),
        "{:?}",
        req.content_type
    );
    assert_eq!(req.body["dests"], json!(["966501234567"]));
    assert_eq!(req.body["src"], json!(SENDER));
    assert_eq!(req.body["body"], json!(text));
    assert_eq!(req.body["msgClass"], json!("transactional"));
    assert_eq!(req.body["priority"], json!(1));
    assert_eq!(req.body["validity"], json!(10));
}

#[tokio::test]
async fn sends_promotional_sms_without_otp_options() {
    let fake = FakeOurSms::start(TOKEN).await;
    let sms = oursms(format!("{}/", fake.base_url()), TOKEN, SENDER);

    sms.send(&SmsMessage::promotional(TO, "خصم ٢٠٪ على قطع الغيار"))
        .await
        .expect("send should succeed");

    let received = fake.received();
    assert_eq!(received.len(), 1);
    let body = &received[0].body;
    assert_eq!(body["msgClass"], json!("promotional"));
    assert!(body.get("priority").is_none(), "{body}");
    assert!(body.get("validity").is_none(), "{body}");
}

#[tokio::test]
async fn wrong_token_is_unauthorized() {
    let fake = FakeOurSms::start(TOKEN).await;
    let sms = oursms(fake.base_url(), "wrong-token", SENDER);

    let err = sms
        .send(&SmsMessage::transactional(TO, "code 1234"))
        .await
        .unwrap_err();

    assert!(matches!(err, SmsError::Unauthorized), "{err:?}");
    let received = fake.received();
    assert_eq!(received.len(), 1);
    assert_eq!(
        received[0].authorization.as_deref(),
        Some("Bearer wrong-token")
    );
}

#[tokio::test]
async fn blocked_sender_is_a_provider_error() {
    let fake = FakeOurSms::start(TOKEN).await;
    let sms = oursms(fake.base_url(), TOKEN, "BLOCKED");

    let err = sms
        .send(&SmsMessage::transactional(TO, "code 1234"))
        .await
        .unwrap_err();

    match &err {
        SmsError::Provider {
            status,
            code,
            message,
        } => {
            assert_eq!(*status, 400);
            assert_eq!(*code, Some(6307));
            assert!(message.contains("Source address not allowed"), "{message}");
        }
        other => panic!("expected Provider, got {other:?}"),
    }
    assert!(err.to_string().contains("6307"), "{err}");
}

#[tokio::test]
async fn insufficient_balance_is_a_provider_error() {
    let fake = FakeOurSms::start(TOKEN).await;
    fake.set_credits(0);
    let sms = oursms(fake.base_url(), TOKEN, SENDER);

    let err = sms
        .send(&SmsMessage::transactional(TO, "code 1234"))
        .await
        .unwrap_err();

    assert!(
        matches!(
            err,
            SmsError::Provider {
                status: 400,
                code: Some(1008),
                ..
            }
        ),
        "{err:?}"
    );
}

#[tokio::test]
async fn invalid_recipient_is_refused_before_any_request() {
    let fake = FakeOurSms::start(TOKEN).await;
    let sms = oursms(fake.base_url(), TOKEN, SENDER);

    for to in ["0501234567", "966501234567", "+9665O1234567", ""] {
        let err = sms
            .send(&SmsMessage::transactional(to, "code 1234"))
            .await
            .unwrap_err();
        assert!(
            matches!(err, SmsError::InvalidRecipient(_)),
            "{to}: {err:?}"
        );
    }
    assert!(fake.received().is_empty());
}

#[tokio::test]
async fn credits_are_read() {
    let fake = FakeOurSms::start(TOKEN).await;
    let sms = oursms(fake.base_url(), TOKEN, SENDER);

    assert_eq!(sms.credits().await.unwrap(), 1000);
    fake.set_credits(42);
    assert_eq!(sms.credits().await.unwrap(), 42);

    let err = oursms(fake.base_url(), "wrong", SENDER)
        .credits()
        .await
        .unwrap_err();
    assert!(matches!(err, SmsError::Unauthorized), "{err:?}");
    assert!(fake.received().is_empty(), "credits calls are not SMS");
}

#[tokio::test]
async fn credits_fall_back_to_balance() {
    let base = serve(Router::new().route(
        "/billing/credits",
        get(|| async { axum::Json(json!({ "balance": "77" })) }),
    ))
    .await;
    assert_eq!(oursms(base, TOKEN, SENDER).credits().await.unwrap(), 77);
}

#[tokio::test]
async fn rejected_counts_are_errors() {
    for (answer, accepted, rejected) in [
        (json!({ "accepted": 0, "rejected": 1 }), 0, 1),
        (json!({ "accepted": 1, "rejected": 1 }), 1, 1),
        (json!({ "accepted": 0 }), 0, 0),
    ] {
        let base = serve(
            Router::new().route("/msgs/sms", post(move || async move { axum::Json(answer) })),
        )
        .await;
        let err = oursms(base, TOKEN, SENDER)
            .send(&SmsMessage::transactional(TO, "code 1234"))
            .await
            .unwrap_err();
        match err {
            SmsError::Rejected {
                accepted: a,
                rejected: r,
            } => assert_eq!((a, r), (accepted, rejected)),
            other => panic!("expected Rejected, got {other:?}"),
        }
    }
}

#[tokio::test]
async fn unparseable_success_is_invalid_response() {
    let base = serve(Router::new().route("/msgs/sms", post(|| async { "OK" }))).await;
    let err = oursms(base, TOKEN, SENDER)
        .send(&SmsMessage::transactional(TO, "code 1234"))
        .await
        .unwrap_err();
    assert!(matches!(err, SmsError::InvalidResponse(_)), "{err:?}");
}

#[tokio::test]
async fn non_json_error_body_is_truncated_into_message() {
    let long = format!("upstream exploded: {}", "x".repeat(1000));
    let body = long.clone();
    let base = serve(Router::new().route(
        "/msgs/sms",
        post(move || async move { (StatusCode::BAD_GATEWAY, body) }),
    ))
    .await;
    let err = oursms(base, TOKEN, SENDER)
        .send(&SmsMessage::transactional(TO, "code 1234"))
        .await
        .unwrap_err();
    match err {
        SmsError::Provider {
            status,
            code,
            message,
        } => {
            assert_eq!(status, 502);
            assert_eq!(code, None);
            assert!(message.starts_with("upstream exploded: xxx"), "{message}");
            assert!(message.chars().count() < long.chars().count(), "{message}");
        }
        other => panic!("expected Provider, got {other:?}"),
    }
}

#[tokio::test]
async fn error_code_1001_is_unauthorized_whatever_the_status() {
    let base = serve(Router::new().route(
        "/msgs/sms",
        post(|| async {
            (
                StatusCode::FORBIDDEN,
                axum::Json(json!({ "code": 1001, "message": "Invalid credentials" })),
            )
        }),
    ))
    .await;
    let err = oursms(base, TOKEN, SENDER)
        .send(&SmsMessage::transactional(TO, "code 1234"))
        .await
        .unwrap_err();
    assert!(matches!(err, SmsError::Unauthorized), "{err:?}");
}

#[tokio::test]
async fn unreachable_server_is_a_transport_error() {
    // Bind then drop a listener to get a local port with nothing behind it.
    let addr = {
        let l = tokio::net::TcpListener::bind(("127.0.0.1", 0))
            .await
            .unwrap();
        l.local_addr().unwrap()
    };
    let err = oursms(format!("http://{addr}"), TOKEN, SENDER)
        .send(&SmsMessage::transactional(TO, "code 1234"))
        .await
        .unwrap_err();
    assert!(matches!(err, SmsError::Transport(_)), "{err:?}");
}

#[test]
fn adapter_name() {
    let sms = oursms("http://127.0.0.1:1".into(), TOKEN, SENDER);
    assert_eq!(sms.name(), "oursms");
    assert!(!format!("{sms:?}").contains(TOKEN));
}
