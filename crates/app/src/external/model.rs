//! Merchants, their parts, imports and orders: rows, API shapes and rules.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use kernel::i18n::Message;
use kernel::pagination::PageQuery;
use kernel::validation::Validate;
use kernel::{ApiError, FieldErrors, Locale};

#[derive(Debug, Clone, sqlx::FromRow, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Merchant {
    pub id: Uuid,
    pub name_ar: String,
    pub name_en: String,
    pub cr_number: String,
    pub vat_number: String,
    pub email: String,
    pub locale: String,
    pub commission_bp: i32,
    pub lead_time_days: i32,
    pub cities: Vec<String>,
    pub status: String,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

/// `POST /admin/merchants` and `PUT /admin/merchants/{id}`.
#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MerchantInput {
    #[schema(min_length = 1, max_length = 200, pattern = "\\S")]
    pub name_ar: String,
    #[schema(min_length = 1, max_length = 200, pattern = "\\S")]
    pub name_en: String,
    /// 10 digits.
    #[schema(pattern = "^[0-9]{10}$")]
    pub cr_number: String,
    /// 15 digits, starting and ending with 3.
    #[schema(pattern = "^3[0-9]{13}3$")]
    pub vat_number: String,
    #[schema(max_length = 254)]
    pub email: String,
    /// `ar` (default) or `en`: the language the merchant is written to in.
    pub locale: Option<Locale>,
    #[schema(minimum = 0, maximum = 10000)]
    pub commission_bp: i32,
    #[schema(minimum = 0, maximum = 90)]
    pub lead_time_days: i32,
    /// Cities delivered to; empty: everywhere.
    #[schema(max_items = 200)]
    pub cities: Option<Vec<String>>,
    /// `active` (default) or `inactive`.
    #[schema(pattern = "^(active|inactive)$")]
    pub status: Option<String>,
}

impl Validate for MerchantInput {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        for (f, v) in [("nameAr", &self.name_ar), ("nameEn", &self.name_en)] {
            if e.required(f, v) {
                e.max_chars(f, v.trim(), 200);
            }
        }
        let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        if !digits(&self.cr_number, 10) {
            e.add("crNumber", Message::new("external-cr-number"));
        }
        if !(digits(&self.vat_number, 15)
            && self.vat_number.starts_with('3')
            && self.vat_number.ends_with('3'))
        {
            e.add("vatNumber", Message::new("external-vat-number"));
        }
        e.email("email", self.email.trim());
        if !(0..=10_000).contains(&self.commission_bp) {
            e.add(
                "commissionBp",
                Message::new("validation-range")
                    .arg("min", 0i64)
                    .arg("max", 10_000i64),
            );
        }
        if !(0..=90).contains(&self.lead_time_days) {
            e.add(
                "leadTimeDays",
                Message::new("validation-range")
                    .arg("min", 0i64)
                    .arg("max", 90i64),
            );
        }
        if let Some(c) = &self.cities {
            if c.len() > 200 {
                e.add(
                    "cities",
                    Message::new("validation-too-long").arg("max", 200usize),
                );
            }
            if c.iter()
                .any(|x| x.trim().is_empty() || x.chars().count() > 100)
            {
                e.add("cities", Message::new("external-city"));
            }
        }
        if let Some(s) = &self.status
            && s != "active"
            && s != "inactive"
        {
            e.add(
                "status",
                Message::new("validation-one-of").arg("allowed", "active, inactive"),
            );
        }
        e.into_result()
    }
}

/// One refused row of an import, in the reader's language.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RowError {
    /// The data row (1 is the first row after the header).
    pub row: i32,
    /// The CSV column.
    pub field: String,
    pub code: String,
    pub message: String,
}

/// An import and its report.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ImportReport {
    pub id: Uuid,
    pub merchant_id: Uuid,
    pub file_name: String,
    /// `done`, or `failed` when the file was malformed (nothing was changed).
    pub status: String,
    pub bytes: i64,
    pub rows_total: i32,
    pub rows_failed: i32,
    pub created: i32,
    pub updated: i32,
    pub unchanged: i32,
    /// Parts the file no longer lists, now unavailable.
    pub deactivated: i32,
    pub failure: Option<String>,
    /// The first refused rows (up to 1000), in row order.
    pub errors: Vec<RowError>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ImportRow {
    pub id: Uuid,
    pub merchant_id: Uuid,
    pub file_name: String,
    pub status: String,
    pub bytes: i64,
    pub rows_total: i32,
    pub rows_failed: i32,
    pub created_count: i32,
    pub updated_count: i32,
    pub unchanged_count: i32,
    pub deactivated_count: i32,
    pub failure: Option<String>,
    pub created_at: OffsetDateTime,
}

