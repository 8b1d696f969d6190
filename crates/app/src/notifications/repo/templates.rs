//! Templates per event × channel × language, and the one a delivery renders.

use sqlx::{PgConnection, PgExecutor, PgPool};
use uuid::Uuid;

use crate::notifications::model::{Channel, TemplateInput, TemplateRow};

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
