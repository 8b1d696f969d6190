//! The supply side: companies and their review, store types, stores and the
//! nearest-first search, employees and the store-access check.

use reqwest::Method;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::harness::{Reply, TestApp};

const SUPER_ADMIN: &str = "+966500000000";
const CUSTOMER: &str = "+966500000001";
const SUPPLIER: &str = "+966500000002";
const EMPLOYEE: &str = "+966500000003";
const ADMIN: &str = "+966500000005";

const RIYADH: (f64, f64) = (24.7136, 46.6753);

async fn demo_stores(app: &TestApp) -> (Uuid, Uuid) {
    app::stores::seed::demo_store_ids(&app.db)
        .await
        .unwrap()
        .expect("the demo stores are seeded")
}

async fn send(
    app: &TestApp,
    method: Method,
    path: &str,
    token: Option<&str>,
    body: Option<Value>,
) -> Reply {
    app.call(method, path, token, body, "en").await
}

async fn patch(app: &TestApp, path: &str, token: &str, body: Value) -> Reply {
    send(app, Method::PATCH, path, Some(token), Some(body)).await
}

async fn delete(app: &TestApp, path: &str, token: &str) -> Reply {
    send(app, Method::DELETE, path, Some(token), None).await
}

/// Signs a new phone up as a supplier (status `pending_approval`).
async fn new_supplier(app: &TestApp, phone: &str) -> String {
    app.sign_in_as(phone, Some("SUPPLIER")).await["accessToken"]
        .as_str()
        .unwrap()
        .to_owned()
}

fn company(cr: &str) -> Value {
    json!({
        "legalNameAr": "شركة الاختبار للتجارة",
        "legalNameEn": "Test Trading Co.",
        "crNumber": cr,
        "vatNumber": "310000000000003",
        "city": "الرياض",
        "address": "حي الملز، الرياض",
    })
}

fn store_body(name: &str, lat: f64, lng: f64) -> Value {
    json!({
        "storeTypeId": Value::Null,
        "nameAr": format!("فرع {name}"),
        "nameEn": format!("{name} Branch"),
        "phone": "0551234567",
        "city": "الدمام",
        "address": "طريق الملك سعود",
        "lat": lat,
        "lng": lng,
        "workingHours": {"sat": [["09:00", "13:00"], ["16:30", "23:00"]], "fri": [["16:30", "23:00"]]},
    })
}