impl ImportRow {
    pub fn report(self, errors: Vec<RowError>) -> ImportReport {
        ImportReport {
            id: self.id,
            merchant_id: self.merchant_id,
            file_name: self.file_name,
            status: self.status,
            bytes: self.bytes,
            rows_total: self.rows_total,
            rows_failed: self.rows_failed,
            created: self.created_count,
            updated: self.updated_count,
            unchanged: self.unchanged_count,
            deactivated: self.deactivated_count,
            failure: self.failure,
            errors,
            created_at: self.created_at,
        }
    }
}

/// An external part as search and its page show it.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ExternalPart {
    pub id: Uuid,
    pub merchant_id: Uuid,
    pub merchant_name_ar: String,
    pub merchant_name_en: String,
    /// Days until the merchant ships.
    pub lead_time_days: i32,
    pub sku: String,
    pub name_ar: String,
    pub name_en: String,
    pub oem_numbers: Vec<String>,
    /// Halalas before VAT.
    pub price: i64,
    pub stock: i32,
    pub available: bool,
    pub make_id: Option<Uuid>,
    pub model_id: Option<Uuid>,
    pub year_from: Option<i32>,
    pub year_to: Option<i32>,
    /// Always true: marks the part as sold by an outside merchant.
    #[sqlx(default)]
    pub external: bool,
}

/// `GET /external-parts`.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct PartSearch {
    /// Words in Arabic or English, or an OEM number.
    #[param(max_length = 200)]
    pub q: Option<String>,
    pub make_id: Option<Uuid>,
    pub model_id: Option<Uuid>,
    #[param(minimum = 1950, maximum = 2100)]
    pub year: Option<i32>,
    pub page: Option<u32>,
    pub per_page: Option<u32>,
}

impl PartSearch {
    pub fn paging(&self) -> PageQuery {
        PageQuery {
            page: self.page,
            per_page: self.per_page,
            sort: None,
        }
    }
}

impl Validate for PartSearch {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        self.paging().check(&mut e);
        if let Some(q) = &self.q {
            e.max_chars("q", q, 200);
        }
        if let Some(y) = self.year
            && !(1950..=2100).contains(&y)
        {
            e.add(
                "year",
                Message::new("validation-range")
                    .arg("min", 1950i64)
                    .arg("max", 2100i64),
            );
        }
        e.into_result()
    }
}

/// `GET /admin/merchants`, `GET /admin/external-orders`: paging only.
#[derive(Debug, Default, Deserialize, utoipa::IntoParams)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// External orders: by status.
    #[param(pattern = "^(placed|confirmed|ordered|shipped|delivered|cancelled|refunded)$")]
    pub status: Option<String>,
    pub page: Option<u32>,
    pub per_page: Option<u32>,
}

impl ListQuery {
    pub fn paging(&self) -> PageQuery {
        PageQuery {
            page: self.page,
            per_page: self.per_page,
            sort: None,
        }
    }
}

impl Validate for ListQuery {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        self.paging().check(&mut e);
        if let Some(s) = &self.status
            && super::orders::Step::parse(s).is_none()
        {
            e.add(
                "status",
                Message::new("validation-one-of").arg("allowed", super::orders::Step::LIST),
            );
        }
        e.into_result()
    }
}

/// An order of one external part, as its customer and admins see it.
#[derive(Debug, Clone, sqlx::FromRow, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ExternalOrder {
    pub id: Uuid,
    pub number: String,
    pub customer_id: Uuid,
    pub merchant_id: Uuid,
    pub part_id: Uuid,
    pub sku: String,
    pub name_ar: String,
    pub name_en: String,
    pub unit_price: i64,
    pub quantity: i32,
    pub subtotal: i64,
    pub delivery_fee: i64,
    pub vat: i64,
    pub total: i64,
    pub commission_bp: i32,
    pub commission: i64,
    pub commission_vat: i64,
    /// placed, confirmed, ordered, shipped, delivered, cancelled or refunded.
    pub status: String,
    pub payment_method: String,
    #[schema(value_type = Object)]
    pub address: serde_json::Value,
    #[serde(with = "time::serde::rfc3339::option")]
    #[schema(value_type = Option<String>, format = DateTime)]
    pub paid_at: Option<OffsetDateTime>,
    #[serde(with = "time::serde::rfc3339")]
    #[schema(value_type = String, format = DateTime)]
    pub created_at: OffsetDateTime,
}
