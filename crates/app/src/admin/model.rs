use serde::{Deserialize, Serialize};

use kernel::i18n::Message;
use kernel::pagination::PageQuery;
use kernel::phone::Phone;
use kernel::validation::Validate;
use kernel::{ApiError, FieldErrors};

use super::permissions::Permission;
use crate::identity::model::{Role, User, UserStatus};

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct UserQuery {
    /// Matches name, phone or email.
    #[param(max_length = 100)]
    pub q: Option<String>,
    pub role: Option<Role>,
    pub status: Option<UserStatus>,
    pub page: Option<u32>,
    pub per_page: Option<u32>,
    /// `createdAt`, `name`, `lastLoginAt`; `-` for descending.
    #[param(pattern = "^[-+]?(createdAt|name|lastLoginAt)(,[-+]?(createdAt|name|lastLoginAt))*$")]
    pub sort: Option<String>,
}

impl UserQuery {
    pub fn paging(&self) -> PageQuery {
        PageQuery {
            page: self.page,
            per_page: self.per_page,
            sort: self.sort.clone(),
        }
    }
}

/// API sort keys of the user list and their columns.
pub const USER_SORTS: &[(&str, &str)] = &[
    ("createdAt", "created_at"),
    ("name", "name"),
    ("lastLoginAt", "last_login_at"),
];
pub const USER_DEFAULT_ORDER: &str = "created_at DESC, id DESC";

impl Validate for UserQuery {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        let paging = self.paging();
        paging.check(&mut e);
        paging.order_by(USER_SORTS, USER_DEFAULT_ORDER, &mut e);
        if let Some(q) = &self.q {
            e.max_chars("q", q, 100);
        }
        e.into_result()
    }
}

#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
#[schema(as = UserStatusChange)]
pub struct StatusChange {
    /// Shown to the user; required when suspending.
    #[serde(default)]
    #[schema(required = true, value_type = String, min_length = 1, max_length = 500, pattern = "\\S")]
    pub reason: Option<String>,
}

impl Validate for StatusChange {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        if let Some(r) = &self.reason {
            e.max_chars("reason", r, 500);
        }
        e.into_result()
    }
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AdminView {
    #[serde(flatten)]
    pub user: User,
    pub permissions: Vec<Permission>,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewAdmin {
    #[serde(default)]
    #[schema(
        required = true,
        pattern = "^(\\+9665[0-9]{8}|05[0-9]{8}|\\+[1-8][0-9]{7,14})$"
    )]
    pub phone: String,
    #[schema(max_length = 100)]
    pub name: Option<String>,
    #[serde(default)]
    #[schema(value_type = Vec<Permission>)]
    pub permissions: Vec<String>,
}

fn check_permissions(slugs: &[String], e: &mut FieldErrors) {
    for s in slugs {
        if Permission::from_slug(s).is_none() {
            e.add(
                "permissions",
                Message::new("validation-permission-unknown").arg("permission", s.as_str()),
            );
        }
    }
}

pub fn parse_permissions(slugs: &[String]) -> Vec<Permission> {
    let mut out: Vec<Permission> = slugs
        .iter()
        .filter_map(|s| Permission::from_slug(s))
        .collect();
    out.sort_by_key(|p| p.slug());
    out.dedup();
    out
}

impl NewAdmin {
    pub fn phone(&self) -> Phone {
        Phone::parse(&self.phone).expect("validated")
    }
}

impl Validate for NewAdmin {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        if e.required("phone", &self.phone) && Phone::parse(&self.phone).is_none() {
            e.add("phone", Message::new("validation-phone"));
        }
        if let Some(n) = &self.name {
            e.max_chars("name", n, 100);
        }
        check_permissions(&self.permissions, &mut e);
        e.into_result()
    }
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PermissionSet {
    #[serde(default)]
    #[schema(value_type = Vec<Permission>)]
    pub permissions: Vec<String>,
}

impl Validate for PermissionSet {
    fn validate(&self) -> Result<(), ApiError> {
        let mut e = FieldErrors::new();
        check_permissions(&self.permissions, &mut e);
        e.into_result()
    }
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PermissionInfo {
    pub slug: Permission,
}
