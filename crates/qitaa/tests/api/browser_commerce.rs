//! The customer web app's buying flow in headless Chromium: the demo
//! customer signs in on /app (Arabic, right to left), finds a part of the
//! Riyadh store, adds it to the cart, pays by card on the sandbox gateway's
//! page, lands on the confirmed order and opens its tax invoice; in
//! English, pays another order from the wallet. A third test drives the
//! same forms without JavaScript: a double-submitted checkout orders once,
//! and another customer's order is 404.

use std::time::Duration;

use fantoccini::error::CmdError;
use fantoccini::{Client, Locator};
use uuid::Uuid;

use crate::chromium::{browser, page_dir, sign_in, start_driver};
use crate::harness::TestApp;

const WAIT: Duration = Duration::from_secs(15);
const CUSTOMER: &str = "0500000001";

async fn riyadh_product(app: &TestApp, name_en: &str) -> (Uuid, Uuid) {
    sqlx::query_as(
        "SELECT s.id, p.id FROM products p JOIN stores s ON s.id = p.store_id \
         WHERE s.name_en = 'Riyadh Branch' AND p.name_en = $1 AND p.deleted_at IS NULL",
    )
    .bind(name_en)
    .fetch_one(&app.db)
    .await
    .unwrap()
}

async fn text_of(c: &Client, css: &str) -> Result<String, CmdError> {
    c.find(Locator::Css(css)).await?.text().await
}

/// The order id of an order page's path (`/app/orders/{id}`).
async fn order_in_url(c: &Client) -> Result<Uuid, CmdError> {
    let url = c.current_url().await?;
    let id = url
        .path()
        .strip_prefix("/app/orders/")
        .unwrap_or_else(|| panic!("an order page, not {url}"));
    Ok(Uuid::parse_str(id).expect("an order id in the path"))
}

/// On a product page: adds `quantity` through htmx, then opens the cart.
async fn add_to_cart_and_open_cart(c: &Client, quantity: &str) -> Result<(), CmdError> {
    let q = c.find(Locator::Id("quantity")).await?;
    q.clear().await?;
    q.send_keys(quantity).await?;
    c.find(Locator::Id("add-to-cart-button"))
        .await?
        .click()
        .await?;
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::Id("go-to-cart"))
        .await?
        .click()
        .await?;
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::Id("cart-totals"))
        .await?;
    Ok(())
}

