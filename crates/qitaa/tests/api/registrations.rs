//! Registration requests through the API: a representative walks the steps
//! (every failing field named, in Arabic), uploads documents, submits, and
//! confirms from the link the SMTP fake captured (once; an expired link is
//! refused); an admin rejects with a reason, the applicant resumes from the
//! e-mailed link and sends it again; approval opens the account, which then
//! signs in by OTP. A supplier's approval opens an approved company and
//! activates the user waiting since a first sign-in; a phone of another
//! account is refused.

use std::sync::Arc;
use std::time::Duration;

use reqwest::Method;
use serde_json::{Value, json};
use uuid::Uuid;

use app::registrations::tokens::{LinkPurpose, sign};
use providers::email::fake_smtp::{FakeSmtp, ReceivedMail};

use crate::harness::{Reply, TestApp};

const SUPER_ADMIN: &str = "+966500000000";
const CUSTOMER: &str = "+966500000001";

async fn call(
    app: &TestApp,
    method: Method,
    path: &str,
    draft: Option<&str>,
    body: Option<Value>,
    lang: &str,
) -> Reply {
    let mut req = app
        .client
        .request(method, format!("{}{path}", app.base))
        .header("accept-language", lang);
    if let Some(t) = draft {
        req = req.header("x-draft-token", t);
    }
    if let Some(b) = body {
        req = req.json(&b);
    }
    let res = req.send().await.expect("request sent");
    let status = res.status();
    let headers = res.headers().clone();
    let text = res.text().await.unwrap();
    Reply {
        status,
        headers,
        body: serde_json::from_str(&text).unwrap_or(Value::String(text)),
    }
}

