//! SQL of devices, templates, preferences, the inbox, deliveries and
//! broadcasts. Users and their addresses are read directly (identity and
//! customer own them).

use sqlx::{PgConnection, PgExecutor, PgPool, Postgres, QueryBuilder};
use uuid::Uuid;

use kernel::pagination::Page;

use super::model::{
    BroadcastRow, Category, Channel, Delivery, DeliveryStatus, DeviceRow, NewBroadcast, NewDevice,
    NotificationRow, Segment, TemplateInput, TemplateRow,
};

// ---------------------------------------------------------------- recipients

/// What sending to a user needs.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Recipient {
    pub id: Uuid,
    pub phone: String,
    pub email: Option<String>,
    pub name: Option<String>,
    pub locale: String,
    /// Not deleted or anonymised.
    pub live: bool,
}

pub async fn recipient(db: impl PgExecutor<'_>, user: Uuid) -> sqlx::Result<Option<Recipient>> {
    sqlx::query_as(
        "SELECT id, phone, email, name, locale, \
           (deleted_at IS NULL AND status <> 'deleted' AND phone NOT LIKE 'deleted:%') AS live \
         FROM users WHERE id = $1",
    )
    .bind(user)
    .fetch_optional(db)
    .await
}

pub async fn recipients(db: impl PgExecutor<'_>, users: &[Uuid]) -> sqlx::Result<Vec<Recipient>> {
    sqlx::query_as(
        "SELECT id, phone, email, name, locale, \
           (deleted_at IS NULL AND status <> 'deleted' AND phone NOT LIKE 'deleted:%') AS live \
         FROM users WHERE id = ANY($1)",
    )
    .bind(users)
    .fetch_all(db)
    .await
}

// ---------------------------------------------------------------- devices

const DEVICE_COLUMNS: &str = "id, user_id, platform, token, app, locale, created_at, updated_at";

/// Registers the token for `user`; a token known for anyone (the same
/// device signed in again, maybe as someone else) is taken over.
pub async fn upsert_device(
    conn: &mut PgConnection,
    user: Uuid,
    d: &NewDevice,
    locale: &str,
) -> sqlx::Result<DeviceRow> {
    sqlx::query_as(&format!(
        "INSERT INTO devices (id, user_id, platform, token, app, locale) \
         VALUES ($1, $2, $3, $4, $5, $6) \
         ON CONFLICT (token) DO UPDATE SET user_id = EXCLUDED.user_id, \
           platform = EXCLUDED.platform, app = EXCLUDED.app, locale = EXCLUDED.locale, \
           updated_at = now() \
         RETURNING {DEVICE_COLUMNS}"
    ))
    .bind(Uuid::now_v7())
    .bind(user)
    .bind(d.platform.as_str())
    .bind(&d.token)
    .bind(d.app.as_str())
    .bind(locale)
    .fetch_one(conn)
    .await
}

/// Removes the user's device with this token; false when they have none.
pub async fn delete_device(db: impl PgExecutor<'_>, user: Uuid, token: &str) -> sqlx::Result<bool> {
    Ok(
        sqlx::query("DELETE FROM devices WHERE user_id = $1 AND token = $2")
            .bind(user)
            .bind(token)
            .execute(db)
            .await?
            .rows_affected()
            > 0,
    )
}

/// Prunes a token the provider called invalid.
pub async fn prune_device(db: impl PgExecutor<'_>, id: Uuid) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM devices WHERE id = $1")
        .bind(id)
        .execute(db)
        .await?;
    Ok(())
}

pub async fn devices_of(db: impl PgExecutor<'_>, user: Uuid) -> sqlx::Result<Vec<DeviceRow>> {
    sqlx::query_as(&format!(
        "SELECT {DEVICE_COLUMNS} FROM devices WHERE user_id = $1 ORDER BY created_at, id"
    ))
    .bind(user)
    .fetch_all(db)
    .await
}

// ---------------------------------------------------------------- templates

const TEMPLATE_COLUMNS: &str = "event, channel, locale, title, body, html, enabled, updated_at";

