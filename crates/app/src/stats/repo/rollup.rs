//! The roll-ups' SQL: a step's deltas for today's rows (written to
//! `stats_pending`, added to the roll-ups at commit by the migration's
//! deferred trigger, after every other lock of the transaction), rebuilding
//! days (`stats_rebuild`, also the migration's) and reading them back.

use sqlx::{PgConnection, PgExecutor, PgPool};
use time::{Date, OffsetDateTime};
use uuid::Uuid;

use super::super::model::figures::FlowDayRow;
use super::super::model::{PLATFORM_TZ, VOID_STATUSES};
use super::{DayRow, GroupRow};

/// What one step adds to each of its rows of `stats_daily`.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Deltas {
    pub placed: i64,
    pub gmv: i64,
    pub commission: i64,
    pub completed: i64,
    pub cancelled: i64,
    pub refunded: i64,
    pub voided_gmv: i64,
    pub voided_commission: i64,
    pub refunds: i64,
    pub refunded_amount: i64,
}

impl Deltas {
    /// In `stats_daily`'s column order (the trigger reads them so).
    fn values(&self) -> Vec<i64> {
        vec![
            self.placed,
            self.gmv,
            self.commission,
            self.completed,
            self.cancelled,
            self.refunded,
            self.voided_gmv,
            self.voided_commission,
            self.refunds,
            self.refunded_amount,
        ]
    }
}

/// Adds `d` to today's row of `flow` for each (scope, party), at commit.
pub async fn add_daily(
    conn: &mut PgConnection,
    flow: &str,
    parties: &[(&str, Uuid)],
    d: &Deltas,
) -> sqlx::Result<()> {
    let scopes: Vec<&str> = parties.iter().map(|p| p.0).collect();
    let ids: Vec<Uuid> = parties.iter().map(|p| p.1).collect();
    sqlx::query(
        "INSERT INTO stats_pending (target, day, flow, scope, party_id, v) \
         SELECT 'daily', (now() AT TIME ZONE $5)::date, $1, p.scope, p.party, $4 \
         FROM unnest($2::text[], $3::uuid[]) AS p (scope, party)",
    )
    .bind(flow)
    .bind(&scopes)
    .bind(&ids)
    .bind(d.values())
    .bind(PLATFORM_TZ)
    .execute(conn)
    .await?;
    Ok(())
}

/// One product's change of today: orders holding it, units, line totals.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProductDelta {
    pub product: Uuid,
    pub orders: i64,
    pub units: i64,
    pub sales: i64,
}

/// Adds each product's change to today's row, at commit.
pub async fn add_products(
    conn: &mut PgConnection,
    store: Uuid,
    rows: &[ProductDelta],
) -> sqlx::Result<()> {
    let ids: Vec<Uuid> = rows.iter().map(|r| r.product).collect();
    let orders: Vec<i64> = rows.iter().map(|r| r.orders).collect();
    let units: Vec<i64> = rows.iter().map(|r| r.units).collect();
    let sales: Vec<i64> = rows.iter().map(|r| r.sales).collect();
    sqlx::query(
        "INSERT INTO stats_pending (target, day, party_id, store_id, v) \
         SELECT 'product', (now() AT TIME ZONE $6)::date, p.id, $1, ARRAY[p.orders, p.units, p.sales] \
         FROM unnest($2::uuid[], $3::bigint[], $4::bigint[], $5::bigint[]) AS p (id, orders, units, sales)",
    )
    .bind(store)
    .bind(&ids)
    .bind(&orders)
    .bind(&units)
    .bind(&sales)
    .bind(PLATFORM_TZ)
    .execute(conn)
    .await?;
    Ok(())
}

/// One row of the homes' view of orders, changed by a step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderDayDelta {
    pub store: Uuid,
    pub status: String,
    pub orders: i64,
    pub total: i64,
    pub commission: i64,
}

