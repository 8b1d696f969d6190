//! N-Genius adapter against the fake server (`providers::payments::fake`), one fake per test,
//! and, for answers the fake never gives, against small ad-hoc axum servers.

use std::time::Duration;

use axum::Router;
use axum::http::StatusCode;
use axum::routing::{get, post};
use providers::payments::fake::{FakeNGenius, ReceivedRequest};
use providers::payments::{
    CardGateway, CreateOrder, GatewayError, NGenius, NGeniusConfig, PaymentState, parse_webhook,
};
use serde_json::json;

const KEY: &str = "ZmFrZS1zZXJ2aWNlLWFjY291bnQta2V5OnNlY3JldA==";
const OUTLET: &str = "5edab6d7-5946-43f4-b8c7-06b29c272bdd";
const V2: &str = "application/vnd.ni-payment.v2+json";

fn gateway(base_url: String) -> NGenius {
    let mut config = NGeniusConfig::new(base_url, KEY, OUTLET);
    config.timeout = Duration::from_secs(5);
    NGenius::new(config).unwrap()
}

fn order_request(amount_minor: i64) -> CreateOrder {
    CreateOrder {
        merchant_reference: "ORD-1001".into(),
        amount_minor,
        currency: "SAR".into(),
        email: "ali@example.sa".into(),
        language: "ar".into(),
        redirect_url: "https://qitaa.example/pay/return".into(),
        cancel_url: "https://qitaa.example/cart".into(),
        first_name: "علي".into(),
        last_name: "Saleh".into(),
    }
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

fn transaction_requests(fake: &FakeNGenius) -> Vec<ReceivedRequest> {
    fake.requests()
        .into_iter()
        .filter(|r| r.path.starts_with("/transactions/"))
        .collect()
}

fn refund_requests(fake: &FakeNGenius) -> Vec<ReceivedRequest> {
    fake.requests()
        .into_iter()
        .filter(|r| r.method == "POST" && r.path.ends_with("/refund"))
        .collect()
}

#[tokio::test]
async fn token_is_fetched_with_the_basic_key_and_reused() {
    let fake = FakeNGenius::start(KEY, OUTLET).await;
    let gw = gateway(fake.base_url());

    let order = gw.create_order(&order_request(11500)).await.unwrap();
    gw.get_order(&order.reference).await.unwrap();
    gw.get_order(&order.reference).await.unwrap();

    let requests = fake.requests();
    let tokens: Vec<_> = requests.iter().filter(|r| r.is_token_request()).collect();
    assert_eq!(tokens.len(), 1, "{requests:#?}");
    let token_req = tokens[0];
    assert_eq!(
        token_req.header("authorization"),
        Some(format!("Basic {KEY}").as_str())
    );
    assert_eq!(
        token_req.header("content-type"),
        Some("application/vnd.ni-identity.v1+json")
    );
    assert_eq!(token_req.body, serde_json::Value::Null);
    assert_eq!(token_req.header("content-length"), Some("0"));
    assert!(requests[0].is_token_request(), "the token comes first");

    let calls = transaction_requests(&fake);
    assert_eq!(calls.len(), 3);
    let bearer = calls[0].header("authorization").unwrap().to_owned();
    assert!(bearer.starts_with("Bearer fake-access-1-"), "{bearer}");
    for call in &calls {
        assert_eq!(call.header("authorization"), Some(bearer.as_str()));
    }
}

#[tokio::test]
async fn clones_share_the_token() {
    let fake = FakeNGenius::start(KEY, OUTLET).await;
    let gw = gateway(fake.base_url());
    let order = gw.create_order(&order_request(100)).await.unwrap();
    gw.clone().get_order(&order.reference).await.unwrap();
    assert_eq!(fake.token_requests(), 1);
}

#[tokio::test]
async fn short_lived_tokens_are_fetched_again() {
    let fake = FakeNGenius::start(KEY, OUTLET).await;
    // A token that expires at once is never reused.
    fake.set_token_expires_in(0);
    let gw = gateway(fake.base_url());
    let order = gw.create_order(&order_request(100)).await.unwrap();
    gw.get_order(&order.reference).await.unwrap();
    assert_eq!(fake.token_requests(), 2);
}

#[tokio::test]
async fn creates_an_order_in_minor_units_with_v2_headers() {
    let fake = FakeNGenius::start(KEY, OUTLET).await;
    let gw = gateway(fake.base_url());

    let order = gw.create_order(&order_request(11500)).await.unwrap();

    assert!(!order.reference.is_empty());
    assert_eq!(order.state, PaymentState::Started);
    assert_eq!(
        (order.amount_minor, order.currency.as_str()),
        (11500, "SAR")
    );
    assert!(order.payment_id.is_some());
    assert_eq!((order.captured_minor, order.refunded_minor), (0, 0));
    let pay_url = order.pay_url.as_deref().unwrap();
    assert!(
        pay_url.starts_with(&format!("{}/paypage?code=", fake.base_url())),
        "{pay_url}"
    );

    let calls = transaction_requests(&fake);
    assert_eq!(calls.len(), 1);
    let create = &calls[0];
    assert_eq!(create.method, "POST");
    assert_eq!(
        create.path,
        format!("/transactions/outlets/{OUTLET}/orders")
    );
    assert_eq!(create.header("content-type"), Some(V2));
    assert_eq!(create.header("accept"), Some(V2));
    assert_eq!(
        create.body,
        json!({
            "action": "PURCHASE",
            "amount": { "currencyCode": "SAR", "value": 11500 },
            "emailAddress": "ali@example.sa",
            "language": "ar",
            "merchantAttributes": {
                "redirectUrl": "https://qitaa.example/pay/return",
                "cancelUrl": "https://qitaa.example/cart",
                "skipConfirmationPage": true
            },
            "merchantOrderReference": "ORD-1001",
            "billingAddress": { "firstName": "علي", "lastName": "Saleh" }
        })
    );
    assert!(create.body["amount"]["value"].is_i64());
}

#[tokio::test]
async fn paid_order_reads_purchased() {
    let fake = FakeNGenius::start(KEY, OUTLET).await;
    let gw = gateway(fake.base_url());
    let order = gw.create_order(&order_request(11500)).await.unwrap();

    let before = gw.get_order(&order.reference).await.unwrap();
    assert_eq!(before.state, PaymentState::Started);
    assert!(!before.state.is_paid() && !before.state.is_declined());

    fake.pay(&order.reference);
    let paid = gw.get_order(&order.reference).await.unwrap();
    assert_eq!(paid.state, PaymentState::Purchased);
    assert!(paid.state.is_paid());
    assert_eq!(paid.reference, order.reference);
    assert_eq!(paid.captured_minor, 11500);
    assert_eq!(paid.payment_id, order.payment_id);

    let get = transaction_requests(&fake).pop().unwrap();
    assert_eq!(get.method, "GET");
    assert_eq!(
        get.path,
        format!("/transactions/outlets/{OUTLET}/orders/{}", order.reference)
    );
    assert_eq!(get.header("accept"), Some(V2));
}

#[tokio::test]
async fn declined_order_reads_failed() {
    let fake = FakeNGenius::start(KEY, OUTLET).await;
    let gw = gateway(fake.base_url());
    let order = gw.create_order(&order_request(11500)).await.unwrap();

    fake.decline(&order.reference);
    let declined = gw.get_order(&order.reference).await.unwrap();
    assert_eq!(declined.state, PaymentState::Failed);
    assert!(declined.state.is_declined() && !declined.state.is_paid());
    assert_eq!(declined.captured_minor, 0);
}

#[tokio::test]
async fn pay_page_settles_and_redirects_with_the_reference() {
    let fake = FakeNGenius::start(KEY, OUTLET).await;
    let gw = gateway(fake.base_url());
    let order = gw.create_order(&order_request(11500)).await.unwrap();
    let browser = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();

    let pay_url = order.pay_url.unwrap();
    let page = browser.get(&pay_url).send().await.unwrap();
    assert_eq!(page.status(), 200);
    assert!(page.text().await.unwrap().contains("/paypage/pay?code="));

    let pay = pay_url.replace("/paypage?", "/paypage/pay?");
    let resp = browser.get(&pay).send().await.unwrap();
    assert_eq!(resp.status(), 303);
    assert_eq!(
        resp.headers()["location"],
        format!("https://qitaa.example/pay/return?ref={}", order.reference).as_str()
    );
    assert_eq!(fake.state(&order.reference), Some(PaymentState::Purchased));
}

#[tokio::test]
async fn partial_then_full_refund_of_a_purchase() {
    let fake = FakeNGenius::start(KEY, OUTLET).await;
    let gw = gateway(fake.base_url());
    let order = gw.create_order(&order_request(11500)).await.unwrap();
    fake.pay(&order.reference);

    let partial = gw.refund(&order.reference, 4000).await.unwrap();
    assert_eq!(partial.state, PaymentState::PartiallyRefunded);
    assert!(partial.state.is_paid());
    assert_eq!(partial.refunded_minor, 4000);
    assert_eq!(partial.captured_minor, 11500);

    let full = gw.refund(&order.reference, 7500).await.unwrap();
    assert_eq!(full.state, PaymentState::Refunded);
    assert_eq!(full.refunded_minor, 11500);

    let refunds = refund_requests(&fake);
    assert_eq!(refunds.len(), 2, "{refunds:#?}");
    let payment_id = order.payment_id.unwrap();
    for (req, value) in refunds.iter().zip([4000, 7500]) {
        assert_eq!(
            req.path,
            format!(
                "/transactions/outlets/{OUTLET}/orders/{}/payments/{payment_id}/refund",
                order.reference
            )
        );
        assert_eq!(
            req.body,
            json!({ "amount": { "currencyCode": "SAR", "value": value } })
        );
        assert_eq!(req.header("content-type"), Some(V2));
    }
    assert_eq!(fake.token_requests(), 1);

    // Nothing is left: the payment offers no refund link any more.
    let err = gw.refund(&order.reference, 1).await.unwrap_err();
    assert!(matches!(err, GatewayError::Protocol(_)), "{err:?}");
}

#[tokio::test]
async fn refund_of_a_sale_goes_through_the_capture() {
    let fake = FakeNGenius::start(KEY, OUTLET).await;
    let mut config = NGeniusConfig::new(fake.base_url(), KEY, OUTLET);
    config.action = "SALE".into();
    let gw = NGenius::new(config).unwrap();
    let order = gw.create_order(&order_request(5000)).await.unwrap();
    assert_eq!(transaction_requests(&fake)[0].body["action"], "SALE");
    fake.pay(&order.reference);
    let paid = gw.get_order(&order.reference).await.unwrap();
    assert_eq!(
        (paid.state.clone(), paid.captured_minor),
        (PaymentState::Captured, 5000)
    );

    let partial = gw.refund(&order.reference, 1500).await.unwrap();
    assert_eq!(
        (partial.state, partial.refunded_minor),
        (PaymentState::PartiallyRefunded, 1500)
    );
    let full = gw.refund(&order.reference, 3500).await.unwrap();
    assert_eq!(
        (full.state, full.refunded_minor),
        (PaymentState::Refunded, 5000)
    );

    let refunds = refund_requests(&fake);
    assert_eq!(refunds.len(), 2);
    for req in &refunds {
        assert!(req.path.contains("/captures/"), "{}", req.path);
    }
    assert_eq!(refunds[1].body["amount"]["value"], 3500);
}

#[tokio::test]
async fn refund_beyond_what_is_left_is_refused_with_the_gateway_message() {
    let fake = FakeNGenius::start(KEY, OUTLET).await;
    let gw = gateway(fake.base_url());
    let order = gw.create_order(&order_request(1000)).await.unwrap();
    fake.pay(&order.reference);

    let err = gw.refund(&order.reference, 1001).await.unwrap_err();
    match err {
        GatewayError::Refused { status, message } => {
            assert_eq!(status, 400);
            assert!(
                message.contains("exceeds the refundable amount"),
                "{message}"
            );
        }
        other => panic!("expected Refused, got {other:?}"),
    }
}

#[tokio::test]
async fn unpaid_order_has_nothing_to_refund() {
    let fake = FakeNGenius::start(KEY, OUTLET).await;
    let gw = gateway(fake.base_url());
    let order = gw.create_order(&order_request(1000)).await.unwrap();

    let err = gw.refund(&order.reference, 100).await.unwrap_err();
    assert!(
        matches!(&err, GatewayError::Protocol(m) if m.contains("STARTED")),
        "{err:?}"
    );
    assert!(refund_requests(&fake).is_empty());
}

#[tokio::test]
async fn expired_token_triggers_exactly_one_reauth() {
    let fake = FakeNGenius::start(KEY, OUTLET).await;
    let gw = gateway(fake.base_url());
    let order = gw.create_order(&order_request(11500)).await.unwrap();
    assert_eq!(fake.token_requests(), 1);

    fake.expire_tokens();
    let read = gw.get_order(&order.reference).await.unwrap();
    assert_eq!(read.reference, order.reference);
    assert_eq!(fake.token_requests(), 2);

    // The refused call, the token call, the same call again.
    let requests = fake.requests();
    let tail: Vec<_> = requests[requests.len() - 3..]
        .iter()
        .map(|r| (r.method.as_str(), r.is_token_request()))
        .collect();
    assert_eq!(tail, [("GET", false), ("POST", true), ("GET", false)]);
    let old = requests[requests.len() - 3].header("authorization");
    let new = requests[requests.len() - 1].header("authorization");
    assert_ne!(old, new);

    // The new token is cached in turn.
    gw.get_order(&order.reference).await.unwrap();
    assert_eq!(fake.token_requests(), 2);
}

#[tokio::test]
async fn a_second_401_is_not_retried_again() {
    let base = serve(
        Router::new()
            .route(
                "/identity/auth/access-token",
                post(|| async { axum::Json(json!({ "access_token": "t", "expires_in": 300 })) }),
            )
            .route(
                "/transactions/outlets/{outlet}/orders/{order}",
                get(|| async {
                    (
                        StatusCode::UNAUTHORIZED,
                        axum::Json(json!({ "errors": [{ "message": "Token revoked" }] })),
                    )
                }),
            ),
    )
    .await;
    let err = gateway(base).get_order("abc").await.unwrap_err();
    match err {
        GatewayError::Refused { status, message } => {
            assert_eq!((status, message.as_str()), (401, "Token revoked"));
        }
        other => panic!("expected Refused, got {other:?}"),
    }
}

#[tokio::test]
async fn a_401_on_a_post_retries_it_once() {
    let fake = FakeNGenius::start(KEY, OUTLET).await;
    let gw = gateway(fake.base_url());
    gw.create_order(&order_request(1000)).await.unwrap();
    fake.expire_tokens();
    fake.clear_requests();

    let order = gw.create_order(&order_request(2000)).await.unwrap();
    assert_eq!(order.amount_minor, 2000);

    let requests = fake.requests();
    let kinds: Vec<_> = requests
        .iter()
        .map(|r| (r.method.as_str(), r.is_token_request()))
        .collect();
    assert_eq!(kinds, [("POST", false), ("POST", true), ("POST", false)]);
    assert_eq!(requests[0].body, requests[2].body);
    assert_eq!(requests[2].body["amount"]["value"], 2000);
}

#[tokio::test]
async fn provider_error_message_is_surfaced() {
    let fake = FakeNGenius::start(KEY, OUTLET).await;
    let gw = gateway(fake.base_url());

    let mut bad = order_request(11500);
    bad.merchant_reference = "ORD_1001".into();
    let err = gw.create_order(&bad).await.unwrap_err();
    match &err {
        GatewayError::Refused { status, message } => {
            assert_eq!(*status, 400);
            assert!(message.contains("merchantOrderReference"), "{message}");
        }
        other => panic!("expected Refused, got {other:?}"),
    }
    assert!(
        err.to_string().starts_with("gateway refused: 400 "),
        "{err}"
    );

    fake.fail_next_with(422, "Outlet is not configured for SAR");
    let err = gw.create_order(&order_request(11500)).await.unwrap_err();
    match err {
        GatewayError::Refused { status, message } => {
            assert_eq!(
                (status, message.as_str()),
                (422, "Outlet is not configured for SAR")
            );
        }
        other => panic!("expected Refused, got {other:?}"),
    }

    fake.fail_next(503);
    let err = gw.get_order("whatever").await.unwrap_err();
    assert!(
        matches!(err, GatewayError::Refused { status: 503, .. }),
        "{err:?}"
    );
}

#[tokio::test]
async fn wrong_key_is_refused_by_the_token_call() {
    let fake = FakeNGenius::start(KEY, OUTLET).await;
    let gw = NGenius::new(NGeniusConfig::new(fake.base_url(), "wrong-key", OUTLET)).unwrap();
    let err = gw.get_order("abc").await.unwrap_err();
    match err {
        GatewayError::Refused { status, message } => {
            assert_eq!((status, message.as_str()), (401, "Invalid API key"));
        }
        other => panic!("expected Refused, got {other:?}"),
    }
    assert!(transaction_requests(&fake).is_empty());
}

#[tokio::test]
async fn unknown_order_is_refused() {
    let fake = FakeNGenius::start(KEY, OUTLET).await;
    let err = gateway(fake.base_url())
        .get_order("no-such-order")
        .await
        .unwrap_err();
    assert!(
        matches!(&err, GatewayError::Refused { status: 404, message } if message == "Order not found"),
        "{err:?}"
    );
}

#[tokio::test]
async fn unparseable_success_is_a_protocol_error() {
    let base = serve(
        Router::new()
            .route(
                "/identity/auth/access-token",
                post(|| async { axum::Json(json!({ "access_token": "t" })) }),
            )
            .route(
                "/transactions/outlets/{outlet}/orders/{order}",
                get(|| async { "<html>maintenance</html>" }),
            ),
    )
    .await;
    let err = gateway(base).get_order("abc").await.unwrap_err();
    assert!(matches!(err, GatewayError::Protocol(_)), "{err:?}");
}

#[tokio::test]
async fn unreachable_gateway() {
    let addr = {
        let l = tokio::net::TcpListener::bind(("127.0.0.1", 0))
            .await
            .unwrap();
        l.local_addr().unwrap()
    };
    let err = gateway(format!("http://{addr}"))
        .get_order("abc")
        .await
        .unwrap_err();
    assert!(matches!(err, GatewayError::Unreachable(_)), "{err:?}");
}

#[tokio::test]
async fn parses_the_documented_webhook_with_extra_keys() {
    let body = br#"{
        "eventName": "PURCHASED",
        "deliveryAttempt": 1,
        "order": {
            "_id": "urn:order:cac88045-6f0d-4d5b-9a3b-1b2c3d4e5f60",
            "reference": "cac88045-6f0d-4d5b-9a3b-1b2c3d4e5f60",
            "type": "SINGLE",
            "amount": { "currencyCode": "SAR", "value": 11500 },
            "_embedded": { "payment": [{ "state": "PURCHASED" }] }
        }
    }"#;
    let event = parse_webhook(body).unwrap();
    assert_eq!(event.event_name, "PURCHASED");
    assert_eq!(
        event.order_reference,
        "cac88045-6f0d-4d5b-9a3b-1b2c3d4e5f60"
    );

    // The fake builds the same shape for tests of other crates.
    let fake = FakeNGenius::start(KEY, OUTLET).await;
    let order = gateway(fake.base_url())
        .create_order(&order_request(100))
        .await
        .unwrap();
    fake.pay(&order.reference);
    let event = parse_webhook(&fake.webhook_body(&order.reference, "PURCHASED")).unwrap();
    assert_eq!(event.order_reference, order.reference);

    assert!(matches!(
        parse_webhook(b"{\"eventName\":\"PURCHASED\"}"),
        Err(GatewayError::Protocol(_))
    ));
}

#[test]
fn debug_hides_the_key() {
    let config = NGeniusConfig::new(NGeniusConfig::KSA_SANDBOX_URL, KEY, OUTLET);
    assert_eq!(config.action, "PURCHASE");
    let gw = NGenius::new(config.clone()).unwrap();
    assert_eq!(gw.name(), "ngenius");
    for dbg in [format!("{config:?}"), format!("{gw:?}"), format!("{gw:#?}")] {
        assert!(!dbg.contains(KEY), "{dbg}");
        assert!(!dbg.contains("ZmFrZS1"), "{dbg}");
        assert!(dbg.contains(OUTLET), "{dbg}");
    }
}

#[tokio::test]
async fn debug_hides_the_cached_token() {
    let fake = FakeNGenius::start(KEY, OUTLET).await;
    let gw = gateway(fake.base_url());
    gw.create_order(&order_request(100)).await.unwrap();
    let dbg = format!("{gw:?}");
    assert!(!dbg.contains("fake-access"), "{dbg}");
    assert!(!dbg.contains(KEY), "{dbg}");
}
