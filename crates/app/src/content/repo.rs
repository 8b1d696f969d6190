//! SQL of the content tables.

use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

use kernel::pagination::Page;

use super::model::{
    BannerInput, BannerRow, ContactInput, FaqInput, FaqRow, LinkRow, MessageRow, PageRow,
    PublishPage, SocialLinkInput, VersionRow,
};

const BANNER_COLUMNS: &str = "id, title_ar, title_en, media_id, link, app, starts_at, ends_at, \
    sort_order, active, created_at, updated_at";
const FAQ_COLUMNS: &str = "id, question_ar, question_en, answer_ar, answer_en, audience, \
    sort_order, active, created_at, updated_at";
const VERSION_COLUMNS: &str = "p.slug, p.audience, v.version, v.title_ar, v.title_en, \
    v.body_ar, v.body_en, v.published_at, v.published_by";
const MESSAGE_COLUMNS: &str = "id, name, contact, subject, message, status, created_at, updated_at";

// ---------------------------------------------------------------- banners

/// Live banners of `app`: active and inside their window, in order.
pub async fn live_banners(db: impl PgExecutor<'_>, app: &str) -> sqlx::Result<Vec<BannerRow>> {
    sqlx::query_as(&format!(
        "SELECT {BANNER_COLUMNS} FROM banners WHERE deleted_at IS NULL AND active AND app = $1 \
         AND (starts_at IS NULL OR starts_at <= now()) AND (ends_at IS NULL OR ends_at > now()) \
         ORDER BY sort_order, created_at, id"
    ))
    .bind(app)
    .fetch_all(db)
    .await
}

pub async fn banners(db: impl PgExecutor<'_>) -> sqlx::Result<Vec<BannerRow>> {
    sqlx::query_as(&format!(
        "SELECT {BANNER_COLUMNS} FROM banners WHERE deleted_at IS NULL \
         ORDER BY app, sort_order, created_at, id"
    ))
    .fetch_all(db)
    .await
}

