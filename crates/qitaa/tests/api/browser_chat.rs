//! Support chat in two headless Chromium browsers: the demo customer writes
//! to support from /app/support (Arabic, right to left); the super admin
//! finds the thread in the support inbox, opens it and replies; the reply
//! appears on the customer's page without a reload, and the customer's next
//! message (with markup in it, shown as text) appears live on the admin's
//! open conversation.

use std::time::Duration;

use fantoccini::error::CmdError;
use fantoccini::{Client, Locator};
use serde_json::json;
use uuid::Uuid;

use crate::chromium::{browser, page_dir, sign_in, start_driver};
use crate::harness::TestApp;

const WAIT: Duration = Duration::from_secs(15);
const FIRST: &str = "مرحبا من العميل";
const REPLY: &str = "أهلًا، كيف نخدمك؟";
const SECOND: &str = "أين طلبي؟ <b>عاجل</b>";

/// The message of the open conversation whose text is `body`, written by
/// `side` (`mine` or `theirs`), once it is on the page.
async fn message(
    c: &Client,
    side: &str,
    body: &str,
) -> Result<fantoccini::elements::Element, CmdError> {
    let xpath = format!(
        "//ol[@id='chat-messages']/li[contains(concat(' ', @class, ' '), ' {side} ')][p[@class='chat-body' and .='{body}']]"
    );
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::XPath(&xpath))
        .await
}

/// Waits until the page's socket follows the conversation.
async fn live(c: &Client) -> Result<(), CmdError> {
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::Css("#chat[data-live='live']"))
        .await?;
    Ok(())
}

async fn send(c: &Client, text: &str) -> Result<(), CmdError> {
    let input = c.find(Locator::Id("chat-body")).await?;
    input.send_keys(text).await?;
    c.find(Locator::Id("chat-send")).await?.click().await?;
    Ok(())
}

/// Marks the page so that a reload (which would forget the mark) shows.
async fn mark_page(c: &Client) -> Result<(), CmdError> {
    c.execute("window.qitaaSamePage = true; return true;", vec![])
        .await?;
    Ok(())
}

async fn same_page(c: &Client) -> Result<bool, CmdError> {
    let v = c
        .execute("return window.qitaaSamePage === true;", vec![])
        .await?;
    Ok(v == json!(true))
}

/// The page's address and the conversation's state, for a failure's report.
async fn where_it_stands(c: &Client) -> String {
    let url = c
        .current_url()
        .await
        .map(|u| u.to_string())
        .unwrap_or_default();
    let state = c
        .execute(
            "var e = document.getElementById('chat') || document.getElementById('support-inbox'); \
             var l = document.getElementById('chat-live'); \
             return [e ? e.dataset.live : null, l ? l.textContent : null, typeof io];",
            vec![],
        )
        .await
        .unwrap_or_default();
    format!("{url} {state}")
}

