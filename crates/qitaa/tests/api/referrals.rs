//! Referrals: a code applied once, before the first delivery; the reward
//! booked exactly once at the first delivered order, even when several are
//! delivered at once; the referrer's monthly cap; admin revocation.

use futures_util::future::join_all;
use reqwest::Method;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::harness::{Reply, TestApp};
use crate::shop::*;

async fn referral_app(tune: impl FnOnce(&mut app::config::AppConfig)) -> TestApp {
    TestApp::spawn_with(
        |c| {
            c.otp.per_ip_per_hour = 1_000;
            tune(c);
        },
        None,
    )
    .await
}

async fn me(app: &TestApp, token: &str) -> Value {
    let r = app.get("/api/v1/referrals/me", Some(token)).await;
    assert_eq!(r.status, 200, "{r:?}");
    r.body["data"].clone()
}

async fn code_of(app: &TestApp, token: &str) -> String {
    me(app, token).await["code"].as_str().unwrap().to_owned()
}

async fn apply(app: &TestApp, token: &str, body: Value) -> Reply {
    app.post("/api/v1/referrals/apply", Some(token), body).await
}

/// `n` cash orders of one product of the Riyadh store, taken by the store
/// to `shipped`, one step short of delivered.
async fn shipped_orders(app: &TestApp, token: &str, n: usize) -> (Uuid, Vec<String>) {
    let (riyadh, _) = demo_stores(app).await;
    let p = product(app, riyadh, 5_000, 100).await;
    let address = address(app, token).await;
    let supplier = app.token_of(SUPPLIER).await;
    let mut orders = Vec::new();
    for _ in 0..n {
        let r = checkout(
            app,
            token,
            &Uuid::new_v4().to_string(),
            json!({"addressId": address, "paymentMethod": "cash",
                   "items": [{"productId": p, "quantity": 1}]}),
        )
        .await;
        assert_eq!(r.status, 201, "{r:?}");
        let order = r.body["data"]["orders"][0]["id"]
            .as_str()
            .unwrap()
            .to_owned();
        for step in ["accepted", "preparing", "shipped"] {
            let r = status(app, &supplier, riyadh, &order, step).await;
            assert_eq!(r.status, 200, "{step}: {r:?}");
        }
        orders.push(order);
    }
    (riyadh, orders)
}

async fn status(app: &TestApp, supplier: &str, store: Uuid, order: &str, to: &str) -> Reply {
    app.post(
        &format!("/api/v1/partner/stores/{store}/orders/{order}/status"),
        Some(supplier),
        json!({"status": to}),
    )
    .await
}

/// The store delivers each order, one after the other.
async fn deliver(app: &TestApp, store: Uuid, orders: &[String]) {
    let supplier = app.token_of(SUPPLIER).await;
    for o in orders {
        let r = status(app, &supplier, store, o, "delivered").await;
        assert_eq!(r.status, 200, "{r:?}");
    }
}

/// (referral transactions, their entries, their sum, promotions expense moved by them).
async fn referral_ledger(app: &TestApp) -> (i64, i64, i64, i64) {
    sqlx::query_as(
        "SELECT count(DISTINCT t.id), count(e.id), coalesce(sum(e.amount), 0)::bigint, \
                coalesce(sum(e.amount) FILTER (WHERE a.kind = 'promotions_expense'), 0)::bigint \
         FROM ledger_transactions t JOIN ledger_entries e ON e.transaction_id = t.id \
         JOIN ledger_accounts a ON a.id = e.account_id WHERE t.kind = 'referral_reward'",
    )
    .fetch_one(&app.db)
    .await
    .unwrap()
}