async fn store_type_id(app: &TestApp, slug: &str) -> Uuid {
    sqlx::query_scalar("SELECT id FROM store_types WHERE slug = $1 AND deleted_at IS NULL")
        .bind(slug)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

async fn audit_count(app: &TestApp, action: &str, entity: &str) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM audit_logs WHERE action = $1 AND entity_type = $2")
        .bind(action)
        .bind(entity)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn company_numbers_are_validated_in_both_languages() {
    let app = TestApp::spawn().await;
    let token = new_supplier(&app, "0551000001").await;
    let mut bad = company("12345");
    bad["vatNumber"] = json!("412345678901234");
    bad["legalNameEn"] = json!("");
    let ar = app
        .call(
            Method::POST,
            "/api/v1/partner/company",
            Some(&token),
            Some(bad.clone()),
            "ar",
        )
        .await;
    let en = app
        .call(
            Method::POST,
            "/api/v1/partner/company",
            Some(&token),
            Some(bad),
            "en",
        )
        .await;
    for r in [&ar, &en] {
        assert_eq!(r.status, 422, "{r:?}");
        assert_eq!(r.body["error"]["code"], "VALIDATION_FAILED");
        let fields = r.body["error"]["fields"].as_object().unwrap();
        for f in ["crNumber", "vatNumber", "legalNameEn"] {
            assert!(fields.contains_key(f), "{f} in {r:?}");
        }
    }
    let msg = |r: &Reply, f: &str| r.body["error"]["fields"][f][0].as_str().unwrap().to_owned();
    let (ar_cr, en_cr) = (msg(&ar, "crNumber"), msg(&en, "crNumber"));
    assert!(
        ar_cr.contains("السجل التجاري") && ar_cr.contains("10 أرقام"),
        "{ar_cr}"
    );
    assert!(
        en_cr.contains("commercial registration") && en_cr.contains("10 digits"),
        "{en_cr}"
    );
    let (ar_vat, en_vat) = (msg(&ar, "vatNumber"), msg(&en, "vatNumber"));
    assert!(
        ar_vat.contains("الرقم الضريبي") && ar_vat.contains("15 رقمًا"),
        "{ar_vat}"
    );
    assert!(
        en_vat.contains("VAT") && en_vat.contains("15 digits") && en_vat.contains("3"),
        "{en_vat}"
    );

    // 15 digits, but not 3…3; 11 digits for the CR.
    let mut bad = company("10101234567");
    bad["vatNumber"] = json!("300000000000004");
    let r = app.post("/api/v1/partner/company", Some(&token), bad).await;
    assert_eq!(r.status, 422);
    assert!(r.body["error"]["fields"]["crNumber"].is_array());
    assert!(r.body["error"]["fields"]["vatNumber"].is_array());

    // Unknown fields are refused.
    let mut extra = company("1010999999");
    extra["status"] = json!("approved");
    let r = app
        .post("/api/v1/partner/company", Some(&token), extra)
        .await;
    assert_eq!(r.status, 422);
    assert!(r.body["error"]["fields"]["status"].is_array(), "{r:?}");

    // Arabic-Indic digits are accepted and stored as ASCII.
    let mut arabic = company("١٠١٠٩٩٩٩٩٩");
    arabic["vatNumber"] = json!("٣١٠٠٠٠٠٠٠٠٠٠٠٠٣");
    let r = app
        .post("/api/v1/partner/company", Some(&token), arabic)
        .await;
    assert_eq!(r.status, 201, "{r:?}");
    assert_eq!(r.body["data"]["crNumber"], "1010999999");
    assert_eq!(r.body["data"]["vatNumber"], "310000000000003");
    assert_eq!(r.body["data"]["status"], "pending");

    // One company per supplier; one per CR number.
    let r = app
        .post(
            "/api/v1/partner/company",
            Some(&token),
            company("1010888888"),
        )
        .await;
    assert_eq!(r.status, 409, "{r:?}");
    assert_eq!(r.body["error"]["code"], "COMPANY_EXISTS");
    let other = new_supplier(&app, "0551000002").await;
    let r = app
        .post(
            "/api/v1/partner/company",
            Some(&other),
            company("1010999999"),
        )
        .await;
    assert_eq!(r.status, 409, "{r:?}");
    assert_eq!(r.body["error"]["code"], "CR_NUMBER_TAKEN");

    // Non-suppliers are refused, anonymous callers are asked to sign in.
    let customer = app.token_of(CUSTOMER).await;
    let r = app
        .post(
            "/api/v1/partner/company",
            Some(&customer),
            company("1010777777"),
        )
        .await;
    assert_eq!(r.status, 403, "{r:?}");
    assert_eq!(r.body["error"]["code"], "SUPPLIER_ONLY");
    assert_eq!(
        app.get("/api/v1/partner/company", Some(&customer))
            .await
            .status,
        403
    );
    assert_eq!(app.get("/api/v1/partner/company", None).await.status, 401);
    assert_eq!(
        app.get("/api/v1/partner/company", Some(&other))
            .await
            .status,
        404
    );
}

#[tokio::test]
async fn a_company_is_rejected_resubmitted_approved_and_only_then_opens_stores() {
    let app = TestApp::spawn().await;
    let token = new_supplier(&app, "0552000001").await;
    let me = app.get("/api/v1/auth/me", Some(&token)).await;
    assert_eq!(me.body["data"]["status"], "pending_approval", "{me:?}");
    let user_id: Uuid = me.body["data"]["id"].as_str().unwrap().parse().unwrap();

    // A file the supplier uploaded, and one somebody else did.
    let media = |owner: Uuid| {
        let id = Uuid::now_v7();
        let db = app.db.clone();
        async move {
            sqlx::query(
                "INSERT INTO media_files (id, owner_id, purpose, storage_key, content_type, size_bytes, sha256) \
                 VALUES ($1, $2, 'company_document', $3, 'application/pdf', 1000, 'x')",
            )
            .bind(id)
            .bind(owner)
            .bind(format!("test/{id}"))
            .execute(&db)
            .await
            .unwrap();
            id
        }
    };
    let mine = media(user_id).await;
    let customer_id: Uuid = sqlx::query_scalar("SELECT id FROM users WHERE phone = $1")
        .bind(CUSTOMER)
        .fetch_one(&app.db)
        .await
        .unwrap();
    let theirs = media(customer_id).await;
    let mut body = company("2050111111");
    body["documentIds"] = json!([theirs]);
    let r = app
        .post("/api/v1/partner/company", Some(&token), body)
        .await;
    assert_eq!(r.status, 422, "{r:?}");
    assert!(r.body["error"]["fields"]["documentIds"].is_array());
    let mut body = company("2050111111");
    body["documents"] = json!([{"mediaId": mine, "kind": "commercial_registration"}]);
    let r = app
        .post("/api/v1/partner/company", Some(&token), body)
        .await;
    assert_eq!(r.status, 201, "{r:?}");
    let company_id = r.body["data"]["id"].as_str().unwrap().to_owned();
    assert_eq!(
        r.body["data"]["documents"][0]["kind"],
        "commercial_registration"
    );
    assert_eq!(r.body["data"]["documents"][0]["mediaId"], json!(mine));

    // No store before approval.
    let mut store = store_body("Dammam", 26.4207, 50.0888);
    store["storeTypeId"] = json!(store_type_id(&app, "car-wash").await);
    let r = app
        .post("/api/v1/partner/stores", Some(&token), store.clone())
        .await;
    assert_eq!(r.status, 409, "{r:?}");
    assert_eq!(r.body["error"]["code"], "COMPANY_NOT_APPROVED");

    // The review queue needs companies.manage.
    let limited = app.token_of(ADMIN).await;
    let r = app.get("/api/v1/admin/companies", Some(&limited)).await;
    assert_eq!(r.status, 403);
    let root = app.token_of(SUPER_ADMIN).await;
    let r = app
        .get(
            "/api/v1/admin/companies?status=pending&q=2050111",
            Some(&root),
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["meta"]["total"], 1);
    assert_eq!(r.body["data"][0]["owner"]["phone"], "+966552000001");
    let detail = format!("/api/v1/admin/companies/{company_id}");
    let r = app.get(&detail, Some(&root)).await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["data"]["owner"]["status"], "pending_approval");
    assert_eq!(r.body["data"]["documents"][0]["mediaId"], json!(mine));
    assert_eq!(app.get(&detail, Some(&limited)).await.status, 403);
    let r = app
        .get(
            &format!("/api/v1/admin/companies/{}", Uuid::now_v7()),
            Some(&root),
        )
        .await;
    assert_eq!(r.status, 404);

    let reject = format!("/api/v1/admin/companies/{company_id}/reject");
    let r = app.post(&reject, Some(&root), json!({})).await;
    assert_eq!(r.status, 422, "a reason is required: {r:?}");
    assert!(r.body["error"]["fields"]["reason"].is_array());
    let r = app
        .post(
            &reject,
            Some(&root),
            json!({"reason": "The VAT certificate is missing."}),
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["data"]["status"], "rejected");

    let r = app.get("/api/v1/partner/company", Some(&token)).await;
    assert_eq!(r.body["data"]["status"], "rejected");
    assert_eq!(
        r.body["data"]["rejectionReason"],
        "The VAT certificate is missing."
    );

    // Resubmitted: back to review, the reason gone, the document added.
    let r = patch(
        &app,
        "/api/v1/partner/company",
        &token,
        json!({"documents": [
            {"mediaId": mine, "kind": "commercial_registration"},
        ], "documentIds": [], "address": "حي الملز، شارع الجامعة"}),
    )
    .await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["data"]["status"], "pending");
    assert!(r.body["data"]["rejectionReason"].is_null());
    assert_eq!(r.body["data"]["address"], "حي الملز، شارع الجامعة");
    assert_eq!(r.body["data"]["crNumber"], "2050111111");

    let approve = format!("/api/v1/admin/companies/{company_id}/approve");
    let r = app.post(&approve, Some(&root), json!({})).await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["data"]["status"], "approved");
    let r = app.post(&approve, Some(&root), json!({})).await;
    assert_eq!(r.status, 409);
    assert_eq!(r.body["error"]["code"], "COMPANY_NOT_PENDING");
    // Approving the company opened the supplier's account.
    let me = app.get("/api/v1/auth/me", Some(&token)).await;
    assert_eq!(me.body["data"]["status"], "active");
    let r = patch(
        &app,
        "/api/v1/partner/company",
        &token,
        json!({"city": "جدة"}),
    )
    .await;
    assert_eq!(r.status, 409);
    assert_eq!(r.body["error"]["code"], "COMPANY_LOCKED");

    // Now a store opens, waiting for an admin; customers do not see it yet.
    let r = app
        .post("/api/v1/partner/stores", Some(&token), store)
        .await;
    assert_eq!(r.status, 201, "{r:?}");
    assert_eq!(r.body["data"]["status"], "pending");
    assert_eq!(r.body["data"]["role"], "owner");
    assert_eq!(r.body["data"]["phone"], "+966551234567");
    assert_eq!(r.body["data"]["commissionBp"], 1000);
    let store_id = r.body["data"]["id"].as_str().unwrap().to_owned();
    assert_eq!(
        app.get(&format!("/api/v1/stores/{store_id}"), None)
            .await
            .status,
        404
    );
    let r = app
        .post(
            &format!("/api/v1/admin/stores/{store_id}/activate"),
            Some(&root),
            json!({}),
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    let r = app.get(&format!("/api/v1/stores/{store_id}"), None).await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["data"]["storeType"]["slug"], "car-wash");
    assert!(
        r.body["data"]["services"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["nameAr"] == "غسيل خارجي")
    );

    for (action, entity) in [
        ("company.create", "company"),
        ("company.reject", "company"),
        ("company.update", "company"),
        ("company.approve", "company"),
        ("user.approve", "user"),
        ("store.create", "store"),
        ("store.activate", "store"),
    ] {
        assert_eq!(audit_count(&app, action, entity).await, 1, "{action}");
    }
}