async fn upload(
    app: &TestApp,
    id: &str,
    draft: &str,
    kind: &str,
    name: &str,
    data: &[u8],
) -> Reply {
    let boundary = "qitaa-registration-boundary-5c1e";
    let mut body = Vec::new();
    body.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\n{kind}\r\n\
             --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n\
             Content-Type: application/octet-stream\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(data);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let res = app
        .client
        .post(format!("{}/api/v1/registrations/{id}/documents", app.base))
        .header("x-draft-token", draft)
        .header("accept-language", "en")
        .header(
            "content-type",
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(body)
        .send()
        .await
        .unwrap();
    let status = res.status();
    let headers = res.headers().clone();
    let text = res.text().await.unwrap();
    Reply {
        status,
        headers,
        body: serde_json::from_str(&text).unwrap_or(Value::String(text)),
    }
}

fn pdf() -> Vec<u8> {
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
        .to_vec()
}

fn fields(r: &Reply) -> Vec<String> {
    let mut out: Vec<String> = r.body["error"]["fields"]
        .as_object()
        .unwrap_or_else(|| panic!("no fields: {r:?}"))
        .keys()
        .cloned()
        .collect();
    out.sort();
    out
}

fn field(r: &Reply, name: &str) -> String {
    r.body["error"]["fields"][name][0]
        .as_str()
        .unwrap_or_else(|| panic!("no {name}: {r:?}"))
        .to_owned()
}

fn base64_decode(s: &str) -> Vec<u8> {
    let (mut acc, mut bits, mut out) = (0u32, 0u32, Vec::new());
    for c in s.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => continue,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
}

fn qp_decode(s: &str) -> String {
    let s = s.replace("=\r\n", "");
    let b = s.as_bytes();
    let (mut i, mut out) = (0, Vec::new());
    while i < b.len() {
        if b[i] == b'='
            && i + 2 < b.len()
            && let Some(v) = std::str::from_utf8(&b[i + 1..i + 3])
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(v);
            i += 3;
            continue;
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Every part of a message, decoded by its own transfer encoding.
fn mail_text(mail: &ReceivedMail) -> String {
    let raw = mail.data_text();
    let mut out = String::new();
    for part in raw.split("\r\n--") {
        let Some((head, body)) = part.split_once("\r\n\r\n") else {
            continue;
        };
        let head = head.to_ascii_lowercase();
        if head.contains("content-transfer-encoding: base64") {
            out.push_str(&String::from_utf8_lossy(&base64_decode(body)));
        } else if head.contains("content-transfer-encoding: quoted-printable") {
            out.push_str(&qp_decode(body));
        } else {
            out.push_str(body);
        }
        out.push('\n');
    }
    out
}

/// The token of the first `<path>?token=` link in `text`.
fn token_in(text: &str, path: &str) -> String {
    let at = text
        .find(&format!("{path}?token="))
        .unwrap_or_else(|| panic!("no {path} link in {text}"));
    text[at + path.len() + 7..]
        .chars()
        .take_while(|c| c.is_ascii_hexdigit() || *c == '.')
        .collect()
}

/// Runs jobs until the fake holds `n` messages to `to`; answers them.
async fn mails(app: &TestApp, fake: &FakeSmtp, to: &str, n: usize) -> Vec<ReceivedMail> {
    let mut state = app.state.clone();
    state.email = Arc::new(
        providers::email::SmtpEmail::new(fake.config("Qitaa <no-reply@qitaa.example>")).unwrap(),
    );
    let of = || -> Vec<ReceivedMail> {
        fake.messages()
            .into_iter()
            .filter(|m| m.rcpt_to.iter().any(|r| r == to))
            .collect()
    };
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    while of().len() < n {
        assert!(
            tokio::time::Instant::now() < deadline,
            "only {} of {n} e-mails to {to}",
            of().len()
        );
        app::jobs::run_once(&state, "test").await.unwrap();
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    of()
}

async fn admin_post(app: &TestApp, admin: &str, path: &str, body: Value) -> Reply {
    app.call(Method::POST, path, Some(admin), Some(body), "en")
        .await
}

#[tokio::test]
async fn a_representative_registers_confirms_once_is_rejected_resumes_and_is_approved() {
    let app = TestApp::spawn().await;
    let fake = FakeSmtp::start().await;
    let admin = app.token_of(SUPER_ADMIN).await;
    let post = Method::POST;

    // Step 1 with every field wrong: each one named, in Arabic.
    let r = call(
        &app,
        post.clone(),
        "/api/v1/registrations",
        None,
        Some(json!({"kind": "representative", "fullName": " ", "phone": "12", "email": "nope"})),
        "ar",
    )
    .await;
    assert_eq!(r.status, 422, "{r:?}");
    assert_eq!(r.body["error"]["code"], "VALIDATION_FAILED");
    assert_eq!(fields(&r), ["email", "fullName", "phone"]);
    assert!(field(&r, "fullName").contains("مطلوب"), "{r:?}");
    assert!(field(&r, "phone").contains("رقم جوال"), "{r:?}");
    assert!(field(&r, "email").contains("بريد"), "{r:?}");
    // The honeypot, filled by a bot.
    let good = json!({"kind": "representative", "fullName": "سالم الحربي", "phone": "0551234567",
        "email": "Salem@Example.sa"});
    let mut bot = good.clone();
    bot["website"] = json!("http://spam.example");
    let r = call(
        &app,
        post.clone(),
        "/api/v1/registrations",
        None,
        Some(bot),
        "ar",
    )
    .await;
    assert_eq!(fields(&r), ["website"], "{r:?}");

    let r = call(
        &app,
        post.clone(),
        "/api/v1/registrations",
        None,
        Some(good),
        "ar",
    )
    .await;
    assert_eq!(r.status, 201, "{r:?}");
    let id = r.body["data"]["registration"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let draft = r.body["data"]["draftToken"].as_str().unwrap().to_owned();
    assert_eq!(r.body["data"]["registration"]["status"], "draft");
    assert_eq!(r.body["data"]["registration"]["phone"], "+966551234567");
    assert_eq!(r.body["data"]["registration"]["email"], "salem@example.sa");
    let path = format!("/api/v1/registrations/{id}");
    // The draft opens with its token only.
    assert_eq!(
        call(&app, Method::GET, &path, None, None, "en")
            .await
            .status,
        404
    );
    assert_eq!(
        call(&app, Method::GET, &path, Some("wrong"), None, "en")
            .await
            .status,
        404
    );

    // Step 2: each failing field named in Arabic; a supplier's step is refused.
    let r = call(
        &app,
        Method::PATCH,
        &path,
        Some(&draft),
        Some(json!({"step": "vehicle", "plateNumber": "ABC", "nationalId": "3123"})),
        "ar",
    )
    .await;
    assert_eq!(r.status, 422, "{r:?}");
    assert_eq!(
        fields(&r),
        ["city", "nationalId", "plateNumber", "vehicleType"]
    );
    assert!(field(&r, "nationalId").contains("10"), "{r:?}");
    assert!(field(&r, "city").contains("مطلوب"), "{r:?}");
    let r = call(
        &app,
        Method::PATCH,
        &path,
        Some(&draft),
        Some(json!({"step": "business",
        "companyNameAr": "أ", "companyNameEn": "A", "crNumber": "1010123456",
        "vatNumber": "300000000000003", "city": "Riyadh", "address": "X"})),
        "en",
    )
    .await;
    assert_eq!(fields(&r), ["step"], "{r:?}");
    let r = call(
        &app,
        Method::PATCH,
        &path,
        Some(&draft),
        Some(json!({"step": "vehicle",
        "vehicleType": "tow_truck", "plateNumber": "أ ب ج ١٢٣٤", "nationalId": "١٠١٢٣٤٥٦٧٨",
        "city": "الرياض"})),
        "ar",
    )
    .await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["data"]["nationalId"], "1012345678");
    assert_eq!(r.body["data"]["plateNumber"], "أ ب ج 1234");

    // Step 3: nothing to submit without the documents; the types are checked.
    let submit = format!("{path}/submit");
    let r = call(&app, post.clone(), &submit, Some(&draft), None, "ar").await;
    assert_eq!(r.status, 422, "{r:?}");
    assert_eq!(r.body["error"]["code"], "REGISTRATION_INCOMPLETE");
    assert_eq!(
        fields(&r),
        ["documents.driving_license", "documents.national_id"]
    );
    let r = upload(&app, &id, &draft, "national_id", "id.txt", b"just text").await;
    assert_eq!(r.status, 415, "{r:?}");
    let r = upload(
        &app,
        &id,
        &draft,
        "commercial_registration",
        "cr.pdf",
        &pdf(),
    )
    .await;
    assert_eq!(fields(&r), ["kind"], "{r:?}");
    let r = upload(&app, &id, &draft, "national_id", "id.pdf", &pdf()).await;
    assert_eq!(r.status, 201, "{r:?}");
    let r = upload(
        &app,
        &id,
        &draft,
        "driving_license",
        "licence.png",
        &crate::media::png(80, 50),
    )
    .await;
    assert_eq!(r.status, 201, "{r:?}");
    let r = call(&app, Method::GET, &path, Some(&draft), None, "en").await;
    assert_eq!(
        r.body["data"]["documents"].as_array().unwrap().len(),
        2,
        "{r:?}"
    );
    assert_eq!(r.body["data"]["missing"], json!([]));

    // Step 4: submitted, then locked.
    let r = call(&app, post.clone(), &submit, Some(&draft), None, "ar").await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["data"]["status"], "submitted");
    let r = call(&app, post.clone(), &submit, Some(&draft), None, "en").await;
    assert_eq!(
        (r.status.as_u16(), r.body["error"]["code"].as_str()),
        (409, Some("REGISTRATION_LOCKED"))
    );
    let queue = |status: &'static str| {
        let admin = admin.clone();
        let app = &app;
        async move {
            app.get(
                &format!("/api/v1/admin/registrations?status={status}&q=551234567"),
                Some(&admin),
            )
            .await
            .body["meta"]["total"]
                .as_i64()
                .unwrap()
        }
    };
    assert_eq!(
        queue("confirmed").await,
        0,
        "not in the queue before the e-mail is confirmed"
    );
    assert_eq!(queue("submitted").await, 1);

    // The confirmation link, as e-mailed (in Arabic, the applicant's language).
    let sent = mails(&app, &fake, "salem@example.sa", 1).await;
    assert_eq!(sent[0].rcpt_to, ["salem@example.sa"]);
    let text = mail_text(&sent[0]);
    assert!(text.contains("سالم الحربي"), "{text}");
    let token = token_in(&text, "/register/confirm");
    let confirm = "/api/v1/registrations/confirm";
    // An expired link, signed like the real one: 410.
    let rid: Uuid = id.parse().unwrap();
    let nonce: String =
        sqlx::query_scalar("SELECT confirm_nonce FROM registration_requests WHERE id = $1")
            .bind(rid)
            .fetch_one(&app.db)
            .await
            .unwrap();
    let past = time::OffsetDateTime::now_utc().unix_timestamp() - 60;
    let expired = sign(&app.state.keys, LinkPurpose::Confirm, rid, past, &nonce);
    let r = call(
        &app,
        post.clone(),
        confirm,
        None,
        Some(json!({"token": expired})),
        "ar",
    )
    .await;
    assert_eq!(
        (r.status.as_u16(), r.body["error"]["code"].as_str()),
        (410, Some("CONFIRM_LINK_EXPIRED")),
        "{r:?}"
    );
    assert!(
        r.body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("انتهت"),
        "{r:?}"
    );
    // A tampered one is nobody's.
    let last = if token.ends_with('0') { '1' } else { '0' };
    let forged = format!("{}{last}", &token[..token.len() - 1]);
    let r = call(
        &app,
        post.clone(),
        confirm,
        None,
        Some(json!({"token": forged})),
        "en",
    )
    .await;
    assert_eq!(r.status, 404, "{r:?}");
    let r = call(
        &app,
        post.clone(),
        confirm,
        None,
        Some(json!({"token": token})),
        "en",
    )
    .await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["data"]["status"], "confirmed");
    let r = call(
        &app,
        post.clone(),
        confirm,
        None,
        Some(json!({"token": token})),
        "en",
    )
    .await;
    assert_eq!(
        (r.status.as_u16(), r.body["error"]["code"].as_str()),
        (409, Some("CONFIRM_LINK_USED")),
        "{r:?}"
    );
    assert_eq!(queue("confirmed").await, 1);

    // The admin rejects it with a reason.
    let admin_path = format!("/api/v1/admin/registrations/{id}");
    let r = admin_post(
        &app,
        &admin,
        &format!("{admin_path}/reject"),
        json!({"reason": " "}),
    )
    .await;
    assert_eq!(fields(&r), ["reason"], "{r:?}");
    let reason = "The licence photo is unreadable";
    let r = admin_post(
        &app,
        &admin,
        &format!("{admin_path}/reject"),
        json!({"reason": reason}),
    )
    .await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["data"]["status"], "rejected");
    assert_eq!(r.body["data"]["rejectionReason"], reason);
    let r = admin_post(&app, &admin, &format!("{admin_path}/approve"), json!({})).await;
    assert_eq!(
        r.body["error"]["code"], "REGISTRATION_NOT_IN_QUEUE",
        "{r:?}"
    );
    let audited: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_logs WHERE action = 'registration.reject' AND entity_id = $1",
    )
    .bind(&id)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(audited, 1);

    // The applicant reads the reason by e-mail and SMS and resumes from the link.
    let sent = mails(&app, &fake, "salem@example.sa", 2).await;
    let text = mail_text(&sent[1]);
    assert!(text.contains(reason), "{text}");
    let resume = token_in(&text, "/register/resume");
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    let sms = loop {
        let sms: Option<String> = sqlx::query_scalar(
            "SELECT body FROM sms_outbox WHERE to_phone = '+966551234567' ORDER BY created_at DESC LIMIT 1",
        )
        .fetch_optional(&app.db)
        .await
        .unwrap();
        if let Some(sms) = sms {
            break sms;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "no SMS with the reason"
        );
        app::jobs::run_once(&app.state, "test").await.unwrap();
        tokio::time::sleep(Duration::from_millis(25)).await;
    };
    assert!(sms.contains(reason) && sms.contains(&resume), "{sms}");
    let r = call(
        &app,
        post.clone(),
        "/api/v1/registrations/resume",
        None,
        Some(json!({"token": resume})),
        "ar",
    )
    .await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["data"]["registration"]["rejectionReason"], reason);
    let history = r.body["data"]["registration"]["history"]
        .as_array()
        .unwrap()
        .clone();
    let events: Vec<&str> = history
        .iter()
        .map(|h| h["event"].as_str().unwrap())
        .collect();
    assert_eq!(events, ["submitted", "confirmed", "rejected"]);
    assert_eq!(history[2]["reason"], reason);
    let fresh = r.body["data"]["draftToken"].as_str().unwrap().to_owned();
    assert_eq!(
        call(&app, Method::GET, &path, Some(&draft), None, "en")
            .await
            .status,
        404,
        "the old draft token stopped working"
    );
    let r = upload(
        &app,
        &id,
        &fresh,
        "driving_license",
        "licence-2.png",
        &crate::media::png(90, 60),
    )
    .await;
    assert_eq!(r.status, 201, "{r:?}");
    let r = call(&app, post.clone(), &submit, Some(&fresh), None, "en").await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(
        r.body["data"]["status"], "confirmed",
        "the address was confirmed already: straight back to the queue"
    );
    let r = call(
        &app,
        post.clone(),
        "/api/v1/registrations/resume",
        None,
        Some(json!({"token": resume})),
        "en",
    )
    .await;
    assert_eq!(r.body["error"]["code"], "RESUME_LINK_USED", "{r:?}");

    // Approval opens the account and the profile, in one step.
    let r = app.get(&admin_path, Some(&admin)).await;
    assert_eq!(
        r.body["data"]["documents"].as_array().unwrap().len(),
        2,
        "{r:?}"
    );
    let r = admin_post(&app, &admin, &format!("{admin_path}/approve"), json!({})).await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["data"]["status"], "approved");
    let user: Uuid = r.body["data"]["userId"].as_str().unwrap().parse().unwrap();
    let (role, status, name, email): (String, String, Option<String>, Option<String>) =
        sqlx::query_as("SELECT role, status, name, email FROM users WHERE id = $1")
            .bind(user)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(
        (role.as_str(), status.as_str()),
        ("REPRESENTATIVE", "active")
    );
    assert_eq!(
        (name.as_deref(), email.as_deref()),
        (Some("سالم الحربي"), Some("salem@example.sa"))
    );
    let (vehicle, national): (String, String) =
        sqlx::query_as("SELECT vehicle_type, national_id FROM rep_profiles WHERE user_id = $1")
            .bind(user)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(
        (vehicle.as_str(), national.as_str()),
        ("tow_truck", "1012345678")
    );
    let owned: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM media_files m JOIN registration_documents d ON d.media_id = m.id \
         WHERE d.registration_id = $1 AND d.deleted_at IS NULL AND m.owner_id = $2",
    )
    .bind(rid)
    .bind(user)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(owned, 2, "the documents are the new account's");
    let r = admin_post(&app, &admin, &format!("{admin_path}/approve"), json!({})).await;
    assert_eq!(r.status, 409, "{r:?}");

    // The representative signs in by OTP, active.
    let session = app.sign_in_as("0551234567", Some("REPRESENTATIVE")).await;
    assert_eq!(session["isNewUser"], false);
    assert_eq!(session["user"]["role"], "REPRESENTATIVE");
    assert_eq!(session["user"]["status"], "active");
}

