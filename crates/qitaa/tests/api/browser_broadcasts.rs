//! Broadcasts and the job queue in headless Chromium: the super admin sends
//! a broadcast to customers on the in-app channel from the admin dashboard
//! (in Arabic); once the queue has run, the broadcast's page lists a sent
//! delivery for every customer and none for the supplier, and the demo
//! customer's inbox has it. A dead letter is then sent back to the queue
//! from the jobs page.

use std::time::Duration;

use fantoccini::error::CmdError;
use fantoccini::{Client, Locator};
use reqwest::Method;
use serde_json::Value;
use uuid::Uuid;

use app::AppState;

use crate::chromium::{browser, page_dir, sign_in, start_driver};
use crate::harness::TestApp;

const WAIT: Duration = Duration::from_secs(15);
const CUSTOMER: &str = "+966500000001";
const SUPPLIER: &str = "+966500000002";
const TITLE_AR: &str = "عرض نهاية الأسبوع";
const TITLE_EN: &str = "Weekend offer";
const BODY_AR: &str = "خصم ١٥٪ على جميع الفلاتر حتى الأحد";
const BODY_EN: &str = "15% off every filter until Sunday";

/// Works the queue as the test's node until nothing is due.
async fn drain(state: &AppState) -> usize {
    let mut total = 0;
    loop {
        let n = app::jobs::run_once(state, "test-node").await.unwrap();
        if n == 0 {
            return total;
        }
        total += n;
    }
}

async fn text_of(c: &Client, css: &str) -> Result<String, CmdError> {
    c.find(Locator::Css(css)).await?.text().await
}

/// Fills and sends the new-broadcast form: customers, in-app only. Sent
/// first without a channel, it comes back with the error and what was typed.
async fn send_broadcast(c: &Client) -> Result<(), CmdError> {
    for (id, text) in [
        ("title-ar", TITLE_AR),
        ("title-en", TITLE_EN),
        ("body-ar", BODY_AR),
        ("body-en", BODY_EN),
    ] {
        c.find(Locator::Id(id)).await?.send_keys(text).await?;
    }
    c.find(Locator::Id("segment-role")).await?.click().await?;
    c.find(Locator::Css("#segment-role-value option[value='CUSTOMER']"))
        .await?
        .click()
        .await?;
    for channel in ["push", "sms", "email", "in_app"] {
        let check = c.find(Locator::Id(&format!("channel-{channel}"))).await?;
        assert!(!check.is_selected().await?, "{channel} is not chosen yet");
    }
    c.find(Locator::Id("broadcast-submit"))
        .await?
        .click()
        .await?;
    c.wait()
        .at_most(WAIT)
        .for_element(Locator::Id("broadcast-error"))
        .await?;
    assert!(!text_of(c, "#channels-error").await?.is_empty());
    let kept = c.find(Locator::Id("title-ar")).await?.prop("value").await?;
    assert_eq!(kept.as_deref(), Some(TITLE_AR));
    assert!(
        c.find(Locator::Id("segment-role"))
            .await?
            .is_selected()
            .await?
    );

    c.find(Locator::Id("channel-in_app")).await?.click().await?;
    c.find(Locator::Id("broadcast-submit"))
        .await?
        .click()
        .await?;
    Ok(())
}

