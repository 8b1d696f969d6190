//! Reference data of the supply side (store types and their services) and
//! its demo data (a supplier's approved company with two active stores and
//! an employee). Both idempotent.

use anyhow::Context;
use sqlx::PgPool;
use uuid::Uuid;

/// (slug, Arabic, English)
const SERVICES: [(&str, &str, &str); 16] = [
    ("parts-sale", "بيع قطع الغيار", "Parts sales"),
    (
        "parts-installation",
        "تركيب قطع الغيار",
        "Parts installation",
    ),
    ("parts-delivery", "توصيل قطع الغيار", "Parts delivery"),
    ("exterior-wash", "غسيل خارجي", "Exterior wash"),
    ("interior-cleaning", "تنظيف داخلي", "Interior cleaning"),
    ("polishing", "تلميع", "Polishing"),
    ("engine-wash", "غسيل المحرك", "Engine wash"),
    ("oil-change", "تغيير زيت", "Oil change"),
    ("brake-service", "صيانة الفرامل", "Brake service"),
    ("ac-service", "صيانة التكييف", "AC service"),
    ("diagnostics", "فحص كمبيوتر", "Computer diagnostics"),
    (
        "battery-replacement",
        "تغيير البطارية",
        "Battery replacement",
    ),
    ("tyre-change", "تغيير الإطارات", "Tyre change"),
    ("wheel-balancing", "ترصيص الإطارات", "Wheel balancing"),
    ("wheel-alignment", "ضبط زوايا الإطارات", "Wheel alignment"),
    ("puncture-repair", "إصلاح البنشر", "Puncture repair"),
];

/// The types whose stores are asked for parts (store requests).
const SELLS_PARTS: [&str; 2] = ["parts-shop", "tyre-shop"];

/// (slug, Arabic, English, service slugs)
const TYPES: [(&str, &str, &str, &[&str]); 4] = [
    (
        "parts-shop",
        "متجر قطع غيار",
        "Parts shop",
        &["parts-sale", "parts-installation", "parts-delivery"],
    ),
    (
        "car-wash",
        "مغسلة سيارات",
        "Car wash",
        &[
            "exterior-wash",
            "interior-cleaning",
            "polishing",
            "engine-wash",
        ],
    ),
    (
        "workshop",
        "ورشة صيانة",
        "Workshop",
        &[
            "oil-change",
            "brake-service",
            "ac-service",
            "diagnostics",
            "battery-replacement",
        ],
    ),
    (
        "tyre-shop",
        "محل إطارات",
        "Tyre shop",
        &[
            "tyre-change",
            "wheel-balancing",
            "wheel-alignment",
            "puncture-repair",
        ],
    ),
];

