//! Web Push adapter against the fake push service (`providers::webpush::fake`), which verifies
//! the VAPID JWT and decrypts the aes128gcm body like a push service and a browser would.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use providers::outbound::DEFAULT_PUSH_HOSTS;
use providers::webpush::fake::{FakeAnswer, FakePushService};
use providers::webpush::{
    EndpointPolicy, MAX_PAYLOAD_BYTES, VapidConfig, WebPush, WebPushError, WebPushMessage,
    WebPushOutcome, WebPushSender, WebPushSubscription,
};
use serde_json::{Value, json};
use web_push_native::jwt_simple::reexports::ct_codecs::{
    Base64UrlSafeNoPadding, Decoder as _, Encoder as _,
};

const SUBJECT: &str = "mailto:ops@qitaa.sa";

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .timeout(Duration::from_secs(5))
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// The fake listens on 127.0.0.1, which the adapter calls only when named explicitly.
fn test_endpoints() -> EndpointPolicy {
    EndpointPolicy::new(DEFAULT_PUSH_HOSTS, ["127.0.0.1"])
}

/// The adapter as the tests use it: the default push services plus the fake.
fn web_push(cfg: VapidConfig) -> WebPush {
    WebPush::new(cfg, test_endpoints(), Duration::from_secs(5)).unwrap()
}

fn vapid() -> VapidConfig {
    VapidConfig {
        subject: SUBJECT.to_owned(),
        ..VapidConfig::generate()
    }
}

fn message(subscription: WebPushSubscription, payload: &Value) -> WebPushMessage {
    WebPushMessage {
        subscription,
        payload: serde_json::to_vec(payload).unwrap(),
        ttl_secs: 3600,
        urgency: None,
    }
}

fn now_secs() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

fn b64url(text: &str) -> Vec<u8> {
    Base64UrlSafeNoPadding::decode_to_vec(text, None).unwrap()
}

#[tokio::test]
async fn arabic_payload_arrives_decrypted_with_a_valid_vapid_jwt() {
    let fake = FakePushService::start().await;
    let cfg = vapid();
    let public_key = cfg.public_key_b64url().unwrap();
    fake.expect_application_server_key(&public_key);
    let push = web_push(cfg);
    let payload = json!({
        "title": "قطع: طلبك في الطريق",
        "body": "طلب رقم ١٢٣٤ — فلتر زيت تويوتا كامري ٢٠١٩ خرج للتوصيل 🚚",
        "data": { "url": "/orders/1234", "order_id": "0193-abc" }
    });
    let mut m = message(fake.subscription(), &payload);
    m.urgency = Some("high".to_owned());

    let outcome = push.send(&m).await.expect("send");

    assert_eq!(outcome, WebPushOutcome::Sent);
    let payloads = fake.payloads();
    assert_eq!(payloads, vec![m.payload.clone()], "bytes arrive intact");
    let decoded: Value = serde_json::from_slice(&payloads[0]).unwrap();
    assert_eq!(decoded, payload);
    assert_eq!(decoded["title"], "قطع: طلبك في الطريق");

    let received = fake.received();
    assert_eq!(received.len(), 1, "{received:?}");
    let rec = &received[0];
    assert_eq!(rec.status, 201, "{:?}", rec.error);
    assert_eq!(rec.content_encoding.as_deref(), Some("aes128gcm"));
    assert_eq!(rec.ttl.as_deref(), Some("3600"));
    assert_eq!(rec.urgency.as_deref(), Some("high"));
    // salt 16 + rs 4 + idlen 1 + keyid 65 + payload + delimiter 1 + tag 16: encrypted, not plain.
    assert_eq!(rec.body_len, 86 + m.payload.len() + 17);

    let claims = rec.vapid.as_ref().expect("the fake verified the JWT");
    assert_eq!(claims.public_key, public_key);
    assert_eq!(claims.audience, fake.origin());
    assert!(
        claims.audience.starts_with("http://127.0.0.1:"),
        "aud keeps the non-default port: {}",
        claims.audience
    );
    assert_eq!(claims.subject.as_deref(), Some(SUBJECT));
    let now = now_secs();
    assert!(
        claims.expires_at > now && claims.expires_at <= now + 24 * 3600,
        "exp {} now {now}",
        claims.expires_at
    );
}

