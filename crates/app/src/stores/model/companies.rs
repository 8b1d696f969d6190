//! Companies: their rows, API shapes, registration rules and the review queue.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use kernel::i18n::Message;
use kernel::pagination::PageQuery;
use kernel::validation::Validate;
use kernel::{ApiError, FieldErrors};

use super::{
    CR_DIGITS, MAX_DOCUMENTS, VAT_DIGITS, cr_number, opt_text, text, too_many, vat_number,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum CompanyStatus {
    Pending,
    Approved,
    Rejected,
}

impl CompanyStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            CompanyStatus::Pending => "pending",
            CompanyStatus::Approved => "approved",
            CompanyStatus::Rejected => "rejected",
        }
    }

    pub fn from_db(s: &str) -> CompanyStatus {
        match s {
            "approved" => CompanyStatus::Approved,
            "rejected" => CompanyStatus::Rejected,
            _ => CompanyStatus::Pending,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    CommercialRegistration,
    VatCertificate,
    Other,
}

impl DocumentKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DocumentKind::CommercialRegistration => "commercial_registration",
            DocumentKind::VatCertificate => "vat_certificate",
            DocumentKind::Other => "other",
        }
    }

    pub fn from_db(s: &str) -> DocumentKind {
        match s {
            "commercial_registration" => DocumentKind::CommercialRegistration,
            "vat_certificate" => DocumentKind::VatCertificate,
            _ => DocumentKind::Other,
        }
    }
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CompanyRow {
    pub id: Uuid,
    pub owner_id: Uuid,
    pub legal_name_ar: String,
    pub legal_name_en: String,
    pub cr_number: String,
    pub vat_number: String,
    pub city: String,
    pub address: String,
    pub status: String,
    pub rejection_reason: Option<String>,
    pub reviewed_at: Option<OffsetDateTime>,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DocumentRow {
    pub id: Uuid,
    pub company_id: Uuid,
    pub media_id: Uuid,
    pub kind: String,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CompanyDocument {
    pub id: Uuid,
    /// The uploaded file (`media_files`).
    pub media_id: Uuid,
    pub kind: DocumentKind,
}

impl From<DocumentRow> for CompanyDocument {
    fn from(r: DocumentRow) -> Self {
        CompanyDocument {
            id: r.id,
            media_id: r.media_id,
            kind: DocumentKind::from_db(&r.kind),
        }
    }
}

/// A supplier's company as the supplier and admins see it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Company {
    pub id: Uuid,
    pub legal_name_ar: String,
    pub legal_name_en: String,
    /// Commercial registration number, 10 digits.
    pub cr_number: String,
    /// VAT registration number, 15 digits.
    pub vat_number: String,
    pub city: String,
    pub address: String,
    pub status: CompanyStatus,
    /// Why the company was rejected, while it is.
    pub rejection_reason: Option<String>,
    #[serde(with = "time::serde::rfc3339::option")]
    pub reviewed_at: Option<OffsetDateTime>,
    pub documents: Vec<CompanyDocument>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

impl Company {
    pub fn from_row(r: CompanyRow, documents: Vec<CompanyDocument>) -> Company {
        Company {
            id: r.id,
            legal_name_ar: r.legal_name_ar,
            legal_name_en: r.legal_name_en,
            cr_number: r.cr_number,
            vat_number: r.vat_number,
            city: r.city,
            address: r.address,
            status: CompanyStatus::from_db(&r.status),
            rejection_reason: r.rejection_reason,
            reviewed_at: r.reviewed_at,
            documents,
            created_at: r.created_at,
            updated_at: r.updated_at,
        }
    }
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct CompanyOwner {
    pub id: Uuid,
    pub phone: String,
    pub name: Option<String>,
    pub status: String,
}

/// A company in the admin's review queue, with who registered it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AdminCompany {
    #[serde(flatten)]
    pub company: Company,
    pub owner: CompanyOwner,
}

#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewDocument {
    pub media_id: Uuid,
    pub kind: DocumentKind,
}

#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewCompany {
    #[serde(default)]
    #[schema(required = true, min_length = 1, max_length = 200, pattern = "\\S")]
    pub legal_name_ar: String,
    #[serde(default)]
    #[schema(required = true, min_length = 1, max_length = 200, pattern = "\\S")]
    pub legal_name_en: String,
    /// 10 digits; Arabic-Indic digits, spaces and dashes are accepted.
    #[serde(default)]
    #[schema(required = true, pattern = "^[0-9]{10}$")]
    pub cr_number: String,
    /// 15 digits starting and ending with 3.
    #[serde(default)]
    #[schema(required = true, pattern = "^3[0-9]{13}3$")]
    pub vat_number: String,
    #[serde(default)]
    #[schema(required = true, min_length = 1, max_length = 100, pattern = "\\S")]
    pub city: String,
    #[serde(default)]
    #[schema(required = true, min_length = 1, max_length = 500, pattern = "\\S")]
    pub address: String,
    /// Files the caller uploaded, linked with kind `other` (at most 10
    /// documents in all).
    #[schema(max_items = 10)]
    pub document_ids: Option<Vec<Uuid>>,
    /// Files the caller uploaded, each with its kind.
    #[schema(max_items = 10)]
    pub documents: Option<Vec<NewDocument>>,
}

