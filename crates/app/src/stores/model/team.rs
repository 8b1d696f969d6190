//! Store employees and their permission slugs.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use uuid::Uuid;

use kernel::i18n::Message;
use kernel::phone::Phone;
use kernel::validation::Validate;
use kernel::{ApiError, FieldErrors};

use super::StorePermission;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct EmployeeRow {
    pub id: Uuid,
    pub store_id: Uuid,
    pub user_id: Uuid,
    pub phone: String,
    pub name: Option<String>,
    pub permissions: Vec<String>,
    pub created_at: OffsetDateTime,
    pub updated_at: OffsetDateTime,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Employee {
    pub id: Uuid,
    pub user_id: Uuid,
    pub phone: String,
    pub name: Option<String>,
    pub permissions: Vec<StorePermission>,
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
}

impl From<EmployeeRow> for Employee {
    fn from(r: EmployeeRow) -> Self {
        Employee {
            id: r.id,
            user_id: r.user_id,
            phone: r.phone,
            name: r.name,
            permissions: parse_store_permissions(&r.permissions),
            created_at: r.created_at,
            updated_at: r.updated_at,
        }
    }
}

fn check_store_permissions(e: &mut FieldErrors, slugs: &[String]) {
    for s in slugs {
        if StorePermission::from_slug(s).is_none() {
            e.add(
                "permissions",
                Message::new("validation-permission-unknown").arg("permission", s.as_str()),
            );
        }
    }
}

/// Known slugs, sorted and without repeats.
pub fn parse_store_permissions(slugs: &[String]) -> Vec<StorePermission> {
    let mut out: Vec<StorePermission> = slugs
        .iter()
        .filter_map(|s| StorePermission::from_slug(s))
        .collect();
    out.sort_by_key(|p| p.slug());
    out.dedup();
    out
}

pub fn slugs(perms: &[StorePermission]) -> Vec<String> {
    perms.iter().map(|p| p.slug().to_owned()).collect()
}

#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewEmployee {
    /// Any common form: 05XXXXXXXX, +9665XXXXXXXX, Arabic-Indic digits.
    #[serde(default)]
    #[schema(
        required = true,
        pattern = "^(\\+9665[0-9]{8}|05[0-9]{8}|\\+[1-8][0-9]{7,14})$"
    )]
    pub phone: String,
    #[serde(default)]
    #[schema(value_type = Vec<StorePermission>)]
    pub permissions: Vec<String>,
}

impl NewEmployee {
    pub fn phone(&self) -> Phone {
        Phone::parse(&self.phone).expect("validated")
    }
}

impl Validate for NewEmployee {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        if e.required("phone", &self.phone) && Phone::parse(&self.phone).is_none() {
            e.add("phone", Message::new("validation-phone"));
        }
        check_store_permissions(&mut e, &self.permissions);
        e.into_result()
    }
}

#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EmployeePatch {
    /// Replaces the employee's permissions.
    #[schema(required = true, value_type = Vec<StorePermission>)]
    pub permissions: Option<Vec<String>>,
}

impl Validate for EmployeePatch {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        match &self.permissions {
            Some(p) => check_store_permissions(&mut e, p),
            None => {
                e.add("permissions", Message::new("validation-required"));
            }
        }
        e.into_result()
    }
}
