//! Service bookings over HTTP against the demo car wash: bays held by the
//! exclusion constraint under a race, spans over two slots, blocked
//! periods, the payment window, refunds in the window, no refund for a
//! no-show, settlement at completion, reminders, and tenant isolation.

use reqwest::Method;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::harness::TestApp;
use crate::shop::{CUSTOMER, EMPLOYEE, SUPPLIER, assert_ledger_sound, post_keyed, wallet};

pub struct Wash {
    pub store: Uuid,
    pub exterior: Uuid,
    pub full: Uuid,
    pub sedan: Uuid,
}

/// The demo wash (two bays, 30-minute slots, 08–12 and 16–23 local).
pub async fn wash(app: &TestApp) -> Wash {
    let store = app::bookings::seed::demo_wash(&app.db)
        .await
        .unwrap()
        .expect("the demo company exists");
    let item = |name: &'static str| {
        let db = app.db.clone();
        async move {
            sqlx::query_scalar::<_, Uuid>(
                "SELECT id FROM service_items WHERE store_id = $1 AND name_en = $2",
            )
            .bind(store)
            .bind(name)
            .fetch_one(&db)
            .await
            .unwrap()
        }
    };
    let sedan = sqlx::query_scalar("SELECT id FROM body_types WHERE slug = 'sedan'")
        .fetch_one(&app.db)
        .await
        .unwrap();
    Wash {
        store,
        exterior: item("Exterior wash").await,
        full: item("Full wash, inside and out").await,
        sedan,
    }
}

/// A local date `days` ahead, `YYYY-MM-DD`, that is not a Friday (the
/// morning shift is closed on Fridays).
pub fn day_ahead(days: i64) -> String {
    let mut d = time::OffsetDateTime::now_utc()
        .to_offset(time::macros::offset!(+3))
        .date()
        + time::Duration::days(days);
    if d.weekday() == time::Weekday::Friday {
        d += time::Duration::days(1);
    }
    d.to_string()
}

pub async fn availability(app: &TestApp, w: &Wash, items: &[Uuid], date: &str) -> Value {
    let ids: Vec<String> = items.iter().map(Uuid::to_string).collect();
    let r = app
        .get(
            &format!(
                "/api/v1/stores/{}/availability?items={}&from={date}&to={date}",
                w.store,
                ids.join(",")
            ),
            None,
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    r.body["data"]["days"][0]["slots"].clone()
}

pub fn times(slots: &Value) -> Vec<String> {
    slots
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["time"].as_str().unwrap().to_owned())
        .collect()
}

/// The slot starting at local `time` on `date`, if offered.
pub async fn slot_at(
    app: &TestApp,
    w: &Wash,
    items: &[Uuid],
    date: &str,
    time: &str,
) -> Option<Value> {
    availability(app, w, items, date)
        .await
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["time"] == time)
        .cloned()
}

pub async fn book(
    app: &TestApp,
    token: &str,
    key: &str,
    w: &Wash,
    item: Uuid,
    starts_at: &str,
    method: &str,
) -> crate::harness::Reply {
    post_keyed(
        app,
        "/api/v1/bookings",
        token,
        key,
        json!({"storeId": w.store, "items": [item], "startsAt": starts_at,
               "bodyTypeId": w.sedan, "paymentMethod": method, "notes": "الباب الخلفي لا يُفتح"}),
    )
    .await
}

async fn holding(app: &TestApp, store: Uuid) -> i64 {
    sqlx::query_scalar(
        "SELECT count(*) FROM bookings WHERE store_id = $1 \
         AND status IN ('pending', 'confirmed', 'in_progress', 'completed', 'no_show')",
    )
    .bind(store)
    .fetch_one(&app.db)
    .await
    .unwrap()
}

pub async fn step(
    app: &TestApp,
    token: &str,
    w: &Wash,
    id: &str,
    status: &str,
) -> crate::harness::Reply {
    app.post(
        &format!("/api/v1/partner/stores/{}/bookings/{id}/status", w.store),
        Some(token),
        json!({"status": status}),
    )
    .await
}

