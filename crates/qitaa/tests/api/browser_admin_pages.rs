//! The admin pages for stores, coupons, cashback, review moderation, admins
//! and the account-deletion queue, in headless Chromium, in Arabic and in
//! English: each opens from its sidebar item (marked as the current page)
//! in the page's direction, does its main action through htmx or its form,
//! shows the action's toast, and the database holds the change.

use std::time::Duration;

use fantoccini::error::CmdError;
use fantoccini::{Client, Locator};
use serde_json::json;
use uuid::Uuid;

use crate::chromium::{answer_dialog, browser, page_dir, sign_in, start_driver, toast};
use crate::harness::TestApp;

const WAIT: Duration = Duration::from_secs(15);
const SUPER_ADMIN: &str = "0500000000";

/// Opens `path` in `lang` (the `?lang=` switch stores the choice) and checks
/// the frame: the sidebar item `nav-<key>` is the current page, and the
/// page's `dir` and computed direction are the language's.
async fn open(
    c: &Client,
    app: &TestApp,
    path: &str,
    lang: &str,
    key: &str,
) -> Result<(), CmdError> {
    c.goto(&format!("{}{path}?lang={lang}", app.base)).await?;
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::Css(&format!("#nav-{key}[aria-current=page]")))
        .await?;
    let dir = if lang == "ar" { "rtl" } else { "ltr" };
    assert_eq!(
        page_dir(c).await,
        (dir.into(), lang.into(), dir.into()),
        "{path} in {lang}"
    );
    Ok(())
}

/// Clicks the sidebar item `nav-<key>` and waits for its page.
async fn follow_nav(c: &Client, key: &str) -> Result<(), CmdError> {
    c.find(Locator::Id(&format!("nav-{key}")))
        .await?
        .click()
        .await?;
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::Css(&format!("#nav-{key}[aria-current=page]")))
        .await?;
    Ok(())
}

async fn text_of(c: &Client, css: &str) -> Result<String, CmdError> {
    c.find(Locator::Css(css)).await?.text().await
}

async fn fill(c: &Client, id: &str, value: &str) -> Result<(), CmdError> {
    let input = c.find(Locator::Id(id)).await?;
    input.clear().await?;
    input.send_keys(value).await
}