#[tokio::test]
async fn store_bodies_are_validated_naming_every_field() {
    let app = TestApp::spawn().await;
    let token = app.token_of(SUPPLIER).await;
    let r = app
        .post(
            "/api/v1/partner/stores",
            Some(&token),
            json!({
                "nameAr": "فرع",
                "lng": 190.0,
                "phone": "123",
                "workingHours": {
                    "sat": [["13:00", "09:00"]],
                    "sun": [["9am", "5pm"]],
                    "mon": [["09:00", "14:00"], ["13:00", "18:00"]],
                    "friday": [["09:00", "12:00"]]
                },
            }),
        )
        .await;
    assert_eq!(r.status, 422, "{r:?}");
    let fields = r.body["error"]["fields"].as_object().unwrap();
    for f in [
        "storeTypeId",
        "nameEn",
        "city",
        "address",
        "lat",
        "lng",
        "phone",
        "workingHours.sat",
        "workingHours.sun",
        "workingHours.mon",
        "workingHours.friday",
    ] {
        assert!(fields.contains_key(f), "{f} in {r:?}");
    }
    // A store type that does not exist.
    let mut body = store_body("X", 24.0, 46.0);
    body["storeTypeId"] = json!(Uuid::now_v7());
    let r = app.post("/api/v1/partner/stores", Some(&token), body).await;
    assert_eq!(r.status, 422, "{r:?}");
    assert!(r.body["error"]["fields"]["storeTypeId"].is_array());
    // Another company's id is not the caller's to use.
    let mut body = store_body("X", 24.0, 46.0);
    body["storeTypeId"] = json!(store_type_id(&app, "workshop").await);
    body["companyId"] = json!(Uuid::now_v7());
    let r = app.post("/api/v1/partner/stores", Some(&token), body).await;
    assert_eq!(r.status, 404, "{r:?}");
    // A supplier without a company is told to register one.
    let fresh = new_supplier(&app, "0553000001").await;
    let mut body = store_body("X", 24.0, 46.0);
    body["storeTypeId"] = json!(store_type_id(&app, "workshop").await);
    let r = app.post("/api/v1/partner/stores", Some(&fresh), body).await;
    assert_eq!(r.status, 409, "{r:?}");
    assert_eq!(r.body["error"]["code"], "COMPANY_REQUIRED");
}