pub async fn templates(
    db: &PgPool,
    event: Option<&str>,
    channel: Option<Channel>,
    locale: Option<&str>,
) -> sqlx::Result<Vec<TemplateRow>> {
    sqlx::query_as(&format!(
        "SELECT {TEMPLATE_COLUMNS} FROM notification_templates \
         WHERE ($1::text IS NULL OR event = $1) AND ($2::text IS NULL OR channel = $2) \
           AND ($3::text IS NULL OR locale = $3) \
         ORDER BY event, array_position(ARRAY['push', 'sms', 'email', 'in_app'], channel), locale"
    ))
    .bind(event)
    .bind(channel.map(Channel::as_str))
    .bind(locale)
    .fetch_all(db)
    .await
}

pub async fn lock_template(
    tx: &mut PgConnection,
    event: &str,
    channel: Channel,
    locale: &str,
) -> sqlx::Result<Option<TemplateRow>> {
    sqlx::query_as(&format!(
        "SELECT {TEMPLATE_COLUMNS} FROM notification_templates \
         WHERE event = $1 AND channel = $2 AND locale = $3 FOR UPDATE"
    ))
    .bind(event)
    .bind(channel.as_str())
    .bind(locale)
    .fetch_optional(tx)
    .await
}

pub async fn upsert_template(
    tx: &mut PgConnection,
    event: &str,
    channel: Channel,
    locale: &str,
    t: &TemplateInput,
    actor: Uuid,
) -> sqlx::Result<TemplateRow> {
    sqlx::query_as(&format!(
        "INSERT INTO notification_templates (event, channel, locale, title, body, html, enabled, \
           updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
         ON CONFLICT (event, channel, locale) DO UPDATE SET title = EXCLUDED.title, \
           body = EXCLUDED.body, html = EXCLUDED.html, enabled = EXCLUDED.enabled, \
           updated_by = EXCLUDED.updated_by, updated_at = now() \
         RETURNING {TEMPLATE_COLUMNS}"
    ))
    .bind(event)
    .bind(channel.as_str())
    .bind(locale)
    .bind(t.title.trim())
    .bind(t.body.trim())
    .bind(t.html.as_deref().map(str::trim).filter(|h| !h.is_empty()))
    .bind(t.enabled.unwrap_or(true))
    .bind(actor)
    .fetch_one(tx)
    .await
}

/// The enabled template of an event and channel, in `locale` or else the other language.
pub async fn template_for(
    db: impl PgExecutor<'_>,
    event: &str,
    channel: Channel,
    locale: &str,
) -> sqlx::Result<Option<TemplateRow>> {
    sqlx::query_as(&format!(
        "SELECT {TEMPLATE_COLUMNS} FROM notification_templates \
         WHERE event = $1 AND channel = $2 AND enabled \
         ORDER BY (locale = $3) DESC, locale LIMIT 1"
    ))
    .bind(event)
    .bind(channel.as_str())
    .bind(locale)
    .fetch_optional(db)
    .await
}

/// The channels an event has an enabled template for.
pub async fn event_channels(db: impl PgExecutor<'_>, event: &str) -> sqlx::Result<Vec<Channel>> {
    let rows: Vec<String> = sqlx::query_scalar(
        "SELECT DISTINCT channel FROM notification_templates WHERE event = $1 AND enabled",
    )
    .bind(event)
    .fetch_all(db)
    .await?;
    Ok(rows.iter().filter_map(|c| Channel::parse(c)).collect())
}

// ---------------------------------------------------------------- preferences

/// The user's explicit choices: (category, channel, enabled).
pub async fn preferences(
    db: impl PgExecutor<'_>,
    user: Uuid,
) -> sqlx::Result<Vec<(String, String, bool)>> {
    sqlx::query_as(
        "SELECT category, channel, enabled FROM notification_preferences WHERE user_id = $1",
    )
    .bind(user)
    .fetch_all(db)
    .await
}

pub async fn set_preference(
    tx: &mut PgConnection,
    user: Uuid,
    category: Category,
    channel: Channel,
    enabled: bool,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO notification_preferences (user_id, category, channel, enabled) \
         VALUES ($1, $2, $3, $4) \
         ON CONFLICT (user_id, category, channel) DO UPDATE SET enabled = EXCLUDED.enabled, \
           updated_at = now()",
    )
    .bind(user)
    .bind(category.as_str())
    .bind(channel.as_str())
    .bind(enabled)
    .execute(tx)
    .await?;
    Ok(())
}

