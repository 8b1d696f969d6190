//! A user's activity next to the audit log: sign-ins, devices and their
//! audited actions, for admins who may see users.

use serde_json::json;

use crate::harness::TestApp;

const SUPER_ADMIN: &str = "+966500000000";
const SUPPLIER: &str = "+966500000002";
const CUSTOMER: &str = "+966500000001";

#[tokio::test]
async fn an_admin_sees_a_users_sign_ins_devices_and_actions() {
    let app = TestApp::spawn().await;
    let root = app.token_of(SUPER_ADMIN).await;
    let customer = app.token_of(CUSTOMER).await;
    // A second sign-in, ended by signing out.
    let second = app.sign_in(CUSTOMER).await;
    let r = app
        .post(
            "/api/v1/auth/logout",
            Some(second["accessToken"].as_str().unwrap()),
            json!({"refreshToken": second["refreshToken"]}),
        )
        .await;
    assert!(r.status.is_success(), "{r:?}");
    let r = app
        .post(
            "/api/v1/devices",
            Some(&customer),
            json!({"platform": "android", "token": "fcm-token-activity-1", "app": "customer"}),
        )
        .await;
    assert!(r.status.is_success(), "{r:?}");
    let customer_id: uuid::Uuid = sqlx::query_scalar("SELECT id FROM users WHERE phone = $1")
        .bind(CUSTOMER)
        .fetch_one(&app.db)
        .await
        .unwrap();

    let r = app
        .get(
            &format!("/api/v1/admin/users/{customer_id}/activity"),
            Some(&root),
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    let a = &r.body["data"];
    let sign_ins = a["signIns"].as_array().unwrap();
    assert_eq!(sign_ins.len(), 2, "{a}");
    assert!(
        sign_ins
            .iter()
            .all(|s| s["kind"] == "api" && s["ip"].is_string())
    );
    assert_eq!(
        sign_ins
            .iter()
            .filter(|s| s["revokedAt"].is_string())
            .count(),
        1
    );
    assert_eq!(a["openSessions"], 1);
    assert_eq!(a["devices"][0]["platform"], "android");
    assert!(
        a["actions"].as_array().unwrap().is_empty(),
        "a customer's actions are not audited"
    );

    // A supplier's audited action shows on theirs.
    let supplier = app.token_of(SUPPLIER).await;
    let stores = app.get("/api/v1/partner/stores", Some(&supplier)).await;
    let store = stores.body["data"][0]["id"].as_str().unwrap().to_owned();
    let r = app
        .post(
            &format!("/api/v1/partner/stores/{store}/employees"),
            Some(&supplier),
            json!({"phone": "0551234999", "permissions": ["orders.view"]}),
        )
        .await;
    assert!(r.status.is_success(), "{r:?}");
    let supplier_id: uuid::Uuid = sqlx::query_scalar("SELECT id FROM users WHERE phone = $1")
        .bind(SUPPLIER)
        .fetch_one(&app.db)
        .await
        .unwrap();
    let r = app
        .get(
            &format!("/api/v1/admin/users/{supplier_id}/activity"),
            Some(&root),
        )
        .await;
    let actions = r.body["data"]["actions"].as_array().unwrap().clone();
    assert!(!actions.is_empty(), "{r:?}");
    assert!(
        actions
            .iter()
            .all(|e| e["actorId"] == supplier_id.to_string())
    );

    // Only admins who may see users; an unknown user is 404.
    assert_eq!(
        app.get(
            &format!("/api/v1/admin/users/{customer_id}/activity"),
            Some(&customer)
        )
        .await
        .status,
        403
    );
    assert_eq!(
        app.get(
            &format!("/api/v1/admin/users/{}/activity", uuid::Uuid::now_v7()),
            Some(&root)
        )
        .await
        .status,
        404
    );
}
