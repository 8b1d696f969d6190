//! The dashboards' homes: KPIs over two seeded periods against hand-computed
//! figures (API and pages, both languages), and the admin sidebar showing
//! only what the admin's permissions open.

use serde_json::{Value, json};
use uuid::Uuid;

use crate::harness::TestApp;
use crate::shop::{SUPER_ADMIN, SUPPLIER, demo_stores};
use crate::web::web_session;

/// One placed (or not) order at an exact instant, with its own amounts.
#[allow(clippy::too_many_arguments)]
async fn order(
    app: &TestApp,
    store: Uuid,
    at: &str,
    method: &str,
    paid: bool,
    status: &str,
    total: i64,
    commission: i64,
) {
    let customer: Uuid = sqlx::query_scalar("SELECT id FROM users WHERE phone = '+966500000001'")
        .fetch_one(&app.db)
        .await
        .unwrap();
    let checkout = Uuid::now_v7();
    sqlx::query(
        "INSERT INTO checkouts (id, user_id, payment_method, amount_due) VALUES ($1, $2, $3, $4)",
    )
    .bind(checkout)
    .bind(customer)
    .bind(method)
    .bind(total)
    .execute(&app.db)
    .await
    .unwrap();
    let id = Uuid::now_v7();
    sqlx::query(
        "INSERT INTO orders (id, number, checkout_id, customer_id, store_id, status, payment_method, address, \
           subtotal, delivery_fee, vat, total, amount_due, commission_bp, commission, commission_vat, paid_at, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, '{}'::jsonb, $8, 0, 0, $8, $8, 1000, $9, 0, \
           CASE WHEN $10 THEN $11::timestamptz END, $11::timestamptz)",
    )
    .bind(id)
    .bind(format!("T-{id}"))
    .bind(checkout)
    .bind(customer)
    .bind(store)
    .bind(status)
    .bind(method)
    .bind(total)
    .bind(commission)
    .bind(paid)
    .bind(at)
    .execute(&app.db)
    .await
    .unwrap();
}

async fn customer_at(app: &TestApp, phone: &str, at: &str) {
    sqlx::query("INSERT INTO users (id, phone, role, created_at) VALUES ($1, $2, 'CUSTOMER', $3::timestamptz)")
        .bind(Uuid::now_v7())
        .bind(phone)
        .bind(at)
        .execute(&app.db)
        .await
        .unwrap();
}

/// Two weeks of January 2026 (Riyadh days): the period is the 8th to the
/// 14th, the previous one the 1st to the 7th. Boundaries sit a minute
/// either side of midnight, +03:00.
async fn seed(app: &TestApp) -> (Uuid, Uuid) {
    let (a, b) = demo_stores(app).await;
    // This period.
    order(
        app,
        a,
        "2026-01-08T10:00:00+03",
        "card",
        true,
        "delivered",
        10_000,
        1_000,
    )
    .await;
    order(
        app,
        a,
        "2026-01-10T23:30:00+03",
        "wallet",
        true,
        "confirmed",
        20_000,
        2_000,
    )
    .await;
    order(
        app,
        b,
        "2026-01-14T23:59:00+03",
        "cash",
        false,
        "accepted",
        5_050,
        505,
    )
    .await;
    order(
        app,
        a,
        "2026-01-12T12:00:00+03",
        "card",
        true,
        "cancelled",
        7_000,
        700,
    )
    .await;
    // Never paid: not an order placed.
    order(
        app,
        a,
        "2026-01-13T12:00:00+03",
        "card",
        false,
        "pending_payment",
        9_999,
        999,
    )
    .await;
    // The next day, Riyadh time (still the 14th in UTC).
    order(
        app,
        b,
        "2026-01-15T00:00:00+03",
        "cash",
        false,
        "accepted",
        4_444,
        444,
    )
    .await;
    // The previous period.
    order(
        app,
        a,
        "2026-01-03T09:00:00+03",
        "card",
        true,
        "delivered",
        15_000,
        1_500,
    )
    .await;
    order(
        app,
        b,
        "2026-01-07T23:00:00+03",
        "cash",
        false,
        "delivered",
        5_000,
        500,
    )
    .await;
    order(
        app,
        a,
        "2026-01-01T00:00:00+03",
        "wallet",
        true,
        "delivered",
        1_000,
        100,
    )
    .await;
    // Before both.
    order(
        app,
        a,
        "2025-12-31T23:59:00+03",
        "card",
        true,
        "delivered",
        3_333,
        333,
    )
    .await;
    customer_at(app, "+966511111111", "2026-01-09T08:00:00+03").await;
    customer_at(app, "+966511111112", "2026-01-14T20:00:00+03").await;
    customer_at(app, "+966511111113", "2026-01-02T08:00:00+03").await;
    sqlx::query("UPDATE stores SET created_at = '2026-01-09T12:00:00+03' WHERE id = $1")
        .bind(b)
        .execute(&app.db)
        .await
        .unwrap();
    // Written into the tables, not through the steps: the statistics'
    // roll-ups learn of these orders by rebuilding their days.
    app::stats::rebuild(
        &app.db,
        time::macros::date!(2025 - 12 - 01),
        time::macros::date!(2026 - 01 - 31),
    )
    .await
    .unwrap();
    (a, b)
}

