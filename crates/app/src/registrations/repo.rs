//! SQL of `registration_requests`; its documents and history are in
//! `repo/history.rs`.

mod history;

pub use history::*;

use sqlx::{PgConnection, PgExecutor, Postgres, QueryBuilder};
use time::OffsetDateTime;
use uuid::Uuid;

use kernel::pagination::Page;

use super::model::{RegistrationQuery, RegistrationRow};

const COLUMNS: &str = "id, kind, status, locale, full_name, phone, email, company_name_ar, \
    company_name_en, cr_number, vat_number, address, vehicle_type, plate_number, national_id, city, \
    confirm_nonce, confirm_expires_at, confirmed_email, confirmed_at, submitted_at, resume_nonce, \
    resume_expires_at, rejection_reason, reviewed_at, user_id, company_id, created_at, updated_at";

/// The account step as stored.
pub struct Account<'a> {
    pub kind: &'a str,
    pub full_name: &'a str,
    pub phone: &'a str,
    pub email: &'a str,
}

pub async fn insert(
    conn: &mut PgConnection,
    draft_hash: &[u8],
    locale: &str,
    a: &Account<'_>,
    ip: &str,
) -> sqlx::Result<RegistrationRow> {
    sqlx::query_as(&format!(
        "INSERT INTO registration_requests (id, kind, draft_hash, locale, full_name, phone, email, created_ip) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING {COLUMNS}"
    ))
    .bind(Uuid::now_v7())
    .bind(a.kind)
    .bind(draft_hash)
    .bind(locale)
    .bind(a.full_name)
    .bind(a.phone)
    .bind(a.email)
    .bind(ip)
    .fetch_one(conn)
    .await
}

pub async fn by_draft(
    db: impl PgExecutor<'_>,
    draft_hash: &[u8],
) -> sqlx::Result<Option<RegistrationRow>> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM registration_requests WHERE draft_hash = $1 AND deleted_at IS NULL"
    ))
    .bind(draft_hash)
    .fetch_optional(db)
    .await
}

pub async fn lock_by_draft(
    conn: &mut PgConnection,
    draft_hash: &[u8],
) -> sqlx::Result<Option<RegistrationRow>> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM registration_requests WHERE draft_hash = $1 AND deleted_at IS NULL FOR UPDATE"
    ))
    .bind(draft_hash)
    .fetch_optional(conn)
    .await
}

pub async fn get(db: impl PgExecutor<'_>, id: Uuid) -> sqlx::Result<Option<RegistrationRow>> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM registration_requests WHERE id = $1 AND deleted_at IS NULL"
    ))
    .bind(id)
    .fetch_optional(db)
    .await
}

pub async fn lock(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<RegistrationRow>> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM registration_requests WHERE id = $1 AND deleted_at IS NULL FOR UPDATE"
    ))
    .bind(id)
    .fetch_optional(conn)
    .await
}

pub async fn save_account(conn: &mut PgConnection, id: Uuid, a: &Account<'_>) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE registration_requests SET kind = $2, full_name = $3, phone = $4, email = $5, \
           updated_at = now() WHERE id = $1",
    )
    .bind(id)
    .bind(a.kind)
    .bind(a.full_name)
    .bind(a.phone)
    .bind(a.email)
    .execute(conn)
    .await?;
    Ok(())
}

/// The business step as stored (numbers in ASCII digits).
pub struct BusinessRow<'a> {
    pub company_name_ar: &'a str,
    pub company_name_en: &'a str,
    pub cr_number: &'a str,
    pub vat_number: &'a str,
    pub city: &'a str,
    pub address: &'a str,
}

pub async fn save_business(
    conn: &mut PgConnection,
    id: Uuid,
    b: &BusinessRow<'_>,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE registration_requests SET company_name_ar = $2, company_name_en = $3, \
           cr_number = $4, vat_number = $5, city = $6, address = $7, updated_at = now() WHERE id = $1",
    )
    .bind(id)
    .bind(b.company_name_ar)
    .bind(b.company_name_en)
    .bind(b.cr_number)
    .bind(b.vat_number)
    .bind(b.city)
    .bind(b.address)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn save_vehicle(
    conn: &mut PgConnection,
    id: Uuid,
    vehicle_type: &str,
    plate: &str,
    national_id: &str,
    city: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE registration_requests SET vehicle_type = $2, plate_number = $3, national_id = $4, \
           city = $5, updated_at = now() WHERE id = $1",
    )
    .bind(id)
    .bind(vehicle_type)
    .bind(plate)
    .bind(national_id)
    .bind(city)
    .execute(conn)
    .await?;
    Ok(())
}