#[tokio::test]
async fn own_unknown_and_second_codes_are_refused() {
    let app = referral_app(|_| {}).await;
    let a = app.token_of("+966551200001").await;
    let summary = me(&app, &a).await;
    let code = summary["code"].as_str().unwrap().to_owned();
    assert_eq!(code.len(), 8, "{summary}");
    assert!(
        code.bytes()
            .all(|b| b"ABCDEFGHJKMNPQRSTUVWXYZ23456789".contains(&b)),
        "{code}"
    );
    assert!(summary["shareLink"].as_str().unwrap().ends_with(&code));
    assert_eq!(summary["canApply"], true);
    assert_eq!(summary["referredCount"], 0);
    assert_eq!(code_of(&app, &a).await, code, "the code is kept");

    // Own code: 422 on `code`, in Arabic when asked in Arabic.
    let r = app
        .call(
            Method::POST,
            "/api/v1/referrals/apply",
            Some(&a),
            Some(json!({"code": code})),
            "ar",
        )
        .await;
    assert_eq!(r.status, 422, "{r:?}");
    assert_eq!(r.body["error"]["code"], "SELF_REFERRAL");
    let said = r.body["error"]["fields"]["code"][0].as_str().unwrap();
    assert!(said.contains("رمز الدعوة"), "{said}");
    let r = apply(&app, &a, json!({"code": code})).await;
    assert_eq!(
        r.body["error"]["fields"]["code"][0],
        "You cannot use your own invitation code."
    );

    let r = apply(&app, &a, json!({"code": "ZZZZ-ZZZZ"})).await;
    assert_eq!(r.status, 422, "{r:?}");
    assert_eq!(r.body["error"]["code"], "REFERRAL_CODE_UNKNOWN");
    assert!(r.body["error"]["fields"]["code"].is_array(), "{r:?}");

    let r = apply(&app, &a, json!({"code": " ", "deviceId": ""})).await;
    assert_eq!(r.status, 422, "{r:?}");
    for f in ["code", "deviceId"] {
        assert!(r.body["error"]["fields"][f].is_array(), "{f}: {r:?}");
    }

    // A new customer applies it as typed (lowercase, with a dash), once.
    let b = app.token_of("+966551200002").await;
    let typed = format!("{}-{}", &code[..4], &code[4..]).to_lowercase();
    let r = apply(&app, &b, json!({"code": typed, "deviceId": "phone-b"})).await;
    assert_eq!(r.status, 201, "{r:?}");
    assert_eq!(r.body["data"]["status"], "pending");
    assert_eq!(r.body["data"]["code"], code.as_str());
    let r = apply(&app, &b, json!({"code": code})).await;
    assert_eq!(r.status, 409, "{r:?}");
    assert_eq!(r.body["error"]["code"], "ALREADY_REFERRED");
    assert_eq!(me(&app, &b).await["canApply"], false);

    // The referrer cannot take the referee's code back.
    let b_code = code_of(&app, &b).await;
    let r = apply(&app, &a, json!({"code": b_code})).await;
    assert_eq!(r.status, 422, "{r:?}");
    assert_eq!(r.body["error"]["code"], "SELF_REFERRAL");
    assert_eq!(me(&app, &a).await["referredCount"], 1);

    // The demo customer already has a delivered order.
    let demo = app.token_of(CUSTOMER).await;
    let r = apply(&app, &demo, json!({"code": code})).await;
    assert_eq!(r.status, 409, "{r:?}");
    assert_eq!(r.body["error"]["code"], "REFERRAL_TOO_LATE");

    // Referrals are between customers.
    let supplier = app.token_of(SUPPLIER).await;
    assert_eq!(
        apply(&app, &supplier, json!({"code": code})).await.status,
        403
    );
    assert_eq!(
        app.get("/api/v1/referrals/me", Some(&supplier))
            .await
            .status,
        403
    );
}

