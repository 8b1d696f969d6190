//! The homes' figures (the orders' part from the homes' view of the
//! roll-ups), and the statistics of the flows (`flows`).

pub mod flows;

use std::collections::HashMap;

use time::Date;
use uuid::Uuid;

use kernel::ApiResult;

use super::model::{
    AdminOverview, ChannelTotal, Kpi, PendingApprovals, Period, PeriodQuery, StatusCount,
    StoreOverview, today,
};
use super::repo::{self, Created, DayRow, rollup};
use crate::AppState;
use crate::admin::permissions::{self, Permission};
use crate::auth::Caller;
use crate::stores::access::{self, StoreRole};
use crate::stores::model::{StorePermission, StoreRoleName};
use crate::stores::service::branches;

/// Daily figures of the period, oldest first, with zeros for quiet days,
/// and the sum of the previous period.
fn split(period: &Period, rows: &[(Date, i64)]) -> Kpi {
    let by_day: HashMap<Date, i64> = rows.iter().copied().collect();
    let daily = (0..period.len())
        .map(|i| {
            by_day
                .get(&(period.from_date + time::Duration::days(i)))
                .copied()
                .unwrap_or(0)
        })
        .collect();
    let previous = rows
        .iter()
        .filter(|(d, _)| *d < period.from_date)
        .map(|(_, n)| n)
        .sum();
    Kpi::new(daily, previous)
}

fn column(rows: &[DayRow], f: impl Fn(&DayRow) -> i64) -> Vec<(Date, i64)> {
    rows.iter().map(|r| (r.day, f(r))).collect()
}

/// Both periods, as instants: [start of the previous period, end of this one).
fn span(period: &Period) -> (time::OffsetDateTime, time::OffsetDateTime) {
    (
        Period::start_of(period.previous_from_date()),
        Period::start_of(period.to_date + time::Duration::days(1)),
    )
}

/// The admin home's figures; needs `finance.manage` (GMV and commission).
pub async fn admin_overview(
    state: &AppState,
    caller: &Caller,
    q: &PeriodQuery,
) -> ApiResult<AdminOverview> {
    permissions::require(state, caller, Permission::FinanceManage).await?;
    let period = q.resolve(today())?;
    let (all_from, to) = span(&period);
    let every_store = [Uuid::nil()];
    let days = rollup::order_days(
        &state.db,
        &every_store,
        period.previous_from_date(),
        period.to_date,
    )
    .await?;
    let customers = repo::created_by_day(&state.db, Created::Customers, all_from, to).await?;
    let stores = repo::created_by_day(&state.db, Created::Stores, all_from, to).await?;
    let (from_day, to_day) = (period.from_date, period.to_date);
    let by_status =
        rollup::order_days_grouped(&state.db, &every_store, from_day, to_day, false).await?;
    let by_channel =
        rollup::order_days_grouped(&state.db, &every_store, from_day, to_day, true).await?;
    let (companies, pending_stores, products, accounts) =
        repo::pending_approvals(&state.db).await?;
    let open_support_threads = repo::open_support_threads(&state.db).await?;
    Ok(AdminOverview {
        orders: split(&period, &column(&days, |r| r.orders)),
        gmv: split(&period, &column(&days, |r| r.value)),
        commission: split(&period, &column(&days, |r| r.commission)),
        new_customers: split(&period, &customers),
        new_stores: split(&period, &stores),
        pending_approvals: PendingApprovals {
            companies,
            stores: pending_stores,
            products,
            accounts,
            total: companies + pending_stores + products + accounts,
        },
        open_support_threads,
        by_status: by_status
            .into_iter()
            .map(|g| StatusCount {
                status: g.key,
                orders: g.orders,
            })
            .collect(),
        by_channel: ["card", "wallet", "cash"]
            .into_iter()
            .map(|m| {
                let g = by_channel.iter().find(|g| g.key == m);
                ChannelTotal {
                    method: m.to_owned(),
                    orders: g.map_or(0, |g| g.orders),
                    gmv: g.map_or(0, |g| g.value),
                }
            })
            .collect(),
        period,
    })
}

/// One store's home figures; needs `orders.view` in that store (404 for
/// outsiders, 403 for an employee without it).
pub async fn store_overview(
    state: &AppState,
    caller: &Caller,
    store_id: Uuid,
    q: &PeriodQuery,
) -> ApiResult<StoreOverview> {
    access::require(state, caller, store_id, StorePermission::OrdersView).await?;
    overview_of(state, &[store_id], q).await
}

/// The stores whose orders the caller may see (the partner home's choice).
pub async fn order_stores(
    state: &AppState,
    caller: &Caller,
) -> ApiResult<Vec<crate::stores::model::PartnerStore>> {
    Ok(branches::mine(state, caller)
        .await?
        .into_iter()
        .filter(|s| {
            let role = match s.role {
                StoreRoleName::Owner => StoreRole::Owner,
                StoreRoleName::Employee => StoreRole::Employee(s.permissions.clone()),
            };
            role.allows(StorePermission::OrdersView)
        })
        .collect())
}

/// The partner home: the figures summed over every store whose orders the
/// caller may see, or over one of them.
pub async fn partner_overview(
    state: &AppState,
    caller: &Caller,
    only: Option<Uuid>,
    q: &PeriodQuery,
) -> ApiResult<StoreOverview> {
    match only {
        Some(id) => store_overview(state, caller, id, q).await,
        None => {
            let ids: Vec<Uuid> = order_stores(state, caller)
                .await?
                .iter()
                .map(|s| s.store.id)
                .collect();
            overview_of(state, &ids, q).await
        }
    }
}

async fn overview_of(
    state: &AppState,
    stores: &[Uuid],
    q: &PeriodQuery,
) -> ApiResult<StoreOverview> {
    let period = q.resolve(today())?;
    let days = rollup::order_days(
        &state.db,
        stores,
        period.previous_from_date(),
        period.to_date,
    )
    .await?;
    let by_status =
        rollup::order_days_grouped(&state.db, stores, period.from_date, period.to_date, false)
            .await?;
    let (pending_orders, active_products, low_stock, rating_sum, rating_count) =
        repo::store_now(&state.db, stores).await?;
    Ok(StoreOverview {
        pending_orders,
        sales: split(&period, &column(&days, |r| r.value)),
        orders: split(&period, &column(&days, |r| r.orders)),
        active_products,
        low_stock,
        rating_x100: (rating_count > 0)
            .then(|| (rating_sum * 100 * 2 + rating_count) / (rating_count * 2)),
        rating_count,
        by_status: by_status
            .into_iter()
            .map(|g| StatusCount {
                status: g.key,
                orders: g.orders,
            })
            .collect(),
        period,
    })
}
