//! Car taxonomy and part categories: the seeded reference data, the public
//! reads and the admin changes under `catalog.manage`.

use reqwest::Method;
use serde_json::{Value, json};

use crate::harness::{Reply, TestApp};

const SUPER_ADMIN: &str = "+966500000000";
const CUSTOMER: &str = "+966500000001";
const ADMIN: &str = "+966500000005";

async fn patch(app: &TestApp, path: &str, token: &str, body: Value) -> Reply {
    app.call(Method::PATCH, path, Some(token), Some(body), "en")
        .await
}

async fn delete(app: &TestApp, path: &str, token: &str) -> Reply {
    app.call(Method::DELETE, path, Some(token), None, "en")
        .await
}

/// The element of a `data` array with this slug.
fn by_slug<'a>(r: &'a Reply, slug: &str) -> &'a Value {
    r.body["data"]
        .as_array()
        .unwrap_or_else(|| panic!("a list: {r:?}"))
        .iter()
        .find(|v| v["slug"] == slug)
        .unwrap_or_else(|| panic!("{slug} in {r:?}"))
}

fn slugs(v: &Value) -> Vec<&str> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x["slug"].as_str().unwrap())
        .collect()
}

async fn make_id(app: &TestApp, slug: &str) -> String {
    let r = app.get("/api/v1/car-makes", None).await;
    by_slug(&r, slug)["id"].as_str().unwrap().to_owned()
}

async fn category_id(app: &TestApp, slug: &str) -> String {
    sqlx::query_scalar::<_, uuid::Uuid>(
        "SELECT id FROM categories WHERE slug = $1 AND deleted_at IS NULL",
    )
    .bind(slug)
    .fetch_one(&app.db)
    .await
    .unwrap()
    .to_string()
}

async fn counts(app: &TestApp) -> Vec<i64> {
    let mut out = Vec::new();
    for t in ["body_types", "car_makes", "car_models", "categories"] {
        out.push(
            sqlx::query_scalar(&format!("SELECT count(*) FROM {t}"))
                .fetch_one(&app.db)
                .await
                .unwrap(),
        );
    }
    out
}

#[tokio::test]
async fn the_seed_is_there_and_public_reads_need_no_token() {
    let app = TestApp::spawn().await;
    let makes = app.get("/api/v1/car-makes", None).await;
    assert_eq!(makes.status, 200, "{makes:?}");
    assert_eq!(makes.body["data"][0]["slug"], "toyota", "by sortOrder");
    let toyota = by_slug(&makes, "toyota");
    assert_eq!(toyota["nameAr"], "تويوتا");
    assert_eq!(toyota["nameEn"], "Toyota");
    for slug in [
        "hyundai",
        "nissan",
        "kia",
        "gmc",
        "lexus",
        "isuzu",
        "mercedes-benz",
        "bmw",
    ] {
        by_slug(&makes, slug);
    }

    let toyota_id = toyota["id"].as_str().unwrap();
    let models = app
        .get(&format!("/api/v1/car-makes/{toyota_id}/models"), None)
        .await;
    assert_eq!(models.status, 200, "{models:?}");
    let camry = by_slug(&models, "toyota-camry");
    assert_eq!(camry["nameAr"], "كامري");
    assert_eq!(camry["nameEn"], "Camry");
    assert_eq!(camry["makeId"], toyota_id);
    assert_eq!(camry["yearFrom"], 1982);
    assert_eq!(camry["yearTo"], Value::Null, "still sold");
    assert_eq!(camry["bodyType"]["slug"], "sedan");
    assert_eq!(camry["bodyType"]["nameAr"], "سيدان");
    assert_eq!(
        by_slug(&models, "toyota-hilux")["bodyType"]["slug"],
        "pickup"
    );
    assert_eq!(by_slug(&models, "toyota-avalon")["yearTo"], 2022);
    assert_eq!(models.body["data"].as_array().unwrap().len(), 10);

    let bodies = app.get("/api/v1/body-types", None).await;
    assert_eq!(bodies.status, 200);
    assert_eq!(by_slug(&bodies, "suv")["nameEn"], "SUV");
    assert_eq!(bodies.body["data"].as_array().unwrap().len(), 8);

    let tree = app.get("/api/v1/categories", None).await;
    assert_eq!(tree.status, 200, "{tree:?}");
    assert_eq!(tree.body["data"][0]["slug"], "engine", "by sortOrder");
    let engine = by_slug(&tree, "engine");
    assert_eq!(engine["nameAr"], "المحرك");
    assert_eq!(engine["parentId"], Value::Null);
    let children = &engine["children"];
    assert_eq!(
        &slugs(children)[..4],
        ["oil-filters", "air-filters", "fuel-filters", "spark-plugs"]
    );
    assert_eq!(children[0]["nameAr"], "فلاتر الزيت");
    assert_eq!(children[0]["parentId"], engine["id"]);
    assert_eq!(children[0]["children"], json!([]));
    let brakes = by_slug(&tree, "brakes");
    assert!(slugs(&brakes["children"]).contains(&"brake-pads"));
    assert!(
        !slugs(&tree.body["data"]).contains(&"oil-filters"),
        "only roots at the top"
    );

    let one = app
        .get(
            &format!("/api/v1/categories/{}", engine["id"].as_str().unwrap()),
            None,
        )
        .await;
    assert_eq!(one.status, 200, "{one:?}");
    assert_eq!(one.body["data"]["slug"], "engine");
    assert_eq!(one.body["data"]["children"], *children);

    for path in [
        "/api/v1/categories/not-a-uuid".to_owned(),
        format!("/api/v1/categories/{}", uuid::Uuid::now_v7()),
        "/api/v1/car-makes/not-a-uuid/models".to_owned(),
        format!("/api/v1/car-makes/{}/models", uuid::Uuid::now_v7()),
    ] {
        let r = app.get(&path, None).await;
        assert_eq!(r.status, 404, "{path}: {r:?}");
        assert_eq!(r.body["error"]["code"], "NOT_FOUND");
    }
}

