//! SQL of products, their variants, images and fitment.

use sqlx::types::Json;
use sqlx::{PgConnection, PgExecutor};
use time::OffsetDateTime;
use uuid::Uuid;

use super::model::{
    CURRENCY, Condition, Fitment, FitmentInput, ImageRef, NamedRef, Product, ProductCard,
    ProductFields, ProductStatus, ProductSummary, StoreRef, Variant, VariantInput,
};

pub async fn insert(
    tx: &mut PgConnection,
    store_id: Uuid,
    f: &ProductFields<'_>,
    status: ProductStatus,
    by: Uuid,
) -> sqlx::Result<Uuid> {
    let id = Uuid::now_v7();
    let compact: Vec<String> = f
        .oem_numbers
        .iter()
        .map(|n| kernel::text::compact_code(n))
        .collect();
    sqlx::query(
        "INSERT INTO products (id, store_id, category_id, name_ar, name_en, description_ar, description_en, \
           condition, brand, oem_numbers, oem_compact, price, stock, sku, status, submitted_at, created_by, updated_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, \
           CASE WHEN $15 = 'pending_approval' THEN now() END, $16, $16)",
    )
    .bind(id)
    .bind(store_id)
    .bind(f.category_id)
    .bind(f.name_ar)
    .bind(f.name_en)
    .bind(f.description_ar)
    .bind(f.description_en)
    .bind(f.condition.as_str())
    .bind(f.brand)
    .bind(f.oem_numbers)
    .bind(&compact)
    .bind(f.price)
    .bind(f.stock)
    .bind(f.sku)
    .bind(status.as_str())
    .bind(by)
    .execute(tx)
    .await?;
    Ok(id)
}

pub async fn update(
    tx: &mut PgConnection,
    id: Uuid,
    f: &ProductFields<'_>,
    by: Uuid,
) -> sqlx::Result<()> {
    let compact: Vec<String> = f
        .oem_numbers
        .iter()
        .map(|n| kernel::text::compact_code(n))
        .collect();
    sqlx::query(
        "UPDATE products SET category_id = $2, name_ar = $3, name_en = $4, description_ar = $5, description_en = $6, \
           condition = $7, brand = $8, oem_numbers = $9, oem_compact = $10, price = $11, stock = $12, sku = $13, \
           updated_at = now(), updated_by = $14 WHERE id = $1",
    )
    .bind(id)
    .bind(f.category_id)
    .bind(f.name_ar)
    .bind(f.name_en)
    .bind(f.description_ar)
    .bind(f.description_en)
    .bind(f.condition.as_str())
    .bind(f.brand)
    .bind(f.oem_numbers)
    .bind(&compact)
    .bind(f.price)
    .bind(f.stock)
    .bind(f.sku)
    .bind(by)
    .execute(tx)
    .await
    .map(|_| ())
}

pub async fn set_status(
    db: impl PgExecutor<'_>,
    id: Uuid,
    status: ProductStatus,
    reason: Option<&str>,
    by: Uuid,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE products SET status = $2, rejection_reason = $3, updated_at = now(), updated_by = $4, \
           submitted_at = CASE WHEN $2 = 'pending_approval' THEN now() ELSE submitted_at END, \
           reviewed_by = CASE WHEN $2 IN ('active', 'rejected') THEN $4 ELSE reviewed_by END, \
           reviewed_at = CASE WHEN $2 IN ('active', 'rejected') THEN now() ELSE reviewed_at END \
         WHERE id = $1",
    )
    .bind(id)
    .bind(status.as_str())
    .bind(reason)
    .bind(by)
    .execute(db)
    .await
    .map(|_| ())
}

pub async fn soft_delete(db: impl PgExecutor<'_>, id: Uuid, by: Uuid) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE products SET deleted_at = now(), updated_at = now(), updated_by = $2 WHERE id = $1",
    )
    .bind(id)
    .bind(by)
    .execute(db)
    .await
    .map(|_| ())
}

pub async fn replace_variants(
    tx: &mut PgConnection,
    product: Uuid,
    variants: &[VariantInput],
    by: Uuid,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE product_variants SET deleted_at = now(), updated_by = $2 WHERE product_id = $1 AND deleted_at IS NULL",
    )
    .bind(product)
    .bind(by)
    .execute(&mut *tx)
    .await?;
    for (i, v) in variants.iter().enumerate() {
        sqlx::query(
            "INSERT INTO product_variants (id, product_id, name_ar, name_en, sku, price, stock, sort_order, created_by, updated_by) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)",
        )
        .bind(Uuid::now_v7())
        .bind(product)
        .bind(v.name_ar.trim())
        .bind(v.name_en.trim())
        .bind(v.sku.as_deref())
        .bind(v.price)
        .bind(v.stock)
        .bind(i as i32)
        .bind(by)
        .execute(&mut *tx)
        .await?;
    }
    Ok(())
}

