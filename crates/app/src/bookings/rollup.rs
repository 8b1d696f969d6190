//! What a booking's steps tell the statistics (`stats`), in the step's
//! transaction: placed when paid (or booked for cash), completed when
//! completed (a paid no-show too: the store is settled), cancelled when a
//! placed booking is rejected, cancelled or expires (a cash no-show too:
//! nothing was paid), and each refund's money on its day.

use sqlx::PgConnection;

use kernel::ApiResult;

use super::model::{BookingRow, Status};
use crate::stats::{self, Flow, Happened, StatEvent};

async fn count(conn: &mut PgConnection, b: &BookingRow, happened: Happened) -> ApiResult<()> {
    stats::record(
        conn,
        &StatEvent {
            flow: Flow::Booking,
            happened,
            store: Some(b.store_id),
            rep: None,
            gmv: b.total,
            commission: b.commission,
            products: &[],
        },
    )
    .await
}

/// Paid for, or booked for cash.
pub async fn placed(conn: &mut PgConnection, b: &BookingRow) -> ApiResult<()> {
    count(conn, b, Happened::Placed).await
}

/// A step to `to`; `b` as the booking was before it.
pub async fn stepped(conn: &mut PgConnection, b: &BookingRow, to: Status) -> ApiResult<()> {
    let cash = b.payment_method == "cash";
    if b.paid_at.is_none() && !cash {
        // Never placed: an unpaid card booking expiring or turned down.
        return Ok(());
    }
    let happened = match to {
        Status::Completed => Happened::Completed,
        Status::NoShow if cash => Happened::Cancelled,
        Status::NoShow => Happened::Completed,
        Status::Rejected | Status::Cancelled | Status::Expired => Happened::Cancelled,
        Status::Pending | Status::Confirmed | Status::InProgress => return Ok(()),
    };
    count(conn, b, happened).await
}

/// Money given back.
pub async fn refunded(conn: &mut PgConnection, b: &BookingRow, amount: i64) -> ApiResult<()> {
    count(conn, b, Happened::Refund(amount)).await
}