#[tokio::test]
async fn an_admin_broadcasts_to_customers_and_retries_a_dead_letter() {
    let app = TestApp::spawn().await;
    let customers: Vec<String> = sqlx::query_scalar(
        "SELECT phone FROM users WHERE role = 'CUSTOMER' AND status = 'active' \
         AND deleted_at IS NULL ORDER BY phone",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert!(customers.iter().any(|p| p == CUSTOMER), "{customers:?}");

    let driver = start_driver().await;
    let c = browser(&driver).await;

    // The broadcast is sent from the dashboard; nothing is delivered yet.
    let result = async {
        sign_in(
            &c,
            &format!("{}/admin/sign-in?lang=ar", app.base),
            "0500000000",
        )
        .await?;
        c.find(Locator::Id("nav-broadcasts")).await?.click().await?;
        c.wait()
            .at_most(WAIT)
            .for_element(Locator::Id("broadcast-form"))
            .await?;
        assert_eq!(page_dir(&c).await.0, "rtl");
        assert_eq!(text_of(&c, "#page-title").await?, "الإشعارات الجماعية");
        send_broadcast(&c).await?;
        c.wait()
            .at_most(WAIT)
            .for_element(Locator::Id("done-notice"))
            .await?;
        let id = c
            .find(Locator::Id("broadcast-facts"))
            .await?
            .attr("data-id")
            .await?
            .unwrap_or_default();
        assert_eq!(text_of(&c, "#broadcast-title").await?, TITLE_AR);
        assert_eq!(text_of(&c, "#broadcast-segment").await?, "الدور: عميل");
        assert_eq!(
            text_of(&c, "#broadcast-channels").await?,
            "صندوق الإشعارات في التطبيق"
        );
        c.find(Locator::Id("no-deliveries")).await?;
        Ok::<_, CmdError>(id)
    }
    .await;
    let id: Uuid = match result {
        Ok(id) => id.parse().expect("the broadcast's id"),
        Err(e) => {
            let _ = c.close().await;
            panic!("sending the broadcast: {e}");
        }
    };

    // The worker plans and sends it.
    assert!(drain(&app.state).await >= 1);

    let result = async {
        c.refresh().await?;
        let row = c
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(&format!(
                "#deliveries tr.delivery[data-phone='{CUSTOMER}']"
            )))
            .await?;
        assert_eq!(row.attr("data-status").await?.as_deref(), Some("sent"));
        assert_eq!(row.attr("data-channel").await?.as_deref(), Some("in_app"));
        assert_eq!(
            row.find(Locator::Css(".delivery-status"))
                .await?
                .text()
                .await?,
            "تم الإرسال"
        );
        let mut phones = Vec::new();
        for tr in c.find_all(Locator::Css("#deliveries tr.delivery")).await? {
            assert_eq!(tr.attr("data-status").await?.as_deref(), Some("sent"));
            phones.push(tr.attr("data-phone").await?.unwrap_or_default());
        }
        phones.sort();
        assert_eq!(phones, customers, "one delivery per customer");
        assert!(
            c.find(Locator::Css(&format!(
                "#deliveries tr.delivery[data-phone='{SUPPLIER}']"
            )))
            .await
            .is_err(),
            "the supplier is not a customer"
        );
        let sent = c
            .find(Locator::Id("count-sent"))
            .await?
            .attr("data-count")
            .await?;
        assert_eq!(sent, Some(customers.len().to_string()));
        assert_eq!(
            c.find(Locator::Id("broadcast-progress"))
                .await?
                .attr("data-planned")
                .await?
                .as_deref(),
            Some("true")
        );

        // Filtered by status: nothing was skipped.
        c.find(Locator::Css("#filter-status option[value='skipped']"))
            .await?
            .click()
            .await?;
        c.find(Locator::Id("filter-submit")).await?.click().await?;
        c.wait()
            .at_most(WAIT)
            .for_element(Locator::Id("no-deliveries"))
            .await?;
        assert!(c.current_url().await?.as_str().contains("status=skipped"));

        // The history shows it with its counts.
        c.find(Locator::Id("nav-broadcasts")).await?.click().await?;
        let row = c
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(&format!("#broadcast-{id}")))
            .await?;
        let n = Some(customers.len().to_string());
        assert_eq!(
            row.find(Locator::Css(".broadcast-title"))
                .await?
                .text()
                .await?,
            TITLE_AR
        );
        for (css, want) in [
            (".broadcast-recipients", n.clone()),
            (".count-sent", n),
            (".count-pending", Some("0".to_owned())),
            (".count-failed", Some("0".to_owned())),
            (".count-skipped", Some("0".to_owned())),
        ] {
            let got = row
                .find(Locator::Css(css))
                .await?
                .attr("data-count")
                .await?;
            assert_eq!(got, want, "{css}");
        }
        Ok::<_, CmdError>(())
    }
    .await;
    if let Err(e) = result {
        let _ = c.close().await;
        panic!("the broadcast's deliveries: {e}");
    }

    // One of the broadcast's batches, made a dead letter, goes back to the
    // queue from the jobs page.
    let job: Uuid = sqlx::query_scalar(
        "UPDATE jobs SET state = 'dead', last_error = 'provider down', finished_at = now() \
         WHERE id = (SELECT id FROM jobs WHERE kind = 'broadcast.batch' \
           AND payload->>'broadcastId' = $1 ORDER BY created_at LIMIT 1) RETURNING id",
    )
    .bind(id.to_string())
    .fetch_one(&app.db)
    .await
    .unwrap();
    let result = async {
        c.find(Locator::Id("nav-jobs")).await?.click().await?;
        let row = c
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(&format!("#job-{job}[data-state='dead']")))
            .await?;
        assert_eq!(
            row.find(Locator::Css(".job-error")).await?.text().await?,
            "provider down"
        );
        let kind = row.find(Locator::Css(".job-kind")).await?.text().await?;
        // Its label in the page's language; the raw kind never shows.
        assert!(
            kind.contains("دفعة إشعار جماعي") && !kind.contains("broadcast.batch"),
            "{kind}"
        );
        c.find(Locator::Id(&format!("retry-{job}")))
            .await?
            .click()
            .await?;
        let row = c
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(&format!("#job-{job}[data-state='queued']")))
            .await?;
        row.find(Locator::Css(".job-retried")).await?;
        assert!(
            row.find(Locator::Css(".retry")).await.is_err(),
            "a queued job has no retry button"
        );

        // The same page in English, left to right.
        c.goto(&format!("{}/admin/jobs?state=queued&lang=en", app.base))
            .await?;
        c.wait()
            .at_most(WAIT)
            .for_element(Locator::Css(&format!("#job-{job}[data-state='queued']")))
            .await?;
        assert_eq!(page_dir(&c).await.0, "ltr");
        assert_eq!(text_of(&c, "#page-title").await?, "Job queue");
        Ok::<_, CmdError>(())
    }
    .await;
    let _ = c.close().await;
    result.unwrap();

    let state: String = sqlx::query_scalar("SELECT state FROM jobs WHERE id = $1")
        .bind(job)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(state, "queued");
    let audits: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM audit_logs WHERE action = 'job.retry' AND entity_id = $1",
    )
    .bind(job.to_string())
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!(audits, 1);
    // Running the retried batch again sends nothing twice.
    drain(&app.state).await;
    let rows: i64 =
        sqlx::query_scalar("SELECT count(*) FROM notification_deliveries WHERE broadcast_id = $1")
            .bind(id)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(rows, i64::try_from(customers.len()).unwrap());

    // The demo customer's inbox has the broadcast, in Arabic; the supplier's does not.
    let token = app.token_of(CUSTOMER).await;
    let r = app
        .call(
            Method::GET,
            "/api/v1/notifications",
            Some(&token),
            None,
            "ar",
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    let items = r.body["data"].as_array().unwrap();
    let item = items
        .iter()
        .find(|n| n["event"] == "broadcast" && n["data"]["broadcastId"] == id.to_string().as_str())
        .unwrap_or_else(|| panic!("the broadcast in the inbox: {r:?}"));
    assert_eq!(item["title"], TITLE_AR);
    assert_eq!(item["body"], BODY_AR);
    assert_eq!(item["read"], false);
    let supplier = app.token_of(SUPPLIER).await;
    let r = app.get("/api/v1/notifications", Some(&supplier)).await;
    assert_eq!(r.status, 200, "{r:?}");
    let theirs: Vec<&Value> = r.body["data"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|n| n["event"] == "broadcast")
        .collect();
    assert!(theirs.is_empty(), "{r:?}");
}