pub async fn replace_fitment(
    tx: &mut PgConnection,
    product: Uuid,
    fitment: &[FitmentInput],
    by: Uuid,
) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM product_fitments WHERE product_id = $1")
        .bind(product)
        .execute(&mut *tx)
        .await?;
    for f in fitment {
        sqlx::query(
            "INSERT INTO product_fitments (id, product_id, make_id, model_id, year_from, year_to, created_by) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(Uuid::now_v7())
        .bind(product)
        .bind(f.make_id)
        .bind(f.model_id)
        .bind(f.year_from)
        .bind(f.year_to)
        .bind(by)
        .execute(&mut *tx)
        .await?;
    }
    let keys = super::model::fitment_keys(fitment, OffsetDateTime::now_utc().year());
    sqlx::query("UPDATE products SET fitment_keys = $2 WHERE id = $1")
        .bind(product)
        .bind(&keys)
        .execute(&mut *tx)
        .await?;
    Ok(())
}

pub async fn replace_images(
    tx: &mut PgConnection,
    product: Uuid,
    media: &[Uuid],
    by: Uuid,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE product_images SET deleted_at = now(), updated_by = $2 WHERE product_id = $1 AND deleted_at IS NULL",
    )
    .bind(product)
    .bind(by)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO product_images (id, product_id, media_id, sort_order, created_by, updated_by) \
         SELECT gen_random_uuid(), $1, m, (o - 1)::int, $3, $3 FROM unnest($2::uuid[]) WITH ORDINALITY AS t(m, o)",
    )
    .bind(product)
    .bind(media)
    .bind(by)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// Makes, models and categories named by a write, to check they exist and
/// belong together. Returns the ids that do not.
pub async fn missing_references(
    db: impl PgExecutor<'_>,
    category: Option<Uuid>,
    fitment: &[FitmentInput],
) -> sqlx::Result<(bool, Vec<usize>)> {
    let makes: Vec<Uuid> = fitment.iter().map(|f| f.make_id).collect();
    let models: Vec<Option<Uuid>> = fitment.iter().map(|f| f.model_id).collect();
    let (category_ok, bad): (bool, Vec<i32>) = sqlx::query_as(
        "SELECT ($1::uuid IS NULL OR EXISTS (SELECT 1 FROM categories WHERE id = $1 AND deleted_at IS NULL)), \
           COALESCE((SELECT array_agg((o - 1)::int) FROM unnest($2::uuid[], $3::uuid[]) WITH ORDINALITY AS t(make, model, o) \
             WHERE NOT EXISTS (SELECT 1 FROM car_makes mk WHERE mk.id = t.make AND mk.deleted_at IS NULL) \
                OR (t.model IS NOT NULL AND NOT EXISTS (SELECT 1 FROM car_models md \
                     WHERE md.id = t.model AND md.make_id = t.make AND md.deleted_at IS NULL))), '{}')",
    )
    .bind(category)
    .bind(&makes)
    .bind(&models)
    .fetch_one(db)
    .await?;
    Ok((category_ok, bad.into_iter().map(|i| i as usize).collect()))
}

/// How many of `media` are product images the user uploaded.
pub async fn owned_images(
    db: impl PgExecutor<'_>,
    media: &[Uuid],
    owner: Uuid,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "SELECT count(DISTINCT id) FROM media_files WHERE id = ANY($1) AND owner_id = $2 \
         AND purpose = 'PRODUCT_IMAGE' AND deleted_at IS NULL",
    )
    .bind(media)
    .bind(owner)
    .fetch_one(db)
    .await
}

