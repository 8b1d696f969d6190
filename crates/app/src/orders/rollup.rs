//! What an order's steps tell the statistics (`stats`), in the step's
//! transaction: placed when confirmed (paid, or cash at checkout),
//! completed when delivered, cancelled when a placed order is cancelled or
//! rejected, refunded when refunded in full, and each refund's money on its
//! day. Every step of a placed order also moves it in the homes' view.
//! Orders from accepted store-request offers are the `request` flow.

use sqlx::PgConnection;

use kernel::ApiResult;

use super::model::OrderRow;
use super::repo;
use super::status::OrderStatus;
use crate::stats::{self, Flow, Happened, OrderMove, ProductLine, StatEvent};

fn flow(o: &OrderRow) -> Flow {
    if o.request_id.is_some() {
        Flow::Request
    } else {
        Flow::Order
    }
}

/// A step from `from` (`None`: the order is new) to `to`; `o` is the order
/// as it was before the step, `paid_by` the method of the payment that
/// confirms it (a card order paid again from the wallet).
pub async fn stepped(
    conn: &mut PgConnection,
    o: &OrderRow,
    from: Option<&str>,
    to: OrderStatus,
    paid_by: Option<&str>,
) -> ApiResult<()> {
    let cash = o.payment_method == "cash";
    let placing = to == OrderStatus::Confirmed
        && from.is_none_or(|f| f == OrderStatus::PendingPayment.as_str());
    let placed = !placing && from.is_some() && (o.paid_at.is_some() || cash);
    let happened = match to {
        _ if placing => Some(Happened::Placed),
        _ if !placed => None,
        OrderStatus::Delivered => Some(Happened::Completed),
        OrderStatus::Cancelled | OrderStatus::Rejected => Some(Happened::Cancelled),
        OrderStatus::Refunded => Some(Happened::Refunded),
        _ => None,
    };
    if let Some(happened) = happened {
        let lines = if happened == Happened::Completed || flow(o) != Flow::Order {
            Vec::new()
        } else {
            product_lines(conn, o).await?
        };
        stats::record(
            conn,
            &StatEvent {
                flow: flow(o),
                happened,
                store: Some(o.store_id),
                rep: None,
                gmv: o.total,
                commission: o.commission,
                products: &lines,
            },
        )
        .await?;
    }
    if placing || placed {
        let method = match paid_by {
            Some(m) if placing => m,
            _ => o.payment_method.as_str(),
        };
        stats::order_moved(
            conn,
            &OrderMove {
                store: o.store_id,
                method,
                placed_at: match (placing, cash) {
                    (true, _) => None,
                    (false, true) => Some(o.created_at),
                    (false, false) => o.paid_at,
                },
                from: if placing { None } else { from },
                to: to.as_str(),
                total: o.total,
                commission: o.commission,
            },
        )
        .await?;
    }
    Ok(())
}

/// Money given back to the customer, counted the day it goes back.
pub async fn refunded(conn: &mut PgConnection, o: &OrderRow, amount: i64) -> ApiResult<()> {
    stats::record(
        conn,
        &StatEvent {
            flow: flow(o),
            happened: Happened::Refund(amount),
            store: Some(o.store_id),
            rep: None,
            gmv: o.total,
            commission: o.commission,
            products: &[],
        },
    )
    .await
}

async fn product_lines(conn: &mut PgConnection, o: &OrderRow) -> ApiResult<Vec<ProductLine>> {
    Ok(repo::items(&mut *conn, &[o.id])
        .await?
        .into_iter()
        .filter_map(|i| {
            i.product_id.map(|product_id| ProductLine {
                product_id,
                units: i64::from(i.quantity),
                sales: i.line_total,
            })
        })
        .collect())
}
