//! Saved cards: a card is kept only when the customer asked and the payment
//! was captured; a later checkout or order is paid with it through the
//! gateway with no hosted page, booked as a hosted-page capture is; nobody
//! else sees, deletes or uses it; an expired or deleted card is refused. Run
//! against the built-in sandbox and against the N-Genius adapter's fake.

use std::sync::Arc;

use providers::payments::fake::FakeNGenius;
use providers::payments::{NGenius, NGeniusConfig};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::harness::{Reply, TestApp};
use crate::shop::*;

const STRANGER: &str = "+966500000086";

/// A card checkout of a new product (one order), with `extra` fields.
async fn card_checkout(app: &TestApp, token: &str, key: &str, extra: Value) -> Reply {
    let body = card_body(app, token, extra).await;
    checkout(app, token, key, body).await
}

/// A one-item card checkout of a fresh product to a fresh address.
async fn card_body(app: &TestApp, token: &str, extra: Value) -> Value {
    let (riyadh, _) = demo_stores(app).await;
    let p = product(app, riyadh, 12_000, 5).await;
    let address = address(app, token).await;
    let mut body = json!({"addressId": address, "paymentMethod": "card",
                          "items": [{"productId": p, "quantity": 1}]});
    for (k, v) in extra.as_object().unwrap() {
        body[k] = v.clone();
    }
    body
}

/// Pays a payment link on the sandbox's hosted page.
async fn pay_on_sandbox_page(app: &TestApp, payment_url: &str) {
    let r = app.client.get(payment_url).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{r:?}");
    let page = r.headers()["location"].to_str().unwrap().to_owned();
    assert!(page.contains("/sandbox/pay/"), "{page}");
    let r = app.client.post(format!("{page}/pay")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "{r:?}");
}

async fn cards(app: &TestApp, token: &str) -> Reply {
    let r = app.get("/api/v1/payments/saved-cards", Some(token)).await;
    assert_eq!(r.status, 200, "{r:?}");
    r
}

async fn captures(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM ledger_transactions WHERE kind = 'payment_captured'")
        .fetch_one(&app.db)
        .await
        .unwrap()
}

/// The listed card carries no token and no card number.
async fn assert_no_secrets(app: &TestApp, list: &Reply) {
    let text = list.body.to_string();
    let tokens: Vec<String> =
        sqlx::query_scalar("SELECT token FROM saved_cards WHERE token IS NOT NULL")
            .fetch_all(&app.db)
            .await
            .unwrap();
    assert!(!tokens.is_empty());
    for t in tokens {
        assert!(!text.contains(&t), "a token in {text}");
    }
    for card in list.body["data"].as_array().unwrap() {
        let keys: Vec<&String> = card.as_object().unwrap().keys().collect();
        assert!(
            keys.iter()
                .all(|k| !k.to_lowercase().contains("token") && !k.to_lowercase().contains("pan")),
            "{keys:?}"
        );
    }
    assert!(
        !text.contains("411111") && !text.contains("401200"),
        "{text}"
    );
}