/// The words a product is found by, beyond its own columns: category and
/// fitment names in both languages.
pub async fn related_names(db: impl PgExecutor<'_>, product: Uuid) -> sqlx::Result<String> {
    sqlx::query_scalar(
        "SELECT concat_ws(' ', \
           (SELECT concat_ws(' ', c.name_ar, c.name_en, pc.name_ar, pc.name_en) FROM products p \
              JOIN categories c ON c.id = p.category_id LEFT JOIN categories pc ON pc.id = c.parent_id WHERE p.id = $1), \
           (SELECT string_agg(concat_ws(' ', mk.name_ar, mk.name_en, md.name_ar, md.name_en), ' ') \
              FROM product_fitments f JOIN car_makes mk ON mk.id = f.make_id \
              LEFT JOIN car_models md ON md.id = f.model_id WHERE f.product_id = $1))",
    )
    .bind(product)
    .fetch_one(db)
    .await
}

pub async fn set_search_text(
    db: impl PgExecutor<'_>,
    product: Uuid,
    text: &str,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE products SET search_text = $2 WHERE id = $1")
        .bind(product)
        .bind(text)
        .execute(db)
        .await
        .map(|_| ())
}

#[derive(Debug, sqlx::FromRow)]
pub struct ProductRow {
    pub id: Uuid,
    pub category_id: Option<Uuid>,
    pub name_ar: String,
    pub name_en: String,
    pub description_ar: String,
    pub description_en: String,
    pub condition: String,
    pub brand: Option<String>,
    pub oem_numbers: Vec<String>,
    pub price: i64,
    pub stock: i32,
    pub sku: Option<String>,
    pub status: String,
}

/// Locks a live product for a write; `store_id` limits it to one store
/// (partner routes), `None` finds it anywhere (admin review).
pub async fn lock(
    tx: &mut PgConnection,
    store_id: Option<Uuid>,
    id: Uuid,
) -> sqlx::Result<Option<ProductRow>> {
    sqlx::query_as(
        "SELECT id, category_id, name_ar, name_en, description_ar, description_en, condition, brand, \
           oem_numbers, price, stock, sku, status FROM products \
         WHERE id = $1 AND ($2::uuid IS NULL OR store_id = $2) AND deleted_at IS NULL FOR UPDATE",
    )
    .bind(id)
    .bind(store_id)
    .fetch_optional(tx)
    .await
}

#[derive(sqlx::FromRow)]
struct DetailRow {
    id: Uuid,
    store_id: Uuid,
    name_ar: String,
    name_en: String,
    description_ar: String,
    description_en: String,
    condition: String,
    brand: Option<String>,
    oem_numbers: Vec<String>,
    price: i64,
    stock: i32,
    sku: Option<String>,
    status: String,
    rejection_reason: Option<String>,
    rating_sum: i64,
    rating_count: i32,
    created_at: OffsetDateTime,
    updated_at: OffsetDateTime,
    category: Option<Json<NamedRefJson>>,
    store: Json<StoreJson>,
    variants: Json<Vec<VariantJson>>,
    images: Json<Vec<(Uuid, Uuid)>>,
    fitment: Json<Vec<FitmentJson>>,
}

#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct NamedRefJson {
    id: Uuid,
    name_ar: String,
    name_en: String,
}

#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct StoreJson {
    id: Uuid,
    name_ar: String,
    name_en: String,
    city: String,
    rating_sum: i64,
    rating_count: i32,
}

#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct VariantJson {
    id: Uuid,
    name_ar: String,
    name_en: String,
    sku: Option<String>,
    price: i64,
    stock: i32,
}

#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct FitmentJson {
    make: NamedRefJson,
    model: Option<NamedRefJson>,
    year_from: Option<i32>,
    year_to: Option<i32>,
}

impl From<NamedRefJson> for NamedRef {
    fn from(n: NamedRefJson) -> Self {
        NamedRef {
            id: n.id,
            name_ar: n.name_ar,
            name_en: n.name_en,
        }
    }
}

pub fn average(sum: i64, count: i32) -> Option<f64> {
    (count > 0).then(|| (sum as f64 / f64::from(count) * 100.0).round() / 100.0)
}

pub fn image_ref(id: Uuid, media_id: Uuid) -> ImageRef {
    ImageRef {
        id,
        media_id,
        url: format!("/api/v1/media/{media_id}"),
        thumb_url: format!("/api/v1/media/{media_id}/thumb"),
    }
}