#[tokio::test]
async fn the_seed_is_idempotent_and_leaves_admin_changes_alone() {
    let app = TestApp::spawn().await;
    let before = counts(&app).await;
    assert!(before[2] >= 90, "models: {before:?}");
    app::seed::reference(&app.db).await.unwrap();
    assert_eq!(counts(&app).await, before, "nothing inserted twice");

    let root = app.token_of(SUPER_ADMIN).await;
    let toyota = make_id(&app, "toyota").await;
    let corolla: String = sqlx::query_scalar(
        "SELECT id::text FROM car_models WHERE slug = 'toyota-corolla' AND deleted_at IS NULL",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    let r = delete(&app, &format!("/api/v1/admin/car-models/{corolla}"), &root).await;
    assert_eq!(r.status, 200, "{r:?}");
    let r = patch(
        &app,
        &format!("/api/v1/admin/car-makes/{toyota}"),
        &root,
        json!({"nameEn": "Toyota Motor"}),
    )
    .await;
    assert_eq!(r.status, 200, "{r:?}");
    let belts = category_id(&app, "belts").await;
    assert_eq!(
        delete(&app, &format!("/api/v1/admin/categories/{belts}"), &root)
            .await
            .status,
        200
    );

    app::seed::reference(&app.db).await.unwrap();
    let models = app
        .get(&format!("/api/v1/car-makes/{toyota}/models"), None)
        .await;
    assert!(!slugs(&models.body["data"]).contains(&"toyota-corolla"));
    let makes = app.get("/api/v1/car-makes", None).await;
    assert_eq!(by_slug(&makes, "toyota")["nameEn"], "Toyota Motor");
    let tree = app.get("/api/v1/categories", None).await;
    assert!(!slugs(&by_slug(&tree, "engine")["children"]).contains(&"belts"));
}

#[tokio::test]
async fn only_holders_of_catalog_manage_change_the_taxonomy() {
    let app = TestApp::spawn().await;
    let body = json!({"slug": "proton", "nameAr": "بروتون", "nameEn": "Proton"});
    let r = app
        .post("/api/v1/admin/car-makes", None, body.clone())
        .await;
    assert_eq!(r.status, 401);
    let customer = app.token_of(CUSTOMER).await;
    let r = app
        .post("/api/v1/admin/car-makes", Some(&customer), body.clone())
        .await;
    assert_eq!(r.status, 403, "{r:?}");
    let admin = app.token_of(ADMIN).await;
    let r = app
        .post("/api/v1/admin/car-makes", Some(&admin), body.clone())
        .await;
    assert_eq!(
        r.status, 403,
        "users.view and audit.view are not enough: {r:?}"
    );
    assert_eq!(r.body["error"]["code"], "FORBIDDEN");
    let engine = category_id(&app, "engine").await;
    let r = delete(&app, &format!("/api/v1/admin/categories/{engine}"), &admin).await;
    assert_eq!(r.status, 403);

    // Granted catalog.manage by the super admin, the same admin can.
    let root = app.token_of(SUPER_ADMIN).await;
    let perms = app.get("/api/v1/admin/permissions", Some(&root)).await;
    assert!(
        perms.body["data"]
            .as_array()
            .unwrap()
            .contains(&json!("catalog.manage")),
        "{perms:?}"
    );
    let admin_id: uuid::Uuid = sqlx::query_scalar("SELECT id FROM users WHERE phone = $1")
        .bind(ADMIN)
        .fetch_one(&app.db)
        .await
        .unwrap();
    let r = app
        .call(
            Method::PUT,
            &format!("/api/v1/admin/admins/{admin_id}/permissions"),
            Some(&root),
            Some(json!({"permissions": ["users.view", "catalog.manage"]})),
            "en",
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    let r = app
        .post("/api/v1/admin/car-makes", Some(&admin), body)
        .await;
    assert_eq!(r.status, 201, "{r:?}");
}

#[tokio::test]
async fn admins_create_change_and_delete_with_an_audit_trail() {
    let app = TestApp::spawn().await;
    let root = app.token_of(SUPER_ADMIN).await;

    let r = app
        .post(
            "/api/v1/admin/body-types",
            Some(&root),
            json!({"slug": "minibus", "nameAr": "حافلة صغيرة", "nameEn": "Minibus"}),
        )
        .await;
    assert_eq!(r.status, 201, "{r:?}");
    let minibus = r.body["data"]["id"].as_str().unwrap().to_owned();

    let r = app
        .post(
            "/api/v1/admin/car-makes",
            Some(&root),
            json!({"slug": "jetour", "nameAr": "جيتور", "nameEn": " Jetour ", "sortOrder": 5}),
        )
        .await;
    assert_eq!(r.status, 201, "{r:?}");
    assert_eq!(r.body["data"]["nameEn"], "Jetour", "names are trimmed");
    let jetour = r.body["data"]["id"].as_str().unwrap().to_owned();
    let makes = app.get("/api/v1/car-makes", None).await;
    assert_eq!(makes.body["data"][0]["slug"], "jetour", "sortOrder 5 first");

    let r = app
        .post(
            "/api/v1/admin/car-models",
            Some(&root),
            json!({"makeId": jetour, "slug": "jetour-x70", "nameAr": "إكس 70", "nameEn": "X70",
                   "yearFrom": 2018, "bodyTypeId": minibus}),
        )
        .await;
    assert_eq!(r.status, 201, "{r:?}");
    assert_eq!(r.body["data"]["bodyType"]["slug"], "minibus");
    assert_eq!(r.body["data"]["yearTo"], Value::Null);
    let x70 = r.body["data"]["id"].as_str().unwrap().to_owned();

    // PATCH: what is sent changes, the rest stays; null clears.
    let url = format!("/api/v1/admin/car-models/{x70}");
    let r = patch(&app, &url, &root, json!({"yearTo": 2024})).await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["data"]["yearTo"], 2024);
    assert_eq!(r.body["data"]["nameAr"], "إكس 70");
    assert_eq!(r.body["data"]["bodyType"]["slug"], "minibus");
    let r = patch(
        &app,
        &url,
        &root,
        json!({"yearTo": null, "bodyTypeId": null, "nameEn": "X70 Plus"}),
    )
    .await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["data"]["yearTo"], Value::Null);
    assert_eq!(r.body["data"]["bodyType"], Value::Null);
    assert_eq!(r.body["data"]["nameEn"], "X70 Plus");
    assert_eq!(r.body["data"]["yearFrom"], 2018);
    let r = patch(&app, &url, &root, json!({"yearFrom": 2025, "yearTo": 2020})).await;
    assert_eq!(r.status, 422, "{r:?}");
    assert!(r.body["error"]["fields"]["yearTo"].is_array());
    let r = patch(&app, &url, &root, json!({"yearTo": 2010})).await;
    assert_eq!(r.status, 422, "before the stored yearFrom: {r:?}");
    let models = app
        .get(&format!("/api/v1/car-makes/{jetour}/models"), None)
        .await;
    assert_eq!(slugs(&models.body["data"]), ["jetour-x70"]);

    let r = patch(
        &app,
        &format!("/api/v1/admin/car-makes/{jetour}"),
        &root,
        json!({"nameAr": "جيتور موتورز"}),
    )
    .await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["data"]["slug"], "jetour");
    assert_eq!(r.body["data"]["sortOrder"], 5);

    let engine = category_id(&app, "engine").await;
    let r = app
        .post(
            "/api/v1/admin/categories",
            Some(&root),
            json!({"parentId": engine, "slug": "turbochargers", "nameAr": "التيربو", "nameEn": "Turbochargers"}),
        )
        .await;
    assert_eq!(r.status, 201, "{r:?}");
    let turbo = r.body["data"]["id"].as_str().unwrap().to_owned();
    let one = app.get(&format!("/api/v1/categories/{engine}"), None).await;
    assert!(slugs(&one.body["data"]["children"]).contains(&"turbochargers"));
    let r = patch(
        &app,
        &format!("/api/v1/admin/categories/{turbo}"),
        &root,
        json!({"parentId": null, "sortOrder": 1}),
    )
    .await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["data"]["parentId"], Value::Null);
    let tree = app.get("/api/v1/categories", None).await;
    assert_eq!(tree.body["data"][0]["slug"], "turbochargers");

    for url in [
        format!("/api/v1/admin/car-models/{x70}"),
        format!("/api/v1/admin/car-makes/{jetour}"),
        format!("/api/v1/admin/body-types/{minibus}"),
        format!("/api/v1/admin/categories/{turbo}"),
    ] {
        let r = delete(&app, &url, &root).await;
        assert_eq!(r.status, 200, "{url}: {r:?}");
        assert_eq!(r.body["data"], Value::Null);
        assert_eq!(delete(&app, &url, &root).await.status, 404, "{url} gone");
    }
    let deleted: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM car_makes WHERE id = $1::uuid AND deleted_at IS NOT NULL",
    )
    .bind(&jetour)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(deleted, 1, "soft-deleted: the row stays");

    let trail = |entity: &'static str| {
        let app = &app;
        let root = &root;
        async move {
            let r = app
                .get(
                    &format!("/api/v1/admin/audit-logs?entityType={entity}&sort=createdAt"),
                    Some(root),
                )
                .await;
            assert_eq!(r.status, 200, "{r:?}");
            r.body["data"].clone()
        }
    };
    let makes = trail("car_make").await;
    let actions: Vec<&str> = makes
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        ["car_make.create", "car_make.update", "car_make.delete"]
    );
    assert_eq!(makes[1]["before"]["nameAr"], "جيتور");
    assert_eq!(makes[1]["after"]["nameAr"], "جيتور موتورز");
    assert_eq!(makes[1]["entityId"], jetour.as_str());
    assert_eq!(makes[2]["after"], Value::Null);
    let models = trail("car_model").await;
    assert_eq!(
        models.as_array().unwrap().len(),
        4,
        "create, 2 updates, delete"
    );
    assert_eq!(models[1]["after"]["yearTo"], 2024);
    assert_eq!(trail("body_type").await.as_array().unwrap().len(), 2);
    assert_eq!(trail("category").await.as_array().unwrap().len(), 3);
}

