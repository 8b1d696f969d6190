//! The one store-access check. Every store-scoped action calls [`require`]
//! with the permission slug it needs; the answer is owner, employee holding
//! the slug, 403 for an employee without it, and 404 for everyone else, so
//! a store's objects never reveal that they exist to outsiders.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use kernel::{ApiError, ApiResult};

use crate::AppState;
use crate::auth::Caller;

/// Permission slugs store owners grant to employees, per store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
pub enum StorePermission {
    #[serde(rename = "products.view")]
    ProductsView,
    #[serde(rename = "products.manage")]
    ProductsManage,
    #[serde(rename = "orders.view")]
    OrdersView,
    #[serde(rename = "orders.manage")]
    OrdersManage,
    #[serde(rename = "requests.view")]
    RequestsView,
    #[serde(rename = "requests.manage")]
    RequestsManage,
    #[serde(rename = "bookings.manage")]
    BookingsManage,
    #[serde(rename = "store.settings.manage")]
    StoreSettingsManage,
    #[serde(rename = "store.team.manage")]
    StoreTeamManage,
}

impl StorePermission {
    pub const ALL: [StorePermission; 9] = [
        StorePermission::ProductsView,
        StorePermission::ProductsManage,
        StorePermission::OrdersView,
        StorePermission::OrdersManage,
        StorePermission::RequestsView,
        StorePermission::RequestsManage,
        StorePermission::BookingsManage,
        StorePermission::StoreSettingsManage,
        StorePermission::StoreTeamManage,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            StorePermission::ProductsView => "products.view",
            StorePermission::ProductsManage => "products.manage",
            StorePermission::OrdersView => "orders.view",
            StorePermission::OrdersManage => "orders.manage",
            StorePermission::RequestsView => "requests.view",
            StorePermission::RequestsManage => "requests.manage",
            StorePermission::BookingsManage => "bookings.manage",
            StorePermission::StoreSettingsManage => "store.settings.manage",
            StorePermission::StoreTeamManage => "store.team.manage",
        }
    }

    pub fn from_slug(s: &str) -> Option<StorePermission> {
        StorePermission::ALL.into_iter().find(|p| p.slug() == s)
    }

    /// Managing something includes seeing it.
    fn granted_by(self, held: StorePermission) -> bool {
        held == self
            || matches!(
                (self, held),
                (
                    StorePermission::ProductsView,
                    StorePermission::ProductsManage
                ) | (StorePermission::OrdersView, StorePermission::OrdersManage)
                    | (
                        StorePermission::RequestsView,
                        StorePermission::RequestsManage
                    )
            )
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreRole {
    Owner,
    Employee(Vec<StorePermission>),
}

/// Who the caller is to a store they may act on: the proof of access that
/// store-scoped services take. Only this module (and the stores feature,
/// for stores it just read the caller's role in) makes one.
#[allow(
    clippy::manual_non_exhaustive,
    reason = "sealed to this module, where non_exhaustive would seal it to the crate"
)]
#[derive(Debug, Clone)]
pub struct StoreAccess {
    pub store_id: Uuid,
    pub company_id: Uuid,
    pub role: StoreRole,
    _sealed: (),
}

impl StoreRole {
    /// Whether this role in a store includes `needed`.
    pub fn allows(&self, needed: StorePermission) -> bool {
        match self {
            StoreRole::Owner => true,
            StoreRole::Employee(held) => held.iter().any(|h| needed.granted_by(*h)),
        }
    }
}

impl StoreAccess {
    /// For a store whose caller's role the stores feature has just read.
    pub(in crate::stores) fn known(
        store_id: Uuid,
        company_id: Uuid,
        role: StoreRole,
    ) -> StoreAccess {
        StoreAccess {
            store_id,
            company_id,
            role,
            _sealed: (),
        }
    }

    pub fn is_owner(&self) -> bool {
        self.role == StoreRole::Owner
    }

    pub fn allows(&self, needed: StorePermission) -> bool {
        self.role.allows(needed)
    }
}

impl StorePermission {
    /// This permission and those that include it, as stored slugs.
    fn slugs_granting(self) -> Vec<&'static str> {
        StorePermission::ALL
            .into_iter()
            .filter(|held| self.granted_by(*held))
            .map(StorePermission::slug)
            .collect()
    }
}

/// The stores in which `user` holds `permission` (owners hold them all):
/// the stores whose rooms, inboxes and order feeds the user follows.
pub async fn stores_where(
    db: impl sqlx::PgExecutor<'_>,
    user: Uuid,
    permission: StorePermission,
) -> ApiResult<Vec<Uuid>> {
    Ok(super::repo::stores_held(db, user, &permission.slugs_granting()).await?)
}

/// The people of `store` holding `permission`: its owner and those employees.
pub async fn members_with(
    db: impl sqlx::PgExecutor<'_>,
    store: Uuid,
    permission: StorePermission,
) -> ApiResult<Vec<Uuid>> {
    Ok(super::repo::members_holding(db, store, &permission.slugs_granting()).await?)
}

#[derive(sqlx::FromRow)]
struct AccessRow {
    company_id: Uuid,
    owner_id: Uuid,
    permissions: Option<Vec<String>>,
}

/// The caller's standing in a store, or 404 when it has none.
pub async fn standing(state: &AppState, caller: &Caller, store_id: Uuid) -> ApiResult<StoreAccess> {
    let row: Option<AccessRow> = sqlx::query_as(
        "SELECT s.company_id, c.owner_id, e.permissions \
         FROM stores s JOIN companies c ON c.id = s.company_id \
         LEFT JOIN store_employees e ON e.store_id = s.id AND e.user_id = $2 AND e.deleted_at IS NULL \
         WHERE s.id = $1 AND s.deleted_at IS NULL AND c.deleted_at IS NULL",
    )
    .bind(store_id)
    .bind(caller.user_id)
    .fetch_optional(&state.db)
    .await?;
    let row = row.ok_or(ApiError::NotFound)?;
    let role = if row.owner_id == caller.user_id {
        StoreRole::Owner
    } else if let Some(perms) = row.permissions {
        StoreRole::Employee(
            perms
                .iter()
                .filter_map(|s| StorePermission::from_slug(s))
                .collect(),
        )
    } else {
        return Err(ApiError::NotFound);
    };
    Ok(StoreAccess::known(store_id, row.company_id, role))
}

/// The check every store-scoped action makes: 404 for outsiders, 403 for an
/// employee without `needed`.
pub async fn require(
    state: &AppState,
    caller: &Caller,
    store_id: Uuid,
    needed: StorePermission,
) -> ApiResult<StoreAccess> {
    let access = standing(state, caller, store_id).await?;
    if access.allows(needed) {
        Ok(access)
    } else {
        Err(ApiError::Forbidden)
    }
}

/// Only the owner may do this (e.g. delete the store, hand out `store.team.manage`).
pub async fn require_owner(
    state: &AppState,
    caller: &Caller,
    store_id: Uuid,
) -> ApiResult<StoreAccess> {
    let access = standing(state, caller, store_id).await?;
    if access.is_owner() {
        Ok(access)
    } else {
        Err(ApiError::Forbidden)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manage_implies_view_and_nothing_else() {
        let a = StoreAccess::known(
            Uuid::nil(),
            Uuid::nil(),
            StoreRole::Employee(vec![StorePermission::ProductsManage]),
        );
        assert!(a.allows(StorePermission::ProductsView));
        assert!(a.allows(StorePermission::ProductsManage));
        assert!(!a.allows(StorePermission::OrdersView));
        assert!(!a.allows(StorePermission::StoreTeamManage));
    }
}