#[tokio::test]
async fn authorization_header_is_vapid_t_and_k() {
    let fake = FakePushService::start().await;
    let cfg = vapid();
    let public_key = cfg.public_key_b64url().unwrap();
    let push = web_push(cfg);

    push.send(&message(fake.subscription(), &json!({"title": "t"})))
        .await
        .unwrap();

    let rec = &fake.received()[0];
    let authorization = rec.authorization.as_deref().unwrap();
    let params = authorization.strip_prefix("vapid ").expect(authorization);
    let (t, k) = params.split_once(", ").expect(params);
    assert_eq!(k, format!("k={public_key}"));
    let jwt = t.strip_prefix("t=").expect(t);
    let parts: Vec<&str> = jwt.split('.').collect();
    assert_eq!(parts.len(), 3, "{jwt}");
    let header: Value = serde_json::from_slice(&b64url(parts[0])).unwrap();
    assert_eq!(header["alg"], "ES256");
    assert_eq!(header["typ"], "JWT");
    let claims: Value = serde_json::from_slice(&b64url(parts[1])).unwrap();
    assert_eq!(claims["aud"], json!(fake.origin()));
    assert_eq!(claims["sub"], json!(SUBJECT));
    assert!(claims["exp"].as_u64().unwrap() <= now_secs() + 24 * 3600);
    assert_eq!(b64url(parts[2]).len(), 64, "ES256 signature is r || s");
}

#[tokio::test]
async fn gone_subscriptions_are_reported() {
    let fake = FakePushService::start().await;
    let push = web_push(vapid());
    let m = message(fake.subscription(), &json!({"title": "t"}));

    fake.answer_next(FakeAnswer::Gone);
    assert_eq!(push.send(&m).await.unwrap(), WebPushOutcome::Gone);

    fake.answer_next(FakeAnswer::Status(404));
    assert_eq!(push.send(&m).await.unwrap(), WebPushOutcome::Gone);

    // An endpoint the push service does not know (the fake's real 404).
    let mut unknown = m.clone();
    unknown.subscription.endpoint = format!("{}/push/unknown", fake.origin());
    assert_eq!(push.send(&unknown).await.unwrap(), WebPushOutcome::Gone);

    // The queued answers are used up: the next one is delivered.
    assert_eq!(push.send(&m).await.unwrap(), WebPushOutcome::Sent);
    let statuses: Vec<u16> = fake.received().iter().map(|r| r.status).collect();
    assert_eq!(statuses, vec![410, 404, 404, 201]);
    assert_eq!(fake.payloads().len(), 1);
}

#[tokio::test]
async fn throttling_and_server_errors_are_retried() {
    let fake = FakePushService::start().await;
    let push = web_push(vapid());
    let m = message(fake.subscription(), &json!({"title": "t"}));

    fake.answer_next(FakeAnswer::TooManyRequests {
        retry_after: Some("120".to_owned()),
    });
    assert_eq!(
        push.send(&m).await.unwrap(),
        WebPushOutcome::Retry {
            after: Some(Duration::from_secs(120))
        }
    );

    let in_a_minute = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(65));
    fake.answer_next(FakeAnswer::TooManyRequests {
        retry_after: Some(in_a_minute),
    });
    match push.send(&m).await.unwrap() {
        WebPushOutcome::Retry { after: Some(after) } => assert!(
            after > Duration::from_secs(50) && after <= Duration::from_secs(65),
            "{after:?}"
        ),
        other => panic!("expected Retry with a delay, got {other:?}"),
    }

    fake.answer_next(FakeAnswer::TooManyRequests { retry_after: None });
    assert_eq!(
        push.send(&m).await.unwrap(),
        WebPushOutcome::Retry { after: None }
    );

    fake.answer_next(FakeAnswer::Status(503));
    assert_eq!(
        push.send(&m).await.unwrap(),
        WebPushOutcome::Retry { after: None }
    );
    assert!(fake.payloads().is_empty());
}

