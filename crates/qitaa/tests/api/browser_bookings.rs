//! Bookings and Tashlih in headless Chromium, in Arabic: a customer books a
//! wash slot and pays from the wallet; the partner confirms, starts and
//! completes it from the calendar; the rider app goes online from a faked
//! position, offers, and streams positions while the customer's map marker
//! follows them.

use std::time::Duration;

use fantoccini::Locator;
use fantoccini::error::CmdError;
use serde_json::json;
use uuid::Uuid;

use crate::bookings::{day_ahead, wash};
use crate::chromium::{browser, fake_position, page_dir, phone, sign_in, start_driver};
use crate::harness::TestApp;
use crate::repairs::request;
use crate::shop::{CUSTOMER, assert_ledger_sound, post_keyed, wallet};

const WAIT: Duration = Duration::from_secs(20);

/// Clicks the button `id` until the redrawn fragment shows it pressed.
async fn press(c: &fantoccini::Client, id: &str) -> Result<(), CmdError> {
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        if let Ok(b) = c.find(Locator::Id(id)).await {
            if b.attr("aria-pressed").await.ok().flatten().as_deref() == Some("true") {
                return Ok(());
            }
            let _ = c
                .execute(
                    "arguments[0].scrollIntoView({inline: 'center', block: 'center'})",
                    vec![serde_json::to_value(&b)?],
                )
                .await;
            let _ = b.click().await;
        }
        assert!(tokio::time::Instant::now() < deadline, "{id} never pressed");
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
}

