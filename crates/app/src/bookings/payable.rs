//! Bookings as payment targets: the booking's total is due, the store is
//! paid less the commission fixed on the booking and its VAT.

use sqlx::PgConnection;
use uuid::Uuid;

use kernel::{ApiError, ApiResult};

use super::model::Status;
use super::repo;
use crate::AppState;
use crate::payments::model::{PaymentRow, TargetKind};
use crate::payments::target::{Due, Payee, PaymentTarget};

pub struct BookingTarget;

#[async_trait::async_trait]
impl PaymentTarget for BookingTarget {
    fn kind(&self) -> TargetKind {
        TargetKind::ServiceBooking
    }

    async fn due(&self, conn: &mut PgConnection, id: Uuid) -> ApiResult<Due> {
        let b = repo::booking(&mut *conn, id)
            .await?
            .ok_or(ApiError::NotFound)?;
        Ok(Due {
            amount: b.total,
            discount: 0,
            commission: b.commission,
            commission_vat: b.commission_vat,
            payee: Payee::Store(b.store_id),
        })
    }

    /// A booking that expired, was rejected or cancelled meanwhile does not
    /// take the money (the engine returns it).
    async fn on_paid(
        &self,
        conn: &mut PgConnection,
        id: Uuid,
        _p: &PaymentRow,
        _actor: Option<Uuid>,
    ) -> ApiResult<bool> {
        let b = repo::lock(&mut *conn, id)
            .await?
            .ok_or(ApiError::NotFound)?;
        match Status::parse(&b.status) {
            Some(Status::Pending | Status::Confirmed) => {
                repo::mark_paid(conn, id).await?;
                if b.paid_at.is_none() {
                    super::rollup::placed(conn, &b).await?;
                }
                Ok(true)
            }
            _ => Ok(false),
        }
    }

    async fn on_refunded(
        &self,
        conn: &mut PgConnection,
        id: Uuid,
        amount: i64,
        _fully: bool,
        _actor: Option<Uuid>,
    ) -> ApiResult<()> {
        let b = repo::booking(&mut *conn, id)
            .await?
            .ok_or(ApiError::NotFound)?;
        super::rollup::refunded(conn, &b, amount).await
    }

    async fn announce_paid(&self, state: &AppState, id: Uuid) {
        if let Ok(mut c) = state.db.acquire().await
            && let Ok(b) = super::service::steps::shaped(&mut c, id, kernel::Locale::Ar).await
        {
            super::service::steps::announce(state, &b).await;
        }
    }

    fn return_path(&self, id: Uuid) -> String {
        format!("/app/bookings/{id}")
    }
}