#[tokio::test]
async fn invalid_bodies_are_422_listing_every_field_in_the_request_language() {
    let app = TestApp::spawn().await;
    let root = app.token_of(SUPER_ADMIN).await;
    let bad = json!({"slug": "Toyota Camry!", "nameAr": " ", "nameEn": "x".repeat(101),
                     "yearFrom": 1900, "yearTo": 1899});
    let mut replies = Vec::new();
    for lang in ["ar", "en"] {
        let r = app
            .call(
                Method::POST,
                "/api/v1/admin/car-models",
                Some(&root),
                Some(bad.clone()),
                lang,
            )
            .await;
        assert_eq!(r.status, 422, "{r:?}");
        assert_eq!(r.body["error"]["code"], "VALIDATION_FAILED");
        let fields = r.body["error"]["fields"].as_object().unwrap();
        let mut names: Vec<&str> = fields.keys().map(String::as_str).collect();
        names.sort();
        assert_eq!(
            names,
            ["makeId", "nameAr", "nameEn", "slug", "yearFrom", "yearTo"],
            "{r:?}"
        );
        replies.push(r);
    }
    let (ar, en) = (
        &replies[0].body["error"]["fields"],
        &replies[1].body["error"]["fields"],
    );
    assert_eq!(ar["nameAr"][0], "هذا الحقل مطلوب.");
    assert!(ar["slug"][0].as_str().unwrap().contains("60 حرفًا"), "{ar}");
    assert!(
        en["nameEn"][0].as_str().unwrap().contains("100 characters"),
        "{en}"
    );
    assert!(en["yearFrom"][0].as_str().unwrap().contains("1950"), "{en}");
    assert!(
        en["yearTo"].as_array().unwrap().len() >= 2,
        "range and order: {en}"
    );

    let r = app
        .post(
            "/api/v1/admin/car-makes",
            Some(&root),
            json!({"slug": "x", "nameAr": "x", "nameEn": "x", "country": "JP"}),
        )
        .await;
    assert_eq!(r.status, 422, "unknown fields are refused: {r:?}");
    assert!(r.body["error"]["fields"]["country"].is_array());

    // Referenced ids must exist (and be live).
    let r = app
        .post(
            "/api/v1/admin/car-models",
            Some(&root),
            json!({"makeId": uuid::Uuid::now_v7(), "bodyTypeId": uuid::Uuid::now_v7(),
                   "slug": "ghost", "nameAr": "شبح", "nameEn": "Ghost", "yearFrom": 2020}),
        )
        .await;
    assert_eq!(r.status, 422, "{r:?}");
    assert!(r.body["error"]["fields"]["makeId"].is_array());
    assert!(r.body["error"]["fields"]["bodyTypeId"].is_array());
    let r = app
        .post(
            "/api/v1/admin/categories",
            Some(&root),
            json!({"parentId": uuid::Uuid::now_v7(), "slug": "orphan", "nameAr": "يتيم", "nameEn": "Orphan"}),
        )
        .await;
    assert_eq!(r.status, 422, "{r:?}");
    assert!(r.body["error"]["fields"]["parentId"].is_array());
    let r = app
        .post(
            "/api/v1/admin/car-models",
            Some(&root),
            json!({"makeId": "not-a-uuid"}),
        )
        .await;
    assert_eq!(r.status, 422, "{r:?}");
    assert!(r.body["error"]["fields"]["makeId"].is_array());
}

