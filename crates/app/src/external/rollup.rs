//! What an external-part order's steps tell the statistics (`stats`), in
//! the step's transaction: placed when paid (or ordered for cash),
//! completed when delivered, cancelled when a placed order is cancelled,
//! refunded when refunded in full, and each refund's money on its day.

use sqlx::PgConnection;

use kernel::ApiResult;

use super::model::ExternalOrder;
use super::orders::Step;
use crate::stats::{self, Flow, Happened, StatEvent};

pub async fn count(
    conn: &mut PgConnection,
    o: &ExternalOrder,
    happened: Happened,
) -> ApiResult<()> {
    stats::record(
        conn,
        &StatEvent {
            flow: Flow::External,
            happened,
            store: None,
            rep: None,
            gmv: o.total,
            commission: o.commission,
            products: &[],
        },
    )
    .await
}

/// A step to `to`; `o` as the order was before it.
pub async fn stepped(conn: &mut PgConnection, o: &ExternalOrder, to: Step) -> ApiResult<()> {
    if o.paid_at.is_none() && o.payment_method != "cash" {
        // Never placed: an unpaid card order closing.
        return Ok(());
    }
    let happened = match to {
        Step::Delivered => Happened::Completed,
        Step::Cancelled => Happened::Cancelled,
        Step::Refunded => Happened::Refunded,
        Step::Placed | Step::Confirmed | Step::Ordered | Step::Shipped => return Ok(()),
    };
    count(conn, o, happened).await
}
