//! Notifications: devices, templates rendered in the recipient's language,
//! opt-ins, the inbox, dead tokens pruned, broadcasts in batches. Jobs are
//! worked by calling the worker directly (`app::jobs::run_once`), with the
//! provider fakes put into a copy of the app's state.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};

use reqwest::Method;
use serde_json::{Value, json};
use uuid::Uuid;

use app::AppState;
use app::config::AppConfig;
use providers::email::{EmailError, EmailMessage, EmailSender};
use providers::outbound::DEFAULT_PUSH_HOSTS;
use providers::push::fake_fcm::{FakeFcm, FcmAnswer};
use providers::webpush::EndpointPolicy;

use crate::harness::TestApp;

pub const SUPER_ADMIN: &str = "+966500000000";
pub const CUSTOMER: &str = "+966500000001";
pub const SUPPLIER: &str = "+966500000002";
pub const ADMIN_WITHOUT: &str = "+966500000005";

const FCM_PRIVATE_PEM: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../providers/tests/fixtures/fcm-test-only-private-key.pem"
));
const FCM_PUBLIC_PEM: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../providers/tests/fixtures/fcm-test-only-public-key.pem"
));

/// A fake FCM (token endpoint and `messages:send`).
pub async fn fake_fcm() -> FakeFcm {
    FakeFcm::start(
        "qitaa-test",
        "fcm@qitaa-test.iam.gserviceaccount.com",
        FCM_PUBLIC_PEM,
    )
    .await
}

/// The app's state with the real FCM adapter pointed at `fake`.
pub fn with_fcm(app: &TestApp, fake: &FakeFcm) -> AppState {
    let mut state = app.state.clone();
    state.push = Arc::new(providers::push::Fcm::new(fake.config(FCM_PRIVATE_PEM)).unwrap());
    state
}

/// An email sender that keeps what it is given.
#[derive(Default)]
pub struct CapturedEmail(pub Mutex<Vec<EmailMessage>>);

impl EmailSender for CapturedEmail {
    fn name(&self) -> &'static str {
        "captured"
    }

    fn send<'a, 'b, 'c>(
        &'a self,
        m: &'b EmailMessage,
    ) -> Pin<Box<dyn Future<Output = Result<(), EmailError>> + Send + 'c>>
    where
        'a: 'c,
        'b: 'c,
        Self: 'c,
    {
        Box::pin(async move {
            self.0.lock().unwrap().push(m.clone());
            Ok(())
        })
    }
}

/// Forgets what the demo data queued and wrote (the seeded checkout notifies
/// its store), so a test counts only its own jobs and notifications.
pub async fn clear_queue(app: &TestApp) {
    for table in ["notification_deliveries", "jobs", "notifications"] {
        sqlx::query(&format!("DELETE FROM {table}"))
            .execute(&app.db)
            .await
            .unwrap();
    }
}