#[tokio::test]
async fn slugs_in_use_are_409_and_free_again_once_deleted() {
    let app = TestApp::spawn().await;
    let root = app.token_of(SUPER_ADMIN).await;
    let r = app
        .post(
            "/api/v1/admin/car-makes",
            Some(&root),
            json!({"slug": "toyota", "nameAr": "تويوتا", "nameEn": "Toyota"}),
        )
        .await;
    assert_eq!(r.status, 409, "{r:?}");
    assert_eq!(r.body["error"]["code"], "SLUG_TAKEN");
    let hyundai = make_id(&app, "hyundai").await;
    let r = patch(
        &app,
        &format!("/api/v1/admin/car-makes/{hyundai}"),
        &root,
        json!({"slug": "toyota"}),
    )
    .await;
    assert_eq!(r.status, 409, "{r:?}");
    let r = app
        .post(
            "/api/v1/admin/categories",
            Some(&root),
            json!({"slug": "brake-pads", "nameAr": "فحمات", "nameEn": "Pads"}),
        )
        .await;
    assert_eq!(r.status, 409, "{r:?}");
    let r = app
        .post(
            "/api/v1/admin/body-types",
            Some(&root),
            json!({"slug": "sedan", "nameAr": "سيدان", "nameEn": "Sedan"}),
        )
        .await;
    assert_eq!(r.status, 409, "{r:?}");
    let r = app
        .post(
            "/api/v1/admin/car-models",
            Some(&root),
            json!({"makeId": hyundai, "slug": "hyundai-accent", "nameAr": "أكسنت", "nameEn": "Accent", "yearFrom": 2000}),
        )
        .await;
    assert_eq!(r.status, 409, "{r:?}");
    assert_eq!(r.body["error"]["code"], "SLUG_TAKEN");

    let r = app
        .post(
            "/api/v1/admin/car-makes",
            Some(&root),
            json!({"slug": "saipa", "nameAr": "سايبا", "nameEn": "Saipa"}),
        )
        .await;
    let saipa = r.body["data"]["id"].as_str().unwrap().to_owned();
    assert_eq!(
        delete(&app, &format!("/api/v1/admin/car-makes/{saipa}"), &root)
            .await
            .status,
        200
    );
    let r = app
        .post(
            "/api/v1/admin/car-makes",
            Some(&root),
            json!({"slug": "saipa", "nameAr": "سايبا", "nameEn": "Saipa"}),
        )
        .await;
    assert_eq!(r.status, 201, "a deleted make's slug is free: {r:?}");
}

