//! Stores: the partner, admin and public reads, the nearest-first search.

use sqlx::{PgConnection, PgExecutor, PgPool, Postgres, QueryBuilder};
use uuid::Uuid;

use kernel::pagination::Page;

use super::like;
use crate::stores::model::{AdminStoreQuery, Around, StoreRow};

const STORE_COLUMNS: &str = "s.id, s.company_id, s.store_type_id, t.slug AS type_slug, \
    t.name_ar AS type_name_ar, t.name_en AS type_name_en, s.name_ar, s.name_en, s.phone, s.city, \
    s.city_id, s.address, s.lat, s.lng, s.working_hours, s.status, s.status_reason, s.commission_bp, \
    s.rating_sum, s.rating_count, s.created_at, s.updated_at";
const STORE_FROM: &str = " FROM stores s JOIN store_types t ON t.id = s.store_type_id";
/// Stores customers may see: active, of an approved company.
const PUBLIC_JOIN: &str = " JOIN companies c ON c.id = s.company_id AND c.status = 'approved' \
    AND c.deleted_at IS NULL";

pub struct StoreFields<'a> {
    pub store_type_id: Uuid,
    pub name_ar: &'a str,
    pub name_en: &'a str,
    pub phone: Option<&'a str>,
    pub city: &'a str,
    /// `None` lets the table's trigger match the text to a city.
    pub city_id: Option<Uuid>,
    pub address: &'a str,
    pub lat: f64,
    pub lng: f64,
    pub working_hours: &'a serde_json::Value,
}

pub async fn store(db: impl PgExecutor<'_>, id: Uuid) -> sqlx::Result<Option<StoreRow>> {
    sqlx::query_as(&format!(
        "SELECT {STORE_COLUMNS}{STORE_FROM} WHERE s.id = $1 AND s.deleted_at IS NULL"
    ))
    .bind(id)
    .fetch_optional(db)
    .await
}

pub async fn lock_store(tx: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<StoreRow>> {
    sqlx::query_as(&format!(
        "SELECT {STORE_COLUMNS}{STORE_FROM} WHERE s.id = $1 AND s.deleted_at IS NULL FOR UPDATE OF s"
    ))
    .bind(id)
    .fetch_optional(tx)
    .await
}

pub async fn public_store(db: impl PgExecutor<'_>, id: Uuid) -> sqlx::Result<Option<StoreRow>> {
    sqlx::query_as(&format!(
        "SELECT {STORE_COLUMNS}{STORE_FROM}{PUBLIC_JOIN} WHERE s.id = $1 AND s.status = 'active' AND s.deleted_at IS NULL"
    ))
    .bind(id)
    .fetch_optional(db)
    .await
}

pub async fn insert_store(
    tx: &mut PgConnection,
    company: Uuid,
    f: &StoreFields<'_>,
    commission_bp: i32,
    by: Uuid,
) -> sqlx::Result<Uuid> {
    sqlx::query_scalar(
        "INSERT INTO stores (id, company_id, store_type_id, name_ar, name_en, phone, city, address, \
           lat, lng, working_hours, created_by, updated_by, commission_bp, city_id) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12, $13, $14) RETURNING id",
    )
    .bind(Uuid::now_v7())
    .bind(company)
    .bind(f.store_type_id)
    .bind(f.name_ar)
    .bind(f.name_en)
    .bind(f.phone)
    .bind(f.city)
    .bind(f.address)
    .bind(f.lat)
    .bind(f.lng)
    .bind(f.working_hours)
    .bind(by)
    .bind(commission_bp)
    .bind(f.city_id)
    .fetch_one(tx)
    .await
}

pub async fn update_store(
    tx: &mut PgConnection,
    id: Uuid,
    f: &StoreFields<'_>,
    by: Uuid,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE stores SET store_type_id = $2, name_ar = $3, name_en = $4, phone = $5, city = $6, \
           address = $7, lat = $8, lng = $9, working_hours = $10, updated_at = now(), updated_by = $11, \
           city_id = $12 \
         WHERE id = $1",
    )
    .bind(id)
    .bind(f.store_type_id)
    .bind(f.name_ar)
    .bind(f.name_en)
    .bind(f.phone)
    .bind(f.city)
    .bind(f.address)
    .bind(f.lat)
    .bind(f.lng)
    .bind(f.working_hours)
    .bind(by)
    .bind(f.city_id)
    .execute(tx)
    .await?;
    Ok(())
}

