//! What the payment engine needs from anything that can be paid for.

use std::sync::OnceLock;

use sqlx::PgConnection;
use uuid::Uuid;

use kernel::{ApiError, ApiResult};

use super::model::{PaymentRow, TargetKind};
use crate::AppState;

/// Who the money of a target is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Payee {
    Store(Uuid),
    Rep(Uuid),
    /// An external-parts merchant (no store on the platform).
    Merchant(Uuid),
    /// A wallet top-up: the money is the customer's own.
    Wallet(Uuid),
}

/// The amounts fixed on a target when it was created.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Due {
    /// What the customer pays: the seller's total with VAT less `discount`.
    pub amount: i64,
    /// Platform-funded discount (a coupon); the seller still receives it.
    pub discount: i64,
    /// The platform's commission and the VAT on it, fixed at creation.
    pub commission: i64,
    pub commission_vat: i64,
    pub payee: Payee,
}

#[async_trait::async_trait]
pub trait PaymentTarget: Send + Sync {
    fn kind(&self) -> TargetKind;

    /// The amounts due, read under the caller's transaction.
    async fn due(&self, conn: &mut PgConnection, id: Uuid) -> ApiResult<Due>;

    /// The payment was captured. Returns `false` when the target no longer
    /// wants the money (e.g. it was cancelled meanwhile); the engine logs it.
    /// (A card payment arriving after its window closed never gets here: the
    /// gateway sync returns it at the gateway.)
    async fn on_paid(
        &self,
        conn: &mut PgConnection,
        id: Uuid,
        payment: &PaymentRow,
        actor: Option<Uuid>,
    ) -> ApiResult<bool>;

    /// Money went back to the payer; `fully` when nothing is left paid.
    async fn on_refunded(
        &self,
        conn: &mut PgConnection,
        id: Uuid,
        amount: i64,
        fully: bool,
        actor: Option<Uuid>,
    ) -> ApiResult<()>;

    /// After the commit that captured its card payment: tell whoever follows
    /// the target (live events). Never called for a rolled-back capture.
    async fn announce_paid(&self, state: &AppState, id: Uuid);

    /// Where the payer's browser lands after the gateway's hosted page.
    fn return_path(&self, id: Uuid) -> String;
}

/// The implementations, registered once where the application is assembled
/// (`crate::payment_targets`), so the engine names no flow.
static TARGETS: OnceLock<Vec<&'static dyn PaymentTarget>> = OnceLock::new();

/// Registers the payment targets; the first registration wins (every node
/// and test registers the same list).
pub fn register(targets: Vec<&'static dyn PaymentTarget>) {
    let _ = TARGETS.set(targets);
}

/// The implementation for a kind, if one is registered.
pub fn target(kind: TargetKind) -> Option<&'static dyn PaymentTarget> {
    TARGETS
        .get()
        .and_then(|all| all.iter().copied().find(|t| t.kind() == kind))
}

/// The implementation for a stored kind, or an internal error: a payment
/// whose kind nobody registered is a bug of assembly, not of the request.
pub fn implementation(kind: &str) -> ApiResult<&'static dyn PaymentTarget> {
    TargetKind::from_db(kind).and_then(target).ok_or_else(|| {
        ApiError::Internal(anyhow::anyhow!("no payment target registered for {kind}"))
    })
}