#[tokio::test]
async fn nearest_lists_active_stores_nearest_first_and_uses_the_gist_index() {
    let app = TestApp::spawn().await;
    let (riyadh, jeddah) = demo_stores(&app).await;
    let ids = |r: &Reply| -> Vec<String> {
        r.body["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["id"].as_str().unwrap().to_owned())
            .collect()
    };

    // From Riyadh with the default reach: Riyadh first at ~0 km, then
    // Jeddah at ~850 km, nearest first with distances.
    let r = app
        .get(
            &format!("/api/v1/stores/nearest?lat={}&lng={}", RIYADH.0, RIYADH.1),
            None,
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(ids(&r), [riyadh.to_string(), jeddah.to_string()]);
    assert!(r.body["data"][0]["distanceKm"].as_f64().unwrap() < 0.01);
    let to_jeddah = r.body["data"][1]["distanceKm"].as_f64().unwrap();
    assert!((830.0..870.0).contains(&to_jeddah), "{to_jeddah}");
    assert_eq!(r.body["data"][0]["nameAr"], "فرع الرياض");
    assert_eq!(r.body["meta"]["total"], 2);
    let r = app
        .get(
            &format!(
                "/api/v1/stores/nearest?lat={}&lng={}&radiusKm=500",
                RIYADH.0, RIYADH.1
            ),
            None,
        )
        .await;
    assert_eq!(ids(&r), [riyadh.to_string()], "a radius narrows");

    // From a point 45 % of the way to Jeddah both are in reach: Riyadh
    // first, and the two distances add up to the Riyadh–Jeddah distance.
    let between = "lat=23.2870&lng=43.2992";
    let r = app
        .get(
            &format!("/api/v1/stores/nearest?{between}&radiusKm=500"),
            None,
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(ids(&r), [riyadh.to_string(), jeddah.to_string()]);
    let d0 = r.body["data"][0]["distanceKm"].as_f64().unwrap();
    let d1 = r.body["data"][1]["distanceKm"].as_f64().unwrap();
    assert!(d0 < d1 && d1 <= 500.0, "{d0} {d1}");
    assert!(
        (840.0..860.0).contains(&(d0 + d1)),
        "Riyadh–Jeddah ≈ 850 km: {}",
        d0 + d1
    );
    assert!(r.body["data"][1]["workingHours"]["fri"].is_array());
    // radiusKm narrows …
    let r = app
        .get(
            &format!(
                "/api/v1/stores/nearest?{between}&radiusKm={}",
                (d0 + d1) / 2.0
            ),
            None,
        )
        .await;
    assert_eq!(ids(&r), [riyadh.to_string()]);
    // … and type filters by store type slug.
    let r = app
        .get(
            &format!("/api/v1/stores/nearest?{between}&radiusKm=500&type=car-wash"),
            None,
        )
        .await;
    assert_eq!(r.status, 200);
    assert!(ids(&r).is_empty());
    let r = app
        .get(
            &format!(
                "/api/v1/stores/nearest?{between}&radiusKm=500&type=parts-shop&perPage=1&page=2"
            ),
            None,
        )
        .await;
    assert_eq!(ids(&r), [jeddah.to_string()]);
    assert_eq!(r.body["meta"]["total"], 2);

    // lat and lng are required and checked; every failing field is named.
    let r = app.get("/api/v1/stores/nearest", None).await;
    assert_eq!(r.status, 422, "{r:?}");
    assert!(r.body["error"]["fields"]["lat"].is_array());
    assert!(r.body["error"]["fields"]["lng"].is_array());
    let r = app
        .call(
            Method::GET,
            "/api/v1/stores/nearest?lat=100&lng=east&radiusKm=3001",
            None,
            None,
            "ar",
        )
        .await;
    assert_eq!(r.status, 422, "{r:?}");
    for f in ["lat", "lng", "radiusKm"] {
        assert!(r.body["error"]["fields"][f].is_array(), "{f}: {r:?}");
    }
    let radius = r.body["error"]["fields"]["radiusKm"][0].as_str().unwrap();
    assert!(radius.contains("3000 كيلومتر"), "{radius}");

    // Thousands of stores: the plan answers the box from the GiST index.
    sqlx::query(
        "INSERT INTO stores (id, company_id, store_type_id, name_ar, name_en, city, address, lat, lng, status) \
         SELECT gen_random_uuid(), s.company_id, s.store_type_id, 'متجر ' || g, 'Store ' || g, 'x', 'x', \
           16 + (g % 97) * 0.1, 36 + (g % 89) * 0.2, CASE WHEN g % 10 = 0 THEN 'pending' ELSE 'active' END \
         FROM stores s, generate_series(1, 5000) g WHERE s.id = $1",
    )
    .bind(riyadh)
    .execute(&app.db)
    .await
    .unwrap();
    sqlx::query("ANALYZE stores")
        .execute(&app.db)
        .await
        .unwrap();
    let plan = app::stores::service::public::explain_nearest(
        &app.db,
        app::stores::model::Around {
            lat: RIYADH.0,
            lng: RIYADH.1,
            radius_m: 50_000.0,
            type_slug: Some("parts-shop"),
        },
        kernel::pagination::Page {
            page: 1,
            per_page: 20,
        },
    )
    .await
    .unwrap();
    assert!(
        plan.contains("stores_earth"),
        "the GiST index is used:\n{plan}"
    );
    let r = app
        .get(
            &format!(
                "/api/v1/stores/nearest?lat={}&lng={}&radiusKm=50",
                RIYADH.0, RIYADH.1
            ),
            None,
        )
        .await;
    assert_eq!(ids(&r)[0], riyadh.to_string());
}

#[tokio::test]
async fn the_demo_employee_sees_what_is_granted_and_nothing_of_the_other_store() {
    let app = TestApp::spawn().await;
    let (riyadh, jeddah) = demo_stores(&app).await;
    let token = app.token_of(EMPLOYEE).await;

    let r = app.get("/api/v1/partner/stores", Some(&token)).await;
    assert_eq!(r.status, 200, "{r:?}");
    let stores = r.body["data"].as_array().unwrap();
    assert_eq!(stores.len(), 1);
    assert_eq!(stores[0]["id"], json!(riyadh));
    assert_eq!(stores[0]["role"], "employee");
    assert_eq!(
        stores[0]["permissions"],
        json!(["orders.view", "products.view"])
    );
    let r = app
        .get(&format!("/api/v1/partner/stores/{riyadh}"), Some(&token))
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["data"]["role"], "employee");

    // Granted views, not management: 403 in the own store.
    let add = json!({"phone": "0554000001", "permissions": ["products.view"]});
    let r = app
        .post(
            &format!("/api/v1/partner/stores/{riyadh}/employees"),
            Some(&token),
            add.clone(),
        )
        .await;
    assert_eq!(r.status, 403, "{r:?}");
    let r = app
        .get(
            &format!("/api/v1/partner/stores/{riyadh}/employees"),
            Some(&token),
        )
        .await;
    assert_eq!(r.status, 403);
    let r = patch(
        &app,
        &format!("/api/v1/partner/stores/{riyadh}"),
        &token,
        json!({"nameEn": "Mine"}),
    )
    .await;
    assert_eq!(r.status, 403);
    assert_eq!(
        delete(&app, &format!("/api/v1/partner/stores/{riyadh}"), &token)
            .await
            .status,
        403
    );

    // The other store does not exist for them.
    let r = app
        .get(&format!("/api/v1/partner/stores/{jeddah}"), Some(&token))
        .await;
    assert_eq!(r.status, 404, "{r:?}");
    assert_eq!(r.body["error"]["code"], "NOT_FOUND");
    let r = app
        .get(
            &format!("/api/v1/partner/stores/{jeddah}/employees"),
            Some(&token),
        )
        .await;
    assert_eq!(r.status, 404);
    let r = app
        .post(
            &format!("/api/v1/partner/stores/{jeddah}/employees"),
            Some(&token),
            add,
        )
        .await;
    assert_eq!(r.status, 404);
    let r = patch(
        &app,
        &format!("/api/v1/partner/stores/{jeddah}"),
        &token,
        json!({"nameEn": "x"}),
    )
    .await;
    assert_eq!(r.status, 404);
}

#[tokio::test]
async fn the_owner_manages_the_team_and_delegation_has_limits() {
    let app = TestApp::spawn().await;
    let (riyadh, jeddah) = demo_stores(&app).await;
    let owner = app.token_of(SUPPLIER).await;
    let employees = format!("/api/v1/partner/stores/{riyadh}/employees");

    let r = app
        .post(
            &employees,
            Some(&owner),
            json!({"phone": "٠٥٥٤٠٠٠٠٠١", "permissions": ["products.manage", "no.such"]}),
        )
        .await;
    assert_eq!(r.status, 422, "{r:?}");
    assert!(r.body["error"]["fields"]["permissions"].is_array());
    let r = app
        .post(
            &employees,
            Some(&owner),
            json!({"phone": "٠٥٥٤٠٠٠٠٠١", "permissions": ["products.manage"]}),
        )
        .await;
    assert_eq!(r.status, 201, "{r:?}");
    assert_eq!(r.body["data"]["phone"], "+966554000001");
    assert_eq!(r.body["data"]["permissions"], json!(["products.manage"]));
    let new_id = r.body["data"]["id"].as_str().unwrap().to_owned();
    let role: String = sqlx::query_scalar("SELECT role FROM users WHERE phone = '+966554000001'")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(role, "CUSTOMER", "a new phone becomes a customer account");

    for (phone, code) in [
        ("0554000001", "EMPLOYEE_EXISTS"),
        (SUPPLIER, "EMPLOYEE_IS_OWNER"),
        (ADMIN, "EMPLOYEE_IS_ADMIN"),
    ] {
        let r = app
            .post(
                &employees,
                Some(&owner),
                json!({"phone": phone, "permissions": []}),
            )
            .await;
        assert_eq!(r.status, 409, "{phone}: {r:?}");
        assert_eq!(r.body["error"]["code"], code);
    }
    let r = app.get(&employees, Some(&owner)).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.body["data"].as_array().unwrap().len(), 2);

    // An employee id belongs to its store only.
    let r = patch(
        &app,
        &format!("/api/v1/partner/stores/{jeddah}/employees/{new_id}"),
        &owner,
        json!({"permissions": []}),
    )
    .await;
    assert_eq!(r.status, 404, "{r:?}");
    let r = delete(
        &app,
        &format!("/api/v1/partner/stores/{jeddah}/employees/{new_id}"),
        &owner,
    )
    .await;
    assert_eq!(r.status, 404);

    // The owner makes the demo employee a team manager.
    let demo_employee: String = r_first_id(&app, &employees, &owner, "+966500000003").await;
    let r = patch(
        &app,
        &format!("{employees}/{demo_employee}"),
        &owner,
        json!({"permissions": ["products.view", "orders.view", "store.team.manage"]}),
    )
    .await;
    assert_eq!(r.status, 200, "{r:?}");
    let manager = app.token_of(EMPLOYEE).await;
    // A manager adds people, but hands out no team management …
    let r = app
        .post(
            &employees,
            Some(&manager),
            json!({"phone": "0554000002", "permissions": ["orders.view"]}),
        )
        .await;
    assert_eq!(r.status, 201, "{r:?}");
    let r = app
        .post(
            &employees,
            Some(&manager),
            json!({"phone": "0554000003", "permissions": ["store.team.manage"]}),
        )
        .await;
    assert_eq!(r.status, 403, "{r:?}");
    // … nor changes their own permissions.
    let r = patch(
        &app,
        &format!("{employees}/{demo_employee}"),
        &manager,
        json!({"permissions": ["products.manage", "orders.manage", "store.team.manage"]}),
    )
    .await;
    assert_eq!(r.status, 403, "{r:?}");
    let r = patch(
        &app,
        &format!("{employees}/{new_id}"),
        &manager,
        json!({"permissions": ["orders.view"]}),
    )
    .await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["data"]["permissions"], json!(["orders.view"]));

    // Removal ends access at once.
    let removed = app.token_of("+966554000001").await;
    assert_eq!(
        app.get(&format!("/api/v1/partner/stores/{riyadh}"), Some(&removed))
            .await
            .status,
        200
    );
    let r = delete(&app, &format!("{employees}/{new_id}"), &owner).await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(
        app.get(&format!("/api/v1/partner/stores/{riyadh}"), Some(&removed))
            .await
            .status,
        404
    );
    assert_eq!(
        app.get("/api/v1/partner/stores", Some(&removed)).await.body["data"],
        json!([])
    );

    assert_eq!(
        audit_count(&app, "store_employee.create", "store_employee").await,
        2
    );
    assert_eq!(
        audit_count(&app, "store_employee.update", "store_employee").await,
        2
    );
    assert_eq!(
        audit_count(&app, "store_employee.delete", "store_employee").await,
        1
    );
}