pub async fn delete_store(tx: &mut PgConnection, id: Uuid, by: Uuid) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE stores SET deleted_at = now(), updated_at = now(), updated_by = $2 WHERE id = $1",
    )
    .bind(id)
    .bind(by)
    .execute(tx)
    .await?;
    Ok(())
}

pub async fn set_store_status(
    tx: &mut PgConnection,
    id: Uuid,
    status: &str,
    reason: Option<&str>,
    by: Uuid,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE stores SET status = $2, status_reason = $3, updated_at = now(), updated_by = $4 \
         WHERE id = $1",
    )
    .bind(id)
    .bind(status)
    .bind(reason)
    .bind(by)
    .execute(tx)
    .await?;
    Ok(())
}

pub async fn set_commission(
    tx: &mut PgConnection,
    id: Uuid,
    commission_bp: i32,
    by: Uuid,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE stores SET commission_bp = $2, updated_at = now(), updated_by = $3 WHERE id = $1",
    )
    .bind(id)
    .bind(commission_bp)
    .bind(by)
    .execute(tx)
    .await?;
    Ok(())
}

#[derive(Debug, sqlx::FromRow)]
pub struct PartnerStoreRow {
    #[sqlx(flatten)]
    pub store: StoreRow,
    pub is_owner: bool,
    pub employee_permissions: Option<Vec<String>>,
}

/// The stores `user` owns (through their company) or works at.
pub async fn partner_stores(db: &PgPool, user: Uuid) -> sqlx::Result<Vec<PartnerStoreRow>> {
    sqlx::query_as(&format!(
        "SELECT {STORE_COLUMNS}, (c.owner_id = $1) AS is_owner, e.permissions AS employee_permissions \
         {STORE_FROM} \
         JOIN companies c ON c.id = s.company_id AND c.deleted_at IS NULL \
         LEFT JOIN store_employees e ON e.store_id = s.id AND e.user_id = $1 AND e.deleted_at IS NULL \
         WHERE s.deleted_at IS NULL AND (c.owner_id = $1 OR e.id IS NOT NULL) \
         ORDER BY s.created_at, s.id"
    ))
    .bind(user)
    .fetch_all(db)
    .await
}

#[derive(Debug, sqlx::FromRow)]
pub struct NearbyRow {
    #[sqlx(flatten)]
    pub store: StoreRow,
    pub distance_m: f64,
}

fn nearest_filters<'a>(
    qb: &mut QueryBuilder<'a, Postgres>,
    lat: f64,
    lng: f64,
    radius_m: f64,
    type_slug: Option<&'a str>,
) {
    // `status = 'active' AND deleted_at IS NULL` and `ll_to_earth(s.lat, s.lng)`
    // are the partial predicate and the expression of the `stores_earth` GiST
    // index, which answers the `earth_box` containment.
    qb.push(PUBLIC_JOIN);
    qb.push(" WHERE s.status = 'active' AND s.deleted_at IS NULL AND earth_box(ll_to_earth(")
        .push_bind(lat)
        .push("::float8, ")
        .push_bind(lng)
        .push("::float8), ")
        .push_bind(radius_m)
        .push("::float8) @> ll_to_earth(s.lat, s.lng) AND earth_distance(ll_to_earth(")
        .push_bind(lat)
        .push("::float8, ")
        .push_bind(lng)
        .push("::float8), ll_to_earth(s.lat, s.lng)) <= ")
        .push_bind(radius_m)
        .push("::float8");
    if let Some(slug) = type_slug {
        qb.push(" AND t.slug = ").push_bind(slug);
    }
}

