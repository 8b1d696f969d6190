//! Orders as payment targets: what is due, and what paying or refunding does.

use sqlx::PgConnection;
use uuid::Uuid;

use kernel::{ApiError, ApiResult};

use super::repo;
use super::status::{Actor, OrderStatus};
use crate::AppState;
use crate::payments::model::{PaymentRow, TargetKind};
use crate::payments::target::{Due, Payee, PaymentTarget};

pub struct OrderTarget;

#[async_trait::async_trait]
impl PaymentTarget for OrderTarget {
    fn kind(&self) -> TargetKind {
        TargetKind::Order
    }

    async fn due(&self, conn: &mut PgConnection, id: Uuid) -> ApiResult<Due> {
        let o = repo::find(&mut *conn, id)
            .await?
            .ok_or(ApiError::NotFound)?;
        Ok(Due {
            amount: o.amount_due,
            discount: o.discount,
            commission: o.commission,
            commission_vat: o.commission_vat,
            payee: Payee::Store(o.store_id),
        })
    }

    /// A paid order awaiting payment is confirmed and invoiced; one cancelled
    /// meanwhile (its payment window closed) does not take the money.
    async fn on_paid(
        &self,
        conn: &mut PgConnection,
        id: Uuid,
        payment: &PaymentRow,
        actor: Option<Uuid>,
    ) -> ApiResult<bool> {
        let o = repo::lock(&mut *conn, id)
            .await?
            .ok_or(ApiError::NotFound)?;
        match OrderStatus::parse(&o.status) {
            Some(OrderStatus::PendingPayment) => {
                repo::set_status(conn, id, OrderStatus::Confirmed.as_str(), actor).await?;
                repo::history(
                    conn,
                    id,
                    Some(&o.status),
                    OrderStatus::Confirmed.as_str(),
                    actor,
                    Actor::System.as_str(),
                    "paid",
                )
                .await?;
                crate::invoices::service::issue(conn, id).await?;
                let paid_by = payment.method().as_str();
                super::rollup::stepped(
                    conn,
                    &o,
                    Some(&o.status),
                    OrderStatus::Confirmed,
                    Some(paid_by),
                )
                .await?;
                Ok(true)
            }
            Some(OrderStatus::Cancelled | OrderStatus::Rejected) => Ok(false),
            _ => Ok(true),
        }
    }

    /// A full refund marks the order refunded: a delivered one, and one not
    /// delivered yet, whose stock comes back and which can then move no
    /// further (so it is never settled nor earns cashback). Refunds of
    /// cancelled or rejected orders are part of that step already.
    async fn on_refunded(
        &self,
        conn: &mut PgConnection,
        id: Uuid,
        amount: i64,
        fully: bool,
        actor: Option<Uuid>,
    ) -> ApiResult<()> {
        let o = repo::lock(&mut *conn, id)
            .await?
            .ok_or(ApiError::NotFound)?;
        let status = OrderStatus::parse(&o.status);
        let open = status.is_some_and(|s| !s.is_final());
        if fully && open {
            repo::release_stock(conn, id).await?;
        }
        super::rollup::refunded(conn, &o, amount).await?;
        if fully && (open || status == Some(OrderStatus::Delivered)) {
            repo::set_status(conn, id, OrderStatus::Refunded.as_str(), actor).await?;
            repo::history(
                conn,
                id,
                Some(&o.status),
                OrderStatus::Refunded.as_str(),
                actor,
                Actor::Admin.as_str(),
                &format!("refund {amount}"),
            )
            .await?;
            super::rollup::stepped(conn, &o, Some(&o.status), OrderStatus::Refunded, None).await?;
        }
        Ok(())
    }

    async fn announce_paid(&self, state: &AppState, id: Uuid) {
        super::service::announce(state, &[id], Some(OrderStatus::PendingPayment.as_str())).await;
    }

    fn return_path(&self, id: Uuid) -> String {
        format!("/app/orders/{id}")
    }
}
