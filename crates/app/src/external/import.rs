//! Catalog import from a merchant's CSV, in one streamed pass: the bytes go
//! to PostgreSQL's `COPY … FROM STDIN` as they arrive (memory stays flat
//! whatever the file's size), into a temporary table of text columns. The
//! rows are then checked in SQL (each failing field with its code), the
//! valid ones upserted by SKU only where something changed (so importing
//! the same file again changes nothing), the parts the file no longer lists
//! made unavailable, and the changed parts indexed for search, all in the
//! transaction of the `COPY`. A file `COPY` cannot read (wrong header, a row
//! with too many or too few columns, bytes that are not UTF-8) rolls all of
//! it back: the failed import is recorded and nothing else is.

use bytes::Bytes;
use futures_util::{Stream, StreamExt};
use sqlx::PgConnection;
use uuid::Uuid;

use kernel::i18n::Message;
use kernel::{ApiError, ApiResult, Locale};

use super::model::{ImportReport, RowError};
use super::repo;
use crate::AppState;
use crate::admin::permissions::{Permission, require};
use crate::auth::Caller;

/// The CSV's columns, in order; the header must name exactly these.
pub const COLUMNS: [&str; 11] = [
    "sku",
    "name_ar",
    "name_en",
    "price",
    "stock",
    "oem_numbers",
    "category",
    "make",
    "model",
    "year_from",
    "year_to",
];

/// A downloadable template: the header and two example rows.
pub const TEMPLATE: &str = "sku,name_ar,name_en,price,stock,oem_numbers,category,make,model,year_from,year_to\n\
HL-SON-16-L,شمعة أمامية يسار,Left headlight,420.00,7,92101-C1000|92101C1000,lights,hyundai,sonata,2015,2019\n\
OF-TY-01,فلتر زيت,Oil filter,25.50,120,04152-YZZA1,,toyota,,,\n";

/// Row errors kept per import (all are counted).
const KEPT_ERRORS: i64 = 1000;

/// Parts indexed for search per round trip.
const INDEX_BATCH: i64 = 1000;

fn too_large() -> ApiError {
    ApiError::PayloadTooLarge
}

/// Imports `body` (a CSV) into `merchant`'s catalog; the report of the
/// import, or 422 `IMPORT_MALFORMED` when the file could not be read.
pub async fn run<S, E>(
    state: &AppState,
    caller: &Caller,
    merchant: Uuid,
    file_name: &str,
    mut body: S,
) -> ApiResult<ImportReport>
where
    S: Stream<Item = Result<Bytes, E>> + Unpin,
    E: std::fmt::Display,
{
    require(state, caller, Permission::ExternalManage).await?;
    repo::merchant(&state.db, merchant)
        .await?
        .ok_or(ApiError::NotFound)?;
    let id = Uuid::now_v7();
    let file_name: String = file_name.chars().take(200).collect();
    let max = state.config.max_import_bytes as u64;
    let mut tx = state.db.begin().await?;
    repo::create_staging(&mut tx).await?;
    let mut bytes: u64 = 0;
    let copied = {
        let mut copy = repo::copy_in(&mut tx, &COLUMNS).await?;
        let mut failed: Option<Result<String, ApiError>> = None;
        while let Some(chunk) = body.next().await {
            let chunk = match chunk {
                Ok(c) => c,
                Err(e) => {
                    failed = Some(Err(ApiError::BadRequest(
                        Message::new("external-upload-broken").arg("reason", e.to_string()),
                    )));
                    break;
                }
            };
            bytes += chunk.len() as u64;
            if bytes > max {
                failed = Some(Err(too_large()));
                break;
            }
            if let Err(e) = copy.send(chunk).await {
                failed = Some(Ok(reason(&e)));
                break;
            }
        }
        match failed {
            Some(Err(e)) => {
                let _ = copy.abort("the upload stopped").await;
                return Err(e);
            }
            Some(Ok(why)) => Err(why),
            None => copy.finish().await.map_err(|e| reason(&e)),
        }
    };
    let rows = match copied {
        Ok(n) => n,
        Err(why) => {
            // Nothing of the file stays; only the failed import is recorded.
            drop(tx);
            repo::record_failed_import(
                &state.db,
                id,
                merchant,
                &file_name,
                bytes as i64,
                &why,
                caller.user_id,
            )
            .await?;
            return Err(ApiError::Unprocessable {
                code: "IMPORT_MALFORMED",
                message: Message::new("external-import-malformed").arg("reason", why),
                fields: kernel::FieldErrors::new(),
            });
        }
    };
    repo::check_rows(&mut tx).await?;
    let failed_rows = repo::failed_rows(&mut tx).await?;
    let (created, updated) = repo::upsert_valid(&mut tx, merchant, caller.user_id).await?;
    let deactivated = repo::deactivate_vanished(&mut tx, merchant, caller.user_id).await?;
    reindex(&mut tx, merchant).await?;
    let total = i32::try_from(rows).unwrap_or(i32::MAX);
    let valid = total - failed_rows;
    repo::record_import(
        &mut tx,
        &repo::DoneImport {
            id,
            merchant,
            file_name: &file_name,
            bytes: bytes as i64,
            rows_total: total,
            rows_failed: failed_rows,
            created,
            updated,
            unchanged: valid - created - updated,
            deactivated,
            by: caller.user_id,
            keep_errors: KEPT_ERRORS,
        },
    )
    .await?;
    crate::audit::record(
        &mut *tx,
        caller,
        "external.import",
        "merchant",
        merchant,
        None::<&()>,
        Some(&serde_json::json!({"importId": id, "rows": total, "failed": failed_rows, "created": created, "updated": updated, "deactivated": deactivated})),
    )
    .await?;
    tx.commit().await?;
    report(state, caller.client.locale, id).await
}

