//! External parts in headless Chromium, in Arabic: the super admin imports
//! a merchant's catalog CSV from the merchant's page (the file streamed to
//! the importer) and sees its report, with the refused rows and why.

use std::time::Duration;

use fantoccini::Locator;
use fantoccini::error::CmdError;
use serde_json::json;

use crate::chromium::{browser, page_dir, sign_in, start_driver};
use crate::harness::TestApp;
use crate::shop::SUPER_ADMIN;

const WAIT: Duration = Duration::from_secs(20);

#[tokio::test]
async fn the_admin_imports_a_catalog_and_reads_its_report_in_arabic() {
    let app = TestApp::spawn().await;
    let admin = app.token_of(SUPER_ADMIN).await;
    let r = app
        .post(
            "/api/v1/admin/merchants",
            Some(&admin),
            json!({"nameAr": "مستودع الخليج للقطع", "nameEn": "Gulf Parts Depot", "crNumber": "4055555555",
                   "vatNumber": "310000000000003", "email": "orders@gulfparts.example", "commissionBp": 800, "leadTimeDays": 3}),
        )
        .await;
    assert_eq!(r.status, 201, "{r:?}");
    let merchant = r.body["data"]["id"].as_str().unwrap().to_owned();
    let mut csv = String::from(
        "sku,name_ar,name_en,price,stock,oem_numbers,category,make,model,year_from,year_to\n",
    );
    for i in 1..=20 {
        match i {
            4 => csv.push_str("GP-4,فلتر,Filter,مجاني,5,,,toyota,,,\n"),
            9 => csv.push_str("GP-9,فلتر,Filter,10.00,-3,,,toyota,,,\n"),
            _ => csv.push_str(&format!(
                "GP-{i},فلتر زيت {i},Oil filter {i},{i}.50,{i},04152-{i:05},,toyota,,,\n"
            )),
        }
    }
    let file = app.files.join("catalog.csv");
    std::fs::create_dir_all(&app.files).unwrap();
    std::fs::write(&file, csv).unwrap();

    let driver = start_driver().await;
    let c = browser(&driver).await;
    let result = async {
        sign_in(
            &c,
            &format!("{}/admin/sign-in?lang=ar", app.base),
            "0500000000",
        )
        .await?;
        c.find(Locator::Id("nav-merchants")).await?.click().await?;
        c.wait()
            .at_most(WAIT)
            .for_element(Locator::Css("#page-title"))
            .await?;
        c.goto(&format!("{}/admin/merchants/{merchant}", app.base))
            .await?;
        let input = c
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Id("import-file"))
            .await?;
        assert_eq!(page_dir(&c).await.0, "rtl");
        input.send_keys(file.to_str().unwrap()).await?;
        c.find(Locator::Id("import-submit")).await?.click().await?;
        c.wait()
            .at_most(WAIT)
            .for_element(Locator::Id("import-report"))
            .await?;
        assert_eq!(
            c.find(Locator::Id("report-rows"))
                .await?
                .text()
                .await?
                .trim(),
            "20"
        );
        assert_eq!(
            c.find(Locator::Id("report-created"))
                .await?
                .text()
                .await?
                .trim(),
            "18"
        );
        let rows = c
            .find_all(Locator::Css("#import-errors .import-error"))
            .await?;
        assert_eq!(rows.len(), 2);
        let first = rows[0].text().await?;
        assert!(
            first.contains('4') && first.contains("price"),
            "row 4, its price: {first}"
        );
        assert!(
            first
                .chars()
                .any(|ch| ('\u{0600}'..='\u{06FF}').contains(&ch)),
            "the reason in Arabic: {first}"
        );
        assert!(rows[1].text().await?.contains("stock"));
        Ok::<_, CmdError>(())
    }
    .await;
    let _ = c.close().await;
    if let Err(e) = result {
        panic!("admin import flow: {e}");
    }
    let n: i64 =
        sqlx::query_scalar("SELECT count(*) FROM external_parts WHERE merchant_id = $1::uuid")
            .bind(&merchant)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(n, 18);
}