#[tokio::test]
async fn five_first_orders_delivered_at_once_reward_exactly_once() {
    let app = referral_app(|_| {}).await;
    let a = app.token_of("+966551300001").await;
    let b = app.token_of("+966551300002").await;
    let code = code_of(&app, &a).await;
    let r = apply(&app, &b, json!({"code": code, "deviceId": "race-device"})).await;
    assert_eq!(r.status, 201, "{r:?}");
    let (store, orders) = shipped_orders(&app, &b, 5).await;
    let (a0, b0) = (wallet(&app, &a).await, wallet(&app, &b).await);

    let supplier = app.token_of(SUPPLIER).await;
    let replies = join_all(
        orders
            .iter()
            .map(|o| status(&app, &supplier, store, o, "delivered")),
    )
    .await;
    for r in &replies {
        assert_eq!(r.status, 200, "{r:?}");
    }
    for o in &orders {
        assert_eq!(order_status(&app, o).await, "delivered");
    }

    assert_eq!(wallet(&app, &a).await, a0 + 1_000);
    assert_eq!(wallet(&app, &b).await, b0 + 1_000);
    let (transactions, entries, sum, expense) = referral_ledger(&app).await;
    assert_eq!((transactions, entries, sum), (2, 4, 0));
    assert_eq!(expense, 2_000, "both rewards are the platform's expense");
    let (state, order): (String, Option<Uuid>) =
        sqlx::query_as("SELECT status, rewarded_order_id FROM referrals WHERE code = $1")
            .bind(&code)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(state, "rewarded");
    assert!(orders.contains(&order.unwrap().to_string()));
    let summary = me(&app, &a).await;
    assert_eq!(summary["rewardsEarned"], 1_000);
    assert_eq!(summary["rewardedCount"], 1);
    assert_eq!(me(&app, &b).await["referredBy"]["status"], "rewarded");
    assert_ledger_sound(&app).await;

    // Each side is told once, in its inbox, what landed.
    for (phone, event, text) in [
        (
            "+966551300001",
            "referral.rewarded",
            "SAR 10.00 is in your wallet",
        ),
        (
            "+966551300002",
            "referral.welcome",
            "SAR 10.00 is in your wallet",
        ),
    ] {
        let told: Vec<String> = sqlx::query_scalar(
            "SELECT n.body ->> 'en' FROM notifications n JOIN users u ON u.id = n.user_id \
             WHERE u.phone = $1 AND n.event = $2",
        )
        .bind(phone)
        .bind(event)
        .fetch_all(&app.db)
        .await
        .unwrap();
        assert_eq!(told.len(), 1, "{phone} {event}: {told:?}");
        assert!(told[0].contains(text), "{told:?}");
    }

    // One reward per device: another new customer on the same device.
    let c = app.token_of("+966551300003").await;
    let r = apply(&app, &c, json!({"code": code, "deviceId": "race-device"})).await;
    assert_eq!(r.status, 409, "{r:?}");
    assert_eq!(r.body["error"]["code"], "REFERRAL_DEVICE_REWARDED");
}

#[tokio::test]
async fn past_the_monthly_cap_only_the_referee_is_rewarded() {
    let app = referral_app(|c| c.referral.monthly_cap = 1).await;
    let a = app.token_of("+966551400001").await;
    let code = code_of(&app, &a).await;
    let mut referees = Vec::new();
    for phone in ["+966551400002", "+966551400003"] {
        let t = app.token_of(phone).await;
        let r = apply(&app, &t, json!({"code": code})).await;
        assert_eq!(r.status, 201, "{r:?}");
        referees.push(t);
    }
    for t in &referees {
        let (store, orders) = shipped_orders(&app, t, 1).await;
        deliver(&app, store, &orders).await;
    }
    assert_eq!(
        wallet(&app, &a).await,
        1_000,
        "once: the cap is one a month"
    );
    for t in &referees {
        assert_eq!(wallet(&app, t).await, 1_000);
    }
    let root = app.token_of(SUPER_ADMIN).await;
    let r = app
        .get("/api/v1/admin/referrals?status=rewarded", Some(&root))
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    let rows = r.body["data"].as_array().unwrap();
    assert_eq!(rows.len(), 2, "{r:?}");
    let capped: Vec<&Value> = rows
        .iter()
        .filter(|x| x["referrerCapped"] == true)
        .collect();
    assert_eq!(capped.len(), 1, "{r:?}");
    assert_eq!(capped[0]["referrerReward"], 0);
    assert_eq!(capped[0]["refereeReward"], 1_000);
    let (transactions, _, sum, expense) = referral_ledger(&app).await;
    assert_eq!((transactions, sum, expense), (3, 0, 3_000));
    assert_ledger_sound(&app).await;
}