#[tokio::test]
async fn a_customer_books_and_pays_a_wash_and_the_partner_completes_it_from_the_calendar() {
    let app = TestApp::spawn().await;
    let w = wash(&app).await;
    let customer = app.token_of(CUSTOMER).await;
    let before = wallet(&app, &customer).await;
    let date = day_ahead(2);

    let driver = start_driver().await;
    let c = phone(&driver).await;
    let result = async {
        sign_in(
            &c,
            &format!("{}/app/sign-in?lang=ar", app.base),
            "0500000001",
        )
        .await?;
        c.goto(&format!("{}/app/washes/{}", app.base, w.store))
            .await?;
        c.wait()
            .at_most(WAIT)
            .for_element(Locator::Id(&format!("svc-{}", w.exterior)))
            .await?
            .click()
            .await?;
        assert_eq!(page_dir(&c).await.0, "rtl");
        c.find(Locator::Css(&format!(
            "#booking-body option[value='{}']",
            w.sedan
        )))
        .await?
        .click()
        .await?;
        // The slots fragment is redrawn by htmx after each choice: a click
        // on an element being replaced is clicked again on the new one.
        press(&c, &format!("day-{date}")).await?;
        press(&c, "slot-0900").await?;
        let pay = c.find(Locator::Id("pay-wallet")).await?;
        c.execute(
            "arguments[0].scrollIntoView({block: 'center'})",
            vec![serde_json::to_value(&pay)?],
        )
        .await?;
        pay.click().await?;
        let submit = c
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css("#booking-submit:not([disabled])"))
            .await?;
        c.execute(
            "arguments[0].scrollIntoView({block: 'center'})",
            vec![serde_json::to_value(&submit)?],
        )
        .await?;
        submit.click().await?;
        let status = c
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Id("booking-status"))
            .await?;
        assert!(!status.text().await?.is_empty());
        Ok::<_, CmdError>(())
    }
    .await;
    let _ = c.close().await;
    if let Err(e) = result {
        panic!("customer booking flow: {e}");
    }
    let (id, total, paid): (Uuid, i64, bool) = sqlx::query_as(
        "SELECT id, total, paid_at IS NOT NULL FROM bookings WHERE store_id = $1 AND status = 'pending'",
    )
    .bind(w.store)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert!(paid, "paid from the wallet");
    assert_eq!(wallet(&app, &customer).await, before - total);

    let c = browser(&driver).await;
    let result = async {
        sign_in(
            &c,
            &format!("{}/partner/sign-in?lang=ar", app.base),
            "0500000002",
        )
        .await?;
        c.goto(&format!(
            "{}/partner/stores/{}/bookings?date={date}",
            app.base, w.store
        ))
        .await?;
        c.wait()
            .at_most(WAIT)
            .for_element(Locator::Id(&format!("booking-{id}")))
            .await?;
        assert_eq!(page_dir(&c).await.0, "rtl");
        for (now, next) in [("confirmed", "in_progress"), ("in_progress", "completed")] {
            c.find(Locator::Id(&format!("booking-{id}-{now}")))
                .await?
                .click()
                .await?;
            c.wait()
                .at_most(WAIT)
                .for_element(Locator::Id(&format!("booking-{id}-{next}")))
                .await?;
        }
        c.find(Locator::Id(&format!("booking-{id}-completed")))
            .await?
            .click()
            .await?;
        // The card redraws without step buttons once completed.
        let deadline = tokio::time::Instant::now() + WAIT;
        while c
            .find(Locator::Id(&format!("booking-{id}-completed")))
            .await
            .is_ok()
        {
            assert!(
                tokio::time::Instant::now() < deadline,
                "still not completed"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Ok::<_, CmdError>(())
    }
    .await;
    let _ = c.close().await;
    if let Err(e) = result {
        panic!("partner calendar flow: {e}");
    }
    let deadline = tokio::time::Instant::now() + WAIT;
    loop {
        let s: String = sqlx::query_scalar("SELECT status FROM bookings WHERE id = $1")
            .bind(id)
            .fetch_one(&app.db)
            .await
            .unwrap();
        if s == "completed" {
            break;
        }
        assert!(tokio::time::Instant::now() < deadline, "status {s}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_ledger_sound(&app).await;

    // The customer rates the wash from the booking's page.
    let c = phone(&driver).await;
    let result = async {
        sign_in(
            &c,
            &format!("{}/app/sign-in?lang=ar", app.base),
            "0500000001",
        )
        .await?;
        c.goto(&format!("{}/app/bookings/{id}", app.base)).await?;
        c.wait()
            .at_most(WAIT)
            .for_element(Locator::Id("rate-form"))
            .await?;
        c.find(Locator::Css("label[for='rate-stars-5']"))
            .await?
            .click()
            .await?;
        c.find(Locator::Id("rate-text"))
            .await?
            .send_keys("غسيل ممتاز وفي الموعد")
            .await?;
        c.find(Locator::Id("rate-submit")).await?.click().await?;
        c.wait()
            .at_most(WAIT)
            .for_element(Locator::Id("review-sent"))
            .await?;
        Ok::<_, CmdError>(())
    }
    .await;
    let _ = c.close().await;
    if let Err(e) = result {
        panic!("rating the wash: {e}");
    }
    let (stars, count): (i16, i32) = sqlx::query_as(
        "SELECT r.stars, s.rating_count FROM reviews r JOIN stores s ON s.id = r.store_id \
         WHERE r.booking_id = $1",
    )
    .bind(id)
    .fetch_one(&app.db)
    .await
    .unwrap();
    assert_eq!((stars, count), (5, 1));
}

#[tokio::test]
async fn the_rider_streams_positions_from_the_phone_and_the_customers_marker_follows() {
    let app = TestApp::spawn().await;
    let customer = app.token_of(CUSTOMER).await;
    let req = request(&app, &customer).await;
    let id = req["id"].as_str().unwrap().to_owned();

    let rider_driver = start_driver().await;
    let r = phone(&rider_driver).await;
    let start = (24.7400, 46.7000);
    fake_position(&rider_driver, &r, &app.base, start).await;
    let result = async {
        sign_in(
            &r,
            &format!("{}/rider/sign-in?lang=ar", app.base),
            "0500000004",
        )
        .await?;
        assert_eq!(page_dir(&r).await.0, "rtl");
        r.wait()
            .at_most(WAIT)
            .for_element(Locator::Id("rider-online"))
            .await?
            .click()
            .await?;
        // Online at the faked position: the request nearby appears.
        r.wait()
            .at_most(WAIT)
            .for_element(Locator::Css(&format!(
                "#repair-{id} a, a#repair-{id}, #repair-{id}"
            )))
            .await?
            .click()
            .await?;
        r.wait()
            .at_most(WAIT)
            .for_element(Locator::Id("offer-price"))
            .await?
            .send_keys("150")
            .await?;
        r.find(Locator::Id("offer-eta"))
            .await?
            .send_keys("15")
            .await?;
        r.find(Locator::Id("offer-submit")).await?.click().await?;
        r.wait()
            .at_most(WAIT)
            .for_element(Locator::Id("rider-online"))
            .await?;
        Ok::<_, CmdError>(())
    }
    .await;
    if let Err(e) = result {
        let _ = r.close().await;
        panic!("rider offer flow: {e}");
    }
    let offer: Uuid =
        sqlx::query_scalar("SELECT id FROM repair_offers WHERE request_id = $1::uuid")
            .bind(&id)
            .fetch_one(&app.db)
            .await
            .unwrap();
    let accepted = post_keyed(
        &app,
        &format!("/api/v1/repairs/{id}/offers/{offer}/accept"),
        &customer,
        "acc",
        json!({}),
    )
    .await;
    assert_eq!(accepted.status, 201, "{accepted:?}");
    let job = accepted.body["data"]["id"].as_str().unwrap().to_owned();

    // The customer watches the job's map.
    let customer_driver = start_driver().await;
    let c = phone(&customer_driver).await;
    let result = async {
        sign_in(&c, &format!("{}/app/sign-in?lang=ar", app.base), "0500000001").await?;
        c.goto(&format!("{}/app/repair-jobs/{job}", app.base)).await?;
        c.wait().at_most(WAIT).for_element(Locator::Css("#job-map[data-live='live']")).await?;
        // The rider opens the job: the phone's position streams.
        r.goto(&format!("{}/rider/jobs/{job}", app.base)).await?;
        r.wait().at_most(WAIT).for_element(Locator::Id("rider-track")).await?;
        let mut last = String::new();
        for step in 1..=2 {
            let at = (start.0 - 0.0002 * f64::from(step), start.1 - 0.0002 * f64::from(step));
            fake_position(&rider_driver, &r, &app.base, at).await;
            let want = at.0;
            let deadline = tokio::time::Instant::now() + WAIT;
            loop {
                let v = c
                    .execute("return document.getElementById('rep-marker-lat').value || document.getElementById('rep-marker-lat').textContent;", vec![])
                    .await?;
                let shown = v.as_str().unwrap_or_default().to_owned();
                if shown.trim().parse::<f64>().is_ok_and(|x| (x - want).abs() < 1e-6) {
                    assert_ne!(shown, last, "the marker moved");
                    last = shown;
                    break;
                }
                assert!(tokio::time::Instant::now() < deadline, "marker at {shown}, wanted {want}");
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
        Ok::<_, CmdError>(())
    }
    .await;
    let _ = c.close().await;
    let _ = r.close().await;
    if let Err(e) = result {
        panic!("live tracking flow: {e}");
    }
    let kept: i64 =
        sqlx::query_scalar("SELECT count(*) FROM rep_positions WHERE job_id = $1::uuid")
            .bind(&job)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert!(kept >= 2, "{kept} positions kept");
}
