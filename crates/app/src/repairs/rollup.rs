//! What a repair job's steps tell the statistics (`stats`), in the step's
//! transaction: placed when the customer accepts the rep's offer (the price
//! is agreed; it is paid after the work), completed when the rep completes
//! it, cancelled when either side cancels it, and each refund's money on
//! its day.

use sqlx::PgConnection;

use kernel::ApiResult;

use super::model::RepairJob;
use crate::stats::{self, Flow, Happened, StatEvent};

pub async fn count(conn: &mut PgConnection, j: &RepairJob, happened: Happened) -> ApiResult<()> {
    stats::record(
        conn,
        &StatEvent {
            flow: Flow::Repair,
            happened,
            store: None,
            rep: Some(j.rep_id),
            gmv: j.total,
            commission: j.commission,
            products: &[],
        },
    )
    .await
}
