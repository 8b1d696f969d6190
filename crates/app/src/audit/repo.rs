use sqlx::{PgExecutor, Postgres, QueryBuilder};

use super::model::{AuditEntry, AuditQuery};
use kernel::pagination::Page;

pub struct NewEntry<'a> {
    pub actor_id: Option<uuid::Uuid>,
    pub actor_role: Option<&'a str>,
    pub action: &'a str,
    pub entity_type: &'a str,
    pub entity_id: Option<String>,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
    pub request_id: Option<&'a str>,
    pub ip: Option<&'a str>,
}

pub async fn insert(db: impl PgExecutor<'_>, e: NewEntry<'_>) -> sqlx::Result<uuid::Uuid> {
    let id = uuid::Uuid::now_v7();
    sqlx::query(
        "INSERT INTO audit_logs (id, actor_id, actor_role, action, entity_type, entity_id, before, after, request_id, ip) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(id)
    .bind(e.actor_id)
    .bind(e.actor_role)
    .bind(e.action)
    .bind(e.entity_type)
    .bind(e.entity_id)
    .bind(e.before)
    .bind(e.after)
    .bind(e.request_id)
    .bind(e.ip)
    .execute(db)
    .await
    .map(|_| id)
}

fn filters<'a>(qb: &mut QueryBuilder<'a, Postgres>, q: &'a AuditQuery) {
    qb.push(" WHERE TRUE");
    if let Some(a) = q.actor_id {
        qb.push(" AND actor_id = ").push_bind(a);
    }
    if let Some(t) = &q.entity_type {
        qb.push(" AND entity_type = ").push_bind(t);
    }
    if let Some(i) = &q.entity_id {
        qb.push(" AND entity_id = ").push_bind(i);
    }
    if let Some(a) = &q.action {
        qb.push(" AND action = ").push_bind(a);
    }
}

pub async fn list(
    db: &sqlx::PgPool,
    q: &AuditQuery,
    page: Page,
    order_by: &str,
) -> sqlx::Result<(Vec<AuditEntry>, i64)> {
    let mut count = QueryBuilder::new("SELECT count(*) FROM audit_logs");
    filters(&mut count, q);
    let total: i64 = count.build_query_scalar().fetch_one(db).await?;
    let mut qb = QueryBuilder::new(
        "SELECT id, actor_id, actor_role, action, entity_type, entity_id, before, after, request_id, ip, created_at FROM audit_logs",
    );
    filters(&mut qb, q);
    qb.push(" ORDER BY ").push(order_by);
    qb.push(" LIMIT ").push_bind(page.limit());
    qb.push(" OFFSET ").push_bind(page.offset());
    let rows = qb.build_query_as().fetch_all(db).await?;
    Ok((rows, total))
}
