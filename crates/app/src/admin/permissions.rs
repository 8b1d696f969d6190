//! The fixed catalog of admin permissions and the single guard that decides
//! role + permission for every admin action.

use serde::{Deserialize, Serialize};

use kernel::{ApiError, ApiResult};

use crate::AppState;
use crate::auth::Caller;
use crate::identity::model::Role;

/// Later features add their permissions here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
pub enum Permission {
    #[serde(rename = "users.view")]
    UsersView,
    #[serde(rename = "users.manage")]
    UsersManage,
    #[serde(rename = "admins.manage")]
    AdminsManage,
    #[serde(rename = "audit.view")]
    AuditView,
    #[serde(rename = "companies.manage")]
    CompaniesManage,
    #[serde(rename = "stores.manage")]
    StoresManage,
    #[serde(rename = "products.approve")]
    ProductsApprove,
    #[serde(rename = "catalog.manage")]
    CatalogManage,
    #[serde(rename = "orders.manage")]
    OrdersManage,
    #[serde(rename = "finance.manage")]
    FinanceManage,
    #[serde(rename = "coupons.manage")]
    CouponsManage,
    #[serde(rename = "reviews.moderate")]
    ReviewsModerate,
    #[serde(rename = "support.manage")]
    SupportManage,
    #[serde(rename = "notifications.manage")]
    NotificationsManage,
    #[serde(rename = "jobs.manage")]
    JobsManage,
    #[serde(rename = "requests.manage")]
    RequestsManage,
    #[serde(rename = "external.manage")]
    ExternalManage,
    #[serde(rename = "bookings.manage")]
    BookingsManage,
    #[serde(rename = "reps.manage")]
    RepsManage,
    #[serde(rename = "settings.manage")]
    SettingsManage,
    #[serde(rename = "content.manage")]
    ContentManage,
}

impl Permission {
    pub const ALL: [Permission; 21] = [
        Permission::UsersView,
        Permission::UsersManage,
        Permission::AdminsManage,
        Permission::AuditView,
        Permission::CompaniesManage,
        Permission::StoresManage,
        Permission::ProductsApprove,
        Permission::CatalogManage,
        Permission::OrdersManage,
        Permission::FinanceManage,
        Permission::CouponsManage,
        Permission::ReviewsModerate,
        Permission::SupportManage,
        Permission::NotificationsManage,
        Permission::JobsManage,
        Permission::RequestsManage,
        Permission::ExternalManage,
        Permission::BookingsManage,
        Permission::RepsManage,
        Permission::SettingsManage,
        Permission::ContentManage,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            Permission::UsersView => "users.view",
            Permission::UsersManage => "users.manage",
            Permission::AdminsManage => "admins.manage",
            Permission::AuditView => "audit.view",
            Permission::CompaniesManage => "companies.manage",
            Permission::StoresManage => "stores.manage",
            Permission::ProductsApprove => "products.approve",
            Permission::CatalogManage => "catalog.manage",
            Permission::OrdersManage => "orders.manage",
            Permission::FinanceManage => "finance.manage",
            Permission::CouponsManage => "coupons.manage",
            Permission::ReviewsModerate => "reviews.moderate",
            Permission::SupportManage => "support.manage",
            Permission::NotificationsManage => "notifications.manage",
            Permission::JobsManage => "jobs.manage",
            Permission::RequestsManage => "requests.manage",
            Permission::ExternalManage => "external.manage",
            Permission::BookingsManage => "bookings.manage",
            Permission::RepsManage => "reps.manage",
            Permission::SettingsManage => "settings.manage",
            Permission::ContentManage => "content.manage",
        }
    }

    pub fn from_slug(s: &str) -> Option<Permission> {
        Permission::ALL.into_iter().find(|p| p.slug() == s)
    }
}

/// Whether the caller holds `permission`: super admins hold every one, admins
/// the ones granted to them, nobody else any.
pub async fn holds(state: &AppState, caller: &Caller, permission: Permission) -> ApiResult<bool> {
    match caller.role {
        Role::SuperAdmin => Ok(true),
        Role::Admin => {
            Ok(super::repo::has_permission(&state.db, caller.user_id, permission.slug()).await?)
        }
        _ => Ok(false),
    }
}

/// Proof that the caller is an admin holding `permission`. Only [`require`]
/// makes one, so a function taking it cannot be reached unchecked.
#[allow(
    clippy::manual_non_exhaustive,
    reason = "sealed to this module, where non_exhaustive would seal it to the crate"
)]
#[derive(Debug, Clone, Copy)]
pub struct Granted {
    pub admin: uuid::Uuid,
    pub permission: Permission,
    _sealed: (),
}

/// The guard: 403 unless the caller is an admin holding `permission`.
/// Services call it; handlers never do.
pub async fn require(
    state: &AppState,
    caller: &Caller,
    permission: Permission,
) -> ApiResult<Granted> {
    if holds(state, caller, permission).await? {
        Ok(Granted {
            admin: caller.user_id,
            permission,
            _sealed: (),
        })
    } else {
        Err(ApiError::Forbidden)
    }
}

/// Which of the catalog's permissions the caller holds (for pages that show
/// or hide what the caller may do; the services still decide).
pub async fn held(state: &AppState, caller: &Caller) -> ApiResult<Vec<Permission>> {
    match caller.role {
        Role::SuperAdmin => Ok(Permission::ALL.to_vec()),
        // One read for the whole set: every page's sidebar asks.
        Role::Admin => Ok(super::repo::permissions_of(&state.db, caller.user_id)
            .await?
            .iter()
            .filter_map(|s| Permission::from_slug(s))
            .collect()),
        _ => Ok(Vec::new()),
    }
}

/// The permission catalog, for those who grant permissions (`admins.manage`).
pub async fn catalog(state: &AppState, caller: &Caller) -> ApiResult<Vec<Permission>> {
    require(state, caller, Permission::AdminsManage).await?;
    Ok(Permission::ALL.to_vec())
}