#[tokio::test]
async fn customer_buys_by_card_in_arabic_and_opens_the_invoice() {
    let app = TestApp::spawn().await;
    let (riyadh, product) = riyadh_product(&app, "Oil filter - Toyota Camry").await;
    let driver = start_driver().await;
    let c = browser(&driver).await;
    let result = async {
        sign_in(&c, &format!("{}/app/sign-in?lang=ar", app.base), CUSTOMER).await?;
        assert_eq!(
            page_dir(&c).await,
            ("rtl".into(), "ar".into(), "rtl".into())
        );
        assert_eq!(c.current_url().await?.path(), "/app");
        assert_eq!(text_of(&c, "#page-title").await?, "قطع الغيار");

        // Search, then the Riyadh store's oil filter among the results.
        c.find(Locator::Id("search-q"))
            .await?
            .send_keys("فلتر")
            .await?;
        c.find(Locator::Id("search-submit")).await?.click().await?;
        c.wait()
            .at_most(WAIT)
            .for_element(Locator::Css("#search-q[value='فلتر']"))
            .await?;
        let card = c.find(Locator::Css(&format!("#product-{product}"))).await?;
        assert_eq!(
            card.attr("data-store").await?.as_deref(),
            Some(riyadh.to_string().as_str())
        );
        assert!(
            card.text().await?.contains("45.00 ر.س"),
            "{}",
            card.text().await?
        );
        card.click().await?;

        // The product page, then "add to cart" (htmx) and the cart.
        c.wait()
            .at_most(WAIT)
            .for_element(Locator::Id("add-to-cart-button"))
            .await?;
        assert_eq!(text_of(&c, "#product-price").await?, "45.00 ر.س");
        assert!(text_of(&c, "#fitment").await?.contains("كامري"));
        add_to_cart_and_open_cart(&c, "1").await?;
        let line = c
            .find(Locator::Css(&format!("#store-{riyadh} li.line")))
            .await?;
        assert!(
            line.text().await?.contains("فِلْتَر الزّيت"),
            "{}",
            line.text().await?
        );
        assert_eq!(text_of(&c, "#nav-cart-count").await?, "1");
        assert_eq!(text_of(&c, "#cart-subtotal").await?, "45.00 ر.س");

        // Checkout by card: the saved address is chosen, then the gateway's page.
        c.find(Locator::Id("checkout")).await?.click().await?;
        c.wait()
            .at_most(WAIT)
            .for_element(Locator::Id("checkout-form"))
            .await?;
        let address = c
            .find(Locator::Css("#addresses input[name=address]:checked"))
            .await?;
        assert!(address.attr("value").await?.is_some());
        c.find(Locator::Css("label[for=method-card]"))
            .await?
            .click()
            .await?;
        c.find(Locator::Id("place-order")).await?.click().await?;
        let pay = c
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Id("sandbox-pay"))
            .await?;
        assert!(c.current_url().await?.path().starts_with("/sandbox/pay/"));
        pay.click().await?;

        // Back on the order, confirmed, with its two steps.
        let status = c
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Id("order-status"))
            .await?;
        let order = order_in_url(&c).await?;
        assert_eq!(
            status.attr("data-status").await?.as_deref(),
            Some("confirmed")
        );
        assert_eq!(status.text().await?, "مؤكَّد");
        assert_eq!(page_dir(&c).await.0, "rtl");
        let steps = c.find_all(Locator::Css("#history li.step")).await?;
        assert_eq!(steps.len(), 2);
        assert!(
            steps[1].text().await?.contains("بانتظار الدفع"),
            "from pending payment"
        );
        assert!(text_of(&c, "#payments").await?.contains("مدفوع"));
        assert!(
            c.find(Locator::Id("cancel-order")).await.is_ok(),
            "still cancellable"
        );

        // The invoice: the seller's VAT number and the QR code.
        c.find(Locator::Id("invoice-link")).await?.click().await?;
        let vat = c
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Id("vat-number"))
            .await?
            .text()
            .await?;
        c.find(Locator::Css("#zatca-qr svg")).await?;
        assert!(
            text_of(&c, "#invoice")
                .await?
                .contains("Simplified Tax Invoice")
        );
        assert!(
            text_of(&c, "#invoice")
                .await?
                .contains("فاتورة ضريبية مبسطة")
        );
        Ok::<_, CmdError>((order, vat))
    }
    .await;
    let _ = c.close().await;
    let (order, vat) = result.unwrap();

    let (status, store): (String, Uuid) =
        sqlx::query_as("SELECT status, store_id FROM orders WHERE id = $1")
            .bind(order)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!((status.as_str(), store), ("confirmed", riyadh));
    let seller_vat: String =
        sqlx::query_scalar("SELECT vat_number FROM invoices WHERE order_id = $1")
            .bind(order)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert!(!seller_vat.is_empty());
    assert_eq!(vat, seller_vat);
}