/// Adds `rows` to the day the order was placed on (`None`: today) under its
/// payment method, at commit.
pub async fn move_orders(
    conn: &mut PgConnection,
    placed_at: Option<OffsetDateTime>,
    method: &str,
    rows: &[OrderDayDelta],
) -> sqlx::Result<()> {
    let stores: Vec<Uuid> = rows.iter().map(|r| r.store).collect();
    let statuses: Vec<&str> = rows.iter().map(|r| r.status.as_str()).collect();
    let orders: Vec<i64> = rows.iter().map(|r| r.orders).collect();
    let totals: Vec<i64> = rows.iter().map(|r| r.total).collect();
    let commissions: Vec<i64> = rows.iter().map(|r| r.commission).collect();
    sqlx::query(
        "INSERT INTO stats_pending (target, day, party_id, payment_method, status, v) \
         SELECT 'order_day', (coalesce($1, now()) AT TIME ZONE $8)::date, m.store, $2, m.status, \
           ARRAY[m.orders, m.total, m.commission] \
         FROM unnest($3::uuid[], $4::text[], $5::bigint[], $6::bigint[], $7::bigint[]) \
           AS m (store, status, orders, total, commission)",
    )
    .bind(placed_at)
    .bind(method)
    .bind(&stores)
    .bind(&statuses)
    .bind(&orders)
    .bind(&totals)
    .bind(&commissions)
    .bind(PLATFORM_TZ)
    .execute(conn)
    .await?;
    Ok(())
}

/// Recomputes the days `from..=to` of every roll-up from the flows' rows.
pub async fn rebuild(db: impl PgExecutor<'_>, from: Date, to: Date) -> sqlx::Result<()> {
    sqlx::query("SELECT stats_rebuild($1, $2)")
        .bind(from)
        .bind(to)
        .execute(db)
        .await?;
    Ok(())
}

/// The platform's rows of the days, of one flow or all.
pub async fn platform_days(
    db: &PgPool,
    from: Date,
    to: Date,
    flow: Option<&str>,
) -> sqlx::Result<Vec<FlowDayRow>> {
    sqlx::query_as(
        "SELECT day, flow, placed, gmv, commission, completed, cancelled, refunded, voided_gmv, \
           voided_commission, refunds, refunded_amount \
         FROM stats_daily \
         WHERE scope = 'platform' AND party_id = $1 AND day BETWEEN $2 AND $3 \
           AND ($4::text IS NULL OR flow = $4) \
         ORDER BY day, flow",
    )
    .bind(Uuid::nil())
    .bind(from)
    .bind(to)
    .bind(flow)
    .fetch_all(db)
    .await
}

/// The homes' orders of `stores` (`[nil]`: every store) placed on the days,
/// by day; value and commission leave out the void ones.
pub async fn order_days(
    db: &PgPool,
    stores: &[Uuid],
    from: Date,
    to: Date,
) -> sqlx::Result<Vec<DayRow>> {
    sqlx::query_as(
        "SELECT day, sum(orders)::bigint AS orders, \
                coalesce(sum(total) FILTER (WHERE status <> ALL($4)), 0)::bigint AS value, \
                coalesce(sum(commission) FILTER (WHERE status <> ALL($4)), 0)::bigint AS commission \
         FROM stats_order_days WHERE store_id = ANY($1) AND day BETWEEN $2 AND $3 \
         GROUP BY day ORDER BY day",
    )
    .bind(stores)
    .bind(from)
    .bind(to)
    .bind(&VOID_STATUSES[..])
    .fetch_all(db)
    .await
}

/// The same orders grouped by their status now, or by how they were paid.
pub async fn order_days_grouped(
    db: &PgPool,
    stores: &[Uuid],
    from: Date,
    to: Date,
    by_method: bool,
) -> sqlx::Result<Vec<GroupRow>> {
    let column = if by_method {
        "payment_method"
    } else {
        "status"
    };
    sqlx::query_as(&format!(
        "SELECT {column} AS key, sum(orders)::bigint AS orders, \
                coalesce(sum(total) FILTER (WHERE status <> ALL($4)), 0)::bigint AS value \
         FROM stats_order_days WHERE store_id = ANY($1) AND day BETWEEN $2 AND $3 \
         GROUP BY 1 HAVING sum(orders) <> 0 ORDER BY 2 DESC, 1"
    ))
    .bind(stores)
    .bind(from)
    .bind(to)
    .bind(&VOID_STATUSES[..])
    .fetch_all(db)
    .await
}
