//! OTO adapter against the fake server (`providers::shipping::fake`), one fake per test, and,
//! for answers the fake never gives, against small ad-hoc axum servers. Each test checks what
//! the server received as well as what the adapter returned. Token and webhook tests are in
//! `oto/`.

use std::time::Duration;

use axum::Router;
use axum::routing::post;
use providers::shipping::fake::{
    ERROR_DUPLICATE_ORDER, ERROR_UNKNOWN_ORDER, EXPRESS_OPTION_ID, FakeOto, SAVER_OPTION_ID,
};
use providers::shipping::{
    Carrier, Customer, FeeQuery, Oto, OtoConfig, PickupLocation, ShipmentItem, ShipmentRequest,
    ShippingError, TrackingStatus,
};
use serde_json::json;
use time::macros::datetime;

// The crate root of a test resolves `mod` paths from `tests/`, where other files are targets.
#[path = "oto/tokens.rs"]
mod tokens;
#[path = "oto/webhook.rs"]
mod webhook;

const REFRESH: &str = "AMf-vRxYtest-refresh-token";
const PICKUP: &str = "qitaa-store-17";

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap()
}

fn oto_at(base_url: String, refresh_token: &str) -> Oto {
    Oto::new(
        OtoConfig {
            base_url,
            refresh_token: refresh_token.to_owned(),
        },
        client(),
    )
}

