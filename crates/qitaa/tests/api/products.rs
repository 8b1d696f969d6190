//! Products: Arabic-aware search, the product page, the approval lifecycle
//! and store-scoped access.

use reqwest::Method;
use serde_json::{Value, json};

use crate::harness::TestApp;

const SUPER_ADMIN: &str = "+966500000000";
const CUSTOMER: &str = "+966500000001";
const SUPPLIER: &str = "+966500000002";
const EMPLOYEE: &str = "+966500000003";
const ADMIN: &str = "+966500000005";

async fn store_id(app: &TestApp, name_en: &str) -> uuid::Uuid {
    sqlx::query_scalar("SELECT id FROM stores WHERE name_en = $1")
        .bind(name_en)
        .fetch_one(&app.db)
        .await
        .expect("demo store")
}

async fn make_id(app: &TestApp, name_en: &str) -> uuid::Uuid {
    sqlx::query_scalar("SELECT id FROM car_makes WHERE name_en = $1")
        .bind(name_en)
        .fetch_one(&app.db)
        .await
        .expect("seeded make")
}

fn names(r: &Value) -> Vec<String> {
    r["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["nameEn"].as_str().unwrap().to_owned())
        .collect()
}

async fn search(app: &TestApp, query: &str) -> Value {
    let r = app.get(&format!("/api/v1/products?{query}"), None).await;
    assert_eq!(r.status, 200, "{query}: {r:?}");
    r.body
}

fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[tokio::test]
async fn arabic_search_meets_spelling_variants_and_filters_narrow_by_fitment() {
    let app = TestApp::spawn().await;
    let r = search(&app, &format!("q={}", enc("فلتر زيت"))).await;
    let found = names(&r);
    assert!(
        found.contains(&"Oil filter - Toyota Camry".to_owned()),
        "diacritics and ى/ي: {found:?}"
    );
    assert!(
        found.contains(&"Oil filter - Kia Cerato (used)".to_owned()),
        "{found:?}"
    );
    assert!(!found.iter().any(|n| n.contains("brake")), "{found:?}");
    assert_eq!(r["meta"]["total"], found.len());
    let facets = &r["meta"]["facets"];
    assert!(
        facets["categories"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["nameEn"] == "Oil filters"),
        "{facets}"
    );
    assert!(
        facets["conditions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["value"] == "used" && c["count"] == 1)
    );
    assert!(
        facets["makes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["nameEn"] == "Toyota")
    );

    let r = search(&app, &format!("q={}", enc("فلتر زيت تويوتا كامري"))).await;
    assert_eq!(names(&r), ["Oil filter - Toyota Camry"]);

    let toyota = make_id(&app, "Toyota").await;
    let r = search(&app, &format!("q={}&make={toyota}", enc("فلتر زيت"))).await;
    assert_eq!(names(&r), ["Oil filter - Toyota Camry"]);
    let r = search(&app, &format!("make={toyota}&year=2009")).await;
    let found = names(&r);
    assert!(
        found.contains(&"Battery 70Ah - Land Cruiser".to_owned()),
        "{found:?}"
    );
    assert!(
        !found.contains(&"Oil filter - Toyota Camry".to_owned()),
        "Camry fits from 2012: {found:?}"
    );
    let camry: uuid::Uuid = sqlx::query_scalar("SELECT id FROM car_models WHERE name_en = 'Camry'")
        .fetch_one(&app.db)
        .await
        .unwrap();
    let r = search(&app, &format!("model={camry}")).await;
    let found = names(&r);
    assert!(found.contains(&"Oil filter - Toyota Camry".to_owned()));
    assert!(
        found.contains(&"Iridium spark plugs - Toyota".to_owned()),
        "a make-wide fitment fits its models"
    );
    assert!(!found.contains(&"Battery 70Ah - Land Cruiser".to_owned()));
    let r = search(&app, "condition=used").await;
    assert_eq!(names(&r), ["Oil filter - Kia Cerato (used)"]);
    let r = search(&app, "minPrice=10000&maxPrice=35000&sort=price").await;
    assert_eq!(
        names(&r),
        [
            "Iridium spark plugs - Toyota",
            "Front brake pads - Nissan Patrol"
        ]
    );
}

#[tokio::test]
async fn oem_numbers_english_stems_and_typos() {
    let app = TestApp::spawn().await;
    for q in ["04152-YZZA1", "04152YZZA1", "04152 yzza1"] {
        let r = search(&app, &format!("q={}", enc(q))).await;
        assert_eq!(names(&r), ["Oil filter - Toyota Camry"], "{q}");
    }
    let r = search(&app, "q=filters").await;
    assert_eq!(r["meta"]["total"], 3, "{}", r);
    let r = search(&app, &format!("q={}", enc("فلتر زيت تويتا"))).await;
    assert_eq!(r["meta"]["fuzzy"], true);
    assert!(
        names(&r).contains(&"Oil filter - Toyota Camry".to_owned()),
        "{r}"
    );
    let r = app
        .get(
            "/api/v1/products?make=no-such-make&sort=sideways&perPage=500",
            None,
        )
        .await;
    assert_eq!(r.status, 422);
    for f in ["make", "sort", "perPage"] {
        assert!(r.body["error"]["fields"][f].is_array(), "{f}: {r:?}");
    }
}

#[tokio::test]
async fn product_page_is_bilingual_with_price_fitment_and_store() {
    let app = TestApp::spawn().await;
    let r = search(&app, &format!("q={}", enc("04152-YZZA1"))).await;
    let id = r["data"][0]["id"].as_str().unwrap();
    assert_eq!(r["data"][0]["currency"], "SAR");
    let p = app.get(&format!("/api/v1/products/{id}"), None).await;
    assert_eq!(p.status, 200, "{p:?}");
    let d = &p.body["data"];
    assert_eq!(d["nameAr"], "فِلْتَر الزّيت - تويوتا كامرى");
    assert_eq!(d["nameEn"], "Oil filter - Toyota Camry");
    assert_eq!(d["price"], 4500);
    assert_eq!(d["currency"], "SAR");
    assert_eq!(d["oemNumbers"], json!(["04152-YZZA1"]));
    assert_eq!(d["fitment"][0]["make"]["nameEn"], "Toyota");
    assert_eq!(d["fitment"][0]["model"]["nameEn"], "Camry");
    assert_eq!(d["fitment"][0]["yearFrom"], 2012);
    assert_eq!(d["store"]["nameEn"], "Riyadh Branch");
    assert!(d["images"].is_array());
    assert!(d["category"]["nameAr"].is_string());
    assert_eq!(
        app.get("/api/v1/products/not-a-uuid", None).await.status,
        404
    );
    assert_eq!(
        app.get(&format!("/api/v1/products/{}", uuid::Uuid::now_v7()), None)
            .await
            .status,
        404
    );
}

fn new_product(toyota: uuid::Uuid) -> Value {
    json!({
        "nameAr": "رديتر تبريد - تويوتا هايلكس",
        "nameEn": "Radiator - Toyota Hilux",
        "descriptionAr": "رديتر ألمنيوم",
        "descriptionEn": "Aluminium radiator",
        "condition": "new",
        "brand": "Koyo",
        "oemNumbers": ["16400-0L160"],
        "price": 85000,
        "stock": 4,
        "variants": [{"nameAr": "صف واحد", "nameEn": "Single row", "price": 85000, "stock": 2},
                     {"nameAr": "صفّان", "nameEn": "Double row", "price": 99000, "stock": 2}],
        "fitment": [{"makeId": toyota, "yearFrom": 2005}]
    })
}

#[tokio::test]
async fn a_new_product_waits_for_approval_before_customers_find_it() {
    let app = TestApp::spawn().await;
    let riyadh = store_id(&app, "Riyadh Branch").await;
    let toyota = make_id(&app, "Toyota").await;
    let supplier = app.token_of(SUPPLIER).await;
    let r = app
        .post(
            &format!("/api/v1/partner/stores/{riyadh}/products"),
            Some(&supplier),
            new_product(toyota),
        )
        .await;
    assert_eq!(r.status, 201, "{r:?}");
    assert_eq!(r.body["data"]["status"], "pending_approval");
    assert_eq!(r.body["data"]["variants"].as_array().unwrap().len(), 2);
    let id = r.body["data"]["id"].as_str().unwrap().to_owned();
    let keys: Vec<String> =
        sqlx::query_scalar("SELECT fitment_keys FROM products WHERE id = $1::uuid")
            .bind(&id)
            .fetch_one(&app.db)
            .await
            .unwrap();
    for key in [
        format!("mk:{toyota}"),
        format!("mw:{toyota}:2005"),
        format!("mk:{toyota}:2020"),
    ] {
        assert!(keys.contains(&key), "{key} in {keys:?}");
    }
    assert!(
        !keys.contains(&format!("mk:{toyota}:2004")),
        "the range starts in 2005"
    );

    let q = format!("q={}", enc("رديتر"));
    assert_eq!(
        search(&app, &q).await["meta"]["total"],
        0,
        "not before approval"
    );
    assert_eq!(
        app.get(&format!("/api/v1/products/{id}"), None)
            .await
            .status,
        404
    );

    // The demo ADMIN lacks products.approve; the queue is the super admin's.
    let admin = app.token_of(ADMIN).await;
    assert_eq!(
        app.post(
            &format!("/api/v1/admin/products/{id}/approve"),
            Some(&admin),
            json!({})
        )
        .await
        .status,
        403
    );
    let root = app.token_of(SUPER_ADMIN).await;
    let queue = app.get("/api/v1/admin/products", Some(&root)).await;
    assert_eq!(queue.status, 200, "{queue:?}");
    assert!(
        queue.body["data"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["id"] == id.as_str())
    );
    let r = app
        .post(
            &format!("/api/v1/admin/products/{id}/approve"),
            Some(&root),
            json!({}),
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["data"]["status"], "active");
    assert_eq!(
        app.post(
            &format!("/api/v1/admin/products/{id}/approve"),
            Some(&root),
            json!({})
        )
        .await
        .status,
        409
    );

    let found = search(&app, &q).await;
    assert_eq!(names(&found), ["Radiator - Toyota Hilux"]);
    let customer = app.token_of(CUSTOMER).await;
    assert_eq!(
        app.get(&format!("/api/v1/products/{id}"), Some(&customer))
            .await
            .status,
        200
    );

    // Price and stock edits keep it live; content edits send it back.
    let url = format!("/api/v1/partner/stores/{riyadh}/products/{id}");
    let r = app
        .call(
            Method::PATCH,
            &url,
            Some(&supplier),
            Some(json!({"price": 80000, "stock": 9})),
            "en",
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["data"]["status"], "active");
    assert_eq!(
        app.get(&format!("/api/v1/products/{id}"), None).await.body["data"]["price"],
        80000
    );
    let r = app
        .call(
            Method::PATCH,
            &url,
            Some(&supplier),
            Some(json!({"nameEn": "Radiator (new) - Toyota Hilux"})),
            "en",
        )
        .await;
    assert_eq!(r.body["data"]["status"], "pending_approval");
    assert_eq!(
        app.get(&format!("/api/v1/products/{id}"), None)
            .await
            .status,
        404
    );

    let r = app
        .post(
            &format!("/api/v1/admin/products/{id}/reject"),
            Some(&root),
            json!({"reason": "صور غير واضحة"}),
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    let mine = app.get(&url, Some(&supplier)).await;
    assert_eq!(mine.body["data"]["status"], "rejected");
    assert_eq!(mine.body["data"]["rejectionReason"], "صور غير واضحة");
    let r = app
        .post(&format!("{url}/submit"), Some(&supplier), json!({}))
        .await;
    assert_eq!(r.body["data"]["status"], "pending_approval", "{r:?}");
}

#[tokio::test]
async fn an_employee_with_products_view_only_can_look_but_not_write_and_never_sees_other_stores() {
    let app = TestApp::spawn().await;
    let riyadh = store_id(&app, "Riyadh Branch").await;
    let jeddah = store_id(&app, "Jeddah Branch").await;
    let toyota = make_id(&app, "Toyota").await;
    let employee = app.token_of(EMPLOYEE).await;
    let r = app
        .get(
            &format!("/api/v1/partner/stores/{riyadh}/products"),
            Some(&employee),
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["meta"]["total"], 3);
    let r = app
        .post(
            &format!("/api/v1/partner/stores/{riyadh}/products"),
            Some(&employee),
            new_product(toyota),
        )
        .await;
    assert_eq!(r.status, 403, "{r:?}");
    let r = app
        .get(
            &format!("/api/v1/partner/stores/{jeddah}/products"),
            Some(&employee),
        )
        .await;
    assert_eq!(r.status, 404, "{r:?}");
    let jeddah_product: uuid::Uuid =
        sqlx::query_scalar("SELECT id FROM products WHERE store_id = $1 LIMIT 1")
            .bind(jeddah)
            .fetch_one(&app.db)
            .await
            .unwrap();
    // Not even through the Riyadh store's path.
    let r = app
        .get(
            &format!("/api/v1/partner/stores/{riyadh}/products/{jeddah_product}"),
            Some(&employee),
        )
        .await;
    assert_eq!(r.status, 404);
    let customer = app.token_of(CUSTOMER).await;
    let r = app
        .get(
            &format!("/api/v1/partner/stores/{riyadh}/products"),
            Some(&customer),
        )
        .await;
    assert_eq!(r.status, 404);
}

#[tokio::test]
async fn invalid_products_name_every_failing_field() {
    let app = TestApp::spawn().await;
    let riyadh = store_id(&app, "Riyadh Branch").await;
    let supplier = app.token_of(SUPPLIER).await;
    let r = app
        .call(
            Method::POST,
            &format!("/api/v1/partner/stores/{riyadh}/products"),
            Some(&supplier),
            Some(json!({"nameAr": "", "nameEn": "x", "condition": "new", "price": -5, "stock": -1,
                        "variants": [{"nameAr": "", "nameEn": "v", "price": 1}],
                        "fitment": [{"makeId": uuid::Uuid::now_v7(), "yearFrom": 2020, "yearTo": 2010}]})),
            "ar",
        )
        .await;
    assert_eq!(r.status, 422, "{r:?}");
    let fields = &r.body["error"]["fields"];
    for f in [
        "nameAr",
        "price",
        "stock",
        "variants[0].nameAr",
        "fitment[0].yearTo",
    ] {
        assert!(fields[f].is_array(), "{f}: {r:?}");
    }
    assert!(fields["nameAr"][0].as_str().unwrap().contains("مطلوب"));
    // References are checked once the shape is right.
    let r = app
        .post(
            &format!("/api/v1/partner/stores/{riyadh}/products"),
            Some(&supplier),
            json!({"nameAr": "س", "nameEn": "x", "condition": "new", "price": 5,
                   "fitment": [{"makeId": uuid::Uuid::now_v7()}], "categoryId": uuid::Uuid::now_v7(),
                   "imageIds": [uuid::Uuid::now_v7()]}),
        )
        .await;
    assert_eq!(r.status, 422, "{r:?}");
    for f in ["fitment[0]", "categoryId", "imageIds"] {
        assert!(r.body["error"]["fields"][f].is_array(), "{f}: {r:?}");
    }
    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM products WHERE name_en = 'x'")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(count, 0, "nothing half-written");
}

#[tokio::test]
async fn broad_searches_read_a_bounded_window_and_keep_price_order_exact() {
    let app = TestApp::spawn().await;
    let riyadh = store_id(&app, "Riyadh Branch").await;
    // More matches than the search window, with prices in a scattered order.
    sqlx::query(
        "INSERT INTO products (id, store_id, name_ar, name_en, condition, price, stock, status, search_text) \
         SELECT gen_random_uuid(), $1, 'قطعة ' || g, 'Widget ' || g, 'new', 1000 + (g * 7919) % 100000, 1, 'active', \
                'قطعه widget ' || g FROM generate_series(1, 1100) g",
    )
    .bind(riyadh)
    .execute(&app.db)
    .await
    .unwrap();
    let (min, max): (i64, i64) =
        sqlx::query_as("SELECT min(price), max(price) FROM products WHERE name_en LIKE 'Widget %'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    let r = search(&app, "q=widget&sort=price").await;
    assert_eq!(r["data"][0]["price"], min, "the cheapest match comes first");
    assert_eq!(r["meta"]["totalExact"], false);
    assert_eq!(r["meta"]["total"], app::products::search::WINDOW);
    let r = search(&app, "q=widget&sort=-price").await;
    assert_eq!(r["data"][0]["price"], max);
    // A narrow search counts exactly.
    let r = search(&app, "q=widget%20777").await;
    assert_eq!(r["meta"]["totalExact"], true);
    assert_eq!(r["meta"]["total"], 1);
}