async fn r_first_id(app: &TestApp, path: &str, token: &str, phone: &str) -> String {
    let r = app.get(path, Some(token)).await;
    r.body["data"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["phone"] == phone)
        .expect("the employee is listed")["id"]
        .as_str()
        .unwrap()
        .to_owned()
}

#[tokio::test]
async fn outsiders_get_404_and_anonymous_callers_401() {
    let app = TestApp::spawn().await;
    let (riyadh, jeddah) = demo_stores(&app).await;
    let other = new_supplier(&app, "0555000001").await;
    let customer = app.token_of(CUSTOMER).await;
    let paths = [
        format!("/api/v1/partner/stores/{riyadh}"),
        format!("/api/v1/partner/stores/{jeddah}"),
        format!("/api/v1/partner/stores/{riyadh}/employees"),
    ];
    for token in [&other, &customer] {
        for p in &paths {
            let r = app.get(p, Some(token)).await;
            assert_eq!(r.status, 404, "{p}: {r:?}");
        }
        let r = patch(&app, &paths[0], token, json!({"nameEn": "Taken"})).await;
        assert_eq!(r.status, 404);
        assert_eq!(delete(&app, &paths[1], token).await.status, 404);
        let r = app
            .post(
                &paths[2],
                Some(token),
                json!({"phone": "0555000009", "permissions": []}),
            )
            .await;
        assert_eq!(r.status, 404);
        assert_eq!(
            app.get("/api/v1/partner/stores", Some(token)).await.body["data"],
            json!([])
        );
    }
    for p in &paths {
        let r = app.get(p, None).await;
        assert_eq!(r.status, 401, "{p}");
        assert_eq!(r.body["error"]["code"], "UNAUTHENTICATED");
    }
    assert_eq!(
        app.get("/api/v1/partner/stores/not-a-uuid", Some(&other))
            .await
            .status,
        404
    );
}