fn oto(fake: &FakeOto) -> Oto {
    oto_at(fake.base_url(), REFRESH)
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

fn pickup() -> PickupLocation {
    PickupLocation {
        code: PICKUP.into(),
        name: "قطع الرياض".into(),
        mobile: "+966501234567".into(),
        address: "King Fahd Rd 12".into(),
        city: "Riyadh".into(),
        country: "SA".into(),
        district: Some("Al Olaya".into()),
        lat: Some(24.7136),
        lon: Some(46.6753),
        contact_name: "Saleh".into(),
        contact_email: "store17@qitaa.example".into(),
    }
}

fn query(weight_grams: i64, destination: &str, cod_halalas: Option<i64>) -> FeeQuery {
    FeeQuery {
        origin_city: "Riyadh".into(),
        destination_city: destination.into(),
        weight_grams,
        dims_cm: None,
        cod_halalas,
    }
}

fn shipment(order_id: &str, option: Option<i64>, cod_halalas: Option<i64>) -> ShipmentRequest {
    ShipmentRequest {
        order_id: order_id.into(),
        pickup_code: PICKUP.into(),
        delivery_option_id: option.map(|o| o.to_string()),
        cod_halalas,
        amount_halalas: 15075,
        currency: "SAR".into(),
        weight_grams: 2500,
        dims_cm: Some((30, 20, 10)),
        // 15:45 in Riyadh.
        order_date: datetime!(2022-12-31 12:45 UTC),
        sender_name: "Qitaa".into(),
        customer: Customer {
            name: "علي صالح".into(),
            mobile: "546607389".into(),
            email: Some("ali@example.sa".into()),
            address: "Tahlia St 5".into(),
            district: Some("Al Hamra".into()),
            city: "Jeddah".into(),
            country: "SA".into(),
            postcode: Some("12345".into()),
            lat: Some(21.5433),
            lon: None,
        },
        items: vec![
            ShipmentItem {
                sku: "BRK-PAD-01".into(),
                name: "Brake pads".into(),
                price_halalas: 1999,
                quantity: 2,
            },
            ShipmentItem {
                sku: "OIL-5W30".into(),
                name: "Oil 5W-30".into(),
                price_halalas: 11077,
                quantity: 1,
            },
        ],
    }
}

/// A fake holding the pickup location, and an adapter that already has a token.
async fn ready() -> (FakeOto, Oto) {
    let fake = FakeOto::start(REFRESH).await;
    let oto = oto(&fake);
    oto.ensure_pickup_location(&pickup()).await.unwrap();
    (fake, oto)
}

fn provider_error(err: ShippingError) -> (Option<String>, String, Option<String>) {
    match err {
        ShippingError::Provider {
            code,
            message,
            trace_id,
        } => (code, message, trace_id),
        other => panic!("expected Provider, got {other:?}"),
    }
}

#[tokio::test]
async fn pickup_location_sends_every_field() {
    let (fake, _oto) = ready().await;

    let calls = fake.calls("/createPickupLocation");
    assert_eq!(calls.len(), 1);
    assert_eq!(
        calls[0].body,
        json!({
            "name": "قطع الرياض",
            "code": PICKUP,
            "mobile": "+966501234567",
            "address": "King Fahd Rd 12",
            "city": "Riyadh",
            "country": "SA",
            "contactName": "Saleh",
            "contactEmail": "store17@qitaa.example",
            "district": "Al Olaya",
            "lat": 24.7136,
            "lon": 46.6753
        })
    );
    assert_eq!(fake.pickup_location(PICKUP), Some(calls[0].body.clone()));
}

#[tokio::test]
async fn fee_sends_kg_cities_and_cod_and_reads_halalas_exactly() {
    let (fake, oto) = ready().await;
    let mut q = query(2500, "Jeddah", Some(15075));
    q.dims_cm = Some((30, 20, 10));

    let options = oto.fee(&q).await.unwrap();

    let sent = &fake.calls("/checkOTODeliveryFee")[0].body;
    assert_eq!(
        sent,
        &json!({
            "originCity": "Riyadh",
            "destinationCity": "Jeddah",
            "weight": 2.5,
            "totalDue": 150.75,
            "length": 30,
            "width": 20,
            "height": 10
        })
    );
    // 3 started kg, another city: 23.50 + 2 × 5.00 + 10 and 19.99 + 2 × 2.50 + 10.
    assert_eq!(options.len(), 2);
    let express = &options[0];
    assert_eq!(express.id, EXPRESS_OPTION_ID.to_string());
    assert_eq!(
        (express.carrier.as_str(), express.name.as_str()),
        ("Fake Express", "Kwick Box")
    );
    assert_eq!(
        (express.service_type.as_str(), express.eta_text.as_str()),
        ("express", "1-2 days")
    );
    assert_eq!(
        (express.price_halalas, express.cod_charge_halalas),
        (4350, 1000)
    );
    let saver = &options[1];
    assert_eq!(saver.id, SAVER_OPTION_ID.to_string());
    // The COD charge is 10.005 SAR: half a halala rounds up.
    assert_eq!(
        (saver.price_halalas, saver.cod_charge_halalas),
        (3499, 1001)
    );

    let same_city = oto.fee(&query(300, "riyadh", None)).await.unwrap();
    let prices: Vec<i64> = same_city.iter().map(|o| o.price_halalas).collect();
    assert_eq!(prices, [2350, 1999]);
    let sent = &fake.calls("/checkOTODeliveryFee")[1].body;
    assert_eq!(sent["weight"], json!(0.3));
    assert!(sent.get("totalDue").is_none(), "{sent}");
    assert!(sent.get("length").is_none(), "{sent}");
}

#[tokio::test]
async fn cod_order_is_sent_as_documented() {
    let (fake, oto) = ready().await;

    let created = oto
        .create_shipment(&shipment("Q-1001", Some(EXPRESS_OPTION_ID), Some(15075)))
        .await
        .unwrap();

    let oto_id = fake.oto_id("Q-1001").unwrap();
    assert_eq!(created.provider_id, oto_id.to_string());
    assert_eq!(created.status, TrackingStatus::Created);
    let calls = fake.calls("/createOrder");
    assert_eq!(calls.len(), 1);
    assert_eq!(
        calls[0].body,
        json!({
            "orderId": "Q-1001",
            "pickupLocationCode": PICKUP,
            "createShipment": true,
            "deliveryOptionId": 564,
            "payment_method": "cod",
            "amount": 150.75,
            "amount_due": 150.75,
            "currency": "SAR",
            "packageCount": 1,
            "packageWeight": 2.5,
            "boxLength": 30,
            "boxWidth": 20,
            "boxHeight": 10,
            "orderDate": "31/12/2022 15:45",
            "senderName": "Qitaa",
            "customer": {
                "name": "علي صالح",
                "mobile": "546607389",
                "email": "ali@example.sa",
                "address": "Tahlia St 5",
                "district": "Al Hamra",
                "city": "Jeddah",
                "country": "SA",
                "postcode": "12345",
                "lat": "21.5433"
            },
            "items": [
                { "sku": "BRK-PAD-01", "name": "Brake pads", "price": 19.99, "quantity": 2 },
                { "sku": "OIL-5W30", "name": "Oil 5W-30", "price": 110.77, "quantity": 1 }
            ]
        })
    );
    assert_eq!(
        fake.order_status("Q-1001").as_deref(),
        Some("shipmentCreated")
    );
}

#[tokio::test]
async fn paid_order_has_nothing_due_and_no_shipment_yet() {
    let (fake, oto) = ready().await;

    let created = oto
        .create_shipment(&shipment("Q-1002", None, None))
        .await
        .unwrap();

    assert_eq!(created.raw_status, "new");
    assert_eq!(created.tracking_number, None);
    let body = &fake.calls("/createOrder")[0].body;
    assert_eq!(body["payment_method"], json!("paid"));
    assert_eq!(body["amount_due"].as_f64(), Some(0.0));
    assert_eq!(body["createShipment"], json!(false));
    assert!(body.get("deliveryOptionId").is_none(), "{body}");
    assert_eq!(fake.order_status("Q-1002").as_deref(), Some("new"));
}

#[tokio::test]
async fn a_duplicate_order_is_a_provider_error_with_a_numeric_code() {
    let (_fake, oto) = ready().await;
    let req = shipment("Q-1003", Some(SAVER_OPTION_ID), None);
    oto.create_shipment(&req).await.unwrap();

    let (code, message, trace_id) = provider_error(oto.create_shipment(&req).await.unwrap_err());

    assert_eq!(code, Some(ERROR_DUPLICATE_ORDER.to_string()));
    assert!(message.contains("already exists"), "{message}");
    assert!(trace_id.is_some());
}

#[tokio::test]
async fn status_comes_back_mapped_with_tracking() {
    let (fake, oto) = ready().await;
    oto.create_shipment(&shipment("Q-1004", Some(EXPRESS_OPTION_ID), None))
        .await
        .unwrap();
    let oto_id = fake.oto_id("Q-1004").unwrap();

    let s = oto.status("Q-1004").await.unwrap();
    assert_eq!(
        (s.status, s.raw_status.as_str()),
        (TrackingStatus::Created, "shipmentCreated")
    );
    assert_eq!(s.provider_id, "Q-1004", "orderStatus carries no otoId");
    assert_eq!(
        s.tracking_number.as_deref(),
        Some(format!("OTO{oto_id}").as_str())
    );
    assert!(s.tracking_url.is_some() && s.awb_url.is_some(), "{s:?}");
    assert_eq!(
        fake.calls("/orderStatus")[0].body,
        json!({ "orderId": "Q-1004" })
    );

    for (raw, status) in [
        ("pickedUp", TrackingStatus::PickedUp),
        ("arrivedTerminal", TrackingStatus::InTransit),
        ("outForDelivery", TrackingStatus::OutForDelivery),
        ("delivered", TrackingStatus::Delivered),
        ("heldAtCustoms", TrackingStatus::InProgress),
    ] {
        fake.set_status("Q-1004", raw);
        let s = oto.status("Q-1004").await.unwrap();
        assert_eq!((s.status, s.raw_status.as_str()), (status, raw));
    }
}

#[tokio::test]
async fn cancel_reaches_the_fake() {
    let (fake, oto) = ready().await;
    oto.create_shipment(&shipment("Q-1005", None, Some(5000)))
        .await
        .unwrap();

    oto.cancel("Q-1005").await.unwrap();

    assert_eq!(
        fake.calls("/cancelOrder")[0].body,
        json!({ "orderId": "Q-1005" })
    );
    assert_eq!(fake.order_status("Q-1005").as_deref(), Some("cancelled"));
    assert_eq!(
        oto.status("Q-1005").await.unwrap().status,
        TrackingStatus::Cancelled
    );
}

#[tokio::test]
async fn cancelling_an_unknown_order_is_a_provider_error_with_a_string_code() {
    let (fake, oto) = ready().await;

    let err = oto.cancel("Q-404").await.unwrap_err();

    assert!(err.to_string().contains(ERROR_UNKNOWN_ORDER), "{err}");
    let (code, message, trace_id) = provider_error(err);
    assert_eq!(code.as_deref(), Some(ERROR_UNKNOWN_ORDER));
    assert_eq!(message, "Order Q-404 not found");
    assert!(trace_id.is_some());
    assert_eq!(
        fake.calls("/cancelOrder")[0].body,
        json!({ "orderId": "Q-404" })
    );
}

#[tokio::test]
async fn injected_failures_are_typed() {
    let (fake, oto) = ready().await;

    // `success: false` on a 200 is still a refusal.
    fake.fail_next_with_error(200, 5001, "No courier serves this city");
    let (code, message, _) = provider_error(oto.fee(&query(1000, "Abha", None)).await.unwrap_err());
    assert_eq!(
        (code.as_deref(), message.as_str()),
        (Some("5001"), "No courier serves this city")
    );

    fake.fail_next_status(500);
    let err = oto.status("Q-1").await.unwrap_err();
    assert!(
        matches!(err, ShippingError::Http { status: 500 }),
        "{err:?}"
    );

    fake.fail_next_with_error(503, "UPSTREAM", &"x".repeat(1000));
    let (_, message, _) = provider_error(oto.cancel("Q-1").await.unwrap_err());
    assert!(message.chars().count() <= 201, "{}", message.len());

    // Each failure hit its call once, with no refresh in between.
    assert_eq!(fake.refresh_count(), 1);
}

#[tokio::test]
async fn unreadable_answers_are_malformed() {
    let base = serve(
        Router::new()
            .route(
                "/refreshToken",
                post(|| async { axum::Json(json!({ "access_token": "t" })) }),
            )
            .route("/checkOTODeliveryFee", post(|| async { "<html>ok</html>" }))
            .route(
                "/createOrder",
                post(|| async { axum::Json(json!({ "success": true })) }),
            ),
    )
    .await;
    let oto = oto_at(base, REFRESH);

    let err = oto.fee(&query(1000, "Riyadh", None)).await.unwrap_err();
    assert!(matches!(err, ShippingError::Malformed(_)), "{err:?}");
    let err = oto
        .create_shipment(&shipment("Q-1", None, None))
        .await
        .unwrap_err();
    assert!(matches!(err, ShippingError::Malformed(_)), "{err:?}");
}

#[tokio::test]
async fn an_unreachable_api_is_a_transport_error() {
    let addr = {
        let l = tokio::net::TcpListener::bind(("127.0.0.1", 0))
            .await
            .unwrap();
        l.local_addr().unwrap()
    };
    let err = oto_at(format!("http://{addr}"), REFRESH)
        .status("Q-1")
        .await
        .unwrap_err();
    assert!(matches!(err, ShippingError::Transport(_)), "{err:?}");
}

#[test]
fn adapter_name_and_debug() {
    let oto = oto_at("http://127.0.0.1:1".into(), REFRESH);
    assert_eq!(oto.name(), "oto");
    assert!(!format!("{oto:?}").contains(REFRESH));
    assert_eq!(
        OtoConfig::new(REFRESH).base_url,
        "https://api.tryoto.com/rest/v2"
    );
}
