//! External parts: merchants' catalogs imported from CSV in one streamed
//! pass (100,000 rows; bad rows reported; malformed files leave nothing;
//! the same file again changes nothing), found by an Arabic query, ordered
//! by card through the sandbox, run through their pipeline by an admin,
//! settled into the merchant's payable, the merchant e-mailed in its
//! language through the SMTP adapter.

use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use reqwest::StatusCode;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::harness::TestApp;
use crate::shop::{CUSTOMER, SUPER_ADMIN, address, assert_ledger_sound, post_keyed};

const HEADER: &str =
    "sku,name_ar,name_en,price,stock,oem_numbers,category,make,model,year_from,year_to\n";

async fn merchant(app: &TestApp, admin: &str, locale: &str) -> Uuid {
    let r = app
        .post(
            "/api/v1/admin/merchants",
            Some(admin),
            json!({"nameAr": "مستودع الخليج للقطع", "nameEn": "Gulf Parts Depot", "crNumber": format!("40{:08}", Uuid::new_v4().as_u128() % 100_000_000),
                   "vatNumber": "310000000000003", "email": "orders@gulfparts.example", "locale": locale,
                   "commissionBp": 800, "leadTimeDays": 3, "cities": []}),
        )
        .await;
    assert_eq!(r.status, 201, "{r:?}");
    r.body["data"]["id"].as_str().unwrap().parse().unwrap()
}

/// Posts `chunks` as one streamed body (the client never holds the file).
async fn import(
    app: &TestApp,
    admin: &str,
    merchant: Uuid,
    chunks: Vec<Bytes>,
    lang: &str,
) -> (StatusCode, Value) {
    let stream = futures_util::stream::iter(chunks.into_iter().map(Ok::<_, std::io::Error>));
    let res = app
        .client
        .post(format!(
            "{}/api/v1/admin/merchants/{merchant}/imports?fileName=catalog.csv",
            app.base
        ))
        .bearer_auth(admin)
        .header("content-type", "text/csv")
        .header("accept-language", lang)
        .body(reqwest::Body::wrap_stream(stream))
        .send()
        .await
        .unwrap();
    let status = res.status();
    (status, res.json().await.unwrap())
}

fn row(i: usize) -> String {
    format!(
        "GP-{i:06},فلتر زيت رقم {i},Oil filter no {i},{}.{:02},{},04152-{i:05},,toyota,,,\n",
        20 + i % 300,
        i % 100,
        i % 50
    )
}

/// The file as chunks of about 64 KB.
fn chunked(rows: impl Iterator<Item = String>) -> Vec<Bytes> {
    let mut out = vec![Bytes::from_static(HEADER.as_bytes())];
    let mut buf = String::new();
    for r in rows {
        buf.push_str(&r);
        if buf.len() > 64 * 1024 {
            out.push(Bytes::from(std::mem::take(&mut buf)));
        }
    }
    out.push(Bytes::from(buf));
    out
}

