//! Services, store types and which services each type offers.

use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

use crate::stores::model::ServiceView;

#[derive(Debug, sqlx::FromRow)]
pub struct TypeRow {
    pub id: Uuid,
    pub slug: String,
    pub name_ar: String,
    pub name_en: String,
}

#[derive(Debug, sqlx::FromRow)]
pub struct TypeServiceRow {
    pub store_type_id: Uuid,
    pub id: Uuid,
    pub slug: String,
    pub name_ar: String,
    pub name_en: String,
}

impl TypeServiceRow {
    pub fn view(self) -> ServiceView {
        ServiceView {
            id: self.id,
            slug: self.slug,
            name_ar: self.name_ar,
            name_en: self.name_en,
        }
    }
}

pub async fn list_services(db: impl PgExecutor<'_>) -> sqlx::Result<Vec<ServiceView>> {
    sqlx::query_as(
        "SELECT id, slug, name_ar, name_en FROM services WHERE deleted_at IS NULL ORDER BY slug",
    )
    .fetch_all(db)
    .await
}

pub async fn lock_service(tx: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<ServiceView>> {
    sqlx::query_as(
        "SELECT id, slug, name_ar, name_en FROM services WHERE id = $1 AND deleted_at IS NULL FOR UPDATE",
    )
    .bind(id)
    .fetch_optional(tx)
    .await
}

pub async fn insert_service(
    tx: &mut PgConnection,
    slug: &str,
    name_ar: &str,
    name_en: &str,
    by: Uuid,
) -> sqlx::Result<ServiceView> {
    sqlx::query_as(
        "INSERT INTO services (id, slug, name_ar, name_en, created_by, updated_by) \
         VALUES ($1, $2, $3, $4, $5, $5) RETURNING id, slug, name_ar, name_en",
    )
    .bind(Uuid::now_v7())
    .bind(slug)
    .bind(name_ar)
    .bind(name_en)
    .bind(by)
    .fetch_one(tx)
    .await
}

pub async fn update_service(
    tx: &mut PgConnection,
    s: &ServiceView,
    by: Uuid,
) -> sqlx::Result<ServiceView> {
    sqlx::query_as(
        "UPDATE services SET slug = $2, name_ar = $3, name_en = $4, updated_at = now(), updated_by = $5 \
         WHERE id = $1 RETURNING id, slug, name_ar, name_en",
    )
    .bind(s.id)
    .bind(&s.slug)
    .bind(&s.name_ar)
    .bind(&s.name_en)
    .bind(by)
    .fetch_one(tx)
    .await
}

/// Soft-deletes the service and takes it off every store type.
pub async fn delete_service(tx: &mut PgConnection, id: Uuid, by: Uuid) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM store_type_services WHERE service_id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "UPDATE services SET deleted_at = now(), updated_at = now(), updated_by = $2 WHERE id = $1",
    )
    .bind(id)
    .bind(by)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

/// Of `ids`, the live services.
pub async fn live_services(db: impl PgExecutor<'_>, ids: &[Uuid]) -> sqlx::Result<Vec<Uuid>> {
    sqlx::query_scalar("SELECT id FROM services WHERE id = ANY($1) AND deleted_at IS NULL")
        .bind(ids)
        .fetch_all(db)
        .await
}

pub async fn list_types(db: impl PgExecutor<'_>) -> sqlx::Result<Vec<TypeRow>> {
    sqlx::query_as(
        "SELECT id, slug, name_ar, name_en FROM store_types WHERE deleted_at IS NULL ORDER BY slug",
    )
    .fetch_all(db)
    .await
}

pub async fn type_services(
    db: impl PgExecutor<'_>,
    types: &[Uuid],
) -> sqlx::Result<Vec<TypeServiceRow>> {
    sqlx::query_as(
        "SELECT l.store_type_id, s.id, s.slug, s.name_ar, s.name_en \
         FROM store_type_services l JOIN services s ON s.id = l.service_id AND s.deleted_at IS NULL \
         WHERE l.store_type_id = ANY($1) ORDER BY s.slug",
    )
    .bind(types)
    .fetch_all(db)
    .await
}

pub async fn lock_store_type(tx: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<TypeRow>> {
    sqlx::query_as(
        "SELECT id, slug, name_ar, name_en FROM store_types WHERE id = $1 AND deleted_at IS NULL FOR UPDATE",
    )
    .bind(id)
    .fetch_optional(tx)
    .await
}

/// The live store type, share-locked until the transaction ends.
pub async fn share_store_type(tx: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<TypeRow>> {
    sqlx::query_as(
        "SELECT id, slug, name_ar, name_en FROM store_types WHERE id = $1 AND deleted_at IS NULL FOR SHARE",
    )
    .bind(id)
    .fetch_optional(tx)
    .await
}

pub async fn insert_store_type(
    tx: &mut PgConnection,
    slug: &str,
    name_ar: &str,
    name_en: &str,
    by: Uuid,
) -> sqlx::Result<TypeRow> {
    sqlx::query_as(
        "INSERT INTO store_types (id, slug, name_ar, name_en, created_by, updated_by) \
         VALUES ($1, $2, $3, $4, $5, $5) RETURNING id, slug, name_ar, name_en",
    )
    .bind(Uuid::now_v7())
    .bind(slug)
    .bind(name_ar)
    .bind(name_en)
    .bind(by)
    .fetch_one(tx)
    .await
}

pub async fn update_store_type(
    tx: &mut PgConnection,
    t: &TypeRow,
    by: Uuid,
) -> sqlx::Result<TypeRow> {
    sqlx::query_as(
        "UPDATE store_types SET slug = $2, name_ar = $3, name_en = $4, updated_at = now(), updated_by = $5 \
         WHERE id = $1 RETURNING id, slug, name_ar, name_en",
    )
    .bind(t.id)
    .bind(&t.slug)
    .bind(&t.name_ar)
    .bind(&t.name_en)
    .bind(by)
    .fetch_one(tx)
    .await
}

pub async fn set_type_services(
    tx: &mut PgConnection,
    store_type: Uuid,
    services: &[Uuid],
    by: Uuid,
) -> sqlx::Result<()> {
    sqlx::query(
        "DELETE FROM store_type_services WHERE store_type_id = $1 AND service_id <> ALL($2)",
    )
    .bind(store_type)
    .bind(services)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO store_type_services (store_type_id, service_id, created_by) \
         SELECT $1, s, $3 FROM unnest($2::uuid[]) AS s ON CONFLICT DO NOTHING",
    )
    .bind(store_type)
    .bind(services)
    .bind(by)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

pub async fn stores_of_type(db: impl PgExecutor<'_>, store_type: Uuid) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "SELECT count(*) FROM stores WHERE store_type_id = $1 AND deleted_at IS NULL",
    )
    .bind(store_type)
    .fetch_one(db)
    .await
}

pub async fn delete_store_type(tx: &mut PgConnection, id: Uuid, by: Uuid) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE store_types SET deleted_at = now(), updated_at = now(), updated_by = $2 WHERE id = $1",
    )
    .bind(id)
    .bind(by)
    .execute(tx)
    .await?;
    Ok(())
}
