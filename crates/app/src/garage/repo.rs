//! SQL of saved cars (and the taxonomy reads that check them).

use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

use super::model::CarRow;

const CAR_ROW: &str = "c.id, c.user_id, c.make_id, mk.name_ar AS make_ar, mk.name_en AS make_en, \
    c.model_id, md.name_ar AS model_ar, md.name_en AS model_en, c.year, c.vin, c.nickname, \
    c.is_default, c.created_at \
    FROM customer_cars c JOIN car_makes mk ON mk.id = c.make_id JOIN car_models md ON md.id = c.model_id";

pub async fn list(db: impl PgExecutor<'_>, user: Uuid) -> sqlx::Result<Vec<CarRow>> {
    sqlx::query_as(&format!(
        "SELECT {CAR_ROW} WHERE c.user_id = $1 AND c.deleted_at IS NULL \
         ORDER BY c.is_default DESC, c.created_at DESC, c.id"
    ))
    .bind(user)
    .fetch_all(db)
    .await
}

pub async fn get(db: impl PgExecutor<'_>, user: Uuid, id: Uuid) -> sqlx::Result<Option<CarRow>> {
    sqlx::query_as(&format!(
        "SELECT {CAR_ROW} WHERE c.id = $1 AND c.user_id = $2 AND c.deleted_at IS NULL"
    ))
    .bind(id)
    .bind(user)
    .fetch_optional(db)
    .await
}

/// Serialises one user's garage edits (count limit, default flag).
pub async fn lock_user(conn: &mut PgConnection, user: Uuid) -> sqlx::Result<()> {
    sqlx::query("SELECT 1 FROM users WHERE id = $1 FOR UPDATE")
        .bind(user)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn count(conn: &mut PgConnection, user: Uuid) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "SELECT count(*) FROM customer_cars WHERE user_id = $1 AND deleted_at IS NULL",
    )
    .bind(user)
    .fetch_one(conn)
    .await
}

/// The catalog's make named like a VIN's maker.
pub async fn make_named(db: impl PgExecutor<'_>, maker: &str) -> sqlx::Result<Option<Uuid>> {
    sqlx::query_scalar(
        "SELECT id FROM car_makes WHERE lower(name_en) = lower($1) AND deleted_at IS NULL \
         ORDER BY sort_order, id LIMIT 1",
    )
    .bind(maker)
    .fetch_optional(db)
    .await
}

pub struct NewCarRow<'a> {
    pub id: Uuid,
    pub user: Uuid,
    pub make: Uuid,
    pub model: Uuid,
    pub year: i32,
    pub vin: Option<&'a str>,
    pub nickname: Option<&'a str>,
    pub is_default: bool,
}

pub async fn insert(conn: &mut PgConnection, c: &NewCarRow<'_>) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO customer_cars (id, user_id, make_id, model_id, year, vin, nickname, is_default, \
           created_by, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $2, $2)",
    )
    .bind(c.id)
    .bind(c.user)
    .bind(c.make)
    .bind(c.model)
    .bind(c.year)
    .bind(c.vin)
    .bind(c.nickname)
    .bind(c.is_default)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn update(
    conn: &mut PgConnection,
    id: Uuid,
    user: Uuid,
    year: i32,
    vin: Option<&str>,
    nickname: Option<&str>,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE customer_cars SET year = $3, vin = $4, nickname = $5, updated_at = now(), updated_by = $2 \
         WHERE id = $1 AND user_id = $2 AND deleted_at IS NULL",
    )
    .bind(id)
    .bind(user)
    .bind(year)
    .bind(vin)
    .bind(nickname)
    .execute(conn)
    .await?;
    Ok(())
}

/// Makes `id` the default and every other car of the user not.
pub async fn set_default(conn: &mut PgConnection, user: Uuid, id: Uuid) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE customer_cars SET is_default = false, updated_at = now(), updated_by = $1 \
         WHERE user_id = $1 AND is_default AND deleted_at IS NULL AND id <> $2",
    )
    .bind(user)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "UPDATE customer_cars SET is_default = true, updated_at = now(), updated_by = $1 \
         WHERE id = $2 AND user_id = $1 AND NOT is_default AND deleted_at IS NULL",
    )
    .bind(user)
    .bind(id)
    .execute(conn)
    .await?;
    Ok(())
}

/// Soft-deletes the car; true when it was the default.
pub async fn delete(conn: &mut PgConnection, user: Uuid, id: Uuid) -> sqlx::Result<Option<bool>> {
    sqlx::query_scalar(
        "UPDATE customer_cars c SET deleted_at = now(), is_default = false, updated_at = now(), updated_by = $1 \
         FROM (SELECT id, is_default FROM customer_cars WHERE id = $2 AND user_id = $1 AND deleted_at IS NULL) old \
         WHERE c.id = old.id RETURNING old.is_default",
    )
    .bind(user)
    .bind(id)
    .fetch_optional(conn)
    .await
}

/// The newest remaining car, to become the default after a delete.
pub async fn newest(conn: &mut PgConnection, user: Uuid) -> sqlx::Result<Option<Uuid>> {
    sqlx::query_scalar(
        "SELECT id FROM customer_cars WHERE user_id = $1 AND deleted_at IS NULL \
         ORDER BY created_at DESC, id DESC LIMIT 1",
    )
    .bind(user)
    .fetch_optional(conn)
    .await
}