#[tokio::test]
async fn a_referral_revoked_before_delivery_never_rewards() {
    let app = referral_app(|_| {}).await;
    let a = app.token_of("+966551500001").await;
    let b = app.token_of("+966551500002").await;
    let code = code_of(&app, &a).await;
    let r = apply(&app, &b, json!({"code": code})).await;
    assert_eq!(r.status, 201, "{r:?}");
    let id = r.body["data"]["id"].as_str().unwrap().to_owned();
    let revoke = format!("/api/v1/admin/referrals/{id}/revoke");

    // Customers cannot reach the admin routes.
    assert_eq!(
        app.get("/api/v1/admin/referrals", Some(&b)).await.status,
        403
    );
    let r = app.post(&revoke, Some(&b), json!({"reason": "mine"})).await;
    assert_eq!(r.status, 403, "{r:?}");

    let root = app.token_of(SUPER_ADMIN).await;
    for q in [code.to_lowercase(), "0551500002".to_owned()] {
        let r = app
            .get(
                &format!("/api/v1/admin/referrals?status=pending&q={q}"),
                Some(&root),
            )
            .await;
        assert_eq!(r.status, 200, "{r:?}");
        assert_eq!(r.body["meta"]["total"], 1, "{q}: {r:?}");
        assert_eq!(r.body["data"][0]["id"], id.as_str());
    }
    let r = app.post(&revoke, Some(&root), json!({"reason": " "})).await;
    assert_eq!(r.status, 422, "{r:?}");
    assert!(r.body["error"]["fields"]["reason"].is_array(), "{r:?}");
    let r = app
        .post(&revoke, Some(&root), json!({"reason": "Same household"}))
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["data"]["status"], "revoked");
    assert_eq!(r.body["data"]["revokeReason"], "Same household");
    // Again: nothing changes, nothing more is audited.
    let r = app
        .post(&revoke, Some(&root), json!({"reason": "Again"}))
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["data"]["revokeReason"], "Same household");
    let audited: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_logs WHERE action = 'referral.revoke' AND entity_id = $1",
    )
    .bind(&id)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(audited, 1);
    let r = app
        .post(
            &format!("/api/v1/admin/referrals/{}/revoke", Uuid::now_v7()),
            Some(&root),
            json!({"reason": "x"}),
        )
        .await;
    assert_eq!(r.status, 404, "{r:?}");

    let (store, orders) = shipped_orders(&app, &b, 1).await;
    deliver(&app, store, &orders).await;
    assert_eq!(wallet(&app, &a).await, 0);
    assert_eq!(wallet(&app, &b).await, 0);
    assert_eq!(referral_ledger(&app).await.0, 0);
    assert_eq!(me(&app, &b).await["referredBy"]["status"], "revoked");
    assert_ledger_sound(&app).await;
}

/// Signs a new customer in to the app through its forms (the code read
/// back from the SMS outbox); returns the session cookie.
async fn app_session(app: &TestApp, local_phone: &str) -> String {
    // The web surfaces sign nobody up: the app's API makes the customer.
    app.sign_in(local_phone).await;
    let token = "d".repeat(64);
    let post = |path: &str, body: String| {
        app.client
            .post(format!("{}{path}", app.base))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("cookie", format!("qitaa_csrf={token}"))
            .body(body)
            .send()
    };
    let r = post("/app/sign-in", format!("phone={local_phone}&_csrf={token}"))
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let e164 = kernel::phone::Phone::parse(local_phone)
        .unwrap()
        .to_string();
    let code = app.last_code(&e164).await;
    let r = post(
        "/app/sign-in/verify",
        format!("phone={local_phone}&code={code}&_csrf={token}"),
    )
    .await
    .unwrap();
    r.headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|c| c.starts_with("qitaa_app_session"))
        .unwrap_or_else(|| panic!("no app session: {}", r.status()))
        .split(';')
        .next()
        .unwrap()
        .to_owned()
}

async fn page(app: &TestApp, path: &str, cookie: &str) -> String {
    let r = app
        .client
        .get(format!("{}{path}", app.base))
        .header("cookie", cookie)
        .header("accept-language", "en")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200, "{path}");
    r.text().await.unwrap()
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    text.split(start)
        .nth(1)
        .and_then(|s| s.split(end).next())
        .unwrap_or_else(|| panic!("no {start} in the page"))
}