/// One product with everything, in one round trip. `public` limits it to
/// what customers may see.
pub async fn detail(
    db: impl PgExecutor<'_>,
    id: Uuid,
    store_id: Option<Uuid>,
    public: bool,
) -> sqlx::Result<Option<Product>> {
    let row: Option<DetailRow> = sqlx::query_as(
        "SELECT p.id, p.store_id, p.name_ar, p.name_en, p.description_ar, p.description_en, p.condition, p.brand, \
           p.oem_numbers, p.price, p.stock, p.sku, p.status, p.rejection_reason, p.rating_sum, p.rating_count, \
           p.created_at, p.updated_at, \
           CASE WHEN c.id IS NOT NULL THEN json_build_object('id', c.id, 'nameAr', c.name_ar, 'nameEn', c.name_en) END AS category, \
           json_build_object('id', s.id, 'nameAr', s.name_ar, 'nameEn', s.name_en, 'city', s.city, \
             'ratingSum', s.rating_sum, 'ratingCount', s.rating_count) AS store, \
           COALESCE((SELECT json_agg(json_build_object('id', v.id, 'nameAr', v.name_ar, 'nameEn', v.name_en, \
               'sku', v.sku, 'price', v.price, 'stock', v.stock) ORDER BY v.sort_order) \
             FROM product_variants v WHERE v.product_id = p.id AND v.deleted_at IS NULL), '[]') AS variants, \
           COALESCE((SELECT json_agg(json_build_array(i.id, i.media_id) ORDER BY i.sort_order) \
             FROM product_images i WHERE i.product_id = p.id AND i.deleted_at IS NULL), '[]') AS images, \
           COALESCE((SELECT json_agg(json_build_object( \
               'make', json_build_object('id', mk.id, 'nameAr', mk.name_ar, 'nameEn', mk.name_en), \
               'model', CASE WHEN md.id IS NOT NULL THEN json_build_object('id', md.id, 'nameAr', md.name_ar, 'nameEn', md.name_en) END, \
               'yearFrom', f.year_from, 'yearTo', f.year_to) ORDER BY mk.name_en, md.name_en) \
             FROM product_fitments f JOIN car_makes mk ON mk.id = f.make_id \
             LEFT JOIN car_models md ON md.id = f.model_id WHERE f.product_id = p.id), '[]') AS fitment \
         FROM products p JOIN stores s ON s.id = p.store_id JOIN companies co ON co.id = s.company_id \
         LEFT JOIN categories c ON c.id = p.category_id \
         WHERE p.id = $1 AND p.deleted_at IS NULL AND ($2::uuid IS NULL OR p.store_id = $2) \
           AND (NOT $3 OR (p.status = 'active' AND s.status = 'active' AND s.deleted_at IS NULL \
                AND co.status = 'approved' AND co.deleted_at IS NULL))",
    )
    .bind(id)
    .bind(store_id)
    .bind(public)
    .fetch_optional(db)
    .await?;
    Ok(row.map(|r| {
        let store = r.store.0;
        Product {
            id: r.id,
            store_id: r.store_id,
            name_ar: r.name_ar,
            name_en: r.name_en,
            description_ar: r.description_ar,
            description_en: r.description_en,
            category: r.category.map(|c| c.0.into()),
            condition: Condition::from_db(&r.condition),
            brand: r.brand,
            oem_numbers: r.oem_numbers,
            price: r.price,
            currency: CURRENCY,
            stock: r.stock,
            sku: r.sku,
            status: ProductStatus::from_db(&r.status),
            rejection_reason: r.rejection_reason,
            variants: r
                .variants
                .0
                .into_iter()
                .map(|v| Variant {
                    id: v.id,
                    name_ar: v.name_ar,
                    name_en: v.name_en,
                    sku: v.sku,
                    price: v.price,
                    stock: v.stock,
                })
                .collect(),
            images: r
                .images
                .0
                .into_iter()
                .map(|(id, m)| image_ref(id, m))
                .collect(),
            fitment: r
                .fitment
                .0
                .into_iter()
                .map(|f| Fitment {
                    make: f.make.into(),
                    model: f.model.map(Into::into),
                    year_from: f.year_from,
                    year_to: f.year_to,
                })
                .collect(),
            store: StoreRef {
                id: store.id,
                name_ar: store.name_ar,
                name_en: store.name_en,
                city: store.city,
                rating: average(store.rating_sum, store.rating_count),
                rating_count: store.rating_count,
            },
            rating: average(r.rating_sum, r.rating_count),
            rating_count: r.rating_count,
            promotion: None,
            created_at: r.created_at,
            updated_at: r.updated_at,
        }
    }))
}