/// What PostgreSQL said of the file, without its internals.
fn reason(e: &sqlx::Error) -> String {
    match e.as_database_error() {
        Some(d) => {
            let pg = d.try_downcast_ref::<sqlx::postgres::PgDatabaseError>();
            let at = pg
                .and_then(|p| p.r#where())
                .map(|w| format!(" ({w})"))
                .unwrap_or_default();
            format!("{}{at}", d.message())
        }
        None => e.to_string(),
    }
}

/// Indexes the merchant's changed parts for search, a batch at a time (the
/// normalisation is the products' own, in Rust).
async fn reindex(conn: &mut PgConnection, merchant: Uuid) -> sqlx::Result<()> {
    loop {
        let rows = repo::unindexed(&mut *conn, merchant, INDEX_BATCH).await?;
        if rows.is_empty() {
            return Ok(());
        }
        let (ids, texts): (Vec<Uuid>, Vec<String>) = rows
            .into_iter()
            .map(|(id, ar, en, oem)| {
                let codes: Vec<String> =
                    oem.iter().map(|c| kernel::text::compact_code(c)).collect();
                let text = format!(
                    "{} {} {} {}",
                    kernel::text::normalize(&ar),
                    kernel::text::normalize(&en),
                    oem.join(" ").to_lowercase(),
                    codes.join(" ").to_lowercase()
                );
                // Never '' again: that marks a part still to index.
                (id, format!("{} ", text.trim()))
            })
            .unzip();
        repo::set_search_text(&mut *conn, &ids, &texts).await?;
    }
}

/// An import's report, its row errors in the reader's language.
pub async fn report(state: &AppState, locale: Locale, id: Uuid) -> ApiResult<ImportReport> {
    let row = repo::import(&state.db, id)
        .await?
        .ok_or(ApiError::NotFound)?;
    let errors = repo::import_errors(&state.db, id)
        .await?
        .into_iter()
        .map(|(n, field, code)| RowError {
            message: Message::new(error_key(&code))
                .arg("field", field.clone())
                .render(locale),
            row: n,
            field,
            code,
        })
        .collect();
    Ok(row.report(errors))
}

fn error_key(code: &str) -> &'static str {
    match code {
        "required" => "external-row-required",
        "too_long" => "external-row-too-long",
        "repeated" => "external-row-repeated",
        "price" => "external-row-price",
        "stock" => "external-row-stock",
        "oem" => "external-row-oem",
        "unknown" => "external-row-unknown",
        "needs_make" => "external-row-needs-make",
        "year" => "external-row-year",
        "order" => "external-row-year-order",
        _ => "external-row-invalid",
    }
}
