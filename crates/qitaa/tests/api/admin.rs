use serde_json::json;

use crate::harness::TestApp;

const SUPER_ADMIN: &str = "+966500000000";
const CUSTOMER: &str = "+966500000001";
const ADMIN: &str = "+966500000005";

#[tokio::test]
async fn customers_are_forbidden_and_super_admins_get_a_page() {
    let app = TestApp::spawn().await;
    let customer = app.token_of(CUSTOMER).await;
    let r = app.get("/api/v1/admin/users", Some(&customer)).await;
    assert_eq!(r.status, 403, "{r:?}");
    assert_eq!(r.body["error"]["code"], "FORBIDDEN");

    let admin = app.token_of(SUPER_ADMIN).await;
    let r = app
        .get(
            "/api/v1/admin/users?page=1&perPage=4&sort=-createdAt",
            Some(&admin),
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["meta"]["page"], 1);
    assert_eq!(r.body["meta"]["perPage"], 4);
    assert_eq!(r.body["meta"]["total"], 6);
    assert_eq!(r.body["meta"]["totalPages"], 2);
    assert_eq!(r.body["data"].as_array().unwrap().len(), 4);
    let r = app
        .get("/api/v1/admin/users?page=2&perPage=4", Some(&admin))
        .await;
    assert_eq!(r.body["data"].as_array().unwrap().len(), 2);

    let r = app
        .get("/api/v1/admin/users?role=REPRESENTATIVE", Some(&admin))
        .await;
    assert_eq!(r.body["meta"]["total"], 1);
    assert_eq!(r.body["data"][0]["phone"], "+966500000004");
    let r = app
        .get("/api/v1/admin/users?q=500000002", Some(&admin))
        .await;
    assert_eq!(r.body["meta"]["total"], 1);

    let r = app
        .get(
            "/api/v1/admin/users?perPage=101&sort=password",
            Some(&admin),
        )
        .await;
    assert_eq!(r.status, 422);
    assert!(r.body["error"]["fields"]["perPage"].is_array());
    assert!(r.body["error"]["fields"]["sort"].is_array());
}

