//! The admin pages for notification templates, the admin's own inbox, a
//! user's page, a product's page and taxonomy editing, in headless
//! Chromium, in Arabic and in English: each page shows its sidebar item as
//! the current page in the page's direction, does its main action (save a
//! template, mark read, suspend a user, approve a product, edit and delete
//! a taxonomy entry) with its toast, and the database holds the change.

use std::time::Duration;

use fantoccini::error::CmdError;
use fantoccini::{Client, Locator};
use serde_json::json;
use uuid::Uuid;

use crate::chromium::{answer_dialog, browser, page_dir, sign_in, start_driver};
use crate::harness::TestApp;

const WAIT: Duration = Duration::from_secs(15);
const SUPER_ADMIN: &str = "+966500000000";
const CUSTOMER: &str = "+966500000001";

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
    let sep = if path.contains('?') { '&' } else { '?' };
    c.goto(&format!("{}{path}{sep}lang={lang}", app.base))
        .await?;
    current(c, key, lang).await
}

/// The page shown is `nav-<key>`'s, in `lang`'s direction.
async fn current(c: &Client, key: &str, lang: &str) -> Result<(), CmdError> {
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::Css(&format!("#nav-{key}[aria-current=page]")))
        .await?;
    let dir = if lang == "ar" { "rtl" } else { "ltr" };
    assert_eq!(
        page_dir(c).await,
        (dir.into(), lang.into(), dir.into()),
        "{key} in {lang}"
    );
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

async fn click(c: &Client, css: &str) -> Result<(), CmdError> {
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::Css(css))
        .await?
        .click()
        .await
}

async fn wait_for(c: &Client, css: &str) -> Result<(), CmdError> {
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::Css(css))
        .await?;
    Ok(())
}