fn nearest_query<'a>(prefix: &str, at: Around<'a>, page: Page) -> QueryBuilder<'a, Postgres> {
    // $1 and $2 in the select list are the first two binds, pushed by the filters.
    let mut qb = QueryBuilder::new(format!(
        "{prefix}SELECT {STORE_COLUMNS}, \
           earth_distance(ll_to_earth($1::float8, $2::float8), ll_to_earth(s.lat, s.lng)) AS distance_m\
           {STORE_FROM}"
    ));
    nearest_filters(&mut qb, at.lat, at.lng, at.radius_m, at.type_slug);
    // `<->` on the earth cube is a K-nearest-neighbour scan of the GiST
    // index: stores come out nearest first and the scan stops at the page.
    qb.push(" ORDER BY ll_to_earth(s.lat, s.lng) <-> ll_to_earth(")
        .push_bind(at.lat)
        .push("::float8, ")
        .push_bind(at.lng)
        .push("::float8) LIMIT ")
        .push_bind(page.limit())
        .push(" OFFSET ")
        .push_bind(page.offset());
    qb
}

/// The most stores a nearest-first search counts.
pub const NEAREST_COUNT_CAP: i64 = 1000;

/// Active stores within the radius of the point, nearest first.
pub async fn nearest(
    db: &PgPool,
    at: Around<'_>,
    page: Page,
) -> sqlx::Result<(Vec<NearbyRow>, i64)> {
    // Counting every store of a wide radius would cost more than the page;
    // the count stops at `NEAREST_COUNT_CAP`.
    let mut count = QueryBuilder::new(format!("SELECT count(*) FROM (SELECT 1{STORE_FROM}"));
    nearest_filters(&mut count, at.lat, at.lng, at.radius_m, at.type_slug);
    count
        .push(" LIMIT ")
        .push_bind(NEAREST_COUNT_CAP)
        .push(") x");
    let total: i64 = count.build_query_scalar().fetch_one(db).await?;
    let rows = nearest_query("", at, page)
        .build_query_as()
        .fetch_all(db)
        .await?;
    Ok((rows, total))
}

/// The plan PostgreSQL picks for [`nearest`], one line per row (for
/// operators and the test that keeps the `stores_earth` index in use).
pub async fn explain_nearest(db: &PgPool, at: Around<'_>, page: Page) -> sqlx::Result<String> {
    let lines: Vec<String> = nearest_query("EXPLAIN ", at, page)
        .build_query_scalar()
        .fetch_all(db)
        .await?;
    Ok(lines.join("\n"))
}

fn admin_store_filters<'a>(qb: &mut QueryBuilder<'a, Postgres>, q: &'a AdminStoreQuery) {
    qb.push(" WHERE s.deleted_at IS NULL");
    if let Some(s) = q.status {
        qb.push(" AND s.status = ").push_bind(s.as_str());
    }
    if let Some(c) = q.company_id {
        qb.push(" AND s.company_id = ").push_bind(c);
    }
    if let Some(text) = q.q.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        let l = like(text);
        qb.push(" AND (s.name_ar ILIKE ")
            .push_bind(l.clone())
            .push(" OR s.name_en ILIKE ")
            .push_bind(l)
            .push(")");
    }
}

pub async fn admin_stores(
    db: &PgPool,
    q: &AdminStoreQuery,
    page: Page,
    order_by: &str,
) -> sqlx::Result<(Vec<StoreRow>, i64)> {
    let mut count = QueryBuilder::new("SELECT count(*) FROM stores s");
    admin_store_filters(&mut count, q);
    let total: i64 = count.build_query_scalar().fetch_one(db).await?;
    let mut qb = QueryBuilder::new(format!("SELECT {STORE_COLUMNS}{STORE_FROM}"));
    admin_store_filters(&mut qb, q);
    qb.push(" ORDER BY ").push(order_by);
    qb.push(" LIMIT ").push_bind(page.limit());
    qb.push(" OFFSET ").push_bind(page.offset());
    Ok((qb.build_query_as().fetch_all(db).await?, total))
}