/// Polls the database until `check` holds (the page answered first; the
/// commit is already there, so this rarely loops).
async fn eventually<F, Fut>(what: &str, check: F)
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let deadline = std::time::Instant::now() + WAIT;
    while !check().await {
        assert!(std::time::Instant::now() < deadline, "{what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Runs a browser session and closes it before reporting its outcome.
async fn session<F, Fut>(app: &TestApp, body: F)
where
    F: FnOnce(Client) -> Fut,
    Fut: std::future::Future<Output = Result<(), CmdError>>,
{
    let driver = start_driver().await;
    let c = browser(&driver).await;
    sign_in(
        &c,
        &format!("{}/admin/sign-in?lang=ar", app.base),
        SUPER_ADMIN,
    )
    .await
    .expect("the super admin signs in");
    let result = body(c.clone()).await;
    let _ = c.close().await;
    result.unwrap();
}

async fn store_status(app: &TestApp, id: Uuid) -> (String, Option<String>, i32) {
    sqlx::query_as("SELECT status, status_reason, commission_bp FROM stores WHERE id = $1")
        .bind(id)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn stores_are_suspended_activated_and_priced_in_both_languages() {
    let app = &TestApp::spawn().await;
    let (riyadh, jeddah) = app::stores::seed::demo_store_ids(&app.db)
        .await
        .unwrap()
        .expect("the demo stores");
    session(app, |c| async move {
        // Arabic: the index, then the Riyadh store's page; suspended with a reason.
        open(&c, app, "/admin/stores", "ar", "stores").await?;
        assert_eq!(text_of(&c, "#page-title").await?, "المتاجر");
        c.find(Locator::Css(&format!("#store-{jeddah}"))).await?;
        c.find(Locator::Css(&format!("#store-{riyadh} .store-link")))
            .await?
            .click()
            .await?;
        c.wait()
            .at_most(WAIT)
            .for_element(Locator::Id("store-status"))
            .await?;
        assert!(
            c.find(Locator::Css("#nav-stores[aria-current=page]"))
                .await
                .is_ok()
        );
        c.find(Locator::Id("store-suspend")).await?.click().await?;
        answer_dialog(&c, Some("مخالفة شروط البيع")).await?;
        toast(&c, "أُوقف المتجر").await?;
        c.wait()
            .at_most(WAIT)
            .for_element(Locator::Css(
                "#store-status[data-status=suspended] #store-reason",
            ))
            .await?;
        assert_eq!(text_of(&c, "#store-badge").await?, "موقوف");
        let (status, reason, _) = store_status(app, riyadh).await;
        assert_eq!(
            (status.as_str(), reason.as_deref()),
            ("suspended", Some("مخالفة شروط البيع"))
        );

        // English: the commission, refused beyond 100 % next to its field, then set.
        open(&c, app, &format!("/admin/stores/{riyadh}"), "en", "stores").await?;
        fill(&c, "commission", "150").await?;
        c.find(Locator::Id("commission-save"))
            .await?
            .click()
            .await?;
        c.wait()
            .at_most(WAIT)
            .for_element(Locator::Css("#commission[aria-invalid=true]"))
            .await?;
        assert!(
            text_of(&c, "#commission-error")
                .await?
                .contains("from 0 to 100")
        );
        fill(&c, "commission", "12.5").await?;
        c.find(Locator::Id("commission-save"))
            .await?
            .click()
            .await?;
        toast(&c, "Commission set to 12.5%").await?;
        assert_eq!(text_of(&c, "#kpi-commission-value").await?, "12.5%");
        assert_eq!(store_status(app, riyadh).await.2, 1250);

        // English: the index's bulk action activates the chosen store.
        follow_nav(&c, "stores").await?;
        assert_eq!(page_dir(&c).await.0, "ltr");
        c.find(Locator::Css(&format!(
            "#store-{riyadh}[data-status=suspended] input[data-select-row]"
        )))
        .await?
        .click()
        .await?;
        c.wait()
            .at_most(WAIT)
            .for_element(Locator::Css("#stores-bulk.on"))
            .await?;
        assert_eq!(
            text_of(&c, "#stores-bulk .bulk-count").await?,
            "Selected: 1"
        );
        c.find(Locator::Id("bulk-activate")).await?.click().await?;
        toast(&c, "One store activated").await?;
        c.wait()
            .at_most(WAIT)
            .for_element(Locator::Css(&format!(
                "#store-{riyadh}[data-status=active]"
            )))
            .await?;
        assert_eq!(store_status(app, riyadh).await.0, "active");
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn coupons_are_created_with_inline_errors_deleted_and_show_their_usage() {
    let app = &TestApp::spawn().await;
    // One use of WELCOME10 by the demo customer, on the demo order's checkout.
    sqlx::query(
        "INSERT INTO coupon_usages (id, coupon_id, user_id, checkout_id, discount) \
         SELECT $1, c.id, o.customer_id, o.checkout_id, 1500 FROM coupons c, orders o \
         WHERE c.code = 'WELCOME10' ORDER BY o.created_at LIMIT 1",
    )
    .bind(Uuid::now_v7())
    .execute(&app.db)
    .await
    .unwrap();
    session(app, |c| async move {
        // Arabic: a wrong value comes back next to its field, with what was typed.
        open(&c, app, "/admin/coupons", "ar", "coupons").await?;
        assert_eq!(text_of(&c, "#page-title").await?, "القسائم");
        c.find(Locator::Id("new-coupon")).await?.click().await?;
        c.wait().at_most(WAIT).for_element(Locator::Id("coupon-form")).await?;
        fill(&c, "code", "eid-25").await?;
        fill(&c, "value", "نص").await?;
        fill(&c, "usage-limit", "100").await?;
        c.find(Locator::Id("coupon-save")).await?.click().await?;
        c.wait()
            .at_most(WAIT)
            .for_element(Locator::Css("#value[aria-invalid=true]"))
            .await?;
        assert!(!text_of(&c, "#value-error").await?.is_empty());
        assert_eq!(
            c.find(Locator::Id("code")).await?.prop("value").await?.as_deref(),
            Some("eid-25")
        );
        fill(&c, "value", "25").await?;
        c.find(Locator::Id("coupon-save")).await?.click().await?;
        toast(&c, "أُنشئت القسيمة EID-25").await?;
        assert_eq!(text_of(&c, "#coupon-code").await?, "EID-25");
        assert!(c.find(Locator::Css("#nav-coupons[aria-current=page]")).await.is_ok());
        let row: (String, i64, Option<i32>, bool) = sqlx::query_as(
            "SELECT kind, value, usage_limit, active FROM coupons WHERE code = 'EID-25' AND deleted_at IS NULL",
        )
        .fetch_one(&app.db)
        .await
        .unwrap();
        assert_eq!(row, ("percent".into(), 2500, Some(100), true));

        // English: WELCOME10's usage history lists the demo customer's use.
        open(&c, app, "/admin/coupons", "en", "coupons").await?;
        c.find(Locator::Css("tr[data-code=WELCOME10] .coupon-link"))
            .await?
            .click()
            .await?;
        c.wait().at_most(WAIT).for_element(Locator::Id("usages")).await?;
        assert_eq!(text_of(&c, "#usages-total").await?, "Used once");
        assert!(text_of(&c, "#usages tr.usage").await?.contains("+966 50 000 0001"));

        // English: an amount-off coupon, then deleted behind the confirmation.
        open(&c, app, "/admin/coupons/new", "en", "coupons").await?;
        fill(&c, "code", "SAVE-50").await?;
        c.find(Locator::Id("kind-fixed")).await?.click().await?;
        fill(&c, "value", "50").await?;
        fill(&c, "min-order", "200").await?;
        c.find(Locator::Id("coupon-save")).await?.click().await?;
        toast(&c, "Coupon SAVE-50 created").await?;
        let (kind, value, min): (String, i64, i64) = sqlx::query_as(
            "SELECT kind, value, min_order FROM coupons WHERE code = 'SAVE-50' AND deleted_at IS NULL",
        )
        .fetch_one(&app.db)
        .await
        .unwrap();
        assert_eq!((kind.as_str(), value, min), ("fixed", 5000, 20_000));
        c.find(Locator::Id("coupon-delete")).await?.click().await?;
        answer_dialog(&c, None).await?;
        toast(&c, "Coupon deleted").await?;
        let gone: bool = sqlx::query_scalar(
            "SELECT deleted_at IS NOT NULL FROM coupons WHERE code = 'SAVE-50'",
        )
        .fetch_one(&app.db)
        .await
        .unwrap();
        assert!(gone);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn cashback_rules_are_created_and_deleted_in_both_languages() {
    let app = &TestApp::spawn().await;
    session(app, |c| async move {
        open(&c, app, "/admin/cashback", "ar", "cashback").await?;
        assert_eq!(text_of(&c, "#page-title").await?, "الاسترداد النقدي");
        fill(&c, "rule-name", "استرداد رمضان").await?;
        fill(&c, "rule-percent", "٥").await?;
        fill(&c, "rule-max", "20").await?;
        c.find(Locator::Id("rule-create")).await?.click().await?;
        toast(&c, "أُنشئت قاعدة الاسترداد «استرداد رمضان»").await?;
        let (bp, max): (i32, i64) = sqlx::query_as(
            "SELECT percent_bp, max_amount FROM cashback_rules WHERE name = 'استرداد رمضان' AND deleted_at IS NULL",
        )
        .fetch_one(&app.db)
        .await
        .unwrap();
        assert_eq!((bp, max), (500, 2000));

        open(&c, app, "/admin/cashback", "en", "cashback").await?;
        // A rule without its most per order is refused next to the field.
        fill(&c, "rule-name", "Weekend").await?;
        fill(&c, "rule-percent", "3").await?;
        c.find(Locator::Id("rule-create")).await?.click().await?;
        c.wait()
            .at_most(WAIT)
            .for_element(Locator::Css("#rule-max[aria-invalid=true]"))
            .await?;
        fill(&c, "rule-max", "15").await?;
        c.find(Locator::Id("rule-create")).await?.click().await?;
        toast(&c, "Cashback rule “Weekend” created").await?;
        let id: Uuid = sqlx::query_scalar(
            "SELECT id FROM cashback_rules WHERE name = 'Weekend' AND deleted_at IS NULL",
        )
        .fetch_one(&app.db)
        .await
        .unwrap();
        c.find(Locator::Css(&format!("#rule-{id} .rule-delete")))
            .await?
            .click()
            .await?;
        answer_dialog(&c, None).await?;
        toast(&c, "Cashback rule deleted").await?;
        let deleted: bool =
            sqlx::query_scalar("SELECT deleted_at IS NOT NULL FROM cashback_rules WHERE id = $1")
                .bind(id)
                .fetch_one(&app.db)
                .await
                .unwrap();
        assert!(deleted);
        assert!(c.find(Locator::Css(&format!("#rule-{id}"))).await.is_err());
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn reviews_are_hidden_one_by_one_and_in_bulk_and_restored() {
    let app = &TestApp::spawn().await;
    let token = app.token_of("+966500000001").await;
    let r = app
        .get("/api/v1/orders?status=delivered", Some(&token))
        .await;
    let order = r.body["data"][0]["id"].as_str().unwrap().to_owned();
    let product = r.body["data"][0]["items"][0]["productId"].clone();
    let r = app
        .post(
            &format!("/api/v1/orders/{order}/reviews"),
            Some(&token),
            json!({
                "storeRating": {"stars": 2, "text": "تأخر التوصيل كثيرًا"},
                "products": [{"productId": product, "stars": 5, "text": "Exactly the right part"}],
            }),
        )
        .await;
    assert_eq!(r.status, 201, "{r:?}");
    let id_of = |target: &str| -> Uuid {
        r.body["data"]
            .as_array()
            .unwrap()
            .iter()
            .find(|v| v["targetType"] == target)
            .unwrap()["id"]
            .as_str()
            .unwrap()
            .parse()
            .unwrap()
    };
    let (store_review, product_review) = (id_of("store"), id_of("product"));
    let status = |id: Uuid| {
        let db = app.db.clone();
        async move {
            sqlx::query_scalar::<_, String>("SELECT status FROM reviews WHERE id = $1")
                .bind(id)
                .fetch_one(&db)
                .await
                .unwrap()
        }
    };
    session(app, |c| async move {
        // Arabic: one review hidden with a reason, in its row.
        open(&c, app, "/admin/reviews", "ar", "reviews").await?;
        assert_eq!(text_of(&c, "#page-title").await?, "التقييمات");
        c.find(Locator::Css(&format!(
            "#review-{store_review} .review-hide"
        )))
        .await?
        .click()
        .await?;
        answer_dialog(&c, Some("لغة غير لائقة")).await?;
        toast(&c, "أُخفي التقييم").await?;
        c.wait()
            .at_most(WAIT)
            .for_element(Locator::Css(&format!(
                "#review-{store_review}[data-status=hidden] .review-restore"
            )))
            .await?;
        assert_eq!(status(store_review).await, "hidden");

        // English: the visible tab, every row chosen, hidden at once.
        open(&c, app, "/admin/reviews", "en", "reviews").await?;
        c.goto(&format!("{}/admin/reviews?status=visible", app.base))
            .await?;
        c.wait()
            .at_most(WAIT)
            .for_element(Locator::Css(&format!("#review-{product_review}")))
            .await?;
        assert!(
            c.find(Locator::Css(&format!("#review-{store_review}")))
                .await
                .is_err()
        );
        c.find(Locator::Css("#reviews input[data-select-all]"))
            .await?
            .click()
            .await?;
        c.find(Locator::Id("bulk-hide")).await?.click().await?;
        answer_dialog(&c, Some("Spam wave")).await?;
        toast(&c, "One review hidden").await?;
        c.wait()
            .at_most(WAIT)
            .for_element(Locator::Id("reviews-empty"))
            .await?;
        assert_eq!(status(product_review).await, "hidden");

        // English: the hidden tab, one restored.
        c.goto(&format!("{}/admin/reviews?status=hidden", app.base))
            .await?;
        c.find(Locator::Css(&format!(
            "#review-{store_review} .review-restore"
        )))
        .await?
        .click()
        .await?;
        toast(&c, "Review restored").await?;
        assert_eq!(status(store_review).await, "visible");
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn admins_are_added_and_granted_permissions_by_their_labels() {
    let app = &TestApp::spawn().await;
    let admin: Uuid = sqlx::query_scalar("SELECT id FROM users WHERE phone = '+966500000005'")
        .fetch_one(&app.db)
        .await
        .unwrap();
    let perms = |phone: &'static str| {
        let db = app.db.clone();
        async move {
            sqlx::query_scalar::<_, String>(
                "SELECT p.permission FROM admin_permissions p JOIN users u ON u.id = p.user_id \
                 WHERE u.phone = $1 ORDER BY 1",
            )
            .bind(phone)
            .fetch_all(&db)
            .await
            .unwrap()
        }
    };
    session(app, |c| async move {
        // Arabic: the demo admin's page; coupons granted by its label.
        open(&c, app, "/admin/admins", "ar", "admins").await?;
        assert_eq!(text_of(&c, "#page-title").await?, "المشرفون");
        c.find(Locator::Css(&format!("#admin-{admin} .admin-link")))
            .await?
            .click()
            .await?;
        c.wait()
            .at_most(WAIT)
            .for_element(Locator::Id("permissions-form"))
            .await?;
        assert_eq!(
            text_of(&c, "label[for=perm-coupons-manage] .perm-label").await?,
            "إدارة القسائم والاسترداد النقدي"
        );
        let page = c.source().await?;
        assert!(!page.contains(">users.view<") && !page.contains(">coupons.manage<"));
        assert!(
            c.find(Locator::Id("perm-users-view"))
                .await?
                .is_selected()
                .await?
        );
        c.find(Locator::Id("perm-coupons-manage"))
            .await?
            .click()
            .await?;
        c.find(Locator::Id("permissions-save"))
            .await?
            .click()
            .await?;
        toast(&c, "حُفظت الصلاحيات").await?;
        Ok(())
    })
    .await;
    eventually("coupons.manage granted", || async {
        perms("+966500000005").await == ["audit.view", "coupons.manage", "users.view"]
    })
    .await;
    session(app, |c| async move {
        // English: a new admin by phone with one permission.
        open(&c, app, "/admin/admins", "en", "admins").await?;
        c.find(Locator::Id("new-admin")).await?.click().await?;
        c.wait()
            .at_most(WAIT)
            .for_element(Locator::Id("admin-form"))
            .await?;
        assert_eq!(
            text_of(&c, "label[for=perm-reviews-moderate] .perm-label").await?,
            "Moderate reviews"
        );
        fill(&c, "admin-phone", "0500000099").await?;
        fill(&c, "admin-name", "Sara Moderator").await?;
        c.find(Locator::Id("perm-reviews-moderate"))
            .await?
            .click()
            .await?;
        c.find(Locator::Id("admin-create")).await?.click().await?;
        toast(&c, "+966 50 000 0099 is now an admin").await?;
        assert!(
            c.find(Locator::Id("perm-reviews-moderate"))
                .await?
                .is_selected()
                .await?
        );
        Ok(())
    })
    .await;
    assert_eq!(perms("+966500000099").await, ["reviews.moderate"]);
    let role: String = sqlx::query_scalar("SELECT role FROM users WHERE phone = '+966500000099'")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(role, "ADMIN");
}

#[tokio::test]
async fn due_account_deletions_are_finalised_one_by_one_and_all_at_once() {
    let app = &TestApp::spawn().await;
    let mut ids = Vec::new();
    for (phone, days) in [("0511111111", 40), ("0511111112", 35), ("0511111113", 1)] {
        app.sign_in(phone).await;
        let e164 = format!("+966{}", &phone[1..]);
        let id: Uuid = sqlx::query_scalar(
            "UPDATE users SET deletion_requested_at = now() - make_interval(days => $2) \
             WHERE phone = $1 RETURNING id",
        )
        .bind(&e164)
        .bind(days)
        .fetch_one(&app.db)
        .await
        .unwrap();
        ids.push(id);
    }
    let deleted = |id: Uuid| {
        let db = app.db.clone();
        async move {
            sqlx::query_scalar::<_, bool>(
                "SELECT deleted_at IS NOT NULL AND status = 'deleted' FROM users WHERE id = $1",
            )
            .bind(id)
            .fetch_one(&db)
            .await
            .unwrap()
        }
    };
    let (first, second, waiting) = (ids[0], ids[1], ids[2]);
    session(app, |c| async move {
        // Arabic: one due request finalised in its row.
        open(&c, app, "/admin/deletions", "ar", "deletions").await?;
        assert_eq!(text_of(&c, "#page-title").await?, "حذف الحسابات");
        assert!(
            c.find(Locator::Css(&format!(
                "#deletion-{waiting} .deletion-finalise"
            )))
            .await
            .is_err(),
            "a waiting request cannot be finalised"
        );
        c.find(Locator::Css(&format!(
            "#deletion-{first} .deletion-finalise"
        )))
        .await?
        .click()
        .await?;
        answer_dialog(&c, None).await?;
        toast(&c, "مُحي الحساب").await?;
        assert!(deleted(first).await);

        // English: the rest of the due ones at once.
        open(&c, app, "/admin/deletions", "en", "deletions").await?;
        assert!(
            c.find(Locator::Css(&format!("#deletion-{first}")))
                .await
                .is_err()
        );
        c.find(Locator::Id("finalise-due")).await?.click().await?;
        answer_dialog(&c, None).await?;
        toast(&c, "One account erased").await?;
        c.wait()
            .at_most(WAIT)
            .for_element(Locator::Css(&format!(
                "#deletion-{waiting}[data-due=false]"
            )))
            .await?;
        assert!(deleted(second).await);
        assert!(!deleted(waiting).await);
        Ok(())
    })
    .await;
}