#[derive(sqlx::FromRow)]
struct CardRow {
    id: Uuid,
    name_ar: String,
    name_en: String,
    price: i64,
    condition: String,
    brand: Option<String>,
    stock: i32,
    rating_sum: i64,
    rating_count: i32,
    image_id: Option<Uuid>,
    media_id: Option<Uuid>,
    store_id: Uuid,
    store_name_ar: String,
    store_name_en: String,
    store_city: String,
    store_rating_sum: i64,
    store_rating_count: i32,
}

/// Cards for result ids, in the order given.
pub async fn cards(
    db: impl PgExecutor<'_>,
    ids: &[(Uuid, Option<f64>)],
) -> sqlx::Result<Vec<ProductCard>> {
    let only_ids: Vec<Uuid> = ids.iter().map(|(id, _)| *id).collect();
    let rows: Vec<CardRow> = sqlx::query_as(
        "SELECT p.id, p.name_ar, p.name_en, p.price, p.condition, p.brand, p.stock, p.rating_sum, p.rating_count, \
           img.id AS image_id, img.media_id, s.id AS store_id, s.name_ar AS store_name_ar, s.name_en AS store_name_en, \
           s.city AS store_city, s.rating_sum AS store_rating_sum, s.rating_count AS store_rating_count \
         FROM products p JOIN stores s ON s.id = p.store_id \
         LEFT JOIN LATERAL (SELECT i.id, i.media_id FROM product_images i \
           WHERE i.product_id = p.id AND i.deleted_at IS NULL ORDER BY i.sort_order LIMIT 1) img ON true \
         WHERE p.id = ANY($1)",
    )
    .bind(&only_ids)
    .fetch_all(db)
    .await?;
    let mut by_id: std::collections::HashMap<Uuid, CardRow> =
        rows.into_iter().map(|r| (r.id, r)).collect();
    Ok(ids
        .iter()
        .filter_map(|(id, distance)| {
            let r = by_id.remove(id)?;
            Some(ProductCard {
                id: r.id,
                name_ar: r.name_ar,
                name_en: r.name_en,
                price: r.price,
                currency: CURRENCY,
                condition: Condition::from_db(&r.condition),
                brand: r.brand,
                in_stock: r.stock > 0,
                image: r.image_id.zip(r.media_id).map(|(i, m)| image_ref(i, m)),
                store: StoreRef {
                    id: r.store_id,
                    name_ar: r.store_name_ar,
                    name_en: r.store_name_en,
                    city: r.store_city,
                    rating: average(r.store_rating_sum, r.store_rating_count),
                    rating_count: r.store_rating_count,
                },
                rating: average(r.rating_sum, r.rating_count),
                distance_km: distance.map(|d| (d * 10.0).round() / 10.0),
            })
        })
        .collect())
}

/// A store's own products for the partner dashboard (any status).
pub async fn store_page(
    db: impl PgExecutor<'_>,
    store_id: Uuid,
    status: Option<ProductStatus>,
    limit: i64,
    offset: i64,
) -> sqlx::Result<(i64, Vec<Uuid>)> {
    let (total, ids): (i64, Option<Vec<Uuid>>) = sqlx::query_as(
        "WITH m AS (SELECT id, created_at FROM products WHERE store_id = $1 AND deleted_at IS NULL \
           AND ($2::text IS NULL OR status = $2)) \
         SELECT (SELECT count(*) FROM m), (SELECT array_agg(id ORDER BY created_at DESC, id) FROM \
           (SELECT id, created_at FROM m ORDER BY created_at DESC, id LIMIT $3 OFFSET $4) x)",
    )
    .bind(store_id)
    .bind(status.map(ProductStatus::as_str))
    .bind(limit)
    .bind(offset)
    .fetch_one(db)
    .await?;
    Ok((total, ids.unwrap_or_default()))
}

/// The admin review queue: products waiting, oldest first.
pub async fn review_queue(
    db: impl PgExecutor<'_>,
    status: ProductStatus,
    limit: i64,
    offset: i64,
) -> sqlx::Result<(i64, Vec<Uuid>)> {
    let (total, ids): (i64, Option<Vec<Uuid>>) = sqlx::query_as(
        "WITH m AS (SELECT id, COALESCE(submitted_at, created_at) AS at FROM products \
           WHERE status = $1 AND deleted_at IS NULL) \
         SELECT (SELECT count(*) FROM m), (SELECT array_agg(id ORDER BY at, id) FROM \
           (SELECT id, at FROM m ORDER BY at, id LIMIT $2 OFFSET $3) x)",
    )
    .bind(status.as_str())
    .bind(limit)
    .bind(offset)
    .fetch_one(db)
    .await?;
    Ok((total, ids.unwrap_or_default()))
}