/// Of `users`, those opted in to `channel` for `category` (`default_on`
/// for users without a choice).
pub async fn opted_in(
    db: impl PgExecutor<'_>,
    users: &[Uuid],
    category: Category,
    channel: Channel,
) -> sqlx::Result<Vec<Uuid>> {
    sqlx::query_scalar(
        "SELECT u.id FROM unnest($1::uuid[]) AS u(id) \
         LEFT JOIN notification_preferences p \
           ON p.user_id = u.id AND p.category = $2 AND p.channel = $3 \
         WHERE coalesce(p.enabled, $4)",
    )
    .bind(users)
    .bind(category.as_str())
    .bind(channel.as_str())
    .bind(category.default_on(channel))
    .fetch_all(db)
    .await
}

// ---------------------------------------------------------------- inbox

const NOTIFICATION_COLUMNS: &str = "id, event, category, title, body, data, read_at, created_at";

/// One inbox row per user of `users` (for a broadcast at most once per user).
#[allow(clippy::too_many_arguments)]
pub async fn insert_notifications(
    conn: &mut PgConnection,
    users: &[Uuid],
    event: &str,
    category: Category,
    title: &serde_json::Value,
    body: &serde_json::Value,
    data: &serde_json::Value,
    broadcast: Option<Uuid>,
) -> sqlx::Result<Vec<Uuid>> {
    let ids: Vec<Uuid> = users.iter().map(|_| Uuid::now_v7()).collect();
    sqlx::query_scalar(
        "INSERT INTO notifications (id, user_id, event, category, title, body, data, broadcast_id) \
         SELECT n.id, n.user_id, $3, $4, $5, $6, $7, $8 \
         FROM unnest($1::uuid[], $2::uuid[]) AS n(id, user_id) \
         ON CONFLICT (broadcast_id, user_id) WHERE broadcast_id IS NOT NULL DO NOTHING \
         RETURNING user_id",
    )
    .bind(&ids)
    .bind(users)
    .bind(event)
    .bind(category.as_str())
    .bind(title)
    .bind(body)
    .bind(data)
    .bind(broadcast)
    .fetch_all(conn)
    .await
}

pub async fn inbox(
    db: &PgPool,
    user: Uuid,
    unread_only: bool,
    page: Page,
) -> sqlx::Result<(Vec<NotificationRow>, i64)> {
    let total: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM notifications WHERE user_id = $1 AND (NOT $2 OR read_at IS NULL)",
    )
    .bind(user)
    .bind(unread_only)
    .fetch_one(db)
    .await?;
    let rows = sqlx::query_as(&format!(
        "SELECT {NOTIFICATION_COLUMNS} FROM notifications \
         WHERE user_id = $1 AND (NOT $2 OR read_at IS NULL) \
         ORDER BY created_at DESC, id DESC LIMIT $3 OFFSET $4"
    ))
    .bind(user)
    .bind(unread_only)
    .bind(page.limit())
    .bind(page.offset())
    .fetch_all(db)
    .await?;
    Ok((rows, total))
}

pub async fn unread_count(db: impl PgExecutor<'_>, user: Uuid) -> sqlx::Result<i64> {
    sqlx::query_scalar("SELECT count(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL")
        .bind(user)
        .fetch_one(db)
        .await
}

/// Marks the user's notification read (once: the first time stays).
pub async fn mark_read(
    db: impl PgExecutor<'_>,
    user: Uuid,
    id: Uuid,
) -> sqlx::Result<Option<NotificationRow>> {
    sqlx::query_as(&format!(
        "UPDATE notifications SET read_at = coalesce(read_at, now()) \
         WHERE id = $1 AND user_id = $2 RETURNING {NOTIFICATION_COLUMNS}"
    ))
    .bind(id)
    .bind(user)
    .fetch_optional(db)
    .await
}

pub async fn mark_all_read(db: impl PgExecutor<'_>, user: Uuid) -> sqlx::Result<u64> {
    Ok(sqlx::query(
        "UPDATE notifications SET read_at = now() WHERE user_id = $1 AND read_at IS NULL",
    )
    .bind(user)
    .execute(db)
    .await?
    .rows_affected())
}

// ---------------------------------------------------------------- deliveries

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

// ---------------------------------------------------------------- broadcasts

const BROADCAST_COLUMNS: &str = "id, title, body, segment, channels, cursor_id, batches, \
    planned_at, created_at, created_by";

