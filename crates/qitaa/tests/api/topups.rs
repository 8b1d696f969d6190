//! Wallet top-ups by card through the sandbox gateway: the wallet is credited
//! once the card is paid, the ledger balances, and the limits per top-up and
//! per 24 hours hold.

use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::harness::TestApp;
use crate::shop::{CUSTOMER, assert_ledger_sound, post_keyed, wallet};

/// Pays a checkout-style payment link on the sandbox's hosted page.
async fn pay(app: &TestApp, payment_url: &str) {
    let r = app.client.get(payment_url).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{r:?}");
    let to = r.headers()["location"].to_str().unwrap().to_owned();
    assert!(to.contains("/sandbox/pay/"), "{to}");
    let r = app.client.post(format!("{to}/pay")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{r:?}");
}

#[tokio::test]
async fn a_card_top_up_credits_the_wallet_once_paid_within_its_limits() {
    let app = TestApp::spawn_with(|c| c.payments.topup_daily_max = 15_000, None).await;
    let customer = app.token_of(CUSTOMER).await;
    let before = wallet(&app, &customer).await;

    let r = post_keyed(
        &app,
        "/api/v1/wallet/top-ups",
        &customer,
        "top-1",
        json!({"amount": 10_000}),
    )
    .await;
    assert_eq!(r.status, 201, "{r:?}");
    let id = r.body["data"]["topUp"]["id"].as_str().unwrap().to_owned();
    assert_eq!(r.body["data"]["topUp"]["status"], "pending");
    // Nothing is credited before the card is paid.
    assert_eq!(wallet(&app, &customer).await, before);
    // The same key replays the same top-up.
    let again = post_keyed(
        &app,
        "/api/v1/wallet/top-ups",
        &customer,
        "top-1",
        json!({"amount": 10_000}),
    )
    .await;
    assert_eq!(again.body["data"]["topUp"]["id"], id.as_str());

    pay(&app, r.body["data"]["paymentUrl"].as_str().unwrap()).await;
    assert_eq!(wallet(&app, &customer).await, before + 10_000);
    let t = app
        .get(&format!("/api/v1/wallet/top-ups/{id}"), Some(&customer))
        .await;
    assert_eq!(t.body["data"]["status"], "paid", "{t:?}");
    assert_ledger_sound(&app).await;
    let stranger = app.token_of("+966500000085").await;
    let r = app
        .get(&format!("/api/v1/wallet/top-ups/{id}"), Some(&stranger))
        .await;
    assert_eq!(r.status, 404);

    // Over the 24-hour limit (10,000 paid + 10,000 > 15,000), over the
    // single limit, and under the least: each names the amount, in Arabic.
    for (amount, key) in [(10_000, "top-2"), (600_000, "top-3"), (50, "top-4")] {
        let r = app
            .client
            .request(Method::POST, format!("{}/api/v1/wallet/top-ups", app.base))
            .bearer_auth(&customer)
            .header("accept-language", "ar")
            .header("idempotency-key", key)
            .json(&json!({"amount": amount}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{amount}");
        let body: serde_json::Value = r.json().await.unwrap();
        assert!(body["error"]["fields"]["amount"][0].is_string(), "{body}");
    }
    assert_eq!(wallet(&app, &customer).await, before + 10_000);
}

/// The wallet page's form: a bad amount is named in Arabic on the page; a
/// good one goes to the hosted page, whose payment credits the wallet.
#[tokio::test]
async fn the_wallet_page_tops_up_by_card() {
    let app = TestApp::spawn().await;
    let customer = app.token_of(CUSTOMER).await;
    let before = wallet(&app, &customer).await;
    let cookie = crate::web::web_session(&app, "app", "qitaa_app_session", "0500000001").await;
    let page = app
        .client
        .get(format!("{}/app/account/wallet", app.base))
        .header("cookie", &cookie)
        .header("accept-language", "ar")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("id=\"wallet-topup-form\""), "{page}");
    let field = |name: &str| {
        page.split(&format!("name=\"{name}\" value=\""))
            .nth(1)
            .and_then(|s| s.split('"').next())
            .unwrap()
            .to_owned()
    };
    let (csrf, key) = (field("_csrf"), field("key"));
    let post = |amount: &'static str| {
        app.client
            .post(format!("{}/app/account/wallet/top-up", app.base))
            .header("cookie", &cookie)
            .header("accept-language", "ar")
            .header("content-type", "application/x-www-form-urlencoded")
            .body(format!("_csrf={csrf}&key={key}&amount={amount}"))
            .send()
    };
    let r = post("0.5").await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = r.text().await.unwrap();
    assert!(
        html.contains("id=\"topup-amount-error\"><svg"),
        "the amount's error shows"
    );
    let r = post("75.50").await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let link = r.headers()["location"].to_str().unwrap().to_owned();
    let link = if link.starts_with("http") {
        link
    } else {
        format!("{}{link}", app.base)
    };
    pay(&app, &link).await;
    assert_eq!(wallet(&app, &customer).await, before + 7_550);
    assert_ledger_sound(&app).await;
}