#[derive(sqlx::FromRow)]
struct SummaryRow {
    id: Uuid,
    store_id: Uuid,
    store_name_ar: String,
    store_name_en: String,
    name_ar: String,
    name_en: String,
    price: i64,
    stock: i32,
    condition: String,
    status: String,
    rejection_reason: Option<String>,
    image_id: Option<Uuid>,
    media_id: Option<Uuid>,
    submitted_at: Option<OffsetDateTime>,
    updated_at: OffsetDateTime,
}

/// List rows for ids, in the order given, in one query.
pub async fn summaries(db: impl PgExecutor<'_>, ids: &[Uuid]) -> sqlx::Result<Vec<ProductSummary>> {
    let rows: Vec<SummaryRow> = sqlx::query_as(
        "SELECT p.id, s.id AS store_id, s.name_ar AS store_name_ar, s.name_en AS store_name_en, p.name_ar, p.name_en, \
           p.price, p.stock, p.condition, p.status, p.rejection_reason, img.id AS image_id, img.media_id, \
           p.submitted_at, p.updated_at \
         FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, o) JOIN products p ON p.id = t.id \
         JOIN stores s ON s.id = p.store_id \
         LEFT JOIN LATERAL (SELECT i.id, i.media_id FROM product_images i \
           WHERE i.product_id = p.id AND i.deleted_at IS NULL ORDER BY i.sort_order LIMIT 1) img ON true \
         ORDER BY t.o",
    )
    .bind(ids)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| ProductSummary {
            id: r.id,
            store: NamedRef {
                id: r.store_id,
                name_ar: r.store_name_ar,
                name_en: r.store_name_en,
            },
            name_ar: r.name_ar,
            name_en: r.name_en,
            price: r.price,
            currency: CURRENCY,
            stock: r.stock,
            condition: Condition::from_db(&r.condition),
            status: ProductStatus::from_db(&r.status),
            rejection_reason: r.rejection_reason,
            image: r.image_id.zip(r.media_id).map(|(i, m)| image_ref(i, m)),
            submitted_at: r.submitted_at,
            updated_at: r.updated_at,
        })
        .collect())
}

/// A make by id or slug.
pub async fn resolve_make(db: impl PgExecutor<'_>, key: &str) -> sqlx::Result<Option<Uuid>> {
    sqlx::query_scalar("SELECT id FROM car_makes WHERE (id::text = $1 OR slug = $1) AND deleted_at IS NULL LIMIT 1")
        .bind(key)
        .fetch_optional(db)
        .await
}

/// A model by id or slug (within the make, when one is given).
pub async fn resolve_model(
    db: impl PgExecutor<'_>,
    key: &str,
    make: Option<Uuid>,
) -> sqlx::Result<Option<(Uuid, Uuid)>> {
    sqlx::query_as(
        "SELECT id, make_id FROM car_models WHERE (id::text = $1 OR slug = $1) \
         AND ($2::uuid IS NULL OR make_id = $2) AND deleted_at IS NULL LIMIT 1",
    )
    .bind(key)
    .bind(make)
    .fetch_optional(db)
    .await
}

/// A category (by id or slug) and all its descendants.
pub async fn category_subtree(db: impl PgExecutor<'_>, key: &str) -> sqlx::Result<Vec<Uuid>> {
    sqlx::query_scalar(
        "WITH RECURSIVE tree AS ( \
           SELECT id FROM categories WHERE (id::text = $1 OR slug = $1) AND deleted_at IS NULL \
           UNION SELECT c.id FROM categories c JOIN tree t ON c.parent_id = t.id WHERE c.deleted_at IS NULL) \
         SELECT id FROM tree",
    )
    .bind(key)
    .fetch_all(db)
    .await
}

/// Whether the product's fitment covers the car, by the keys search uses: a
/// fitment of the model, or of the whole make, in that year.
pub async fn fits(
    db: impl PgExecutor<'_>,
    id: Uuid,
    make: Uuid,
    model: Uuid,
    year: i32,
) -> sqlx::Result<bool> {
    sqlx::query_scalar("SELECT fitment_keys && $2::text[] FROM products WHERE id = $1")
        .bind(id)
        .bind(vec![
            format!("md:{model}:{year}"),
            format!("mw:{make}:{year}"),
        ])
        .fetch_one(db)
        .await
}
