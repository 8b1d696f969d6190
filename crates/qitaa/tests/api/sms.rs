//! Sign-in codes leave through the real OurSMS adapter, here pointed at a
//! local server that speaks OurSMS's API.

use std::sync::Arc;

use providers::sms::fake::FakeOurSms;
use providers::sms::{OurSms, OurSmsConfig};
use serde_json::json;

use crate::harness::TestApp;

#[tokio::test]
async fn otp_codes_are_sent_through_oursms_and_verify() {
    let fake = FakeOurSms::start("test-token").await;
    let sender = OurSms::new(
        OurSmsConfig {
            base_url: fake.base_url(),
            token: "test-token".into(),
            sender: "Qitaa".into(),
        },
        reqwest::Client::new(),
    );
    let app = TestApp::spawn_with(|_| {}, Some(Arc::new(sender))).await;
    let r = app
        .call(
            reqwest::Method::POST,
            "/api/v1/auth/otp/request",
            None,
            Some(json!({"phone": "0507654321"})),
            "ar",
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    let received = fake.received();
    assert_eq!(received.len(), 1);
    let sms = &received[0];
    assert_eq!(sms.authorization.as_deref(), Some("Bearer test-token"));
    assert_eq!(sms.body["dests"], json!(["966507654321"]));
    assert_eq!(sms.body["src"], "Qitaa");
    assert_eq!(sms.body["msgClass"], "transactional");
    let text = sms.body["body"].as_str().unwrap();
    assert!(
        text.contains("رمز"),
        "the SMS speaks the requester's language: {text}"
    );
    let code = crate::harness::first_code(text);
    let r = app
        .post(
            "/api/v1/auth/otp/verify",
            None,
            json!({"phone": "+966507654321", "code": code}),
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["data"]["isNewUser"], true);
}

#[tokio::test]
async fn a_failing_provider_is_503_and_does_not_hold_the_phone() {
    let fake = FakeOurSms::start("right-token").await;
    let sender = OurSms::new(
        OurSmsConfig {
            base_url: fake.base_url(),
            token: "wrong-token".into(),
            sender: "Qitaa".into(),
        },
        reqwest::Client::new(),
    );
    let app = TestApp::spawn_with(|_| {}, Some(Arc::new(sender))).await;
    let r = app
        .post(
            "/api/v1/auth/otp/request",
            None,
            json!({"phone": "0507654321"}),
        )
        .await;
    assert_eq!(r.status, 503, "{r:?}");
    let live: i64 = sqlx::query_scalar("SELECT count(*) FROM otp_codes")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(live, 0, "an undelivered code is not kept");
}