#[tokio::test]
async fn the_account_card_applies_a_shared_code_and_the_admin_page_revokes_it() {
    let app = referral_app(|_| {}).await;
    let a = app.token_of("+966551600001").await;
    let code = code_of(&app, &a).await;

    let cookie = app_session(&app, "0551600002").await;
    let hub = page(&app, &format!("/app/account?ref={code}"), &cookie).await;
    assert!(hub.contains("id=\"invite-card\""), "{hub}");
    let own = between(&hub, "id=\"invite-code\">", "<");
    assert_eq!(own.len(), 8);
    assert_ne!(own, code);
    assert!(
        hub.contains(&format!("value=\"{code}\"")),
        "the link's code is filled in"
    );
    let csrf = between(&hub, "name=\"_csrf\" value=\"", "\"").to_owned();
    let apply = |body: String| {
        app.client
            .post(format!("{}/app/account/invite", app.base))
            .header("cookie", &cookie)
            .header("hx-request", "true")
            .header("accept-language", "en")
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body)
            .send()
    };
    // An unknown code: the card comes back with the field's error.
    let r = apply(format!("_csrf={csrf}&code=ZZZZZZZZ")).await.unwrap();
    assert_eq!(r.status(), 200);
    let card = r.text().await.unwrap();
    assert!(card.contains("aria-invalid=\"true\""), "{card}");
    assert!(
        card.contains("We could not find this invitation code"),
        "{card}"
    );
    let r = apply(format!("_csrf={csrf}&code={code}")).await.unwrap();
    assert_eq!(r.status(), 200);
    assert!(
        r.headers()["hx-trigger"]
            .to_str()
            .unwrap()
            .contains("success")
    );
    let card = r.text().await.unwrap();
    assert!(card.contains("data-status=\"pending\""), "{card}");
    assert!(!card.contains("id=\"invite-apply\""), "no second code");

    let root = crate::web::web_session(&app, "admin", "qitaa_admin_session", "0500000000").await;
    let list = page(
        &app,
        &format!("/admin/referrals?status=pending&q={code}"),
        &root,
    )
    .await;
    let id = between(&list, "id=\"referral-", "\"").to_owned();
    let token = between(&list, "\"X-CSRF-Token\": \"", "\"").to_owned();
    let r = app
        .client
        .post(format!("{}/admin/referrals/{id}/revoke", app.base))
        .header("cookie", &root)
        .header("hx-request", "true")
        .header("x-csrf-token", &token)
        .header("hx-prompt", "Test account")
        .header("accept-language", "en")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    let row = r.text().await.unwrap();
    assert!(row.contains("data-status=\"revoked\""), "{row}");
    assert!(row.contains("Test account"), "{row}");
    let status: String = sqlx::query_scalar("SELECT status FROM referrals WHERE id = $1::uuid")
        .bind(&id)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(status, "revoked");
}

#[tokio::test]
async fn a_shared_link_opened_before_sign_in_lands_on_the_account_after_it() {
    let app = referral_app(|_| {}).await;
    let a = app.token_of("+966551600011").await;
    let code = code_of(&app, &a).await;
    let link = format!("/app/account?ref={code}");
    app.sign_in("0551600012").await;

    // Opened signed out: sent to sign in, the link kept for ten minutes.
    let r = app
        .client
        .get(format!("{}{link}", app.base))
        .send()
        .await
        .unwrap();
    assert!(r.status().is_redirection(), "{}", r.status());
    assert_eq!(r.headers()["location"], "/app/sign-in");
    let next = r
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|c| c.starts_with("qitaa_next="))
        .expect("the link is remembered");
    assert!(
        next.contains("Max-Age=600") && next.contains("HttpOnly"),
        "{next}"
    );
    let next = next.split(';').next().unwrap().to_owned();

    let token = "d".repeat(64);
    let post = |path: &str, body: String, extra: &str| {
        app.client
            .post(format!("{}{path}", app.base))
            .header("content-type", "application/x-www-form-urlencoded")
            .header("cookie", format!("qitaa_csrf={token}{extra}"))
            .body(body)
            .send()
    };
    let r = post(
        "/app/sign-in",
        format!("phone=0551600012&_csrf={token}"),
        "",
    )
    .await
    .unwrap();
    assert_eq!(r.status(), 200);
    let code_sms = app.last_code("+966551600012").await;
    let r = post(
        "/app/sign-in/verify",
        format!("phone=0551600012&code={code_sms}&_csrf={token}"),
        &format!("; {next}"),
    )
    .await
    .unwrap();
    assert!(r.status().is_redirection(), "{}", r.status());
    assert_eq!(
        r.headers()["location"],
        link.as_str(),
        "back to the shared link"
    );
    let forgotten = r
        .headers()
        .get_all("set-cookie")
        .iter()
        .any(|v| v.to_str().unwrap().starts_with("qitaa_next=;"));
    assert!(forgotten, "{:?}", r.headers());
    let session = r
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|c| c.starts_with("qitaa_app_session"))
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    let hub = page(&app, &link, &session).await;
    assert!(
        hub.contains(&format!("value=\"{code}\"")),
        "the code fills the form"
    );
}