/// Waits until `user` has read `thread` up to its message `body`.
async fn read_up_to(app: &TestApp, thread: &str, user: Uuid, body: &str) {
    let thread: Uuid = thread.parse().unwrap();
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        let done: bool = sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM chat_participants p JOIN chat_messages m \
               ON m.thread_id = p.thread_id AND m.body = $3 \
             WHERE p.thread_id = $1 AND p.user_id = $2 AND p.last_read_id >= m.id)",
        )
        .bind(thread)
        .bind(user)
        .bind(body)
        .fetch_one(&app.db)
        .await
        .unwrap();
        if done {
            return;
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "{user} did not read up to {body:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn customer_and_support_chat_live_in_two_browsers() {
    let app = TestApp::spawn().await;
    let customer: Uuid = sqlx::query_scalar("SELECT id FROM users WHERE phone = '+966500000001'")
        .fetch_one(&app.db)
        .await
        .unwrap();
    let admin: Uuid = sqlx::query_scalar("SELECT id FROM users WHERE phone = '+966500000000'")
        .fetch_one(&app.db)
        .await
        .unwrap();

    let customer_driver = start_driver().await;
    let admin_driver = start_driver().await;
    let cu = browser(&customer_driver).await;
    let ad = browser(&admin_driver).await;

    let result = async {
        // The customer opens support (the thread opens on this first visit) and writes.
        sign_in(
            &cu,
            &format!("{}/app/sign-in?lang=ar", app.base),
            "0500000001",
        )
        .await?;
        cu.find(Locator::Id("nav-support")).await?.click().await?;
        live(&cu).await?;
        assert_eq!(
            page_dir(&cu).await,
            ("rtl".into(), "ar".into(), "rtl".into())
        );
        assert_eq!(
            cu.find(Locator::Id("page-title")).await?.text().await?,
            "تحدّث مع الدعم"
        );
        cu.find(Locator::Id("chat-empty")).await?;
        let thread = cu
            .find(Locator::Id("chat"))
            .await?
            .attr("data-thread")
            .await?
            .expect("the conversation names its thread");
        mark_page(&cu).await?;
        send(&cu, FIRST).await?;
        let mine = message(&cu, "mine", FIRST).await?;
        assert_eq!(
            mine.find(Locator::Css(".chat-sender"))
                .await?
                .text()
                .await?,
            "أنت"
        );
        assert_eq!(
            cu.find(Locator::Id("chat-body"))
                .await?
                .prop("value")
                .await?
                .as_deref(),
            Some(""),
            "the composer is emptied once the message is stored"
        );

        // The super admin finds the thread in the support inbox.
        sign_in(
            &ad,
            &format!("{}/admin/sign-in?lang=ar", app.base),
            "0500000000",
        )
        .await?;
        ad.find(Locator::Id("nav-support")).await?.click().await?;
        let row = ad
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(&format!("#thread-{thread}")))
            .await?;
        assert_eq!(
            row.find(Locator::Css(".thread-link")).await?.text().await?,
            "عميل تجريبي"
        );
        assert_eq!(
            row.find(Locator::Css(".thread-last")).await?.text().await?,
            FIRST
        );
        assert_eq!(
            row.find(Locator::Css(".thread-unread"))
                .await?
                .text()
                .await?,
            "1"
        );

        // Opens it, sees the message, replies.
        row.find(Locator::Css(".thread-link"))
            .await?
            .click()
            .await?;
        live(&ad).await?;
        assert_eq!(
            ad.find(Locator::Id("page-title")).await?.text().await?,
            "محادثة مع عميل تجريبي"
        );
        let theirs = message(&ad, "theirs", FIRST).await?;
        assert_eq!(
            theirs
                .find(Locator::Css(".chat-sender"))
                .await?
                .text()
                .await?,
            "عميل تجريبي"
        );
        mark_page(&ad).await?;
        send(&ad, REPLY).await?;
        message(&ad, "mine", REPLY).await?;

        // The reply reaches the customer's page as it is, without a reload.
        let reply = message(&cu, "theirs", REPLY).await?;
        assert_eq!(
            reply
                .find(Locator::Css(".chat-sender"))
                .await?
                .text()
                .await?,
            "دعم قطع"
        );
        assert!(
            same_page(&cu).await?,
            "the customer's page was not reloaded"
        );

        // The customer's next message appears on the admin's open conversation.
        send(&cu, SECOND).await?;
        message(&cu, "mine", SECOND).await?;
        message(&ad, "theirs", SECOND).await?;
        assert!(same_page(&ad).await?, "the admin's page was not reloaded");
        for c in [&cu, &ad] {
            assert!(
                c.find_all(Locator::Css("#chat-messages .chat-body *"))
                    .await?
                    .is_empty(),
                "a message's markup is shown as text"
            );
            let order: Vec<String> = {
                let mut out = Vec::new();
                for b in c
                    .find_all(Locator::Css("#chat-messages .chat-body"))
                    .await?
                {
                    out.push(b.text().await?);
                }
                out
            };
            assert_eq!(
                order,
                [FIRST, REPLY, SECOND],
                "oldest first, newest at the bottom"
            );
        }

        // The open conversation marks what arrives read: the inbox shows nothing unread.
        read_up_to(&app, &thread, admin, SECOND).await;
        ad.find(Locator::Id("back-to-inbox")).await?.click().await?;
        let row = ad
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(&format!("#thread-{thread}")))
            .await?;
        assert_eq!(
            row.find(Locator::Css(".thread-last")).await?.text().await?,
            SECOND
        );
        assert_eq!(
            row.find(Locator::Css(".thread-unread"))
                .await?
                .text()
                .await?,
            "0"
        );
        Ok::<_, CmdError>(thread)
    }
    .await;
    if result.is_err() {
        for (who, c) in [("customer", &cu), ("admin", &ad)] {
            eprintln!("{who}: {}", where_it_stands(c).await);
        }
    }
    let _ = cu.close().await;
    let _ = ad.close().await;
    let thread: Uuid = result.unwrap().parse().unwrap();

    // Stored once each, by the right people, in the customer's support thread.
    let rows: Vec<(Uuid, String)> = sqlx::query_as(
        "SELECT m.sender_id, m.body FROM chat_messages m JOIN chat_threads t ON t.id = m.thread_id \
         WHERE t.id = $1 AND t.kind = 'support' AND t.customer_id = $2 ORDER BY m.id",
    )
    .bind(thread)
    .bind(customer)
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert_eq!(
        rows,
        vec![
            (customer, FIRST.to_owned()),
            (admin, REPLY.to_owned()),
            (customer, SECOND.to_owned()),
        ]
    );
}