pub async fn lock_banner(tx: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<BannerRow>> {
    sqlx::query_as(&format!(
        "SELECT {BANNER_COLUMNS} FROM banners WHERE id = $1 AND deleted_at IS NULL FOR UPDATE"
    ))
    .bind(id)
    .fetch_optional(tx)
    .await
}

/// Inserts (`existing` none) or replaces a banner; answers the stored row.
pub async fn save_banner(
    tx: &mut PgConnection,
    id: Uuid,
    existing: bool,
    b: &BannerInput,
    by: Uuid,
) -> sqlx::Result<BannerRow> {
    let sql = if existing {
        format!(
            "UPDATE banners SET title_ar = $2, title_en = $3, media_id = $4, link = $5, app = $6, \
             starts_at = $7, ends_at = $8, sort_order = $9, active = $10, updated_at = now() \
             WHERE id = $1 RETURNING {BANNER_COLUMNS}"
        )
    } else {
        format!(
            "INSERT INTO banners (id, title_ar, title_en, media_id, link, app, starts_at, ends_at, \
             sort_order, active, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) \
             RETURNING {BANNER_COLUMNS}"
        )
    };
    let q = sqlx::query_as(&sql)
        .bind(id)
        .bind(b.title_ar.trim())
        .bind(b.title_en.trim())
        .bind(b.image_id)
        .bind(b.link.as_deref().map(str::trim).filter(|l| !l.is_empty()))
        .bind(b.app.as_str())
        .bind(b.starts_at)
        .bind(b.ends_at)
        .bind(b.sort_order)
        .bind(b.active);
    // Only a new banner records its author.
    let q = if existing { q } else { q.bind(by) };
    q.fetch_one(tx).await
}

pub async fn delete_banner(tx: &mut PgConnection, id: Uuid) -> sqlx::Result<()> {
    sqlx::query("UPDATE banners SET deleted_at = now(), updated_at = now() WHERE id = $1")
        .bind(id)
        .execute(tx)
        .await
        .map(drop)
}

// ---------------------------------------------------------------- faqs

/// FAQs of `audience`; only active ones when `active_only`.
pub async fn faqs(
    db: impl PgExecutor<'_>,
    audience: Option<&str>,
    active_only: bool,
) -> sqlx::Result<Vec<FaqRow>> {
    sqlx::query_as(&format!(
        "SELECT {FAQ_COLUMNS} FROM faqs WHERE deleted_at IS NULL \
         AND ($1::text IS NULL OR audience = $1) AND (active OR NOT $2) \
         ORDER BY audience, sort_order, created_at, id"
    ))
    .bind(audience)
    .bind(active_only)
    .fetch_all(db)
    .await
}

pub async fn lock_faq(tx: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<FaqRow>> {
    sqlx::query_as(&format!(
        "SELECT {FAQ_COLUMNS} FROM faqs WHERE id = $1 AND deleted_at IS NULL FOR UPDATE"
    ))
    .bind(id)
    .fetch_optional(tx)
    .await
}

pub async fn save_faq(
    tx: &mut PgConnection,
    id: Uuid,
    existing: bool,
    f: &FaqInput,
) -> sqlx::Result<FaqRow> {
    let sql = if existing {
        format!(
            "UPDATE faqs SET question_ar = $2, question_en = $3, answer_ar = $4, answer_en = $5, \
             audience = $6, sort_order = $7, active = $8, updated_at = now() \
             WHERE id = $1 RETURNING {FAQ_COLUMNS}"
        )
    } else {
        format!(
            "INSERT INTO faqs (id, question_ar, question_en, answer_ar, answer_en, audience, \
             sort_order, active) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING {FAQ_COLUMNS}"
        )
    };
    sqlx::query_as(&sql)
        .bind(id)
        .bind(f.question_ar.trim())
        .bind(f.question_en.trim())
        .bind(f.answer_ar.trim())
        .bind(f.answer_en.trim())
        .bind(f.audience.as_str())
        .bind(f.sort_order)
        .bind(f.active)
        .fetch_one(tx)
        .await
}

pub async fn delete_faq(tx: &mut PgConnection, id: Uuid) -> sqlx::Result<()> {
    sqlx::query("UPDATE faqs SET deleted_at = now(), updated_at = now() WHERE id = $1")
        .bind(id)
        .execute(tx)
        .await
        .map(drop)
}

// ---------------------------------------------------------------- pages

pub async fn pages(db: impl PgExecutor<'_>) -> sqlx::Result<Vec<PageRow>> {
    sqlx::query_as(
        "SELECT id, slug, audience, current_version FROM static_pages ORDER BY slug, audience",
    )
    .fetch_all(db)
    .await
}

/// The page, locked so two publishers number their versions one after the other.
pub async fn lock_page(tx: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<PageRow>> {
    sqlx::query_as(
        "SELECT id, slug, audience, current_version FROM static_pages WHERE id = $1 FOR UPDATE",
    )
    .bind(id)
    .fetch_optional(tx)
    .await
}

/// Adds version `version` and makes it the page's current one.
pub async fn publish(
    tx: &mut PgConnection,
    page: Uuid,
    version: i32,
    p: &PublishPage,
    by: Uuid,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO static_page_versions (id, page_id, version, title_ar, title_en, body_ar, \
         body_en, published_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(Uuid::now_v7())
    .bind(page)
    .bind(version)
    .bind(p.title_ar.trim())
    .bind(p.title_en.trim())
    .bind(p.body_ar.trim())
    .bind(p.body_en.trim())
    .bind(by)
    .execute(&mut *tx)
    .await?;
    sqlx::query("UPDATE static_pages SET current_version = $2, updated_at = now() WHERE id = $1")
        .bind(page)
        .bind(version)
        .execute(&mut *tx)
        .await
        .map(drop)
}

/// Versions of a page, newest first; `version` picks one.
pub async fn versions(
    db: impl PgExecutor<'_>,
    page: Uuid,
    version: Option<i32>,
) -> sqlx::Result<Vec<VersionRow>> {
    sqlx::query_as(&format!(
        "SELECT {VERSION_COLUMNS} FROM static_page_versions v \
         JOIN static_pages p ON p.id = v.page_id \
         WHERE v.page_id = $1 AND ($2::int IS NULL OR v.version = $2) ORDER BY v.version DESC"
    ))
    .bind(page)
    .bind(version)
    .fetch_all(db)
    .await
}

/// The version a page shows now.
pub async fn current(
    db: impl PgExecutor<'_>,
    slug: &str,
    audience: &str,
) -> sqlx::Result<Option<VersionRow>> {
    sqlx::query_as(&format!(
        "SELECT {VERSION_COLUMNS} FROM static_pages p \
         JOIN static_page_versions v ON v.page_id = p.id AND v.version = p.current_version \
         WHERE p.slug = $1 AND p.audience = $2"
    ))
    .bind(slug)
    .bind(audience)
    .fetch_optional(db)
    .await
}

// ---------------------------------------------------------------- inbox

pub async fn insert_message(tx: &mut PgConnection, m: &ContactInput, ip: &str) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO contact_messages (id, name, contact, subject, message, client_ip) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(Uuid::now_v7())
    .bind(m.name.trim())
    .bind(m.contact.trim())
    .bind(m.subject.trim())
    .bind(m.message.trim())
    .bind(ip)
    .execute(tx)
    .await
    .map(drop)
}

pub async fn messages(
    db: impl PgExecutor<'_> + Copy,
    status: Option<&str>,
    page: Page,
) -> sqlx::Result<(Vec<MessageRow>, i64)> {
    let total: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM contact_messages WHERE ($1::text IS NULL OR status = $1)",
    )
    .bind(status)
    .fetch_one(db)
    .await?;
    let rows = sqlx::query_as(&format!(
        "SELECT {MESSAGE_COLUMNS} FROM contact_messages WHERE ($1::text IS NULL OR status = $1) \
         ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3"
    ))
    .bind(status)
    .bind(page.limit())
    .bind(page.offset())
    .fetch_all(db)
    .await?;
    Ok((rows, total))
}

pub async fn lock_message(tx: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<MessageRow>> {
    sqlx::query_as(&format!(
        "SELECT {MESSAGE_COLUMNS} FROM contact_messages WHERE id = $1 FOR UPDATE"
    ))
    .bind(id)
    .fetch_optional(tx)
    .await
}

pub async fn set_status(tx: &mut PgConnection, id: Uuid, status: &str) -> sqlx::Result<MessageRow> {
    sqlx::query_as(&format!(
        "UPDATE contact_messages SET status = $2, updated_at = now() WHERE id = $1 \
         RETURNING {MESSAGE_COLUMNS}"
    ))
    .bind(id)
    .bind(status)
    .fetch_one(tx)
    .await
}

// ---------------------------------------------------------------- social links

pub async fn links(db: impl PgExecutor<'_>, active_only: bool) -> sqlx::Result<Vec<LinkRow>> {
    sqlx::query_as(
        "SELECT kind, value, sort_order, active FROM social_links WHERE (active OR NOT $1) \
         ORDER BY sort_order, id",
    )
    .bind(active_only)
    .fetch_all(db)
    .await
}

/// Replaces the whole list, in the given order. The table lock makes two
/// replacements follow each other instead of mixing.
pub async fn replace_links(tx: &mut PgConnection, links: &[SocialLinkInput]) -> sqlx::Result<()> {
    sqlx::query("LOCK TABLE social_links IN EXCLUSIVE MODE")
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM social_links")
        .execute(&mut *tx)
        .await?;
    for (i, l) in links.iter().enumerate() {
        sqlx::query(
            "INSERT INTO social_links (id, kind, value, sort_order, active) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(Uuid::now_v7())
        .bind(l.kind.as_str())
        .bind(l.value.trim())
        .bind(i as i32)
        .bind(l.active)
        .execute(&mut *tx)
        .await?;
    }
    Ok(())
}