#[tokio::test]
async fn malformed_subscriptions_are_invalid_without_a_request() {
    let fake = FakePushService::start().await;
    let push = web_push(vapid());
    let good = fake.subscription();
    let not_a_point = {
        // 65 bytes starting with 0x04, but not on the curve.
        let mut bytes = vec![0x04];
        bytes.extend([0x11; 64]);
        Base64UrlSafeNoPadding::encode_to_string(&bytes).unwrap()
    };
    let cases = [
        WebPushSubscription {
            p256dh: "not base64 at all!".to_owned(),
            ..good.clone()
        },
        WebPushSubscription {
            p256dh: not_a_point,
            ..good.clone()
        },
        WebPushSubscription {
            p256dh: good.p256dh[..40].to_owned(),
            ..good.clone()
        },
        WebPushSubscription {
            p256dh: String::new(),
            ..good.clone()
        },
        WebPushSubscription {
            auth: "c2hvcnQ".to_owned(),
            ..good.clone()
        },
        WebPushSubscription {
            auth: "%%%".to_owned(),
            ..good.clone()
        },
        WebPushSubscription {
            endpoint: "not a url".to_owned(),
            ..good.clone()
        },
        WebPushSubscription {
            endpoint: "ftp://push.example/x".to_owned(),
            ..good.clone()
        },
    ];
    for subscription in cases {
        let m = message(subscription.clone(), &json!({"title": "t"}));
        let err = push.send(&m).await.unwrap_err();
        assert!(
            matches!(err, WebPushError::Invalid(_)),
            "{subscription:?}: {err:?}"
        );
    }

    let mut too_big = message(good.clone(), &json!({}));
    too_big.payload = vec![b'x'; MAX_PAYLOAD_BYTES + 1];
    assert!(matches!(
        push.send(&too_big).await,
        Err(WebPushError::Invalid(_))
    ));
    let mut bad_urgency = message(good.clone(), &json!({}));
    bad_urgency.urgency = Some("urgent".to_owned());
    assert!(matches!(
        push.send(&bad_urgency).await,
        Err(WebPushError::Invalid(_))
    ));

    assert!(fake.received().is_empty(), "{:?}", fake.received());

    // The largest payload still fits the push service's 4096-byte limit.
    let mut largest = message(good, &json!({}));
    largest.payload = "ق".repeat(MAX_PAYLOAD_BYTES / 2).into_bytes();
    largest.payload.push(b'!');
    assert_eq!(largest.payload.len(), MAX_PAYLOAD_BYTES);
    assert_eq!(push.send(&largest).await.unwrap(), WebPushOutcome::Sent);
    assert_eq!(fake.payloads(), vec![largest.payload]);
}