#[tokio::test]
async fn a_hundred_concurrent_bookings_of_one_slot_with_two_bays_give_exactly_two() {
    let app = TestApp::spawn().await;
    let w = wash(&app).await;
    let customer = app.token_of(CUSTOMER).await;
    let date = day_ahead(2);
    let slot = slot_at(&app, &w, &[w.exterior], &date, "09:00")
        .await
        .expect("09:00 is free");
    assert_eq!(slot["free"], 2);
    let starts = slot["startsAt"].as_str().unwrap().to_owned();
    let mut tasks = Vec::new();
    for i in 0..100 {
        let (base, client, token, starts) = (
            app.base.clone(),
            app.client.clone(),
            customer.clone(),
            starts.clone(),
        );
        let body = json!({"storeId": w.store, "items": [w.exterior], "startsAt": starts,
                          "bodyTypeId": w.sedan, "paymentMethod": "cash"});
        tasks.push(tokio::spawn(async move {
            client
                .post(format!("{base}/api/v1/bookings"))
                .bearer_auth(token)
                .header("idempotency-key", format!("race-{i}"))
                .json(&body)
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }));
    }
    let mut codes = Vec::new();
    for t in tasks {
        codes.push(t.await.unwrap());
    }
    assert_eq!(codes.iter().filter(|c| **c == 201).count(), 2, "{codes:?}");
    assert_eq!(codes.iter().filter(|c| **c == 409).count(), 98, "{codes:?}");
    assert_eq!(holding(&app, w.store).await, 2);
    let bays: Vec<i32> =
        sqlx::query_scalar("SELECT bay FROM bookings WHERE store_id = $1 ORDER BY bay")
            .bind(w.store)
            .fetch_all(&app.db)
            .await
            .unwrap();
    assert_eq!(bays, vec![1, 2]);
    assert!(
        slot_at(&app, &w, &[w.exterior], &date, "09:00")
            .await
            .is_none(),
        "the slot is full"
    );
}

#[tokio::test]
async fn a_booking_over_two_slots_blocks_both_and_blocked_periods_show_nothing() {
    let app = TestApp::spawn().await;
    let w = wash(&app).await;
    let customer = app.token_of(CUSTOMER).await;
    let supplier = app.token_of(SUPPLIER).await;
    let date = day_ahead(3);
    // The full wash lasts 60 minutes: two 30-minute slots, on both bays.
    let slot = slot_at(&app, &w, &[w.full], &date, "16:00").await.unwrap();
    let starts = slot["startsAt"].as_str().unwrap().to_owned();
    for key in ["span-1", "span-2"] {
        let r = book(&app, &customer, key, &w, w.full, &starts, "cash").await;
        assert_eq!(r.status, 201, "{r:?}");
        assert_eq!(r.body["data"]["booking"]["localTime"], "16:00");
    }
    let free = times(&availability(&app, &w, &[w.exterior], &date).await);
    assert!(
        !free.contains(&"16:00".to_owned()) && !free.contains(&"16:30".to_owned()),
        "{free:?}"
    );
    // 15:30 is outside the afternoon shift: never offered.
    assert!(
        free.contains(&"17:00".to_owned()) && !free.contains(&"15:30".to_owned()),
        "{free:?}"
    );
    // The hour before: a 60-minute service at 15:30 does not exist (closed), at 11:00 it does.
    let full = times(&availability(&app, &w, &[w.full], &date).await);
    assert!(
        !full.contains(&"15:30".to_owned()) && full.contains(&"11:00".to_owned()),
        "{full:?}"
    );

    // A one-off block 18:00–20:00 local that day.
    let from = format!("{date}T18:00:00+03:00");
    let to = format!("{date}T20:00:00+03:00");
    let r = app
        .post(
            &format!("/api/v1/partner/stores/{}/booking-blocks", w.store),
            Some(&supplier),
            json!({"kind": "once", "startsAt": from, "endsAt": to, "reason": "صيانة المضخة"}),
        )
        .await;
    assert_eq!(r.status, 201, "{r:?}");
    let free = times(&availability(&app, &w, &[w.exterior], &date).await);
    for t in ["18:00", "18:30", "19:00", "19:30"] {
        assert!(!free.contains(&t.to_owned()), "{t} is blocked: {free:?}");
    }
    assert!(
        free.contains(&"17:30".to_owned()) && free.contains(&"20:00".to_owned()),
        "{free:?}"
    );
    let full = times(&availability(&app, &w, &[w.full], &date).await);
    assert!(
        !full.contains(&"17:30".to_owned()),
        "a 60-minute service at 17:30 runs into the block: {full:?}"
    );

    // A yearly holiday on that date: nothing at all.
    let (month, day): (i32, i32) = (date[5..7].parse().unwrap(), date[8..10].parse().unwrap());
    let r = app
        .post(
            &format!("/api/v1/partner/stores/{}/booking-blocks", w.store),
            Some(&supplier),
            json!({"kind": "yearly", "month": month, "day": day, "reason": "إجازة"}),
        )
        .await;
    assert_eq!(r.status, 201, "{r:?}");
    assert!(
        availability(&app, &w, &[w.exterior], &date)
            .await
            .as_array()
            .unwrap()
            .is_empty()
    );
    let r = book(
        &app,
        &customer,
        "holiday",
        &w,
        w.exterior,
        &format!("{date}T09:00:00+03:00"),
        "cash",
    )
    .await;
    assert_eq!(r.status, 409, "{r:?}");
    assert_eq!(r.body["error"]["code"], "SLOT_UNAVAILABLE");
}

