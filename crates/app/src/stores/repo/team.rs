//! Store employees.

use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

use crate::stores::model::EmployeeRow;

const EMPLOYEE_SELECT: &str = "SELECT e.id, e.store_id, e.user_id, u.phone, u.name, e.permissions, \
    e.created_at, e.updated_at FROM store_employees e JOIN users u ON u.id = e.user_id";

pub async fn employees(db: impl PgExecutor<'_>, store: Uuid) -> sqlx::Result<Vec<EmployeeRow>> {
    sqlx::query_as(&format!(
        "{EMPLOYEE_SELECT} WHERE e.store_id = $1 AND e.deleted_at IS NULL ORDER BY e.created_at, e.id"
    ))
    .bind(store)
    .fetch_all(db)
    .await
}

/// The employee `id` of `store` (of no other store), locked.
pub async fn lock_employee(
    tx: &mut PgConnection,
    store: Uuid,
    id: Uuid,
) -> sqlx::Result<Option<EmployeeRow>> {
    sqlx::query_as(&format!(
        "{EMPLOYEE_SELECT} WHERE e.id = $1 AND e.store_id = $2 AND e.deleted_at IS NULL FOR UPDATE OF e"
    ))
    .bind(id)
    .bind(store)
    .fetch_optional(tx)
    .await
}

pub async fn employee(tx: &mut PgConnection, id: Uuid) -> sqlx::Result<EmployeeRow> {
    sqlx::query_as(&format!("{EMPLOYEE_SELECT} WHERE e.id = $1"))
        .bind(id)
        .fetch_one(tx)
        .await
}

pub async fn insert_employee(
    tx: &mut PgConnection,
    store: Uuid,
    user: Uuid,
    permissions: &[String],
    by: Uuid,
) -> sqlx::Result<Uuid> {
    sqlx::query_scalar(
        "INSERT INTO store_employees (id, store_id, user_id, permissions, created_by, updated_by) \
         VALUES ($1, $2, $3, $4, $5, $5) RETURNING id",
    )
    .bind(Uuid::now_v7())
    .bind(store)
    .bind(user)
    .bind(permissions)
    .bind(by)
    .fetch_one(tx)
    .await
}

pub async fn set_employee_permissions(
    tx: &mut PgConnection,
    id: Uuid,
    permissions: &[String],
    by: Uuid,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE store_employees SET permissions = $2, updated_at = now(), updated_by = $3 WHERE id = $1",
    )
    .bind(id)
    .bind(permissions)
    .bind(by)
    .execute(tx)
    .await?;
    Ok(())
}

pub async fn delete_employee(tx: &mut PgConnection, id: Uuid, by: Uuid) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE store_employees SET deleted_at = now(), updated_at = now(), updated_by = $2 WHERE id = $1",
    )
    .bind(id)
    .bind(by)
    .execute(tx)
    .await?;
    Ok(())
}

/// Live stores of which `user` is the owner or an employee holding one of
/// `slugs`.
pub async fn stores_held(
    db: impl PgExecutor<'_>,
    user: Uuid,
    slugs: &[&str],
) -> sqlx::Result<Vec<Uuid>> {
    sqlx::query_scalar(
        "SELECT s.id FROM stores s JOIN companies c ON c.id = s.company_id \
         LEFT JOIN store_employees e ON e.store_id = s.id AND e.user_id = $1 AND e.deleted_at IS NULL \
         WHERE s.deleted_at IS NULL AND (c.owner_id = $1 OR e.permissions && $2::text[]) \
         ORDER BY s.id",
    )
    .bind(user)
    .bind(slugs)
    .fetch_all(db)
    .await
}

/// The owner of `store` and its employees holding one of `slugs`.
pub async fn members_holding(
    db: impl PgExecutor<'_>,
    store: Uuid,
    slugs: &[&str],
) -> sqlx::Result<Vec<Uuid>> {
    sqlx::query_scalar(
        "SELECT c.owner_id FROM stores s JOIN companies c ON c.id = s.company_id WHERE s.id = $1 \
         UNION SELECT e.user_id FROM store_employees e \
         WHERE e.store_id = $1 AND e.deleted_at IS NULL AND e.permissions && $2::text[]",
    )
    .bind(store)
    .bind(slugs)
    .fetch_all(db)
    .await
}