#[tokio::test]
async fn refusals_and_transport_errors_are_errors() {
    let fake = FakePushService::start().await;
    // The subscription was made with another applicationServerKey.
    fake.expect_application_server_key(&vapid().public_key_b64url().unwrap());
    let push = web_push(vapid());
    let m = message(fake.subscription(), &json!({"title": "t"}));

    match push.send(&m).await.unwrap_err() {
        WebPushError::Refused { status, message } => {
            assert_eq!(status, 403);
            assert!(message.contains("VAPID key"), "{message}");
        }
        other => panic!("expected Refused, got {other:?}"),
    }

    fake.answer_next(FakeAnswer::Status(400));
    assert!(matches!(
        push.send(&m).await,
        Err(WebPushError::Refused { status: 400, .. })
    ));

    // Nothing listens there any more. The server stops in its own task: wait until a new
    // connection is refused, then send with a new adapter, whose client holds no kept-alive
    // connection the stopping server could still answer on.
    let addr = fake.addr();
    drop(fake);
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    while tokio::net::TcpStream::connect(addr).await.is_ok() {
        assert!(
            tokio::time::Instant::now() < deadline,
            "the dropped fake push service still accepts connections on {addr}"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let push = web_push(vapid());
    let mut gone_server = m.clone();
    gone_server.subscription.endpoint = format!("http://{addr}/push/x");
    let err = push.send(&gone_server).await.unwrap_err();
    assert!(matches!(err, WebPushError::Unreachable(_)), "{err:?}");
}

/// Without the explicit allowance the fake's own address, and every other spelling of an
/// internal address, is refused before any request.
#[tokio::test]
async fn internal_endpoints_are_blocked_without_a_request() {
    let fake = FakePushService::start().await;
    let push = WebPush::new(vapid(), EndpointPolicy::default(), Duration::from_secs(5)).unwrap();
    let good = fake.subscription();
    let port = fake.addr().port();
    let path = good.endpoint.rsplit_once("/push/").unwrap().1.to_owned();
    for endpoint in [
        good.endpoint.clone(),
        format!("https://127.0.0.1:{port}/push/{path}"),
        format!("https://127.0.0.1/push/{path}"),
        format!("https://localhost/push/{path}"),
        format!("https://0x7f000001/push/{path}"),
        format!("https://2130706433/push/{path}"),
        format!("https://[::1]/push/{path}"),
        format!("https://[::ffff:127.0.0.1]/push/{path}"),
        format!("https://push.example/push/{path}"),
        format!("http://fcm.googleapis.com/fcm/send/{path}"),
    ] {
        let m = message(
            WebPushSubscription {
                endpoint: endpoint.clone(),
                ..good.clone()
            },
            &json!({"title": "t"}),
        );
        let err = push.send(&m).await.unwrap_err();
        assert!(
            matches!(err, WebPushError::Blocked(_)),
            "{endpoint}: {err:?}"
        );
    }
    assert!(fake.received().is_empty(), "{:?}", fake.received());
}

/// A host name that passes every check on the URL but resolves to 127.0.0.1 is refused by the
/// client's resolver, i.e. when connecting: a check of the string alone would have let it through.
#[tokio::test]
async fn a_name_resolving_to_loopback_is_refused_at_connect_time() {
    let fake = FakePushService::start().await;
    let port = fake.addr().port();
    // `localhost` stands for any allowed name whose DNS answer is (or becomes) internal.
    let allowed = EndpointPolicy::new(["localhost"], std::iter::empty::<&str>());
    let url = format!("http://localhost:{port}/push/x");

    let err = allowed
        .client(Duration::from_secs(5))
        .unwrap()
        .post(&url)
        .send()
        .await
        .unwrap_err();
    assert!(providers::outbound::is_blocked(&err), "{err:?}");
    assert!(fake.received().is_empty(), "{:?}", fake.received());

    // The same client with localhost named as private reaches the fake: the resolver was the
    // only thing in the way.
    let named = EndpointPolicy::new(["localhost"], ["localhost"]);
    let status = named
        .client(Duration::from_secs(5))
        .unwrap()
        .post(&url)
        .send()
        .await
        .expect("the named private host is reached")
        .status();
    assert_eq!(status, 404, "the fake answers an unknown subscription");
    assert_eq!(fake.received().len(), 1);

    // Through the adapter: the URL passes the policy, the connection does not.
    let sub = WebPushSubscription {
        endpoint: "https://localhost/push/x".to_owned(),
        ..fake.subscription()
    };
    assert!(allowed.check_url(&sub.endpoint).is_ok());
    let push = WebPush::new(vapid(), allowed, Duration::from_secs(5)).unwrap();
    match push.send(&message(sub, &json!({"title": "t"}))).await {
        Err(WebPushError::Blocked(why)) => {
            assert!(why.contains("no public address"), "{why}")
        }
        other => panic!("expected Blocked at connect time, got {other:?}"),
    }
    assert_eq!(fake.received().len(), 1, "nothing more was sent");
}

#[tokio::test]
async fn works_through_the_port_trait() {
    let fake = FakePushService::start().await;
    let push = web_push(vapid());
    let sender: &dyn WebPushSender = &push;
    assert_eq!(sender.name(), "webpush");
    let m = message(fake.subscription(), &json!({"title": "مرحبا"}));
    assert_eq!(sender.send(&m).await.unwrap(), WebPushOutcome::Sent);
    assert_eq!(fake.payloads(), vec![m.payload]);
}

#[test]
fn generated_vapid_config_round_trips_its_public_key() {
    let cfg = VapidConfig::generate();
    let public_key = cfg.public_key_b64url().unwrap();
    let raw = b64url(&public_key);
    assert_eq!(raw.len(), 65, "uncompressed P-256 point");
    assert_eq!(raw[0], 0x04);
    assert_eq!(b64url(&cfg.private_key_b64url).len(), 32);
    assert!(!public_key.contains(['=', '+', '/']), "{public_key}");

    // The same private key, stored and read back, gives the same public key.
    let reloaded = VapidConfig {
        private_key_b64url: cfg.private_key_b64url.clone(),
        subject: SUBJECT.to_owned(),
    };
    assert_eq!(reloaded.public_key_b64url().unwrap(), public_key);
    let push = web_push(reloaded);
    assert_eq!(push.public_key_b64url(), public_key);

    assert_ne!(
        VapidConfig::generate().public_key_b64url().unwrap(),
        public_key
    );
    let broken = VapidConfig {
        private_key_b64url: "short".to_owned(),
        subject: SUBJECT.to_owned(),
    };
    assert!(matches!(
        broken.public_key_b64url(),
        Err(WebPushError::Config(_))
    ));
}

#[tokio::test]
async fn generated_key_signs_what_the_fake_verifies() {
    let fake = FakePushService::start().await;
    let cfg = vapid();
    let public_key = cfg.public_key_b64url().unwrap();
    let push = web_push(cfg);
    push.send(&message(fake.subscription(), &json!({})))
        .await
        .unwrap();
    assert_eq!(
        fake.received()[0].vapid.as_ref().unwrap().public_key,
        public_key
    );
}

/// The fake is not a rubber stamp: hand-made requests with a wrong `aud`, an expired or too long
/// `exp`, a signature by another key or a tampered body are refused.
#[tokio::test]
async fn fake_refuses_bad_vapid_and_bad_bodies() {
    use web_push_native::jwt_simple::algorithms::{
        ECDSAP256KeyPairLike, ECDSAP256PublicKeyLike, ES256KeyPair,
    };
    use web_push_native::jwt_simple::claims::{Claims, JWTClaims, NoCustomClaims};
    use web_push_native::jwt_simple::reexports::coarsetime;
    use web_push_native::{Auth, p256};

    let fake = FakePushService::start().await;
    let sub = fake.subscription();
    let ua_public = p256::PublicKey::from_sec1_bytes(&b64url(&sub.p256dh)).unwrap();
    let ua_auth = Auth::clone_from_slice(&b64url(&sub.auth));
    let body = web_push_native::encrypt(b"hello".to_vec(), &ua_public, &ua_auth).unwrap();
    let key = ES256KeyPair::generate();
    let k = Base64UrlSafeNoPadding::encode_to_string(
        key.public_key().public_key().to_bytes_uncompressed(),
    )
    .unwrap();
    let claims = |secs: u64, aud: &str| -> JWTClaims<NoCustomClaims> {
        Claims::create(coarsetime::Duration::from_secs(secs))
            .with_audience(aud)
            .with_subject(SUBJECT)
    };
    let post = |authorization: String, body: Vec<u8>| {
        let endpoint = sub.endpoint.clone();
        async move {
            client()
                .post(endpoint)
                .header("Authorization", authorization)
                .header("Content-Encoding", "aes128gcm")
                .header("TTL", "60")
                .body(body)
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    };

    let good = key.sign(claims(3600, &fake.origin())).unwrap();
    assert_eq!(
        post(format!("vapid t={good}, k={k}"), body.clone()).await,
        201
    );

    // aud without the port (what web_push_native::vapid would send), or another origin.
    for aud in ["http://127.0.0.1", "https://fcm.googleapis.com"] {
        let t = key.sign(claims(3600, aud)).unwrap();
        assert_eq!(
            post(format!("vapid t={t}, k={k}"), body.clone()).await,
            401,
            "{aud}"
        );
    }
    // exp more than 24 h ahead.
    let t = key.sign(claims(25 * 3600, &fake.origin())).unwrap();
    assert_eq!(post(format!("vapid t={t}, k={k}"), body.clone()).await, 401);
    // exp in the past.
    let mut expired = claims(3600, &fake.origin());
    expired.issued_at = Some(coarsetime::Duration::from_secs(now_secs() - 7200));
    expired.invalid_before = None;
    expired.expires_at = Some(coarsetime::Duration::from_secs(now_secs() - 10));
    let t = key.sign(expired).unwrap();
    assert_eq!(post(format!("vapid t={t}, k={k}"), body.clone()).await, 401);
    // Signed by another key than k.
    let t = ES256KeyPair::generate()
        .sign(claims(3600, &fake.origin()))
        .unwrap();
    assert_eq!(post(format!("vapid t={t}, k={k}"), body.clone()).await, 401);
    // No Authorization at all, or another scheme.
    assert_eq!(post(format!("WebPush {good}"), body.clone()).await, 401);
    // A tampered body.
    let mut tampered = body.clone();
    *tampered.last_mut().unwrap() ^= 1;
    assert_eq!(post(format!("vapid t={good}, k={k}"), tampered).await, 400);

    assert_eq!(fake.payloads(), vec![b"hello".to_vec()]);
    let errors: Vec<String> = fake
        .received()
        .into_iter()
        .filter_map(|r| r.error)
        .collect();
    assert_eq!(errors.len(), 7, "{errors:?}");
    for (error, expected) in errors.iter().zip([
        "audience",
        "audience",
        "24 h",
        "expired",
        "Signature",
        "not vapid",
        "decrypt",
    ]) {
        assert!(
            error.contains(expected),
            "{error:?} should mention {expected:?}"
        );
    }
}