const PERIOD: &str = "range=custom&from=2026-01-08&to=2026-01-14";

fn kpi(v: &Value, name: &str) -> (i64, i64, Option<i64>) {
    (
        v[name]["value"].as_i64().unwrap(),
        v[name]["previous"].as_i64().unwrap(),
        v[name]["changeBp"].as_i64(),
    )
}

/// Fluent isolates placeables; the page's text is what matters.
fn plain(s: &str) -> String {
    s.replace(['\u{2068}', '\u{2069}'], "")
}

/// The text of the element with `id`'s `.kpi-value` and `.kpi-change` in a page.
fn card(html: &str, id: &str) -> (String, String) {
    let at = html
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no #{id}"));
    let rest = &html[at..];
    let end = rest
        .find("</a>")
        .into_iter()
        .chain(rest.find("</div>\n"))
        .min()
        .unwrap_or(rest.len());
    let rest = &rest[..end];
    let grab = |class: &str| {
        rest.split(&format!("class=\"{class}\">"))
            .nth(1)
            .and_then(|s| s.split('<').next())
            .map(|s| plain(s).trim().to_owned())
            .unwrap_or_default()
    };
    (grab("kpi-value"), grab("kpi-change"))
}

async fn page(app: &TestApp, cookie: &str, path: &str, lang: &str) -> String {
    let r = app
        .client
        .get(format!("{}{path}", app.base))
        .header("cookie", cookie)
        .header("accept-language", lang)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200, "{path}");
    r.text().await.unwrap()
}

