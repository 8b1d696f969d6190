//! Who a notification goes to: users as sending to them needs them (read
//! directly; identity owns them).

use sqlx::PgExecutor;
use uuid::Uuid;

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
