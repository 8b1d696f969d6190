//! Demo products of the demo supplier's two stores, written with diacritics
//! and spelling variants on purpose, so that search normalisation shows.

use sqlx::PgPool;
use uuid::Uuid;

use super::model::{Condition, FitmentInput, ProductFields, ProductStatus};
use super::repo;

struct DemoProduct {
    riyadh: bool,
    name_ar: &'static str,
    name_en: &'static str,
    description_ar: &'static str,
    description_en: &'static str,
    category_en: &'static str,
    condition: Condition,
    brand: &'static str,
    oem: &'static [&'static str],
    price: i64,
    stock: i32,
    /// (make, model or "", year from, year to) by English name.
    fits: &'static [(&'static str, &'static str, i32, i32)],
}

const PRODUCTS: &[DemoProduct] = &[
    DemoProduct {
        riyadh: true,
        name_ar: "فِلْتَر الزّيت - تويوتا كامرى",
        name_en: "Oil filter - Toyota Camry",
        description_ar: "فلتر زيت أصلي لمحركات كامري ٢.٥ لتر.",
        description_en: "Genuine oil filter for Camry 2.5 L engines.",
        category_en: "Oil filters",
        condition: Condition::New,
        brand: "Toyota Genuine",
        oem: &["04152-YZZA1"],
        price: 4500,
        stock: 40,
        fits: &[("Toyota", "Camry", 2012, 2024)],
    },
    DemoProduct {
        riyadh: true,
        name_ar: "فلتر هواء المحرّك - هيونداي إلنترا",
        name_en: "Engine air filter - Hyundai Elantra",
        description_ar: "فلتر هواء عالي التدفق.",
        description_en: "High-flow engine air filter.",
        category_en: "Air filters",
        condition: Condition::New,
        brand: "Hyundai Mobis",
        oem: &["28113-F2000"],
        price: 6500,
        stock: 25,
        fits: &[("Hyundai", "Elantra", 2016, 2023)],
    },
    DemoProduct {
        riyadh: true,
        name_ar: "شمعات إشعال إيريديوم - تويوتا",
        name_en: "Iridium spark plugs - Toyota",
        description_ar: "طقم من أربع شمعات.",
        description_en: "Set of four plugs.",
        category_en: "Spark plugs",
        condition: Condition::New,
        brand: "Denso",
        oem: &["90919-01253"],
        price: 12000,
        stock: 12,
        fits: &[("Toyota", "", 2010, 2024)],
    },
    DemoProduct {
        riyadh: false,
        name_ar: "فحمات فرامل أمامية - نيسان باترول",
        name_en: "Front brake pads - Nissan Patrol",
        description_ar: "فحمات سيراميك منخفضة الغبار.",
        description_en: "Low-dust ceramic pads.",
        category_en: "Brake pads",
        condition: Condition::New,
        brand: "Nissan Genuine",
        oem: &["D1060-1LB0A"],
        price: 32000,
        stock: 8,
        fits: &[("Nissan", "Patrol", 2010, 2024)],
    },
    DemoProduct {
        riyadh: false,
        name_ar: "بطاريّة ٧٠ أمبير - لاند كروزر",
        name_en: "Battery 70Ah - Land Cruiser",
        description_ar: "بطارية جافة بضمان سنة.",
        description_en: "Maintenance-free battery with a one-year warranty.",
        category_en: "Batteries",
        condition: Condition::New,
        brand: "Varta",
        oem: &[],
        price: 42000,
        stock: 5,
        fits: &[
            ("Toyota", "Land Cruiser", 2008, 2024),
            ("Toyota", "Hilux", 2005, 2024),
        ],
    },
    DemoProduct {
        riyadh: false,
        name_ar: "فلتر زيت مستعمل - كيا سيراتو",
        name_en: "Oil filter - Kia Cerato (used)",
        description_ar: "بحالة ممتازة.",
        description_en: "In excellent condition.",
        category_en: "Oil filters",
        condition: Condition::Used,
        brand: "Kia",
        oem: &["26300-35505"],
        price: 1500,
        stock: 3,
        fits: &[("Kia", "Cerato", 2013, 2020)],
    },
];

async fn id_by_name(db: &PgPool, table: &str, name_en: &str) -> anyhow::Result<Option<Uuid>> {
    Ok(sqlx::query_scalar(&format!(
        "SELECT id FROM {table} WHERE lower(name_en) = lower($1) AND deleted_at IS NULL LIMIT 1"
    ))
    .bind(name_en)
    .fetch_optional(db)
    .await?)
}

async fn model_id(db: &PgPool, make: Uuid, name_en: &str) -> anyhow::Result<Option<Uuid>> {
    Ok(sqlx::query_scalar(
        "SELECT id FROM car_models WHERE make_id = $1 AND lower(name_en) = lower($2) AND deleted_at IS NULL LIMIT 1",
    )
    .bind(make)
    .bind(name_en)
    .fetch_optional(db)
    .await?)
}

