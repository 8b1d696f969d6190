use sqlx::{PgExecutor, PgPool, Postgres, QueryBuilder};
use uuid::Uuid;

use super::model::UserQuery;
use crate::identity::model::{USER_COLUMNS, UserRow};
use kernel::pagination::Page;

pub async fn has_permission(db: impl PgExecutor<'_>, user: Uuid, slug: &str) -> sqlx::Result<bool> {
    sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM admin_permissions p JOIN users u ON u.id = p.user_id \
         WHERE p.user_id = $1 AND p.permission = $2 AND u.role = 'ADMIN')",
    )
    .bind(user)
    .bind(slug)
    .fetch_one(db)
    .await
}

pub async fn permissions_of(db: impl PgExecutor<'_>, user: Uuid) -> sqlx::Result<Vec<String>> {
    sqlx::query_scalar(
        "SELECT permission FROM admin_permissions WHERE user_id = $1 ORDER BY permission",
    )
    .bind(user)
    .fetch_all(db)
    .await
}

pub async fn set_permissions(
    tx: &mut sqlx::PgConnection,
    user: Uuid,
    slugs: &[&str],
    granted_by: Uuid,
) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM admin_permissions WHERE user_id = $1 AND permission <> ALL($2)")
        .bind(user)
        .bind(slugs)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO admin_permissions (user_id, permission, created_by) \
         SELECT $1, p, $3 FROM unnest($2::text[]) AS p ON CONFLICT DO NOTHING",
    )
    .bind(user)
    .bind(slugs)
    .bind(granted_by)
    .execute(&mut *tx)
    .await?;
    Ok(())
}

fn user_filters<'a>(qb: &mut QueryBuilder<'a, Postgres>, q: &'a UserQuery) {
    qb.push(" WHERE deleted_at IS NULL");
    if let Some(text) = q.q.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        let like = format!(
            "%{}%",
            text.replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_")
        );
        qb.push(" AND (name ILIKE ")
            .push_bind(like.clone())
            .push(" OR phone LIKE ")
            .push_bind(like.clone())
            .push(" OR email ILIKE ")
            .push_bind(like)
            .push(")");
    }
    if let Some(r) = q.role {
        qb.push(" AND role = ").push_bind(r.as_str());
    }
    if let Some(s) = q.status {
        qb.push(" AND status = ").push_bind(s.as_str());
    }
}

pub async fn list_users(
    db: &PgPool,
    q: &UserQuery,
    page: Page,
    order_by: &str,
) -> sqlx::Result<(Vec<UserRow>, i64)> {
    let mut count = QueryBuilder::new("SELECT count(*) FROM users");
    user_filters(&mut count, q);
    let total: i64 = count.build_query_scalar().fetch_one(db).await?;
    let mut qb = QueryBuilder::new(format!("SELECT {USER_COLUMNS} FROM users"));
    user_filters(&mut qb, q);
    qb.push(" ORDER BY ").push(order_by);
    qb.push(" LIMIT ").push_bind(page.limit());
    qb.push(" OFFSET ").push_bind(page.offset());
    Ok((qb.build_query_as().fetch_all(db).await?, total))
}

pub async fn lock_user(tx: &mut sqlx::PgConnection, id: Uuid) -> sqlx::Result<Option<UserRow>> {
    sqlx::query_as(&format!(
        "SELECT {USER_COLUMNS} FROM users WHERE id = $1 AND deleted_at IS NULL FOR UPDATE"
    ))
    .bind(id)
    .fetch_optional(tx)
    .await
}

pub async fn set_status(
    db: impl PgExecutor<'_>,
    id: Uuid,
    status: &str,
    reason: Option<&str>,
    by: Uuid,
) -> sqlx::Result<UserRow> {
    sqlx::query_as(&format!(
        "UPDATE users SET status = $2, status_reason = $3, updated_at = now(), updated_by = $4 \
         WHERE id = $1 RETURNING {USER_COLUMNS}"
    ))
    .bind(id)
    .bind(status)
    .bind(reason)
    .bind(by)
    .fetch_one(db)
    .await
}

pub async fn set_role_and_name(
    db: impl PgExecutor<'_>,
    id: Uuid,
    role: &str,
    name: Option<&str>,
    by: Uuid,
) -> sqlx::Result<UserRow> {
    sqlx::query_as(&format!(
        "UPDATE users SET role = $2, name = COALESCE($3, name), status = 'active', \
           updated_at = now(), updated_by = $4 WHERE id = $1 RETURNING {USER_COLUMNS}"
    ))
    .bind(id)
    .bind(role)
    .bind(name)
    .bind(by)
    .fetch_one(db)
    .await
}

pub async fn list_admins(db: &PgPool) -> sqlx::Result<Vec<UserRow>> {
    sqlx::query_as(&format!(
        "SELECT {USER_COLUMNS} FROM users WHERE role IN ('ADMIN', 'SUPER_ADMIN') AND deleted_at IS NULL \
         ORDER BY role DESC, created_at"
    ))
    .fetch_all(db)
    .await
}

pub async fn deletion_queue(db: &PgPool, page: Page) -> sqlx::Result<(Vec<UserRow>, i64)> {
    let total: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM users WHERE deletion_requested_at IS NOT NULL AND deleted_at IS NULL",
    )
    .fetch_one(db)
    .await?;
    let rows = sqlx::query_as(&format!(
        "SELECT {USER_COLUMNS} FROM users WHERE deletion_requested_at IS NOT NULL AND deleted_at IS NULL \
         ORDER BY deletion_requested_at, id LIMIT $1 OFFSET $2"
    ))
    .bind(page.limit())
    .bind(page.offset())
    .fetch_all(db)
    .await?;
    Ok((rows, total))
}

/// Keeps the row (other records point at it) but erases what identifies the person.
pub async fn anonymise(tx: &mut sqlx::PgConnection, id: Uuid, by: Uuid) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE users SET phone = 'deleted:' || id::text, name = NULL, email = NULL, \
           status = 'deleted', status_reason = NULL, deleted_at = now(), updated_at = now(), updated_by = $2 \
         WHERE id = $1",
    )
    .bind(id)
    .bind(by)
    .execute(&mut *tx)
    .await?;
    sqlx::query("DELETE FROM admin_permissions WHERE user_id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    Ok(())
}
