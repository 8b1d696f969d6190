//! The customer's favorites and addresses.

use reqwest::Method;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::harness::{Reply, TestApp};

const CUSTOMER: &str = "+966500000001";
const SUPER_ADMIN: &str = "+966500000000";

async fn send(
    app: &TestApp,
    method: Method,
    path: &str,
    token: &str,
    body: Option<Value>,
) -> Reply {
    app.call(method, path, Some(token), body, "en").await
}

async fn product(app: &TestApp, store: Uuid, status: &str) -> Uuid {
    let id = Uuid::now_v7();
    sqlx::query(
        "INSERT INTO products (id, store_id, name_ar, name_en, condition, price, stock, status) \
         VALUES ($1, $2, 'فلتر زيت تويوتا', 'Toyota oil filter', 'new', 4500, 10, $3)",
    )
    .bind(id)
    .bind(store)
    .bind(status)
    .execute(&app.db)
    .await
    .unwrap();
    id
}

fn ids(r: &Reply) -> Vec<String> {
    r.body["data"]
        .as_array()
        .unwrap_or_else(|| panic!("a list: {r:?}"))
        .iter()
        .map(|f| f["id"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn favorites_are_idempotent_and_only_of_visible_things() {
    let app = TestApp::spawn().await;
    let (riyadh, jeddah) = app::stores::seed::demo_store_ids(&app.db)
        .await
        .unwrap()
        .unwrap();
    let token = app.token_of(CUSTOMER).await;
    assert_eq!(app.get("/api/v1/favorites", None).await.status, 401);

    for _ in 0..2 {
        let r = send(
            &app,
            Method::PUT,
            &format!("/api/v1/favorites/store/{riyadh}"),
            &token,
            None,
        )
        .await;
        assert_eq!(r.status, 200, "{r:?}");
    }
    let live = product(&app, jeddah, "active").await;
    let draft = product(&app, jeddah, "draft").await;
    let r = send(
        &app,
        Method::PUT,
        &format!("/api/v1/favorites/product/{live}"),
        &token,
        None,
    )
    .await;
    assert_eq!(r.status, 200, "{r:?}");
    for missing in [
        format!("/api/v1/favorites/product/{draft}"),
        format!("/api/v1/favorites/product/{riyadh}"),
        format!("/api/v1/favorites/store/{live}"),
        format!("/api/v1/favorites/store/{}", Uuid::now_v7()),
        format!("/api/v1/favorites/car/{riyadh}"),
        "/api/v1/favorites/store/not-a-uuid".to_owned(),
    ] {
        let r = send(&app, Method::PUT, &missing, &token, None).await;
        assert_eq!(r.status, 404, "{missing}: {r:?}");
    }

    let r = app.get("/api/v1/favorites", Some(&token)).await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["meta"]["total"], 2);
    assert_eq!(ids(&r), [live.to_string(), riyadh.to_string()]);
    let r = app
        .get("/api/v1/favorites?type=product", Some(&token))
        .await;
    assert_eq!(ids(&r), [live.to_string()]);
    assert_eq!(r.body["data"][0]["type"], "product");
    assert_eq!(r.body["data"][0]["price"], 4500);
    assert_eq!(r.body["data"][0]["storeId"], json!(jeddah));
    let r = app.get("/api/v1/favorites?type=store", Some(&token)).await;
    assert_eq!(ids(&r), [riyadh.to_string()]);
    assert_eq!(r.body["data"][0]["nameEn"], "Riyadh Branch");
    let r = app.get("/api/v1/favorites?type=car", Some(&token)).await;
    assert_eq!(r.status, 422);
    assert!(r.body["error"]["fields"]["type"].is_array(), "{r:?}");

    // Another customer's list is their own.
    let other = app.token_of("0556000001").await;
    assert_eq!(
        app.get("/api/v1/favorites", Some(&other)).await.body["meta"]["total"],
        0
    );

    // A suspended store hides itself and its products from the list.
    let root = app.token_of(SUPER_ADMIN).await;
    let r = app
        .post(
            &format!("/api/v1/admin/stores/{jeddah}/suspend"),
            Some(&root),
            json!({"reason": "audit"}),
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    let r = app.get("/api/v1/favorites", Some(&token)).await;
    assert_eq!(ids(&r), [riyadh.to_string()]);

    for _ in 0..2 {
        let r = send(
            &app,
            Method::DELETE,
            &format!("/api/v1/favorites/store/{riyadh}"),
            &token,
            None,
        )
        .await;
        assert_eq!(r.status, 200, "{r:?}");
    }
    let r = app.get("/api/v1/favorites?type=store", Some(&token)).await;
    assert_eq!(r.body["data"], json!([]));
}

fn address(label: &str) -> Value {
    json!({
        "label": label,
        "recipientName": "عبدالله",
        "phone": "٠٥٠١٢٣٤٥٦٧",
        "city": "الرياض",
        "district": "العليا",
        "lat": 24.69,
        "lng": 46.68,
    })
}

async fn defaults(app: &TestApp, phone: &str) -> Vec<Uuid> {
    sqlx::query_scalar(
        "SELECT a.id FROM addresses a JOIN users u ON u.id = a.user_id \
         WHERE u.phone = $1 AND a.is_default AND a.deleted_at IS NULL",
    )
    .bind(phone)
    .fetch_all(&app.db)
    .await
    .unwrap()
}

#[tokio::test]
async fn addresses_keep_exactly_one_default() {
    let app = TestApp::spawn().await;
    // A new customer: the demo one already has a saved address.
    const NEW_CUSTOMER: &str = "+966557000009";
    let token = app.token_of(NEW_CUSTOMER).await;

    let r = app
        .post(
            "/api/v1/addresses",
            Some(&token),
            json!({"lat": 91, "isDefault": true}),
        )
        .await;
    assert_eq!(r.status, 422, "{r:?}");
    for f in ["label", "recipientName", "phone", "city", "lat", "lng"] {
        assert!(r.body["error"]["fields"][f].is_array(), "{f}: {r:?}");
    }

    let r = app
        .post("/api/v1/addresses", Some(&token), address("المنزل"))
        .await;
    assert_eq!(r.status, 201, "{r:?}");
    assert_eq!(
        r.body["data"]["isDefault"], true,
        "the first address is the default"
    );
    assert_eq!(r.body["data"]["phone"], "+966501234567");
    let home = r.body["data"]["id"].as_str().unwrap().to_owned();
    let r = app
        .post("/api/v1/addresses", Some(&token), address("العمل"))
        .await;
    assert_eq!(r.body["data"]["isDefault"], false);
    let work = r.body["data"]["id"].as_str().unwrap().to_owned();
    let mut third = address("الاستراحة");
    third["isDefault"] = json!(true);
    let r = app.post("/api/v1/addresses", Some(&token), third).await;
    assert_eq!(r.body["data"]["isDefault"], true);
    let rest = r.body["data"]["id"].as_str().unwrap().to_owned();
    assert_eq!(
        defaults(&app, NEW_CUSTOMER).await,
        [rest.parse::<Uuid>().unwrap()]
    );

    let r = app
        .post(
            &format!("/api/v1/addresses/{work}/default"),
            Some(&token),
            json!({}),
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["data"]["isDefault"], true);
    let r = app.get("/api/v1/addresses", Some(&token)).await;
    assert_eq!(ids(&r)[0], work, "the default comes first");
    assert_eq!(
        r.body["data"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|a| a["isDefault"] == true)
            .count(),
        1
    );

    let r = send(
        &app,
        Method::PATCH,
        &format!("/api/v1/addresses/{home}"),
        &token,
        Some(json!({"street": "طريق العليا", "district": ""})),
    )
    .await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["data"]["street"], "طريق العليا");
    assert!(r.body["data"]["district"].is_null());
    assert_eq!(r.body["data"]["label"], "المنزل");
    let r = send(
        &app,
        Method::PATCH,
        &format!("/api/v1/addresses/{home}"),
        &token,
        Some(json!({"isDefault": true})),
    )
    .await;
    assert_eq!(r.status, 422, "the default has its own endpoint: {r:?}");

    // Someone else's address does not exist for them.
    let other = app.token_of("0557000001").await;
    let r = send(
        &app,
        Method::PATCH,
        &format!("/api/v1/addresses/{home}"),
        &other,
        Some(json!({"label": "x"})),
    )
    .await;
    assert_eq!(r.status, 404);
    assert_eq!(
        app.post(
            &format!("/api/v1/addresses/{home}/default"),
            Some(&other),
            json!({})
        )
        .await
        .status,
        404
    );
    assert_eq!(
        send(
            &app,
            Method::DELETE,
            &format!("/api/v1/addresses/{home}"),
            &other,
            None
        )
        .await
        .status,
        404
    );
    assert_eq!(
        app.get("/api/v1/addresses", Some(&other)).await.body["data"],
        json!([])
    );

    // Deleting the default hands it to the newest remaining address.
    let r = send(
        &app,
        Method::DELETE,
        &format!("/api/v1/addresses/{work}"),
        &token,
        None,
    )
    .await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(
        defaults(&app, NEW_CUSTOMER).await,
        [rest.parse::<Uuid>().unwrap()]
    );
    assert_eq!(
        app.post(
            &format!("/api/v1/addresses/{work}/default"),
            Some(&token),
            json!({})
        )
        .await
        .status,
        404
    );
    assert_eq!(app.get("/api/v1/addresses", None).await.status, 401);
}

#[tokio::test]
async fn concurrent_make_default_calls_leave_exactly_one_default() {
    let app = TestApp::spawn().await;
    let token = app.token_of(CUSTOMER).await;
    let mut ids = Vec::new();
    for i in 0..4 {
        let r = app
            .post(
                "/api/v1/addresses",
                Some(&token),
                address(&format!("عنوان {i}")),
            )
            .await;
        assert_eq!(r.status, 201, "{r:?}");
        ids.push(r.body["data"]["id"].as_str().unwrap().to_owned());
    }
    for round in 0..5 {
        let calls = ids.iter().cycle().skip(round).take(8).map(|id| {
            let url = format!("{}/api/v1/addresses/{id}/default", app.base);
            app.client
                .post(url)
                .bearer_auth(&token)
                .json(&json!({}))
                .send()
        });
        let results = futures_join_all(calls).await;
        for r in results {
            assert_eq!(r.unwrap().status(), 200);
        }
        assert_eq!(defaults(&app, CUSTOMER).await.len(), 1, "round {round}");
    }
}

/// Runs the requests at the same time.
async fn futures_join_all<F, T>(futures: impl Iterator<Item = F>) -> Vec<T>
where
    F: std::future::Future<Output = T> + Send + 'static,
    T: Send + 'static,
{
    let handles: Vec<_> = futures.map(tokio::spawn).collect();
    let mut out = Vec::new();
    for h in handles {
        out.push(h.await.unwrap());
    }
    out
}