/// Confirms a request with a link signed from its stored nonce, as the
/// e-mail carries it.
async fn confirm_from_db(app: &TestApp, id: &str) {
    let rid: Uuid = id.parse().unwrap();
    let (nonce, expires): (String, time::OffsetDateTime) = sqlx::query_as(
        "SELECT confirm_nonce, confirm_expires_at FROM registration_requests WHERE id = $1",
    )
    .bind(rid)
    .fetch_one(&app.db)
    .await
    .unwrap();
    let token = sign(
        &app.state.keys,
        LinkPurpose::Confirm,
        rid,
        expires.unix_timestamp(),
        &nonce,
    );
    let r = app
        .post(
            "/api/v1/registrations/confirm",
            None,
            json!({"token": token}),
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");
}

async fn supplier(app: &TestApp, phone: &str, cr: &str) -> String {
    let r = app
        .post(
            "/api/v1/registrations",
            None,
            json!({"kind": "supplier", "fullName": "Noura", "phone": phone, "email": "noura@example.sa"}),
        )
        .await;
    assert_eq!(r.status, 201, "{r:?}");
    let id = r.body["data"]["registration"]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let draft = r.body["data"]["draftToken"].as_str().unwrap().to_owned();
    let path = format!("/api/v1/registrations/{id}");
    let r = call(
        app,
        Method::PATCH,
        &path,
        Some(&draft),
        Some(json!({"step": "business",
        "companyNameAr": "قطع الخليج", "companyNameEn": "Gulf Parts", "crNumber": cr,
        "vatNumber": "300000000000003", "city": "Jeddah", "address": "Tahlia St."})),
        "en",
    )
    .await;
    assert_eq!(r.status, 200, "{r:?}");
    for kind in ["commercial_registration", "vat_certificate"] {
        let r = upload(app, &id, &draft, kind, &format!("{kind}.pdf"), &pdf()).await;
        assert_eq!(r.status, 201, "{r:?}");
    }
    let r = call(
        app,
        Method::POST,
        &format!("{path}/submit"),
        Some(&draft),
        None,
        "en",
    )
    .await;
    assert_eq!(r.status, 200, "{r:?}");
    confirm_from_db(app, &id).await;
    id
}

#[tokio::test]
async fn a_suppliers_approval_opens_an_approved_company_for_the_waiting_user_and_a_taken_phone_is_refused()
 {
    let app = TestApp::spawn().await;
    let admin = app.token_of(SUPER_ADMIN).await;
    // A supplier who signed up by OTP first waits for approval.
    let before = app.sign_in_as("0561112222", Some("SUPPLIER")).await;
    assert_eq!(before["user"]["status"], "pending_approval");
    let id = supplier(&app, "0561112222", "1010999888").await;
    let r = admin_post(
        &app,
        &admin,
        &format!("/api/v1/admin/registrations/{id}/approve"),
        json!({}),
    )
    .await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(
        r.body["data"]["userId"], before["user"]["id"],
        "the waiting user is the one opened"
    );
    let company: Uuid = r.body["data"]["companyId"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    let (status, owner, cr): (String, Uuid, String) =
        sqlx::query_as("SELECT status, owner_id, cr_number FROM companies WHERE id = $1")
            .bind(company)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!((status.as_str(), cr.as_str()), ("approved", "1010999888"));
    assert_eq!(owner.to_string(), before["user"]["id"].as_str().unwrap());
    let kinds: Vec<String> = sqlx::query_scalar(
        "SELECT kind FROM company_documents WHERE company_id = $1 AND deleted_at IS NULL ORDER BY kind",
    )
    .bind(company)
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert_eq!(kinds, ["commercial_registration", "vat_certificate"]);
    let token = app.token_of("0561112222").await;
    let me = app.get("/api/v1/auth/me", Some(&token)).await;
    assert_eq!(me.body["data"]["status"], "active", "{me:?}");

    // A customer's phone belongs to another account: nothing is opened.
    let id = supplier(&app, CUSTOMER, "1010777666").await;
    let r = admin_post(
        &app,
        &admin,
        &format!("/api/v1/admin/registrations/{id}/approve"),
        json!({}),
    )
    .await;
    assert_eq!(
        (r.status.as_u16(), r.body["error"]["code"].as_str()),
        (409, Some("PHONE_TAKEN")),
        "{r:?}"
    );
    let r = app
        .get(&format!("/api/v1/admin/registrations/{id}"), Some(&admin))
        .await;
    assert_eq!(r.body["data"]["status"], "confirmed", "still in the queue");
    let companies: i64 =
        sqlx::query_scalar("SELECT count(*) FROM companies WHERE cr_number = '1010777666'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(companies, 0);
    // The queue lists it by kind and search.
    let r = app
        .get(
            "/api/v1/admin/registrations?status=confirmed&kind=supplier&q=1010777666",
            Some(&admin),
        )
        .await;
    assert_eq!(r.body["meta"]["total"], 1, "{r:?}");
    let r = app
        .get("/api/v1/admin/registrations?status=draft", Some(&admin))
        .await;
    assert_eq!(r.status, 422, "{r:?}");
}
