//! External-part orders as payment targets: the order's total is due, the
//! merchant is paid (into `merchant_payable`) less the commission fixed on
//! the order and its VAT.

use sqlx::PgConnection;
use uuid::Uuid;

use kernel::{ApiError, ApiResult};

use super::orders::Step;
use super::repo;
use crate::AppState;
use crate::payments::model::{PaymentRow, TargetKind};
use crate::payments::target::{Due, Payee, PaymentTarget};
use crate::stats::Happened;

pub struct ExternalOrderTarget;

#[async_trait::async_trait]
impl PaymentTarget for ExternalOrderTarget {
    fn kind(&self) -> TargetKind {
        TargetKind::ExternalPartOrder
    }

    async fn due(&self, conn: &mut PgConnection, id: Uuid) -> ApiResult<Due> {
        let o = repo::order_row(&mut *conn, id)
            .await?
            .ok_or(ApiError::NotFound)?;
        Ok(Due {
            amount: o.total,
            discount: 0,
            commission: o.commission,
            commission_vat: o.commission_vat,
            payee: Payee::Merchant(o.merchant_id),
        })
    }

    /// Paid while placed: the platform may confirm it; a cancelled order
    /// does not take the money.
    async fn on_paid(
        &self,
        conn: &mut PgConnection,
        id: Uuid,
        _p: &PaymentRow,
        _actor: Option<Uuid>,
    ) -> ApiResult<bool> {
        let o = repo::lock_order(&mut *conn, id)
            .await?
            .ok_or(ApiError::NotFound)?;
        match Step::parse(&o.status) {
            Some(Step::Cancelled | Step::Refunded) => Ok(false),
            _ => {
                repo::mark_paid(conn, id).await?;
                if o.paid_at.is_none() {
                    super::rollup::count(conn, &o, Happened::Placed).await?;
                }
                Ok(true)
            }
        }
    }

    async fn on_refunded(
        &self,
        conn: &mut PgConnection,
        id: Uuid,
        amount: i64,
        fully: bool,
        actor: Option<Uuid>,
    ) -> ApiResult<()> {
        let o = repo::lock_order(&mut *conn, id)
            .await?
            .ok_or(ApiError::NotFound)?;
        super::rollup::count(conn, &o, Happened::Refund(amount)).await?;
        if fully && Step::parse(&o.status) == Some(Step::Delivered) {
            repo::set_step(
                conn,
                &o,
                Step::Refunded.as_str(),
                actor,
                "admin",
                &format!("refund {amount}"),
            )
            .await?;
            super::rollup::stepped(conn, &o, Step::Refunded).await?;
        }
        Ok(())
    }

    async fn announce_paid(&self, _state: &AppState, _id: Uuid) {}

    fn return_path(&self, id: Uuid) -> String {
        format!("/app/external-orders/{id}")
    }
}
