//! SQL of merchants, their parts and imports; orders are in `repo/orders.rs`.

mod orders;

pub use orders::*;

use sqlx::{PgConnection, PgExecutor};
use uuid::Uuid;

use super::model::{ExternalPart, ImportRow, Merchant, MerchantInput};

const MERCHANT: &str = "id, name_ar, name_en, cr_number, vat_number, email, locale, commission_bp, \
    lead_time_days, cities, status, created_at";

pub async fn merchant(db: impl PgExecutor<'_>, id: Uuid) -> sqlx::Result<Option<Merchant>> {
    sqlx::query_as(&format!(
        "SELECT {MERCHANT} FROM merchants WHERE id = $1 AND deleted_at IS NULL"
    ))
    .bind(id)
    .fetch_optional(db)
    .await
}

pub async fn merchants(
    db: impl PgExecutor<'_> + Copy,
    limit: i64,
    offset: i64,
) -> sqlx::Result<(Vec<Merchant>, i64)> {
    let rows = sqlx::query_as(&format!(
        "SELECT {MERCHANT} FROM merchants WHERE deleted_at IS NULL ORDER BY created_at DESC, id LIMIT $1 OFFSET $2"
    ))
    .bind(limit)
    .bind(offset)
    .fetch_all(db)
    .await?;
    let total = sqlx::query_scalar("SELECT count(*) FROM merchants WHERE deleted_at IS NULL")
        .fetch_one(db)
        .await?;
    Ok((rows, total))
}

pub async fn save_merchant(
    conn: &mut PgConnection,
    id: Uuid,
    m: &MerchantInput,
    by: Uuid,
    new: bool,
) -> sqlx::Result<()> {
    let cities: Vec<String> = m
        .cities
        .clone()
        .unwrap_or_default()
        .iter()
        .map(|c| c.trim().to_owned())
        .collect();
    let locale = m.locale.unwrap_or_default().code();
    let status = m.status.clone().unwrap_or_else(|| "active".into());
    let sql = if new {
        "INSERT INTO merchants (id, name_ar, name_en, cr_number, vat_number, email, locale, commission_bp, \
           lead_time_days, cities, status, created_by, updated_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12)"
    } else {
        "UPDATE merchants SET name_ar = $2, name_en = $3, cr_number = $4, vat_number = $5, email = $6, \
           locale = $7, commission_bp = $8, lead_time_days = $9, cities = $10, status = $11, \
           updated_at = now(), updated_by = $12 WHERE id = $1 AND deleted_at IS NULL"
    };
    sqlx::query(sql)
        .bind(id)
        .bind(m.name_ar.trim())
        .bind(m.name_en.trim())
        .bind(&m.cr_number)
        .bind(&m.vat_number)
        .bind(m.email.trim())
        .bind(locale)
        .bind(m.commission_bp)
        .bind(m.lead_time_days)
        .bind(&cities)
        .bind(status)
        .bind(by)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn record_failed_import(
    db: impl PgExecutor<'_>,
    id: Uuid,
    merchant: Uuid,
    file_name: &str,
    bytes: i64,
    why: &str,
    by: Uuid,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO external_imports (id, merchant_id, file_name, status, bytes, failure, created_by, updated_by) \
         VALUES ($1, $2, $3, 'failed', $4, $5, $6, $6)",
    )
    .bind(id)
    .bind(merchant)
    .bind(file_name)
    .bind(bytes)
    .bind(why)
    .bind(by)
    .execute(db)
    .await?;
    Ok(())
}

/// How many rows have any error.
pub async fn failed_rows(conn: &mut PgConnection) -> sqlx::Result<i32> {
    let failed: i64 = sqlx::query_scalar("SELECT count(DISTINCT n) FROM import_errs")
        .fetch_one(conn)
        .await?;
    Ok(i32::try_from(failed).unwrap_or(i32::MAX))
}

/// Keeps the first `keep` (row, field) errors of the import.
pub async fn store_errors(conn: &mut PgConnection, import: Uuid, keep: i64) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO external_import_errors (import_id, row_number, field, code) \
         SELECT $1, n::int, field, min(code) FROM import_errs GROUP BY n, field ORDER BY n, field LIMIT $2",
    )
    .bind(import)
    .bind(keep)
    .execute(conn)
    .await?;
    Ok(())
}