#[tokio::test]
async fn a_category_cannot_become_its_own_ancestor() {
    let app = TestApp::spawn().await;
    let root = app.token_of(SUPER_ADMIN).await;
    let engine = category_id(&app, "engine").await;
    let oil = category_id(&app, "oil-filters").await;
    let r = app
        .post(
            "/api/v1/admin/categories",
            Some(&root),
            json!({"parentId": oil, "slug": "oil-filter-housings", "nameAr": "علب فلاتر الزيت", "nameEn": "Oil filter housings"}),
        )
        .await;
    assert_eq!(r.status, 201, "{r:?}");
    let housings = r.body["data"]["id"].as_str().unwrap().to_owned();

    let url = format!("/api/v1/admin/categories/{engine}");
    for parent in [&engine, &oil, &housings] {
        let r = patch(&app, &url, &root, json!({"parentId": parent})).await;
        assert_eq!(r.status, 422, "under {parent}: {r:?}");
        assert_eq!(r.body["error"]["code"], "CATEGORY_CYCLE");
        assert!(r.body["error"]["fields"]["parentId"].is_array());
    }
    let r = app
        .call(
            Method::PATCH,
            &url,
            Some(&root),
            Some(json!({"parentId": housings})),
            "ar",
        )
        .await;
    assert!(
        r.body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("أقسامه الفرعية"),
        "{r:?}"
    );
    let top: Option<uuid::Uuid> =
        sqlx::query_scalar("SELECT parent_id FROM categories WHERE slug = 'engine'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(top, None, "nothing moved");

    // Moving a branch elsewhere is fine.
    let brakes = category_id(&app, "brakes").await;
    let r = patch(
        &app,
        &format!("/api/v1/admin/categories/{oil}"),
        &root,
        json!({"parentId": brakes}),
    )
    .await;
    assert_eq!(r.status, 200, "{r:?}");
    let one = app.get(&format!("/api/v1/categories/{brakes}"), None).await;
    let moved = one.body["data"]["children"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["slug"] == "oil-filters")
        .expect("oil filters under brakes");
    assert_eq!(slugs(&moved["children"]), ["oil-filter-housings"]);
}

#[tokio::test]
async fn deletes_in_use_are_409_and_deleted_makes_are_gone() {
    let app = TestApp::spawn().await;
    let root = app.token_of(SUPER_ADMIN).await;
    let toyota = make_id(&app, "toyota").await;
    let r = app
        .call(
            Method::DELETE,
            &format!("/api/v1/admin/car-makes/{toyota}"),
            Some(&root),
            None,
            "ar",
        )
        .await;
    assert_eq!(r.status, 409, "{r:?}");
    assert_eq!(r.body["error"]["code"], "MAKE_HAS_MODELS");
    assert!(
        r.body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("10 طرازات"),
        "{r:?}"
    );
    let engine = category_id(&app, "engine").await;
    let r = delete(&app, &format!("/api/v1/admin/categories/{engine}"), &root).await;
    assert_eq!(r.status, 409, "{r:?}");
    assert_eq!(r.body["error"]["code"], "CATEGORY_HAS_CHILDREN");
    assert!(
        r.body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("8 subcategories"),
        "{r:?}"
    );
    let bodies = app.get("/api/v1/body-types", None).await;
    let sedan = by_slug(&bodies, "sedan")["id"].as_str().unwrap().to_owned();
    let r = delete(&app, &format!("/api/v1/admin/body-types/{sedan}"), &root).await;
    assert_eq!(r.status, 409, "{r:?}");
    assert_eq!(r.body["error"]["code"], "BODY_TYPE_IN_USE");

    // Isuzu without its models can go; then it is gone everywhere.
    let isuzu = make_id(&app, "isuzu").await;
    let models = app
        .get(&format!("/api/v1/car-makes/{isuzu}/models"), None)
        .await;
    for m in models.body["data"].as_array().unwrap() {
        let id = m["id"].as_str().unwrap();
        let r = delete(&app, &format!("/api/v1/admin/car-models/{id}"), &root).await;
        assert_eq!(r.status, 200, "{r:?}");
    }
    let r = delete(&app, &format!("/api/v1/admin/car-makes/{isuzu}"), &root).await;
    assert_eq!(r.status, 200, "{r:?}");
    let makes = app.get("/api/v1/car-makes", None).await;
    assert!(!slugs(&makes.body["data"]).contains(&"isuzu"));
    let r = app
        .get(&format!("/api/v1/car-makes/{isuzu}/models"), None)
        .await;
    assert_eq!(r.status, 404, "{r:?}");
    let r = patch(
        &app,
        &format!("/api/v1/admin/car-makes/{isuzu}"),
        &root,
        json!({"nameEn": "Isuzu"}),
    )
    .await;
    assert_eq!(r.status, 404, "{r:?}");
    let r = app
        .post(
            "/api/v1/admin/car-models",
            Some(&root),
            json!({"makeId": isuzu, "slug": "isuzu-d-max", "nameAr": "دي ماكس", "nameEn": "D-Max", "yearFrom": 2002}),
        )
        .await;
    assert_eq!(r.status, 422, "a deleted make takes no models: {r:?}");
    assert!(r.body["error"]["fields"]["makeId"].is_array());
}

#[test]
fn every_route_is_documented() {
    let doc = serde_json::to_value(qitaa::server::openapi()).unwrap();
    let paths = &doc["paths"];
    for (path, method, tag) in [
        ("/api/v1/car-makes", "get", "catalog"),
        ("/api/v1/car-makes/{id}/models", "get", "catalog"),
        ("/api/v1/body-types", "get", "catalog"),
        ("/api/v1/categories", "get", "catalog"),
        ("/api/v1/categories/{id}", "get", "catalog"),
        ("/api/v1/admin/car-makes", "post", "admin"),
        ("/api/v1/admin/car-makes/{id}", "patch", "admin"),
        ("/api/v1/admin/car-makes/{id}", "delete", "admin"),
        ("/api/v1/admin/car-models", "post", "admin"),
        ("/api/v1/admin/car-models/{id}", "patch", "admin"),
        ("/api/v1/admin/car-models/{id}", "delete", "admin"),
        ("/api/v1/admin/body-types", "post", "admin"),
        ("/api/v1/admin/body-types/{id}", "patch", "admin"),
        ("/api/v1/admin/body-types/{id}", "delete", "admin"),
        ("/api/v1/admin/categories", "post", "admin"),
        ("/api/v1/admin/categories/{id}", "patch", "admin"),
        ("/api/v1/admin/categories/{id}", "delete", "admin"),
    ] {
        let op = &paths[path][method];
        assert_eq!(op["tags"], json!([tag]), "{method} {path}");
    }
    let node = &doc["components"]["schemas"]["CategoryNode"];
    assert!(
        node.to_string()
            .contains("#/components/schemas/CategoryNode"),
        "{node}"
    );
    let new_model = &doc["components"]["schemas"]["NewModel"];
    assert!(
        new_model["required"]
            .as_array()
            .unwrap()
            .contains(&json!("makeId"))
    );
}

#[tokio::test]
async fn references_used_by_products_cannot_be_deleted() {
    let app = TestApp::spawn().await;
    let root = app.token_of("+966500000000").await;
    // The demo Camry oil filter uses the "Oil filters" category and Toyota Camry.
    let (category, model): (uuid::Uuid, uuid::Uuid) = sqlx::query_as(
        "SELECT p.category_id, f.model_id FROM products p JOIN product_fitments f ON f.product_id = p.id \
         WHERE p.name_en = 'Oil filter - Toyota Camry'",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    for path in [
        format!("/api/v1/admin/categories/{category}"),
        format!("/api/v1/admin/car-models/{model}"),
    ] {
        let r = app
            .call(reqwest::Method::DELETE, &path, Some(&root), None, "ar")
            .await;
        assert_eq!(r.status, 409, "{path}: {r:?}");
        assert_eq!(r.body["error"]["code"], "IN_USE_BY_PRODUCTS");
        assert!(
            r.body["error"]["message"]
                .as_str()
                .unwrap()
                .contains("منتج"),
            "{r:?}"
        );
    }
}