pub async fn user_id(app: &TestApp, phone: &str) -> Uuid {
    sqlx::query_scalar("SELECT id FROM users WHERE phone = $1 AND deleted_at IS NULL")
        .bind(phone)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

/// `notify` in a transaction that commits.
pub async fn notify(app: &TestApp, user: Uuid, event: &str, category: &str, vars: Value) {
    let mut tx = app.db.begin().await.unwrap();
    app::notifications::notify(&mut tx, user, event, category, vars)
        .await
        .unwrap();
    tx.commit().await.unwrap();
}

/// Works the queue until nothing is due; answers how many jobs ran.
pub async fn drain(state: &AppState) -> usize {
    let mut total = 0;
    loop {
        let n = app::jobs::run_once(state, "test-node").await.unwrap();
        if n == 0 {
            return total;
        }
        total += n;
    }
}

pub async fn register_device(app: &TestApp, token: &str, device: &str, platform: &str) {
    let r = app
        .post(
            "/api/v1/devices",
            Some(token),
            json!({"platform": platform, "token": device, "app": "customer", "locale": "ar"}),
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");
}

async fn count(app: &TestApp, sql: &str, id: Uuid) -> i64 {
    sqlx::query_scalar(sql)
        .bind(id)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

/// The explicit allowance the tests' push services need: the fake listens on 127.0.0.1 (plain
/// http), and `push.example` stands for a push service without a real DNS answer.
pub fn allow_test_push_services(c: &mut AppConfig) {
    c.notifications.webpush_endpoints =
        EndpointPolicy::new(DEFAULT_PUSH_HOSTS, ["127.0.0.1", "push.example"]);
}

#[tokio::test]
async fn devices_are_registered_moved_and_removed() {
    let app = TestApp::spawn_with(allow_test_push_services, None).await;
    clear_queue(&app).await;
    let customer = app.token_of(CUSTOMER).await;
    let supplier = app.token_of(SUPPLIER).await;

    let r = app
        .post(
            "/api/v1/devices",
            Some(&customer),
            json!({"platform": "nokia", "token": " ", "app": "car"}),
        )
        .await;
    assert_eq!(r.status, 422, "{r:?}");
    for field in ["platform", "token", "app"] {
        assert!(
            r.body["error"]["fields"][field].is_array(),
            "{field}: {r:?}"
        );
    }
    let r = app
        .post(
            "/api/v1/devices",
            Some(&customer),
            json!({"platform": "web", "token": "not json", "app": "customer", "extra": 1}),
        )
        .await;
    assert_eq!(r.status, 422, "{r:?}");
    assert!(r.body["error"]["fields"]["extra"].is_array(), "{r:?}");

    register_device(&app, &customer, "shared-device", "android").await;
    register_device(&app, &supplier, "shared-device", "ios").await;
    let (owner, platform): (Uuid, String) =
        sqlx::query_as("SELECT user_id, platform FROM devices WHERE token = 'shared-device'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(owner, user_id(&app, SUPPLIER).await);
    assert_eq!(platform, "ios");

    let r = app
        .call(
            Method::DELETE,
            "/api/v1/devices/shared-device",
            Some(&customer),
            None,
            "en",
        )
        .await;
    assert_eq!(r.status, 404, "{r:?}");
    let r = app
        .call(
            Method::DELETE,
            "/api/v1/devices/shared-device",
            Some(&supplier),
            None,
            "en",
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");

    // A browser subscription: stored canonically, removed by its JSON in the path.
    let sub = r#"{"endpoint":"https://push.example/abc","expirationTime":null,"keys":{"auth":"YXV0aA","p256dh":"cDI1Ng"}}"#;
    register_device(&app, &customer, sub, "web").await;
    let mut url = reqwest::Url::parse(&app.base).unwrap();
    url.path_segments_mut()
        .unwrap()
        .extend(["api", "v1", "devices", sub]);
    let res = app
        .client
        .delete(url)
        .bearer_auth(&customer)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let left: i64 = sqlx::query_scalar("SELECT count(*) FROM devices")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(left, 0);
}

#[tokio::test]
async fn an_arabic_user_gets_push_sms_and_email_from_the_arabic_template() {
    let app = TestApp::spawn().await;
    clear_queue(&app).await;
    let fcm = fake_fcm().await;
    let mut state = with_fcm(&app, &fcm);
    let emails = Arc::new(CapturedEmail::default());
    state.email = emails.clone();

    let customer = app.token_of(CUSTOMER).await;
    let r = app
        .call(
            Method::PATCH,
            "/api/v1/users/me",
            Some(&customer),
            Some(json!({"email": "ali@example.sa"})),
            "en",
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    register_device(&app, &customer, "device-ar", "android").await;
    let supplier = app.token_of(SUPPLIER).await;
    let r = app
        .call(
            Method::PATCH,
            "/api/v1/users/me",
            Some(&supplier),
            Some(json!({"locale": "en", "email": "sam@example.com"})),
            "en",
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    register_device(&app, &supplier, "device-en", "ios").await;

    let customer_id = user_id(&app, CUSTOMER).await;
    let supplier_id = user_id(&app, SUPPLIER).await;
    notify(
        &app,
        customer_id,
        "order.status",
        "orders",
        json!({"orderNumber": "Q-1001", "status": "shipped"}),
    )
    .await;
    notify(
        &app,
        supplier_id,
        "order.status",
        "orders",
        json!({"orderNumber": "Q-1002", "status": "shipped"}),
    )
    .await;
    assert_eq!(drain(&state).await, 6);

    // Push: the FCM fake got each user's language.
    let sent = fcm.sent();
    let to = |device: &str| {
        sent.iter()
            .find(|m| m["message"]["token"] == device)
            .unwrap_or_else(|| panic!("a push to {device}: {sent:?}"))
            .clone()
    };
    let ar = to("device-ar");
    assert_eq!(ar["message"]["notification"]["title"], "طلبك Q-1001");
    assert_eq!(
        ar["message"]["notification"]["body"],
        "أصبحت حالة طلبك Q-1001: تم الشحن"
    );
    assert_eq!(ar["message"]["data"]["orderNumber"], "Q-1001");
    let en = to("device-en");
    assert_eq!(en["message"]["notification"]["title"], "Your order Q-1002");
    assert_eq!(
        en["message"]["notification"]["body"],
        "Your order Q-1002 is now: shipped"
    );

    // SMS through the outbox.
    let sms = |phone: &'static str| {
        let db = app.db.clone();
        async move {
            sqlx::query_as::<_, (String, String)>(
                "SELECT body, kind FROM sms_outbox WHERE to_phone = $1 \
                 ORDER BY created_at DESC, id DESC LIMIT 1",
            )
            .bind(phone)
            .fetch_one(&db)
            .await
            .unwrap()
        }
    };
    assert_eq!(
        sms(CUSTOMER).await,
        (
            "قطع: أصبحت حالة طلبك Q-1001: تم الشحن".to_owned(),
            "transactional".to_owned()
        )
    );
    assert_eq!(
        sms(SUPPLIER).await.0,
        "Qitaa: your order Q-1002 is now: shipped"
    );

    // Email: subject, text and an HTML part in the recipient's language and direction.
    let mails = emails.0.lock().unwrap().clone();
    let ali = mails.iter().find(|m| m.to == "ali@example.sa").unwrap();
    assert_eq!(ali.subject, "تحديث طلبك Q-1001");
    assert!(
        ali.text
            .starts_with("مرحبًا عميل تجريبي،\n\nأصبحت حالة طلبك Q-1001: تم الشحن."),
        "{}",
        ali.text
    );
    assert!(ali.html.contains("lang=\"ar\" dir=\"rtl\""), "{}", ali.html);
    assert!(
        ali.html.contains("أصبحت حالة طلبك Q-1001: تم الشحن."),
        "{}",
        ali.html
    );
    assert_eq!(ali.locale, "ar");
    let sam = mails.iter().find(|m| m.to == "sam@example.com").unwrap();
    assert_eq!(sam.subject, "Update on your order Q-1002");
    assert!(sam.html.contains("lang=\"en\" dir=\"ltr\""), "{}", sam.html);

    // A delivery row per job: sent, with the provider and its message id.
    let rows: Vec<(String, String, Option<String>, Option<String>)> = sqlx::query_as(
        "SELECT channel, status, provider, provider_id FROM notification_deliveries \
         WHERE user_id = $1 ORDER BY channel",
    )
    .bind(customer_id)
    .fetch_all(&app.db)
    .await
    .unwrap();
    let rows: Vec<(&str, &str, Option<&str>)> = rows
        .iter()
        .map(|(c, s, p, _)| (c.as_str(), s.as_str(), p.as_deref()))
        .collect();
    assert_eq!(
        rows,
        [
            ("email", "sent", Some("captured")),
            ("push", "sent", Some("fcm")),
            ("sms", "sent", Some("outbox")),
        ]
    );

    // The in-app inbox row reads in the request's language.
    let r = app
        .call(
            Method::GET,
            "/api/v1/notifications",
            Some(&customer),
            None,
            "ar",
        )
        .await;
    assert_eq!(r.body["data"][0]["title"], "طلبك Q-1001", "{r:?}");
    let r = app
        .call(
            Method::GET,
            "/api/v1/notifications",
            Some(&customer),
            None,
            "en",
        )
        .await;
    assert_eq!(
        r.body["data"][0]["body"], "Your order Q-1001 is now: shipped",
        "{r:?}"
    );
}

#[tokio::test]
async fn fcm_unregistered_removes_the_device_token() {
    let app = TestApp::spawn().await;
    clear_queue(&app).await;
    let fcm = fake_fcm().await;
    let state = with_fcm(&app, &fcm);
    let customer = app.token_of(CUSTOMER).await;
    register_device(&app, &customer, "device-uninstalled", "android").await;
    register_device(&app, &customer, "device-alive", "android").await;
    fcm.answer("device-uninstalled", FcmAnswer::Unregistered);

    let id = user_id(&app, CUSTOMER).await;
    notify(
        &app,
        id,
        "chat.message",
        "chat",
        json!({"senderName": "متجر الرياض", "preview": "طلبك جاهز"}),
    )
    .await;
    assert_eq!(drain(&state).await, 1);

    let tokens: Vec<String> =
        sqlx::query_scalar("SELECT token FROM devices WHERE user_id = $1 ORDER BY token")
            .bind(id)
            .fetch_all(&app.db)
            .await
            .unwrap();
    assert_eq!(tokens, ["device-alive"]);
    let sent = fcm.sent();
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert_eq!(sent[0]["message"]["token"], "device-alive");
    assert_eq!(
        sent[0]["message"]["notification"]["title"],
        "رسالة من متجر الرياض"
    );
    let (job_state, status, error): (String, String, Option<String>) = sqlx::query_as(
        "SELECT j.state, d.status, d.error FROM jobs j \
         JOIN notification_deliveries d ON d.job_id = j.id WHERE d.user_id = $1",
    )
    .bind(id)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!((job_state.as_str(), status.as_str()), ("done", "sent"));
    assert!(error.unwrap().contains("1 invalid device token"));

    // With its last device gone the push fails (and is not retried).
    fcm.answer("device-alive", FcmAnswer::Unregistered);
    notify(
        &app,
        id,
        "chat.message",
        "chat",
        json!({"senderName": "x", "preview": "y"}),
    )
    .await;
    assert_eq!(drain(&state).await, 1);
    assert_eq!(
        count(&app, "SELECT count(*) FROM devices WHERE user_id = $1", id).await,
        0
    );
    let states: Vec<String> = sqlx::query_scalar(
        "SELECT d.status FROM notification_deliveries d WHERE d.user_id = $1 ORDER BY d.created_at",
    )
    .bind(id)
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert_eq!(states, ["sent", "failed"]);
}

#[tokio::test]
async fn web_push_is_encrypted_for_the_browser_and_a_gone_subscription_is_removed() {
    use providers::webpush::fake::{FakeAnswer, FakePushService};
    use providers::webpush::{VapidConfig, WebPush};

    let app = TestApp::spawn_with(allow_test_push_services, None).await;
    clear_queue(&app).await;
    let service = FakePushService::start().await;
    let mut vapid = VapidConfig::generate();
    vapid.subject = "mailto:ops@qitaa.example".into();
    service.expect_application_server_key(&vapid.public_key_b64url().unwrap());
    let mut state = app.state.clone();
    state.webpush = Some(Arc::new(
        WebPush::new(
            vapid,
            app.state.config.notifications.webpush_endpoints.clone(),
            std::time::Duration::from_secs(5),
        )
        .unwrap(),
    ));

    let customer = app.token_of(CUSTOMER).await;
    let sub = service.subscription();
    let token = json!({"endpoint": sub.endpoint, "keys": {"p256dh": sub.p256dh, "auth": sub.auth}})
        .to_string();
    register_device(&app, &customer, &token, "web").await;
    let id = user_id(&app, CUSTOMER).await;
    notify(
        &app,
        id,
        "chat.message",
        "chat",
        json!({"senderName": "الدعم", "preview": "كيف نساعدك؟"}),
    )
    .await;
    assert_eq!(drain(&state).await, 1);
    let payloads = service.payloads();
    assert_eq!(payloads.len(), 1, "{:?}", service.received());
    let payload: Value = serde_json::from_slice(&payloads[0]).unwrap();
    assert_eq!(payload["title"], "رسالة من الدعم");
    assert_eq!(payload["body"], "كيف نساعدك؟");
    assert_eq!(payload["data"]["event"], "chat.message");

    service.answer_next(FakeAnswer::Gone);
    notify(
        &app,
        id,
        "chat.message",
        "chat",
        json!({"senderName": "a", "preview": "b"}),
    )
    .await;
    assert_eq!(drain(&state).await, 1);
    assert_eq!(
        count(&app, "SELECT count(*) FROM devices WHERE user_id = $1", id).await,
        0
    );
}

/// The server posts to a subscription's endpoint on the user's behalf, so an endpoint that is
/// not https to a known push service, is an address in any notation, or names an internal host
/// is refused when subscribing, in demo mode too (the harness runs in demo mode), and nothing
/// is ever sent there.
#[tokio::test]
async fn web_subscriptions_to_internal_or_unknown_hosts_are_refused_and_never_called() {
    use providers::webpush::fake::FakePushService;
    use providers::webpush::{VapidConfig, WebPush};

    let app = TestApp::spawn().await;
    assert!(app.state.config.demo_mode);
    clear_queue(&app).await;
    let service = FakePushService::start().await;
    let sub = service.subscription();
    let port = service.addr().port();
    let path = sub.endpoint.rsplit_once("/push/").unwrap().1.to_owned();
    let customer = app.token_of(CUSTOMER).await;
    for endpoint in [
        sub.endpoint.clone(),
        format!("http://127.0.0.1:{port}/push/{path}"),
        format!("https://127.0.0.1:{port}/push/{path}"),
        format!("https://127.0.0.1/push/{path}"),
        format!("https://localhost/push/{path}"),
        format!("https://0x7f000001/push/{path}"),
        format!("https://[::1]/push/{path}"),
        format!("https://push.example/push/{path}"),
        format!("http://fcm.googleapis.com/fcm/send/{path}"),
    ] {
        let token = json!({"endpoint": endpoint, "keys": {"p256dh": sub.p256dh, "auth": sub.auth}})
            .to_string();
        let r = app
            .post(
                "/api/v1/devices",
                Some(&customer),
                json!({"platform": "web", "token": token, "app": "customer"}),
            )
            .await;
        assert_eq!(r.status, 422, "{endpoint}: {r:?}");
        assert_eq!(r.body["error"]["code"], "VALIDATION_FAILED", "{r:?}");
        let named = r.body["error"]["fields"]["token"][0].as_str().unwrap();
        assert!(named.contains("https"), "{endpoint}: {named}");
    }
    let id = user_id(&app, CUSTOMER).await;
    assert_eq!(
        count(&app, "SELECT count(*) FROM devices WHERE user_id = $1", id).await,
        0
    );

    // A subscription stored before these checks is not called either: the sender applies the
    // same policy.
    sqlx::query(
        "INSERT INTO devices (id, user_id, platform, token, app, locale) \
         VALUES ($1, $2, 'web', $3, 'customer', 'ar')",
    )
    .bind(Uuid::now_v7())
    .bind(id)
    .bind(
        json!({"endpoint": sub.endpoint, "keys": {"p256dh": sub.p256dh, "auth": sub.auth}})
            .to_string(),
    )
    .execute(&app.db)
    .await
    .unwrap();
    let mut vapid = VapidConfig::generate();
    vapid.subject = "mailto:ops@qitaa.example".into();
    let mut state = app.state.clone();
    state.webpush = Some(Arc::new(
        WebPush::new(
            vapid,
            app.state.config.notifications.webpush_endpoints.clone(),
            std::time::Duration::from_secs(5),
        )
        .unwrap(),
    ));
    notify(
        &app,
        id,
        "chat.message",
        "chat",
        json!({"senderName": "a", "preview": "b"}),
    )
    .await;
    drain(&state).await;
    assert!(service.received().is_empty(), "{:?}", service.received());
    let (status, error): (String, Option<String>) = sqlx::query_as(
        "SELECT status, error FROM notification_deliveries WHERE user_id = $1 AND channel = 'push'",
    )
    .bind(id)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(status, "failed");
    assert!(
        error.as_deref().unwrap_or_default().contains("not allowed"),
        "{error:?}"
    );
}

#[tokio::test]
async fn the_inbox_lists_counts_and_marks_read() {
    let app = TestApp::spawn().await;
    clear_queue(&app).await;
    let customer = app.token_of(CUSTOMER).await;
    let supplier = app.token_of(SUPPLIER).await;
    let id = user_id(&app, CUSTOMER).await;
    for n in 1..=3 {
        notify(
            &app,
            id,
            "chat.message",
            "chat",
            json!({"senderName": format!("S{n}"), "preview": format!("message {n}")}),
        )
        .await;
    }
    let r = app
        .call(
            Method::GET,
            "/api/v1/notifications",
            Some(&customer),
            None,
            "en",
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["meta"]["total"], 3);
    assert_eq!(r.body["meta"]["unread"], 3);
    assert_eq!(r.body["data"][0]["title"], "Message from S3");
    assert_eq!(r.body["data"][2]["body"], "message 1");
    assert_eq!(r.body["data"][0]["data"]["senderName"], "S3");
    assert_eq!(r.body["data"][0]["read"], false);
    let first = r.body["data"][2]["id"].as_str().unwrap().to_owned();

    let unread = |token: String| {
        let app = &app;
        async move {
            app.get("/api/v1/notifications/unread-count", Some(&token))
                .await
                .body["data"]["count"]
                .as_i64()
                .unwrap()
        }
    };
    assert_eq!(unread(customer.clone()).await, 3);
    let r = app
        .post(
            &format!("/api/v1/notifications/{first}/read"),
            Some(&supplier),
            json!({}),
        )
        .await;
    assert_eq!(r.status, 404, "{r:?}");
    let r = app
        .post(
            &format!("/api/v1/notifications/{first}/read"),
            Some(&customer),
            json!({}),
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["data"]["read"], true);
    assert_eq!(unread(customer.clone()).await, 2);
    let r = app
        .get(
            "/api/v1/notifications?unread=true&perPage=1",
            Some(&customer),
        )
        .await;
    assert_eq!(r.body["meta"]["total"], 2, "{r:?}");
    assert_eq!(r.body["data"].as_array().unwrap().len(), 1);
    let r = app
        .post("/api/v1/notifications/read-all", Some(&customer), json!({}))
        .await;
    assert_eq!(r.body["data"]["marked"], 2, "{r:?}");
    assert_eq!(unread(customer.clone()).await, 0);
    assert_eq!(unread(supplier.clone()).await, 0);
    let r = app
        .get("/api/v1/notifications?perPage=0&bogus=1", Some(&customer))
        .await;
    assert_eq!(r.status, 422, "{r:?}");
}

#[tokio::test]
async fn opting_out_stops_a_channel() {
    let app = TestApp::spawn().await;
    clear_queue(&app).await;
    let customer = app.token_of(CUSTOMER).await;
    let id = user_id(&app, CUSTOMER).await;
    let r = app
        .get("/api/v1/notifications/preferences", Some(&customer))
        .await;
    assert_eq!(
        r.body["data"]["marketing"],
        json!({"push": true, "sms": false, "email": false, "inApp": true}),
        "{r:?}"
    );
    assert_eq!(r.body["data"]["orders"]["sms"], true);

    let r = app
        .call(
            Method::PUT,
            "/api/v1/notifications/preferences",
            Some(&customer),
            Some(json!({"orders": {"fax": true}})),
            "en",
        )
        .await;
    assert_eq!(r.status, 422, "{r:?}");
    let r = app
        .call(
            Method::PUT,
            "/api/v1/notifications/preferences",
            Some(&customer),
            Some(json!({"orders": {"sms": false, "inApp": false}})),
            "en",
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(
        r.body["data"]["orders"],
        json!({"push": true, "sms": false, "email": true, "inApp": false})
    );
    assert_eq!(r.body["data"]["chat"]["sms"], true);

    notify(
        &app,
        id,
        "order.status",
        "orders",
        json!({"orderNumber": "Q-7", "status": "delivered"}),
    )
    .await;
    let channels: Vec<String> = sqlx::query_scalar(
        "SELECT payload->>'channel' FROM jobs WHERE payload->>'userId' = $1::text ORDER BY 1",
    )
    .bind(id)
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert_eq!(channels, ["email", "push"]);
    assert_eq!(
        count(
            &app,
            "SELECT count(*) FROM notifications WHERE user_id = $1",
            id
        )
        .await,
        0
    );
}

#[tokio::test]
async fn admins_edit_templates_audited_and_the_edit_is_used() {
    let app = TestApp::spawn().await;
    clear_queue(&app).await;
    let fcm = fake_fcm().await;
    let state = with_fcm(&app, &fcm);
    let root = app.token_of(SUPER_ADMIN).await;
    let admin = app.token_of(ADMIN_WITHOUT).await;

    let r = app
        .get("/api/v1/admin/notification-templates", Some(&admin))
        .await;
    assert_eq!(r.status, 403, "{r:?}");
    let r = app
        .get("/api/v1/admin/notification-templates", Some(&root))
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    let stored: i64 = sqlx::query_scalar("SELECT count(*) FROM notification_templates")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert!(stored >= 26);
    assert_eq!(r.body["data"].as_array().unwrap().len() as i64, stored);
    let r = app
        .get(
            "/api/v1/admin/notification-templates?event=chat.message&channel=push",
            Some(&root),
        )
        .await;
    let list = r.body["data"].as_array().unwrap();
    assert_eq!(list.len(), 2, "{r:?}");
    assert_eq!(
        list[0]["variables"],
        json!(["senderName", "preview", "name"])
    );

    let put = async |path: &str, token: &str, body: Value| {
        let path = format!("/api/v1/admin/notification-templates/{path}");
        app.call(Method::PUT, &path, Some(token), Some(body), "en")
            .await
    };
    let r = put(
        "chat.message/push/ar",
        &admin,
        json!({"title": "x", "body": "y"}),
    )
    .await;
    assert_eq!(r.status, 403, "{r:?}");
    let r = put("no.such/push/ar", &root, json!({"title": "x", "body": "y"})).await;
    assert_eq!(r.status, 404, "{r:?}");
    let r = put(
        "chat.message/push/ar",
        &root,
        json!({"title": "", "body": "{oops}", "html": "<p></p>"}),
    )
    .await;
    assert_eq!(r.status, 422, "{r:?}");
    for field in ["title", "body", "html"] {
        assert!(
            r.body["error"]["fields"][field].is_array(),
            "{field}: {r:?}"
        );
    }
    let r = put(
        "chat.message/push/ar",
        &root,
        json!({"title": "{senderName} كتب لك", "body": "«{preview}»"}),
    )
    .await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["data"]["title"], "{senderName} كتب لك");
    let audited: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_logs WHERE action = 'notification_template.update' \
         AND entity_id = 'chat.message/push/ar' AND before IS NOT NULL",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(audited, 1);

    let customer = app.token_of(CUSTOMER).await;
    register_device(&app, &customer, "device-1", "android").await;
    let id = user_id(&app, CUSTOMER).await;
    notify(
        &app,
        id,
        "chat.message",
        "chat",
        json!({"senderName": "علي", "preview": "مرحبا"}),
    )
    .await;
    drain(&state).await;
    let sent = fcm.sent();
    assert_eq!(sent[0]["message"]["notification"]["title"], "علي كتب لك");
    assert_eq!(sent[0]["message"]["notification"]["body"], "«مرحبا»");

    // A disabled template takes the channel out of the event.
    let r = put(
        "chat.message/push/ar",
        &root,
        json!({"title": "x", "body": "y", "enabled": false}),
    )
    .await;
    assert_eq!(r.status, 200, "{r:?}");
    put(
        "chat.message/push/en",
        &root,
        json!({"title": "x", "body": "y", "enabled": false}),
    )
    .await;
    let before: i64 = sqlx::query_scalar("SELECT count(*) FROM jobs")
        .fetch_one(&app.db)
        .await
        .unwrap();
    notify(
        &app,
        id,
        "chat.message",
        "chat",
        json!({"senderName": "a", "preview": "b"}),
    )
    .await;
    let after: i64 = sqlx::query_scalar("SELECT count(*) FROM jobs")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(before, after);
}

#[tokio::test]
async fn a_broadcast_to_customers_reaches_customers_only_in_batches() {
    let app = TestApp::spawn_with(|c| c.notifications.broadcast_batch = 2, None).await;
    clear_queue(&app).await;
    let state = app.state.clone();
    // Three more customers and a supplier, besides the demo users.
    for (phone, role) in [
        ("+966511111111", "CUSTOMER"),
        ("+966511111112", "CUSTOMER"),
        ("+966511111113", "CUSTOMER"),
        ("+966511111114", "SUPPLIER"),
    ] {
        sqlx::query(
            "INSERT INTO users (id, phone, role, status, locale) VALUES ($1, $2, $3, 'active', 'en')",
        )
        .bind(Uuid::now_v7())
        .bind(phone)
        .bind(role)
        .execute(&app.db)
        .await
        .unwrap();
    }
    let customers: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM users WHERE role = 'CUSTOMER' AND status = 'active' \
         AND deleted_at IS NULL",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(customers, 5);

    let customer = app.token_of(CUSTOMER).await;
    register_device(&app, &customer, "device-b", "android").await;
    let r = app
        .call(
            Method::PUT,
            "/api/v1/notifications/preferences",
            Some(&customer),
            Some(json!({"marketing": {"sms": true}})),
            "en",
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");

    let root = app.token_of(SUPER_ADMIN).await;
    let admin = app.token_of(ADMIN_WITHOUT).await;
    let body = json!({
        "title": {"ar": "عرض الجمعة", "en": "Friday offer"},
        "body": {"ar": "خصم ٢٠٪ على الفلاتر", "en": "20% off filters"},
        "segment": {"role": "CUSTOMER"},
        "channels": ["push", "sms", "in_app"],
    });
    let r = app
        .post("/api/v1/admin/broadcasts", Some(&admin), body.clone())
        .await;
    assert_eq!(r.status, 403, "{r:?}");
    let r = app
        .post(
            "/api/v1/admin/broadcasts",
            Some(&root),
            json!({"title": {"ar": "x"}, "body": {"ar": "y", "en": "y"}, "segment": {}, "channels": ["fax"]}),
        )
        .await;
    assert_eq!(r.status, 422, "{r:?}");
    for field in ["title.en", "segment", "channels"] {
        assert!(
            r.body["error"]["fields"][field].is_array(),
            "{field}: {r:?}"
        );
    }
    let r = app
        .post("/api/v1/admin/broadcasts", Some(&root), body)
        .await;
    assert_eq!(r.status, 201, "{r:?}");
    let id = r.body["data"]["id"].as_str().unwrap().to_owned();
    assert_eq!(r.body["data"]["segment"], json!({"role": "CUSTOMER"}));

    // 5 customers in pages of 2: three batches, each planning the next.
    assert_eq!(drain(&state).await, 3);
    let batches: Vec<(String, Value)> = sqlx::query_as(
        "SELECT state, payload FROM jobs WHERE kind = 'broadcast.batch' ORDER BY created_at",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert_eq!(batches.len(), 3, "{batches:?}");
    assert!(batches.iter().all(|(s, _)| s == "done"), "{batches:?}");
    assert_eq!(batches[0].1["after"], Value::Null);

    let r = app
        .get(
            &format!("/api/v1/admin/broadcasts/{id}/deliveries?perPage=100"),
            Some(&root),
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["meta"]["total"], 15);
    let rows = r.body["data"].as_array().unwrap();
    let roles: Vec<String> = sqlx::query_scalar(
        "SELECT DISTINCT u.role FROM notification_deliveries d JOIN users u ON u.id = d.user_id \
         WHERE d.broadcast_id = $1::uuid",
    )
    .bind(&id)
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert_eq!(roles, ["CUSTOMER"]);
    let status = |phone: &str, channel: &str| {
        rows.iter()
            .find(|d| d["userPhone"] == phone && d["channel"] == channel)
            .map(|d| d["status"].as_str().unwrap().to_owned())
            .unwrap()
    };
    assert_eq!(status(CUSTOMER, "push"), "sent");
    assert_eq!(status(CUSTOMER, "sms"), "sent");
    assert_eq!(status(CUSTOMER, "in_app"), "sent");
    assert_eq!(status("+966511111111", "push"), "skipped");
    assert_eq!(status("+966511111111", "sms"), "skipped");
    assert_eq!(status("+966511111111", "in_app"), "sent");

    let r = app
        .get(
            &format!("/api/v1/admin/broadcasts/{id}/deliveries?status=sent&channel=sms"),
            Some(&root),
        )
        .await;
    assert_eq!(r.body["meta"]["total"], 1, "{r:?}");

    let r = app.get("/api/v1/admin/broadcasts", Some(&root)).await;
    let b = &r.body["data"][0];
    assert_eq!(b["recipients"], 5, "{r:?}");
    assert_eq!(b["batches"], 3);
    assert_eq!(b["planned"], true);
    assert_eq!(
        b["deliveries"],
        json!({"pending": 0, "sent": 7, "failed": 0, "skipped": 8})
    );

    let body: String = sqlx::query_scalar(
        "SELECT body FROM sms_outbox WHERE to_phone = $1 AND kind = 'promotional'",
    )
    .bind(CUSTOMER)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(body, "قطع: خصم ٢٠٪ على الفلاتر");
    let r = app
        .call(
            Method::GET,
            "/api/v1/notifications",
            Some(&customer),
            None,
            "ar",
        )
        .await;
    assert_eq!(r.body["data"][0]["title"], "عرض الجمعة", "{r:?}");
    let supplier = app.token_of(SUPPLIER).await;
    let r = app.get("/api/v1/notifications", Some(&supplier)).await;
    assert_eq!(r.body["meta"]["total"], 0, "{r:?}");
}
