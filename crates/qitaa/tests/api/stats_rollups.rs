//! The statistics' roll-ups: every flow driven through the API today adds
//! exactly its figures to today's rows (and a rebuild of the day from the
//! flows' rows finds the same); concurrent steps lose nothing; rows written
//! into the past are grouped by Riyadh day, week and month once rebuilt;
//! the tops' order, the CSV, the page, and the 422s.

use std::collections::BTreeMap;

use reqwest::StatusCode;
use serde_json::{Value, json};
use time::Date;
use time::macros::date;
use uuid::Uuid;

use crate::bookings::{book, day_ahead, slot_at, wash};
use crate::harness::TestApp;
use crate::repairs::{REP, offer as rep_offer, online, request as repair_request};
use crate::rfq::{RIYADH_PIN, create as create_request, headlight, offer as store_offer};
use crate::shop::{
    CUSTOMER, SUPER_ADMIN, SUPPLIER, address, assert_ledger_sound, checkout, demo_stores,
    post_keyed, product,
};
use crate::web::web_session;

const FIELDS: [&str; 12] = [
    "placed",
    "completed",
    "cancelled",
    "refunded",
    "gmv",
    "commission",
    "voidedGmv",
    "voidedCommission",
    "netGmv",
    "netCommission",
    "refunds",
    "refundedAmount",
];

type Figures = BTreeMap<&'static str, i64>;

/// Today's platform day, and the days either side (a test crossing
/// midnight still finds its figures).
fn around_today() -> (Date, Date) {
    let today = app::stats::model::today();
    (
        today - time::Duration::days(1),
        today + time::Duration::days(1),
    )
}

