//! The demo car wash: a branch of the demo supplier's company near the
//! Riyadh store, with a menu priced per body type, a schedule of two shifts
//! a day with two bays, and the national holidays blocked. The demo start
//! seeds it; tests that need a wash call it themselves, so the other tests'
//! store counts stay as they were.

use anyhow::Context as _;
use sqlx::PgPool;
use uuid::Uuid;

pub const DEMO_WASH: &str = "Palm Car Wash";

/// (Arabic, English, service slug, minutes, [sedan, suv, pickup] halalas, add-ons)
type DemoItem = (
    &'static str,
    &'static str,
    &'static str,
    i32,
    [i64; 3],
    &'static [(&'static str, &'static str, i64, i32)],
);

const ITEMS: [DemoItem; 3] = [
    (
        "غسيل خارجي",
        "Exterior wash",
        "exterior-wash",
        30,
        [3_000, 4_000, 4_500],
        &[],
    ),
    (
        "غسيل شامل داخلي وخارجي",
        "Full wash, inside and out",
        "interior-cleaning",
        60,
        [7_000, 9_000, 9_500],
        &[
            ("تعطير المقصورة", "Cabin fragrance", 1_000, 0),
            ("تنظيف المقاعد بالبخار", "Steam seat cleaning", 3_500, 30),
        ],
    ),
    (
        "تلميع الهيكل",
        "Body polish",
        "polishing",
        90,
        [15_000, 19_000, 20_000],
        &[],
    ),
];

/// Creates the demo wash if it is missing; its id.
pub async fn demo_wash(db: &PgPool) -> anyhow::Result<Option<Uuid>> {
    let mut tx = db.begin().await?;
    let company: Option<Uuid> =
        sqlx::query_scalar("SELECT id FROM companies WHERE cr_number = $1 AND deleted_at IS NULL")
            .bind(crate::stores::seed::DEMO_CR)
            .fetch_optional(&mut *tx)
            .await?;
    let Some(company) = company else {
        return Ok(None);
    };
    if let Some(id) = sqlx::query_scalar::<_, Uuid>(
        "SELECT id FROM stores WHERE company_id = $1 AND name_en = $2 AND deleted_at IS NULL",
    )
    .bind(company)
    .bind(DEMO_WASH)
    .fetch_optional(&mut *tx)
    .await?
    {
        return Ok(Some(id));
    }
    let wash_type: Uuid = sqlx::query_scalar(
        "SELECT id FROM store_types WHERE slug = 'car-wash' AND deleted_at IS NULL",
    )
    .fetch_optional(&mut *tx)
    .await?
    .context("the car-wash store type (run the reference seed first)")?;
    let store = Uuid::now_v7();
    sqlx::query(
        "INSERT INTO stores (id, company_id, store_type_id, name_ar, name_en, phone, city, address, \
           lat, lng, status) \
         VALUES ($1, $2, $3, 'مغسلة النخيل', $4, '+966500000104', 'الرياض', \
           'طريق العروبة، حي الورود، الرياض', 24.7205, 46.6790, 'active')",
    )
    .bind(store)
    .bind(company)
    .bind(wash_type)
    .bind(DEMO_WASH)
    .execute(&mut *tx)
    .await?;
    let bodies: Vec<Uuid> = sqlx::query_scalar(
        "SELECT id FROM body_types WHERE slug = ANY($1) AND deleted_at IS NULL \
         ORDER BY array_position($1, slug)",
    )
    .bind(&["sedan", "suv", "pickup"][..])
    .fetch_all(&mut *tx)
    .await?;
    for (pos, (ar, en, service, minutes, prices, addons)) in ITEMS.iter().enumerate() {
        let item = Uuid::now_v7();
        sqlx::query(
            "INSERT INTO service_items (id, store_id, service_id, name_ar, name_en, description_ar, \
               description_en, duration_minutes, position) \
             SELECT $1, $2, id, $3, $4, '', '', $5, $6 FROM services WHERE slug = $7",
        )
        .bind(item)
        .bind(store)
        .bind(ar)
        .bind(en)
        .bind(minutes)
        .bind(pos as i32)
        .bind(service)
        .execute(&mut *tx)
        .await?;
        for (body, price) in bodies.iter().zip(prices) {
            sqlx::query("INSERT INTO service_item_prices (item_id, body_type_id, price) VALUES ($1, $2, $3)")
                .bind(item)
                .bind(body)
                .bind(price)
                .execute(&mut *tx)
                .await?;
        }
        for (ar, en, price, minutes) in addons.iter() {
            sqlx::query(
                "INSERT INTO service_addons (id, item_id, name_ar, name_en, price, duration_minutes) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(Uuid::now_v7())
            .bind(item)
            .bind(ar)
            .bind(en)
            .bind(price)
            .bind(minutes)
            .execute(&mut *tx)
            .await?;
        }
    }
    sqlx::query(
        "INSERT INTO booking_schedules (store_id, slot_minutes, capacity, lead_minutes, horizon_days, \
           cancel_window_minutes) VALUES ($1, 30, 2, 60, 14, 120)",
    )
    .bind(store)
    .execute(&mut *tx)
    .await?;
    for weekday in 1..=7i16 {
        let shifts: &[(i32, i32)] = if weekday == 5 {
            &[(16 * 60, 23 * 60)]
        } else {
            &[(8 * 60, 12 * 60), (16 * 60, 23 * 60)]
        };
        for (start, end) in shifts {
            sqlx::query(
                "INSERT INTO booking_hours (id, store_id, weekday, start_minute, end_minute) \
                 VALUES ($1, $2, $3, $4, $5)",
            )
            .bind(Uuid::now_v7())
            .bind(store)
            .bind(weekday)
            .bind(start)
            .bind(end)
            .execute(&mut *tx)
            .await?;
        }
    }
    for (month, day, reason) in [
        (2i16, 22i16, "يوم التأسيس / Founding Day"),
        (9, 23, "اليوم الوطني / National Day"),
    ] {
        sqlx::query(
            "INSERT INTO booking_blocks (id, store_id, kind, month, day, reason) VALUES ($1, $2, 'yearly', $3, $4, $5)",
        )
        .bind(Uuid::now_v7())
        .bind(store)
        .bind(month)
        .bind(day)
        .bind(reason)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(Some(store))
}