#[tokio::test]
async fn customer_pays_from_the_wallet_in_english() {
    let app = TestApp::spawn().await;
    let (_, product) = riyadh_product(&app, "Iridium spark plugs - Toyota").await;
    let token = app.token_of(CUSTOMER).await;
    let balance = |body: &serde_json::Value| body["data"]["balance"].as_i64().unwrap();
    let before = balance(&app.get("/api/v1/wallet", Some(&token)).await.body);

    let driver = start_driver().await;
    let c = browser(&driver).await;
    let result = async {
        sign_in(&c, &format!("{}/app/sign-in?lang=en", app.base), CUSTOMER).await?;
        assert_eq!(
            page_dir(&c).await,
            ("ltr".into(), "en".into(), "ltr".into())
        );
        c.goto(&format!("{}/app/products/{product}", app.base))
            .await?;
        c.wait()
            .at_most(WAIT)
            .for_element(Locator::Id("add-to-cart-button"))
            .await?;
        assert_eq!(text_of(&c, "#product-price").await?, "SAR 120.00");
        add_to_cart_and_open_cart(&c, "1").await?;
        assert_eq!(text_of(&c, "#cart-subtotal").await?, "SAR 120.00");

        // Quantities change in place (htmx): more than the stock is refused
        // next to the line, two is fine and the badge follows.
        let set_quantity = |n: &'static str| {
            let c = c.clone();
            async move {
                let input = c.find(Locator::Css("li.line .qty-input")).await?;
                input.clear().await?;
                input.send_keys(n).await?;
                c.find(Locator::Css("li.line .update-qty"))
                    .await?
                    .click()
                    .await
            }
        };
        set_quantity("50").await?;
        let refused = c
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css("li.line .line-error"))
            .await?;
        assert_eq!(refused.text().await?, "Only 12 left in stock.");
        set_quantity("2").await?;
        c.wait()
            .at_most(WAIT)
            .for_element(Locator::Css("li.line[data-quantity='2']"))
            .await?;
        assert_eq!(text_of(&c, "#cart-subtotal").await?, "SAR 240.00");
        assert_eq!(text_of(&c, "#nav-cart-count").await?, "2");
        assert!(c.find(Locator::Css("li.line .line-error")).await.is_err());

        c.find(Locator::Id("checkout")).await?.click().await?;
        c.wait()
            .at_most(WAIT)
            .for_element(Locator::Id("checkout-form"))
            .await?;
        assert!(text_of(&c, "#wallet-balance").await?.contains(&format!(
            "SAR {}.{:02}",
            before / 100,
            before % 100
        )));
        c.find(Locator::Css("label[for=method-wallet]"))
            .await?
            .click()
            .await?;
        c.find(Locator::Id("place-order")).await?.click().await?;

        let status = c
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Id("order-status"))
            .await?;
        let order = order_in_url(&c).await?;
        assert_eq!(
            status.attr("data-status").await?.as_deref(),
            Some("confirmed")
        );
        assert_eq!(status.text().await?, "Confirmed");
        assert_eq!(text_of(&c, "#order-method").await?, "Wallet");
        let due_text = text_of(&c, "#order-amount-due").await?;
        Ok::<_, CmdError>((order, due_text))
    }
    .await;
    let _ = c.close().await;
    let (order, due_text) = result.unwrap();

    let due: i64 = sqlx::query_scalar("SELECT amount_due FROM orders WHERE id = $1")
        .bind(order)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert!(due > 24_000, "goods, delivery and VAT: {due}");
    assert_eq!(due_text, format!("SAR {}.{:02}", due / 100, due % 100));
    let after = balance(&app.get("/api/v1/wallet", Some(&token)).await.body);
    assert_eq!(after, before - due);
}

/// The app through plain HTML forms (no JavaScript): a cookie jar, redirects
/// not followed, and the session's CSRF token read from the page.
struct Plain {
    client: reqwest::Client,
    base: String,
    csrf: String,
}

impl Plain {
    async fn sign_in(app: &TestApp, phone_e164: &str) -> Plain {
        let client = reqwest::Client::builder()
            .cookie_store(true)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        let mut web = Plain {
            client,
            base: app.base.clone(),
            csrf: String::new(),
        };
        let (status, page) = web.get("/app/sign-in").await;
        assert_eq!(status, 200);
        let form_token = hidden_csrf(&page);
        let r = web
            .post(
                "/app/sign-in",
                &[("phone", phone_e164), ("_csrf", &form_token)],
            )
            .await;
        assert_eq!(r.status(), 200);
        let code = if app::config::DEMO_PHONES.contains(&phone_e164) {
            app::config::DEMO_CODE.to_owned()
        } else {
            app.last_code(phone_e164).await
        };
        let r = web
            .post(
                "/app/sign-in/verify",
                &[
                    ("phone", phone_e164),
                    ("code", &code),
                    ("_csrf", &form_token),
                ],
            )
            .await;
        assert_eq!(r.status(), 303, "{phone_e164} signs in to the app");
        assert_eq!(r.headers()["location"], "/app");
        let (status, home) = web.get("/app").await;
        assert_eq!(status, 200);
        web.csrf = hidden_csrf(&home);
        web
    }

    async fn get(&self, path: &str) -> (u16, String) {
        let r = self
            .client
            .get(format!("{}{path}", self.base))
            .header("accept-language", "en")
            .send()
            .await
            .unwrap();
        (r.status().as_u16(), r.text().await.unwrap())
    }

    async fn post(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        let body: Vec<String> = fields
            .iter()
            .map(|(k, v)| format!("{k}={}", urlencoded(v)))
            .collect();
        self.client
            .post(format!("{}{path}", self.base))
            .header("accept-language", "en")
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body.join("&"))
            .send()
            .await
            .unwrap()
    }
}