async fn parts_of(app: &TestApp, merchant: Uuid) -> (i64, i64, Option<time::OffsetDateTime>) {
    sqlx::query_as("SELECT count(*), count(*) FILTER (WHERE available), max(updated_at) FROM external_parts WHERE merchant_id = $1")
        .bind(merchant)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_100000_row_catalog_imports_in_one_streamed_pass_and_importing_it_again_changes_nothing()
{
    let app = TestApp::spawn().await;
    let admin = app.token_of(SUPER_ADMIN).await;
    let m = merchant(&app, &admin, "ar").await;
    let (status, body) = import(&app, &admin, m, chunked((0..100_000).map(row)), "en").await;
    assert_eq!(status, 201, "{body}");
    let r = &body["data"];
    assert_eq!(
        (
            r["rowsTotal"].as_i64(),
            r["rowsFailed"].as_i64(),
            r["created"].as_i64()
        ),
        (Some(100_000), Some(0), Some(100_000)),
        "{r}"
    );
    let (n, available, stamp) = parts_of(&app, m).await;
    assert_eq!((n, available), (100_000, 100_000));
    let unindexed: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM external_parts WHERE merchant_id = $1 AND search_text = ''",
    )
    .bind(m)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(unindexed, 0, "every part is indexed for search");

    // The same file again: nothing created, updated or touched.
    let (status, body) = import(&app, &admin, m, chunked((0..100_000).map(row)), "en").await;
    assert_eq!(status, 201, "{body}");
    let r = &body["data"];
    assert_eq!(
        (
            r["created"].as_i64(),
            r["updated"].as_i64(),
            r["unchanged"].as_i64(),
            r["deactivated"].as_i64()
        ),
        (Some(0), Some(0), Some(100_000), Some(0)),
        "{r}"
    );
    assert_eq!(
        parts_of(&app, m).await,
        (100_000, 100_000, stamp),
        "no row was written"
    );

    // A file without its last 10 parts and one new price: those 10 become unavailable, none is deleted.
    let rows = (0..99_990).map(|i| {
        if i == 7 {
            row(7).replace(",27.07,", ",29.99,")
        } else {
            row(i)
        }
    });
    let (status, body) = import(&app, &admin, m, chunked(rows), "en").await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(
        (
            body["data"]["updated"].as_i64(),
            body["data"]["deactivated"].as_i64()
        ),
        (Some(1), Some(10)),
        "{body}"
    );
    let (n, available, _) = parts_of(&app, m).await;
    assert_eq!((n, available), (100_000, 99_990));
}

#[tokio::test]
async fn three_bad_rows_are_reported_with_reasons_and_a_malformed_file_leaves_nothing() {
    let app = TestApp::spawn().await;
    let admin = app.token_of(SUPER_ADMIN).await;
    let m = merchant(&app, &admin, "ar").await;
    let mut rows: Vec<String> = (1..=10).map(row).collect();
    rows[1] = "GP-BAD-2,فلتر,Filter,abc,5,,,toyota,,,\n".into(); // row 2: price
    rows[4] = "GP-BAD-5,فلتر,Filter,10.00,5,,,nomake,,,\n".into(); // row 5: make
    rows[7] = "GP-BAD-8,فلتر,Filter,10.00,5,,,hyundai,sonata,2019,2015\n".into(); // row 8: years
    let (status, body) = import(&app, &admin, m, chunked(rows.into_iter()), "ar").await;
    assert_eq!(status, 201, "{body}");
    let r = &body["data"];
    assert_eq!(
        (
            r["rowsTotal"].as_i64(),
            r["rowsFailed"].as_i64(),
            r["created"].as_i64()
        ),
        (Some(10), Some(3), Some(7)),
        "{r}"
    );
    let errors: Vec<(i64, String, String)> = r["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["row"].as_i64().unwrap(),
                e["field"].as_str().unwrap().to_owned(),
                e["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let cells: Vec<(i64, &str)> = errors.iter().map(|(n, f, _)| (*n, f.as_str())).collect();
    assert_eq!(
        cells,
        [(2, "price"), (5, "make"), (8, "year_to")],
        "{errors:?}"
    );
    assert!(
        errors
            .iter()
            .all(|(_, _, msg)| msg.chars().any(|c| ('\u{0600}'..='\u{06FF}').contains(&c))),
        "reasons in Arabic: {errors:?}"
    );

    let before = parts_of(&app, m).await;
    // A row with a column too many: the whole file is refused, nothing of it kept.
    let mut bad: Vec<String> = (100..150).map(row).collect();
    bad[30] = "GP-X,اسم,Name,10.00,1,,,,,,,extra\n".into();
    let (status, body) = import(&app, &admin, m, chunked(bad.into_iter()), "en").await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["error"]["code"], "IMPORT_MALFORMED");
    assert_eq!(parts_of(&app, m).await, before, "nothing half-imported");
    // A header that is not the template's is refused the same way.
    let wrong = vec![Bytes::from("code,name,price\nA,B,1\n")];
    let (status, body) = import(&app, &admin, m, wrong, "en").await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(parts_of(&app, m).await, before);
    let failed: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM external_imports WHERE merchant_id = $1 AND status = 'failed'",
    )
    .bind(m)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(failed, 2, "failed imports are on record");
}

