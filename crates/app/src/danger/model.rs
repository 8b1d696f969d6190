use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use kernel::validation::Validate;
use kernel::{ApiError, FieldErrors, Message};

/// Typed exactly, in either surface's language: the same Latin words.
pub const CONFIRM_PHRASE: &str = "DELETE ALL BUSINESS DATA";

/// Tables kept whole. Anything not here (and not in [`ADMIN_ROWS`], nor
/// `media_files`, which keeps the banners' images) is emptied, so a table a
/// later feature adds is business data by default.
pub const KEPT_TABLES: &[&str] = &[
    "_sqlx_migrations",
    // settings
    "system_settings",
    "cashback_rules",
    "courier_rates",
    // taxonomy
    "car_makes",
    "car_models",
    "body_types",
    "categories",
    "services",
    "store_types",
    "store_type_services",
    // templates
    "notification_templates",
    // geography and content, once they exist
    "countries",
    "cities",
    "areas",
    "regions",
    "banners",
    "faqs",
    "static_pages",
    "static_page_versions",
    "social_links",
];

/// Tables whose admins' rows are kept and everyone else's removed, with the
/// column that names the user.
pub const ADMIN_ROWS: &[(&str, &str)] = &[
    ("admin_permissions", "user_id"),
    ("auth_sessions", "user_id"),
    ("devices", "user_id"),
    ("notification_preferences", "user_id"),
    ("users", "id"),
];

#[derive(Debug, Deserialize, ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ClearRequest {
    /// Exactly `DELETE ALL BUSINESS DATA`.
    #[schema(max_length = 64)]
    pub phrase: String,
    /// The step-up code just sent by SMS.
    #[schema(pattern = "^[0-9]{6}$")]
    pub code: String,
}

impl Validate for ClearRequest {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        if self.phrase != CONFIRM_PHRASE {
            e.add(
                "phrase",
                Message::new("danger-phrase-mismatch").arg("phrase", CONFIRM_PHRASE),
            );
        }
        if self.code.len() != 6 || !self.code.bytes().all(|b| b.is_ascii_digit()) {
            e.add("code", Message::new("validation-otp-format"));
        }
        e.into_result()
    }
}

#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct StepUpSent {
    pub expires_in_seconds: u64,
    /// The phone the code went to, masked.
    pub sent_to: String,
}

/// Rows removed per table, and the tables kept whole.
#[derive(Debug, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ClearReport {
    pub removed: std::collections::BTreeMap<String, i64>,
    pub kept: Vec<String>,
    pub audit_id: uuid::Uuid,
}
