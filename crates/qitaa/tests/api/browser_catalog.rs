//! The catalogue's main flows in headless Chromium: a supplier adds a
//! product with an image and a fitment row in the partner dashboard (in
//! Arabic), and an admin approves a product in the review queue, after
//! which customers find it.

use std::time::Duration;

use fantoccini::Locator;
use fantoccini::error::CmdError;
use serde_json::json;
use uuid::Uuid;

use crate::chromium::{browser, page_dir, sign_in, start_driver};
use crate::harness::TestApp;

const WAIT: Duration = Duration::from_secs(15);

async fn id_of(app: &TestApp, sql: &str) -> Uuid {
    sqlx::query_scalar(sql).fetch_one(&app.db).await.unwrap()
}

async fn toyota_camry(app: &TestApp) -> (Uuid, Uuid) {
    let toyota = id_of(
        app,
        "SELECT id FROM car_makes WHERE name_en = 'Toyota' AND deleted_at IS NULL",
    )
    .await;
    let camry: Uuid = sqlx::query_scalar(
        "SELECT id FROM car_models WHERE make_id = $1 AND name_en = 'Camry' AND deleted_at IS NULL",
    )
    .bind(toyota)
    .fetch_one(&app.db)
    .await
    .unwrap();
    (toyota, camry)
}

/// A small PNG on disk for the file input.
fn png_file() -> std::path::PathBuf {
    let img = image::RgbImage::from_fn(48, 32, |x, y| {
        image::Rgb([
            (x * 5) as u8,
            (y * 7) as u8,
            if (x + y) % 2 == 0 { 200 } else { 40 },
        ])
    });
    let path = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join(format!("wiper-{}.png", Uuid::new_v4().simple()));
    img.save_with_format(&path, image::ImageFormat::Png)
        .expect("the test image is written");
    path
}

#[tokio::test]
async fn supplier_adds_a_product_with_an_image_and_a_fitment_in_arabic() {
    let app = TestApp::spawn().await;
    let riyadh = id_of(
        &app,
        "SELECT id FROM stores WHERE name_en = 'Riyadh Branch'",
    )
    .await;
    let (toyota, camry) = toyota_camry(&app).await;
    let image = png_file();
    let driver = start_driver().await;
    let c = browser(&driver).await;
    let result = async {
        sign_in(&c, &format!("{}/partner/sign-in?lang=ar", app.base), "0500000002").await?;
        assert_eq!(page_dir(&c).await, ("rtl".into(), "ar".into(), "rtl".into()));
        // The supplier opens on the home; the stores are one click away.
        assert!(c.current_url().await?.path().ends_with("/partner"));
        c.find(Locator::Id("nav-stores")).await?.click().await?;
        c.wait()
            .at_most(std::time::Duration::from_secs(10))
            .for_element(Locator::Css("#nav-stores[aria-current=page]"))
            .await?;
        assert_eq!(c.find(Locator::Id("page-title")).await?.text().await?, "المتاجر");

        // The Riyadh store's products, then the form.
        c.find(Locator::Css(&format!("#store-{riyadh} .products-link")))
            .await?
            .click()
            .await?;
        c.wait().at_most(WAIT).for_element(Locator::Id("new-product")).await?.click().await?;
        let form = c.wait().at_most(WAIT).for_element(Locator::Id("product-form")).await?;
        for (id, text) in [
            ("nameAr", "مساحات زجاج أمامية إيرو"),
            ("nameEn", "Aero front wiper blades"),
            ("brand", "Bosch"),
            ("oemNumbers", "3397007297, 85222-06050"),
            ("price", "45.50"),
            ("stock", "7"),
        ] {
            form.find(Locator::Id(id)).await?.send_keys(text).await?;
        }
        form.find(Locator::Id("images-input"))
            .await?
            .send_keys(image.to_str().unwrap())
            .await?;

        // Rows are added through htmx and removed in place.
        c.find(Locator::Id("add-fitment")).await?.click().await?;
        let second = c
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css("#fitment-rows .fit-row:nth-child(2)"))
            .await?;
        second.find(Locator::Css(".remove-fit")).await?.click().await?;
        c.wait()
            .at_most(WAIT)
            .for_element(Locator::Css("#fitment-rows .fit-row:only-child"))
            .await?;

        // Fitment: the make loads its models through htmx.
        form.find(Locator::Css(".fit-row .fit-make"))
            .await?
            .select_by_value(&toyota.to_string())
            .await?;
        let camry_option = format!(".fit-row .fit-model option[value='{camry}']");
        c.wait().at_most(WAIT).for_element(Locator::Css(&camry_option)).await?;
        form.find(Locator::Css(".fit-row .fit-model"))
            .await?
            .select_by_value(&camry.to_string())
            .await?;
        form.find(Locator::Css(".fit-row .fit-from")).await?.send_keys("2018").await?;
        form.find(Locator::Css(".fit-row .fit-to")).await?.send_keys("2024").await?;
        form.find(Locator::Id("submit-product")).await?.click().await?;

        // Back on the list, waiting for approval.
        c.wait().at_most(WAIT).for_element(Locator::Id("products")).await?;
        let product: Uuid = sqlx::query_scalar(
            "SELECT id FROM products WHERE name_en = 'Aero front wiper blades' AND deleted_at IS NULL",
        )
        .fetch_one(&app.db)
        .await
        .expect("the product was created");
        let row = c
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(&format!("#product-{product}")))
            .await?;
        assert!(row.text().await?.contains("مساحات زجاج أمامية إيرو"));
        let badge = row.find(Locator::Css(".badge.pending_approval")).await?;
        assert_eq!(badge.text().await?, "بانتظار الموافقة");
        assert!(row.text().await?.contains("45.50 ر.س"));
        row.find(Locator::Css("img.thumb")).await?;
        Ok::<_, CmdError>(product)
    }
    .await;
    let _ = c.close().await;
    let _ = std::fs::remove_file(&image);
    let product = result.unwrap();

    let (price, stock, status, oem): (i64, i32, String, Vec<String>) =
        sqlx::query_as("SELECT price, stock, status, oem_numbers FROM products WHERE id = $1")
            .bind(product)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(
        (price, stock, status.as_str()),
        (4550, 7, "pending_approval")
    );
    assert_eq!(oem, ["3397007297", "85222-06050"]);
    let images: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM product_images WHERE product_id = $1 AND deleted_at IS NULL",
    )
    .bind(product)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(images, 1);
    let fit: (Uuid, Option<Uuid>, Option<i32>, Option<i32>) = sqlx::query_as(
        "SELECT make_id, model_id, year_from, year_to FROM product_fitments WHERE product_id = $1",
    )
    .bind(product)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(fit, (toyota, Some(camry), Some(2018), Some(2024)));
}

