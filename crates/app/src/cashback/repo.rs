use sqlx::PgExecutor;
use uuid::Uuid;

use super::model::{CashbackRule, NewCashbackRule};

const COLUMNS: &str = "id, name, percent_bp, max_amount, min_order, starts_at, ends_at, active";

pub async fn list(db: impl PgExecutor<'_>) -> sqlx::Result<Vec<CashbackRule>> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM cashback_rules WHERE deleted_at IS NULL ORDER BY created_at DESC"
    ))
    .fetch_all(db)
    .await
}

pub async fn insert(
    db: impl PgExecutor<'_>,
    r: &NewCashbackRule,
    actor: Uuid,
) -> sqlx::Result<CashbackRule> {
    sqlx::query_as(&format!(
        "INSERT INTO cashback_rules (id, name, percent_bp, max_amount, min_order, starts_at, ends_at, created_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING {COLUMNS}"
    ))
    .bind(Uuid::now_v7())
    .bind(r.name.trim())
    .bind(r.percent_bp)
    .bind(r.max_amount)
    .bind(r.min_order)
    .bind(r.starts_at)
    .bind(r.ends_at)
    .bind(actor)
    .fetch_one(db)
    .await
}

pub async fn delete(
    db: impl PgExecutor<'_>,
    id: Uuid,
    actor: Uuid,
) -> sqlx::Result<Option<CashbackRule>> {
    sqlx::query_as(&format!(
        "UPDATE cashback_rules SET deleted_at = now(), active = false, updated_at = now(), updated_by = $2 \
         WHERE id = $1 AND deleted_at IS NULL RETURNING {COLUMNS}"
    ))
    .bind(id)
    .bind(actor)
    .fetch_optional(db)
    .await
}