pub async fn insert_broadcast(
    tx: &mut PgConnection,
    id: Uuid,
    b: &NewBroadcast,
    actor: Uuid,
) -> sqlx::Result<BroadcastRow> {
    let channels: Vec<&str> = b.channels.iter().map(|c| c.as_str()).collect();
    sqlx::query_as(&format!(
        "INSERT INTO broadcasts (id, title, body, segment, channels, created_by) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING {BROADCAST_COLUMNS}"
    ))
    .bind(id)
    .bind(serde_json::to_value(&b.title).unwrap_or_default())
    .bind(serde_json::to_value(&b.body).unwrap_or_default())
    .bind(serde_json::to_value(&b.segment).unwrap_or_default())
    .bind(&channels)
    .bind(actor)
    .fetch_one(tx)
    .await
}

pub async fn get_broadcast(
    db: impl PgExecutor<'_>,
    id: Uuid,
) -> sqlx::Result<Option<BroadcastRow>> {
    sqlx::query_as(&format!(
        "SELECT {BROADCAST_COLUMNS} FROM broadcasts WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(db)
    .await
}

pub async fn lock_broadcast(tx: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<BroadcastRow>> {
    sqlx::query_as(&format!(
        "SELECT {BROADCAST_COLUMNS} FROM broadcasts WHERE id = $1 FOR UPDATE"
    ))
    .bind(id)
    .fetch_optional(tx)
    .await
}

/// The next page of the segment's active users after `after`, by id.
pub async fn segment_page(
    db: impl PgExecutor<'_>,
    s: &Segment,
    after: Option<Uuid>,
    limit: i64,
) -> sqlx::Result<Vec<Uuid>> {
    sqlx::query_scalar(
        "SELECT u.id FROM users u \
         WHERE u.deleted_at IS NULL AND u.status = 'active' \
           AND ($1::uuid IS NULL OR u.id > $1) \
           AND ($2::text IS NULL OR u.role = $2) \
           AND ($3::text IS NULL OR EXISTS ( \
             SELECT 1 FROM addresses a WHERE a.user_id = u.id AND a.is_default \
               AND a.deleted_at IS NULL AND lower(btrim(a.city)) = lower(btrim($3)))) \
         ORDER BY u.id LIMIT $4",
    )
    .bind(after)
    .bind(s.role.as_deref())
    .bind(s.city.as_deref())
    .bind(limit)
    .fetch_all(db)
    .await
}

/// Records a planned batch: the cursor moves to its last recipient; `last`
/// marks the planning finished.
pub async fn advance(
    tx: &mut PgConnection,
    id: Uuid,
    cursor: Option<Uuid>,
    batch: bool,
    last: bool,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE broadcasts SET cursor_id = coalesce($2, cursor_id), \
           batches = batches + CASE WHEN $3 THEN 1 ELSE 0 END, \
           planned_at = CASE WHEN $4 THEN now() ELSE planned_at END, updated_at = now() \
         WHERE id = $1",
    )
    .bind(id)
    .bind(cursor)
    .bind(batch)
    .bind(last)
    .execute(tx)
    .await?;
    Ok(())
}

pub async fn list_broadcasts(db: &PgPool, page: Page) -> sqlx::Result<(Vec<BroadcastRow>, i64)> {
    let total: i64 = sqlx::query_scalar("SELECT count(*) FROM broadcasts")
        .fetch_one(db)
        .await?;
    let rows = sqlx::query_as(&format!(
        "SELECT {BROADCAST_COLUMNS} FROM broadcasts ORDER BY created_at DESC, id DESC \
         LIMIT $1 OFFSET $2"
    ))
    .bind(page.limit())
    .bind(page.offset())
    .fetch_all(db)
    .await?;
    Ok((rows, total))
}

/// Per broadcast: recipients so far, and deliveries by status.
pub async fn progress(
    db: &PgPool,
    ids: &[Uuid],
) -> sqlx::Result<(Vec<(Uuid, i64)>, Vec<(Uuid, String, i64)>)> {
    let recipients = sqlx::query_as(
        "SELECT broadcast_id, count(DISTINCT user_id) FROM notification_deliveries \
         WHERE broadcast_id = ANY($1) GROUP BY broadcast_id",
    )
    .bind(ids)
    .fetch_all(db)
    .await?;
    let counts = sqlx::query_as(
        "SELECT broadcast_id, status, count(*) FROM notification_deliveries \
         WHERE broadcast_id = ANY($1) GROUP BY broadcast_id, status",
    )
    .bind(ids)
    .fetch_all(db)
    .await?;
    Ok((recipients, counts))
}
