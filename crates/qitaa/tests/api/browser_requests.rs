//! Store requests in headless Chromium, in Arabic: the supplier sends an
//! offer from the Riyadh store's requests inbox, and the customer compares
//! two offers side by side, sorts them and accepts the cheaper one, paid
//! from the wallet, landing on the new order.

use std::time::Duration;

use fantoccini::Locator;
use fantoccini::error::CmdError;
use uuid::Uuid;

use crate::chromium::{browser, page_dir, phone, sign_in, start_driver, toast};
use crate::harness::TestApp;
use crate::rfq::{RIYADH_PIN, create, headlight, offer};
use crate::shop::{CUSTOMER, SUPPLIER, demo_stores, wallet};

const WAIT: Duration = Duration::from_secs(15);

#[tokio::test]
async fn the_supplier_sends_an_offer_from_the_inbox_in_arabic() {
    let app = TestApp::spawn().await;
    let customer = app.token_of(CUSTOMER).await;
    let (riyadh, _) = demo_stores(&app).await;
    let id = create(&app, &customer, headlight(&app, RIYADH_PIN, 50).await).await;
    std::fs::create_dir_all(&app.files).unwrap();
    let photo = app.files.join("headlight.png");
    std::fs::write(&photo, crate::media::png(120, 90)).unwrap();

    let driver = start_driver().await;
    let c = browser(&driver).await;
    let result = async {
        sign_in(
            &c,
            &format!("{}/partner/sign-in?lang=ar", app.base),
            "0500000002",
        )
        .await?;
        c.goto(&format!("{}/partner/stores/{riyadh}/requests", app.base))
            .await?;
        let row = c
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Id(&format!("request-{id}")))
            .await?;
        assert_eq!(page_dir(&c).await.0, "rtl");
        let text = row.text().await?;
        assert!(
            text.contains("هيونداي") && text.contains("الملقا") && text.contains("جديد"),
            "{text}"
        );
        row.find(Locator::Css(".request-link"))
            .await?
            .click()
            .await?;
        c.wait()
            .at_most(WAIT)
            .for_element(Locator::Id("offer-form"))
            .await?;
        // A price typed with Arabic-Indic digits, the rest as the form starts.
        c.find(Locator::Id("unitPrice"))
            .await?
            .send_keys("٣٥٠")
            .await?;
        c.find(Locator::Id("deliveryFee"))
            .await?
            .send_keys("20")
            .await?;
        c.find(Locator::Id("warrantyDays"))
            .await?
            .send_keys("90")
            .await?;
        c.find(Locator::Id("offer-photos"))
            .await?
            .send_keys(photo.to_str().unwrap())
            .await?;
        c.find(Locator::Id("offer-submit")).await?.click().await?;
        toast(&c, "أُرسل عرضك").await?;
        let facts = c
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css("#offer-card .offer-total"))
            .await?;
        assert!(
            facts.text().await?.contains("425.50"),
            "350 + 20, with 15 % VAT"
        );
        assert_eq!(
            c.find(Locator::Id("request-outcome")).await?.text().await?,
            "قُدّم عرض"
        );
        assert_eq!(
            c.find_all(Locator::Css("#offer-card .offer-photos img"))
                .await?
                .len(),
            1,
            "the photo is on the offer"
        );
        // A bad revision names its field, in Arabic, and keeps the offer.
        let price = c.find(Locator::Id("unitPrice")).await?;
        price.clear().await?;
        price.send_keys("غالي").await?;
        c.find(Locator::Id("offer-submit")).await?.click().await?;
        // The refused form is a new page: wait for its alert, which the
        // page before it never has, then read the field's message there.
        c.wait()
            .at_most(WAIT)
            .for_element(Locator::Id("offer-error"))
            .await?;
        let err = c.find(Locator::Id("unitPrice-error")).await?;
        assert!(!err.text().await?.is_empty());
        Ok::<_, CmdError>(())
    }
    .await;
    let _ = c.close().await;
    if let Err(e) = result {
        panic!("partner offer flow: {e}");
    }
    let (price, fee): (i64, i64) = sqlx::query_as(
        "SELECT unit_price, delivery_fee FROM request_offers WHERE request_id = $1 AND store_id = $2 AND status = 'active'",
    )
    .bind(id).bind(riyadh).fetch_one(&app.db).await.unwrap();
    assert_eq!((price, fee), (35_000, 2_000));
    // The customer sees the offer's photo; nobody else does.
    let offers = app
        .get(&format!("/api/v1/requests/{id}/offers"), Some(&customer))
        .await;
    let photo = offers.body["data"][0]["photos"][0]
        .as_str()
        .unwrap()
        .to_owned();
    let seen = app
        .client
        .get(format!("{}/api/v1/media/{photo}/thumb", app.base))
        .bearer_auth(&customer)
        .send()
        .await
        .unwrap();
    assert_eq!(seen.status(), 200);
    let stranger = app.token_of("+966594000001").await;
    let hidden = app
        .client
        .get(format!("{}/api/v1/media/{photo}", app.base))
        .bearer_auth(&stranger)
        .send()
        .await
        .unwrap();
    assert_eq!(hidden.status(), 404);
}

