//! Delivery rows, one per recipient and channel: a `notify.deliver` job's,
//! a broadcast's batches', what each attempt did, the admins' list.

use sqlx::{PgConnection, PgExecutor, PgPool, Postgres, QueryBuilder};
use uuid::Uuid;

use kernel::pagination::Page;

use crate::notifications::model::{Channel, Delivery, DeliveryStatus};

/// A delivery row being worked on.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DeliveryRow {
    pub id: Uuid,
    pub user_id: Uuid,
    pub channel: String,
    pub status: String,
    pub sent_devices: Vec<Uuid>,
}

/// The delivery row of a `notify.deliver` job, made on its first attempt.
pub async fn job_delivery(
    db: impl PgExecutor<'_>,
    job: Uuid,
    user: Uuid,
    event: &str,
    channel: Channel,
) -> sqlx::Result<DeliveryRow> {
    sqlx::query_as(
        "INSERT INTO notification_deliveries (id, user_id, event, channel, status, job_id) \
         VALUES ($1, $2, $3, $4, 'pending', $5) \
         ON CONFLICT (job_id) WHERE broadcast_id IS NULL DO UPDATE SET updated_at = now() \
         RETURNING id, user_id, channel, status, sent_devices",
    )
    .bind(Uuid::now_v7())
    .bind(user)
    .bind(event)
    .bind(channel.as_str())
    .bind(job)
    .fetch_one(db)
    .await
}

/// What one attempt did.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub status: DeliveryStatus,
    pub provider: Option<String>,
    pub provider_id: Option<String>,
    pub error: Option<String>,
    pub sent_devices: Vec<Uuid>,
}

pub async fn record(db: impl PgExecutor<'_>, id: Uuid, o: &Outcome) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE notification_deliveries SET status = $2, provider = coalesce($3, provider), \
           provider_id = coalesce($4, provider_id), error = $5, sent_devices = $6, \
           attempts = attempts + 1, updated_at = now() \
         WHERE id = $1",
    )
    .bind(id)
    .bind(o.status.as_str())
    .bind(o.provider.as_deref())
    .bind(o.provider_id.as_deref())
    .bind(
        o.error
            .as_deref()
            .map(|e| e.chars().take(1000).collect::<String>()),
    )
    .bind(&o.sent_devices)
    .execute(db)
    .await?;
    Ok(())
}

/// A broadcast's rows for `users` on `channel`, in `status` (once per
/// broadcast, recipient and channel).
#[allow(clippy::too_many_arguments)]
pub async fn insert_broadcast_deliveries(
    conn: &mut PgConnection,
    broadcast: Uuid,
    users: &[Uuid],
    event: &str,
    channel: Channel,
    status: DeliveryStatus,
    provider: Option<&str>,
    error: Option<&str>,
) -> sqlx::Result<()> {
    if users.is_empty() {
        return Ok(());
    }
    let ids: Vec<Uuid> = users.iter().map(|_| Uuid::now_v7()).collect();
    sqlx::query(
        "INSERT INTO notification_deliveries (id, user_id, event, channel, status, broadcast_id, \
           provider, error) \
         SELECT d.id, d.user_id, $3, $4, $5, $6, $7, $8 \
         FROM unnest($1::uuid[], $2::uuid[]) AS d(id, user_id) \
         ON CONFLICT (broadcast_id, user_id, channel) WHERE broadcast_id IS NOT NULL DO NOTHING",
    )
    .bind(&ids)
    .bind(users)
    .bind(event)
    .bind(channel.as_str())
    .bind(status.as_str())
    .bind(broadcast)
    .bind(provider)
    .bind(error)
    .execute(conn)
    .await?;
    Ok(())
}

/// The recipients of the broadcast's batch that starts after `after`: the
/// first `limit` recipients (by id) with a delivery row.
pub async fn batch_users(
    db: impl PgExecutor<'_>,
    broadcast: Uuid,
    after: Option<Uuid>,
    limit: i64,
) -> sqlx::Result<Vec<Uuid>> {
    sqlx::query_scalar(
        "SELECT DISTINCT user_id FROM notification_deliveries \
         WHERE broadcast_id = $1 AND ($2::uuid IS NULL OR user_id > $2) \
         ORDER BY user_id LIMIT $3",
    )
    .bind(broadcast)
    .bind(after)
    .bind(limit)
    .fetch_all(db)
    .await
}

/// The broadcast's rows still to send for these recipients (and the failed
/// ones too when `with_failed`: an admin's retry of a dead batch).
pub async fn pending_for(
    db: impl PgExecutor<'_>,
    broadcast: Uuid,
    users: &[Uuid],
    with_failed: bool,
) -> sqlx::Result<Vec<DeliveryRow>> {
    sqlx::query_as(
        "SELECT id, user_id, channel, status, sent_devices FROM notification_deliveries \
         WHERE broadcast_id = $1 AND user_id = ANY($2) \
           AND (status = 'pending' OR ($3 AND status = 'failed')) \
         ORDER BY user_id, channel",
    )
    .bind(broadcast)
    .bind(users)
    .bind(with_failed)
    .fetch_all(db)
    .await
}

pub async fn deliveries(
    db: &PgPool,
    broadcast: Uuid,
    status: Option<DeliveryStatus>,
    channel: Option<Channel>,
    page: Page,
) -> sqlx::Result<(Vec<Delivery>, i64)> {
    let filters = |qb: &mut QueryBuilder<'_, Postgres>| {
        qb.push(" WHERE d.broadcast_id = ").push_bind(broadcast);
        if let Some(s) = status {
            qb.push(" AND d.status = ").push_bind(s.as_str());
        }
        if let Some(c) = channel {
            qb.push(" AND d.channel = ").push_bind(c.as_str());
        }
    };
    let mut count = QueryBuilder::new("SELECT count(*) FROM notification_deliveries d");
    filters(&mut count);
    let total: i64 = count.build_query_scalar().fetch_one(db).await?;
    let mut qb = QueryBuilder::new(
        "SELECT d.id, d.user_id, u.name AS user_name, u.phone AS user_phone, d.channel, \
           d.status, d.provider, d.provider_id, d.error, d.attempts, d.updated_at \
         FROM notification_deliveries d JOIN users u ON u.id = d.user_id",
    );
    filters(&mut qb);
    qb.push(" ORDER BY d.user_id, d.channel LIMIT ")
        .push_bind(page.limit());
    qb.push(" OFFSET ").push_bind(page.offset());
    Ok((qb.build_query_as().fetch_all(db).await?, total))
}
