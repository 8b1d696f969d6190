//! Orders and wallets in headless Chromium: the supplier takes a new cash
//! order from acceptance to delivery on the partner dashboard (in Arabic),
//! and the super admin credits the demo customer's wallet on the admin
//! dashboard, which the audit log records.

use std::time::Duration;

use fantoccini::error::CmdError;
use fantoccini::{Client, Locator};
use serde_json::{Value, json};
use uuid::Uuid;

use crate::chromium::{browser, page_dir, sign_in, start_driver};
use crate::harness::TestApp;

const WAIT: Duration = Duration::from_secs(15);

async fn id_of(app: &TestApp, sql: &str) -> Uuid {
    sqlx::query_scalar(sql).fetch_one(&app.db).await.unwrap()
}

/// The demo customer's cash order of one active Riyadh product, made
/// through the API as the customer app makes it.
async fn cash_order(app: &TestApp, riyadh: Uuid) -> (Uuid, String, String) {
    let token = app.token_of("+966500000001").await;
    let r = app.get("/api/v1/addresses", Some(&token)).await;
    assert_eq!(r.status, 200, "{r:?}");
    let address = r.body["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["isDefault"] == true)
        .expect("the demo customer has a default address")["id"]
        .clone();
    let product: Uuid = sqlx::query_scalar(
        "SELECT id FROM products WHERE store_id = $1 AND status = 'active' AND stock > 0 \
           AND deleted_at IS NULL ORDER BY created_at, id LIMIT 1",
    )
    .bind(riyadh)
    .fetch_one(&app.db)
    .await
    .expect("an active Riyadh product");
    let res = app
        .client
        .post(format!("{}/api/v1/checkout", app.base))
        .header("accept-language", "en")
        .header("idempotency-key", Uuid::new_v4().to_string())
        .bearer_auth(&token)
        .json(&json!({
            "addressId": address,
            "paymentMethod": "cash",
            "items": [{"productId": product, "quantity": 1}],
        }))
        .send()
        .await
        .expect("checkout sent");
    assert_eq!(res.status(), 201);
    let body: Value = res.json().await.unwrap();
    let order = &body["data"]["orders"][0];
    assert_eq!(order["storeId"], riyadh.to_string().as_str(), "{body}");
    assert_eq!(order["status"], "confirmed", "{body}");
    (
        order["id"].as_str().unwrap().parse().unwrap(),
        order["number"].as_str().unwrap().to_owned(),
        token,
    )
}

/// The `data-to` of each step of the order's history, oldest first.
async fn history(c: &Client) -> Result<Vec<String>, CmdError> {
    let mut out = Vec::new();
    for li in c
        .find_all(Locator::Css("#order-history .history-step"))
        .await?
    {
        out.push(li.attr("data-to").await?.unwrap_or_default());
    }
    Ok(out)
}

#[tokio::test]
async fn supplier_delivers_an_order_and_admin_credits_a_wallet() {
    let app = TestApp::spawn().await;
    let riyadh = id_of(
        &app,
        "SELECT id FROM stores WHERE name_en = 'Riyadh Branch'",
    )
    .await;
    let jeddah = id_of(
        &app,
        "SELECT id FROM stores WHERE name_en = 'Jeddah Branch'",
    )
    .await;
    let customer = id_of(&app, "SELECT id FROM users WHERE phone = '+966500000001'").await;
    let (order, number, customer_token) = cash_order(&app, riyadh).await;

    let driver = start_driver().await;
    let c = browser(&driver).await;
    let result = async {
        // The supplier opens the Riyadh store's orders, then the new order.
        sign_in(
            &c,
            &format!("{}/partner/sign-in?lang=ar", app.base),
            "0500000002",
        )
        .await?;
        // From the home, the sidebar's stores, then the Riyadh store's orders.
        c.find(Locator::Id("nav-stores")).await?.click().await?;
        c.wait()
            .at_most(WAIT)
            .for_element(Locator::Css(&format!("#store-{riyadh} .orders-link")))
            .await?;
        c.find(Locator::Css(&format!("#store-{riyadh} .orders-link")))
            .await?
            .click()
            .await?;
        let row = c
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(&format!("#order-{order}")))
            .await?;
        assert_eq!(page_dir(&c).await.0, "rtl");
        assert_eq!(
            c.find(Locator::Id("page-title")).await?.text().await?,
            "الطلبات"
        );
        let text = row.text().await?;
        assert!(text.contains(&number), "{text}");
        assert!(text.contains("الرياض"), "the customer's city: {text}");
        assert!(text.contains("الدفع عند الاستلام"), "{text}");
        assert_eq!(
            row.find(Locator::Css(".badge.confirmed"))
                .await?
                .text()
                .await?,
            "جديد"
        );
        row.find(Locator::Css(".order-link")).await?.click().await?;
        c.wait()
            .at_most(WAIT)
            .for_element(Locator::Css("#order-status[data-status='confirmed']"))
            .await?;
        assert_eq!(
            c.find(Locator::Id("order-number")).await?.text().await?,
            number
        );
        assert_eq!(c.find_all(Locator::Css(".order-item")).await?.len(), 1);
        assert!(
            c.find(Locator::Id("order-address"))
                .await?
                .text()
                .await?
                .contains("طريق الملك فهد")
        );
        // A new order may be accepted or rejected, nothing else yet.
        c.find(Locator::Id("step-rejected")).await?;
        assert!(c.find(Locator::Id("step-delivered")).await.is_err());

        // Accept, prepare, ship, deliver: each through htmx, each in the history.
        let steps = ["accepted", "preparing", "shipped", "delivered"];
        for (i, step) in steps.iter().enumerate() {
            c.wait()
                .at_most(WAIT)
                .for_element(Locator::Id(&format!("step-{step}")))
                .await?
                .click()
                .await?;
            c.wait()
                .at_most(WAIT)
                .for_element(Locator::Css(&format!(
                    "#order-status[data-status='{step}']"
                )))
                .await?;
            let seen = history(&c).await?;
            assert!(
                seen.ends_with(
                    &steps[..=i]
                        .iter()
                        .map(|s| (*s).to_owned())
                        .collect::<Vec<_>>()
                ),
                "history after {step}: {seen:?}"
            );
        }
        assert_eq!(
            c.find(Locator::Id("order-status")).await?.text().await?,
            "تم التوصيل"
        );
        assert!(
            c.find(Locator::Id("order-actions")).await.is_err(),
            "a delivered order has no more steps"
        );
        let last = c
            .find(Locator::Css("#order-history .history-step:last-child"))
            .await?
            .text()
            .await?;
        assert!(
            last.contains("تم الشحن") && last.contains("تم التوصيل"),
            "{last}"
        );

        // Another store of the same supplier does not have this order.
        c.goto(&format!(
            "{}/partner/stores/{jeddah}/orders/{order}",
            app.base
        ))
        .await?;
        let h1 = c
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css("h1"))
            .await?;
        assert_eq!(h1.text().await?, "404");
        Ok::<_, CmdError>(())
    }
    .await;
    if let Err(e) = result {
        let _ = c.close().await;
        panic!("partner flow: {e}");
    }

    let r = app
        .get(&format!("/api/v1/orders/{order}"), Some(&customer_token))
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["data"]["status"], "delivered", "{r:?}");

    let result = async {
        // The super admin opens the customer's wallet from the users page.
        sign_in(
            &c,
            &format!("{}/admin/sign-in?lang=ar", app.base),
            "0500000000",
        )
        .await?;

        // The order on the admin side: found by its number, with its history.
        c.find(Locator::Id("nav-orders")).await?.click().await?;
        c.wait()
            .at_most(WAIT)
            .for_element(Locator::Id("filter-number"))
            .await?
            .send_keys(&number)
            .await?;
        c.find(Locator::Id("filter-submit")).await?.click().await?;
        c.wait()
            .at_most(WAIT)
            .for_element(Locator::Css(&format!("#order-{order} .badge.delivered")))
            .await?;
        // The order is on the unfiltered page too: wait for the filtered one.
        let deadline = std::time::Instant::now() + WAIT;
        loop {
            let rows = c.find_all(Locator::Css("#orders tbody tr")).await?.len();
            if rows == 1 {
                break;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "{rows} rows after filtering by number"
            );
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        c.find(Locator::Css(&format!("#order-{order} .order-link")))
            .await?
            .click()
            .await?;
        c.wait()
            .at_most(WAIT)
            .for_element(Locator::Css("#order-status[data-status='delivered']"))
            .await?;
        let seen = history(&c).await?;
        assert!(
            seen.ends_with(&["shipped".to_owned(), "delivered".to_owned()]),
            "{seen:?}"
        );
        // A delivered order can still be refunded by an admin, and nothing else.
        let targets = c
            .find_all(Locator::Css("#force-to option[value]:not([value=''])"))
            .await?;
        assert_eq!(targets.len(), 1);
        assert_eq!(targets[0].attr("value").await?.as_deref(), Some("refunded"));
        c.find(Locator::Id("refund-form")).await?;

        c.find(Locator::Id("nav-users")).await?.click().await?;
        c.wait()
            .at_most(WAIT)
            .for_element(Locator::Css(&format!("#user-{customer} .wallet-link")))
            .await?
            .click()
            .await?;
        let balance = c
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Id("wallet-balance"))
            .await?;
        assert_eq!(balance.text().await?, "500.00 ر.س");
        assert_eq!(
            c.find(Locator::Id("wallet-phone")).await?.text().await?,
            "+966500000001"
        );
        c.find(Locator::Id("credit-amount"))
            .await?
            .send_keys("25.00")
            .await?;
        c.find(Locator::Id("credit-reason"))
            .await?
            .send_keys("تعويض عن تأخير التوصيل")
            .await?;
        c.find(Locator::Id("credit-submit")).await?.click().await?;
        c.wait()
            .at_most(WAIT)
            .for_element(Locator::Id("done-notice"))
            .await?;
        assert_eq!(
            c.find(Locator::Id("wallet-balance")).await?.text().await?,
            "525.00 ر.س"
        );
        let newest = c
            .find(Locator::Css("#movements tbody tr.movement:first-child"))
            .await?;
        assert!(
            newest
                .attr("class")
                .await?
                .unwrap_or_default()
                .contains("credit")
        );
        assert_eq!(
            newest
                .find(Locator::Css(".movement-amount"))
                .await?
                .text()
                .await?,
            "25.00 ر.س"
        );
        assert_eq!(
            newest
                .find(Locator::Css(".movement-balance"))
                .await?
                .text()
                .await?,
            "525.00 ر.س"
        );
        assert_eq!(
            newest
                .find(Locator::Css(".movement-memo"))
                .await?
                .text()
                .await?,
            "تعويض عن تأخير التوصيل"
        );

        // The export runs under the cookie session, same origin.
        let csv = c
            .execute(
                "return fetch(arguments[0], {credentials: 'same-origin'}).then(r => r.text());",
                vec![json!(format!("{}/admin/wallets/export.csv", app.base))],
            )
            .await?;
        let csv = csv.as_str().unwrap_or_default().to_owned();
        assert!(csv.starts_with("entry_id,created_at,user_id"), "{csv}");
        assert!(
            csv.contains("wallet_credit") && csv.contains("2500"),
            "{csv}"
        );

        // The ledger still reconciles.
        c.find(Locator::Id("nav-finance")).await?.click().await?;
        let badge = c
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Id("reconcile-status"))
            .await?;
        assert_eq!(badge.attr("data-ok").await?.as_deref(), Some("true"));
        Ok::<_, CmdError>(())
    }
    .await;
    let _ = c.close().await;
    result.unwrap();

    let (audits, after): (i64, Option<Value>) = sqlx::query_as(
        "SELECT count(*), max(after::text)::jsonb FROM audit_logs \
         WHERE action = 'wallet.wallet_credit' AND entity_type = 'user' AND entity_id = $1",
    )
    .bind(customer.to_string())
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(audits, 1, "one audited credit");
    let after = after.unwrap();
    assert_eq!(after["balance"], 52_500);
    assert_eq!(after["amount"], 2_500);
    assert_eq!(after["reason"], "تعويض عن تأخير التوصيل");
}