#[tokio::test]
async fn the_homes_give_the_hand_computed_figures_against_the_previous_period() {
    let app = TestApp::spawn().await;
    let (a, _b) = seed(&app).await;
    let admin = app.token_of(SUPER_ADMIN).await;

    let r = app
        .get(
            &format!("/api/v1/admin/stats/overview?{PERIOD}"),
            Some(&admin),
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    let o = &r.body["data"];
    assert_eq!(o["period"]["previousFrom"], "2026-01-01");
    assert_eq!(o["period"]["previousTo"], "2026-01-07");
    // Placed: 10 000 + 20 000 + 5 050 + the cancelled 7 000 (4 orders);
    // before: 15 000 + 5 000 + 1 000 (3). GMV leaves the cancelled one out.
    assert_eq!(kpi(o, "orders"), (4, 3, Some(3_333)));
    assert_eq!(kpi(o, "gmv"), (35_050, 21_000, Some(6_690)));
    assert_eq!(kpi(o, "commission"), (3_505, 2_100, Some(6_690)));
    assert_eq!(kpi(o, "newCustomers"), (2, 1, Some(10_000)));
    assert_eq!(kpi(o, "newStores"), (1, 0, None));
    let daily: Vec<i64> = serde_json::from_value(o["gmv"]["daily"].clone()).unwrap();
    assert_eq!(daily, vec![10_000, 0, 20_000, 0, 0, 0, 5_050]);
    let status: Vec<(String, i64)> = o["byStatus"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["status"].as_str().unwrap().to_owned(),
                s["orders"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        status,
        vec![
            ("accepted".into(), 1),
            ("cancelled".into(), 1),
            ("confirmed".into(), 1),
            ("delivered".into(), 1)
        ]
    );
    let channels: Vec<(String, i64, i64)> = o["byChannel"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["method"].as_str().unwrap().to_owned(),
                c["orders"].as_i64().unwrap(),
                c["gmv"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        channels,
        vec![
            ("card".into(), 2, 10_000),
            ("wallet".into(), 1, 20_000),
            ("cash".into(), 1, 5_050)
        ]
    );

    // What waits for an admin moves with the queue: a product sent for
    // approval and a customer's unanswered support message.
    let approvals = o["pendingApprovals"]["total"].as_i64().unwrap();
    let support = o["openSupportThreads"].as_i64().unwrap();
    sqlx::query("UPDATE products SET status = 'pending_approval' WHERE id = (SELECT id FROM products WHERE store_id = $1 AND status = 'active' LIMIT 1)")
        .bind(a)
        .execute(&app.db)
        .await
        .unwrap();
    let customer = app.token_of("+966500000001").await;
    let thread = app
        .post("/api/v1/chats/support", Some(&customer), json!({}))
        .await;
    let thread = thread.body["data"]["id"].as_str().unwrap().to_owned();
    let sent = app
        .post(
            &format!("/api/v1/chats/{thread}/messages"),
            Some(&customer),
            json!({"body": "My order?"}),
        )
        .await;
    assert_eq!(sent.status, 201, "{sent:?}");
    let r = app
        .get(
            &format!("/api/v1/admin/stats/overview?{PERIOD}"),
            Some(&admin),
        )
        .await;
    assert_eq!(
        r.body["data"]["pendingApprovals"]["total"]
            .as_i64()
            .unwrap(),
        approvals + 1
    );
    assert_eq!(
        r.body["data"]["openSupportThreads"].as_i64().unwrap(),
        support + 1
    );
    let reply = app
        .post(
            &format!("/api/v1/chats/{thread}/messages"),
            Some(&admin),
            json!({"body": "On its way"}),
        )
        .await;
    assert_eq!(reply.status, 201, "{reply:?}");
    let r = app
        .get(
            &format!("/api/v1/admin/stats/overview?{PERIOD}"),
            Some(&admin),
        )
        .await;
    assert_eq!(
        r.body["data"]["openSupportThreads"].as_i64().unwrap(),
        support
    );

    // The admin home shows the same figures, in each language's words.
    let cookie = web_session(&app, "admin", "qitaa_admin_session", "0500000000").await;
    let en = page(&app, &cookie, &format!("/admin?{PERIOD}"), "en").await;
    assert_eq!(card(&en, "kpi-orders"), ("4".into(), "+33.3%".into()));
    assert_eq!(card(&en, "kpi-gmv"), ("SAR 350.50".into(), "+66.9%".into()));
    assert_eq!(
        card(&en, "kpi-commission"),
        ("SAR 35.05".into(), "+66.9%".into())
    );
    assert_eq!(card(&en, "kpi-customers"), ("2".into(), "+100%".into()));
    assert_eq!(card(&en, "kpi-stores"), ("1".into(), "new".into()));
    let ar = page(&app, &cookie, &format!("/admin?{PERIOD}"), "ar").await;
    assert!(ar.contains("dir=\"rtl\""));
    assert_eq!(card(&ar, "kpi-gmv"), ("350.50 ر.س".into(), "+66.9%".into()));
    assert_eq!(card(&ar, "kpi-stores"), ("1".into(), "جديد".into()));

    // The supplier's home, over the Riyadh store alone: sales leave out the
    // cancelled order; orders to accept are the confirmed ones now.
    let supplier = app.token_of(SUPPLIER).await;
    let r = app
        .get(
            &format!("/api/v1/partner/stores/{a}/stats?{PERIOD}"),
            Some(&supplier),
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    let s = &r.body["data"];
    assert_eq!(kpi(s, "sales"), (30_000, 16_000, Some(8_750)));
    assert_eq!(kpi(s, "orders"), (3, 2, Some(5_000)));
    let pending: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM orders WHERE store_id = $1 AND status = 'confirmed' AND deleted_at IS NULL",
    )
    .bind(a)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(s["pendingOrders"].as_i64().unwrap(), pending);
    assert!(pending >= 1, "the seeded confirmed order");
    let (products, low) = (
        s["activeProducts"].as_i64().unwrap(),
        s["lowStock"].as_i64().unwrap(),
    );
    sqlx::query(
        "INSERT INTO products (id, store_id, name_ar, name_en, condition, price, stock, status) \
         VALUES ($1, $2, 'قطعة', 'Part', 'new', 1000, 2, 'active')",
    )
    .bind(Uuid::now_v7())
    .bind(a)
    .execute(&app.db)
    .await
    .unwrap();
    let r = app
        .get(
            &format!("/api/v1/partner/stores/{a}/stats?{PERIOD}"),
            Some(&supplier),
        )
        .await;
    assert_eq!(
        r.body["data"]["activeProducts"].as_i64().unwrap(),
        products + 1
    );
    assert_eq!(r.body["data"]["lowStock"].as_i64().unwrap(), low + 1);

    let cookie = web_session(&app, "partner", "qitaa_partner_session", "0500000002").await;
    let en = page(&app, &cookie, &format!("/partner?store={a}&{PERIOD}"), "en").await;
    assert_eq!(
        card(&en, "kpi-sales"),
        ("SAR 300.00".into(), "+87.5%".into())
    );
    assert_eq!(card(&en, "kpi-orders"), ("3".into(), "+50%".into()));
    // All stores: the Jeddah store's cash order joins (5 050; before, 5 000).
    let all = page(&app, &cookie, &format!("/partner?{PERIOD}"), "ar").await;
    assert_eq!(card(&all, "kpi-sales").0, "350.50 ر.س");
    assert_eq!(card(&all, "kpi-orders").0, "4");

    // A period the API cannot take is a 422 naming the fields.
    let r = app
        .get(
            "/api/v1/admin/stats/overview?range=custom&from=2026-02-10&to=2026-01-01",
            Some(&admin),
        )
        .await;
    assert_eq!(r.status, 422, "{r:?}");
    assert!(r.body["error"]["fields"]["to"].is_array(), "{r:?}");
}

/// The demo ADMIN holds users.view and audit.view: the sidebar shows users
/// and the audit log only, the home sends them to users, and a page they
/// may not open is a 403 that keeps the same sidebar.
#[tokio::test]
async fn the_admin_sidebar_shows_only_what_the_permissions_open() {
    let app = TestApp::spawn().await;
    let cookie = web_session(&app, "admin", "qitaa_admin_session", "0500000005").await;
    let r = app
        .client
        .get(format!("{}/admin", app.base))
        .header("cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/admin/users");
    let nav = |html: &str| -> Vec<String> {
        html.split("class=\"nav-link\" id=\"nav-")
            .skip(1)
            .map(|s| s.split('"').next().unwrap().to_owned())
            .collect()
    };
    let users = page(&app, &cookie, "/admin/users", "en").await;
    assert_eq!(nav(&users), vec!["users", "registrations", "audit"]);
    assert!(
        users.contains("id=\"nav-users\" href=\"/admin/users\" aria-current=\"page\""),
        "{users}"
    );
    let r = app
        .client
        .get(format!("{}/admin/orders", app.base))
        .header("cookie", &cookie)
        .header("accept-language", "ar")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 403);
    let html = r.text().await.unwrap();
    assert_eq!(nav(&html), vec!["users", "registrations", "audit"]);
    assert!(html.contains("id=\"error-message\""));

    // The super admin sees every section.
    let sup = web_session(&app, "admin", "qitaa_admin_session", "0500000000").await;
    let all = nav(&page(&app, &sup, "/admin/users", "en").await);
    for key in [
        "home",
        "orders",
        "products",
        "companies",
        "taxonomy",
        "users",
        "finance",
        "support",
        "broadcasts",
        "audit",
        "jobs",
    ] {
        assert!(all.iter().any(|k| k == key), "{key} in {all:?}");
    }
}