#[tokio::test]
async fn a_saved_card_pays_later_checkouts_with_no_page_and_stays_its_owners() {
    let app = TestApp::spawn().await;
    let token = app.token_of(CUSTOMER).await;
    let stranger = app.token_of(STRANGER).await;

    // The first checkout asks to keep the card and is paid on the page.
    let r = card_checkout(&app, &token, "sc-1", json!({"saveCard": true})).await;
    assert_eq!(r.status, 201, "{r:?}");
    assert!(
        cards(&app, &token).await.body["data"]
            .as_array()
            .unwrap()
            .is_empty(),
        "not before capture"
    );
    pay_on_sandbox_page(&app, r.body["data"]["paymentUrl"].as_str().unwrap()).await;
    let first = r.body["data"]["orders"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(order_status(&app, &first).await, "confirmed");

    let list = cards(&app, &token).await;
    let listed = list.body["data"].as_array().unwrap();
    assert_eq!(listed.len(), 1, "{list:?}");
    let card = &listed[0];
    assert_eq!(card["gateway"], "sandbox");
    assert_eq!(card["scheme"], "VISA");
    assert_eq!(card["last4"], "1111");
    assert_eq!(card["expiryMonth"], 12);
    assert_eq!(card["expired"], false);
    assert_no_secrets(&app, &list).await;
    let card_id = card["id"].as_str().unwrap().to_owned();

    // Paid on the page without asking: nothing is kept.
    let r = card_checkout(&app, &stranger, "sc-s1", json!({})).await;
    pay_on_sandbox_page(&app, r.body["data"]["paymentUrl"].as_str().unwrap()).await;
    assert!(
        cards(&app, &stranger).await.body["data"]
            .as_array()
            .unwrap()
            .is_empty()
    );

    // A checkout paid with the saved card: captured at once, no page.
    let before = captures(&app).await;
    let body = card_body(&app, &token, json!({"savedCardId": card_id})).await;
    let r = checkout(&app, &token, "sc-2", body.clone()).await;
    assert_eq!(r.status, 201, "{r:?}");
    assert_eq!(r.body["data"]["savedCardResult"], "captured");
    assert!(r.body["data"].get("paymentUrl").is_none(), "{r:?}");
    assert_eq!(r.body["data"]["orders"][0]["status"], "confirmed");
    assert_eq!(captures(&app).await, before + 1);
    // The same key answers the same, and charges nothing again.
    let again = checkout(&app, &token, "sc-2", body).await;
    assert_eq!(again.status, 201);
    assert_eq!(again.headers["idempotent-replayed"], "true");
    assert_eq!(
        again.body["data"]["checkoutId"],
        r.body["data"]["checkoutId"]
    );
    assert_eq!(again.body["data"]["savedCardResult"], "captured");
    assert_eq!(captures(&app).await, before + 1);

    // An order awaiting its card payment, paid again with the saved card.
    let r = card_checkout(&app, &token, "sc-3", json!({})).await;
    let order = r.body["data"]["orders"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let paid = post_keyed(
        &app,
        &format!("/api/v1/orders/{order}/pay"),
        &token,
        "sc-3-pay",
        json!({"paymentMethod": "card", "savedCardId": card_id}),
    )
    .await;
    assert_eq!(paid.status, 200, "{paid:?}");
    assert_eq!(paid.body["data"]["status"], "confirmed");
    assert_eq!(paid.body["data"]["savedCardResult"], "captured");
    assert!(paid.body["data"].get("paymentUrl").is_none());
    assert_eq!(order_status(&app, &order).await, "confirmed");
    let settled: (String, Option<String>) = sqlx::query_as(
        "SELECT g.state, g.card_token FROM sandbox_gateway_orders g \
         JOIN payment_sessions s ON s.provider_ref = g.reference \
         JOIN payments p ON p.session_id = s.id WHERE p.target_id = $1::uuid",
    )
    .bind(&order)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(settled.0, "PURCHASED");
    assert!(settled.1.is_some());
    assert_eq!(captures(&app).await, before + 2);
    assert_eq!(
        cards(&app, &token).await.body["data"]
            .as_array()
            .unwrap()
            .len(),
        1,
        "no duplicate"
    );

    // Another customer can neither see, delete nor use it.
    assert!(
        cards(&app, &stranger).await.body["data"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    let r = app
        .call(
            Method::DELETE,
            &format!("/api/v1/payments/saved-cards/{card_id}"),
            Some(&stranger),
            None,
            "en",
        )
        .await;
    assert_eq!(r.status, 404, "{r:?}");
    let r = card_checkout(&app, &stranger, "sc-s2", json!({"savedCardId": card_id})).await;
    assert_eq!(r.status, 422, "{r:?}");
    assert_eq!(r.body["error"]["code"], "SAVED_CARD_NOT_FOUND");
    assert!(
        r.body["error"]["fields"]["savedCardId"][0].is_string(),
        "{r:?}"
    );

    // With the wallet it is a field error; with a card it saves or uses, not both.
    for (key, extra) in [
        (
            "sc-v1",
            json!({"paymentMethod": "wallet", "savedCardId": card_id}),
        ),
        ("sc-v2", json!({"saveCard": true, "savedCardId": card_id})),
    ] {
        let r = card_checkout(&app, &token, key, extra).await;
        assert_eq!(r.status, 422, "{r:?}");
        assert_eq!(r.body["error"]["code"], "VALIDATION_FAILED");
    }

    // Expired: listed as such, refused naming the field, in Arabic too.
    sqlx::query("UPDATE saved_cards SET expiry_year = 2020 WHERE id = $1::uuid")
        .bind(&card_id)
        .execute(&app.db)
        .await
        .unwrap();
    assert_eq!(cards(&app, &token).await.body["data"][0]["expired"], true);
    let r = card_checkout(&app, &token, "sc-4", json!({"savedCardId": card_id})).await;
    assert_eq!(r.status, 422, "{r:?}");
    assert_eq!(r.body["error"]["code"], "SAVED_CARD_EXPIRED");
    assert!(
        r.body["error"]["fields"]["savedCardId"][0].is_string(),
        "{r:?}"
    );
    sqlx::query("UPDATE saved_cards SET expiry_year = 2099 WHERE id = $1::uuid")
        .bind(&card_id)
        .execute(&app.db)
        .await
        .unwrap();

    // Deleted: gone from the list, its token forgotten, and it pays no more.
    let r = app
        .call(
            Method::DELETE,
            &format!("/api/v1/payments/saved-cards/{card_id}"),
            Some(&token),
            None,
            "en",
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    assert!(
        cards(&app, &token).await.body["data"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    let token_kept: Option<String> =
        sqlx::query_scalar("SELECT token FROM saved_cards WHERE id = $1::uuid")
            .bind(&card_id)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert!(token_kept.is_none());
    let r = card_checkout(&app, &token, "sc-5", json!({"savedCardId": card_id})).await;
    assert_eq!(r.status, 422, "{r:?}");
    assert_eq!(r.body["error"]["code"], "SAVED_CARD_NOT_FOUND");
    let r = app
        .call(
            Method::DELETE,
            &format!("/api/v1/payments/saved-cards/{card_id}"),
            Some(&token),
            None,
            "en",
        )
        .await;
    assert_eq!(r.status, 404);
    let r = app
        .call(
            Method::DELETE,
            &format!("/api/v1/payments/saved-cards/{}", Uuid::now_v7()),
            Some(&token),
            None,
            "en",
        )
        .await;
    assert_eq!(r.status, 404);
    assert_ledger_sound(&app).await;
}

#[tokio::test]
async fn with_ngenius_the_token_is_charged_through_the_gateway_and_3ds_falls_back_to_its_page() {
    let fake = FakeNGenius::start("test-api-key", "outlet-1").await;
    let gateway = NGenius::new(NGeniusConfig::new(
        fake.base_url(),
        "test-api-key",
        "outlet-1",
    ))
    .unwrap();
    let app = TestApp::spawn_with_gateway(|_| {}, None, Some(Arc::new(gateway))).await;
    let token = app.token_of(CUSTOMER).await;

    let r = card_checkout(&app, &token, "ng-sc-1", json!({"saveCard": true})).await;
    assert_eq!(r.status, 201, "{r:?}");
    let first = r.body["data"]["orders"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let reference: String = sqlx::query_scalar(
        "SELECT provider_ref FROM payment_sessions WHERE provider = 'ngenius' AND save_card",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    fake.pay(&reference);
    let hook = app
        .client
        .post(format!("{}/api/v1/payments/webhooks/ngenius", app.base))
        .header(
            app.state.config.payments.webhook_header.as_str(),
            app.state.config.payments.webhook_secret.as_str(),
        )
        .header("content-type", "application/json")
        .body(fake.webhook_body(&reference, "PURCHASED"))
        .send()
        .await
        .unwrap();
    assert_eq!(hook.status(), 200);
    assert_eq!(order_status(&app, &first).await, "confirmed");

    let list = cards(&app, &token).await;
    assert_eq!(list.body["data"].as_array().unwrap().len(), 1, "{list:?}");
    assert_eq!(list.body["data"][0]["gateway"], "ngenius");
    assert_eq!(list.body["data"][0]["last4"], "1112");
    assert_no_secrets(&app, &list).await;
    let card_id = list.body["data"][0]["id"].as_str().unwrap().to_owned();
    let before = captures(&app).await;
    let stored: String = sqlx::query_scalar("SELECT token FROM saved_cards WHERE id = $1::uuid")
        .bind(&card_id)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(
        stored,
        fake.saved_card().token,
        "the gateway's token is what is kept"
    );

    // Paid again with the token: the gateway received the documented PUT.
    fake.clear_requests();
    let r = card_checkout(&app, &token, "ng-sc-2", json!({"savedCardId": card_id})).await;
    assert_eq!(r.status, 201, "{r:?}");
    assert_eq!(r.body["data"]["savedCardResult"], "captured");
    assert_eq!(r.body["data"]["orders"][0]["status"], "confirmed");
    assert!(r.body["data"].get("paymentUrl").is_none());
    let put = fake
        .requests()
        .into_iter()
        .find(|q| q.method == "PUT")
        .expect("a saved-card payment at the gateway");
    assert!(put.path.ends_with("/saved-card"), "{}", put.path);
    let card = fake.saved_card();
    assert_eq!(put.body["cardToken"], card.token.as_str());
    assert_eq!(put.body["expiry"], card.expiry.as_str());
    assert_eq!(put.body["maskedPan"], "401200******1112");
    assert_eq!(put.body["cardholderName"], "Test Customer");
    assert!(
        fake.requests()
            .iter()
            .all(|q| !q.path.starts_with("/paypage"))
    );

    // 3-D Secure: the order waits, and the answer is the hosted page.
    fake.require_3ds_for_saved_cards(true);
    let r = card_checkout(&app, &token, "ng-sc-3", json!({"savedCardId": card_id})).await;
    assert_eq!(r.status, 201, "{r:?}");
    assert_eq!(r.body["data"]["savedCardResult"], "action_required");
    assert_eq!(r.body["data"]["orders"][0]["status"], "pending_payment");
    let link = r.body["data"]["paymentUrl"]
        .as_str()
        .expect("the hosted page")
        .to_owned();
    let res = app.client.get(&link).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert!(
        res.headers()["location"]
            .to_str()
            .unwrap()
            .starts_with(&fake.base_url())
    );

    assert_eq!(
        captures(&app).await,
        before + 1,
        "the saved card's capture, once"
    );
    assert_ledger_sound(&app).await;
}

/// The customer app: the account lists the saved card (no token), the order's
/// "pay again" form offers it and pays with it (no page), and the list's
/// delete (htmx, after the confirm dialog) removes it with a toast.
#[tokio::test]
async fn the_app_pays_with_a_saved_card_and_deletes_it_from_the_account() {
    let app = TestApp::spawn().await;
    let token = app.token_of(CUSTOMER).await;
    let r = card_checkout(&app, &token, "web-sc-1", json!({"saveCard": true})).await;
    pay_on_sandbox_page(&app, r.body["data"]["paymentUrl"].as_str().unwrap()).await;
    let card_id = cards(&app, &token).await.body["data"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let secret: String = sqlx::query_scalar("SELECT token FROM saved_cards WHERE id = $1::uuid")
        .bind(&card_id)
        .fetch_one(&app.db)
        .await
        .unwrap();
    let cookie = crate::web::web_session(&app, "app", "qitaa_app_session", "0500000001").await;
    let page = |path: String| {
        let app = &app;
        let cookie = cookie.clone();
        async move {
            let r = app
                .client
                .get(format!("{}{path}", app.base))
                .header("cookie", cookie)
                .header("accept-language", "ar")
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), StatusCode::OK, "{path}");
            r.text().await.unwrap()
        }
    };
    let field = |html: &str, name: &str| {
        html.split(&format!("name=\"{name}\" value=\""))
            .nth(1)
            .and_then(|s| s.split('"').next())
            .unwrap()
            .to_owned()
    };

    let list = page("/app/account/cards".into()).await;
    assert!(list.contains(&format!("id=\"card-{card_id}\"")), "{list}");
    assert!(
        list.contains("•••• 1111") && list.contains("data-confirm="),
        "{list}"
    );
    assert!(!list.contains(&secret), "no token on the page");
    assert!(
        page("/app/account".into())
            .await
            .contains("id=\"link-cards\"")
    );

    // An order awaiting its card payment offers the card, and is paid with it.
    let r = card_checkout(&app, &token, "web-sc-2", json!({})).await;
    let order = r.body["data"]["orders"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let html = page(format!("/app/orders/{order}")).await;
    assert!(
        html.contains(&format!("id=\"saved-card-{card_id}\"")),
        "{html}"
    );
    assert!(html.contains("id=\"save-card\""), "{html}");
    let csrf = field(&html, "_csrf");
    let res = app
        .client
        .post(format!("{}/app/orders/{order}/pay", app.base))
        .header("cookie", &cookie)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!(
            "_csrf={csrf}&_key=web-sc-pay&method=card&saved_card={card_id}"
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let to = res.headers()["location"].to_str().unwrap().to_owned();
    assert!(
        to.ends_with(&format!("/orders/{order}")),
        "no hosted page: {to}"
    );
    assert_eq!(order_status(&app, &order).await, "confirmed");

    // Deleted from the account list (htmx): the list comes back empty.
    let res = app
        .client
        .post(format!("{}/app/account/cards/{card_id}/delete", app.base))
        .header("cookie", &cookie)
        .header("hx-request", "true")
        .header("accept-language", "ar")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("_csrf={csrf}"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.headers().contains_key("hx-trigger"), "a toast");
    let html = res.text().await.unwrap();
    assert!(html.contains("id=\"cards-empty\""), "{html}");
    assert!(
        cards(&app, &token).await.body["data"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    assert_ledger_sound(&app).await;
}
