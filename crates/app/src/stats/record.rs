//! Keeping the roll-ups. Each flow calls [`record`] in the transaction of
//! the step that changes its figures, so a step that rolls back counts
//! nothing and one that commits is counted once, on the platform day
//! (Asia/Riyadh) of its transaction:
//!
//! | flow | placed (GMV, commission) | completed | cancelled | refunded |
//! |---|---|---|---|---|
//! | direct / request orders | confirmed: paid, or cash at checkout | delivered | cancelled or rejected once placed | refunded in full |
//! | bookings | paid, or cash at booking | completed; a paid no-show | cancelled, rejected or expired once placed; a cash no-show | — |
//! | repair jobs | the offer accepted | completed | cancelled | — |
//! | external orders | paid, or cash at ordering | delivered | cancelled once placed | refunded in full |
//!
//! Every refund of money is [`Happened::Refund`] on its own day, whatever
//! caused it. Orders also move in the homes' view ([`order_moved`]).
//! [`rebuild`] recomputes days from the flows' rows and answers the same.
//!
//! The deltas are written to `stats_pending` and added to the roll-ups at
//! commit (a deferred trigger, summed per row, in key order), so the
//! roll-ups' shared rows are the last locks a transaction takes and steps
//! never wait on each other in a circle, however many targets one
//! transaction places (a checkout over several stores, a card payment of
//! several orders).

use std::collections::BTreeMap;

use sqlx::{PgConnection, PgExecutor};
use time::{Date, OffsetDateTime};
use uuid::Uuid;

use kernel::ApiResult;

use super::model::rollup::Flow;
use super::repo::rollup::{self, Deltas, OrderDayDelta, ProductDelta};

/// What happened to a target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Happened {
    Placed,
    Completed,
    /// A placed target cancelled, rejected, or (a cash booking) not shown up for.
    Cancelled,
    /// A placed target refunded in full.
    Refunded,
    /// Money given back (halalas), partially or fully.
    Refund(i64),
}

/// A platform product of a direct order: its units and line total.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProductLine {
    pub product_id: Uuid,
    pub units: i64,
    pub sales: i64,
}

/// One step of a target, as the roll-ups count it.
#[derive(Debug, Clone, Copy)]
pub struct StatEvent<'a> {
    pub flow: Flow,
    pub happened: Happened,
    /// The store the target belongs to (orders, requests, bookings).
    pub store: Option<Uuid>,
    /// The rep (repair jobs).
    pub rep: Option<Uuid>,
    /// The target's total with VAT and the platform's commission, both fixed
    /// when it was created.
    pub gmv: i64,
    pub commission: i64,
    /// Direct orders' platform products (placed, cancelled, refunded).
    pub products: &'a [ProductLine],
}

impl StatEvent<'_> {
    fn deltas(&self) -> Deltas {
        let (g, c) = (self.gmv, self.commission);
        match self.happened {
            Happened::Placed => Deltas {
                placed: 1,
                gmv: g,
                commission: c,
                ..Deltas::default()
            },
            Happened::Completed => Deltas {
                completed: 1,
                ..Deltas::default()
            },
            Happened::Cancelled => Deltas {
                cancelled: 1,
                voided_gmv: g,
                voided_commission: c,
                ..Deltas::default()
            },
            Happened::Refunded => Deltas {
                refunded: 1,
                voided_gmv: g,
                voided_commission: c,
                ..Deltas::default()
            },
            Happened::Refund(amount) => Deltas {
                refunds: 1,
                refunded_amount: amount,
                ..Deltas::default()
            },
        }
    }

    /// Each product once, by id; +1 order when placed, −1 when voided.
    fn products(&self) -> Vec<ProductDelta> {
        let sign = match self.happened {
            Happened::Placed => 1,
            Happened::Cancelled | Happened::Refunded => -1,
            _ => return Vec::new(),
        };
        let mut by: BTreeMap<Uuid, (i64, i64)> = BTreeMap::new();
        for l in self.products {
            let e = by.entry(l.product_id).or_default();
            e.0 += l.units;
            e.1 += l.sales;
        }
        by.into_iter()
            .map(|(product, (units, sales))| ProductDelta {
                product,
                orders: sign,
                units: sign * units,
                sales: sign * sales,
            })
            .collect()
    }
}

