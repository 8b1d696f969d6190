//! The customer app on a 390 px phone, in both languages: no page scrolls
//! sideways, and the bottom tabs never cover a button: Add to cart, the
//! order's Invoice and Cancel are clicked for real (a covered button would
//! refuse the click).

use std::time::Duration;

use fantoccini::{Client, Locator};
use serde_json::json;

use crate::chromium::{answer_dialog, page_dir, phone, sign_in, start_driver};
use crate::harness::TestApp;
use crate::shop::{CUSTOMER, address, checkout, demo_stores, order_status, product};

const WAIT: Duration = Duration::from_secs(10);

/// The page's width against the viewport's, and the tab bar's top against
/// the bottom of the content once scrolled to the end.
async fn fits(c: &Client, path: &str) {
    let v = c
        .execute(
            "window.scrollTo(0, document.documentElement.scrollHeight); \
             const tabs = document.querySelector('nav.tabs').getBoundingClientRect(); \
             const main = document.querySelector('main').getBoundingClientRect(); \
             return [document.documentElement.scrollWidth, window.innerWidth, tabs.top, main.bottom, tabs.height];",
            vec![],
        )
        .await
        .unwrap();
    let n = |i: usize| v[i].as_f64().unwrap();
    assert_eq!(n(1), 390.0, "a 390 px viewport");
    assert!(n(0) <= n(1), "{path} scrolls sideways: {v}");
    assert!(
        n(3) <= n(2) + 0.5,
        "{path}: the tabs cover the end of the page: {v}"
    );
    assert!(n(4) < 90.0, "{path}: the tabs fit on one row: {v}");
}

/// Brings `css` to the bottom edge of what the page may scroll to (as a
/// click does), checks the tabs leave it whole, then clicks it.
async fn click_clear_of_the_tabs(c: &Client, css: &str) -> Result<(), fantoccini::error::CmdError> {
    let v = c
        .execute(
            "const b = document.querySelector(arguments[0]); b.scrollIntoView({block: 'end'}); \
             const r = b.getBoundingClientRect(); const tabs = document.querySelector('nav.tabs').getBoundingClientRect(); \
             const hit = document.elementFromPoint(r.left + r.width / 2, r.bottom - 2); \
             return [r.bottom, tabs.top, !!hit && (hit === b || b.contains(hit))];",
            vec![json!(css)],
        )
        .await?;
    assert!(
        v[0].as_f64().unwrap() <= v[1].as_f64().unwrap(),
        "{css} under the tabs: {v}"
    );
    assert_eq!(v[2], json!(true), "{css} is what a tap there reaches: {v}");
    c.find(Locator::Css(css)).await?.click().await
}

#[tokio::test]
async fn on_a_phone_no_page_scrolls_sideways_and_the_tabs_cover_no_button() {
    let app = TestApp::spawn().await;
    let token = app.token_of(CUSTOMER).await;
    let (riyadh, _) = demo_stores(&app).await;
    let item = product(&app, riyadh, 12_345, 9).await;
    let addr = address(&app, &token).await;
    let r = checkout(
        &app,
        &token,
        "phone-cash",
        json!({"addressId": addr, "paymentMethod": "cash", "items": [{"productId": item, "quantity": 1}]}),
    )
    .await;
    assert_eq!(r.status, 201, "{r:?}");
    let order = r.body["data"]["orders"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();

    let driver = start_driver().await;
    let c = phone(&driver).await;
    let result = async {
        for lang in ["ar", "en"] {
            c.goto(&format!("{}/app?lang={lang}", app.base)).await?;
            if lang == "ar" {
                sign_in(
                    &c,
                    &format!("{}/app/sign-in?lang=ar", app.base),
                    "0500000001",
                )
                .await?;
            }
            let dir = if lang == "ar" { "rtl" } else { "ltr" };
            for path in [
                "/app".to_owned(),
                format!("/app/products/{item}"),
                "/app/cart".to_owned(),
                "/app/orders".to_owned(),
                format!("/app/orders/{order}"),
                "/app/support".to_owned(),
            ] {
                c.goto(&format!("{}{path}", app.base)).await?;
                c.wait()
                    .at_most(WAIT)
                    .for_element(Locator::Id("page-title"))
                    .await?;
                assert_eq!(page_dir(&c).await.2, dir, "{path}");
                fits(&c, &path).await;
            }
        }

        // Add to cart from the product page.
        c.goto(&format!("{}/app/products/{item}", app.base)).await?;
        click_clear_of_the_tabs(&c, "#add-to-cart-button").await?;
        c.wait()
            .at_most(WAIT)
            .for_element(Locator::Css("#nav-cart-count:not(.empty)"))
            .await?;
        c.goto(&format!("{}/app/checkout", app.base)).await?;
        c.wait()
            .at_most(WAIT)
            .for_element(Locator::Id("page-title"))
            .await?;
        fits(&c, "/app/checkout").await;

        // The order's Invoice, then Cancel (confirmed in the page's dialog).
        c.goto(&format!("{}/app/orders/{order}", app.base)).await?;
        click_clear_of_the_tabs(&c, "#invoice-link").await?;
        c.wait()
            .at_most(WAIT)
            .for_element(Locator::Css(".invoice"))
            .await?;
        c.goto(&format!("{}/app/orders/{order}", app.base)).await?;
        c.wait()
            .at_most(WAIT)
            .for_element(Locator::Id("cancel-order"))
            .await?;
        click_clear_of_the_tabs(&c, "#cancel-order").await?;
        answer_dialog(&c, None).await?;
        c.wait()
            .at_most(WAIT)
            .for_element(Locator::Css(
                "#order-status[data-status=cancelled], .badge.cancelled, .badge.status-cancelled",
            ))
            .await?;
        Ok::<_, fantoccini::error::CmdError>(())
    }
    .await;
    let _ = c.close().await;
    result.unwrap();
    assert_eq!(order_status(&app, &order).await, "cancelled");
}