#[tokio::test]
async fn an_external_part_is_found_in_arabic_paid_by_card_run_through_its_pipeline_settled_and_its_merchant_emailed()
 {
    let app = TestApp::spawn().await;
    let admin = app.token_of(SUPER_ADMIN).await;
    let customer = app.token_of(CUSTOMER).await;
    let m = merchant(&app, &admin, "en").await;
    let csv = format!(
        "{HEADER}HL-SON-L,الشمعة الأمامية اليسرى,Left headlight,420.00,4,92101-C1000,lights,hyundai,sonata,2015,2019\n"
    );
    let (status, body) = import(&app, &admin, m, vec![Bytes::from(csv)], "en").await;
    assert_eq!(status, 201, "{body}");

    // Spelled differently (no article, taa marbuta as haa), it is found and marked external.
    let r = app
        .get("/api/v1/external-parts?q=شمعه%20امامية", None)
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    let hit = &r.body["data"][0];
    assert_eq!(
        (
            hit["sku"].as_str(),
            hit["external"].as_bool(),
            hit["leadTimeDays"].as_i64()
        ),
        (Some("HL-SON-L"), Some(true), Some(3)),
        "{r:?}"
    );
    let by_oem = app.get("/api/v1/external-parts?q=92101c1000", None).await;
    assert_eq!(by_oem.body["data"][0]["sku"], "HL-SON-L", "{by_oem:?}");
    let part = hit["id"].as_str().unwrap().to_owned();

    let address = address(&app, &customer).await;
    let r = post_keyed(
        &app,
        "/api/v1/external-orders",
        &customer,
        "ext-1",
        json!({"partId": part, "quantity": 1, "addressId": address, "paymentMethod": "card"}),
    )
    .await;
    assert_eq!(r.status, 201, "{r:?}");
    let order = r.body["data"]["order"].clone();
    let id = order["id"].as_str().unwrap().to_owned();
    let total = order["total"].as_i64().unwrap();
    // The customer pays on the sandbox's hosted page.
    let url = r.body["data"]["paymentUrl"].as_str().unwrap().to_owned();
    let hop = app.client.get(&url).send().await.unwrap();
    let page = hop.headers()["location"].to_str().unwrap().to_owned();
    let paid = app.client.post(format!("{page}/pay")).send().await.unwrap();
    assert_eq!(paid.status(), StatusCode::SEE_OTHER);
    let r = app
        .get(&format!("/api/v1/external-orders/{id}"), Some(&customer))
        .await;
    assert!(r.body["data"]["paidAt"].is_string(), "{r:?}");

    // Steps out of order are refused; then the whole pipeline.
    let skip = app
        .post(
            &format!("/api/v1/admin/external-orders/{id}/status"),
            Some(&admin),
            json!({"status": "delivered"}),
        )
        .await;
    assert_eq!(skip.status, 409, "{skip:?}");
    for step in ["confirmed", "ordered", "shipped", "delivered"] {
        let r = app
            .post(
                &format!("/api/v1/admin/external-orders/{id}/status"),
                Some(&admin),
                json!({"status": step}),
            )
            .await;
        assert_eq!(r.status, 200, "{step}: {r:?}");
    }
    // Settled: the merchant is owed the total less the commission (8 %) and its VAT.
    let (commission, vat): (i64, i64) = sqlx::query_as(
        "SELECT commission, commission_vat FROM external_orders WHERE id = $1::uuid",
    )
    .bind(&id)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(commission, 42_000 * 8 / 100);
    let owed: i64 = sqlx::query_scalar(
        "SELECT -balance FROM ledger_accounts WHERE kind = 'merchant_payable' AND owner_id = $1",
    )
    .bind(m)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(owed, total - commission - vat);
    assert_ledger_sound(&app).await;
    // A payout cannot exceed what is owed; the whole of it can be paid.
    let r = post_keyed(
        &app,
        &format!("/api/v1/admin/merchants/{m}/payouts"),
        &admin,
        "mp-1",
        json!({"amount": owed + 1, "reference": "TRX-1"}),
    )
    .await;
    assert_eq!(r.status, 422, "{r:?}");
    let r = post_keyed(
        &app,
        &format!("/api/v1/admin/merchants/{m}/payouts"),
        &admin,
        "mp-2",
        json!({"amount": owed, "reference": "TRX-2"}),
    )
    .await;
    assert_eq!(r.status, 201, "{r:?}");
    assert_ledger_sound(&app).await;

    // The order e-mail went to the merchant in English, through the SMTP adapter.
    let fake = providers::email::fake_smtp::FakeSmtp::start().await;
    let mut state = app.state.clone();
    state.email = Arc::new(
        providers::email::SmtpEmail::new(fake.config("Qitaa <no-reply@qitaa.example>")).unwrap(),
    );
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    while fake.messages().is_empty() {
        assert!(tokio::time::Instant::now() < deadline, "no merchant e-mail");
        app::jobs::run_once(&state, "test").await.unwrap();
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    let mail = &fake.messages()[0];
    assert_eq!(mail.rcpt_to, ["orders@gulfparts.example"]);
    let text = mail.data_text();
    assert!(text.contains("HL-SON-L"), "{text}");
    assert!(
        mail.header("subject")
            .unwrap_or_default()
            .contains("New order"),
        "in English: {text}"
    );
}

#[tokio::test]
async fn an_unpaid_card_order_is_cancelled_after_the_payment_window_and_its_stock_returns() {
    let app = TestApp::spawn().await;
    let admin = app.token_of(SUPER_ADMIN).await;
    let customer = app.token_of(CUSTOMER).await;
    let m = merchant(&app, &admin, "ar").await;
    let csv = format!("{HEADER}OF-1,فلتر زيت,Oil filter,25.00,3,,,toyota,,,\n");
    let (status, body) = import(&app, &admin, m, vec![Bytes::from(csv)], "en").await;
    assert_eq!(status, 201, "{body}");
    let part: uuid::Uuid =
        sqlx::query_scalar("SELECT id FROM external_parts WHERE merchant_id = $1")
            .bind(m)
            .fetch_one(&app.db)
            .await
            .unwrap();
    let address = address(&app, &customer).await;
    let r = post_keyed(
        &app,
        "/api/v1/external-orders",
        &customer,
        "ext-unpaid",
        json!({"partId": part, "quantity": 2, "addressId": address, "paymentMethod": "card"}),
    )
    .await;
    assert_eq!(r.status, 201, "{r:?}");
    let id: uuid::Uuid = r.body["data"]["order"]["id"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    let stock = || async {
        sqlx::query_scalar::<_, i32>("SELECT stock FROM external_parts WHERE id = $1")
            .bind(part)
            .fetch_one(&app.db)
            .await
            .unwrap()
    };
    assert_eq!(stock().await, 1, "held while the customer pays");
    // Still inside the window: nothing happens.
    app::external::orders::expire_unpaid(&app.state)
        .await
        .unwrap();
    let s: String = sqlx::query_scalar("SELECT status FROM external_orders WHERE id = $1")
        .bind(id)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(s, "placed");
    sqlx::query(
        "UPDATE external_orders SET created_at = now() - interval '31 minutes' WHERE id = $1",
    )
    .bind(id)
    .execute(&app.db)
    .await
    .unwrap();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    loop {
        app::external::orders::expire_unpaid(&app.state)
            .await
            .unwrap();
        let s: String = sqlx::query_scalar("SELECT status FROM external_orders WHERE id = $1")
            .bind(id)
            .fetch_one(&app.db)
            .await
            .unwrap();
        if s == "cancelled" {
            break;
        }
        assert!(tokio::time::Instant::now() < deadline, "not cancelled: {s}");
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    assert_eq!(stock().await, 3, "stock back");
    let payment: String = sqlx::query_scalar("SELECT state FROM payments WHERE target_id = $1")
        .bind(id)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(payment, "cancelled");
    assert_ledger_sound(&app).await;
}
