//! The homes and the store's own pages in both languages: each renders in
//! its frame (sidebar item and store tab marked), in the page's direction,
//! and its main action works through the page with its toast.

use std::time::Duration;

use fantoccini::{Client, Locator};
use serde_json::json;
use uuid::Uuid;

use crate::chromium::{answer_dialog, browser, page_dir, sign_in, start_driver, toast};
use crate::harness::TestApp;
use crate::shop::{CUSTOMER, demo_stores};

const WAIT: Duration = Duration::from_secs(10);

async fn open(
    c: &Client,
    url: &str,
    lang: &str,
    nav: &str,
) -> Result<(), fantoccini::error::CmdError> {
    c.goto(&format!(
        "{url}{}lang={lang}",
        if url.contains('?') { "&" } else { "?" }
    ))
    .await?;
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::Id("page-title"))
        .await?;
    let dir = if lang == "ar" { "rtl" } else { "ltr" };
    assert_eq!(
        page_dir(c).await,
        (dir.into(), lang.into(), dir.into()),
        "{url}"
    );
    c.find(Locator::Css(&format!("#nav-{nav}[aria-current=page]")))
        .await?;
    Ok(())
}

#[tokio::test]
async fn homes_settings_reviews_and_balance_work_in_both_languages() {
    let app = TestApp::spawn().await;
    let (riyadh, _) = demo_stores(&app).await;
    let city = |slug: &'static str| {
        sqlx::query_scalar::<_, Uuid>(
            "SELECT id FROM cities WHERE slug = $1 AND deleted_at IS NULL",
        )
        .bind(slug)
        .fetch_one(&app.db)
    };
    let (riyadh_city, jeddah_city) = (city("riyadh").await.unwrap(), city("jeddah").await.unwrap());
    // The demo customer reviews the delivered order, so the store has one to answer.
    let token = app.token_of(CUSTOMER).await;
    let order: Uuid = sqlx::query_scalar(
        "SELECT o.id FROM orders o JOIN users u ON u.id = o.customer_id WHERE u.phone = $1 AND o.status = 'delivered' LIMIT 1",
    )
    .bind(CUSTOMER)
    .fetch_one(&app.db)
    .await
    .unwrap();
    let r = app
        .post(
            &format!("/api/v1/orders/{order}/reviews"),
            Some(&token),
            json!({"storeRating": {"stars": 4, "text": "Fast and the part fits"}}),
        )
        .await;
    assert_eq!(r.status, 201, "{r:?}");
    let review = r.body["data"][0]["id"].as_str().unwrap().to_owned();
    // A store with nothing open and nothing owed, which its owner may delete.
    let spare: Uuid = Uuid::now_v7();
    sqlx::query(
        "INSERT INTO stores (id, company_id, store_type_id, name_ar, name_en, city, address, lat, lng, status) \
         SELECT $1, company_id, store_type_id, 'فرع مؤقت', 'Spare Branch', city, address, lat, lng, 'active' FROM stores WHERE id = $2",
    )
    .bind(spare)
    .bind(riyadh)
    .execute(&app.db)
    .await
    .unwrap();

    let doomed = crate::shop::product(&app, riyadh, 4_200, 3).await;
    // A demo product with its fitment, which the form keeps.
    let fitted: Uuid = sqlx::query_scalar(
        "SELECT p.id FROM products p WHERE p.store_id = $1 AND p.status = 'active' \
         AND EXISTS (SELECT 1 FROM product_fitments f WHERE f.product_id = p.id) ORDER BY p.created_at LIMIT 1",
    )
    .bind(riyadh)
    .fetch_one(&app.db)
    .await
    .unwrap();
    // A customer writes to the Riyadh store.
    let thread = app
        .post(
            "/api/v1/chats/stores",
            Some(&token),
            json!({"storeId": riyadh}),
        )
        .await;
    assert_eq!(thread.status, 200, "{thread:?}");
    let thread = thread.body["data"]["id"].as_str().unwrap().to_owned();
    let sent = app
        .post(
            &format!("/api/v1/chats/{thread}/messages"),
            Some(&token),
            json!({"body": "Is the filter in stock?"}),
        )
        .await;
    assert_eq!(sent.status, 201, "{sent:?}");
    let driver = start_driver().await;
    let c = browser(&driver).await;
    let result = async {
        // The admin home: the period picker changes what it shows.
        sign_in(
            &c,
            &format!("{}/admin/sign-in?lang=ar", app.base),
            "0500000000",
        )
        .await?;
        for lang in ["ar", "en"] {
            open(&c, &format!("{}/admin", app.base), lang, "home").await?;
            c.find(Locator::Css("#period a.seg:nth-child(2)"))
                .await?
                .click()
                .await?;
            c.wait()
                .at_most(WAIT)
                .for_element(Locator::Css(
                    "#period a.seg:nth-child(2)[aria-current=page]",
                ))
                .await?;
            assert!(
                c.current_url()
                    .await?
                    .query()
                    .unwrap_or_default()
                    .contains("range=7d")
            );
            c.find(Locator::Id("kpi-gmv")).await?;
        }

        sign_in(
            &c,
            &format!("{}/partner/sign-in?lang=ar", app.base),
            "0500000002",
        )
        .await?;
        for (i, lang) in ["ar", "en"].into_iter().enumerate() {
            // The partner home, one store chosen.
            open(&c, &format!("{}/partner", app.base), lang, "home").await?;
            c.find(Locator::Css(&format!("#store option[value='{riyadh}']")))
                .await?
                .click()
                .await?;
            c.wait()
                .at_most(WAIT)
                .for_element(Locator::Css(&format!(
                    "#store option[value='{riyadh}']:checked"
                )))
                .await?;
            assert!(
                c.current_url()
                    .await?
                    .query()
                    .unwrap_or_default()
                    .contains(&riyadh.to_string())
            );

            // Settings: a new city, saved with a toast.
            open(
                &c,
                &format!("{}/partner/stores/{riyadh}/settings", app.base),
                lang,
                "stores",
            )
            .await?;
            c.find(Locator::Css("#store-settings[aria-current=page]"))
                .await?;
            let chosen = if i == 0 { jeddah_city } else { riyadh_city };
            c.find(Locator::Css(&format!("#city option[value='{chosen}']")))
                .await?
                .click()
                .await?;
            c.find(Locator::Id("save-store")).await?.click().await?;
            toast(
                &c,
                if lang == "ar" {
                    "حُفظت التغييرات"
                } else {
                    "Changes saved"
                },
            )
            .await?;

            // Reviews: the reply, published in place.
            open(
                &c,
                &format!("{}/partner/stores/{riyadh}/reviews", app.base),
                lang,
                "stores",
            )
            .await?;
            c.find(Locator::Css("#store-reviews[aria-current=page]"))
                .await?;
            let area = c.find(Locator::Id(&format!("reply-text-{review}"))).await?;
            if i == 1 {
                c.find(Locator::Css(&format!(
                    "#review-{review} .reply-box summary"
                )))
                .await?
                .click()
                .await?;
            }
            area.clear().await?;
            area.send_keys(if i == 0 {
                "شكرًا لك"
            } else {
                "Thank you"
            })
            .await?;
            c.find(Locator::Css(&format!("#review-{review} .reply-submit")))
                .await?
                .click()
                .await?;
            toast(
                &c,
                if lang == "ar" {
                    "نُشر الرد"
                } else {
                    "Reply published"
                },
            )
            .await?;
            c.wait()
                .at_most(WAIT)
                .for_element(Locator::Id(&format!("reply-{review}")))
                .await?;

            // Balance: what the ledger holds for the store.
            open(
                &c,
                &format!("{}/partner/stores/{riyadh}/balance", app.base),
                lang,
                "stores",
            )
            .await?;
            c.find(Locator::Css("#store-balance[aria-current=page]"))
                .await?;
            c.find(Locator::Id("balance-value")).await?;
        }
        // Variants: one added on the product's form, saved with a toast.
        c.goto(&format!("{}/partner/stores/{riyadh}/products/{fitted}/edit", app.base)).await?;
        c.wait().at_most(WAIT).for_element(Locator::Id("add-variant")).await?.click().await?;
        let row = c.wait().at_most(WAIT).for_element(Locator::Css("#variant-rows .var-row")).await?;
        for (name, value) in [("var_name_ar", "يسار"), ("var_name_en", "Left"), ("var_sku", "HL-L-16"), ("var_price", "310.50"), ("var_stock", "4")] {
            row.find(Locator::Css(&format!("input[name={name}]"))).await?.send_keys(value).await?;
        }
        c.find(Locator::Id("save-product")).await?.click().await?;
        toast(&c, "Changes saved").await?;

        // Customer chats: the thread is listed in both languages, and the reply goes out.
        for lang in ["ar", "en"] {
            open(&c, &format!("{}/partner/chats", app.base), lang, "chats").await?;
            c.find(Locator::Css(&format!("#chat-{thread} .count:not(.empty)"))).await?;
        }
        c.find(Locator::Css(&format!("#chat-{thread} a.cell-main"))).await?.click().await?;
        c.wait().at_most(WAIT).for_element(Locator::Css("#chat[data-live=live]")).await?;
        c.find(Locator::Id("chat-body")).await?.send_keys("Yes, two left").await?;
        c.find(Locator::Id("chat-send")).await?.click().await?;
        c.wait()
            .at_most(WAIT)
            .for_element(Locator::XPath("//li[contains(@class,'chat-message') and contains(@class,'mine')]//p[contains(.,'Yes, two left')]"))
            .await?;

        // A product leaves the catalog from its row, after the dialog.
        open(&c, &format!("{}/partner/stores/{riyadh}/products", app.base), "ar", "stores").await?;
        c.find(Locator::Css(&format!("#product-{doomed} .delete-product"))).await?.click().await?;
        answer_dialog(&c, None).await?;
        toast(&c, "حُذف المنتج").await?;
        c.wait()
            .at_most(WAIT)
            .for_element(Locator::Css(&format!("#products:not(:has(#product-{doomed}))")))
            .await?;

        // The owner deletes the spare store, after confirming in the dialog.
        open(
            &c,
            &format!("{}/partner/stores/{spare}/settings", app.base),
            "en",
            "stores",
        )
        .await?;
        c.find(Locator::Id("delete-store")).await?.click().await?;
        answer_dialog(&c, None).await?;
        toast(&c, "Store deleted").await?;
        Ok::<_, fantoccini::error::CmdError>(())
    }
    .await;
    let _ = c.close().await;
    result.unwrap();

    let (city, city_id): (String, Option<Uuid>) =
        sqlx::query_as("SELECT city, city_id FROM stores WHERE id = $1")
            .bind(riyadh)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!((city.as_str(), city_id), ("الرياض", Some(riyadh_city)));
    let reply: Option<String> = sqlx::query_scalar("SELECT reply FROM reviews WHERE id = $1::uuid")
        .bind(&review)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(reply.as_deref(), Some("Thank you"));
    let deleted: bool =
        sqlx::query_scalar("SELECT deleted_at IS NOT NULL FROM stores WHERE id = $1")
            .bind(spare)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert!(deleted);
    let gone: bool =
        sqlx::query_scalar("SELECT deleted_at IS NOT NULL FROM products WHERE id = $1")
            .bind(doomed)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert!(gone);
    let variant: (String, i64, i32) = sqlx::query_as("SELECT name_en, price, stock FROM product_variants WHERE product_id = $1 AND deleted_at IS NULL")
        .bind(fitted)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(variant, ("Left".into(), 31_050, 4));
    let replies: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM chat_messages m JOIN users u ON u.id = m.sender_id WHERE m.thread_id = $1::uuid AND u.phone = '+966500000002' AND m.body = 'Yes, two left'",
    )
    .bind(&thread)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(replies, 1);
}