/// Upserts the rows without errors by SKU, changing only what differs;
/// (created, updated).
pub async fn upsert_valid(
    conn: &mut PgConnection,
    merchant: Uuid,
    by: Uuid,
) -> sqlx::Result<(i32, i32)> {
    let (created, updated): (i64, i64) = sqlx::query_as(
        r"WITH v AS (
            SELECT trim(r.sku) AS sku, trim(r.name_ar) AS name_ar, trim(r.name_en) AS name_en,
                   round(trim(r.price)::numeric * 100)::bigint AS price, trim(r.stock)::int AS stock,
                   ARRAY(SELECT trim(x) FROM unnest(string_to_array(coalesce(r.oem_numbers, ''), '|')) x
                         WHERE trim(x) <> '') AS oem,
                   c.id AS category_id, mk.id AS make_id, md.id AS model_id,
                   nullif(trim(r.year_from), '')::int AS year_from, nullif(trim(r.year_to), '')::int AS year_to
            FROM import_rows r
            LEFT JOIN categories c ON c.slug = nullif(trim(r.category), '') AND c.deleted_at IS NULL
            LEFT JOIN car_makes mk ON mk.slug = nullif(trim(r.make), '') AND mk.deleted_at IS NULL
            LEFT JOIN car_models md ON md.make_id = mk.id AND md.deleted_at IS NULL
                 AND (md.slug = trim(r.model) OR md.slug = trim(r.make) || '-' || trim(r.model))
            WHERE NOT EXISTS (SELECT 1 FROM import_errs e WHERE e.n = r.n)),
          up AS (
            -- Bulk rows take random ids: the set-based insert has no UUIDv7 of its own.
            INSERT INTO external_parts AS p (id, merchant_id, sku, name_ar, name_en, oem_numbers, price, stock,
                category_id, make_id, model_id, year_from, year_to, available, search_text, created_by, updated_by)
            SELECT gen_random_uuid(), $1, sku, name_ar, name_en, oem, price, stock, category_id, make_id,
                   model_id, year_from, year_to, true, '', $2, $2 FROM v
            ON CONFLICT (merchant_id, sku) WHERE deleted_at IS NULL DO UPDATE SET
                name_ar = EXCLUDED.name_ar, name_en = EXCLUDED.name_en, oem_numbers = EXCLUDED.oem_numbers,
                price = EXCLUDED.price, stock = EXCLUDED.stock, category_id = EXCLUDED.category_id,
                make_id = EXCLUDED.make_id, model_id = EXCLUDED.model_id, year_from = EXCLUDED.year_from,
                year_to = EXCLUDED.year_to, available = true, search_text = '', updated_at = now(),
                updated_by = EXCLUDED.updated_by
            WHERE (p.name_ar, p.name_en, p.oem_numbers, p.price, p.stock, p.category_id, p.make_id,
                   p.model_id, p.year_from, p.year_to, p.available)
               IS DISTINCT FROM (EXCLUDED.name_ar, EXCLUDED.name_en, EXCLUDED.oem_numbers, EXCLUDED.price,
                   EXCLUDED.stock, EXCLUDED.category_id, EXCLUDED.make_id, EXCLUDED.model_id,
                   EXCLUDED.year_from, EXCLUDED.year_to, true)
            RETURNING (xmax = 0) AS inserted)
        SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM up",
    )
    .bind(merchant)
    .bind(by)
    .fetch_one(conn)
    .await?;
    Ok((created as i32, updated as i32))
}

/// Parts of the merchant the file does not list (even on a refused row)
/// become unavailable; the number of them.
pub async fn deactivate_vanished(
    conn: &mut PgConnection,
    merchant: Uuid,
    by: Uuid,
) -> sqlx::Result<i32> {
    let n = sqlx::query(
        "UPDATE external_parts p SET available = false, updated_at = now(), updated_by = $2 \
         WHERE p.merchant_id = $1 AND p.available AND p.deleted_at IS NULL \
           AND NOT EXISTS (SELECT 1 FROM import_rows r WHERE trim(r.sku) = p.sku)",
    )
    .bind(merchant)
    .bind(by)
    .execute(conn)
    .await?
    .rows_affected();
    Ok(n as i32)
}

