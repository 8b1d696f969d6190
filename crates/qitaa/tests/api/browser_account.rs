//! The customer app's account pages on a 390 px phone, in Arabic (right to
//! left) and English: the hub and the profile (inline field errors, the
//! preferred language switching the app), addresses with the map's pin,
//! favorites and the wallet, the notification centre, reviewing a delivered
//! order from its page, and the account deletion request. Every page is
//! checked inside the app's frame (its tabs, `dir` and the computed
//! direction, nothing scrolling sideways), and every action shows its toast.

use std::time::{Duration, Instant};

use fantoccini::error::CmdError;
use fantoccini::{Client, Locator};
use reqwest::Method;
use serde_json::json;
use uuid::Uuid;

use crate::chromium::{answer_dialog, page_dir, phone, sign_in, start_driver, toast};
use crate::harness::TestApp;
use crate::shop::{CUSTOMER, demo_stores, products_of};

const WAIT: Duration = Duration::from_secs(15);

async fn user_id(app: &TestApp) -> Uuid {
    sqlx::query_scalar("SELECT id FROM users WHERE phone = $1")
        .bind(CUSTOMER)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

async fn text_of(c: &Client, css: &str) -> Result<String, CmdError> {
    c.find(Locator::Css(css)).await?.text().await
}

async fn wait_for(c: &Client, css: &str) -> Result<fantoccini::elements::Element, CmdError> {
    c.wait().at_most(WAIT).for_element(Locator::Css(css)).await
}

/// [`toast`], read again when the page it was reading went away (the
/// action's redirect landing while the toasts were read).
async fn toasted(c: &Client, text: &str) -> Result<String, CmdError> {
    loop {
        match toast(c, text).await {
            Err(e) if e.is_stale_element_reference() => continue,
            other => return other,
        }
    }
}

/// Polls `script` (returning a boolean) until it is true.
async fn until(c: &Client, script: &str, what: &str) -> Result<(), CmdError> {
    let deadline = Instant::now() + WAIT;
    loop {
        if c.execute(script, vec![]).await? == json!(true) {
            return Ok(());
        }
        assert!(Instant::now() < deadline, "timed out waiting: {what}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// The page has its title, sits in the app's frame (every tab, the current
/// one marked), is in `lang` with its direction, and fits the phone.
async fn frame(c: &Client, lang: &str, tab: &str) -> Result<(), CmdError> {
    wait_for(c, "h1#page-title").await?;
    for id in [
        "nav-browse",
        "nav-cart",
        "nav-orders",
        "nav-support",
        "nav-account",
    ] {
        c.find(Locator::Id(id)).await?;
    }
    c.find(Locator::Css(&format!("#nav-{tab}[aria-current=page]")))
        .await?;
    let url = c.current_url().await?;
    let dir = if lang == "ar" { "rtl" } else { "ltr" };
    assert_eq!(
        page_dir(c).await,
        (dir.into(), lang.into(), dir.into()),
        "{url}"
    );
    let v = c
        .execute(
            "return [document.documentElement.scrollWidth, window.innerWidth, \
             document.querySelector('nav.tabs').getBoundingClientRect().height];",
            vec![],
        )
        .await?;
    let n = |i: usize| v[i].as_f64().unwrap();
    assert!(n(0) <= n(1), "{url} scrolls sideways: {v}");
    assert!(n(2) < 90.0, "{url}: the tabs fit on one row: {v}");
    Ok(())
}

async fn open(c: &Client, app: &TestApp, path: &str) -> Result<(), CmdError> {
    c.goto(&format!("{}{path}", app.base)).await
}

async fn type_into(c: &Client, css: &str, text: &str) -> Result<(), CmdError> {
    let e = c.find(Locator::Css(css)).await?;
    e.clear().await?;
    e.send_keys(text).await
}

/// Clicks `css` as a thumb would: scrolled to the middle of the screen
/// first (a button at the bottom edge would sit under the tab bar).
async fn click(c: &Client, css: &str) -> Result<(), CmdError> {
    let e = c.find(Locator::Css(css)).await?;
    c.execute(
        "arguments[0].scrollIntoView({block: 'center', inline: 'nearest'});",
        vec![serde_json::to_value(&e).unwrap()],
    )
    .await?;
    e.click().await
}

#[tokio::test]
async fn account_hub_and_profile_in_both_languages() {
    let app = TestApp::spawn().await;
    let user = user_id(&app).await;
    let driver = start_driver().await;
    let c = phone(&driver).await;
    let result = async {
        sign_in(
            &c,
            &format!("{}/app/sign-in?lang=ar", app.base),
            "0500000001",
        )
        .await?;
        // The Account tab opens the hub: who, the wallet, a link per page.
        click(&c, "#nav-account").await?;
        wait_for(&c, "#account-who").await?;
        frame(&c, "ar", "account").await?;
        assert_eq!(text_of(&c, "#page-title").await?, "حسابي");
        assert_eq!(text_of(&c, "#account-name").await?, "عميل تجريبي");
        assert_eq!(
            text_of(&c, "#account-phone.phone").await?,
            "+966 50 000 0001"
        );
        assert_eq!(text_of(&c, "#wallet-balance").await?, "500.00 ر.س");
        for id in [
            "link-profile",
            "link-addresses",
            "link-favorites",
            "link-wallet",
            "link-notifications",
            "link-orders",
            "link-delete",
        ] {
            c.find(Locator::Id(id)).await?;
        }

        // The profile: a wrong e-mail is refused next to its field.
        click(&c, "#link-profile").await?;
        wait_for(&c, "#profile-form").await?;
        frame(&c, "ar", "account").await?;
        assert_eq!(text_of(&c, "#profile-phone").await?, "+966 50 000 0001");
        type_into(&c, "#profile-email", "not-an-email").await?;
        click(&c, "#profile-save").await?;
        let email = wait_for(&c, "#profile-email[aria-invalid=true]").await?;
        frame(&c, "ar", "account").await?;
        assert!(
            email
                .attr("aria-describedby")
                .await?
                .unwrap_or_default()
                .contains("profile-email-error")
        );
        assert!(!text_of(&c, "#profile-email-error").await?.is_empty());
        assert!(
            c.find(Locator::Css("#profile-name[aria-invalid]"))
                .await
                .is_err(),
            "only the e-mail is refused"
        );
        // Corrected, saved with a toast.
        type_into(&c, "#profile-name", "سارة العتيبي").await?;
        type_into(&c, "#profile-email", "Sara@Example.com").await?;
        click(&c, "#profile-save").await?;
        toasted(&c, "حُفظ ملفك الشخصي").await?;
        frame(&c, "ar", "account").await?;
        assert_eq!(
            c.find(Locator::Id("profile-email"))
                .await?
                .prop("value")
                .await?
                .as_deref(),
            Some("sara@example.com")
        );

        // English: the hub, then the preferred language saved as Arabic
        // switches the app to Arabic, with the toast in Arabic.
        open(&c, &app, "/app/account?lang=en").await?;
        wait_for(&c, "#account-who").await?;
        frame(&c, "en", "account").await?;
        assert_eq!(text_of(&c, "#page-title").await?, "My account");
        assert_eq!(text_of(&c, "#wallet-balance").await?, "SAR 500.00");
        assert_eq!(text_of(&c, "#account-name").await?, "سارة العتيبي");
        assert_eq!(text_of(&c, "#account-email").await?, "sara@example.com");
        click(&c, "#link-profile").await?;
        wait_for(&c, "#profile-form").await?;
        frame(&c, "en", "account").await?;
        click(&c, "label[for=language-en]").await?;
        click(&c, "#profile-save").await?;
        toasted(&c, "Your profile was saved.").await?;
        frame(&c, "en", "account").await?;
        click(&c, "label[for=language-ar]").await?;
        click(&c, "#profile-save").await?;
        toasted(&c, "حُفظ ملفك الشخصي").await?;
        frame(&c, "ar", "account").await?;
        Ok::<_, CmdError>(())
    }
    .await;
    let _ = c.close().await;
    result.unwrap();
    let (name, email, locale): (String, String, String) =
        sqlx::query_as("SELECT name, email, locale FROM users WHERE id = $1")
            .bind(user)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(
        (name.as_str(), email.as_str(), locale.as_str()),
        ("سارة العتيبي", "sara@example.com", "ar")
    );
}

/// `(id, lat, lng, is_default)` of the customer's addresses, by label.
async fn addresses(app: &TestApp, user: Uuid) -> Vec<(String, Uuid, f64, f64, bool)> {
    sqlx::query_as(
        "SELECT label, id, lat, lng, is_default FROM addresses \
         WHERE user_id = $1 AND deleted_at IS NULL ORDER BY created_at",
    )
    .bind(user)
    .fetch_all(&app.db)
    .await
    .unwrap()
}

#[tokio::test]
async fn addresses_with_the_map_pin_in_both_languages() {
    let app = TestApp::spawn().await;
    let user = user_id(&app).await;
    let home = addresses(&app, user).await[0].1;
    let city = |slug: &'static str| {
        sqlx::query_scalar::<_, Uuid>(
            "SELECT id FROM cities WHERE slug = $1 AND deleted_at IS NULL",
        )
        .bind(slug)
        .fetch_one(&app.db)
    };
    let (riyadh, jeddah) = (city("riyadh").await.unwrap(), city("jeddah").await.unwrap());
    let driver = start_driver().await;
    let c = phone(&driver).await;
    let result = async {
        sign_in(
            &c,
            &format!("{}/app/sign-in?lang=ar", app.base),
            "0500000001",
        )
        .await?;
        click(&c, "#nav-account").await?;
        wait_for(&c, "#link-addresses").await?;
        click(&c, "#link-addresses").await?;
        wait_for(&c, "#addresses").await?;
        frame(&c, "ar", "account").await?;
        let default = text_of(&c, "li.address.is-default").await?;
        assert!(default.contains("المنزل"), "{default}");
        assert!(default.contains("+966 50 000 0001"), "{default}");

        // A new address: the pin dropped on the map fills the coordinates.
        click(&c, "#add-address").await?;
        wait_for(&c, "#address-map.leaflet-container").await?;
        frame(&c, "ar", "account").await?;
        wait_for(&c, ".map-box.offline #map-offline").await?;
        assert_eq!(
            c.find(Locator::Id("address-lat"))
                .await?
                .prop("value")
                .await?
                .as_deref(),
            Some("")
        );
        type_into(&c, "#address-label", "العمل").await?;
        type_into(&c, "#address-recipient-name", "سالم").await?;
        type_into(&c, "#address-phone", "0551234567").await?;
        click(&c, &format!("#address-city option[value='{riyadh}']")).await?;
        // The city's areas arrive as the district's suggestions.
        wait_for(&c, "#address-areas option[value='العليا']").await?;
        click(&c, "#address-map").await?;
        until(
            &c,
            "return document.querySelector('#address-lat').value !== '' && \
             document.querySelector('#address-lng').value !== '' && \
             !!document.querySelector('#address-map .leaflet-marker-icon');",
            "the pin fills the coordinates",
        )
        .await?;
        click(&c, "#address-save").await?;
        toasted(&c, "حُفظ العنوان «العمل»").await?;
        wait_for(&c, "#addresses").await?;
        frame(&c, "ar", "account").await?;
        let work = addresses(&app, user)
            .await
            .into_iter()
            .find(|a| a.0 == "العمل")
            .expect("the new address");
        // Dropped around the default address, where the map opened.
        assert!(
            (work.2 - 24.7136).abs() < 0.2 && (work.3 - 46.6753).abs() < 0.2,
            "{work:?}"
        );
        assert!(!work.4);

        // Made the default through htmx.
        click(&c, &format!("#default-{}", work.1)).await?;
        toasted(&c, "أصبح «العمل» عنوانك الافتراضي").await?;
        wait_for(&c, &format!("#address-{}.is-default", work.1)).await?;
        frame(&c, "ar", "account").await?;

        // English: a field left empty is refused inline, typed coordinates
        // are saved as typed.
        open(&c, &app, "/app/account/addresses?lang=en").await?;
        wait_for(&c, "#addresses").await?;
        frame(&c, "en", "account").await?;
        click(&c, &format!("#edit-{}", work.1)).await?;
        wait_for(&c, "#address-map.leaflet-container").await?;
        frame(&c, "en", "account").await?;
        wait_for(&c, "#address-map .leaflet-marker-icon").await?;
        click(&c, "#address-city option[value='']").await?;
        click(&c, "#address-save").await?;
        let city = wait_for(&c, "#address-city[aria-invalid=true]").await?;
        frame(&c, "en", "account").await?;
        assert_eq!(
            city.attr("aria-describedby").await?.as_deref(),
            Some("address-city-error")
        );
        assert!(
            text_of(&c, "#address-city-error")
                .await?
                .contains("required")
        );
        click(&c, &format!("#address-city option[value='{jeddah}']")).await?;
        type_into(&c, "#address-lat", "21.5433").await?;
        type_into(&c, "#address-lng", "39.1728").await?;
        click(&c, "#address-save").await?;
        toasted(&c, "was updated").await?;
        wait_for(&c, "#addresses").await?;
        frame(&c, "en", "account").await?;

        // The old home address deleted through htmx, after the page's dialog.
        click(&c, &format!("#delete-{home}")).await?;
        answer_dialog(&c, None).await?;
        toasted(&c, "The address was deleted.").await?;
        until(
            &c,
            &format!("return !document.querySelector('#address-{home}');"),
            "the deleted address leaves the list",
        )
        .await?;
        frame(&c, "en", "account").await?;
        Ok::<_, CmdError>(work.1)
    }
    .await;
    let _ = c.close().await;
    let work = result.unwrap();
    let left = addresses(&app, user).await;
    assert_eq!(left.len(), 1, "{left:?}");
    assert_eq!(left[0].1, work);
    assert!((left[0].2 - 21.5433).abs() < 1e-9 && (left[0].3 - 39.1728).abs() < 1e-9);
    assert!(left[0].4, "still the default");
}

#[tokio::test]
async fn favorites_and_wallet_in_both_languages() {
    let app = TestApp::spawn().await;
    let token = app.token_of(CUSTOMER).await;
    let (riyadh, _) = demo_stores(&app).await;
    let products = products_of(&app, riyadh).await;
    let (first, second) = (products[0].0, products[1].0);
    for path in [
        format!("/api/v1/favorites/product/{first}"),
        format!("/api/v1/favorites/product/{second}"),
        format!("/api/v1/favorites/store/{riyadh}"),
    ] {
        let r = app.call(Method::PUT, &path, Some(&token), None, "en").await;
        assert_eq!(r.status, 200, "{r:?}");
    }
    let driver = start_driver().await;
    let c = phone(&driver).await;
    let result = async {
        sign_in(
            &c,
            &format!("{}/app/sign-in?lang=ar", app.base),
            "0500000001",
        )
        .await?;
        // The wallet: the balance and its one movement, a credit.
        click(&c, "#nav-account").await?;
        wait_for(&c, "#link-wallet").await?;
        click(&c, "#link-wallet").await?;
        wait_for(&c, "#wallet-summary").await?;
        frame(&c, "ar", "account").await?;
        assert_eq!(text_of(&c, "#wallet-balance").await?, "500.00 ر.س");
        let entries = c.find_all(Locator::Css("#wallet-entries li.entry")).await?;
        assert_eq!(entries.len(), 1);
        assert_eq!(
            entries[0].attr("data-kind").await?.as_deref(),
            Some("credit")
        );
        let entry = entries[0].text().await?;
        assert!(entry.contains("إضافة من قطع"), "{entry}");
        assert!(entry.contains("500.00 ر.س"), "{entry}");
        c.find(Locator::Css("#wallet-entries li.entry bdi[dir=ltr]"))
            .await?;

        // Favorites: two parts and a store; a part removed through htmx.
        click(&c, "#nav-account").await?;
        wait_for(&c, "#link-favorites").await?;
        click(&c, "#link-favorites").await?;
        wait_for(&c, "#favorites").await?;
        frame(&c, "ar", "account").await?;
        assert_eq!(
            c.find_all(Locator::Css("#favorite-products li.fav"))
                .await?
                .len(),
            2
        );
        assert_eq!(
            c.find_all(Locator::Css("#favorite-stores li.fav"))
                .await?
                .len(),
            1
        );
        click(&c, &format!("#remove-product-{first}")).await?;
        toasted(&c, "أُزيل من مفضّلتك").await?;
        until(
            &c,
            &format!("return !document.querySelector('#favorite-product-{first}');"),
            "the removed part leaves the list",
        )
        .await?;
        frame(&c, "ar", "account").await?;

        // English: the rest removed, then the empty state's call to browse.
        open(&c, &app, "/app/account/favorites?lang=en").await?;
        wait_for(&c, "#favorites").await?;
        frame(&c, "en", "account").await?;
        click(&c, &format!("#remove-store-{riyadh}")).await?;
        toasted(&c, "Removed from your favorites.").await?;
        until(
            &c,
            &format!("return !document.querySelector('#favorite-store-{riyadh}');"),
            "the removed store leaves the list",
        )
        .await?;
        click(&c, &format!("#remove-product-{second}")).await?;
        wait_for(&c, "#favorites-empty").await?;
        frame(&c, "en", "account").await?;
        let browse = c.find(Locator::Id("browse-parts")).await?;
        assert_eq!(browse.attr("href").await?.as_deref(), Some("/app"));

        open(&c, &app, "/app/account/wallet").await?;
        wait_for(&c, "#wallet-summary").await?;
        frame(&c, "en", "account").await?;
        assert_eq!(text_of(&c, "#wallet-balance").await?, "SAR 500.00");
        assert!(
            text_of(&c, "#wallet-entries")
                .await?
                .contains("Credit from Qitaa")
        );
        Ok::<_, CmdError>(())
    }
    .await;
    let _ = c.close().await;
    result.unwrap();
    let left: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM favorites f JOIN users u ON u.id = f.user_id WHERE u.phone = $1",
    )
    .bind(CUSTOMER)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(left, 0);
}

#[tokio::test]
async fn notification_centre_in_both_languages() {
    let app = TestApp::spawn().await;
    let user = user_id(&app).await;
    let unread = || async {
        sqlx::query_scalar::<_, i64>(
            "SELECT count(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL",
        )
        .bind(user)
        .fetch_one(&app.db)
        .await
        .unwrap()
    };
    let before = unread().await;
    assert!(
        before >= 2,
        "the demo order's steps were notified: {before}"
    );
    let driver = start_driver().await;
    let c = phone(&driver).await;
    let result = async {
        sign_in(&c, &format!("{}/app/sign-in?lang=ar", app.base), "0500000001").await?;
        click(&c, "#nav-account").await?;
        let count = wait_for(&c, "#unread-count").await?;
        assert_eq!(count.text().await?, before.to_string());
        click(&c, "#link-notifications").await?;
        wait_for(&c, "#notices").await?;
        frame(&c, "ar", "account").await?;
        let items = c.find_all(Locator::Css("#notices li.unread")).await?;
        assert_eq!(items.len() as i64, before);
        assert!(!items[0].text().await?.is_empty());
        // One marked read through htmx.
        let first = items[0].attr("id").await?.unwrap();
        click(&c, &format!("#{first} .mark-read")).await?;
        toasted(&c, "عُلّم كمقروء").await?;
        wait_for(&c, &format!("#{first}:not(.unread)")).await?;
        frame(&c, "ar", "account").await?;
        assert_eq!(
            c.find_all(Locator::Css("#notices li.unread")).await?.len() as i64,
            before - 1
        );

        // English: all marked read at once.
        open(&c, &app, "/app/account/notifications?lang=en").await?;
        wait_for(&c, "#notices").await?;
        frame(&c, "en", "account").await?;
        assert_eq!(
            text_of(&c, "#unread-summary").await?,
            format!("{} unread notifications", before - 1)
        );
        click(&c, "#mark-all-read").await?;
        toasted(&c, &format!("{} notifications marked as read.", before - 1)).await?;
        until(
            &c,
            "return !document.querySelector('#notices li.unread') && !document.querySelector('#mark-all-read');",
            "nothing unread",
        )
        .await?;
        frame(&c, "en", "account").await?;
        assert_eq!(
            text_of(&c, "#unread-summary").await?,
            "No unread notifications"
        );
        Ok::<_, CmdError>(())
    }
    .await;
    let _ = c.close().await;
    result.unwrap();
    assert_eq!(unread().await, 0);
}

/// The demo customer's delivered order and its one part.
async fn delivered(app: &TestApp) -> (Uuid, Uuid) {
    sqlx::query_as(
        "SELECT o.id, i.product_id FROM orders o JOIN order_items i ON i.order_id = o.id \
         JOIN users u ON u.id = o.customer_id WHERE u.phone = $1 AND o.status = 'delivered'",
    )
    .bind(CUSTOMER)
    .fetch_one(&app.db)
    .await
    .unwrap()
}

/// From the order page of the delivered order, in `lang`: the review box,
/// the form refusing nothing to send, then stars for the store (with a
/// text) and the part; back on the order, the review shows as sent.
async fn review_the_delivered_order(lang: &str, sent: &str, store_text: &str) {
    let app = TestApp::spawn().await;
    let (order, part) = delivered(&app).await;
    let driver = start_driver().await;
    let c = phone(&driver).await;
    let result = async {
        sign_in(
            &c,
            &format!("{}/app/sign-in?lang={lang}", app.base),
            "0500000001",
        )
        .await?;
        click(&c, "#nav-orders").await?;
        wait_for(&c, &format!("#order-{order} a.order-link")).await?;
        click(&c, &format!("#order-{order} a.order-link")).await?;
        wait_for(&c, "#order-status[data-status=delivered]").await?;
        wait_for(&c, "#review-cta #review-order").await?;
        frame(&c, lang, "orders").await?;
        click(&c, "#review-order").await?;
        wait_for(&c, "#review-form").await?;
        frame(&c, lang, "orders").await?;

        // Nothing chosen: refused, the store's stars marked.
        click(&c, "#review-submit").await?;
        wait_for(&c, "#form-error").await?;
        wait_for(&c, "#target-store fieldset.stars-field[aria-invalid=true]").await?;
        frame(&c, lang, "orders").await?;
        assert!(!text_of(&c, "#stars-store-error").await?.is_empty());

        click(&c, "label[for=stars-store-4]").await?;
        type_into(&c, "#text-store", store_text).await?;
        click(&c, &format!("label[for=stars-{part}-5]")).await?;
        click(&c, "#review-submit").await?;
        toasted(&c, sent).await?;
        wait_for(&c, "#review-sent").await?;
        frame(&c, lang, "orders").await?;
        assert_eq!(
            c.current_url().await?.path(),
            format!("/app/orders/{order}")
        );
        assert_eq!(
            c.find_all(Locator::Css("#review-sent .stars-shown .icon"))
                .await?
                .len(),
            5
        );
        assert!(c.find(Locator::Id("review-order")).await.is_err());

        // The form is closed now.
        open(&c, &app, &format!("/app/orders/{order}/review")).await?;
        wait_for(&c, "#review-closed").await?;
        frame(&c, lang, "orders").await?;
        Ok::<_, CmdError>(())
    }
    .await;
    let _ = c.close().await;
    result.unwrap();
    let rows: Vec<(String, i16, Option<String>)> = sqlx::query_as(
        "SELECT target_type, stars, body FROM reviews WHERE order_id = $1 ORDER BY target_type DESC",
    )
    .bind(order)
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert_eq!(
        rows,
        vec![
            ("store".to_owned(), 4, Some(store_text.to_owned())),
            ("product".to_owned(), 5, None),
        ]
    );
}

#[tokio::test]
async fn review_a_delivered_order_in_arabic() {
    review_the_delivered_order("ar", "شكرًا لك! أُرسل تقييمك.", "توصيل سريع وتغليف ممتاز").await;
}

#[tokio::test]
async fn review_a_delivered_order_in_english() {
    review_the_delivered_order(
        "en",
        "Thank you! Your review was sent.",
        "Fast and well packed",
    )
    .await;
}

#[tokio::test]
async fn account_deletion_is_requested_and_cancelled_in_both_languages() {
    let app = TestApp::spawn().await;
    let user = user_id(&app).await;
    let requested = || async {
        sqlx::query_scalar::<_, Option<time::OffsetDateTime>>(
            "SELECT deletion_requested_at FROM users WHERE id = $1",
        )
        .bind(user)
        .fetch_one(&app.db)
        .await
        .unwrap()
        .is_some()
    };
    let driver = start_driver().await;
    let c = phone(&driver).await;
    let result = async {
        sign_in(
            &c,
            &format!("{}/app/sign-in?lang=ar", app.base),
            "0500000001",
        )
        .await?;
        for (lang, asked, kept) in [
            ("ar", "سُجّل طلب الحذف", "أُلغي طلب الحذف"),
            (
                "en",
                "Deletion requested.",
                "Your deletion request was cancelled",
            ),
        ] {
            open(&c, &app, &format!("/app/account?lang={lang}")).await?;
            wait_for(&c, "#link-delete").await?;
            click(&c, "#link-delete").await?;
            wait_for(&c, "#deletion-request").await?;
            frame(&c, lang, "account").await?;
            // The grace period is explained before anything is asked.
            let explained = text_of(&c, "#deletion-request").await?;
            assert!(explained.contains("30"), "{explained}");
            click(&c, "#request-deletion").await?;
            answer_dialog(&c, None).await?;
            toasted(&c, asked).await?;
            wait_for(&c, "#deletion-pending").await?;
            frame(&c, lang, "account").await?;
            assert!(requested().await);
            // The hub says so too.
            click(&c, "#nav-account").await?;
            wait_for(&c, "#deletion-banner").await?;
            frame(&c, lang, "account").await?;
            click(&c, "#link-delete").await?;
            wait_for(&c, "#cancel-deletion").await?;
            click(&c, "#cancel-deletion").await?;
            toasted(&c, kept).await?;
            wait_for(&c, "#deletion-request").await?;
            frame(&c, lang, "account").await?;
            assert!(!requested().await);
        }
        Ok::<_, CmdError>(())
    }
    .await;
    let _ = c.close().await;
    result.unwrap();
}