/// Submitted and waiting for the link carrying `nonce`.
pub async fn set_submitted(
    conn: &mut PgConnection,
    id: Uuid,
    nonce: &str,
    expires: OffsetDateTime,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE registration_requests SET status = 'submitted', confirm_nonce = $2, \
           confirm_expires_at = $3, resume_nonce = NULL, resume_expires_at = NULL, \
           submitted_at = now(), updated_at = now() WHERE id = $1",
    )
    .bind(id)
    .bind(nonce)
    .bind(expires)
    .execute(conn)
    .await?;
    Ok(())
}

/// In the admins' queue: the link was used (its nonce cleared), or a
/// rejected request came back to an address already confirmed.
pub async fn set_confirmed(
    conn: &mut PgConnection,
    id: Uuid,
    resubmitted: bool,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE registration_requests SET status = 'confirmed', confirm_nonce = NULL, \
           confirmed_email = email, confirmed_at = CASE WHEN $2 THEN confirmed_at ELSE now() END, \
           submitted_at = CASE WHEN $2 THEN now() ELSE submitted_at END, \
           resume_nonce = NULL, resume_expires_at = NULL, updated_at = now() WHERE id = $1",
    )
    .bind(id)
    .bind(resubmitted)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn set_rejected(
    conn: &mut PgConnection,
    id: Uuid,
    reason: &str,
    resume_nonce: &str,
    resume_expires: OffsetDateTime,
    by: Uuid,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE registration_requests SET status = 'rejected', rejection_reason = $2, \
           resume_nonce = $3, resume_expires_at = $4, reviewed_by = $5, reviewed_at = now(), \
           updated_at = now(), updated_by = $5 WHERE id = $1",
    )
    .bind(id)
    .bind(reason)
    .bind(resume_nonce)
    .bind(resume_expires)
    .bind(by)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn set_approved(
    conn: &mut PgConnection,
    id: Uuid,
    user: Uuid,
    company: Option<Uuid>,
    by: Uuid,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE registration_requests SET status = 'approved', rejection_reason = NULL, \
           user_id = $2, company_id = $3, reviewed_by = $4, reviewed_at = now(), \
           updated_at = now(), updated_by = $4 WHERE id = $1",
    )
    .bind(id)
    .bind(user)
    .bind(company)
    .bind(by)
    .execute(conn)
    .await?;
    Ok(())
}

/// Gives the request a new draft token (a resume link was used).
pub async fn rotate_draft(
    conn: &mut PgConnection,
    id: Uuid,
    draft_hash: &[u8],
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE registration_requests SET draft_hash = $2, updated_at = now() WHERE id = $1",
    )
    .bind(id)
    .bind(draft_hash)
    .execute(conn)
    .await?;
    Ok(())
}

fn like(text: &str) -> String {
    format!(
        "%{}%",
        text.replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_")
    )
}

fn filters<'a>(qb: &mut QueryBuilder<'a, Postgres>, q: &'a RegistrationQuery) {
    qb.push(" WHERE deleted_at IS NULL AND status <> 'draft'");
    if let Some(s) = q.status {
        qb.push(" AND status = ").push_bind(s.as_str());
    }
    if let Some(k) = q.kind {
        qb.push(" AND kind = ").push_bind(k.as_str());
    }
    if let Some(text) = q.q.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        let l = like(text);
        qb.push(" AND (full_name ILIKE ").push_bind(l.clone());
        for column in [
            "phone",
            "email",
            "company_name_ar",
            "company_name_en",
            "cr_number",
            "plate_number",
        ] {
            qb.push(format!(" OR {column} ILIKE ")).push_bind(l.clone());
        }
        qb.push(")");
    }
}

/// A page of the queue, oldest submission first (who waited longest).
pub async fn list(
    db: &sqlx::PgPool,
    q: &RegistrationQuery,
    page: Page,
) -> sqlx::Result<(Vec<RegistrationRow>, i64)> {
    let mut count = QueryBuilder::new("SELECT count(*) FROM registration_requests");
    filters(&mut count, q);
    let total: i64 = count.build_query_scalar().fetch_one(db).await?;
    let mut qb = QueryBuilder::new(format!("SELECT {COLUMNS} FROM registration_requests"));
    filters(&mut qb, q);
    qb.push(" ORDER BY submitted_at ASC NULLS LAST, id ASC LIMIT ")
        .push_bind(page.limit())
        .push(" OFFSET ")
        .push_bind(page.offset());
    Ok((qb.build_query_as().fetch_all(db).await?, total))
}
