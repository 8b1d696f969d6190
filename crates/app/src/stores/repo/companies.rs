//! Companies, their documents and owners.

use sqlx::{PgConnection, PgExecutor, PgPool, Postgres, QueryBuilder};
use uuid::Uuid;

use kernel::pagination::Page;

use super::like;
use crate::stores::model::{CompanyOwner, CompanyQuery, CompanyRow, DocumentKind, DocumentRow};

const COMPANY_COLUMNS: &str = "id, owner_id, legal_name_ar, legal_name_en, cr_number, vat_number, \
    city, address, status, rejection_reason, reviewed_at, created_at, updated_at";

pub struct CompanyFields<'a> {
    pub legal_name_ar: &'a str,
    pub legal_name_en: &'a str,
    pub cr_number: &'a str,
    pub vat_number: &'a str,
    pub city: &'a str,
    pub address: &'a str,
}

pub async fn company_of_owner(
    db: impl PgExecutor<'_>,
    owner: Uuid,
) -> sqlx::Result<Option<CompanyRow>> {
    sqlx::query_as(&format!(
        "SELECT {COMPANY_COLUMNS} FROM companies WHERE owner_id = $1 AND deleted_at IS NULL"
    ))
    .bind(owner)
    .fetch_optional(db)
    .await
}

pub async fn lock_company_of_owner(
    tx: &mut PgConnection,
    owner: Uuid,
) -> sqlx::Result<Option<CompanyRow>> {
    sqlx::query_as(&format!(
        "SELECT {COMPANY_COLUMNS} FROM companies WHERE owner_id = $1 AND deleted_at IS NULL FOR UPDATE"
    ))
    .bind(owner)
    .fetch_optional(tx)
    .await
}

pub async fn company(db: impl PgExecutor<'_>, id: Uuid) -> sqlx::Result<Option<CompanyRow>> {
    sqlx::query_as(&format!(
        "SELECT {COMPANY_COLUMNS} FROM companies WHERE id = $1 AND deleted_at IS NULL"
    ))
    .bind(id)
    .fetch_optional(db)
    .await
}

pub async fn lock_company(tx: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<CompanyRow>> {
    sqlx::query_as(&format!(
        "SELECT {COMPANY_COLUMNS} FROM companies WHERE id = $1 AND deleted_at IS NULL FOR UPDATE"
    ))
    .bind(id)
    .fetch_optional(tx)
    .await
}

/// Whether another live company holds the registration number.
pub async fn cr_taken(
    db: impl PgExecutor<'_>,
    cr: &str,
    except: Option<Uuid>,
) -> sqlx::Result<bool> {
    sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM companies WHERE cr_number = $1 AND deleted_at IS NULL \
           AND ($2::uuid IS NULL OR id <> $2))",
    )
    .bind(cr)
    .bind(except)
    .fetch_one(db)
    .await
}

pub async fn insert_company(
    tx: &mut PgConnection,
    owner: Uuid,
    f: &CompanyFields<'_>,
) -> sqlx::Result<CompanyRow> {
    sqlx::query_as(&format!(
        "INSERT INTO companies (id, owner_id, legal_name_ar, legal_name_en, cr_number, vat_number, \
           city, address, created_by, updated_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $2, $2) RETURNING {COMPANY_COLUMNS}"
    ))
    .bind(Uuid::now_v7())
    .bind(owner)
    .bind(f.legal_name_ar)
    .bind(f.legal_name_en)
    .bind(f.cr_number)
    .bind(f.vat_number)
    .bind(f.city)
    .bind(f.address)
    .fetch_one(tx)
    .await
}

/// Saves an edit and sends the company (back) to review.
pub async fn update_company(
    tx: &mut PgConnection,
    id: Uuid,
    f: &CompanyFields<'_>,
    by: Uuid,
) -> sqlx::Result<CompanyRow> {
    sqlx::query_as(&format!(
        "UPDATE companies SET legal_name_ar = $2, legal_name_en = $3, cr_number = $4, vat_number = $5, \
           city = $6, address = $7, status = 'pending', rejection_reason = NULL, \
           updated_at = now(), updated_by = $8 \
         WHERE id = $1 RETURNING {COMPANY_COLUMNS}"
    ))
    .bind(id)
    .bind(f.legal_name_ar)
    .bind(f.legal_name_en)
    .bind(f.cr_number)
    .bind(f.vat_number)
    .bind(f.city)
    .bind(f.address)
    .bind(by)
    .fetch_one(tx)
    .await
}