/// A surface through plain HTML forms (no JavaScript): a cookie jar,
/// redirects not followed, pages in English.
struct Plain {
    client: reqwest::Client,
    base: String,
    csrf: String,
}

/// The first `_csrf` field of a page.
fn hidden_csrf(html: &str) -> String {
    let marker = "name=\"_csrf\" value=\"";
    let at = html.find(marker).expect("a form with a CSRF field") + marker.len();
    let end = html[at..].find('"').unwrap();
    html[at..at + end].to_owned()
}

fn urlencoded(v: &str) -> String {
    v.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

impl Plain {
    /// Signs in to the surface at `base` (`/app`, `/partner`, `/admin`) with
    /// the demo code and reads the session's CSRF token from `page`.
    async fn sign_in(app: &TestApp, base: &str, phone: &str, page: &str) -> Plain {
        let mut web = Plain {
            client: reqwest::Client::builder()
                .cookie_store(true)
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            base: app.base.clone(),
            csrf: String::new(),
        };
        let (status, form) = web.get(&format!("{base}/sign-in")).await;
        assert_eq!(status, 200);
        let token = hidden_csrf(&form);
        let r = web
            .post(
                &format!("{base}/sign-in"),
                &[("phone", phone), ("_csrf", &token)],
            )
            .await;
        assert_eq!(r.status(), 200);
        let r = web
            .post(
                &format!("{base}/sign-in/verify"),
                &[
                    ("phone", phone),
                    ("code", app::config::DEMO_CODE),
                    ("_csrf", &token),
                ],
            )
            .await;
        assert_eq!(r.status(), 303, "{phone} signs in to {base}");
        let (status, html) = web.get(page).await;
        assert_eq!(status, 200, "{page}");
        web.csrf = hidden_csrf(&html);
        web
    }

    async fn get(&self, path: &str) -> (u16, String) {
        let r = self
            .client
            .get(format!("{}{path}", self.base))
            .header("accept-language", "en")
            .send()
            .await
            .unwrap();
        (r.status().as_u16(), r.text().await.unwrap())
    }

    async fn post(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        let body: Vec<String> = fields
            .iter()
            .map(|(k, v)| format!("{k}={}", urlencoded(v)))
            .collect();
        self.client
            .post(format!("{}{path}", self.base))
            .header("accept-language", "en")
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body.join("&"))
            .send()
            .await
            .unwrap()
    }

    /// A POST of the page's script: the session's token in `X-CSRF-Token`.
    async fn post_js(&self, path: &str, csrf: &str) -> reqwest::Response {
        self.client
            .post(format!("{}{path}", self.base))
            .header("x-csrf-token", csrf)
            .send()
            .await
            .unwrap()
    }
}