#[tokio::test]
async fn an_unpaid_card_booking_releases_its_slot_after_the_payment_window() {
    let app = TestApp::spawn().await;
    let w = wash(&app).await;
    let customer = app.token_of(CUSTOMER).await;
    let supplier = app.token_of(SUPPLIER).await;
    // One bay, so one unpaid booking fills the slot.
    let mut s = app
        .get(
            &format!("/api/v1/partner/stores/{}/booking-schedule", w.store),
            Some(&supplier),
        )
        .await
        .body["data"]
        .clone();
    s["capacity"] = json!(1);
    let r = app
        .call(
            Method::PUT,
            &format!("/api/v1/partner/stores/{}/booking-schedule", w.store),
            Some(&supplier),
            Some(s),
            "en",
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    let date = day_ahead(2);
    let slot = slot_at(&app, &w, &[w.exterior], &date, "10:00")
        .await
        .unwrap();
    let r = book(
        &app,
        &customer,
        "card-1",
        &w,
        w.exterior,
        slot["startsAt"].as_str().unwrap(),
        "card",
    )
    .await;
    assert_eq!(r.status, 201, "{r:?}");
    assert!(r.body["data"]["paymentUrl"].is_string());
    let id: Uuid = r.body["data"]["booking"]["id"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        slot_at(&app, &w, &[w.exterior], &date, "10:00")
            .await
            .is_none(),
        "held while paying"
    );
    // Inside the window nothing happens.
    app::bookings::expire_unpaid(&app.state).await.unwrap();
    assert!(
        slot_at(&app, &w, &[w.exterior], &date, "10:00")
            .await
            .is_none()
    );
    sqlx::query("UPDATE bookings SET created_at = now() - interval '31 minutes' WHERE id = $1")
        .bind(id)
        .execute(&app.db)
        .await
        .unwrap();
    assert_eq!(app::bookings::expire_unpaid(&app.state).await.unwrap(), 1);
    let r = app
        .get(&format!("/api/v1/bookings/{id}"), Some(&customer))
        .await;
    assert_eq!(r.body["data"]["status"], "expired", "{r:?}");
    assert_eq!(r.body["data"]["history"].as_array().unwrap().len(), 2);
    let payment: String = sqlx::query_scalar("SELECT state FROM payments WHERE target_id = $1")
        .bind(id)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(payment, "cancelled");
    assert!(
        slot_at(&app, &w, &[w.exterior], &date, "10:00")
            .await
            .is_some(),
        "the slot is free again"
    );
    assert_ledger_sound(&app).await;
}

async fn escrow_of(app: &TestApp, id: &str) -> i64 {
    sqlx::query_scalar(
        "SELECT coalesce(sum(e.amount), 0)::bigint FROM ledger_entries e \
         JOIN ledger_accounts a ON a.id = e.account_id \
         WHERE a.kind = 'order_escrow' AND a.owner_id = $1::uuid",
    )
    .bind(id)
    .fetch_one(&app.db)
    .await
    .unwrap()
}

async fn store_payable(app: &TestApp, store: Uuid) -> i64 {
    sqlx::query_scalar(
        "SELECT coalesce(sum(e.amount), 0)::bigint FROM ledger_entries e \
         JOIN ledger_accounts a ON a.id = e.account_id \
         WHERE a.kind = 'store_payable' AND a.owner_id = $1",
    )
    .bind(store)
    .fetch_one(&app.db)
    .await
    .unwrap()
}

#[tokio::test]
async fn a_cancellation_in_the_window_is_refunded_in_full_and_a_no_show_is_not() {
    let app = TestApp::spawn().await;
    let w = wash(&app).await;
    let customer = app.token_of(CUSTOMER).await;
    let supplier = app.token_of(SUPPLIER).await;
    let before = wallet(&app, &customer).await;
    let date = day_ahead(2);
    let slot = slot_at(&app, &w, &[w.exterior], &date, "11:00")
        .await
        .unwrap();
    let starts = slot["startsAt"].as_str().unwrap().to_owned();

    // Paid from the wallet, cancelled inside the window: all of it comes back.
    let r = book(
        &app, &customer, "wallet-1", &w, w.exterior, &starts, "wallet",
    )
    .await;
    assert_eq!(r.status, 201, "{r:?}");
    let b = r.body["data"]["booking"].clone();
    let (id, total) = (
        b["id"].as_str().unwrap().to_owned(),
        b["total"].as_i64().unwrap(),
    );
    assert_eq!(total, 3_000 + 450, "sedan exterior wash with VAT");
    assert!(b["paid"].as_bool().unwrap());
    assert_eq!(wallet(&app, &customer).await, before - total);
    let r = app
        .post(
            &format!("/api/v1/bookings/{id}/cancel"),
            Some(&customer),
            json!({"reason": "تغيّرت خططي"}),
        )
        .await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(r.body["data"]["status"], "cancelled");
    assert_eq!(wallet(&app, &customer).await, before, "refunded in full");
    assert_eq!(escrow_of(&app, &id).await, 0);
    assert_ledger_sound(&app).await;
    let again = app
        .post(
            &format!("/api/v1/bookings/{id}/cancel"),
            Some(&customer),
            json!({}),
        )
        .await;
    assert_eq!(again.status, 409, "{again:?}");

    // Booked, confirmed, and the customer never came.
    let r = book(
        &app, &customer, "wallet-2", &w, w.exterior, &starts, "wallet",
    )
    .await;
    assert_eq!(r.status, 201, "{r:?}");
    let id = r.body["data"]["booking"]["id"].as_str().unwrap().to_owned();
    assert_eq!(
        step(&app, &supplier, &w, &id, "confirmed").await.status,
        200
    );
    let early = step(&app, &supplier, &w, &id, "no_show").await;
    assert_eq!(early.status, 409, "not before the start: {early:?}");
    assert_eq!(early.body["error"]["code"], "BOOKING_NOT_STARTED");
    // The appointment passes: outside the cancellation window, and started.
    sqlx::query("UPDATE bookings SET starts_at = now() - interval '40 minutes', ends_at = now() - interval '10 minutes' WHERE id = $1::uuid")
        .bind(&id)
        .execute(&app.db)
        .await
        .unwrap();
    let late = app
        .post(
            &format!("/api/v1/bookings/{id}/cancel"),
            Some(&customer),
            json!({}),
        )
        .await;
    assert_eq!(late.status, 409, "{late:?}");
    assert_eq!(late.body["error"]["code"], "CANCEL_WINDOW_CLOSED");
    let payable_before = store_payable(&app, w.store).await;
    let r = step(&app, &supplier, &w, &id, "no_show").await;
    assert_eq!(r.status, 200, "{r:?}");
    assert_eq!(
        wallet(&app, &customer).await,
        before - total,
        "a no-show is not refunded"
    );
    assert_eq!(escrow_of(&app, &id).await, 0, "settled to the store");
    // 10 % commission on 30.00 plus its VAT stays with the platform.
    assert_eq!(
        store_payable(&app, w.store).await - payable_before,
        -(total - 300 - 45)
    );
    assert_ledger_sound(&app).await;
}

#[tokio::test]
async fn the_store_runs_a_cash_booking_to_completion_and_the_customer_is_reminded() {
    let app = TestApp::spawn().await;
    let w = wash(&app).await;
    let customer = app.token_of(CUSTOMER).await;
    let supplier = app.token_of(SUPPLIER).await;
    let employee = app.token_of(EMPLOYEE).await;
    let (riyadh, _) = crate::shop::demo_stores(&app).await;
    let date = day_ahead(1);
    let slot = slot_at(&app, &w, &[w.full], &date, "20:00").await.unwrap();
    let r = book(
        &app,
        &customer,
        "cash-1",
        &w,
        w.full,
        slot["startsAt"].as_str().unwrap(),
        "cash",
    )
    .await;
    assert_eq!(r.status, 201, "{r:?}");
    let id = r.body["data"]["booking"]["id"].as_str().unwrap().to_owned();

    // Another store's path, or someone without the permission, gets nothing.
    let other = app
        .get(
            &format!("/api/v1/partner/stores/{riyadh}/bookings/{id}"),
            Some(&supplier),
        )
        .await;
    assert_eq!(other.status, 404, "{other:?}");
    let stranger = app
        .get(
            &format!("/api/v1/partner/stores/{}/bookings/{id}", w.store),
            Some(&employee),
        )
        .await;
    assert_eq!(
        stranger.status, 404,
        "the employee is not staff of the wash: {stranger:?}"
    );
    let other_customer = app.token_of("+966500000077").await;
    let r = app
        .get(&format!("/api/v1/bookings/{id}"), Some(&other_customer))
        .await;
    assert_eq!(r.status, 404);

    // Out of order steps are refused; then the whole way.
    assert_eq!(
        step(&app, &supplier, &w, &id, "completed").await.status,
        409
    );
    let r = step(&app, &supplier, &w, &id, "confirmed").await;
    assert_eq!(r.status, 200, "{r:?}");
    let job: (uuid::Uuid, time::OffsetDateTime) = sqlx::query_as(
        "SELECT id, run_at FROM jobs WHERE kind = 'booking.remind' AND payload->>'bookingId' = $1",
    )
    .bind(&id)
    .fetch_one(&app.db)
    .await
    .unwrap();
    let starts: time::OffsetDateTime =
        sqlx::query_scalar("SELECT starts_at FROM bookings WHERE id = $1::uuid")
            .bind(&id)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(
        job.1,
        starts - time::Duration::hours(2),
        "reminded two hours before"
    );
    // The reminder, run now, reaches the customer's inbox in Arabic.
    sqlx::query("UPDATE jobs SET run_at = now() WHERE id = $1")
        .bind(job.0)
        .execute(&app.db)
        .await
        .unwrap();
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        app::jobs::run_once(&app.state, "test").await.ok();
        let r = app
            .call(
                Method::GET,
                "/api/v1/notifications",
                Some(&customer),
                None,
                "ar",
            )
            .await;
        let found = r.body["data"]
            .as_array()
            .unwrap()
            .iter()
            .any(|n| n["title"] == "موعدك قريب");
        if found {
            break;
        }
        assert!(tokio::time::Instant::now() < deadline, "no reminder: {r:?}");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let payable_before = store_payable(&app, w.store).await;
    for s in ["in_progress", "completed"] {
        let r = step(&app, &supplier, &w, &id, s).await;
        assert_eq!(r.status, 200, "{s}: {r:?}");
    }
    let r = app
        .get(&format!("/api/v1/bookings/{id}"), Some(&customer))
        .await;
    let b = &r.body["data"];
    assert_eq!(b["status"], "completed");
    let steps: Vec<&str> = b["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["toStatus"].as_str().unwrap())
        .collect();
    assert_eq!(
        steps,
        vec!["pending", "confirmed", "in_progress", "completed"]
    );
    // Cash: the store kept 80.50; the platform's 7.00 commission and its VAT are set against it.
    assert_eq!(
        store_payable(&app, w.store).await - payable_before,
        700 + 105
    );
    assert_ledger_sound(&app).await;
    let stats = app
        .get(
            &format!("/api/v1/partner/stores/{}/bookings-stats", w.store),
            Some(&supplier),
        )
        .await;
    assert_eq!(stats.body["data"]["completed"], 1, "{stats:?}");
}

#[tokio::test]
async fn bad_menus_schedules_and_bookings_name_every_field_in_the_callers_language() {
    let app = TestApp::spawn().await;
    let w = wash(&app).await;
    let supplier = app.token_of(SUPPLIER).await;
    let customer = app.token_of(CUSTOMER).await;
    let r = app
        .call(
            Method::POST,
            &format!("/api/v1/partner/stores/{}/service-items", w.store),
            Some(&supplier),
            Some(json!({"serviceId": Uuid::nil(), "nameAr": " ", "nameEn": "Wax", "durationMinutes": 2,
                        "prices": [{"bodyTypeId": w.sedan, "price": 0}]})),
            "ar",
        )
        .await;
    assert_eq!(r.status, 422, "{r:?}");
    let fields = &r.body["error"]["fields"];
    for f in ["nameAr", "durationMinutes", "prices[0].price"] {
        assert!(fields[f].is_array(), "{f} named: {r:?}");
    }
    assert!(
        fields["durationMinutes"][0]
            .as_str()
            .unwrap()
            .contains("بين"),
        "{r:?}"
    );
    // A service the wash's type does not bind.
    let parts: Uuid = sqlx::query_scalar("SELECT id FROM services WHERE slug = 'parts-sale'")
        .fetch_one(&app.db)
        .await
        .unwrap();
    let r = app
        .post(
            &format!("/api/v1/partner/stores/{}/service-items", w.store),
            Some(&supplier),
            json!({"serviceId": parts, "nameAr": "بيع", "nameEn": "Sale", "durationMinutes": 30,
                   "prices": [{"bodyTypeId": Uuid::nil(), "price": 100}]}),
        )
        .await;
    assert_eq!(r.status, 422, "{r:?}");
    assert!(r.body["error"]["fields"]["serviceId"].is_array());
    assert!(r.body["error"]["fields"]["prices[0].bodyTypeId"].is_array());
    let r = app
        .call(
            Method::PUT,
            &format!("/api/v1/partner/stores/{}/booking-schedule", w.store),
            Some(&supplier),
            Some(json!({"slotMinutes": 1, "capacity": 0, "leadMinutes": 0, "horizonDays": 14, "cancelWindowMinutes": 60,
                        "hours": [{"weekday": 8, "start": "25:00", "end": "10:00"}, {"weekday": 1, "start": "10:00", "end": "09:00"}]})),
            "en",
        )
        .await;
    assert_eq!(r.status, 422, "{r:?}");
    for f in [
        "slotMinutes",
        "capacity",
        "hours[0].weekday",
        "hours[0].start",
        "hours[1].end",
    ] {
        assert!(r.body["error"]["fields"][f].is_array(), "{f}: {r:?}");
    }
    // Unknown items and no car or body type.
    let r = post_keyed(
        &app,
        "/api/v1/bookings",
        &customer,
        "bad-1",
        json!({"storeId": w.store, "items": [], "startsAt": "2026-12-20T09:00:00+03:00", "paymentMethod": "cash"}),
    )
    .await;
    assert_eq!(r.status, 422, "{r:?}");
    assert!(
        r.body["error"]["fields"]["items"].is_array()
            && r.body["error"]["fields"]["bodyTypeId"].is_array(),
        "{r:?}"
    );
    let r = post_keyed(
        &app,
        "/api/v1/bookings",
        &customer,
        "bad-2",
        json!({"storeId": w.store, "items": [Uuid::nil()], "startsAt": "2026-12-20T09:00:00+03:00",
               "bodyTypeId": w.sedan, "paymentMethod": "cash"}),
    )
    .await;
    assert_eq!(r.status, 422, "{r:?}");
    assert!(r.body["error"]["fields"]["items[0]"].is_array(), "{r:?}");
    let r = app
        .get(
            &format!(
                "/api/v1/stores/{}/availability?items=nope&from=2026-13-01",
                w.store
            ),
            None,
        )
        .await;
    assert_eq!(r.status, 422, "{r:?}");
    assert!(
        r.body["error"]["fields"]["items"].is_array()
            && r.body["error"]["fields"]["from"].is_array()
    );
    assert!(
        !app.get(&format!("/api/v1/stores/{}/services", w.store), None)
            .await
            .body["data"]
            .as_array()
            .unwrap()
            .is_empty()
    );
}
