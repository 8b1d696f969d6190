//! N-Genius "Pay by Token" against the fake: a paid payment's `savedCard` is
//! read, and a later order is paid with it by the documented saved-card PUT
//! (what the fake received is checked), with no pay page.

use std::time::Duration;

use providers::payments::fake::FakeNGenius;
use providers::payments::{
    CardGateway, CreateOrder, GatewayError, NGenius, NGeniusConfig, PaymentState,
};
use serde_json::json;

const KEY: &str = "ZmFrZS1zZXJ2aWNlLWFjY291bnQta2V5OnNlY3JldA==";
const OUTLET: &str = "5edab6d7-5946-43f4-b8c7-06b29c272bdd";
const V2: &str = "application/vnd.ni-payment.v2+json";

fn gateway(fake: &FakeNGenius) -> NGenius {
    let mut config = NGeniusConfig::new(fake.base_url(), KEY, OUTLET);
    config.timeout = Duration::from_secs(5);
    NGenius::new(config).unwrap()
}

fn order_request(amount_minor: i64) -> CreateOrder {
    CreateOrder {
        merchant_reference: "ORD-2001".into(),
        amount_minor,
        currency: "SAR".into(),
        email: "ali@example.sa".into(),
        language: "ar".into(),
        redirect_url: "https://qitaa.example/pay/return".into(),
        cancel_url: "https://qitaa.example/cart".into(),
        first_name: "Ali".into(),
        last_name: "Saleh".into(),
    }
}

#[tokio::test]
async fn a_paid_payment_carries_its_saved_card() {
    let fake = FakeNGenius::start(KEY, OUTLET).await;
    let gw = gateway(&fake);
    assert!(gw.supports_saved_cards());
    let order = gw.create_order(&order_request(11500)).await.unwrap();
    assert!(order.saved_card.is_none(), "nothing before paying");

    fake.pay(&order.reference);
    let paid = gw.get_order(&order.reference).await.unwrap();
    let card = paid.saved_card.expect("the paid payment's savedCard");
    assert_eq!(card, fake.saved_card());
    assert_eq!(card.masked_pan, "401200******1112");
    assert_eq!(card.last4(), "1112");
    assert_eq!(card.scheme, "VISA");
    assert!(card.expiry_year_month().is_some(), "{}", card.expiry);
    assert!(!card.token.is_empty());
}

#[tokio::test]
async fn a_saved_card_pays_a_new_order_by_the_documented_put() {
    let fake = FakeNGenius::start(KEY, OUTLET).await;
    let gw = gateway(&fake);
    let card = fake.saved_card();
    let order = gw.create_order(&order_request(7300)).await.unwrap();
    let payment = order.payment_id.clone().unwrap();

    let paid = gw
        .pay_with_saved_card(&order.reference, &card)
        .await
        .unwrap();
    assert_eq!(paid.state, PaymentState::Purchased);
    assert_eq!(paid.captured_minor, 7300);

    let puts: Vec<_> = fake
        .requests()
        .into_iter()
        .filter(|r| r.method == "PUT")
        .collect();
    assert_eq!(puts.len(), 1, "{puts:#?}");
    let put = &puts[0];
    assert_eq!(
        put.path,
        format!(
            "/transactions/outlets/{OUTLET}/orders/{}/payments/{payment}/saved-card",
            order.reference
        )
    );
    assert_eq!(
        put.body,
        json!({
            "maskedPan": "401200******1112",
            "expiry": card.expiry,
            "cardholderName": "Test Customer",
            "cardToken": card.token,
        })
    );
    assert_eq!(put.header("content-type"), Some(V2));
    assert_eq!(put.header("accept"), Some(V2));
    assert!(
        put.header("authorization")
            .is_some_and(|a| a.starts_with("Bearer "))
    );
    assert!(
        fake.requests()
            .iter()
            .all(|r| !r.path.starts_with("/paypage")),
        "no pay page"
    );

    // Paid once: the same card cannot pay it again.
    let again = gw.pay_with_saved_card(&order.reference, &card).await;
    assert!(
        matches!(again, Err(GatewayError::Refused { status: 400, .. })),
        "{again:?}"
    );
}

#[tokio::test]
async fn three_d_secure_leaves_the_order_to_its_pay_page() {
    let fake = FakeNGenius::start(KEY, OUTLET).await;
    let gw = gateway(&fake);
    fake.require_3ds_for_saved_cards(true);
    let order = gw.create_order(&order_request(5000)).await.unwrap();
    let open = gw
        .pay_with_saved_card(&order.reference, &fake.saved_card())
        .await
        .unwrap();
    assert_eq!(open.state, PaymentState::Await3ds);
    assert!(!open.state.is_paid() && !open.state.is_declined());
    assert!(open.pay_url.is_some(), "the hosted page remains");
}

#[tokio::test]
async fn a_token_or_expiry_not_of_the_card_is_refused() {
    let fake = FakeNGenius::start(KEY, OUTLET).await;
    let gw = gateway(&fake);
    let order = gw.create_order(&order_request(5000)).await.unwrap();
    let mut forged = fake.saved_card();
    forged.token = "bm90LWEtdG9rZW4=".into();
    let mut stale = fake.saved_card();
    stale.expiry = "2020-01".into();
    for card in [forged, stale] {
        let r = gw.pay_with_saved_card(&order.reference, &card).await;
        assert!(
            matches!(&r, Err(GatewayError::Refused { status: 400, .. })),
            "{r:?}"
        );
    }
    assert_eq!(fake.state(&order.reference), Some(PaymentState::Started));
}