#[tokio::test]
async fn support_works_without_javascript_and_tokens_need_the_session() {
    let app = TestApp::spawn().await;
    let supplier = Plain::sign_in(&app, "/partner", "+966500000002", "/partner/support").await;
    let (status, page) = supplier.get("/partner/support").await;
    assert_eq!(status, 200);
    assert!(
        page.contains("id=\"nav-support\""),
        "the navigation links support"
    );
    assert!(page.contains("No messages yet."), "{page}");
    let marker = "data-thread=\"";
    let at = page.find(marker).unwrap() + marker.len();
    let thread = page[at..at + 36].to_owned();

    // The socket's token: only with the session's CSRF token, and it is an
    // access token of that session.
    assert_eq!(
        supplier
            .post_js("/partner/realtime-token", "")
            .await
            .status(),
        403
    );
    let r = supplier
        .post_js("/partner/realtime-token", &supplier.csrf)
        .await;
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["cache-control"], "no-store");
    let token: serde_json::Value = r.json().await.unwrap();
    let token = token["token"].as_str().unwrap().to_owned();
    let r = app.get("/api/v1/chats", Some(&token)).await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["data"][0]["id"], thread.as_str(), "{r:?}");

    // A message sent by the form, shown as text.
    let text = "<script>alert(1)</script> where is my payout?";
    let r = supplier
        .post(
            "/partner/support/messages",
            &[("body", text), ("_csrf", &supplier.csrf)],
        )
        .await;
    assert_eq!(r.status(), 303);
    assert_eq!(r.headers()["location"], "/partner/support#chat-form");
    let (_, page) = supplier.get("/partner/support").await;
    let at = page
        .find("where is my payout?")
        .expect("the message is on the page");
    assert!(
        page[..at].ends_with("alert(1)&#60;/script&#62; "),
        "{}",
        &page[at - 60..at]
    );
    assert!(!page.contains("<script>alert"));
    // An empty one is refused next to the form, and keeps nothing.
    let r = supplier
        .post(
            "/partner/support/messages",
            &[("body", "   "), ("_csrf", &supplier.csrf)],
        )
        .await;
    assert_eq!(r.status(), 422);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("Write a message or attach a file.")
    );
    // Without the session's token, nothing is sent.
    let r = supplier
        .post("/partner/support/messages", &[("body", "forged")])
        .await;
    assert_eq!(r.status(), 403);
    let (status, json) = supplier.get("/partner/support/messages").await;
    assert_eq!(status, 200);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    let bodies: Vec<&str> = json["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["body"].as_str().unwrap())
        .collect();
    assert_eq!(bodies, [text]);

    // The super admin answers from the inbox, without JavaScript too.
    let admin = Plain::sign_in(&app, "/admin", "+966500000000", "/admin/support").await;
    let (status, inbox) = admin.get("/admin/support").await;
    assert_eq!(status, 200);
    assert!(
        inbox.contains(&format!("id=\"thread-{thread}\"")),
        "{inbox}"
    );
    assert!(inbox.contains("مورّد تجريبي"));
    let r = admin
        .post(
            &format!("/admin/support/{thread}/messages"),
            &[("body", "Payouts run on Sundays."), ("_csrf", &admin.csrf)],
        )
        .await;
    assert_eq!(r.status(), 303);
    let r = admin
        .post_js(&format!("/admin/support/{thread}/read"), &admin.csrf)
        .await;
    assert_eq!(r.status(), 204);
    let (_, page) = supplier.get("/partner/support").await;
    assert!(page.contains("Payouts run on Sundays."));
    assert!(page.contains("Qitaa support"), "staff appear as support");
    // Unknown or non-support threads are not there.
    let (status, _) = admin
        .get(&format!("/admin/support/{}", Uuid::new_v4()))
        .await;
    assert_eq!(status, 404);

    // The customer's support thread is their own: none of this is in it.
    let customer = Plain::sign_in(&app, "/app", "+966500000001", "/app/support").await;
    let (status, json) = customer.get("/app/support/messages").await;
    assert_eq!(status, 200);
    assert_eq!(json, r#"{"data":[]}"#);
}