fn urlencoded(v: &str) -> String {
    v.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The first `_csrf` field of a page.
fn hidden_csrf(html: &str) -> String {
    let marker = "name=\"_csrf\" value=\"";
    let at = html.find(marker).expect("a form with a CSRF field") + marker.len();
    let end = html[at..].find('"').unwrap();
    html[at..at + end].to_owned()
}

fn location(r: &reqwest::Response) -> String {
    r.headers()["location"].to_str().unwrap().to_owned()
}

#[tokio::test]
async fn forms_work_without_javascript_and_other_customers_orders_are_hidden() {
    let app = TestApp::spawn().await;
    let (_, product) = riyadh_product(&app, "Iridium spark plugs - Toyota").await;
    let customer = "+966500000001";
    let web = Plain::sign_in(&app, customer).await;

    // Add to cart, then the cart page.
    let r = web
        .post(
            "/app/cart/items",
            &[
                ("product_id", &product.to_string()),
                ("quantity", "2"),
                ("_csrf", &web.csrf),
            ],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(location(&r), "/app/cart");
    let (status, cart) = web.get("/app/cart").await;
    assert_eq!(status, 200);
    assert!(cart.contains("Iridium spark plugs - Toyota"));
    assert!(cart.contains("data-quantity=\"2\""));
    assert!(cart.contains("SAR 240.00"));

    // Checkout by cash; the same rendered form sent twice orders once.
    let (status, page) = web.get("/app/checkout").await;
    assert_eq!(status, 200);
    let key_marker = "name=\"key\" value=\"";
    let at = page.find(key_marker).unwrap() + key_marker.len();
    let key = page[at..at + page[at..].find('"').unwrap()].to_owned();
    let address: Uuid = sqlx::query_scalar(
        "SELECT a.id FROM addresses a JOIN users u ON u.id = a.user_id WHERE u.phone = $1",
    )
    .bind(customer)
    .fetch_one(&app.db)
    .await
    .unwrap();
    let form = [
        ("address", address.to_string()),
        ("method", "cash".to_owned()),
        ("coupon", String::new()),
        ("note", String::new()),
        ("key", key),
        ("_csrf", web.csrf.clone()),
    ];
    let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let first = web.post("/app/checkout", &fields).await;
    assert_eq!(first.status(), 303);
    let to = location(&first);
    assert!(to.starts_with("/app/orders/"), "{to}");
    let again = web.post("/app/checkout", &fields).await;
    assert_eq!(again.status(), 303);
    assert_eq!(
        location(&again),
        to,
        "a double submit replays the first answer"
    );
    let order = Uuid::parse_str(to.trim_start_matches("/app/orders/")).unwrap();
    let orders: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM orders WHERE checkout_id = (SELECT checkout_id FROM orders WHERE id = $1)",
    )
    .bind(order)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(orders, 1);
    let (status, page) = web.get(&to).await;
    assert_eq!(status, 200);
    assert!(page.contains("data-status=\"confirmed\""));
    assert!(page.contains("Cash on delivery"));

    // A form without the session's token changes nothing.
    let r = web.post(&format!("{to}/cancel"), &[]).await;
    assert_eq!(r.status(), 403);

    // Another customer sees neither the order nor its invoice.
    let stranger = "+966500000077";
    app.sign_in(stranger).await;
    let other = Plain::sign_in(&app, stranger).await;
    assert_eq!(other.get(&to).await.0, 404);
    assert_eq!(other.get(&format!("{to}/invoice")).await.0, 404);
    let (status, list) = other.get("/app/orders").await;
    assert_eq!(status, 200);
    assert!(!list.contains(&order.to_string()));
    let r = other
        .post(&format!("{to}/cancel"), &[("_csrf", &other.csrf)])
        .await;
    assert_eq!(r.status(), 404);

    // The owner cancels it; the stock comes back.
    let r = web
        .post(&format!("{to}/cancel"), &[("_csrf", &web.csrf)])
        .await;
    assert_eq!(r.status(), 303);
    let (status, stock): (String, i32) = sqlx::query_as(
        "SELECT o.status, p.stock FROM orders o JOIN order_items i ON i.order_id = o.id \
         JOIN products p ON p.id = i.product_id WHERE o.id = $1",
    )
    .bind(order)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!((status.as_str(), stock), ("cancelled", 12));
}