/// Store types and services every deployment starts with. A slug that ever
/// existed is left alone (also when an admin deleted or edited it), and a
/// type's services are only linked when the type is created here.
pub async fn reference(db: &PgPool) -> anyhow::Result<()> {
    let mut tx = db.begin().await?;
    // One seeder at a time when several nodes start together.
    sqlx::query("SELECT pg_advisory_xact_lock(7412101)")
        .execute(&mut *tx)
        .await?;
    for (slug, ar, en) in SERVICES {
        sqlx::query(
            "INSERT INTO services (id, slug, name_ar, name_en) SELECT $1, $2, $3, $4 \
             WHERE NOT EXISTS (SELECT 1 FROM services WHERE slug = $2)",
        )
        .bind(Uuid::now_v7())
        .bind(slug)
        .bind(ar)
        .bind(en)
        .execute(&mut *tx)
        .await?;
    }
    for (slug, ar, en, services) in TYPES {
        let created: Option<Uuid> = sqlx::query_scalar(
            "INSERT INTO store_types (id, slug, name_ar, name_en, sells_parts) SELECT $1, $2, $3, $4, $5 \
             WHERE NOT EXISTS (SELECT 1 FROM store_types WHERE slug = $2) RETURNING id",
        )
        .bind(Uuid::now_v7())
        .bind(slug)
        .bind(ar)
        .bind(en)
        .bind(SELLS_PARTS.contains(&slug))
        .fetch_optional(&mut *tx)
        .await?;
        if let Some(id) = created {
            sqlx::query(
                "INSERT INTO store_type_services (store_type_id, service_id) \
                 SELECT $1, id FROM services WHERE slug = ANY($2) AND deleted_at IS NULL \
                 ON CONFLICT DO NOTHING",
            )
            .bind(id)
            .bind(services)
            .execute(&mut *tx)
            .await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

pub const DEMO_SUPPLIER: &str = "+966500000002";
pub const DEMO_EMPLOYEE: &str = "+966500000003";
pub const DEMO_CR: &str = "1010123456";
pub const DEMO_RIYADH: &str = "Riyadh Branch";
pub const DEMO_JEDDAH: &str = "Jeddah Branch";
/// What the demo employee may do at the Riyadh store.
pub const DEMO_EMPLOYEE_PERMISSIONS: [&str; 2] = ["orders.view", "products.view"];

/// Saturday to Thursday with the afternoon break, Friday evening only.
fn demo_hours(close: &str) -> serde_json::Value {
    let split = serde_json::json!([["09:00", "12:30"], ["16:30", close]]);
    serde_json::json!({
        "sat": split, "sun": split, "mon": split, "tue": split, "wed": split, "thu": split,
        "fri": [["16:30", close]],
    })
}

/// (Arabic, English, phone, city, address, lat, lng, closing time)
type DemoStore = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    f64,
    f64,
    &'static str,
);

const DEMO_STORES: [DemoStore; 2] = [
    (
        "فرع الرياض",
        DEMO_RIYADH,
        "+966500000102",
        "الرياض",
        "طريق الملك فهد، حي العليا، الرياض",
        24.7136,
        46.6753,
        "23:00",
    ),
    (
        "فرع جدة",
        DEMO_JEDDAH,
        "+966500000103",
        "جدة",
        "شارع التحلية، حي الروضة، جدة",
        21.5433,
        39.1728,
        "23:30",
    ),
];

/// The demo supplier's approved company, its two active parts shops and the
/// demo employee of the Riyadh store. Inserts what is missing.
pub async fn demo(db: &PgPool) -> anyhow::Result<()> {
    let mut tx = db.begin().await?;
    let supplier: Option<Uuid> =
        sqlx::query_scalar("SELECT id FROM users WHERE phone = $1 AND deleted_at IS NULL")
            .bind(DEMO_SUPPLIER)
            .fetch_optional(&mut *tx)
            .await?;
    let Some(supplier) = supplier else {
        return Ok(());
    };
    let mut company: Option<Uuid> =
        sqlx::query_scalar("SELECT id FROM companies WHERE cr_number = $1 AND deleted_at IS NULL")
            .bind(DEMO_CR)
            .fetch_optional(&mut *tx)
            .await?;
    if company.is_none() {
        company = sqlx::query_scalar(
            "INSERT INTO companies (id, owner_id, legal_name_ar, legal_name_en, cr_number, vat_number, \
               city, address, status, reviewed_at) \
             SELECT $1, $2, 'شركة قطع التجريبية', 'Qitaa Demo Parts Co.', $3, '300000000000003', \
               'الرياض', 'طريق الملك فهد، حي العليا، الرياض', 'approved', now() \
             WHERE NOT EXISTS (SELECT 1 FROM companies WHERE owner_id = $2 AND deleted_at IS NULL) \
             RETURNING id",
        )
        .bind(Uuid::now_v7())
        .bind(supplier)
        .bind(DEMO_CR)
        .fetch_optional(&mut *tx)
        .await?;
    }
    // The supplier already runs another company: leave it be.
    let Some(company) = company else {
        return Ok(());
    };
    let parts_shop: Uuid = sqlx::query_scalar(
        "SELECT id FROM store_types WHERE slug = 'parts-shop' AND deleted_at IS NULL",
    )
    .fetch_optional(&mut *tx)
    .await?
    .context("the parts-shop store type (run the reference seed first)")?;
    for (ar, en, phone, city, address, lat, lng, close) in DEMO_STORES {
        sqlx::query(
            "INSERT INTO stores (id, company_id, store_type_id, name_ar, name_en, phone, city, address, \
               lat, lng, working_hours, status) \
             SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'active' \
             WHERE NOT EXISTS (SELECT 1 FROM stores WHERE company_id = $2 AND name_en = $5 AND deleted_at IS NULL)",
        )
        .bind(Uuid::now_v7())
        .bind(company)
        .bind(parts_shop)
        .bind(ar)
        .bind(en)
        .bind(phone)
        .bind(city)
        .bind(address)
        .bind(lat)
        .bind(lng)
        .bind(demo_hours(close))
        .execute(&mut *tx)
        .await?;
    }
    sqlx::query(
        "INSERT INTO store_employees (id, store_id, user_id, permissions) \
         SELECT $1, s.id, u.id, $4 FROM stores s, users u \
         WHERE s.company_id = $2 AND s.name_en = $5 AND s.deleted_at IS NULL \
           AND u.phone = $3 AND u.deleted_at IS NULL \
         ON CONFLICT (store_id, user_id) WHERE deleted_at IS NULL DO NOTHING",
    )
    .bind(Uuid::now_v7())
    .bind(company)
    .bind(DEMO_EMPLOYEE)
    .bind(&DEMO_EMPLOYEE_PERMISSIONS[..])
    .bind(DEMO_RIYADH)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The demo stores (Riyadh, Jeddah), for other features' demo data; none
/// when the demo seed did not create them (e.g. the demo supplier already
/// runs another company).
pub async fn demo_store_ids(db: &PgPool) -> anyhow::Result<Option<(Uuid, Uuid)>> {
    let id = |name: &'static str| {
        sqlx::query_scalar::<_, Uuid>(
            "SELECT s.id FROM stores s JOIN companies c ON c.id = s.company_id \
             WHERE c.cr_number = $1 AND c.deleted_at IS NULL AND s.name_en = $2 AND s.deleted_at IS NULL",
        )
        .bind(DEMO_CR)
        .bind(name)
        .fetch_optional(db)
    };
    Ok(id(DEMO_RIYADH).await?.zip(id(DEMO_JEDDAH).await?))
}
