//! Registration requests: their rows and API shapes. The fixed lists are in
//! `model/kinds.rs`, the bodies of the form's steps and their rules in
//! `model/steps.rs`, the admins' query in `model/admin.rs`.

mod admin;
mod kinds;
mod steps;

pub use admin::*;
pub use kinds::*;
pub use steps::*;

use serde::Serialize;
use time::OffsetDateTime;
use uuid::Uuid;

/// A stored request (`registration_requests`).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RegistrationRow {
    pub id: Uuid,
    pub kind: String,
    pub status: String,
    pub locale: String,
    pub full_name: String,
    pub phone: String,
    pub email: String,
    pub company_name_ar: String,
    pub company_name_en: String,
    pub cr_number: String,
    pub vat_number: String,
    pub address: String,
    pub vehicle_type: Option<String>,
    pub plate_number: String,
    pub national_id: String,
    pub city: String,
    pub confirm_nonce: Option<String>,
    pub confirm_expires_at: Option<OffsetDateTime>,
    pub confirmed_email: Option<String>,
    pub confirmed_at: Option<OffsetDateTime>,
    pub submitted_at: Option<OffsetDateTime>,
    pub resume_nonce: Option<String>,
    pub resume_expires_at: Option<OffsetDateTime>,
    pub rejection_reason: Option<String>,
    pub reviewed_at: Option<OffsetDateTime>,
    pub user_id: Option<Uuid>,
    pub company_id: Option<Uuid>,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
}

impl RegistrationRow {
    pub fn kind(&self) -> Kind {
        Kind::parse(&self.kind).unwrap_or(Kind::Supplier)
    }
    pub fn status(&self) -> Status {
        Status::from_db(&self.status)
    }
    pub fn locale(&self) -> kernel::Locale {
        kernel::Locale::parse(&self.locale).unwrap_or_default()
    }
}

/// A document row with its file's facts.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DocumentRow {
    pub id: Uuid,
    pub registration_id: Uuid,
    pub kind: String,
    pub media_id: Uuid,
    pub content_type: String,
    pub size_bytes: i64,
    pub original_name: Option<String>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RegistrationDocument {
    pub id: Uuid,
    pub kind: DocumentKind,
    /// The uploaded file; admins read it at `/api/v1/media/{mediaId}`.
    pub media_id: Uuid,
    /// `application/pdf`, `image/jpeg` or `image/png`.
    pub content_type: String,
    pub size_bytes: i64,
    pub original_name: Option<String>,
}

impl From<&DocumentRow> for RegistrationDocument {
    fn from(d: &DocumentRow) -> Self {
        RegistrationDocument {
            id: d.id,
            kind: DocumentKind::parse(&d.kind).unwrap_or(DocumentKind::Other),
            media_id: d.media_id,
            content_type: d.content_type.clone(),
            size_bytes: d.size_bytes,
            original_name: d.original_name.clone(),
        }
    }
}

/// One step of a request's history.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct EventRow {
    pub registration_id: Uuid,
    pub event: String,
    pub reason: Option<String>,
    pub created_at: OffsetDateTime,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RegistrationEvent {
    /// `submitted`, `confirmed`, `resubmitted`, `rejected` or `approved`.
    pub event: String,
    /// Why it was rejected.
    pub reason: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
}

impl From<&EventRow> for RegistrationEvent {
    fn from(e: &EventRow) -> Self {
        RegistrationEvent {
            event: e.event.clone(),
            reason: e.reason.clone(),
            at: e.created_at,
        }
    }
}

/// A request as its applicant (and an admin) sees it. Fields not given yet
/// are empty.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Registration {
    pub id: Uuid,
    pub kind: Kind,
    pub status: Status,
    pub full_name: String,
    /// E.164.
    pub phone: String,
    pub email: String,
    pub company_name_ar: String,
    pub company_name_en: String,
    pub cr_number: String,
    pub vat_number: String,
    pub address: String,
    pub vehicle_type: Option<VehicleType>,
    pub plate_number: String,
    pub national_id: String,
    pub city: String,
    pub documents: Vec<RegistrationDocument>,
    /// What is still needed before it can be submitted, by field name
    /// (`fullName`, `crNumber`, `documents.national_id`).
    pub missing: Vec<String>,
    /// Why it was rejected, while it is.
    pub rejection_reason: Option<String>,
    /// Submissions, confirmation, rejections with their reasons, approval.
    pub history: Vec<RegistrationEvent>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub submitted_at: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

/// A new draft and the token that opens it: send it back as `X-Draft-Token`
/// on every later call. It is shown once and never stored.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RegistrationDraft {
    pub registration: Registration,
    pub draft_token: String,
}
