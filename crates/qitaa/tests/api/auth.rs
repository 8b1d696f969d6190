use serde_json::json;

use crate::harness::TestApp;

const CUSTOMER: &str = "+966500000001";

#[tokio::test]
async fn demo_customer_signs_in_and_refresh_rotates_with_reuse_detection() {
    let app = TestApp::spawn().await;
    let pair = app.sign_in(CUSTOMER).await;
    assert_eq!(pair["isNewUser"], false);
    assert_eq!(pair["user"]["role"], "CUSTOMER");
    let access = pair["accessToken"].as_str().unwrap();
    let refresh1 = pair["refreshToken"].as_str().unwrap();

    let me = app.get("/api/v1/auth/me", Some(access)).await;
    assert_eq!(me.status, 200, "{me:?}");
    assert_eq!(me.body["data"]["phone"], CUSTOMER);
    assert_eq!(me.body["success"], true);

    let rotated = app
        .post(
            "/api/v1/auth/refresh",
            None,
            json!({"refreshToken": refresh1}),
        )
        .await;
    assert_eq!(rotated.status, 200, "{rotated:?}");
    let refresh2 = rotated.body["data"]["refreshToken"]
        .as_str()
        .unwrap()
        .to_owned();
    let access2 = rotated.body["data"]["accessToken"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_ne!(refresh2, refresh1);
    assert_eq!(app.get("/api/v1/auth/me", Some(&access2)).await.status, 200);

    // The spent token comes back: refused, and the whole family is revoked.
    let reused = app
        .post(
            "/api/v1/auth/refresh",
            None,
            json!({"refreshToken": refresh1}),
        )
        .await;
    assert_eq!(reused.status, 401, "{reused:?}");
    assert_eq!(reused.body["error"]["code"], "UNAUTHENTICATED");
    let after = app
        .post(
            "/api/v1/auth/refresh",
            None,
            json!({"refreshToken": refresh2}),
        )
        .await;
    assert_eq!(
        after.status, 401,
        "the rotated token dies with its family: {after:?}"
    );
    assert_eq!(
        app.get("/api/v1/auth/me", Some(&access2)).await.status,
        401,
        "so do its access tokens"
    );
}

#[tokio::test]
async fn concurrent_refreshes_of_one_token_yield_one_winner_and_revoke_the_family() {
    let app = TestApp::spawn().await;
    let pair = app.sign_in(CUSTOMER).await;
    let token = pair["refreshToken"].as_str().unwrap().to_owned();
    let mut tasks = Vec::new();
    for _ in 0..8 {
        let client = app.client.clone();
        let url = format!("{}/api/v1/auth/refresh", app.base);
        let token = token.clone();
        tasks.push(tokio::spawn(async move {
            let r = client
                .post(url)
                .json(&json!({"refreshToken": token}))
                .send()
                .await
                .unwrap();
            let status = r.status().as_u16();
            let body: serde_json::Value = r.json().await.unwrap();
            (status, body)
        }));
    }
    let mut winners = Vec::new();
    for t in tasks {
        let (status, body) = t.await.unwrap();
        if status == 200 {
            winners.push(body["data"]["refreshToken"].as_str().unwrap().to_owned());
        } else {
            assert_eq!(status, 401);
        }
    }
    assert_eq!(winners.len(), 1, "exactly one concurrent refresh wins");
    // The losers were reuse: the winner's token is revoked with the family.
    let r = app
        .post(
            "/api/v1/auth/refresh",
            None,
            json!({"refreshToken": winners[0]}),
        )
        .await;
    assert_eq!(r.status, 401, "{r:?}");
}

#[tokio::test]
async fn logout_ends_the_session_and_its_access_tokens() {
    let app = TestApp::spawn().await;
    let pair = app.sign_in(CUSTOMER).await;
    let access = pair["accessToken"].as_str().unwrap();
    let r = app
        .post(
            "/api/v1/auth/logout",
            None,
            json!({"refreshToken": pair["refreshToken"]}),
        )
        .await;
    assert_eq!(r.status, 200);
    assert!(r.body["data"].is_null());
    assert_eq!(app.get("/api/v1/auth/me", Some(access)).await.status, 401);
    let again = app
        .post(
            "/api/v1/auth/refresh",
            None,
            json!({"refreshToken": pair["refreshToken"]}),
        )
        .await;
    assert_eq!(again.status, 401);
}

#[tokio::test]
async fn five_wrong_codes_burn_the_code() {
    let app = TestApp::spawn().await;
    let phone = "+966551112233";
    let r = app
        .post(
            "/api/v1/auth/otp/request",
            None,
            json!({"phone": "0551112233"}),
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["data"]["expiresInSeconds"], 300);
    assert_eq!(r.body["data"]["resendAfterSeconds"], 60);
    let right = app.last_code(phone).await;
    let wrong = if right == "000000" {
        "111111"
    } else {
        "000000"
    };
    for attempt in 1..=5 {
        let r = app
            .post(
                "/api/v1/auth/otp/verify",
                None,
                json!({"phone": phone, "code": wrong}),
            )
            .await;
        assert_eq!(r.status, 422, "{r:?}");
        assert!(r.body["error"]["fields"]["code"].is_array());
        let expected = if attempt == 5 {
            "OTP_ATTEMPTS_EXCEEDED"
        } else {
            "OTP_INVALID"
        };
        assert_eq!(r.body["error"]["code"], expected);
    }
    let r = app
        .post(
            "/api/v1/auth/otp/verify",
            None,
            json!({"phone": phone, "code": right}),
        )
        .await;
    assert_eq!(r.status, 422, "the right code no longer works: {r:?}");
    assert_eq!(r.body["error"]["code"], "OTP_INVALID");
}

#[tokio::test]
async fn otp_requests_are_rate_limited_per_phone_with_retry_after() {
    let app = TestApp::spawn().await;
    let mut statuses = Vec::new();
    for _ in 0..8 {
        let r = app
            .post(
                "/api/v1/auth/otp/request",
                None,
                json!({"phone": "0552223344"}),
            )
            .await;
        if r.status == 429 {
            let retry: u64 = r.headers["retry-after"].to_str().unwrap().parse().unwrap();
            assert!((1..=60).contains(&retry), "resend window: {retry}");
            assert_eq!(r.body["error"]["code"], "RATE_LIMITED");
        }
        statuses.push(r.status.as_u16());
    }
    assert_eq!(statuses[0], 200);
    assert!(statuses[1..].iter().all(|s| *s == 429), "{statuses:?}");
    assert_eq!(
        sqlx::query_scalar::<_, i64>("SELECT count(*) FROM sms_outbox")
            .fetch_one(&app.db)
            .await
            .unwrap(),
        1,
        "one code sent"
    );
}

#[tokio::test]
async fn hourly_cap_per_phone_holds_after_the_resend_window() {
    let app = TestApp::spawn_with(|c| c.otp.resend_after = std::time::Duration::ZERO, None).await;
    let mut statuses = Vec::new();
    for _ in 0..7 {
        let r = app
            .post(
                "/api/v1/auth/otp/request",
                None,
                json!({"phone": "0553334455"}),
            )
            .await;
        statuses.push((
            r.status.as_u16(),
            r.headers
                .get("retry-after")
                .map(|v| v.to_str().unwrap().parse::<u64>().unwrap()),
        ));
    }
    let ok = statuses.iter().filter(|(s, _)| *s == 200).count();
    assert_eq!(ok, 5, "five codes an hour per phone: {statuses:?}");
    let (status, retry) = statuses[6];
    assert_eq!(status, 429);
    assert!(retry.unwrap() > 3000, "the window is an hour: {retry:?}");
}

#[tokio::test]
async fn hourly_cap_per_client_address_counts_all_phones() {
    let app = TestApp::spawn_with(|c| c.otp.per_ip_per_hour = 3, None).await;
    for i in 0..3 {
        let r = app
            .post(
                "/api/v1/auth/otp/request",
                None,
                json!({"phone": format!("05544455{i:02}")}),
            )
            .await;
        assert_eq!(r.status, 200, "{r:?}");
    }
    let r = app
        .post(
            "/api/v1/auth/otp/request",
            None,
            json!({"phone": "0554445599"}),
        )
        .await;
    assert_eq!(r.status, 429, "{r:?}");
    assert!(r.headers.contains_key("retry-after"));
}

#[tokio::test]
async fn first_sign_in_creates_the_user_with_the_chosen_role() {
    let app = TestApp::spawn().await;
    let customer = app.sign_in("0561234567").await;
    assert_eq!(customer["isNewUser"], true);
    assert_eq!(customer["user"]["phone"], "+966561234567");
    assert_eq!(customer["user"]["role"], "CUSTOMER");
    assert_eq!(customer["user"]["status"], "active");

    let supplier = app.sign_in_as("+966571234567", Some("SUPPLIER")).await;
    assert_eq!(supplier["user"]["role"], "SUPPLIER");
    assert_eq!(supplier["user"]["status"], "pending_approval");

    // Nobody signs up as an admin.
    let r = app
        .post(
            "/api/v1/auth/otp/request",
            None,
            json!({"phone": "0581234567"}),
        )
        .await;
    assert_eq!(r.status, 200);
    let code = app.last_code("+966581234567").await;
    let r = app
        .post(
            "/api/v1/auth/otp/verify",
            None,
            json!({"phone": "0581234567", "code": code, "role": "SUPER_ADMIN"}),
        )
        .await;
    assert_eq!(r.status, 422, "{r:?}");
    assert!(r.body["error"]["fields"]["role"].is_array());

    // The role only counts for a new phone.
    let again = app.sign_in_as("0561234567", Some("REPRESENTATIVE")).await;
    assert_eq!(again["isNewUser"], false);
    assert_eq!(again["user"]["role"], "CUSTOMER");
}

#[tokio::test]
async fn profile_update_and_deletion_request_cancelled_by_signing_in() {
    let app = TestApp::spawn().await;
    let token = app.token_of(CUSTOMER).await;
    let r = app
        .call(
            reqwest::Method::PATCH,
            "/api/v1/users/me",
            Some(&token),
            Some(json!({"name": "سارة", "email": "Sara@Example.com", "locale": "en"})),
            "en",
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["data"]["name"], "سارة");
    assert_eq!(r.body["data"]["email"], "sara@example.com");
    assert_eq!(r.body["data"]["locale"], "en");

    let bad = app
        .call(
            reqwest::Method::PATCH,
            "/api/v1/users/me",
            Some(&token),
            Some(json!({"name": "", "email": "nope"})),
            "ar",
        )
        .await;
    assert_eq!(bad.status, 422);
    assert!(bad.body["error"]["fields"]["name"].is_array());
    assert!(
        bad.body["error"]["fields"]["email"].is_array(),
        "every failing field: {bad:?}"
    );

    let r = app
        .post("/api/v1/users/me/deletion", Some(&token), json!({}))
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    assert!(r.body["data"]["deletionRequestedAt"].is_string());
    let again = app.sign_in(CUSTOMER).await;
    assert!(
        again["user"]["deletionRequestedAt"].is_null(),
        "signing in cancels the request"
    );
}

#[tokio::test]
async fn suspended_users_lose_access_at_once() {
    let app = TestApp::spawn().await;
    let customer = app.sign_in(CUSTOMER).await;
    let token = customer["accessToken"].as_str().unwrap();
    let id = customer["user"]["id"].as_str().unwrap();
    let admin = app.token_of("+966500000000").await;
    let r = app
        .post(
            &format!("/api/v1/admin/users/{id}/suspend"),
            Some(&admin),
            json!({"reason": "fraud"}),
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(app.get("/api/v1/auth/me", Some(token)).await.status, 401);
    let r = app
        .post(
            "/api/v1/auth/refresh",
            None,
            json!({"refreshToken": customer["refreshToken"]}),
        )
        .await;
    assert_eq!(r.status, 401);
    // And cannot sign in again.
    app.post("/api/v1/auth/otp/request", None, json!({"phone": CUSTOMER}))
        .await;
    let r = app
        .post(
            "/api/v1/auth/otp/verify",
            None,
            json!({"phone": CUSTOMER, "code": "123456"}),
        )
        .await;
    assert_eq!(r.status, 403, "{r:?}");
    assert_eq!(r.body["error"]["code"], "ACCOUNT_SUSPENDED");
}

#[tokio::test]
async fn in_demo_mode_the_demo_phones_sign_in_again_and_again_but_the_address_cap_holds() {
    let app = TestApp::spawn_with(|c| c.otp.per_ip_per_hour = 12, None).await;
    // Twice the hourly per-phone cap of sign-ins, some without finishing.
    for i in 0..10 {
        let r = app
            .post(
                "/api/v1/auth/otp/request",
                None,
                json!({"phone": "0500000001"}),
            )
            .await;
        assert_eq!(r.status, 200, "sign-in {i}: {r:?}");
        if i % 2 == 0 {
            let r = app
                .post(
                    "/api/v1/auth/otp/verify",
                    None,
                    json!({"phone": "0500000001", "code": app::config::DEMO_CODE}),
                )
                .await;
            assert_eq!(r.status, 200, "verify {i}: {r:?}");
        }
    }
    for _ in 0..2 {
        let r = app
            .post(
                "/api/v1/auth/otp/request",
                None,
                json!({"phone": "0500000002"}),
            )
            .await;
        assert_eq!(r.status, 200, "{r:?}");
    }
    // The 13th request from this address is refused, demo phone or not.
    let r = app
        .post(
            "/api/v1/auth/otp/request",
            None,
            json!({"phone": "0500000001"}),
        )
        .await;
    assert_eq!(r.status, 429, "{r:?}");
}

#[tokio::test]
async fn outside_demo_mode_the_demo_phones_have_the_per_phone_cap() {
    let app = TestApp::spawn_with(
        |c| {
            c.demo_mode = false;
            c.otp.resend_after = std::time::Duration::ZERO;
        },
        None,
    )
    .await;
    let mut ok = 0;
    for _ in 0..7 {
        let r = app
            .post(
                "/api/v1/auth/otp/request",
                None,
                json!({"phone": "0500000001"}),
            )
            .await;
        if r.status == 200 {
            ok += 1;
        }
    }
    assert_eq!(ok, 5);
}