pub async fn unindexed(
    conn: &mut PgConnection,
    merchant: Uuid,
    limit: i64,
) -> sqlx::Result<Vec<(Uuid, String, String, Vec<String>)>> {
    sqlx::query_as(
        "SELECT id, name_ar, name_en, oem_numbers FROM external_parts \
         WHERE merchant_id = $1 AND search_text = '' LIMIT $2",
    )
    .bind(merchant)
    .bind(limit)
    .fetch_all(conn)
    .await
}

pub async fn set_search_text(
    conn: &mut PgConnection,
    ids: &[Uuid],
    texts: &[String],
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE external_parts p SET search_text = t.text FROM unnest($1::uuid[], $2::text[]) AS t(id, text) \
         WHERE p.id = t.id",
    )
    .bind(ids)
    .bind(texts)
    .execute(conn)
    .await?;
    Ok(())
}

pub struct DoneImport<'a> {
    pub id: Uuid,
    pub merchant: Uuid,
    pub file_name: &'a str,
    pub bytes: i64,
    pub rows_total: i32,
    pub rows_failed: i32,
    pub created: i32,
    pub updated: i32,
    pub unchanged: i32,
    pub deactivated: i32,
    pub by: Uuid,
    pub keep_errors: i64,
}

pub async fn record_import(conn: &mut PgConnection, i: &DoneImport<'_>) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO external_imports (id, merchant_id, file_name, status, bytes, rows_total, rows_failed, \
           created_count, updated_count, unchanged_count, deactivated_count, created_by, updated_by) \
         VALUES ($1, $2, $3, 'done', $4, $5, $6, $7, $8, $9, $10, $11, $11)",
    )
    .bind(i.id)
    .bind(i.merchant)
    .bind(i.file_name)
    .bind(i.bytes)
    .bind(i.rows_total)
    .bind(i.rows_failed)
    .bind(i.created)
    .bind(i.updated)
    .bind(i.unchanged)
    .bind(i.deactivated)
    .bind(i.by)
    .execute(&mut *conn)
    .await?;
    store_errors(conn, i.id, i.keep_errors).await
}

const IMPORT: &str = "id, merchant_id, file_name, status, bytes, rows_total, rows_failed, created_count, \
    updated_count, unchanged_count, deactivated_count, failure, created_at";