#[tokio::test]
async fn the_owner_edits_and_deletes_stores_but_not_their_commission_or_status() {
    let app = TestApp::spawn().await;
    let (riyadh, jeddah) = demo_stores(&app).await;
    let owner = app.token_of(SUPPLIER).await;
    let r = app.get("/api/v1/partner/stores", Some(&owner)).await;
    assert_eq!(r.body["data"].as_array().unwrap().len(), 2);
    assert_eq!(r.body["data"][0]["role"], "owner");
    assert_eq!(
        r.body["data"][0]["permissions"].as_array().unwrap().len(),
        9
    );

    let path = format!("/api/v1/partner/stores/{riyadh}");
    for forbidden in [json!({"commissionBp": 0}), json!({"status": "active"})] {
        let r = patch(&app, &path, &owner, forbidden).await;
        assert_eq!(r.status, 422, "{r:?}");
    }
    let r = patch(
        &app,
        &path,
        &owner,
        json!({"nameEn": "Riyadh Olaya Branch", "phone": "", "workingHours": {"fri": [["14:00", "24:00"]]}}),
    )
    .await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["data"]["nameEn"], "Riyadh Olaya Branch");
    assert_eq!(r.body["data"]["nameAr"], "فرع الرياض");
    assert!(r.body["data"]["phone"].is_null());
    assert_eq!(
        r.body["data"]["workingHours"],
        json!({"fri": [["14:00", "24:00"]]})
    );
    assert_eq!(r.body["data"]["status"], "active");

    let r = delete(&app, &format!("/api/v1/partner/stores/{jeddah}"), &owner).await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(
        app.get(&format!("/api/v1/partner/stores/{jeddah}"), Some(&owner))
            .await
            .status,
        404
    );
    assert_eq!(
        app.get(&format!("/api/v1/stores/{jeddah}"), None)
            .await
            .status,
        404
    );
    assert_eq!(audit_count(&app, "store.update", "store").await, 1);
    assert_eq!(audit_count(&app, "store.delete", "store").await, 1);
}

#[tokio::test]
async fn admins_activate_suspend_and_price_stores() {
    let app = TestApp::spawn().await;
    let (riyadh, jeddah) = demo_stores(&app).await;
    let limited = app.token_of(ADMIN).await;
    let root = app.token_of(SUPER_ADMIN).await;
    let suspend = format!("/api/v1/admin/stores/{jeddah}/suspend");
    let r = app
        .post(&suspend, Some(&limited), json!({"reason": "x"}))
        .await;
    assert_eq!(r.status, 403);

    let r = app
        .post(&suspend, Some(&root), json!({"reason": " "}))
        .await;
    assert_eq!(r.status, 422, "{r:?}");
    let r = app
        .post(
            &suspend,
            Some(&root),
            json!({"reason": "Expired municipal licence"}),
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["data"]["status"], "suspended");
    assert_eq!(r.body["data"]["statusReason"], "Expired municipal licence");
    let r = app
        .post(&suspend, Some(&root), json!({"reason": "again"}))
        .await;
    assert_eq!(r.status, 409);
    assert_eq!(
        app.get(&format!("/api/v1/stores/{jeddah}"), None)
            .await
            .status,
        404
    );
    let r = app
        .get(
            "/api/v1/stores/nearest?lat=21.5433&lng=39.1728&radiusKm=50",
            None,
        )
        .await;
    assert_eq!(
        r.body["data"],
        json!([]),
        "the suspended Jeddah store is not listed"
    );
    // The owner still sees it, with the reason.
    let owner = app.token_of(SUPPLIER).await;
    let r = app
        .get(&format!("/api/v1/partner/stores/{jeddah}"), Some(&owner))
        .await;
    assert_eq!(r.body["data"]["status"], "suspended");
    assert_eq!(r.body["data"]["statusReason"], "Expired municipal licence");

    let r = app
        .get("/api/v1/admin/stores?status=suspended", Some(&root))
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["meta"]["total"], 1);
    let activate = format!("/api/v1/admin/stores/{jeddah}/activate");
    let r = app.post(&activate, Some(&root), json!({})).await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["data"]["status"], "active");
    assert!(r.body["data"]["statusReason"].is_null());
    assert_eq!(
        app.post(&activate, Some(&root), json!({})).await.status,
        409
    );
    assert_eq!(
        app.get(&format!("/api/v1/stores/{jeddah}"), None)
            .await
            .status,
        200
    );

    let commission = format!("/api/v1/admin/stores/{riyadh}/commission");
    for bad in [
        json!({"commissionBp": 10001}),
        json!({"commissionBp": -1}),
        json!({}),
    ] {
        let r = send(&app, Method::PUT, &commission, Some(&root), Some(bad)).await;
        assert_eq!(r.status, 422, "{r:?}");
        assert!(r.body["error"]["fields"]["commissionBp"].is_array());
    }
    let r = send(
        &app,
        Method::PUT,
        &commission,
        Some(&root),
        Some(json!({"commissionBp": 1500})),
    )
    .await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["data"]["commissionBp"], 1500);
    let r = send(
        &app,
        Method::PUT,
        &commission,
        Some(&limited),
        Some(json!({"commissionBp": 0})),
    )
    .await;
    assert_eq!(r.status, 403);

    let company: Uuid = sqlx::query_scalar("SELECT company_id FROM stores WHERE id = $1")
        .bind(riyadh)
        .fetch_one(&app.db)
        .await
        .unwrap();
    let r = app
        .get(
            &format!("/api/v1/admin/stores?companyId={company}&q=jeddah&sort=-nameEn"),
            Some(&root),
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["meta"]["total"], 1);
    assert_eq!(r.body["data"][0]["id"], json!(jeddah));
    let r = app
        .get("/api/v1/admin/stores?sort=commission", Some(&root))
        .await;
    assert_eq!(r.status, 422);

    assert_eq!(audit_count(&app, "store.suspend", "store").await, 1);
    assert_eq!(audit_count(&app, "store.activate", "store").await, 1);
    assert_eq!(audit_count(&app, "store.commission", "store").await, 1);
}

