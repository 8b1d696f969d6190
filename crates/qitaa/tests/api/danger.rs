//! The danger zone: clearing every business record keeps exactly the kept
//! set, refuses without the phrase or a fresh step-up, and leaves its own
//! audit row.

use std::collections::BTreeMap;

use serde_json::json;

use crate::harness::TestApp;

const SUPER_ADMIN: &str = "+966500000000";
const ADMIN: &str = "+966500000005";
const CUSTOMER: &str = "+966500000001";
const PHRASE: &str = "DELETE ALL BUSINESS DATA";

async fn row_counts(app: &TestApp) -> BTreeMap<String, i64> {
    let tables: Vec<String> = sqlx::query_scalar(
        "SELECT tablename::text FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    let mut out = BTreeMap::new();
    for t in tables {
        let n: i64 = sqlx::query_scalar(&format!("SELECT count(*) FROM \"{t}\""))
            .fetch_one(&app.db)
            .await
            .unwrap();
        out.insert(t, n);
    }
    out
}

async fn admins(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM users WHERE role IN ('ADMIN', 'SUPER_ADMIN')")
        .fetch_one(&app.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn clearing_keeps_exactly_the_kept_set_behind_the_phrase_and_a_fresh_step_up() {
    let app = TestApp::spawn().await;
    let root = app.token_of(SUPER_ADMIN).await;
    let admin = app.token_of(ADMIN).await;
    let customer = app.token_of(CUSTOMER).await;
    // A saved setting, so the kept set holds one.
    let r = app
        .call(
            reqwest::Method::PUT,
            "/api/v1/admin/settings",
            Some(&root),
            Some(json!({"comingSoon": false})),
            "en",
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    let good = json!({"phrase": PHRASE, "code": "123456"});
    // A banner with its picture, and a product picture of a supplier: the
    // clear keeps the first and removes the second.
    let picture = crate::media::upload(
        &app,
        &root,
        "PRODUCT_IMAGE",
        "banner.png",
        "image/png",
        &crate::media::png(60, 25),
    )
    .await;
    assert_eq!(picture.status, 201, "{picture:?}");
    let picture = picture.body["data"]["id"].as_str().unwrap().to_owned();
    let r = app
        .post(
            "/api/v1/admin/content/banners",
            Some(&root),
            json!({"titleAr": "عرض", "titleEn": "Deal", "imageId": picture, "app": "customer"}),
        )
        .await;
    assert_eq!(r.status, 201, "{r:?}");

    // Only a super admin, and only with a live step-up code.
    for who in [&admin, &customer] {
        assert_eq!(
            app.post("/api/v1/admin/clear-data/step-up", Some(who), json!({}))
                .await
                .status,
            403
        );
        assert_eq!(
            app.post("/api/v1/admin/clear-data", Some(who), good.clone())
                .await
                .status,
            403
        );
    }
    let r = app
        .post("/api/v1/admin/clear-data", Some(&root), good.clone())
        .await;
    assert_eq!(r.status, 403, "{r:?}");
    assert_eq!(r.body["error"]["code"], "STEP_UP_REQUIRED");

    let r = app
        .post("/api/v1/admin/clear-data/step-up", Some(&root), json!({}))
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    let code = app.last_code(SUPER_ADMIN).await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let r = app
        .call(
            reqwest::Method::POST,
            "/api/v1/admin/clear-data",
            Some(&root),
            Some(json!({"phrase": "delete all business data", "code": code})),
            "ar",
        )
        .await;
    assert_eq!(r.status, 422, "{r:?}");
    assert!(
        r.body["error"]["fields"]["phrase"][0]
            .as_str()
            .unwrap()
            .contains(PHRASE)
    );
    let r = app
        .post(
            "/api/v1/admin/clear-data",
            Some(&root),
            json!({"phrase": PHRASE, "code": wrong}),
        )
        .await;
    assert_eq!(r.status, 422, "{r:?}");
    assert!(r.body["error"]["fields"]["code"].is_array());

    let before = row_counts(&app).await;
    let business = [
        "users",
        "stores",
        "products",
        "companies",
        "ledger_accounts",
        "auth_sessions",
    ];
    for t in business {
        assert!(before[t] > 0, "{t} holds rows before the clear: {before:?}");
    }
    let admin_count = admins(&app).await;
    assert!(admin_count >= 2 && before["users"] > admin_count);

    let r = app
        .post(
            "/api/v1/admin/clear-data",
            Some(&root),
            json!({"phrase": PHRASE, "code": code}),
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    let after = row_counts(&app).await;

    let kept = [
        "_sqlx_migrations",
        "system_settings",
        "cashback_rules",
        "courier_rates",
        "car_makes",
        "car_models",
        "body_types",
        "categories",
        "services",
        "store_types",
        "store_type_services",
        "notification_templates",
        "admin_permissions",
        "countries",
        "regions",
        "cities",
        "areas",
        "banners",
        "faqs",
        "static_pages",
        "static_page_versions",
        "social_links",
    ];
    for t in kept {
        assert_eq!(after[t], before[t], "{t} is kept whole");
    }
    for t in [
        "system_settings",
        "car_makes",
        "categories",
        "notification_templates",
        "courier_rates",
    ] {
        assert!(after[t] > 0, "{t} had rows to keep");
    }
    assert_eq!(after["users"], admin_count, "only the admins remain");
    assert_eq!(admins(&app).await, admin_count);
    assert_eq!(after["audit_logs"], 1, "the clear's own row");
    let sessions: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM auth_sessions s JOIN users u ON u.id = s.user_id \
         WHERE u.role NOT IN ('ADMIN', 'SUPER_ADMIN')",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(sessions, 0);
    let partial = [
        "media_files",
        "users",
        "auth_sessions",
        "refresh_tokens",
        "devices",
        "notification_preferences",
        "audit_logs",
    ];
    for (t, n) in &after {
        if !kept.contains(&t.as_str()) && !partial.contains(&t.as_str()) {
            assert_eq!(*n, 0, "{t} is business data and must be empty: {after:?}");
        }
    }
    let (action, actor): (String, uuid::Uuid) =
        sqlx::query_as("SELECT action, actor_id FROM audit_logs")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(action, "data.clear");
    let root_id: uuid::Uuid =
        sqlx::query_scalar("SELECT id FROM users WHERE phone = '+966500000000'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(actor, root_id);
    assert_eq!(r.body["data"]["auditId"].as_str().unwrap().len(), 36);

    // Only the banner's picture is left of the uploads, and it still serves.
    assert!(before["media_files"] > 1, "{before:?}");
    assert_eq!(after["media_files"], 1, "{after:?}");
    let r = app
        .client
        .get(format!("{}/api/v1/media/{picture}", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200);
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("image/")
    );
    let live = app.get("/api/v1/content/banners?app=customer", None).await;
    assert_eq!(
        live.body["data"][0]["imageId"],
        picture.as_str(),
        "{live:?}"
    );

    // The code was used once; the admin goes on working; the customer is gone.
    let r = app
        .post(
            "/api/v1/admin/clear-data",
            Some(&root),
            json!({"phrase": PHRASE, "code": code}),
        )
        .await;
    assert_eq!(r.body["error"]["code"], "STEP_UP_REQUIRED");
    assert_eq!(
        app.get("/api/v1/admin/users", Some(&root)).await.status,
        200
    );
    assert_eq!(
        app.get("/api/v1/users/me", Some(&customer)).await.status,
        401
    );
}
