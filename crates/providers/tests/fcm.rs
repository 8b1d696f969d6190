//! FCM HTTP v1 adapter against the fake server (`providers::push::fake_fcm`), one fake per test,
//! and, for answers the fake never gives, against small ad-hoc axum servers.
//!
//! The RSA key pair under `tests/fixtures/` is a throwaway made for these tests only.

use std::collections::BTreeMap;
use std::time::Duration;

use axum::Router;
use axum::http::StatusCode;
use axum::routing::post;
use providers::push::fake_fcm::{FakeFcm, FcmAnswer};
use providers::push::{Fcm, FcmConfig, PushError, PushMessage, PushOutcome, PushSender};
use serde_json::json;

const PROJECT: &str = "qitaa-test";
const CLIENT_EMAIL: &str = "firebase-adminsdk@qitaa-test.iam.gserviceaccount.com";
const PRIVATE_KEY: &str = include_str!("fixtures/fcm-test-only-private-key.pem");
const PUBLIC_KEY: &str = include_str!("fixtures/fcm-test-only-public-key.pem");
const OTHER_PUBLIC_KEY: &str = include_str!("fixtures/fcm-test-only-other-public-key.pem");
const SCOPE: &str = "https://www.googleapis.com/auth/firebase.messaging";

async fn fake() -> FakeFcm {
    FakeFcm::start(PROJECT, CLIENT_EMAIL, PUBLIC_KEY).await
}

fn fcm(fake: &FakeFcm) -> Fcm {
    Fcm::new(fake.config(PRIVATE_KEY)).unwrap()
}

fn message(token: &str) -> PushMessage {
    PushMessage {
        token: token.to_owned(),
        title: "طلبك في الطريق".to_owned(),
        body: "الطلب 1001 خرج للتوصيل".to_owned(),
        data: BTreeMap::from([
            ("orderId".to_owned(), "1001".to_owned()),
            ("type".to_owned(), "order_status".to_owned()),
        ]),
        locale: "ar".to_owned(),
    }
}

fn service_account_json(token_uri: &str) -> String {
    json!({
        "type": "service_account",
        "project_id": PROJECT,
        "private_key_id": "0123456789abcdef",
        "private_key": PRIVATE_KEY,
        "client_email": CLIENT_EMAIL,
        "client_id": "1234567890",
        "auth_uri": "https://accounts.google.com/o/oauth2/auth",
        "token_uri": token_uri,
    })
    .to_string()
}

/// Serves `app` on 127.0.0.1 and returns its base URL.
async fn serve(app: Router) -> String {
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0))
        .await
        .unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    format!("http://{addr}")
}

/// Decodes one base64url JWT segment as JSON.
fn jwt_segment(jwt: &str, index: usize) -> serde_json::Value {
    use base64::Engine as _;
    let segment = jwt.split('.').nth(index).unwrap();
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(segment)
        .unwrap();
    serde_json::from_slice(&bytes).unwrap()
}

#[tokio::test]
async fn sends_and_reuses_the_access_token() {
    let fake = fake().await;
    let fcm = fcm(&fake);

    for token in ["device-a", "device-b", "device-c"] {
        let outcome = fcm.send(&message(token)).await.unwrap();
        let PushOutcome::Sent { message_id } = outcome else {
            panic!("{outcome:?}");
        };
        assert!(
            message_id.starts_with(&format!("projects/{PROJECT}/messages/")),
            "{message_id}"
        );
    }
    // A clone shares the cache.
    fcm.clone().send(&message("device-d")).await.unwrap();

    assert_eq!(fake.token_requests(), 1);
    let requests = fake.requests();
    assert!(requests[0].is_token_request(), "the token comes first");
    let sends = fake.send_requests();
    assert_eq!(sends.len(), 4);
    let bearer = sends[0].header("authorization").unwrap().to_owned();
    assert!(bearer.starts_with("Bearer ya29.fake-fcm-1-"), "{bearer}");
    for send in &sends {
        assert_eq!(send.header("authorization"), Some(bearer.as_str()));
        assert_eq!(send.path, format!("/v1/projects/{PROJECT}/messages:send"));
    }
}