/// Fields of a company registration; all optional when patching.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct CompanyPatch {
    #[schema(min_length = 1, max_length = 200, pattern = "\\S")]
    pub legal_name_ar: Option<String>,
    #[schema(min_length = 1, max_length = 200, pattern = "\\S")]
    pub legal_name_en: Option<String>,
    #[schema(pattern = "^[0-9]{10}$")]
    pub cr_number: Option<String>,
    #[schema(pattern = "^3[0-9]{13}3$")]
    pub vat_number: Option<String>,
    #[schema(min_length = 1, max_length = 100, pattern = "\\S")]
    pub city: Option<String>,
    #[schema(min_length = 1, max_length = 500, pattern = "\\S")]
    pub address: Option<String>,
    /// Replaces the linked documents (with `documents`) when present; at
    /// most 10 documents in all.
    #[schema(max_items = 10)]
    pub document_ids: Option<Vec<Uuid>>,
    #[schema(max_items = 10)]
    pub documents: Option<Vec<NewDocument>>,
}

fn check_cr(e: &mut FieldErrors, v: &str) {
    if e.required("crNumber", v) && cr_number(v).is_none() {
        e.add(
            "crNumber",
            Message::new("stores-validation-cr-number").arg("digits", CR_DIGITS),
        );
    }
}

fn check_vat(e: &mut FieldErrors, v: &str) {
    if e.required("vatNumber", v) && vat_number(v).is_none() {
        e.add(
            "vatNumber",
            Message::new("stores-validation-vat-number").arg("digits", VAT_DIGITS),
        );
    }
}

/// The documents of a request as (media id, kind), `None` when it names none.
pub fn requested_documents(
    ids: &Option<Vec<Uuid>>,
    docs: &Option<Vec<NewDocument>>,
) -> Option<Vec<(Uuid, DocumentKind)>> {
    if ids.is_none() && docs.is_none() {
        return None;
    }
    let mut out: Vec<(Uuid, DocumentKind)> = Vec::new();
    for d in docs.iter().flatten() {
        if !out.iter().any(|(m, _)| *m == d.media_id) {
            out.push((d.media_id, d.kind));
        }
    }
    for id in ids.iter().flatten() {
        if !out.iter().any(|(m, _)| m == id) {
            out.push((*id, DocumentKind::Other));
        }
    }
    Some(out)
}

impl Validate for NewCompany {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        text(&mut e, "legalNameAr", &self.legal_name_ar, 200);
        text(&mut e, "legalNameEn", &self.legal_name_en, 200);
        check_cr(&mut e, &self.cr_number);
        check_vat(&mut e, &self.vat_number);
        text(&mut e, "city", &self.city, 100);
        text(&mut e, "address", &self.address, 500);
        let n = requested_documents(&self.document_ids, &self.documents).map_or(0, |d| d.len());
        too_many(&mut e, "documentIds", n, MAX_DOCUMENTS);
        e.into_result()
    }
}

impl Validate for CompanyPatch {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        opt_text(&mut e, "legalNameAr", self.legal_name_ar.as_deref(), 200);
        opt_text(&mut e, "legalNameEn", self.legal_name_en.as_deref(), 200);
        if let Some(v) = &self.cr_number {
            check_cr(&mut e, v);
        }
        if let Some(v) = &self.vat_number {
            check_vat(&mut e, v);
        }
        opt_text(&mut e, "city", self.city.as_deref(), 100);
        opt_text(&mut e, "address", self.address.as_deref(), 500);
        let n = requested_documents(&self.document_ids, &self.documents).map_or(0, |d| d.len());
        too_many(&mut e, "documentIds", n, MAX_DOCUMENTS);
        e.into_result()
    }
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct CompanyQuery {
    pub status: Option<CompanyStatus>,
    /// Matches the legal names and the CR number.
    #[param(max_length = 100)]
    pub q: Option<String>,
    pub page: Option<u32>,
    pub per_page: Option<u32>,
    /// `createdAt` (default, oldest first), `legalNameEn`, `legalNameAr`; `-` for descending.
    #[param(
        pattern = "^[-+]?(createdAt|legalNameEn|legalNameAr)(,[-+]?(createdAt|legalNameEn|legalNameAr))*$"
    )]
    pub sort: Option<String>,
}

pub const COMPANY_SORTS: &[(&str, &str)] = &[
    ("createdAt", "created_at"),
    ("legalNameEn", "legal_name_en"),
    ("legalNameAr", "legal_name_ar"),
];
pub const COMPANY_DEFAULT_ORDER: &str = "created_at ASC, id ASC";

impl CompanyQuery {
    pub fn paging(&self) -> PageQuery {
        PageQuery {
            page: self.page,
            per_page: self.per_page,
            sort: self.sort.clone(),
        }
    }
}

impl Validate for CompanyQuery {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        let paging = self.paging();
        paging.check(&mut e);
        paging.order_by(COMPANY_SORTS, COMPANY_DEFAULT_ORDER, &mut e);
        if let Some(q) = &self.q {
            e.max_chars("q", q, 100);
        }
        e.into_result()
    }
}

/// A reason shown to the supplier (rejections, suspensions): required.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Reason {
    #[serde(default)]
    #[schema(required = true, min_length = 1, max_length = 500, pattern = "\\S")]
    pub reason: String,
}

impl Validate for Reason {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        text(&mut e, "reason", &self.reason, 500);
        e.into_result()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_accept_arabic_indic_digits() {
        assert_eq!(cr_number("١٠١٠١٢٣٤٥٦").as_deref(), Some("1010123456"));
        assert_eq!(cr_number("1010-123-456").as_deref(), Some("1010123456"));
        assert!(cr_number("101012345").is_none());
        assert!(cr_number("10101234a6").is_none());
        assert_eq!(
            vat_number("٣٠٠٠٠٠٠٠٠٠٠٠٠٠٣").as_deref(),
            Some("300000000000003")
        );
        assert!(vat_number("300000000000004").is_none());
        assert!(vat_number("30000000000003").is_none());
    }
}