/// Adds the step to today's roll-ups, in the step's transaction (applied
/// when it commits).
pub async fn record(conn: &mut PgConnection, e: &StatEvent<'_>) -> ApiResult<()> {
    let mut parties = vec![("platform", Uuid::nil())];
    if let Some(s) = e.store {
        parties.push(("store", s));
    }
    if let Some(r) = e.rep {
        parties.push(("rep", r));
    }
    rollup::add_daily(conn, e.flow.as_str(), &parties, &e.deltas()).await?;
    let products = e.products();
    if let (Flow::Order, Some(store), false) = (e.flow, e.store, products.is_empty()) {
        rollup::add_products(conn, store, &products).await?;
    }
    Ok(())
}

/// A step of a placed order, in the homes' view: it leaves the row of its
/// old status (none when the step places it) for the row of its new one, on
/// the day it was placed.
#[derive(Debug, Clone, Copy)]
pub struct OrderMove<'a> {
    pub store: Uuid,
    pub method: &'a str,
    /// When it was placed; `None` when this step places it (now).
    pub placed_at: Option<OffsetDateTime>,
    pub from: Option<&'a str>,
    pub to: &'a str,
    pub total: i64,
    pub commission: i64,
}

pub async fn order_moved(conn: &mut PgConnection, m: &OrderMove<'_>) -> ApiResult<()> {
    let mut rows = Vec::with_capacity(4);
    for store in [Uuid::nil(), m.store] {
        if let Some(from) = m.from {
            rows.push(OrderDayDelta {
                store,
                status: from.to_owned(),
                orders: -1,
                total: -m.total,
                commission: -m.commission,
            });
        }
        rows.push(OrderDayDelta {
            store,
            status: m.to.to_owned(),
            orders: 1,
            total: m.total,
            commission: m.commission,
        });
    }
    rollup::move_orders(conn, m.placed_at, m.method, &rows).await?;
    Ok(())
}

/// Recomputes the days `from..=to` (both included) of every roll-up from
/// the flows' own rows: the backfill of data written without the steps
/// (bulk loads, fixes by hand). Steps taken meanwhile wait, then add on top.
pub async fn rebuild(db: impl PgExecutor<'_>, from: Date, to: Date) -> sqlx::Result<()> {
    rollup::rebuild(db, from, to).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_product_twice_in_an_order_is_one_row_and_voids_subtract() {
        let (a, b) = (Uuid::from_u128(2), Uuid::from_u128(1));
        let lines = [
            ProductLine {
                product_id: a,
                units: 2,
                sales: 2_000,
            },
            ProductLine {
                product_id: b,
                units: 1,
                sales: 500,
            },
            ProductLine {
                product_id: a,
                units: 1,
                sales: 1_100,
            },
        ];
        let e = StatEvent {
            flow: Flow::Order,
            happened: Happened::Cancelled,
            store: None,
            rep: None,
            gmv: 4_000,
            commission: 400,
            products: &lines,
        };
        assert_eq!(
            e.products(),
            vec![
                ProductDelta {
                    product: b,
                    orders: -1,
                    units: -1,
                    sales: -500
                },
                ProductDelta {
                    product: a,
                    orders: -1,
                    units: -3,
                    sales: -3_100
                },
            ]
        );
        assert_eq!(
            (
                e.deltas().cancelled,
                e.deltas().voided_gmv,
                e.deltas().placed
            ),
            (1, 4_000, 0)
        );
        let completed = StatEvent {
            happened: Happened::Completed,
            ..e
        };
        assert!(completed.products().is_empty());
    }
}