/// Each flow's totals over the days around today.
async fn totals(app: &TestApp, admin: &str) -> BTreeMap<String, Figures> {
    let (from, to) = around_today();
    let r = app
        .get(
            &format!("/api/v1/admin/stats/flows?from={from}&to={to}&grain=month"),
            Some(admin),
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    r.body["data"]["totals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["flow"].as_str().unwrap().to_owned(), figures(f)))
        .collect()
}

fn figures(f: &Value) -> Figures {
    FIELDS
        .iter()
        .map(|k| (*k, f[*k].as_i64().unwrap_or_else(|| panic!("{k} in {f}"))))
        .collect()
}

/// What a flow is expected to have gained: the named figures, zero for
/// the others, and the net ones following.
fn expect(pairs: &[(&'static str, i64)]) -> Figures {
    let mut f: Figures = FIELDS.iter().map(|k| (*k, 0)).collect();
    for &(k, v) in pairs {
        f.insert(k, v);
    }
    f.insert("netGmv", f["gmv"] - f["voidedGmv"]);
    f.insert("netCommission", f["commission"] - f["voidedCommission"]);
    f
}

fn gained(
    after: &BTreeMap<String, Figures>,
    before: &BTreeMap<String, Figures>,
    flow: &str,
) -> Figures {
    FIELDS
        .iter()
        .map(|k| (*k, after[flow][k] - before[flow][k]))
        .collect()
}

/// (total, commission, amount due) of an order, booking, job or external order.
async fn amounts(app: &TestApp, table: &str, id: &str) -> (i64, i64, i64) {
    let due = if table == "orders" {
        "amount_due"
    } else {
        "total"
    };
    sqlx::query_as(&format!(
        "SELECT total, commission, {due} FROM {table} WHERE id = $1::uuid"
    ))
    .bind(id)
    .fetch_one(&app.db)
    .await
    .unwrap()
}

/// Every non-zero roll-up row of the days, as JSON, in a fixed order.
async fn rollup_rows(app: &TestApp, from: Date, to: Date) -> Vec<Value> {
    let mut rows = Vec::new();
    for (table, order, zero) in [
        (
            "stats_daily",
            "scope, party_id, day, flow",
            "placed = 0 AND gmv = 0 AND commission = 0 AND completed = 0 AND cancelled = 0 \
             AND refunded = 0 AND voided_gmv = 0 AND voided_commission = 0 AND refunds = 0 \
             AND refunded_amount = 0",
        ),
        (
            "stats_products_daily",
            "product_id, day",
            "orders = 0 AND units = 0 AND sales = 0",
        ),
        (
            "stats_order_days",
            "store_id, day, payment_method, status",
            "orders = 0 AND total = 0 AND commission = 0",
        ),
    ] {
        let found: Vec<Value> = sqlx::query_scalar(&format!(
            "SELECT to_jsonb(t) - 'created_at' - 'updated_at' || jsonb_build_object('table', '{table}') \
             FROM {table} t WHERE day BETWEEN $1 AND $2 AND NOT ({zero}) ORDER BY {order}"
        ))
        .bind(from)
        .bind(to)
        .fetch_all(&app.db)
        .await
        .unwrap();
        rows.extend(found);
    }
    rows
}

/// Every month of the monthly roll-ups (read by the tops over long ranges)
/// is exactly the sum of its days, for stores, reps and products.
async fn assert_months_are_their_days(app: &TestApp) {
    let (months, from_days): (i64, i64) = sqlx::query_as(
        "WITH d AS (SELECT date_trunc('month', day)::date AS month, flow, scope, party_id, \
                      sum(placed) p, sum(gmv) g, sum(commission) c, sum(completed) k, sum(cancelled) x, \
                      sum(refunded) r, sum(voided_gmv) vg, sum(voided_commission) vc \
                    FROM stats_daily WHERE scope <> 'platform' GROUP BY 1, 2, 3, 4), \
              m AS (SELECT month, flow, scope, party_id, placed::numeric p, gmv::numeric g, \
                      commission::numeric c, completed::numeric k, cancelled::numeric x, \
                      refunded::numeric r, voided_gmv::numeric vg, voided_commission::numeric vc \
                    FROM stats_monthly) \
         SELECT (SELECT count(*) FROM m WHERE (p, g, c, k, x, r, vg, vc) <> (0, 0, 0, 0, 0, 0, 0, 0)), \
                (SELECT count(*) FROM (SELECT * FROM d EXCEPT SELECT * FROM m) e) \
              + (SELECT count(*) FROM (SELECT * FROM m EXCEPT SELECT * FROM d) e \
                 WHERE (p, g, c, k, x, r, vg, vc) <> (0, 0, 0, 0, 0, 0, 0, 0))",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert!(months > 0, "the steps wrote monthly rows");
    assert_eq!(from_days, 0, "months differ from the sums of their days");
    let differ: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM ( \
           (SELECT date_trunc('month', day)::date, product_id, sum(orders), sum(units), sum(sales) \
            FROM stats_products_daily GROUP BY 1, 2 \
            EXCEPT SELECT month, product_id, orders, units, sales FROM stats_products_monthly) \
           UNION ALL \
           (SELECT month, product_id, orders, units, sales FROM stats_products_monthly \
            WHERE (orders, units, sales) <> (0, 0, 0) \
            EXCEPT SELECT date_trunc('month', day)::date, product_id, sum(orders), sum(units), sum(sales) \
            FROM stats_products_daily GROUP BY 1, 2)) e",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(differ, 0, "product months differ from their days");
}

/// Rebuilding the days from the flows' rows finds what the steps added.
async fn assert_rebuild_agrees(app: &TestApp) {
    let (from, to) = around_today();
    let kept = rollup_rows(app, from, to).await;
    assert!(!kept.is_empty());
    assert_months_are_their_days(app).await;
    app::stats::rebuild(&app.db, from, to).await.unwrap();
    assert_months_are_their_days(app).await;
    let rebuilt = rollup_rows(app, from, to).await;
    assert_eq!(kept.len(), rebuilt.len(), "{kept:#?}\n---\n{rebuilt:#?}");
    for (k, r) in kept.iter().zip(&rebuilt) {
        assert_eq!(k, r, "kept by the steps vs rebuilt");
    }
}

async fn top(app: &TestApp, admin: &str, query: &str) -> Vec<Value> {
    let r = app
        .get(&format!("/api/v1/admin/stats/top?{query}"), Some(admin))
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    r.body["data"]["items"].as_array().unwrap().clone()
}

fn item<'a>(items: &'a [Value], id: &str) -> Option<&'a Value> {
    items.iter().find(|i| i["id"] == id)
}

/// Pays a card checkout's link on the sandbox's hosted page.
async fn pay_by_card(app: &TestApp, url: &str) {
    let hop = app.client.get(url).send().await.unwrap();
    let page = hop.headers()["location"].to_str().unwrap().to_owned();
    let paid = app.client.post(format!("{page}/pay")).send().await.unwrap();
    assert_eq!(paid.status(), StatusCode::SEE_OTHER);
}

async fn order_step(app: &TestApp, token: &str, store: Uuid, id: &str, steps: &[&str]) {
    for s in steps {
        let r = app
            .post(
                &format!("/api/v1/partner/stores/{store}/orders/{id}/status"),
                Some(token),
                json!({"status": s}),
            )
            .await;
        assert_eq!(r.status, 200, "{s}: {r:?}");
    }
}

/// A merchant with one part (50.00 SAR, 10 in stock); the part's id.
async fn external_part(app: &TestApp, admin: &str) -> String {
    let r = app
        .post(
            "/api/v1/admin/merchants",
            Some(admin),
            json!({"nameAr": "مستودع الإحصاء", "nameEn": "Stats Depot", "crNumber": "4012345678",
                   "vatNumber": "310000000000003", "email": "orders@stats.example", "locale": "en",
                   "commissionBp": 800, "leadTimeDays": 3, "cities": []}),
        )
        .await;
    assert_eq!(r.status, 201, "{r:?}");
    let merchant = r.body["data"]["id"].as_str().unwrap().to_owned();
    let csv = "sku,name_ar,name_en,price,stock,oem_numbers,category,make,model,year_from,year_to\n\
               ST-1,فلتر هواء,Air filter,50.00,10,17801-0H050,,toyota,,,\n";
    let res = app
        .client
        .post(format!(
            "{}/api/v1/admin/merchants/{merchant}/imports?fileName=stats.csv",
            app.base
        ))
        .bearer_auth(admin)
        .header("content-type", "text/csv")
        .body(csv)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap());
    sqlx::query_scalar::<_, Uuid>("SELECT id FROM external_parts WHERE sku = 'ST-1'")
        .fetch_one(&app.db)
        .await
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn every_flow_driven_today_adds_exactly_its_figures_to_todays_rows() {
    let app = TestApp::spawn().await;
    let admin = app.token_of(SUPER_ADMIN).await;
    let customer = app.token_of(CUSTOMER).await;
    let supplier = app.token_of(SUPPLIER).await;
    let (riyadh, _) = demo_stores(&app).await;
    let p = product(&app, riyadh, 10_000, 50).await;
    let addr = address(&app, &customer).await;
    let before = totals(&app, &admin).await;
    let products_before = top(&app, &admin, "kind=products&limit=50").await;
    assert!(item(&products_before, &p.to_string()).is_none());

    // Direct orders: cash, delivered; wallet, cancelled (refunded to the
    // wallet); card, paid on the gateway's page; card, never paid.
    let buy = |method: &'static str, quantity: i32, key: &'static str| {
        let (app, customer, addr) = (&app, &customer, &addr);
        async move {
            let r = checkout(
                app,
                customer,
                key,
                json!({"addressId": addr, "paymentMethod": method,
                       "items": [{"productId": p, "quantity": quantity}]}),
            )
            .await;
            assert_eq!(r.status, 201, "{r:?}");
            (
                r.body["data"]["orders"][0]["id"]
                    .as_str()
                    .unwrap()
                    .to_owned(),
                r.body["data"]["paymentUrl"].as_str().map(str::to_owned),
            )
        }
    };
    let (o1, _) = buy("cash", 1, "st-o1").await;
    order_step(
        &app,
        &supplier,
        riyadh,
        &o1,
        &["accepted", "preparing", "shipped", "delivered"],
    )
    .await;
    let (o2, _) = buy("wallet", 2, "st-o2").await;
    let r = app
        .post(
            &format!("/api/v1/orders/{o2}/cancel"),
            Some(&customer),
            json!({"reason": "changed my mind"}),
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    let (o3, url) = buy("card", 1, "st-o3").await;
    pay_by_card(&app, &url.expect("a card checkout's link")).await;
    let (_o4, unpaid) = buy("card", 1, "st-o4").await;
    assert!(unpaid.is_some());
    let (t1, c1, _) = amounts(&app, "orders", &o1).await;
    let (t2, c2, due2) = amounts(&app, "orders", &o2).await;
    let (t3, c3, _) = amounts(&app, "orders", &o3).await;

    // A store request: the offer accepted and paid from the wallet,
    // delivered, then refunded in full by an admin.
    let request = create_request(&app, &customer, headlight(&app, RIYADH_PIN, 50).await).await;
    let offer = store_offer(&app, &supplier, riyadh, request, 10_000).await;
    let r = post_keyed(
        &app,
        &format!("/api/v1/requests/{request}/offers/{offer}/accept"),
        &customer,
        "st-accept",
        json!({"paymentMethod": "wallet"}),
    )
    .await;
    assert_eq!(r.status, 200, "{r:?}");
    let o5 = r.body["data"]["order"]["id"].as_str().unwrap().to_owned();
    order_step(
        &app,
        &supplier,
        riyadh,
        &o5,
        &["accepted", "preparing", "shipped", "delivered"],
    )
    .await;
    let (t5, c5, due5) = amounts(&app, "orders", &o5).await;
    let r = post_keyed(
        &app,
        &format!("/api/v1/admin/orders/{o5}/refunds"),
        &admin,
        "st-refund",
        json!({"amount": due5, "reason": "part did not fit"}),
    )
    .await;
    assert_eq!(r.status, 201, "{r:?}");

    // Bookings: cash, completed; wallet, cancelled by the customer.
    let w = wash(&app).await;
    let date = day_ahead(3);
    let slot = |time: &'static str| {
        let (app, w, date) = (&app, &w, &date);
        async move {
            slot_at(app, w, &[w.exterior], date, time)
                .await
                .expect("a free slot")["startsAt"]
                .as_str()
                .unwrap()
                .to_owned()
        }
    };
    let r = book(
        &app,
        &customer,
        "st-b1",
        &w,
        w.exterior,
        &slot("09:00").await,
        "cash",
    )
    .await;
    assert_eq!(r.status, 201, "{r:?}");
    let b1 = r.body["data"]["booking"]["id"].as_str().unwrap().to_owned();
    for s in ["confirmed", "in_progress", "completed"] {
        let r = crate::bookings::step(&app, &supplier, &w, &b1, s).await;
        assert_eq!(r.status, 200, "{s}: {r:?}");
    }
    let r = book(
        &app,
        &customer,
        "st-b2",
        &w,
        w.exterior,
        &slot("10:00").await,
        "wallet",
    )
    .await;
    assert_eq!(r.status, 201, "{r:?}");
    let b2 = r.body["data"]["booking"]["id"].as_str().unwrap().to_owned();
    let r = app
        .post(
            &format!("/api/v1/bookings/{b2}/cancel"),
            Some(&customer),
            json!({"reason": "travelling"}),
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    let (tb1, cb1, _) = amounts(&app, "bookings", &b1).await;
    let (tb2, cb2, _) = amounts(&app, "bookings", &b2).await;

    // Repair jobs: one cancelled by the customer, one completed.
    let rep = app.token_of(REP).await;
    online(&app, &rep, (24.7400, 46.7000)).await;
    let mut jobs = Vec::new();
    for (i, price) in [(0, 12_000), (1, 15_000)] {
        let req = repair_request(&app, &customer).await;
        let id = req["id"].as_str().unwrap().to_owned();
        let o = rep_offer(&app, &rep, &id, price, 20).await;
        let r = post_keyed(
            &app,
            &format!("/api/v1/repairs/{id}/offers/{o}/accept"),
            &customer,
            &format!("st-job-{i}"),
            json!({}),
        )
        .await;
        assert_eq!(r.status, 201, "{r:?}");
        jobs.push(r.body["data"]["id"].as_str().unwrap().to_owned());
    }
    let r = crate::repairs::step(&app, &customer, &jobs[0], "cancelled").await;
    assert_eq!(r.status, 200, "{r:?}");
    for s in ["on_the_way", "arrived", "working", "completed"] {
        let r = crate::repairs::step(&app, &rep, &jobs[1], s).await;
        assert_eq!(r.status, 200, "{s}: {r:?}");
    }
    let (tj0, cj0, _) = amounts(&app, "repair_jobs", &jobs[0]).await;
    let (tj1, cj1, _) = amounts(&app, "repair_jobs", &jobs[1]).await;

    // External parts: wallet, delivered; cash, cancelled before shipping.
    let part = external_part(&app, &admin).await;
    let mut ext = Vec::new();
    for method in ["wallet", "cash"] {
        let r = post_keyed(
            &app,
            "/api/v1/external-orders",
            &customer,
            &format!("st-ext-{method}"),
            json!({"partId": part, "quantity": 1, "addressId": addr, "paymentMethod": method}),
        )
        .await;
        assert_eq!(r.status, 201, "{r:?}");
        ext.push(r.body["data"]["order"]["id"].as_str().unwrap().to_owned());
    }
    for (id, steps) in [
        (
            &ext[0],
            &["confirmed", "ordered", "shipped", "delivered"][..],
        ),
        (&ext[1], &["cancelled"][..]),
    ] {
        for s in steps {
            let r = app
                .post(
                    &format!("/api/v1/admin/external-orders/{id}/status"),
                    Some(&admin),
                    json!({"status": s}),
                )
                .await;
            assert_eq!(r.status, 200, "{s}: {r:?}");
        }
    }
    let (tx0, cx0, _) = amounts(&app, "external_orders", &ext[0]).await;
    let (tx1, cx1, _) = amounts(&app, "external_orders", &ext[1]).await;

    let after = totals(&app, &admin).await;
    assert_eq!(
        gained(&after, &before, "order"),
        expect(&[
            ("placed", 3),
            ("gmv", t1 + t2 + t3),
            ("commission", c1 + c2 + c3),
            ("completed", 1),
            ("cancelled", 1),
            ("voidedGmv", t2),
            ("voidedCommission", c2),
            ("refunds", 1),
            ("refundedAmount", due2),
        ]),
        "direct orders"
    );
    assert_eq!(
        gained(&after, &before, "request"),
        expect(&[
            ("placed", 1),
            ("gmv", t5),
            ("commission", c5),
            ("completed", 1),
            ("refunded", 1),
            ("voidedGmv", t5),
            ("voidedCommission", c5),
            ("refunds", 1),
            ("refundedAmount", due5),
        ]),
        "store requests"
    );
    assert_eq!(
        gained(&after, &before, "booking"),
        expect(&[
            ("placed", 2),
            ("gmv", tb1 + tb2),
            ("commission", cb1 + cb2),
            ("completed", 1),
            ("cancelled", 1),
            ("voidedGmv", tb2),
            ("voidedCommission", cb2),
            ("refunds", 1),
            ("refundedAmount", tb2),
        ]),
        "bookings"
    );
    assert_eq!(
        gained(&after, &before, "repair"),
        expect(&[
            ("placed", 2),
            ("gmv", tj0 + tj1),
            ("commission", cj0 + cj1),
            ("completed", 1),
            ("cancelled", 1),
            ("voidedGmv", tj0),
            ("voidedCommission", cj0),
        ]),
        "repair jobs"
    );
    assert_eq!(
        gained(&after, &before, "external"),
        expect(&[
            ("placed", 2),
            ("gmv", tx0 + tx1),
            ("commission", cx0 + cx1),
            ("completed", 1),
            ("cancelled", 1),
            ("voidedGmv", tx1),
            ("voidedCommission", cx1),
        ]),
        "external orders"
    );

    // The tops: the new product (3 orders placed, the wallet one voided),
    // the rep, and the wash among the stores of its flow.
    let products = top(&app, &admin, "kind=products&limit=50").await;
    let mine = item(&products, &p.to_string()).expect("the product is in the top");
    assert_eq!(
        (
            mine["placed"].as_i64(),
            mine["units"].as_i64(),
            mine["gmv"].as_i64()
        ),
        (Some(2), Some(2), Some(20_000)),
        "{mine}"
    );
    assert_eq!(mine["storeId"], riyadh.to_string());
    let rep_id: Uuid = sqlx::query_scalar("SELECT id FROM users WHERE phone = $1")
        .bind(REP)
        .fetch_one(&app.db)
        .await
        .unwrap();
    let reps = top(&app, &admin, "kind=reps").await;
    let r = item(&reps, &rep_id.to_string()).expect("the rep is in the top");
    assert_eq!(
        (
            r["placed"].as_i64(),
            r["completed"].as_i64(),
            r["cancelled"].as_i64(),
            r["gmv"].as_i64()
        ),
        (Some(2), Some(1), Some(1), Some(tj1)),
        "{r}"
    );
    let washes = top(&app, &admin, "kind=stores&flow=booking").await;
    let wash_row = item(&washes, &w.store.to_string()).expect("the wash is in the top");
    assert_eq!(wash_row["gmv"].as_i64(), Some(tb1), "{wash_row}");

    assert_rebuild_agrees(&app).await;
    assert_ledger_sound(&app).await;
}

#[tokio::test]
async fn thirty_concurrent_checkouts_are_thirty_placed_orders_in_the_rollups() {
    let app = TestApp::spawn().await;
    let admin = app.token_of(SUPER_ADMIN).await;
    let customer = app.token_of(CUSTOMER).await;
    let (riyadh, _) = demo_stores(&app).await;
    // One product each, so the checkouts wait on no stock row of each
    // other's: they meet on the roll-ups' rows only.
    let mut products = Vec::new();
    for _ in 0..30 {
        products.push(product(&app, riyadh, 3_000, 10).await);
    }
    let addr = address(&app, &customer).await;
    let before = totals(&app, &admin).await;
    let replies = futures_util::future::join_all(products.iter().enumerate().map(|(i, p)| {
        let body = json!({"addressId": addr, "paymentMethod": "cash",
                          "items": [{"productId": p, "quantity": 1 + i % 3}]});
        let key = format!("st-race-{i}");
        let (app, customer) = (&app, &customer);
        async move { checkout(app, customer, &key, body).await }
    }))
    .await;
    assert!(
        replies.iter().all(|r| r.status == 201),
        "{:?}",
        replies.iter().find(|r| r.status != 201)
    );
    let (orders, gmv, commission): (i64, i64, i64) = sqlx::query_as(
        "SELECT count(DISTINCT o.id), sum(o.total)::bigint, sum(o.commission)::bigint FROM orders o \
         WHERE o.id IN (SELECT order_id FROM order_items WHERE product_id = ANY($1))",
    )
    .bind(&products)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(orders, 30);
    let after = totals(&app, &admin).await;
    assert_eq!(
        gained(&after, &before, "order"),
        expect(&[("placed", 30), ("gmv", gmv), ("commission", commission)])
    );
    let top_products = top(&app, &admin, "kind=products&limit=50").await;
    for (i, p) in products.iter().enumerate() {
        let mine = item(&top_products, &p.to_string()).expect("every product is in the top");
        assert_eq!(
            (
                mine["placed"].as_i64(),
                mine["units"].as_i64(),
                mine["gmv"].as_i64()
            ),
            (
                Some(1),
                Some(1 + i as i64 % 3),
                Some(3_000 * (1 + i as i64 % 3))
            ),
            "{mine}"
        );
    }
    assert_rebuild_agrees(&app).await;
}

/// One order written straight into the tables, as a bulk load would.
struct Past {
    store: Uuid,
    method: &'static str,
    created: &'static str,
    paid: bool,
    status: &'static str,
    total: i64,
    commission: i64,
    delivered: Option<&'static str>,
    /// (product, quantity, unit price)
    lines: Vec<(Uuid, i32, i64)>,
}

async fn past_order(app: &TestApp, o: Past) -> Uuid {
    let customer: Uuid = sqlx::query_scalar("SELECT id FROM users WHERE phone = $1")
        .bind(CUSTOMER)
        .fetch_one(&app.db)
        .await
        .unwrap();
    let checkout = Uuid::now_v7();
    sqlx::query(
        "INSERT INTO checkouts (id, user_id, payment_method, amount_due, created_at) \
         VALUES ($1, $2, $3, $4, $5::timestamptz)",
    )
    .bind(checkout)
    .bind(customer)
    .bind(o.method)
    .bind(o.total)
    .bind(o.created)
    .execute(&app.db)
    .await
    .unwrap();
    let id = Uuid::now_v7();
    sqlx::query(
        "INSERT INTO orders (id, number, checkout_id, customer_id, store_id, status, payment_method, address, \
           subtotal, delivery_fee, vat, total, amount_due, commission_bp, commission, commission_vat, \
           paid_at, delivered_at, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, '{}'::jsonb, $8, 0, 0, $8, $8, 1000, $9, 0, \
           CASE WHEN $10 THEN $11::timestamptz END, $12::timestamptz, $11::timestamptz, $11::timestamptz)",
    )
    .bind(id)
    .bind(format!("ST-{id}"))
    .bind(checkout)
    .bind(customer)
    .bind(o.store)
    .bind(o.status)
    .bind(o.method)
    .bind(o.total)
    .bind(o.commission)
    .bind(o.paid)
    .bind(o.created)
    .bind(o.delivered)
    .execute(&app.db)
    .await
    .unwrap();
    for (product, quantity, price) in o.lines {
        sqlx::query(
            "INSERT INTO order_items (id, order_id, product_id, name_ar, name_en, unit_price, quantity, line_total) \
             VALUES ($1, $2, $3, 'قطعة', 'Part', $4, $5, $4 * $5)",
        )
        .bind(Uuid::now_v7())
        .bind(id)
        .bind(product)
        .bind(price)
        .bind(quantity)
        .execute(&app.db)
        .await
        .unwrap();
    }
    id
}

async fn past_step(app: &TestApp, order: Uuid, to: &str, at: &str) {
    sqlx::query(
        "INSERT INTO order_status_history (order_id, to_status, actor_role, created_at) \
         VALUES ($1, $2, 'admin', $3::timestamptz)",
    )
    .bind(order)
    .bind(to)
    .bind(at)
    .execute(&app.db)
    .await
    .unwrap();
}

async fn past_refund(app: &TestApp, order: Uuid, amount: i64, at: &str) {
    let payment = Uuid::now_v7();
    sqlx::query(
        "INSERT INTO payments (id, target_kind, target_id, payer_id, method, amount, refunded_amount, state, created_at) \
         SELECT $1, 'order', o.id, o.customer_id, o.payment_method, o.amount_due, $3, 'refunded', o.created_at \
         FROM orders o WHERE o.id = $2",
    )
    .bind(payment)
    .bind(order)
    .bind(amount)
    .execute(&app.db)
    .await
    .unwrap();
    sqlx::query(
        "INSERT INTO refunds (id, payment_id, amount, destination, state, created_at) \
         VALUES ($1, $2, $3, 'wallet', 'succeeded', $4::timestamptz)",
    )
    .bind(Uuid::now_v7())
    .bind(payment)
    .bind(amount)
    .bind(at)
    .execute(&app.db)
    .await
    .unwrap();
}

/// March 2025 and the first of April, in Riyadh days (1 March is a
/// Saturday). Store A: a card order of the 1st delivered on the 2nd, a cash
/// order of the 1st at 23:30 cancelled at 00:30 on the 2nd (still the 1st
/// in UTC). Store B: a wallet order of the 31st delivered that day and
/// refunded in full on 1 April; a card order never paid.
async fn seed_past(app: &TestApp) -> (Uuid, Uuid, [Uuid; 3]) {
    let (a, b) = demo_stores(app).await;
    let pa = product(app, a, 4_000, 5).await;
    let pb = product(app, a, 5_000, 5).await;
    let pc = product(app, b, 15_000, 5).await;
    past_order(
        app,
        Past {
            store: a,
            method: "card",
            created: "2025-03-01T10:00:00+03",
            paid: true,
            status: "delivered",
            total: 10_000,
            commission: 1_000,
            delivered: Some("2025-03-02T12:00:00+03"),
            lines: vec![(pa, 2, 4_000)],
        },
    )
    .await;
    let cancelled = past_order(
        app,
        Past {
            store: a,
            method: "cash",
            created: "2025-03-01T23:30:00+03",
            paid: false,
            status: "cancelled",
            total: 5_000,
            commission: 500,
            delivered: None,
            lines: vec![(pb, 1, 5_000)],
        },
    )
    .await;
    past_step(app, cancelled, "cancelled", "2025-03-02T00:30:00+03").await;
    let refunded = past_order(
        app,
        Past {
            store: b,
            method: "wallet",
            created: "2025-03-31T09:00:00+03",
            paid: true,
            status: "refunded",
            total: 20_000,
            commission: 2_000,
            delivered: Some("2025-03-31T18:00:00+03"),
            lines: vec![(pc, 1, 15_000)],
        },
    )
    .await;
    past_step(app, refunded, "refunded", "2025-04-01T10:00:00+03").await;
    past_refund(app, refunded, 20_000, "2025-04-01T10:00:00+03").await;
    let unpaid = past_order(
        app,
        Past {
            store: b,
            method: "card",
            created: "2025-03-02T00:10:00+03",
            paid: false,
            status: "cancelled",
            total: 9_999,
            commission: 999,
            delivered: None,
            lines: vec![(pc, 1, 9_999)],
        },
    )
    .await;
    past_step(app, unpaid, "cancelled", "2025-03-02T00:40:00+03").await;
    app::stats::rebuild(&app.db, date!(2025 - 02 - 01), date!(2025 - 04 - 30))
        .await
        .unwrap();
    (a, b, [pa, pb, pc])
}

const RANGE: &str = "from=2025-03-01&to=2025-04-01";

async fn flows(app: &TestApp, admin: &str, query: &str) -> Value {
    let r = app
        .get(&format!("/api/v1/admin/stats/flows?{query}"), Some(admin))
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    r.body["data"].clone()
}

/// The direct orders' figures of each period.
fn orders_by_period(v: &Value) -> Vec<(String, Figures)> {
    v["periods"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let f = p["flows"]
                .as_array()
                .unwrap()
                .iter()
                .find(|f| f["flow"] == "order")
                .unwrap();
            (
                format!(
                    "{}..{}",
                    p["start"].as_str().unwrap(),
                    p["end"].as_str().unwrap()
                ),
                figures(f),
            )
        })
        .collect()
}

#[tokio::test]
async fn rebuilt_past_days_group_by_riyadh_day_week_and_month() {
    let app = TestApp::spawn().await;
    let admin = app.token_of(SUPER_ADMIN).await;
    let (a, b, [pa, pb, pc]) = seed_past(&app).await;

    let first = expect(&[("placed", 2), ("gmv", 15_000), ("commission", 1_500)]);
    let second = expect(&[
        ("completed", 1),
        ("cancelled", 1),
        ("voidedGmv", 5_000),
        ("voidedCommission", 500),
    ]);
    let last_of_march = expect(&[
        ("placed", 1),
        ("gmv", 20_000),
        ("commission", 2_000),
        ("completed", 1),
    ]);
    let first_of_april = expect(&[
        ("refunded", 1),
        ("voidedGmv", 20_000),
        ("voidedCommission", 2_000),
        ("refunds", 1),
        ("refundedAmount", 20_000),
    ]);
    let by_day = orders_by_period(&flows(&app, &admin, &format!("{RANGE}&grain=day")).await);
    assert_eq!(by_day.len(), 32);
    let quiet = expect(&[]);
    for (i, (label, f)) in by_day.iter().enumerate() {
        let want = match i {
            0 => &first,
            1 => &second,
            30 => &last_of_march,
            31 => &first_of_april,
            _ => &quiet,
        };
        assert_eq!(f, want, "{label}");
    }
    assert_eq!(by_day[1].0, "2025-03-02..2025-03-02");

    // Weeks run Sunday to Saturday, clipped to the range.
    let by_week = orders_by_period(&flows(&app, &admin, &format!("{RANGE}&grain=week")).await);
    let labels: Vec<&str> = by_week.iter().map(|(l, _)| l.as_str()).collect();
    assert_eq!(
        labels,
        [
            "2025-03-01..2025-03-01",
            "2025-03-02..2025-03-08",
            "2025-03-09..2025-03-15",
            "2025-03-16..2025-03-22",
            "2025-03-23..2025-03-29",
            "2025-03-30..2025-04-01",
        ]
    );
    assert_eq!(by_week[0].1, first);
    assert_eq!(by_week[1].1, second);
    assert_eq!(
        by_week[5].1,
        expect(&[
            ("placed", 1),
            ("gmv", 20_000),
            ("commission", 2_000),
            ("completed", 1),
            ("refunded", 1),
            ("voidedGmv", 20_000),
            ("voidedCommission", 2_000),
            ("refunds", 1),
            ("refundedAmount", 20_000),
        ])
    );

    let months = flows(&app, &admin, &format!("{RANGE}&grain=month")).await;
    let by_month = orders_by_period(&months);
    let march = expect(&[
        ("placed", 3),
        ("gmv", 35_000),
        ("commission", 3_500),
        ("completed", 2),
        ("cancelled", 1),
        ("voidedGmv", 5_000),
        ("voidedCommission", 500),
    ]);
    assert_eq!(
        by_month,
        vec![
            ("2025-03-01..2025-03-31".to_owned(), march.clone()),
            ("2025-04-01..2025-04-01".to_owned(), first_of_april.clone()),
        ]
    );
    let total = months["totals"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["flow"] == "order")
        .unwrap();
    assert_eq!(
        (total["placed"].as_i64(), total["netGmv"].as_i64()),
        (Some(3), Some(10_000))
    );
    // One flow asked for: only it, in every period.
    let one = flows(&app, &admin, &format!("{RANGE}&grain=month&flow=booking")).await;
    for p in one["periods"].as_array().unwrap() {
        assert_eq!(p["flows"].as_array().unwrap().len(), 1);
        assert_eq!(figures(&p["flows"][0]), quiet);
    }

    // Rebuilding again, or one day of it, changes nothing.
    app::stats::rebuild(&app.db, date!(2025 - 03 - 01), date!(2025 - 04 - 01))
        .await
        .unwrap();
    app::stats::rebuild(&app.db, date!(2025 - 03 - 02), date!(2025 - 03 - 02))
        .await
        .unwrap();
    assert_eq!(
        orders_by_period(&flows(&app, &admin, &format!("{RANGE}&grain=month")).await),
        by_month
    );

    // The tops: by net GMV, then by orders placed.
    let stores = top(&app, &admin, &format!("{RANGE}&kind=stores")).await;
    let ids: Vec<&str> = stores.iter().map(|s| s["id"].as_str().unwrap()).collect();
    assert_eq!(ids, [a.to_string(), b.to_string()]);
    assert_eq!(
        (
            stores[0]["placed"].as_i64(),
            stores[0]["completed"].as_i64(),
            stores[0]["cancelled"].as_i64(),
            stores[0]["gmv"].as_i64(),
            stores[0]["commission"].as_i64()
        ),
        (Some(2), Some(1), Some(1), Some(10_000), Some(1_000))
    );
    assert_eq!(
        (
            stores[1]["placed"].as_i64(),
            stores[1]["cancelled"].as_i64(),
            stores[1]["gmv"].as_i64()
        ),
        (Some(1), Some(1), Some(0))
    );
    let name: String = sqlx::query_scalar("SELECT name_en FROM stores WHERE id = $1")
        .bind(a)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(stores[0]["nameEn"], name);
    let last_day = top(&app, &admin, "from=2025-03-31&to=2025-03-31&kind=stores").await;
    assert_eq!(last_day.len(), 1);
    assert_eq!(last_day[0]["id"], b.to_string());
    assert_eq!(last_day[0]["gmv"], 20_000);
    let products = top(&app, &admin, "from=2025-03-01&to=2025-03-31&kind=products").await;
    let got: Vec<(String, i64, i64, i64)> = products
        .iter()
        .map(|p| {
            (
                p["id"].as_str().unwrap().to_owned(),
                p["placed"].as_i64().unwrap(),
                p["units"].as_i64().unwrap(),
                p["gmv"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            (pc.to_string(), 1, 1, 15_000),
            (pa.to_string(), 1, 2, 8_000),
            (pb.to_string(), 0, 0, 0),
        ]
    );
    let two = top(
        &app,
        &admin,
        "from=2025-03-01&to=2025-03-31&kind=products&limit=2",
    )
    .await;
    assert_eq!(two.len(), 2);
    assert!(
        top(&app, &admin, &format!("{RANGE}&kind=reps"))
            .await
            .is_empty()
    );
    assert!(
        top(&app, &admin, &format!("{RANGE}&kind=products&flow=booking"))
            .await
            .is_empty()
    );

    // The CSV: a byte-order mark, the header, the same figures, names in
    // the caller's language.
    let csv = |lang: &'static str| {
        let (app, admin) = (&app, &admin);
        async move {
            let r = app
                .client
                .get(format!(
                    "{}/api/v1/admin/stats/flows.csv?{RANGE}&grain=month",
                    app.base
                ))
                .bearer_auth(admin)
                .header("accept-language", lang)
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 200);
            assert!(
                r.headers()["content-type"]
                    .to_str()
                    .unwrap()
                    .starts_with("text/csv")
            );
            let disposition = r.headers()["content-disposition"]
                .to_str()
                .unwrap()
                .to_owned();
            assert!(disposition.starts_with("attachment;"), "{disposition}");
            r.text().await.unwrap()
        }
    };
    let en = csv("en").await;
    assert!(
        en.starts_with("\u{feff}period_start,period_end,flow,flow_name,placed,completed,cancelled,refunded,gmv_halalas,"),
        "{en}"
    );
    let lines: Vec<&str> = en.lines().collect();
    assert_eq!(lines.len(), 1 + 2 * 5, "{en}");
    assert!(
        lines.contains(
            &"2025-03-01,2025-03-31,order,\"Direct orders\",3,2,1,0,35000,3500,5000,500,30000,3000,0,0"
        ),
        "{en}"
    );
    assert!(
        lines.contains(
            &"2025-04-01,2025-04-01,order,\"Direct orders\",0,0,0,1,0,0,20000,2000,-20000,-2000,1,20000"
        ),
        "{en}"
    );
    let ar = csv("ar").await;
    assert!(
        ar.contains(",order,\"الطلبات المباشرة\",3,2,1,0,35000,"),
        "{ar}"
    );

    // The page, in both languages, with the CSV link and the tops.
    let cookie = web_session(&app, "admin", "qitaa_admin_session", "0500000000").await;
    let page = |lang: &'static str, path: String| {
        let (app, cookie) = (&app, &cookie);
        async move {
            let r = app
                .client
                .get(format!("{}{path}", app.base))
                .header("cookie", cookie)
                .header("accept-language", lang)
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), 200, "{path}");
            r.text()
                .await
                .unwrap()
                .replace(['\u{2068}', '\u{2069}'], "")
        }
    };
    let html = page("en", format!("/admin/stats?{RANGE}&grain=month")).await;
    assert!(html.contains("id=\"nav-stats\""), "in the sidebar");
    assert!(html.contains("id=\"total-order\""), "{html}");
    assert!(
        html.contains("SAR 350.00") && html.contains("SAR 100.00"),
        "{html}"
    );
    assert!(
        html.contains("/admin/stats/flows.csv?from=2025-03-01&#38;to=2025-04-01&#38;grain=month"),
        "{html}"
    );
    assert!(html.contains(&name), "the top store by name");
    let html = page("ar", format!("/admin/stats?{RANGE}&grain=week")).await;
    assert!(html.contains("dir=\"rtl\"") && html.contains("الإحصاءات"));
    let file = page("en", format!("/admin/stats/flows.csv?{RANGE}&grain=month")).await;
    assert_eq!(file, en);
}