/// Waits until the element's text contains `needle`, and returns the text.
async fn wait_text(c: &Client, css: &str, needle: &str) -> Result<String, CmdError> {
    let deadline = std::time::Instant::now() + WAIT;
    loop {
        // The element may be swapped between finding and reading it.
        if let Ok(e) = c.find(Locator::Css(css)).await
            && let Ok(t) = e.text().await
            && t.contains(needle)
        {
            return Ok(t);
        }
        assert!(
            std::time::Instant::now() < deadline,
            "{css} never said {needle:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Waits until no element matches `css`.
async fn wait_gone(c: &Client, css: &str) -> Result<(), CmdError> {
    let deadline = std::time::Instant::now() + WAIT;
    while !c.find_all(Locator::Css(css)).await?.is_empty() {
        assert!(std::time::Instant::now() < deadline, "{css} is still there");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    Ok(())
}

/// Waits for a toast matching `css` whose text contains `text`, and
/// returns its text. An older toast may vanish with its page while it is
/// read (an action that reloads the page): it is skipped.
async fn toast_of(c: &Client, css: &str, text: &str) -> Result<String, CmdError> {
    let deadline = std::time::Instant::now() + WAIT;
    loop {
        for t in c.find_all(Locator::Css(css)).await.unwrap_or_default() {
            if let Ok(s) = t.text().await
                && s.contains(text)
            {
                return Ok(s);
            }
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no toast with {text:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Waits for a success toast whose text contains `text`.
async fn toast(c: &Client, text: &str) -> Result<String, CmdError> {
    toast_of(c, "#toasts .toast:not(.error) .toast-text", text).await
}

/// Waits for an error toast whose text contains `text`.
async fn error_toast(c: &Client, text: &str) -> Result<String, CmdError> {
    toast_of(c, "#toasts .toast.error .toast-text", text).await
}

/// Runs a browser session signed in as the super admin and closes it
/// before reporting its outcome.
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
    let at = match &result {
        Ok(()) => String::new(),
        Err(_) => c
            .current_url()
            .await
            .map(|u| u.to_string())
            .unwrap_or_default(),
    };
    let _ = c.close().await;
    if let Err(e) = result {
        panic!("{e:?} on {at}");
    }
}

async fn user_id(app: &TestApp, phone: &str) -> Uuid {
    sqlx::query_scalar("SELECT id FROM users WHERE phone = $1")
        .bind(phone)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

async fn template(
    app: &TestApp,
    event: &str,
    channel: &str,
    locale: &str,
) -> Option<(String, String, bool)> {
    sqlx::query_as(
        "SELECT title, body, enabled FROM notification_templates \
         WHERE event = $1 AND channel = $2 AND locale = $3",
    )
    .bind(event)
    .bind(channel)
    .bind(locale)
    .fetch_optional(&app.db)
    .await
    .unwrap()
}

#[tokio::test]
async fn notification_templates_are_edited_with_a_live_preview_in_both_languages() {
    let app = &TestApp::spawn().await;
    session(app, |c| async move {
        // Arabic: the index groups events; a channel without a template says so.
        open(&c, app, "/admin/notification-templates", "ar", "templates").await?;
        assert_eq!(text_of(&c, "#page-title").await?, "قوالب الإشعارات");
        wait_for(&c, "#tpl-order-new-sms-ar[data-state=missing]").await?;
        wait_for(&c, "#tpl-order-status-push-en[data-state=enabled]").await?;
        click(&c, "#tpl-order-status-push-ar").await?;
        current(&c, "templates", "ar").await?;
        wait_for(&c, "#var-orderNumber").await?;
        // The preview follows the typing, in both languages, with sample values.
        fill(&c, "tpl-body", "طلبك {orderNumber} أصبح: {status} {oops}").await?;
        wait_text(&c, "#preview-problems", "{oops}").await?;
        wait_text(&c, "#preview-ar-body", "Q100123").await?;
        assert_eq!(
            text_of(&c, "#preview-en-body").await?,
            "Your order Q100123 is now: shipped"
        );
        // Saved as it is: refused next to the field, nothing stored.
        click(&c, "#template-save").await?;
        wait_for(&c, "#tpl-body[aria-invalid=true]").await?;
        let described = c
            .find(Locator::Id("tpl-body"))
            .await?
            .attr("aria-describedby")
            .await?
            .unwrap_or_default();
        assert!(described.contains("tpl-body-error"), "{described}");
        assert!(text_of(&c, "#tpl-body-error").await?.contains("{oops}"));
        let stored = template(app, "order.status", "push", "ar").await.unwrap();
        assert_eq!(stored.1, "أصبحت حالة طلبك {orderNumber}: {status}");
        // Fixed and saved: a toast, and the database has it.
        fill(&c, "tpl-body", "طلبك {orderNumber} أصبح: {status}").await?;
        click(&c, "#template-save").await?;
        toast(&c, "حُفظ القالب").await?;
        assert_eq!(
            template(app, "order.status", "push", "ar").await.unwrap().1,
            "طلبك {orderNumber} أصبح: {status}"
        );

        // English: a template not written yet is written and saved.
        open(
            &c,
            app,
            "/admin/notification-templates/order.new/sms/en",
            "en",
            "templates",
        )
        .await?;
        assert_eq!(text_of(&c, "#tpl-state").await?, "Not written");
        assert!(
            c.find_all(Locator::Id("tpl-title")).await?.is_empty(),
            "SMS has no title"
        );
        fill(
            &c,
            "tpl-body",
            "Qitaa: new order {orderNumber} ({amount} SAR) for {storeName}",
        )
        .await?;
        wait_text(
            &c,
            "#preview-en-body",
            "Q100123 (245.00 SAR) for Riyadh Parts",
        )
        .await?;
        wait_for(&c, "#preview-ar-none").await?;
        click(&c, "#template-save").await?;
        toast(&c, "Template saved.").await?;
        wait_text(&c, "#tpl-state", "On").await?;
        assert_eq!(
            template(app, "order.new", "sms", "en").await,
            Some((
                String::new(),
                "Qitaa: new order {orderNumber} ({amount} SAR) for {storeName}".into(),
                true
            ))
        );
        Ok(())
    })
    .await;
}

async fn notify_admin(app: &TestApp, admin: Uuid, title: &str, read: bool) -> Uuid {
    let id = Uuid::now_v7();
    sqlx::query(
        "INSERT INTO notifications (id, user_id, event, category, title, body, data, read_at) \
         VALUES ($1, $2, 'broadcast', 'marketing', $3, $4, '{}', CASE WHEN $5 THEN now() END)",
    )
    .bind(id)
    .bind(admin)
    .bind(json!({"ar": format!("{title} (ع)"), "en": title}))
    .bind(json!({"ar": "نص الإشعار", "en": "The notice's text"}))
    .bind(read)
    .execute(&app.db)
    .await
    .unwrap();
    id
}

async fn unread_of(app: &TestApp, user: Uuid) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL")
        .bind(user)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn the_admins_inbox_marks_notifications_read_in_both_languages() {
    let app = &TestApp::spawn().await;
    let admin = user_id(app, SUPER_ADMIN).await;
    let first = notify_admin(app, admin, "First notice", false).await;
    let second = notify_admin(app, admin, "Second notice", false).await;
    notify_admin(app, admin, "Old notice", true).await;
    session(app, |c| async move {
        // Arabic: the bell links to the inbox; unread ones are marked.
        open(&c, app, "/admin/inbox", "ar", "inbox").await?;
        assert_eq!(text_of(&c, "#page-title").await?, "الإشعارات");
        wait_for(&c, "#inbox-bell[aria-current=page] .count").await?;
        assert_eq!(
            c.find_all(Locator::Css(".inbox-item.unread")).await?.len(),
            2
        );
        assert!(
            text_of(&c, &format!("#notice-{first}"))
                .await?
                .contains("First notice (ع)")
        );
        click(&c, &format!("#read-{first}")).await?;
        toast(&c, "عُلِّم كمقروء").await?;
        wait_for(&c, &format!("#notice-{first}[data-read=true]")).await?;
        assert_eq!(
            c.find_all(Locator::Css(".inbox-item.unread")).await?.len(),
            1
        );
        let read: Option<time::OffsetDateTime> =
            sqlx::query_scalar("SELECT read_at FROM notifications WHERE id = $1")
                .bind(first)
                .fetch_one(&app.db)
                .await
                .unwrap();
        assert!(read.is_some());

        // English: from another page the bell opens it; all marked read.
        open(&c, app, "/admin/users", "en", "users").await?;
        click(&c, "#inbox-bell").await?;
        current(&c, "inbox", "en").await?;
        wait_text(&c, "#unread-summary", "One unread notification").await?;
        wait_for(&c, &format!("#notice-{second}.unread")).await?;
        click(&c, "#mark-all-read").await?;
        toast(&c, "One notification marked as read.").await?;
        wait_gone(&c, ".inbox-item.unread").await?;
        wait_gone(&c, "#inbox-bell .count").await?;
        assert_eq!(unread_of(app, admin).await, 0);
        // Nothing unread: the filter's empty state.
        click(&c, "#tab-unread").await?;
        wait_text(&c, "#inbox-empty", "All caught up").await?;
        Ok(())
    })
    .await;
}

async fn user_status(app: &TestApp, id: Uuid) -> (String, Option<String>) {
    sqlx::query_as("SELECT status, status_reason FROM users WHERE id = $1")
        .bind(id)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_users_page_shows_the_account_and_suspends_it_in_both_languages() {
    let app = &TestApp::spawn().await;
    let customer = user_id(app, CUSTOMER).await;
    session(app, |c| async move {
        // Arabic: from the list, the name opens the user's page.
        open(&c, app, "/admin/users", "ar", "users").await?;
        click(&c, &format!("#user-{customer} .user-link")).await?;
        wait_for(&c, "#user-profile").await?;
        current(&c, "users", "ar").await?;
        assert_eq!(text_of(&c, "#user-phone").await?, "+966 50 000 0001");
        assert_eq!(text_of(&c, "#user-role").await?, "عميل");
        wait_for(&c, "#user-balance").await?;
        wait_for(&c, "#user-wallet-link").await?;
        wait_for(&c, "#user-orders-table tbody tr").await?;
        click(&c, "#user-suspend").await?;
        answer_dialog(&c, Some("احتيال في الدفع")).await?;
        toast(&c, "أُوقف الحساب").await?;
        wait_for(&c, "#user-account[data-status=suspended] #user-reason").await?;
        assert_eq!(text_of(&c, "#user-badge").await?, "موقوف");
        assert_eq!(
            user_status(app, customer).await,
            ("suspended".into(), Some("احتيال في الدفع".into()))
        );

        // English: a row opens the page wherever it is clicked; reactivated.
        open(&c, app, "/admin/users", "en", "users").await?;
        click(&c, &format!("#user-{customer} td.phone")).await?;
        wait_for(&c, "#user-account[data-status=suspended]").await?;
        current(&c, "users", "en").await?;
        assert_eq!(text_of(&c, "#user-reason").await?, "احتيال في الدفع");
        click(&c, "#user-reactivate").await?;
        answer_dialog(&c, None).await?;
        toast(&c, "Account reactivated").await?;
        wait_for(&c, "#user-account[data-status=active] #user-suspend").await?;
        assert_eq!(text_of(&c, "#user-status").await?, "Active");
        assert_eq!(user_status(app, customer).await.0, "active");
        Ok(())
    })
    .await;
}

/// A demo product, by its English name, sent back for review.
async fn pending(app: &TestApp, name_en: &str) -> Uuid {
    sqlx::query_scalar(
        "UPDATE products SET status = 'pending_approval', submitted_at = now() \
         WHERE name_en = $1 RETURNING id",
    )
    .bind(name_en)
    .fetch_one(&app.db)
    .await
    .unwrap()
}

async fn product_status(app: &TestApp, id: Uuid) -> (String, Option<String>) {
    sqlx::query_as("SELECT status, rejection_reason FROM products WHERE id = $1")
        .bind(id)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_products_page_shows_the_product_and_approves_it_in_both_languages() {
    let app = &TestApp::spawn().await;
    let camry = pending(app, "Oil filter - Toyota Camry").await;
    let elantra = pending(app, "Engine air filter - Hyundai Elantra").await;
    session(app, |c| async move {
        // Arabic: from the queue, the name opens the product's page.
        open(&c, app, "/admin/products", "ar", "products").await?;
        click(&c, &format!("#product-{camry} .product-link")).await?;
        wait_for(&c, "#product-details").await?;
        current(&c, "products", "ar").await?;
        assert_eq!(text_of(&c, "#product-oem .oem").await?, "04152-YZZA1");
        assert_eq!(text_of(&c, "#product-condition").await?, "جديد");
        assert_eq!(text_of(&c, "#fitment .fit-make").await?, "تويوتا");
        assert_eq!(text_of(&c, "#fitment .fit-model").await?, "كامري");
        assert!(
            !text_of(&c, "#product-category").await?.contains('-'),
            "a label, not a slug"
        );
        assert!(
            !c.find_all(Locator::Css("#product-gallery img, #product-no-image"))
                .await?
                .is_empty()
        );
        click(&c, "#product-approve").await?;
        toast(&c, "اعتُمد المنتج").await?;
        wait_for(&c, "#product-review[data-status=active]").await?;
        assert_eq!(text_of(&c, "#product-badge").await?, "نشط");
        assert_eq!(product_status(app, camry).await.0, "active");

        // English: rejected with a reason.
        open(&c, app, "/admin/products", "en", "products").await?;
        click(&c, &format!("#product-{elantra} .product-link")).await?;
        wait_for(&c, "#product-review[data-status=pending_approval]").await?;
        current(&c, "products", "en").await?;
        assert_eq!(text_of(&c, "#fitment .fit-make").await?, "Hyundai");
        click(&c, "#product-reject").await?;
        answer_dialog(&c, Some("Blurry photos")).await?;
        toast(&c, "Product rejected").await?;
        wait_text(&c, "#product-rejection-reason", "Blurry photos").await?;
        assert_eq!(
            product_status(app, elantra).await,
            ("rejected".into(), Some("Blurry photos".into()))
        );
        Ok(())
    })
    .await;
}

async fn id_of(app: &TestApp, table: &str, name_en: &str) -> Uuid {
    sqlx::query_scalar(&format!(
        "SELECT id FROM {table} WHERE name_en = $1 AND deleted_at IS NULL"
    ))
    .bind(name_en)
    .fetch_one(&app.db)
    .await
    .unwrap()
}

async fn deleted(app: &TestApp, table: &str, id: Uuid) -> bool {
    sqlx::query_scalar::<_, bool>(&format!(
        "SELECT deleted_at IS NOT NULL FROM {table} WHERE id = $1"
    ))
    .bind(id)
    .fetch_one(&app.db)
    .await
    .unwrap()
}

/// Opens an entry's edit dialog.
async fn edit_dialog(c: &Client, opener: &str) -> Result<(), CmdError> {
    click(c, opener).await?;
    wait_for(c, "#modal[open] #taxonomy-edit-form").await
}

#[tokio::test]
async fn taxonomy_entries_are_edited_and_deleted_in_both_languages() {
    let app = &TestApp::spawn().await;
    let toyota = id_of(app, "car_makes", "Toyota").await;
    let camry = id_of(app, "car_models", "Camry").await;
    let avalon = id_of(app, "car_models", "Avalon").await;
    let engine = id_of(app, "categories", "Engine").await;
    let token = app.token_of(SUPER_ADMIN).await;
    let mut spare = Vec::new();
    for slug in ["spare-one", "spare-two"] {
        let r = app
            .post(
                "/api/v1/admin/categories",
                Some(&token),
                json!({"slug": slug, "nameAr": format!("فئة {slug}"), "nameEn": format!("Category {slug}")}),
            )
            .await;
        assert_eq!(r.status, 201, "{r:?}");
        spare.push(Uuid::parse_str(r.body["data"]["id"].as_str().unwrap()).unwrap());
    }
    let (spare_one, spare_two) = (spare[0], spare[1]);
    session(app, |c| async move {
        // Arabic: a make renamed in its dialog, refused first without a name.
        open(&c, app, "/admin/taxonomy", "ar", "taxonomy").await?;
        edit_dialog(&c, &format!("#edit-make-{toyota}")).await?;
        fill(&c, "edit-name-en", "").await?;
        click(&c, "#edit-save").await?;
        wait_for(&c, "#modal[open] #edit-name-en[aria-invalid=true]").await?;
        assert!(!text_of(&c, "#edit-name-en-error").await?.is_empty());
        fill(&c, "edit-name-en", "Toyota Motor").await?;
        click(&c, "#edit-save").await?;
        toast(&c, "حُفظت الشركة المصنعة").await?;
        current(&c, "taxonomy", "ar").await?;
        let name: String = sqlx::query_scalar("SELECT name_en FROM car_makes WHERE id = $1")
            .bind(toyota)
            .fetch_one(&app.db)
            .await
            .unwrap();
        assert_eq!(name, "Toyota Motor");
        // A make that still has models is not deleted: an error toast.
        click(&c, &format!("#delete-make-{toyota}")).await?;
        answer_dialog(&c, None).await?;
        error_toast(&c, "لا تزال لهذه الشركة").await?;
        assert!(!deleted(app, "car_makes", toyota).await);
        // An unused category is deleted.
        click(&c, &format!("#delete-category-{spare_one}")).await?;
        answer_dialog(&c, None).await?;
        toast(&c, "حُذفت الفئة").await?;
        wait_gone(&c, &format!("#category-{spare_one}")).await?;
        assert!(deleted(app, "categories", spare_one).await);

        // English: a category moved under another.
        open(&c, app, "/admin/taxonomy", "en", "taxonomy").await?;
        edit_dialog(&c, &format!("#edit-category-{spare_two}")).await?;
        c.find(Locator::Css(&format!(
            "#edit-parent option[value='{engine}']"
        )))
        .await?
        .click()
        .await?;
        click(&c, "#edit-save").await?;
        toast(&c, "Category saved.").await?;
        let parent: Option<Uuid> =
            sqlx::query_scalar("SELECT parent_id FROM categories WHERE id = $1")
                .bind(spare_two)
                .fetch_one(&app.db)
                .await
                .unwrap();
        assert_eq!(parent, Some(engine));

        // English: a model's years, refused when they run backwards.
        open(
            &c,
            app,
            &format!("/admin/taxonomy/makes/{toyota}"),
            "en",
            "taxonomy",
        )
        .await?;
        edit_dialog(&c, &format!("#edit-model-{camry}")).await?;
        fill(&c, "edit-year-from", "1982").await?;
        fill(&c, "edit-year-to", "1981").await?;
        click(&c, "#edit-save").await?;
        wait_for(&c, "#modal[open] #edit-year-to[aria-invalid=true]").await?;
        fill(&c, "edit-year-to", "2024").await?;
        click(&c, "#edit-save").await?;
        toast(&c, "Model saved.").await?;
        current(&c, "taxonomy", "en").await?;
        let years: (i32, Option<i32>) =
            sqlx::query_as("SELECT year_from, year_to FROM car_models WHERE id = $1")
                .bind(camry)
                .fetch_one(&app.db)
                .await
                .unwrap();
        assert_eq!(years, (1982, Some(2024)));
        // A model products fit is not deleted; an unused one is.
        click(&c, &format!("#delete-model-{camry}")).await?;
        answer_dialog(&c, None).await?;
        error_toast(&c, "product").await?;
        assert!(!deleted(app, "car_models", camry).await);
        click(&c, &format!("#delete-model-{avalon}")).await?;
        answer_dialog(&c, None).await?;
        toast(&c, "Model deleted.").await?;
        wait_gone(&c, &format!("#model-{avalon}")).await?;
        assert!(deleted(app, "car_models", avalon).await);
        Ok(())
    })
    .await;
}
