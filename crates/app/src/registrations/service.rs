//! The rules of registration requests in parts: the applicant's steps and
//! submission (`service/applicant.rs`), the e-mailed links
//! (`service/links.rs`), the admins' queue, approval and rejection
//! (`service/review.rs`), and the messages to the applicant
//! (`service/message.rs`). What they share is here.

pub mod applicant;
mod links;
pub mod message;
pub mod review;

use sqlx::PgConnection;

use kernel::i18n::Message;
use kernel::{ApiError, ApiResult, FieldErrors};

use super::model::{
    DocumentRow, EventRow, Kind, Registration, RegistrationDocument, RegistrationEvent,
    RegistrationRow, VehicleType,
};
use super::repo;
use crate::AppState;

/// The stored form of a draft token.
pub(crate) fn draft_hash(state: &AppState, token: &str) -> Vec<u8> {
    state
        .keys
        .hash(&[b"registration-draft", token.trim().as_bytes()])
}

/// What the request still lacks before it can be submitted, by field.
pub(crate) fn missing(row: &RegistrationRow, docs: &[DocumentRow]) -> FieldErrors {
    let mut e = FieldErrors::new();
    let mut need = |field: &str, value: &str| {
        if value.trim().is_empty() {
            e.add(field, Message::new("validation-required"));
        }
    };
    need("fullName", &row.full_name);
    need("phone", &row.phone);
    need("email", &row.email);
    let kind = row.kind();
    match kind {
        Kind::Supplier => {
            need("companyNameAr", &row.company_name_ar);
            need("companyNameEn", &row.company_name_en);
            need("crNumber", &row.cr_number);
            need("vatNumber", &row.vat_number);
            need("city", &row.city);
            need("address", &row.address);
        }
        Kind::Representative => {
            need(
                "vehicleType",
                row.vehicle_type.as_deref().unwrap_or_default(),
            );
            need("plateNumber", &row.plate_number);
            need("nationalId", &row.national_id);
            need("city", &row.city);
        }
    }
    for doc in kind.required_documents() {
        if !docs.iter().any(|d| d.kind == doc.as_str()) {
            e.add(
                format!("documents.{}", doc.as_str()),
                Message::new("registrations-document-required"),
            );
        }
    }
    e
}

/// The request as its applicant and the admins see it.
pub(crate) async fn view(db: &mut PgConnection, row: &RegistrationRow) -> ApiResult<Registration> {
    let mut views = views(db, std::slice::from_ref(row)).await?;
    Ok(views.remove(0))
}

/// [`view`] of several requests, with two reads for all of them.
pub(crate) async fn views(
    db: &mut PgConnection,
    rows: &[RegistrationRow],
) -> ApiResult<Vec<Registration>> {
    let ids: Vec<uuid::Uuid> = rows.iter().map(|r| r.id).collect();
    let docs = repo::documents(&mut *db, &ids).await?;
    let events = repo::events(&mut *db, &ids).await?;
    Ok(rows
        .iter()
        .map(|row| {
            let docs: Vec<DocumentRow> = docs
                .iter()
                .filter(|d| d.registration_id == row.id)
                .cloned()
                .collect();
            let events: Vec<&EventRow> = events
                .iter()
                .filter(|e| e.registration_id == row.id)
                .collect();
            assemble(row, &docs, &events)
        })
        .collect())
}

fn assemble(row: &RegistrationRow, docs: &[DocumentRow], events: &[&EventRow]) -> Registration {
    let missing = missing(row, docs).iter().map(|(k, _)| k.clone()).collect();
    Registration {
        id: row.id,
        kind: row.kind(),
        status: row.status(),
        full_name: row.full_name.clone(),
        phone: row.phone.clone(),
        email: row.email.clone(),
        company_name_ar: row.company_name_ar.clone(),
        company_name_en: row.company_name_en.clone(),
        cr_number: row.cr_number.clone(),
        vat_number: row.vat_number.clone(),
        address: row.address.clone(),
        vehicle_type: row.vehicle_type.as_deref().and_then(VehicleType::parse),
        plate_number: row.plate_number.clone(),
        national_id: row.national_id.clone(),
        city: row.city.clone(),
        documents: docs.iter().map(RegistrationDocument::from).collect(),
        missing,
        rejection_reason: row.rejection_reason.clone(),
        history: events.iter().map(|e| RegistrationEvent::from(*e)).collect(),
        submitted_at: row.submitted_at,
        created_at: row.created_at,
        updated_at: row.updated_at,
    }
}

/// A hit on a per-address bucket of the public routes (`per_ip_per_hour`).
pub(crate) async fn limit(state: &AppState, bucket: &str) -> ApiResult<()> {
    let mut tx = state.db.begin().await?;
    let cap = state.config.registrations.per_ip_per_hour;
    if let Err(wait) = crate::ratelimit::hit(&mut tx, bucket, cap, 3600).await? {
        return Err(ApiError::RateLimited {
            retry_after_secs: wait,
        });
    }
    tx.commit().await?;
    Ok(())
}