/// Idempotent: a product is recognised by its store and English name.
pub async fn demo(db: &PgPool) -> anyhow::Result<()> {
    let Some((riyadh, jeddah)) = crate::stores::seed::demo_store_ids(db).await? else {
        return Ok(());
    };
    let owner: Uuid = sqlx::query_scalar(
        "SELECT c.owner_id FROM stores s JOIN companies c ON c.id = s.company_id WHERE s.id = $1",
    )
    .bind(riyadh)
    .fetch_one(db)
    .await?;
    for p in PRODUCTS {
        let store = if p.riyadh { riyadh } else { jeddah };
        let exists: bool = sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM products WHERE store_id = $1 AND name_en = $2 AND deleted_at IS NULL)",
        )
        .bind(store)
        .bind(p.name_en)
        .fetch_one(db)
        .await?;
        if exists {
            continue;
        }
        let mut fitment = Vec::new();
        for (make, model, from, to) in p.fits {
            let Some(make_id) = id_by_name(db, "car_makes", make).await? else {
                continue;
            };
            let model_id = if model.is_empty() {
                None
            } else {
                model_id(db, make_id, model).await?
            };
            fitment.push(FitmentInput {
                make_id,
                model_id,
                year_from: Some(*from),
                year_to: Some(*to),
            });
        }
        let oem: Vec<String> = p.oem.iter().map(|s| s.to_string()).collect();
        let fields = ProductFields {
            category_id: id_by_name(db, "categories", p.category_en).await?,
            name_ar: p.name_ar,
            name_en: p.name_en,
            description_ar: p.description_ar,
            description_en: p.description_en,
            condition: p.condition,
            brand: Some(p.brand),
            oem_numbers: &oem,
            price: p.price,
            stock: p.stock,
            sku: None,
        };
        let mut tx = db.begin().await?;
        let id = repo::insert(&mut tx, store, &fields, ProductStatus::Active, owner).await?;
        repo::replace_fitment(&mut tx, id, &fitment, owner).await?;
        let related = repo::related_names(&mut *tx, id).await?;
        repo::set_search_text(
            &mut *tx,
            id,
            &super::service::search_text(&fields, &related),
        )
        .await?;
        tx.commit().await?;
    }
    Ok(())
}

/// A small picture for a demo product: a two-tone tile in the product's own
/// colour, so that listings show real images without shipping photos.
/// The demo products' pictures: drawn per part (`demo_images/*.svg`, rendered
/// by `demo_images/render.sh`), matched by the product's English name.
fn demo_picture(name_en: &str) -> &'static [u8] {
    let name = name_en.to_lowercase();
    if name.contains("used") {
        include_bytes!("demo_images/oil-filter-used.png")
    } else if name.contains("air filter") {
        include_bytes!("demo_images/air-filter.png")
    } else if name.contains("spark") {
        include_bytes!("demo_images/spark-plugs.png")
    } else if name.contains("brake") {
        include_bytes!("demo_images/brake-pads.png")
    } else if name.contains("battery") {
        include_bytes!("demo_images/battery.png")
    } else {
        include_bytes!("demo_images/oil-filter.png")
    }
}

/// Gives each demo product without images one, uploaded through the same
/// pipeline as a supplier's upload (type check, re-encode, thumbnail).
pub async fn demo_images(state: &crate::AppState) -> anyhow::Result<()> {
    let rows: Vec<(Uuid, Uuid, String)> = sqlx::query_as(
        "SELECT p.id, c.owner_id, p.name_en FROM products p JOIN stores s ON s.id = p.store_id \
         JOIN companies c ON c.id = s.company_id \
         WHERE c.cr_number = $1 AND p.deleted_at IS NULL \
           AND NOT EXISTS (SELECT 1 FROM product_images i WHERE i.product_id = p.id AND i.deleted_at IS NULL) \
         ORDER BY p.created_at",
    )
    .bind(crate::stores::seed::DEMO_CR)
    .fetch_all(&state.db)
    .await?;
    for (product, owner, name) in rows {
        let caller = crate::auth::Caller::system(owner, crate::identity::model::Role::Supplier);
        let file = crate::media::service::store_upload(
            state,
            &caller,
            crate::media::model::Purpose::ProductImage,
            Some(&format!("{name}.png")),
            demo_picture(&name).to_vec().into(),
        )
        .await
        .map_err(|e| anyhow::anyhow!("demo image: {e}"))?;
        let mut tx = state.db.begin().await?;
        repo::replace_images(&mut tx, product, &[file.id], owner).await?;
        tx.commit().await?;
    }
    Ok(())
}