pub async fn import(db: impl PgExecutor<'_>, id: Uuid) -> sqlx::Result<Option<ImportRow>> {
    sqlx::query_as(&format!(
        "SELECT {IMPORT} FROM external_imports WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(db)
    .await
}

pub async fn imports(
    db: impl PgExecutor<'_>,
    merchant: Uuid,
    limit: i64,
) -> sqlx::Result<Vec<ImportRow>> {
    sqlx::query_as(&format!(
        "SELECT {IMPORT} FROM external_imports WHERE merchant_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2"
    ))
    .bind(merchant)
    .bind(limit)
    .fetch_all(db)
    .await
}

pub async fn import_errors(
    db: impl PgExecutor<'_>,
    id: Uuid,
) -> sqlx::Result<Vec<(i32, String, String)>> {
    sqlx::query_as(
        "SELECT row_number, field, code FROM external_import_errors WHERE import_id = $1 ORDER BY row_number, field",
    )
    .bind(id)
    .fetch_all(db)
    .await
}

const PART: &str = "p.id, p.merchant_id, m.name_ar AS merchant_name_ar, m.name_en AS merchant_name_en, \
    m.lead_time_days, p.sku, p.name_ar, p.name_en, p.oem_numbers, p.price, p.stock, p.available, \
    p.make_id, p.model_id, p.year_from, p.year_to, true AS external \
    FROM external_parts p JOIN merchants m ON m.id = p.merchant_id AND m.status = 'active' AND m.deleted_at IS NULL";

/// Available parts matching every word (trigram-indexed), or an OEM number.
pub async fn search(
    db: impl PgExecutor<'_> + Copy,
    words: &[String],
    code: Option<&str>,
    fit: (Option<Uuid>, Option<Uuid>, Option<i32>),
    limit: i64,
    offset: i64,
) -> sqlx::Result<(Vec<ExternalPart>, i64)> {
    let cond = "p.available AND p.deleted_at IS NULL \
        AND (cardinality($1::text[]) = 0 OR (SELECT bool_and(p.search_text LIKE '%' || w || '%') FROM unnest($1::text[]) w) \
             OR ($2::text IS NOT NULL AND p.search_text LIKE '%' || $2 || '%')) \
        AND ($3::uuid IS NULL OR p.make_id = $3) \
        AND ($4::uuid IS NULL OR p.model_id IS NULL OR p.model_id = $4) \
        AND ($5::int IS NULL OR $5 BETWEEN coalesce(p.year_from, 0) AND coalesce(p.year_to, 9999))";
    let rows = sqlx::query_as(&format!(
        "SELECT {PART} WHERE {cond} ORDER BY p.price, p.id LIMIT $6 OFFSET $7"
    ))
    .bind(words)
    .bind(code)
    .bind(fit.0)
    .bind(fit.1)
    .bind(fit.2)
    .bind(limit)
    .bind(offset)
    .fetch_all(db)
    .await?;
    let total = sqlx::query_scalar(&format!(
        "SELECT count(*) FROM external_parts p JOIN merchants m ON m.id = p.merchant_id AND m.status = 'active' \
           AND m.deleted_at IS NULL WHERE {cond}"
    ))
    .bind(words)
    .bind(code)
    .bind(fit.0)
    .bind(fit.1)
    .bind(fit.2)
    .fetch_one(db)
    .await?;
    Ok((rows, total))
}

pub async fn part(db: impl PgExecutor<'_>, id: Uuid) -> sqlx::Result<Option<ExternalPart>> {
    sqlx::query_as(&format!(
        "SELECT {PART} WHERE p.id = $1 AND p.deleted_at IS NULL"
    ))
    .bind(id)
    .fetch_optional(db)
    .await
}

/// Takes `qty` of the part's stock if it is there.
pub async fn take_stock(conn: &mut PgConnection, part: Uuid, qty: i32) -> sqlx::Result<bool> {
    Ok(sqlx::query(
        "UPDATE external_parts SET stock = stock - $2 WHERE id = $1 AND available AND stock >= $2",
    )
    .bind(part)
    .bind(qty)
    .execute(conn)
    .await?
    .rows_affected()
        == 1)
}

pub async fn return_stock(conn: &mut PgConnection, part: Uuid, qty: i32) -> sqlx::Result<()> {
    sqlx::query("UPDATE external_parts SET stock = stock + $2 WHERE id = $1")
        .bind(part)
        .bind(qty)
        .execute(conn)
        .await?;
    Ok(())
}

/// The import's staging table: the CSV's columns as text, numbered by row.
pub async fn create_staging(conn: &mut PgConnection) -> sqlx::Result<()> {
    sqlx::query(
        "CREATE TEMP TABLE import_rows (n bigserial, sku text, name_ar text, name_en text, price text, \
           stock text, oem_numbers text, category text, make text, model text, year_from text, year_to text) \
         ON COMMIT DROP",
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// `COPY` into the staging table from the bytes sent to it: the header must
/// name exactly `columns`, the text must be UTF-8.
pub async fn copy_in<'c>(
    conn: &'c mut PgConnection,
    columns: &[&str],
) -> sqlx::Result<sqlx::postgres::PgCopyIn<&'c mut PgConnection>> {
    conn.copy_in_raw(&format!(
        "COPY import_rows ({}) FROM STDIN WITH (FORMAT csv, HEADER MATCH, ENCODING 'UTF8')",
        columns.join(", ")
    ))
    .await
}

/// Each row's failing fields, with a code each, into `import_errs`.
pub async fn check_rows(conn: &mut PgConnection) -> sqlx::Result<()> {
    sqlx::query("CREATE TEMP TABLE import_errs (n bigint, field text, code text) ON COMMIT DROP")
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        r"INSERT INTO import_errs (n, field, code)
        SELECT n, 'sku', 'required' FROM import_rows WHERE coalesce(trim(sku), '') = ''
        UNION ALL SELECT n, 'sku', 'too_long' FROM import_rows WHERE length(trim(sku)) > 64
        UNION ALL SELECT n, 'sku', 'repeated' FROM (
            SELECT n, row_number() OVER (PARTITION BY trim(sku) ORDER BY n) AS k
            FROM import_rows WHERE coalesce(trim(sku), '') <> '') d WHERE k > 1
        UNION ALL SELECT n, 'name_ar', 'required' FROM import_rows WHERE coalesce(trim(name_ar), '') = ''
        UNION ALL SELECT n, 'name_en', 'required' FROM import_rows WHERE coalesce(trim(name_en), '') = ''
        UNION ALL SELECT n, 'name_ar', 'too_long' FROM import_rows WHERE length(trim(name_ar)) > 200
        UNION ALL SELECT n, 'name_en', 'too_long' FROM import_rows WHERE length(trim(name_en)) > 200
        UNION ALL SELECT n, 'price', 'price' FROM import_rows
            WHERE coalesce(trim(price), '') !~ '^[0-9]{1,7}(\.[0-9]{1,2})?$' OR trim(price) ~ '^0*(\.0*)?$'
        UNION ALL SELECT n, 'stock', 'stock' FROM import_rows WHERE coalesce(trim(stock), '') !~ '^[0-9]{1,6}$'
        UNION ALL SELECT n, 'oem_numbers', 'oem' FROM import_rows r
            WHERE cardinality(string_to_array(coalesce(r.oem_numbers, ''), '|')) > 20
               OR EXISTS (SELECT 1 FROM unnest(string_to_array(coalesce(r.oem_numbers, ''), '|')) x
                          WHERE trim(x) <> '' AND trim(x) !~ '^[A-Za-z0-9][A-Za-z0-9 ./-]{1,38}[A-Za-z0-9]$')
        UNION ALL SELECT n, 'category', 'unknown' FROM import_rows r
            WHERE coalesce(trim(r.category), '') <> ''
              AND NOT EXISTS (SELECT 1 FROM categories c WHERE c.slug = trim(r.category) AND c.deleted_at IS NULL)
        UNION ALL SELECT n, 'make', 'unknown' FROM import_rows r
            WHERE coalesce(trim(r.make), '') <> ''
              AND NOT EXISTS (SELECT 1 FROM car_makes m WHERE m.slug = trim(r.make) AND m.deleted_at IS NULL)
        UNION ALL SELECT n, 'model', 'needs_make' FROM import_rows
            WHERE coalesce(trim(model), '') <> '' AND coalesce(trim(make), '') = ''
        UNION ALL SELECT n, 'model', 'unknown' FROM import_rows r
            WHERE coalesce(trim(r.model), '') <> '' AND coalesce(trim(r.make), '') <> ''
              AND NOT EXISTS (SELECT 1 FROM car_models md JOIN car_makes mk ON mk.id = md.make_id
                  WHERE mk.slug = trim(r.make) AND md.deleted_at IS NULL
                    AND (md.slug = trim(r.model) OR md.slug = trim(r.make) || '-' || trim(r.model)))
        UNION ALL SELECT n, 'year_from', 'year' FROM import_rows
            WHERE coalesce(trim(year_from), '') <> '' AND (trim(year_from) !~ '^[0-9]{4}$' OR trim(year_from)::int NOT BETWEEN 1950 AND 2100)
        UNION ALL SELECT n, 'year_to', 'year' FROM import_rows
            WHERE coalesce(trim(year_to), '') <> '' AND (trim(year_to) !~ '^[0-9]{4}$' OR trim(year_to)::int NOT BETWEEN 1950 AND 2100)
        UNION ALL SELECT n, 'year_to', 'order' FROM import_rows
            WHERE trim(year_from) ~ '^[0-9]{4}$' AND trim(year_to) ~ '^[0-9]{4}$' AND trim(year_from)::int > trim(year_to)::int
        UNION ALL SELECT n, 'year_from', 'needs_make' FROM import_rows
            WHERE (coalesce(trim(year_from), '') <> '' OR coalesce(trim(year_to), '') <> '') AND coalesce(trim(make), '') = ''",
    )
    .execute(conn)
    .await?;
    Ok(())
}
