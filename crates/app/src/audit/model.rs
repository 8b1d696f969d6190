use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use kernel::pagination::PageQuery;
use kernel::validation::Validate;
use kernel::{ApiError, FieldErrors};

#[derive(Debug, Serialize, sqlx::FromRow, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AuditEntry {
    pub id: Uuid,
    pub actor_id: Option<Uuid>,
    pub actor_role: Option<String>,
    pub action: String,
    pub entity_type: String,
    pub entity_id: Option<String>,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
    pub request_id: Option<String>,
    pub ip: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    pub actor_id: Option<Uuid>,
    pub entity_type: Option<String>,
    pub entity_id: Option<String>,
    pub action: Option<String>,
    pub page: Option<u32>,
    pub per_page: Option<u32>,
    /// `createdAt`, `action`; `-` for descending.
    #[param(pattern = "^[-+]?(createdAt|action)(,[-+]?(createdAt|action))*$")]
    pub sort: Option<String>,
}

impl AuditQuery {
    pub fn paging(&self) -> PageQuery {
        PageQuery {
            page: self.page,
            per_page: self.per_page,
            sort: self.sort.clone(),
        }
    }
}

pub const AUDIT_SORTS: &[(&str, &str)] = &[("createdAt", "created_at"), ("action", "action")];
pub const AUDIT_DEFAULT_ORDER: &str = "created_at DESC, id DESC";

impl Validate for AuditQuery {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        let paging = self.paging();
        paging.check(&mut e);
        paging.order_by(AUDIT_SORTS, AUDIT_DEFAULT_ORDER, &mut e);
        e.into_result()
    }
}
