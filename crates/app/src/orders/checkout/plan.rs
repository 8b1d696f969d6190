//! What is owed: the coupon quoted over all lines (already priced by their
//! stores' promotions, so it applies to the discounted subtotal), then one
//! priced order per store.

use std::collections::BTreeMap;

use sqlx::PgConnection;
use uuid::Uuid;

use kernel::ApiResult;

use crate::AppState;
use crate::auth::Caller;
use crate::cart::model::LineRow;
use crate::coupons::model::CouponQuote;
use crate::coupons::service::{self as coupons, QuoteLine};
use crate::orders::pricing;
use crate::payments::model::Method;
use crate::shipping::model::Quote;

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
    /// Its delivery, as the carrier quoted it.
    pub(super) shipping: Quote,
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

/// The lines of each store, in store order, with their indexes in `lines`.
fn by_store(lines: &[LineRow]) -> BTreeMap<Uuid, Vec<(usize, &LineRow)>> {
    let mut groups: BTreeMap<Uuid, Vec<(usize, &LineRow)>> = BTreeMap::new();
    for (i, l) in lines.iter().enumerate() {
        groups.entry(l.store_id).or_default().push((i, l));
    }
    groups
}

/// Each store's delivery, quoted by the carrier for the parcel's weight to
/// the address's city; a cash order's courier collects about the total.
pub(super) async fn shipping(
    state: &AppState,
    conn: &mut PgConnection,
    lines: &[LineRow],
    city: &str,
    method: Method,
) -> ApiResult<BTreeMap<Uuid, Quote>> {
    let mut out = BTreeMap::new();
    for (store, ls) in by_store(lines) {
        let grams: i64 = ls
            .iter()
            .map(|(_, l)| i64::from(l.weight_grams) * i64::from(l.quantity))
            .sum();
        let subtotal: i64 = ls.iter().map(|(_, l)| l.line_total()).sum();
        let cod = (method == Method::Cash).then(|| subtotal + kernel::money::vat_of(subtotal));
        let q =
            crate::shipping::service::quote::quote(state, conn, store, city, grams, cod).await?;
        out.insert(store, q);
    }
    Ok(out)
}

/// One order per store, in store order, each with its share of the discount,
/// the store's commission rate and its quoted delivery (whose platform
/// commission joins the order's).
pub(super) fn per_store<'a>(
    lines: &'a [LineRow],
    quote: Option<&CouponQuote>,
    shipping: &BTreeMap<Uuid, Quote>,
) -> Plan<'a> {
    let orders: Vec<StoreOrder<'a>> = by_store(lines)
        .into_iter()
        .map(|(store, ls)| {
            let subtotal = ls.iter().map(|(_, l)| l.line_total()).sum();
            let discount = quote
                .map(|q| ls.iter().map(|(i, _)| q.per_line[*i]).sum())
                .unwrap_or(0);
            let bp = ls[0].1.commission_bp;
            let q = shipping
                .get(&store)
                .cloned()
                .expect("every store was quoted");
            let amounts = pricing::with_shipping_commission(
                pricing::amounts(subtotal, q.fee(), discount, bp),
                q.commission,
            );
            StoreOrder {
                store,
                amounts,
                commission_bp: bp,
                lines: ls.into_iter().map(|(_, l)| l).collect(),
                shipping: q,
            }
        })
        .collect();
    Plan {
        due: orders.iter().map(|o| o.amounts.amount_due).sum(),
        discount: orders.iter().map(|o| o.amounts.discount).sum(),
        orders,
    }
}