#[tokio::test]
async fn token_request_is_a_signed_jwt_bearer_grant() {
    let fake = fake().await;
    fcm(&fake).send(&message("device-a")).await.unwrap();

    let token_req = fake
        .requests()
        .into_iter()
        .find(|r| r.is_token_request())
        .unwrap();
    assert_eq!(
        token_req.header("content-type"),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(
        token_req.form_field("grant_type").as_deref(),
        Some("urn:ietf:params:oauth:grant-type:jwt-bearer")
    );
    let jwt = token_req.form_field("assertion").unwrap();
    assert_eq!(jwt_segment(&jwt, 0), json!({"alg": "RS256", "typ": "JWT"}));
    let claims = jwt_segment(&jwt, 1);
    assert_eq!(claims["iss"], CLIENT_EMAIL);
    assert_eq!(claims["scope"], SCOPE);
    assert_eq!(claims["aud"], fake.token_uri());
    let (iat, exp) = (
        claims["iat"].as_u64().unwrap(),
        claims["exp"].as_u64().unwrap(),
    );
    assert_eq!(exp - iat, 3600);
}

#[tokio::test]
async fn message_body_has_token_notification_and_string_data() {
    let fake = fake().await;
    fcm(&fake).send(&message("device-a")).await.unwrap();

    let send = fake.send_requests().pop().unwrap();
    assert!(
        send.header("content-type")
            .is_some_and(|ct| ct.starts_with("application/json")),
        "{send:?}"
    );
    assert_eq!(
        send.body,
        json!({"message": {
            "token": "device-a",
            "notification": {"title": "طلبك في الطريق", "body": "الطلب 1001 خرج للتوصيل"},
            "data": {"orderId": "1001", "type": "order_status"},
            "android": {"priority": "high"},
            "apns": {"payload": {"aps": {"sound": "default"}}}
        }})
    );
    assert_eq!(fake.sent(), vec![send.body]);
}

#[tokio::test]
async fn unregistered_and_malformed_tokens_are_invalid() {
    let fake = fake().await;
    let fcm = fcm(&fake);
    fake.answer("gone", FcmAnswer::Unregistered);
    fake.answer("garbage", FcmAnswer::InvalidToken);

    assert_eq!(
        fcm.send(&message("gone")).await.unwrap(),
        PushOutcome::InvalidToken
    );
    assert_eq!(
        fcm.send(&message("garbage")).await.unwrap(),
        PushOutcome::InvalidToken
    );
    // Other tokens are unaffected, and a token can recover.
    assert!(matches!(
        fcm.send(&message("fine")).await.unwrap(),
        PushOutcome::Sent { .. }
    ));
    fake.clear_answer("gone");
    assert!(matches!(
        fcm.send(&message("gone")).await.unwrap(),
        PushOutcome::Sent { .. }
    ));
}

#[tokio::test]
async fn quota_and_server_errors_ask_to_retry() {
    let fake = fake().await;
    let fcm = fcm(&fake);
    fake.answer(
        "busy",
        FcmAnswer::QuotaExceeded {
            retry_after: Some(42),
        },
    );
    fake.answer(
        "busy-no-hint",
        FcmAnswer::QuotaExceeded { retry_after: None },
    );
    fake.answer("broken", FcmAnswer::Internal);
    fake.answer(
        "down",
        FcmAnswer::Unavailable {
            retry_after: Some(7),
        },
    );

    assert_eq!(
        fcm.send(&message("busy")).await.unwrap(),
        PushOutcome::Retry {
            after: Some(Duration::from_secs(42))
        }
    );
    assert_eq!(
        fcm.send(&message("busy-no-hint")).await.unwrap(),
        PushOutcome::Retry { after: None }
    );
    assert_eq!(
        fcm.send(&message("broken")).await.unwrap(),
        PushOutcome::Retry { after: None }
    );
    assert_eq!(
        fcm.send(&message("down")).await.unwrap(),
        PushOutcome::Retry {
            after: Some(Duration::from_secs(7))
        }
    );
    assert_eq!(fake.token_requests(), 1);
    assert!(fake.sent().is_empty());
}

#[tokio::test]
async fn sender_id_mismatch_is_refused() {
    let fake = fake().await;
    fake.answer("other-project", FcmAnswer::SenderIdMismatch);
    let err = fcm(&fake)
        .send(&message("other-project"))
        .await
        .unwrap_err();
    assert!(
        matches!(&err, PushError::Refused { status: 403, message } if message.contains("SENDER_ID_MISMATCH")),
        "{err:?}"
    );
}

#[tokio::test]
async fn refused_access_token_is_fetched_again_once() {
    let fake = fake().await;
    let fcm = fcm(&fake);
    fcm.send(&message("device-a")).await.unwrap();

    fake.expire_tokens();
    assert!(matches!(
        fcm.send(&message("device-a")).await.unwrap(),
        PushOutcome::Sent { .. }
    ));
    assert_eq!(fake.token_requests(), 2);
    let sends = fake.send_requests();
    assert_eq!(sends.len(), 3, "the refused send is tried once more");
    assert_ne!(
        sends[1].header("authorization"),
        sends[2].header("authorization")
    );
}

#[tokio::test]
async fn short_lived_tokens_are_fetched_again() {
    let fake = fake().await;
    fake.set_token_expires_in(0);
    let fcm = fcm(&fake);
    fcm.send(&message("device-a")).await.unwrap();
    fcm.send(&message("device-a")).await.unwrap();
    assert_eq!(fake.token_requests(), 2);
}

#[tokio::test]
async fn a_signature_the_token_endpoint_cannot_verify_is_refused() {
    // The fake trusts another key than the one the adapter signs with.
    let fake = FakeFcm::start(PROJECT, CLIENT_EMAIL, OTHER_PUBLIC_KEY).await;
    let err = fcm(&fake).send(&message("device-a")).await.unwrap_err();
    assert!(
        matches!(&err, PushError::Refused { status: 400, message } if message.contains("JWT")),
        "{err:?}"
    );
    assert!(fake.send_requests().is_empty());

    // So is an issuer it does not expect.
    let fake = FakeFcm::start(
        PROJECT,
        "someone-else@x.iam.gserviceaccount.com",
        PUBLIC_KEY,
    )
    .await;
    let err = Fcm::new(FcmConfig {
        client_email: CLIENT_EMAIL.to_owned(),
        ..fake.config(PRIVATE_KEY)
    })
    .unwrap()
    .send(&message("device-a"))
    .await
    .unwrap_err();
    assert!(
        matches!(&err, PushError::Refused { status: 400, .. }),
        "{err:?}"
    );
}

#[tokio::test]
async fn reads_the_service_account_json() {
    let fake = fake().await;
    let mut config =
        FcmConfig::from_service_account_json(&service_account_json(&fake.token_uri())).unwrap();
    assert_eq!(config.project_id, PROJECT);
    assert_eq!(config.client_email, CLIENT_EMAIL);
    assert_eq!(config.token_uri, fake.token_uri());
    assert_eq!(config.api_base, "https://fcm.googleapis.com");
    config.api_base = fake.base_url();
    let outcome = Fcm::new(config)
        .unwrap()
        .send(&message("device-a"))
        .await
        .unwrap();
    assert!(matches!(outcome, PushOutcome::Sent { .. }), "{outcome:?}");

    let mut without_uri: serde_json::Value =
        serde_json::from_str(&service_account_json("x")).unwrap();
    without_uri.as_object_mut().unwrap().remove("token_uri");
    let config = FcmConfig::from_service_account_json(&without_uri.to_string()).unwrap();
    assert_eq!(config.token_uri, "https://oauth2.googleapis.com/token");
}

#[tokio::test]
async fn bad_service_account_json_is_a_config_error() {
    let good: serde_json::Value =
        serde_json::from_str(&service_account_json("https://oauth2.googleapis.com/token")).unwrap();
    let without = |key: &str| {
        let mut v = good.clone();
        v.as_object_mut().unwrap().remove(key);
        v.to_string()
    };
    let with = |key: &str, value: serde_json::Value| {
        let mut v = good.clone();
        v[key] = value;
        v.to_string()
    };
    for bad in [
        "not json".to_owned(),
        "[]".to_owned(),
        without("project_id"),
        without("client_email"),
        without("private_key"),
        with("private_key", json!("")),
        with("project_id", json!(42)),
        with("type", json!("authorized_user")),
    ] {
        let err = FcmConfig::from_service_account_json(&bad).unwrap_err();
        assert!(matches!(err, PushError::Config(_)), "{bad}: {err:?}");
        assert!(!err.to_string().contains("BEGIN PRIVATE KEY"), "{err}");
    }

    // Well-formed JSON with a key that is not one: the adapter refuses to start.
    let not_a_key = with(
        "private_key",
        json!("-----BEGIN PRIVATE KEY-----\nbm90IGEga2V5\n-----END PRIVATE KEY-----\n"),
    );
    let config = FcmConfig::from_service_account_json(&not_a_key).unwrap();
    let err = Fcm::new(config).unwrap_err();
    assert!(matches!(err, PushError::Config(_)), "{err:?}");
    assert!(!err.to_string().contains("bm90IGEga2V5"), "{err}");

    // Bad URLs.
    for (token_uri, api_base) in [
        ("not a url", "https://fcm.googleapis.com"),
        ("https://oauth2.googleapis.com/token", "mailto:a@b.sa"),
    ] {
        let err = Fcm::new(FcmConfig {
            token_uri: token_uri.to_owned(),
            api_base: api_base.to_owned(),
            ..FcmConfig::new(PROJECT, CLIENT_EMAIL, PRIVATE_KEY)
        })
        .unwrap_err();
        assert!(matches!(err, PushError::Config(_)), "{err:?}");
    }
}

#[tokio::test]
async fn debug_hides_the_key_and_tokens() {
    let fake = fake().await;
    let fcm = fcm(&fake);
    fcm.send(&message("device-token-abcdefghijklmnop"))
        .await
        .unwrap();
    let key_body = PRIVATE_KEY.lines().nth(1).unwrap();
    for dbg in [
        format!("{fcm:?}"),
        format!("{:?}", fcm.config()),
        format!(
            "{:?}",
            FcmConfig::from_service_account_json(&service_account_json(
                "https://oauth2.googleapis.com/token"
            ))
            .unwrap()
        ),
        format!("{:?}", message("device-token-abcdefghijklmnop")),
    ] {
        assert!(!dbg.contains(key_body), "{dbg}");
        assert!(!dbg.contains("PRIVATE KEY"), "{dbg}");
        assert!(!dbg.contains("ya29."), "{dbg}");
        assert!(!dbg.contains("abcdefghijklmnop"), "{dbg}");
    }
    assert!(format!("{fcm:?}").contains(PROJECT));
}

#[tokio::test]
async fn unreachable_endpoints_are_reported() {
    // A port nothing listens on: bind, note it, close.
    let listener = std::net::TcpListener::bind(("127.0.0.1", 0)).unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let fcm = Fcm::new(FcmConfig {
        token_uri: format!("{base}/token"),
        api_base: base,
        ..FcmConfig::new(PROJECT, CLIENT_EMAIL, PRIVATE_KEY)
    })
    .unwrap();
    let err = fcm.send(&message("device-a")).await.unwrap_err();
    assert!(matches!(err, PushError::Unreachable(_)), "{err:?}");
}

#[tokio::test]
async fn busy_token_endpoint_asks_to_retry() {
    let base = serve(Router::new().route(
        "/token",
        post(|| async {
            (
                StatusCode::SERVICE_UNAVAILABLE,
                [("retry-after", "3")],
                "down",
            )
        }),
    ))
    .await;
    let fcm = Fcm::new(FcmConfig {
        token_uri: format!("{base}/token"),
        api_base: base,
        ..FcmConfig::new(PROJECT, CLIENT_EMAIL, PRIVATE_KEY)
    })
    .unwrap();
    assert_eq!(
        fcm.send(&message("device-a")).await.unwrap(),
        PushOutcome::Retry {
            after: Some(Duration::from_secs(3))
        }
    );
}

#[tokio::test]
async fn unexpected_answers_are_handled() {
    // A token endpoint that always works and a send endpoint that always says 401 with no code:
    // one refetch, then refused. Another path answers 2xx without a name.
    let app = Router::new()
        .route(
            "/token",
            post(|| async {
                axum::Json(json!({"access_token": "ya29.x", "expires_in": 3599, "token_type": "Bearer"}))
            }),
        )
        .route(
            "/v1/projects/{project}/messages:send",
            post(|axum::extract::Path(project): axum::extract::Path<String>| async move {
                if project == "no-name" {
                    (StatusCode::OK, axum::Json(json!({})))
                } else {
                    (
                        StatusCode::UNAUTHORIZED,
                        axum::Json(json!({"error": {"code": 401, "message": "bad token", "status": "UNAUTHENTICATED"}})),
                    )
                }
            }),
        );
    let base = serve(app).await;
    let config = |project: &str| FcmConfig {
        token_uri: format!("{base}/token"),
        api_base: base.clone(),
        ..FcmConfig::new(project, CLIENT_EMAIL, PRIVATE_KEY)
    };

    let err = Fcm::new(config(PROJECT))
        .unwrap()
        .send(&message("device-a"))
        .await
        .unwrap_err();
    assert!(
        matches!(&err, PushError::Refused { status: 401, .. }),
        "{err:?}"
    );

    let err = Fcm::new(config("no-name"))
        .unwrap()
        .send(&message("device-a"))
        .await
        .unwrap_err();
    assert!(
        matches!(&err, PushError::Refused { status: 200, .. }),
        "{err:?}"
    );
}