#[tokio::test]
async fn an_admin_without_users_manage_cannot_suspend() {
    let app = TestApp::spawn().await;
    let customer = app.sign_in(CUSTOMER).await;
    let id = customer["user"]["id"].as_str().unwrap();
    let admin = app.token_of(ADMIN).await;
    // users.view: may look …
    assert_eq!(
        app.get("/api/v1/admin/users", Some(&admin)).await.status,
        200
    );
    // … but not act.
    let r = app
        .post(
            &format!("/api/v1/admin/users/{id}/suspend"),
            Some(&admin),
            json!({"reason": "x"}),
        )
        .await;
    assert_eq!(r.status, 403, "{r:?}");
    let status: String = sqlx::query_scalar("SELECT status FROM users WHERE phone = $1")
        .bind(CUSTOMER)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(status, "active");

    // Granted users.manage by the super admin, the same admin can.
    let root = app.token_of(SUPER_ADMIN).await;
    let admin_id: uuid::Uuid = sqlx::query_scalar("SELECT id FROM users WHERE phone = $1")
        .bind(ADMIN)
        .fetch_one(&app.db)
        .await
        .unwrap();
    let r = app
        .call(
            reqwest::Method::PUT,
            &format!("/api/v1/admin/admins/{admin_id}/permissions"),
            Some(&root),
            Some(json!({"permissions": ["users.view", "users.manage"]})),
            "en",
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    let r = app
        .post(
            &format!("/api/v1/admin/users/{id}/suspend"),
            Some(&admin),
            json!({"reason": "x"}),
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["data"]["status"], "suspended");
}

#[tokio::test]
async fn suspension_is_audited_and_reactivation_works() {
    let app = TestApp::spawn().await;
    let customer = app.sign_in(CUSTOMER).await;
    let id = customer["user"]["id"].as_str().unwrap();
    let root = app.token_of(SUPER_ADMIN).await;
    let r = app
        .post(
            &format!("/api/v1/admin/users/{id}/suspend"),
            Some(&root),
            json!({}),
        )
        .await;
    assert_eq!(r.status, 422, "a reason is required: {r:?}");
    assert!(r.body["error"]["fields"]["reason"].is_array());
    let r = app
        .post(
            &format!("/api/v1/admin/users/{id}/suspend"),
            Some(&root),
            json!({"reason": "chargebacks"}),
        )
        .await;
    assert_eq!(r.status, 200);
    let r = app
        .post(
            &format!("/api/v1/admin/users/{id}/suspend"),
            Some(&root),
            json!({"reason": "again"}),
        )
        .await;
    assert_eq!(r.status, 409, "{r:?}");
    let r = app
        .post(
            &format!("/api/v1/admin/users/{id}/reactivate"),
            Some(&root),
            json!({}),
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["data"]["status"], "active");

    let r = app
        .get(
            &format!("/api/v1/admin/audit-logs?entityId={id}&sort=createdAt"),
            Some(&root),
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    let actions: Vec<&str> = r.body["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["user.suspend", "user.reactivate"]);
    let first = &r.body["data"][0];
    assert_eq!(first["before"]["status"], "active");
    assert_eq!(first["after"]["status"], "suspended");
    assert_eq!(first["after"]["statusReason"], "chargebacks");
    assert!(first["requestId"].as_str().is_some_and(|s| !s.is_empty()));
    assert_eq!(first["ip"], "127.0.0.1");

    let r = app
        .post(
            "/api/v1/admin/users/not-a-uuid/suspend",
            Some(&root),
            json!({"reason": "x"}),
        )
        .await;
    assert_eq!(r.status, 404);
}

#[tokio::test]
async fn super_admins_manage_admins_and_admins_cannot_escalate() {
    let app = TestApp::spawn().await;
    let root = app.token_of(SUPER_ADMIN).await;
    let r = app
        .post(
            "/api/v1/admin/admins",
            Some(&root),
            json!({"phone": "0590000001", "name": "Ops", "permissions": ["users.view", "nope.perm"]}),
        )
        .await;
    assert_eq!(r.status, 422, "{r:?}");
    assert!(r.body["error"]["fields"]["permissions"].is_array());
    let r = app
        .post(
            "/api/v1/admin/admins",
            Some(&root),
            json!({"phone": "0590000001", "name": "Ops", "permissions": ["users.view", "admins.manage"]}),
        )
        .await;
    assert_eq!(r.status, 201, "{r:?}");
    assert_eq!(r.body["data"]["role"], "ADMIN");
    assert_eq!(
        r.body["data"]["permissions"],
        json!(["admins.manage", "users.view"])
    );

    let r = app
        .post(
            "/api/v1/admin/admins",
            Some(&root),
            json!({"phone": CUSTOMER}),
        )
        .await;
    assert_eq!(
        r.status, 409,
        "a customer's phone is not made an admin: {r:?}"
    );

    // The new admin may manage admins, but not grant admins.manage nor touch the super admin.
    let ops = app.token_of("+966590000001").await;
    let r = app
        .post(
            "/api/v1/admin/admins",
            Some(&ops),
            json!({"phone": "0590000002", "permissions": ["admins.manage"]}),
        )
        .await;
    assert_eq!(r.status, 403, "{r:?}");
    let root_id: uuid::Uuid = sqlx::query_scalar("SELECT id FROM users WHERE phone = $1")
        .bind(SUPER_ADMIN)
        .fetch_one(&app.db)
        .await
        .unwrap();
    let r = app
        .post(
            &format!("/api/v1/admin/users/{root_id}/suspend"),
            Some(&ops),
            json!({"reason": "coup"}),
        )
        .await;
    assert_eq!(r.status, 403, "{r:?}");
    let r = app.get("/api/v1/admin/admins", Some(&ops)).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.body["data"].as_array().unwrap().len(), 3);
}

#[tokio::test]
async fn deletion_queue_finalises_after_the_grace_period_by_anonymising() {
    let app = TestApp::spawn().await;
    let customer = app.sign_in(CUSTOMER).await;
    let token = customer["accessToken"].as_str().unwrap();
    let id = customer["user"]["id"].as_str().unwrap();
    assert_eq!(
        app.post("/api/v1/users/me/deletion", Some(token), json!({}))
            .await
            .status,
        200
    );
    let root = app.token_of(SUPER_ADMIN).await;
    let r = app
        .get("/api/v1/admin/deletion-requests", Some(&root))
        .await;
    assert_eq!(r.status, 200);
    assert_eq!(r.body["meta"]["total"], 1);
    assert_eq!(r.body["data"][0]["id"], id);

    let url = format!("/api/v1/admin/deletion-requests/{id}/finalise");
    let r = app.post(&url, Some(&root), json!({})).await;
    assert_eq!(r.status, 409, "grace period not over: {r:?}");
    assert_eq!(r.body["error"]["code"], "DELETION_NOT_DUE");

    sqlx::query(
        "UPDATE users SET deletion_requested_at = now() - interval '31 days' WHERE id = $1::uuid",
    )
    .bind(id)
    .execute(&app.db)
    .await
    .unwrap();
    let r = app.post(&url, Some(&root), json!({})).await;
    assert_eq!(r.status, 200, "{r:?}");
    let (phone, name, status): (String, Option<String>, String) =
        sqlx::query_as("SELECT phone, name, status FROM users WHERE id = $1::uuid")
            .bind(id)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert!(phone.starts_with("deleted:"), "the row stays, anonymised");
    assert!(name.is_none());
    assert_eq!(status, "deleted");
    assert_eq!(app.get("/api/v1/auth/me", Some(token)).await.status, 401);
    // The same phone signs up afresh.
    let again = app.sign_in(CUSTOMER).await;
    assert_eq!(again["isNewUser"], true);
    assert_ne!(again["user"]["id"].as_str().unwrap(), id);
}