#[tokio::test]
async fn public_store_shows_the_rating_and_hides_what_is_not_live() {
    let app = TestApp::spawn().await;
    let (riyadh, _) = demo_stores(&app).await;
    let r = app.get(&format!("/api/v1/stores/{riyadh}"), None).await;
    assert_eq!(r.status, 200, "{r:?}");
    assert!(r.body["data"]["ratingAverage"].is_null());
    assert_eq!(r.body["data"]["ratingCount"], 0);
    assert_eq!(r.body["data"]["storeType"]["nameAr"], "متجر قطع غيار");
    assert!(r.body["data"].get("commissionBp").is_none());
    sqlx::query("UPDATE stores SET rating_sum = 9, rating_count = 2 WHERE id = $1")
        .bind(riyadh)
        .execute(&app.db)
        .await
        .unwrap();
    let r = app.get(&format!("/api/v1/stores/{riyadh}"), None).await;
    assert_eq!(r.body["data"]["ratingAverage"], 4.5);
    assert_eq!(
        app.get(&format!("/api/v1/stores/{}", Uuid::now_v7()), None)
            .await
            .status,
        404
    );
    assert_eq!(app.get("/api/v1/stores/abc", None).await.status, 404);
}

#[tokio::test]
async fn store_types_and_services_are_managed_by_admins_and_seeded_once() {
    let app = TestApp::spawn().await;
    let r = app.get("/api/v1/store-types", None).await;
    assert_eq!(r.status, 200, "{r:?}");
    let types = r.body["data"].as_array().unwrap();
    let slugs: Vec<&str> = types.iter().map(|t| t["slug"].as_str().unwrap()).collect();
    assert_eq!(slugs, ["car-wash", "parts-shop", "tyre-shop", "workshop"]);
    let wash = types.iter().find(|t| t["slug"] == "car-wash").unwrap();
    assert_eq!(wash["nameAr"], "مغسلة سيارات");
    let names: Vec<&str> = wash["services"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["nameAr"].as_str().unwrap())
        .collect();
    for n in ["غسيل خارجي", "تنظيف داخلي", "تلميع"] {
        assert!(names.contains(&n), "{n} in {names:?}");
    }
    let workshop = types.iter().find(|t| t["slug"] == "workshop").unwrap();
    let names: Vec<&str> = workshop["services"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["nameEn"].as_str().unwrap())
        .collect();
    for n in [
        "Oil change",
        "Brake service",
        "AC service",
        "Computer diagnostics",
    ] {
        assert!(names.contains(&n), "{n} in {names:?}");
    }

    // Seeding again changes nothing.
    let count = |table: &'static str| {
        let db = app.db.clone();
        async move {
            sqlx::query_scalar::<_, i64>(&format!("SELECT count(*) FROM {table}"))
                .fetch_one(&db)
                .await
                .unwrap()
        }
    };
    let before = (
        count("services").await,
        count("store_types").await,
        count("store_type_services").await,
        count("stores").await,
        count("companies").await,
        count("store_employees").await,
    );
    app::seed::reference(&app.db).await.unwrap();
    app::stores::seed::demo(&app.db).await.unwrap();
    let after = (
        count("services").await,
        count("store_types").await,
        count("store_type_services").await,
        count("stores").await,
        count("companies").await,
        count("store_employees").await,
    );
    assert_eq!(before, after);

    let root = app.token_of(SUPER_ADMIN).await;
    let limited = app.token_of(ADMIN).await;
    let service =
        json!({"slug": "ceramic-coating", "nameAr": "حماية سيراميك", "nameEn": "Ceramic coating"});
    assert_eq!(
        app.post("/api/v1/admin/services", Some(&limited), service.clone())
            .await
            .status,
        403
    );
    let r = app
        .post(
            "/api/v1/admin/services",
            Some(&root),
            json!({"slug": "Bad Slug"}),
        )
        .await;
    assert_eq!(r.status, 422, "{r:?}");
    for f in ["slug", "nameAr", "nameEn"] {
        assert!(r.body["error"]["fields"][f].is_array(), "{f}");
    }
    let r = app
        .post("/api/v1/admin/services", Some(&root), service.clone())
        .await;
    assert_eq!(r.status, 201, "{r:?}");
    let service_id = r.body["data"]["id"].as_str().unwrap().to_owned();
    let r = app
        .post("/api/v1/admin/services", Some(&root), service)
        .await;
    assert_eq!(r.status, 409);
    assert_eq!(r.body["error"]["code"], "SLUG_TAKEN");

    let r = app
        .post(
            "/api/v1/admin/store-types",
            Some(&root),
            json!({"slug": "detailing", "nameAr": "مركز عناية", "nameEn": "Detailing centre", "serviceIds": [service_id, Uuid::now_v7()]}),
        )
        .await;
    assert_eq!(r.status, 422, "{r:?}");
    assert!(r.body["error"]["fields"]["serviceIds"].is_array());
    let r = app
        .post(
            "/api/v1/admin/store-types",
            Some(&root),
            json!({"slug": "detailing", "nameAr": "مركز عناية", "nameEn": "Detailing centre", "serviceIds": [service_id]}),
        )
        .await;
    assert_eq!(r.status, 201, "{r:?}");
    assert_eq!(r.body["data"]["services"][0]["slug"], "ceramic-coating");
    let type_id = r.body["data"]["id"].as_str().unwrap().to_owned();
    let r = patch(
        &app,
        &format!("/api/v1/admin/store-types/{type_id}"),
        &root,
        json!({"nameEn": "Detailing", "serviceIds": []}),
    )
    .await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["data"]["nameEn"], "Detailing");
    assert_eq!(r.body["data"]["services"], json!([]));
    let r = patch(
        &app,
        &format!("/api/v1/admin/services/{service_id}"),
        &root,
        json!({"nameEn": "Ceramic protection"}),
    )
    .await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["data"]["slug"], "ceramic-coating");

    // A type in use stays; an unused one goes.
    let parts = store_type_id(&app, "parts-shop").await;
    let r = delete(&app, &format!("/api/v1/admin/store-types/{parts}"), &root).await;
    assert_eq!(r.status, 409, "{r:?}");
    assert_eq!(r.body["error"]["code"], "STORE_TYPE_IN_USE");
    assert!(
        r.body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("2 stores"),
        "{r:?}"
    );
    assert_eq!(
        delete(&app, &format!("/api/v1/admin/store-types/{type_id}"), &root)
            .await
            .status,
        200
    );
    assert_eq!(
        delete(&app, &format!("/api/v1/admin/store-types/{type_id}"), &root)
            .await
            .status,
        404
    );
    assert_eq!(
        delete(&app, &format!("/api/v1/admin/services/{service_id}"), &root)
            .await
            .status,
        200
    );
    let r = app.get("/api/v1/store-types", None).await;
    assert_eq!(r.body["data"].as_array().unwrap().len(), 4);
    assert_eq!(
        audit_count(&app, "store_type.create", "store_type").await,
        1
    );
    assert_eq!(audit_count(&app, "service.delete", "service").await, 1);
}

