//! The access token: fetched with the refresh token, reused, refreshed before it expires and
//! once on a 401.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use axum::http::StatusCode;

use super::*;

#[tokio::test]
async fn first_call_refreshes_once_and_the_token_is_reused() {
    let fake = FakeOto::start(REFRESH).await;
    let oto = oto(&fake);

    oto.fee(&query(1000, "Riyadh", None)).await.unwrap();
    oto.clone().fee(&query(1000, "Jeddah", None)).await.unwrap();

    let requests = fake.requests();
    let paths: Vec<&str> = requests.iter().map(|r| r.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "/refreshToken",
            "/checkOTODeliveryFee",
            "/checkOTODeliveryFee"
        ]
    );
    let refresh = &requests[0];
    assert_eq!(refresh.body, json!({ "refresh_token": REFRESH }));
    assert_eq!(refresh.header("authorization"), None);
    assert!(
        refresh
            .header("content-type")
            .is_some_and(|ct| ct.starts_with("application/json"))
    );
    let bearer = requests[1].header("authorization").unwrap();
    assert!(bearer.starts_with("Bearer fake-oto-access-1-"), "{bearer}");
    assert_eq!(requests[2].header("authorization"), Some(bearer));
}

#[tokio::test]
async fn a_401_refreshes_once_and_retries_the_call() {
    let (fake, oto) = ready().await;
    fake.expire_tokens();

    let options = oto.fee(&query(1000, "Riyadh", None)).await.unwrap();

    assert_eq!(options.len(), 2);
    assert_eq!(fake.refresh_count(), 2);
    let fees = fake.calls("/checkOTODeliveryFee");
    assert_eq!(fees.len(), 2, "the call is seen twice");
    assert_eq!(fees[0].body, fees[1].body);
    let first = fees[0].header("authorization").unwrap();
    let second = fees[1].header("authorization").unwrap();
    assert!(first.starts_with("Bearer fake-oto-access-1-"), "{first}");
    assert!(second.starts_with("Bearer fake-oto-access-2-"), "{second}");
    let paths: Vec<String> = fake.requests().into_iter().map(|r| r.path).collect();
    assert_eq!(
        paths,
        [
            "/refreshToken",
            "/createPickupLocation",
            "/checkOTODeliveryFee",
            "/refreshToken",
            "/checkOTODeliveryFee"
        ]
    );
}

#[tokio::test]
async fn tokens_are_refreshed_before_they_expire() {
    let fake = FakeOto::start(REFRESH).await;
    fake.set_token_expires_in(Some(1));
    let oto = oto(&fake);

    oto.fee(&query(1000, "Riyadh", None)).await.unwrap();
    tokio::time::sleep(Duration::from_millis(1100)).await;
    oto.fee(&query(1000, "Riyadh", None)).await.unwrap();

    // Two refreshes and no 401 (each call seen once).
    assert_eq!(fake.refresh_count(), 2);
    assert_eq!(fake.calls("/checkOTODeliveryFee").len(), 2);
}

#[tokio::test]
async fn a_missing_expires_in_means_an_hour() {
    let fake = FakeOto::start(REFRESH).await;
    fake.set_token_expires_in(None);
    let oto = oto(&fake);
    oto.fee(&query(1000, "Riyadh", None)).await.unwrap();
    oto.fee(&query(1000, "Riyadh", None)).await.unwrap();
    assert_eq!(fake.refresh_count(), 1);
}

#[tokio::test]
async fn a_bad_refresh_token_is_an_auth_error() {
    let fake = FakeOto::start(REFRESH).await;
    let oto = oto_at(fake.base_url(), "AMf-wrong");

    let err = oto.fee(&query(1000, "Riyadh", None)).await.unwrap_err();

    assert!(matches!(err, ShippingError::Auth), "{err:?}");
    let requests = fake.requests();
    assert_eq!(requests.len(), 1, "no call without a token: {requests:?}");
    assert_eq!(requests[0].body, json!({ "refresh_token": "AMf-wrong" }));
}

#[tokio::test]
async fn a_second_401_is_an_auth_error() {
    let refreshes = Arc::new(AtomicUsize::new(0));
    let calls = Arc::new(AtomicUsize::new(0));
    let (r, c) = (Arc::clone(&refreshes), Arc::clone(&calls));
    let base = serve(
        Router::new()
            .route(
                "/refreshToken",
                post(move || async move {
                    r.fetch_add(1, Ordering::SeqCst);
                    axum::Json(json!({ "access_token": "t", "expires_in": 3600 }))
                }),
            )
            .route(
                "/cancelOrder",
                post(move || async move {
                    c.fetch_add(1, Ordering::SeqCst);
                    StatusCode::UNAUTHORIZED
                }),
            ),
    )
    .await;

    let err = oto_at(base, REFRESH).cancel("A-1").await.unwrap_err();

    assert!(matches!(err, ShippingError::Auth), "{err:?}");
    assert_eq!(refreshes.load(Ordering::SeqCst), 2);
    assert_eq!(calls.load(Ordering::SeqCst), 2);
}