#[tokio::test]
async fn admin_approves_a_product_which_customers_then_find() {
    let app = TestApp::spawn().await;
    let riyadh = id_of(
        &app,
        "SELECT id FROM stores WHERE name_en = 'Riyadh Branch'",
    )
    .await;
    let (toyota, camry) = toyota_camry(&app).await;
    // What the partner flow creates: a product waiting for approval.
    let supplier = app.token_of("0500000002").await;
    let r = app
        .post(
            &format!("/api/v1/partner/stores/{riyadh}/products"),
            Some(&supplier),
            json!({
                "nameAr": "مساحات زجاج أمامية إيرو",
                "nameEn": "Aero front wiper blades",
                "condition": "new",
                "price": 4550,
                "stock": 7,
                "fitment": [{"makeId": toyota, "modelId": camry, "yearFrom": 2018, "yearTo": 2024}],
            }),
        )
        .await;
    assert_eq!(r.status, 201, "{r:?}");
    let product = r.body["data"]["id"].as_str().unwrap().to_owned();
    let search = "/api/v1/products?q=Aero%20wiper";
    let found = |body: &serde_json::Value| {
        body["data"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["id"] == product.as_str())
    };
    assert!(
        !found(&app.get(search, None).await.body),
        "not before approval"
    );

    let driver = start_driver().await;
    let c = browser(&driver).await;
    let result = async {
        sign_in(
            &c,
            &format!("{}/admin/sign-in?lang=ar", app.base),
            "0500000000",
        )
        .await?;
        c.find(Locator::Id("nav-products")).await?.click().await?;
        let row = c
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(&format!("#product-{product}")))
            .await?;
        assert_eq!(page_dir(&c).await.0, "rtl");
        assert!(row.text().await?.contains("45.50 ر.س"));
        assert!(row.text().await?.contains("فرع الرياض"));
        row.find(Locator::Css("button.approve"))
            .await?
            .click()
            .await?;
        let badge = c
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(&format!("#product-{product} .badge.active")))
            .await?;
        assert_eq!(badge.text().await?, "نشط");
        Ok::<_, CmdError>(())
    }
    .await;
    let _ = c.close().await;
    result.unwrap();

    let status: String = sqlx::query_scalar("SELECT status FROM products WHERE id = $1::uuid")
        .bind(&product)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(status, "active");
    let r = app.get(search, None).await;
    assert_eq!(r.status, 200, "{r:?}");
    assert!(found(&r.body), "found once approved: {r:?}");
}