#[tokio::test]
async fn the_customer_compares_offers_and_accepts_the_cheaper_in_arabic() {
    let app = TestApp::spawn().await;
    let customer = app.token_of(CUSTOMER).await;
    let supplier = app.token_of(SUPPLIER).await;
    let (riyadh, jeddah) = demo_stores(&app).await;
    let id = create(&app, &customer, headlight(&app, RIYADH_PIN, 1000).await).await;
    let dear = offer(&app, &supplier, riyadh, id, 33_000).await;
    let cheap = offer(&app, &supplier, jeddah, id, 31_000).await;
    let before = wallet(&app, &customer).await;

    let driver = start_driver().await;
    let c = phone(&driver).await;
    let result = async {
        sign_in(
            &c,
            &format!("{}/app/sign-in?lang=ar", app.base),
            "0500000001",
        )
        .await?;
        c.goto(&format!("{}/app/requests", app.base)).await?;
        c.wait()
            .at_most(WAIT)
            .for_element(Locator::Id(&format!("request-{id}")))
            .await?
            .find(Locator::Css(".order-link"))
            .await?
            .click()
            .await?;
        c.wait()
            .at_most(WAIT)
            .for_element(Locator::Id("offers"))
            .await?;
        assert_eq!(page_dir(&c).await.0, "rtl");
        // Cheapest first, marked; both side by side on one row.
        let cards = c.find_all(Locator::Css("#offers .offer-card")).await?;
        assert_eq!(cards.len(), 2);
        assert_eq!(
            cards[0].attr("id").await?.unwrap(),
            format!("offer-{cheap}")
        );
        assert!(cards[0].text().await?.contains("أفضل سعر"));
        let tops: Vec<f64> = {
            let mut v = Vec::new();
            for card in &cards {
                v.push(card.rectangle().await?.1);
            }
            v
        };
        assert!((tops[0] - tops[1]).abs() < 1.0, "side by side: {tops:?}");
        // Sorted by distance, the Riyadh store (nearer) comes first.
        c.find(Locator::Id("sort-distance")).await?.click().await?;
        c.wait()
            .at_most(WAIT)
            .for_element(Locator::Css(&format!(
                "#offers .offer-card:first-child#offer-{dear}"
            )))
            .await?;
        // The chat with the cheaper offer's store opens on its thread.
        let chat = c.find(Locator::Id(&format!("chat-{cheap}"))).await?;
        c.execute(
            "arguments[0].scrollIntoView({inline: 'center'})",
            vec![serde_json::to_value(&chat)?],
        )
        .await?;
        chat.click().await?;
        // The chat form is on the thread's page only: then its title is read.
        c.wait()
            .at_most(WAIT)
            .for_element(Locator::Id("chat-form"))
            .await?;
        let title = c.find(Locator::Id("page-title")).await?;
        assert_eq!(title.text().await?, "فرع جدة");
        c.back().await?;
        c.wait()
            .at_most(WAIT)
            .for_element(Locator::Id("offers"))
            .await?;
        // Accept the cheaper one, from the wallet.
        let card = c.find(Locator::Id(&format!("offer-{cheap}"))).await?;
        c.execute(
            "arguments[0].scrollIntoView({inline: 'center'})",
            vec![serde_json::to_value(&card)?],
        )
        .await?;
        c.find(Locator::Id(&format!("accept-{cheap}")))
            .await?
            .click()
            .await?;
        toast(&c, "قُبل العرض").await?;
        c.wait()
            .at_most(WAIT)
            .for_element(Locator::Id("order-status"))
            .await?;
        Ok::<_, CmdError>(())
    }
    .await;
    let _ = c.close().await;
    if let Err(e) = result {
        panic!("customer accept flow: {e}");
    }
    let (status, accepted): (String, Option<Uuid>) =
        sqlx::query_as("SELECT status, accepted_offer_id FROM part_requests WHERE id = $1")
            .bind(id)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!((status.as_str(), accepted), ("accepted", Some(cheap)));
    let total: i64 = sqlx::query_scalar("SELECT total FROM orders WHERE offer_id = $1")
        .bind(cheap)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(wallet(&app, &customer).await, before - total);
}