pub async fn review_company(
    tx: &mut PgConnection,
    id: Uuid,
    status: &str,
    reason: Option<&str>,
    by: Uuid,
) -> sqlx::Result<CompanyRow> {
    sqlx::query_as(&format!(
        "UPDATE companies SET status = $2, rejection_reason = $3, reviewed_by = $4, reviewed_at = now(), \
           updated_at = now(), updated_by = $4 \
         WHERE id = $1 RETURNING {COMPANY_COLUMNS}"
    ))
    .bind(id)
    .bind(status)
    .bind(reason)
    .bind(by)
    .fetch_one(tx)
    .await
}

pub async fn documents_of(
    db: impl PgExecutor<'_>,
    companies: &[Uuid],
) -> sqlx::Result<Vec<DocumentRow>> {
    sqlx::query_as(
        "SELECT id, company_id, media_id, kind FROM company_documents \
         WHERE company_id = ANY($1) AND deleted_at IS NULL ORDER BY created_at, id",
    )
    .bind(companies)
    .fetch_all(db)
    .await
}

/// Of `ids`, the live files `owner` uploaded.
pub async fn owned_media(
    db: impl PgExecutor<'_>,
    owner: Uuid,
    ids: &[Uuid],
) -> sqlx::Result<Vec<Uuid>> {
    sqlx::query_scalar(
        "SELECT id FROM media_files WHERE id = ANY($1) AND owner_id = $2 AND deleted_at IS NULL",
    )
    .bind(ids)
    .bind(owner)
    .fetch_all(db)
    .await
}

/// Makes the company's documents exactly `docs`.
pub async fn replace_documents(
    tx: &mut PgConnection,
    company: Uuid,
    docs: &[(Uuid, DocumentKind)],
    by: Uuid,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE company_documents SET deleted_at = now(), updated_at = now(), updated_by = $2 \
         WHERE company_id = $1 AND deleted_at IS NULL",
    )
    .bind(company)
    .bind(by)
    .execute(&mut *tx)
    .await?;
    for (media, kind) in docs {
        sqlx::query(
            "INSERT INTO company_documents (id, company_id, media_id, kind, created_by, updated_by) \
             VALUES ($1, $2, $3, $4, $5, $5)",
        )
        .bind(Uuid::now_v7())
        .bind(company)
        .bind(media)
        .bind(kind.as_str())
        .bind(by)
        .execute(&mut *tx)
        .await?;
    }
    Ok(())
}

pub async fn owners(db: impl PgExecutor<'_>, ids: &[Uuid]) -> sqlx::Result<Vec<CompanyOwner>> {
    sqlx::query_as("SELECT id, phone, name, status FROM users WHERE id = ANY($1)")
        .bind(ids)
        .fetch_all(db)
        .await
}

/// Activates a supplier waiting for approval; `true` when it did.
pub async fn activate_pending_user(
    tx: &mut PgConnection,
    id: Uuid,
    by: Uuid,
) -> sqlx::Result<bool> {
    let r = sqlx::query(
        "UPDATE users SET status = 'active', status_reason = NULL, updated_at = now(), updated_by = $2 \
         WHERE id = $1 AND status = 'pending_approval' AND deleted_at IS NULL",
    )
    .bind(id)
    .bind(by)
    .execute(tx)
    .await?;
    Ok(r.rows_affected() > 0)
}

fn company_filters<'a>(qb: &mut QueryBuilder<'a, Postgres>, q: &'a CompanyQuery) {
    qb.push(" WHERE deleted_at IS NULL");
    if let Some(s) = q.status {
        qb.push(" AND status = ").push_bind(s.as_str());
    }
    if let Some(text) = q.q.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        let l = like(text);
        qb.push(" AND (legal_name_ar ILIKE ")
            .push_bind(l.clone())
            .push(" OR legal_name_en ILIKE ")
            .push_bind(l.clone())
            .push(" OR cr_number LIKE ")
            .push_bind(l)
            .push(")");
    }
}

pub async fn list_companies(
    db: &PgPool,
    q: &CompanyQuery,
    page: Page,
    order_by: &str,
) -> sqlx::Result<(Vec<CompanyRow>, i64)> {
    let mut count = QueryBuilder::new("SELECT count(*) FROM companies");
    company_filters(&mut count, q);
    let total: i64 = count.build_query_scalar().fetch_one(db).await?;
    let mut qb = QueryBuilder::new(format!("SELECT {COMPANY_COLUMNS} FROM companies"));
    company_filters(&mut qb, q);
    qb.push(" ORDER BY ").push(order_by);
    qb.push(" LIMIT ").push_bind(page.limit());
    qb.push(" OFFSET ").push_bind(page.offset());
    Ok((qb.build_query_as().fetch_all(db).await?, total))
}
