//! What is owed: the coupon quoted over all lines, then one priced order per
//! store.

use std::collections::BTreeMap;

use sqlx::PgConnection;
use uuid::Uuid;

use kernel::ApiResult;

use crate::auth::Caller;
use crate::cart::model::LineRow;
use crate::coupons::model::CouponQuote;
use crate::coupons::service::{self as coupons, QuoteLine};
use crate::orders::pricing;
use crate::payments::model::Method;

/// The coupon's discount over all the lines, allocated per line.
pub(super) async fn quote(
    conn: &mut PgConnection,
    caller: &Caller,
    code: Option<&str>,
    lines: &[LineRow],
) -> ApiResult<Option<CouponQuote>> {
    let Some(code) = code else {
        return Ok(None);
    };
    let q_lines: Vec<QuoteLine> = lines
        .iter()
        .map(|l| QuoteLine {
            store_id: l.store_id,
            category_id: l.category_id,
            amount: l.line_total(),
        })
        .collect();
    Ok(Some(
        coupons::quote(conn, code, caller.user_id, &q_lines).await?,
    ))
}

/// One store's order, priced.
pub(super) struct StoreOrder<'a> {
    pub(super) store: Uuid,
    pub(super) amounts: pricing::OrderAmounts,
    pub(super) commission_bp: i32,
    pub(super) lines: Vec<&'a LineRow>,
}

/// The orders of a checkout, before anything is written.
pub(super) struct Plan<'a> {
    /// In store order.
    pub(super) orders: Vec<StoreOrder<'a>>,
    pub(super) due: i64,
    pub(super) discount: i64,
}

impl Plan<'_> {
    /// Nothing to pay by card: settle it like a (zero) wallet payment.
    pub(super) fn method(&self, asked: Method) -> Method {
        if self.due == 0 { Method::Wallet } else { asked }
    }
}

/// One order per store, in store order, each with its share of the discount
/// and the store's commission rate.
pub(super) fn per_store<'a>(
    lines: &'a [LineRow],
    quote: Option<&CouponQuote>,
    delivery_fee: i64,
) -> Plan<'a> {
    let mut groups: BTreeMap<Uuid, Vec<(usize, &LineRow)>> = BTreeMap::new();
    for (i, l) in lines.iter().enumerate() {
        groups.entry(l.store_id).or_default().push((i, l));
    }
    let orders: Vec<StoreOrder<'a>> = groups
        .into_iter()
        .map(|(store, ls)| {
            let subtotal = ls.iter().map(|(_, l)| l.line_total()).sum();
            let discount = quote
                .map(|q| ls.iter().map(|(i, _)| q.per_line[*i]).sum())
                .unwrap_or(0);
            let bp = ls[0].1.commission_bp;
            StoreOrder {
                store,
                amounts: pricing::amounts(subtotal, delivery_fee, discount, bp),
                commission_bp: bp,
                lines: ls.into_iter().map(|(_, l)| l).collect(),
            }
        })
        .collect();
    Plan {
        due: orders.iter().map(|o| o.amounts.amount_due).sum(),
        discount: orders.iter().map(|o| o.amounts.discount).sum(),
        orders,
    }
}
