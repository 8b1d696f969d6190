//! Repair jobs as payment targets (`rep_order`): the job's total is due
//! after completion; the rep is paid, less the commission fixed on the job
//! and its VAT, the moment the payment is captured.

use sqlx::PgConnection;
use uuid::Uuid;

use kernel::{ApiError, ApiResult};

use super::repo;
use crate::AppState;
use crate::payments::model::{PaymentRow, TargetKind};
use crate::payments::target::{Due, Payee, PaymentTarget};

pub struct RepOrderTarget;

#[async_trait::async_trait]
impl PaymentTarget for RepOrderTarget {
    fn kind(&self) -> TargetKind {
        TargetKind::RepOrder
    }

    async fn due(&self, conn: &mut PgConnection, id: Uuid) -> ApiResult<Due> {
        let j = repo::job(&mut *conn, id).await?.ok_or(ApiError::NotFound)?;
        Ok(Due {
            amount: j.total,
            discount: 0,
            commission: j.commission,
            commission_vat: j.commission_vat,
            payee: Payee::Rep(j.rep_id),
        })
    }

    async fn on_paid(
        &self,
        conn: &mut PgConnection,
        id: Uuid,
        _p: &PaymentRow,
        _actor: Option<Uuid>,
    ) -> ApiResult<bool> {
        super::service::jobs::on_paid(conn, id).await
    }

    async fn on_refunded(
        &self,
        conn: &mut PgConnection,
        id: Uuid,
        amount: i64,
        _fully: bool,
        _actor: Option<Uuid>,
    ) -> ApiResult<()> {
        let j = repo::job(&mut *conn, id).await?.ok_or(ApiError::NotFound)?;
        super::rollup::count(conn, &j, crate::stats::Happened::Refund(amount)).await
    }

    async fn announce_paid(&self, state: &AppState, id: Uuid) {
        if let Ok(Some(j)) = repo::job(&state.db, id).await {
            let data = serde_json::json!({"id": j.id, "number": j.number, "status": j.status});
            let rooms = [
                crate::realtime::rooms::user(j.customer_id),
                crate::realtime::rooms::user(j.rep_id),
            ];
            state.realtime.emit(&rooms, "repair:status", &data).await;
        }
    }

    fn return_path(&self, id: Uuid) -> String {
        format!("/app/repair-jobs/{id}")
    }
}