#[tokio::test]
async fn bad_ranges_grains_flows_and_kinds_are_422_naming_them() {
    let app = TestApp::spawn().await;
    let admin = app.token_of(SUPER_ADMIN).await;
    for (path, named) in [
        (
            "/api/v1/admin/stats/flows?from=2025-04-02&to=2025-03-01",
            &["to"][..],
        ),
        (
            "/api/v1/admin/stats/flows?from=2023-01-01&to=2025-03-01",
            &["from", "to"][..],
        ),
        (
            "/api/v1/admin/stats/flows?from=2025-02-30&grain=year",
            &["from", "grain"][..],
        ),
        ("/api/v1/admin/stats/flows?flow=shop", &["flow"][..]),
        ("/api/v1/admin/stats/flows.csv?to=someday", &["to"][..]),
        (
            "/api/v1/admin/stats/top?kind=shops&limit=51",
            &["kind", "limit"][..],
        ),
        (
            "/api/v1/admin/stats/top?limit=0&flow=x",
            &["flow", "limit"][..],
        ),
    ] {
        let r = app
            .call(reqwest::Method::GET, path, Some(&admin), None, "en")
            .await;
        assert_eq!(r.status, 422, "{path}: {r:?}");
        assert_eq!(r.body["error"]["code"], "VALIDATION_FAILED", "{path}");
        let fields = r.body["error"]["fields"].as_object().unwrap();
        let mut got: Vec<&str> = fields.keys().map(String::as_str).collect();
        got.sort();
        assert_eq!(got, named, "{path}: {r:?}");
    }
    let r = app
        .call(
            reqwest::Method::GET,
            "/api/v1/admin/stats/flows?from=2023-01-01&to=2025-03-01",
            Some(&admin),
            None,
            "en",
        )
        .await;
    assert!(
        r.body["error"]["fields"]["from"][0]
            .as_str()
            .unwrap()
            .contains("731"),
        "{r:?}"
    );
    // The demo admin lacks finance.manage.
    let plain = app.token_of(crate::shop::ADMIN).await;
    let r = app.get("/api/v1/admin/stats/flows", Some(&plain)).await;
    assert_eq!(r.status, 403, "{r:?}");
}