#[tokio::test]
async fn the_routes_are_documented() {
    let app = TestApp::spawn().await;
    let doc = app.get("/docs/openapi.json", None).await;
    let paths = doc.body["paths"].as_object().unwrap();
    for (p, tag) in [
        ("/api/v1/partner/company", "partner"),
        (
            "/api/v1/partner/stores/{storeId}/employees/{employeeId}",
            "partner",
        ),
        ("/api/v1/admin/companies/{id}/reject", "admin"),
        ("/api/v1/admin/stores/{id}/commission", "admin"),
        ("/api/v1/stores/nearest", "stores"),
        ("/api/v1/store-types", "stores"),
    ] {
        let item = paths.get(p).unwrap_or_else(|| panic!("{p} is documented"));
        let op = item.as_object().unwrap().values().next().unwrap();
        assert_eq!(op["tags"][0], tag, "{p}");
    }
}

#[tokio::test]
async fn a_store_with_open_orders_or_a_balance_cannot_be_deleted_but_can_be_suspended() {
    use crate::shop;
    let app = TestApp::spawn().await;
    let (riyadh, jeddah) = demo_stores(&app).await;
    let owner = app.token_of(SUPPLIER).await;
    let customer = app.token_of(shop::CUSTOMER).await;
    let p = shop::product(&app, jeddah, 10_000, 5).await;
    let address = shop::address(&app, &customer).await;
    let r = shop::checkout(
        &app,
        &customer,
        "open-order",
        json!({"addressId": address, "paymentMethod": "wallet", "items": [{"productId": p, "quantity": 1}]}),
    )
    .await;
    assert_eq!(r.status, 201, "{r:?}");
    let order = r.body["data"]["orders"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();

    let r = delete(&app, &format!("/api/v1/partner/stores/{jeddah}"), &owner).await;
    assert_eq!(r.status, 409, "{r:?}");
    assert_eq!(r.body["error"]["code"], "STORE_HAS_OPEN_ORDERS");
    // Nothing changed: the owner and the customer still see the order.
    let r = app
        .get(
            &format!("/api/v1/partner/stores/{jeddah}/orders/{order}"),
            Some(&owner),
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(audit_count(&app, "store.delete", "store").await, 0);

    // The Riyadh store has no open order but a delivered cash order: a balance.
    let r = delete(&app, &format!("/api/v1/partner/stores/{riyadh}"), &owner).await;
    assert_eq!(r.status, 409, "{r:?}");
    assert_eq!(r.body["error"]["code"], "STORE_HAS_BALANCE");

    // Suspension stays possible.
    let admin = app.token_of(SUPER_ADMIN).await;
    let r = app
        .post(
            &format!("/api/v1/admin/stores/{jeddah}/suspend"),
            Some(&admin),
            json!({"reason": "closing"}),
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");

    // Once the order is cancelled (the money back to the wallet), it can go.
    let r = app
        .post(
            &format!("/api/v1/orders/{order}/cancel"),
            Some(&customer),
            json!({}),
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    let r = delete(&app, &format!("/api/v1/partner/stores/{jeddah}"), &owner).await;
    assert_eq!(r.status, 200, "{r:?}");
}