/// Bulk approval on the admin's product queue: two waiting products chosen,
/// approved together after the dialog, with a toast counting them.
#[tokio::test]
async fn an_admin_approves_chosen_products_together() {
    let app = TestApp::spawn().await;
    let (riyadh, _) = demo_stores(&app).await;
    let mut waiting = Vec::new();
    for price in [1_000, 2_000, 3_000] {
        let p = crate::shop::product(&app, riyadh, price, 5).await;
        sqlx::query(
            "UPDATE products SET status = 'pending_approval', submitted_at = now() WHERE id = $1",
        )
        .bind(p)
        .execute(&app.db)
        .await
        .unwrap();
        waiting.push(p);
    }
    let driver = start_driver().await;
    let c = browser(&driver).await;
    let result = async {
        sign_in(
            &c,
            &format!("{}/admin/sign-in?lang=en", app.base),
            "0500000000",
        )
        .await?;
        open(
            &c,
            &format!("{}/admin/products", app.base),
            "en",
            "products",
        )
        .await?;
        for p in &waiting[..2] {
            c.find(Locator::Css(&format!(
                "#product-{p} input[data-select-row]"
            )))
            .await?
            .click()
            .await?;
        }
        c.wait()
            .at_most(WAIT)
            .for_element(Locator::Css("#bulk-bar.on"))
            .await?;
        c.find(Locator::Id("bulk-approve")).await?.click().await?;
        answer_dialog(&c, None).await?;
        toast(&c, "2 products approved").await?;
        Ok::<_, fantoccini::error::CmdError>(())
    }
    .await;
    let _ = c.close().await;
    result.unwrap();
    let statuses: Vec<String> =
        sqlx::query_scalar("SELECT status FROM products WHERE id = ANY($1) ORDER BY price")
            .bind(&waiting)
            .fetch_all(&app.db)
            .await
            .unwrap();
    assert_eq!(statuses, vec!["active", "active", "pending_approval"]);
}
